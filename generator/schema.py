"""JSON Schema for one knowledge file, generated from the typed records in generator/model.py.

Editors (the YAML language server, via each file's `# yaml-language-server:
$schema=schema.json` comment) then flag typos and wrong types while typing. The
schema is derived, never hand-edited: `python -m assemble schema` rewrites
knowledge/schema.json and a test fails when the committed copy is stale.

Each file holds only some sections, so no section is required at the top level;
cross-file rules (references, rule coverage) stay with `python -m assemble check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model
from .knowledge import KNOWLEDGE_DIR
from .typed import json_schema

SCHEMA_PATH = KNOWLEDGE_DIR / "schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _cited_models() -> set[str]:
    """Names of the models whose items must cite a source or be marked as synthesis."""
    return {
        name
        for name, obj in vars(model).items()
        if isinstance(obj, type) and issubclass(obj, model.Cited) and obj is not model.Cited
    }


def knowledge_file_schema() -> dict[str, Any]:
    """The schema every knowledge/*.yml file must satisfy on its own."""
    schema = json_schema(model.KnowledgeBase)  # no `required` taken: a file holds some sections
    cited = _cited_models()
    for name, definition in schema["$defs"].items():
        if name not in cited:
            continue
        # What Cited's validators enforce, expressed for the editor: a citation format, and
        # either a non-empty `cites` or `synthesis: true`.
        definition["properties"]["cites"]["items"]["pattern"] = model.CITE.pattern
        definition["anyOf"] = [
            {"type": "object", "required": ["cites"], "properties": {"cites": {"type": "array", "minItems": 1}}},
            {
                "type": "object",
                "required": ["synthesis"],
                "properties": {"synthesis": {"type": "boolean", "const": True}},
            },
        ]
    return {
        "$schema": DIALECT,
        "title": "Partner or Customer? knowledge file",
        "description": "One file of knowledge/: some of the knowledge base's sections. "
        "Generated from generator/model.py by `python -m assemble schema`; do not edit.",
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": schema["properties"],
        "$defs": schema["$defs"],
    }


def render() -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(knowledge_file_schema(), indent=2, ensure_ascii=False) + "\n"


def write(path: Path = SCHEMA_PATH) -> bool:
    """Write the schema to `path`; True when the file changed."""
    text = render()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
