"""Load → validate → check: the one entry point that turns YAML into a trusted model."""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .checks import check
from .errors import KnowledgeBaseError, Problem
from .load import LoadedKnowledge, load_knowledge
from .model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
SOURCES_DIR = ROOT.parent / "shared" / "sources"


def _message(error: dict) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    msg = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        msg = "unknown field (typo?)"
    if error["type"] == "missing" and len(error["loc"]) == 1:
        return f"section '{loc}' is missing: no *.yml file in the knowledge directory defines it"
    return f"{loc}: {msg}" if loc else msg


def validate(loaded: LoadedKnowledge) -> KnowledgeBase:
    """Build the typed model; every schema error becomes a located Problem."""
    try:
        return KnowledgeBase.model_validate(loaded.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path, line = loaded.locate(tuple(error["loc"]))
            problems.append(Problem(path, line, _message(error)))
        raise KnowledgeBaseError(problems) from None


def load(directory: Path = KNOWLEDGE_DIR, source_dir: Path | None = SOURCES_DIR) -> KnowledgeBase:
    """Load, validate and cross-check the knowledge base, or raise with every problem found."""
    loaded = load_knowledge(directory, root=directory.parent)
    kb = validate(loaded)
    if source_dir is not None and not source_dir.is_dir():
        source_dir = None  # quotations are checked only where the articles are present
    problems = check(kb, loaded, source_dir)
    if problems:
        raise KnowledgeBaseError(problems)
    return kb
