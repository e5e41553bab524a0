"""knowledge/schema.json: never stale, strict about unknown keys, and accepts every real knowledge file.

`jsonschema` is not a dependency, so a small validator below covers exactly the keywords
the generated schema uses — and a test fails if the schema starts using any other one,
so the validator can never silently ignore a rule.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.load import load_file
from generator.model import KnowledgeBase
from generator.schema import SCHEMA_PATH, knowledge_file_schema, render, write
from generator.typed import record_fields

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_FILES = sorted((ROOT / "knowledge").glob("*.yml"))
KEYWORDS = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "default",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "anyOf",
    "enum",
    "const",
    "pattern",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "minimum",
    "maximum",
    "exclusiveMinimum",
}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "") -> list[str]:
    """Every way `value` breaks `schema` (the subset of JSON Schema 2020-12 in KEYWORDS)."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].removeprefix("#/$defs/")]
    found: list[str] = []
    kind = schema.get("type")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is not None:
        ok = isinstance(value, TYPES[kind]) and not (kind != "boolean" and isinstance(value, bool))
    else:
        ok = True
    if not ok:
        return [f"{at}: not {kind}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{at}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: not one of {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{at}: does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            found.append(f"{at}: wrong length")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            found.append(f"{at}: out of range")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            found.append(f"{at}: out of range")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            found.append(f"{at}: wrong number of items")
        for i, item in enumerate(value):
            found += errors(item, schema.get("items", {}), root, f"{at}.{i}")
    if isinstance(value, dict):
        if len(value) < schema.get("minProperties", 0):
            found.append(f"{at}: too few keys")
        found += [f"{at}: missing {key}" for key in schema.get("required", []) if key not in value]
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                found += errors(item, props[key], root, f"{at}.{key}")
            elif extra is False:
                found.append(f"{at}.{key}: not allowed")
            elif isinstance(extra, dict):
                found += errors(item, extra, root, f"{at}.{key}")
    if "anyOf" in schema and all(errors(value, option, root, at) for option in schema["anyOf"]):
        found.append(f"{at}: matches none of anyOf")
    return found


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return knowledge_file_schema()


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run `python -m assemble schema`"


def test_schema_check_command_agrees(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "assemble", "schema", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
        )

    assert run("--check").returncode == 0
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n")
    result = run("--check", "--output", str(stale))
    assert result.returncode == 1 and "out of date" in result.stderr
    assert stale.read_text() == "{}\n", "--check must not write"
    assert run("--output", str(stale)).returncode == 0
    assert stale.read_text(encoding="utf-8") == render()


def test_write_reports_whether_it_changed(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert write(target) is True
    assert write(target) is False


def test_every_section_is_a_property_and_none_is_required(schema: dict[str, Any]) -> None:
    assert set(schema["properties"]) == {f.name for f in record_fields(KnowledgeBase)}
    assert "required" not in schema
    assert schema["additionalProperties"] is False
    assert schema["minProperties"] == 1


def test_every_object_refuses_unknown_keys(schema: dict[str, Any]) -> None:
    for name, definition in schema["$defs"].items():
        assert definition["type"] == "object", name
        assert definition["additionalProperties"] is False, name


def test_schema_uses_only_keywords_the_validator_knows(schema: dict[str, Any]) -> None:
    def walk(node: Any) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(walk, node)) if node else set()
        if not isinstance(node, dict):
            return set()
        used = set(node)
        for key, value in node.items():
            if key in ("properties", "$defs"):
                used |= set().union(*map(walk, value.values())) if value else set()
            elif key not in ("const", "default", "enum"):
                used |= walk(value)
        return used

    assert walk(schema) <= KEYWORDS


@pytest.mark.parametrize("path", KNOWLEDGE_FILES, ids=[p.name for p in KNOWLEDGE_FILES])
def test_real_knowledge_file_is_valid(path: Path, schema: dict[str, Any]) -> None:
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n")
    problems: list = []
    data, _ = load_file(path, path.name, problems)
    assert not problems and data
    assert errors(data, schema, schema) == []


REJECTED = [
    ({}, "too few keys"),
    ({"pitfals": []}, "pitfals: not allowed"),
    ({"glossary": [{"id": "b2b", "term": "B2B", "definition": "Business to business."}]}, "matches none of anyOf"),
    ({"glossary": [{"id": "b2b", "term": "B2B", "definition": "x", "cites": ["nikolov line 3"]}]}, "does not match"),
    (
        {"glossary": [{"id": "B2B", "term": "B2B", "definition": "x", "synthesis": True}]},
        ".glossary.0.id: does not match",
    ),
    (
        {"glossary": [{"id": "b2b", "term": "B2B", "definition": "x", "synthesis": True, "note": "?"}]},
        "note: not allowed",
    ),
    ({"quiz": {"topics": [{"id": "t", "name": "T", "link": "t/"}], "size": "twelve"}}, ".quiz.size: not integer"),
    ({"decision": {"facts": [], "outcomes": [], "rules": []}}, "wrong number of items"),
]


@pytest.mark.parametrize("data, complaint", REJECTED)
def test_schema_rejects_what_the_loader_rejects(data: dict, complaint: str, schema: dict[str, Any]) -> None:
    found = errors(data, schema, schema)
    assert any(complaint in e for e in found), found


def test_patterns_are_portable_to_editors(schema: dict[str, Any]) -> None:
    """Editors run JSON Schema patterns as ECMAScript regexes: no Python-only syntax such as (?P<name>…)."""
    patterns = re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', render())
    assert patterns
    for pattern in patterns:
        assert "(?P" not in pattern and "\\A" not in pattern and "\\Z" not in pattern, pattern


AJV = ROOT / "node_modules" / "ajv" / "dist" / "2020.js"
AJV_SCRIPT = """
const Ajv2020 = require(process.argv[1]).default;
let input = "";
process.stdin.on("data", chunk => input += chunk).on("end", () => {
  const {schema, documents} = JSON.parse(input);
  const ajv = new Ajv2020({strict: true, allErrors: true});  // strict: unknown keywords and bad regexes throw
  const validate = ajv.compile(schema);
  process.stdout.write(JSON.stringify(documents.map(d => validate(d) ? [] :
    validate.errors.map(e => `${e.instancePath} ${e.message}`))));
});
"""


def ajv(schema: dict[str, Any], documents: list[Any]) -> list[list[str]]:
    """Errors per document from ajv, a real JSON Schema 2020-12 validator with JavaScript regexes."""
    assert AJV.is_file() and shutil.which("node"), "node_modules missing: run `make browser` (make test does)"
    result = subprocess.run(
        ["node", "-e", AJV_SCRIPT, str(AJV)],
        input=json.dumps({"schema": schema, "documents": documents}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_real_validator_compiles_the_schema_and_agrees_with_the_loader(schema: dict[str, Any]) -> None:
    """What editors run: ajv in strict mode compiles every pattern as a JavaScript regex, accepts every
    real knowledge file, and refuses the malformed ones the small validator above refuses."""
    real = []
    for path in KNOWLEDGE_FILES:
        data, _ = load_file(path, path.name, [])
        real.append(data)
    bad = [data for data, _ in REJECTED]
    results = ajv(schema, real + bad)
    assert results[: len(real)] == [[] for _ in real], results[: len(real)]
    for (data, complaint), found in zip(REJECTED, results[len(real) :]):
        assert found, f"ajv accepted {data} (the loader refuses it: {complaint})"
