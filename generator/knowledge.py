"""Load → validate → check: the one entry point that turns YAML into a trusted model."""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from .articles import Articles, read_articles
from .checks import check
from .errors import KnowledgeBaseError, Problem
from .load import LoadedKnowledge, load_knowledge
from .model import KnowledgeBase
from .quotelock import LockUnreadable, QuoteLock, lock_file, read_lock
from .typed import DataPath, Invalid, parse

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
SOURCES_DIR = ROOT.parent / "shared" / "sources"


def knowledge_dir(config_file: Path) -> Path:
    """The knowledge directory a build reads: `$PARTNER_KB`, else knowledge/ beside mkdocs.yml."""
    return Path(os.environ.get("PARTNER_KB") or config_file.resolve().parent / "knowledge")


def sources_dir() -> Path:
    """The folder of source articles a build reads: `$PARTNER_SOURCES`, else the shared one."""
    return Path(os.environ.get("PARTNER_SOURCES") or SOURCES_DIR)


def _message(loc: DataPath, message: str, data: object = None) -> str:
    if message == "field required" and len(loc) == 1:
        return f"section '{loc[0]}' is missing: no *.yml file in the knowledge directory defines it"
    where = describe(loc, data)
    return f"{where}: {message}" if where else message


def describe(loc: DataPath, data: object = None) -> str:
    """A data path as an editor reads it: list items counted from 1 and named by their id where they
    have one — "glossary item 10 ('b2b'), definition", not "glossary.9.definition"."""
    segments: list[str] = []
    node = data
    after_item = True
    for part in loc:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = node.get("id") if isinstance(node, dict) else None
            label = f" item {part + 1}" + (f" ('{name}')" if isinstance(name, str) and name else "")
            if segments:
                segments[-1] += label
            else:
                segments.append(label.strip())
            after_item = True
        else:
            node = node.get(part) if isinstance(node, dict) else None
            if after_item:
                segments.append(str(part))
            else:
                segments[-1] += f".{part}"
            after_item = False
    return ", ".join(segments)


def typed_model(loaded: LoadedKnowledge) -> KnowledgeBase:
    """Build the typed model; every schema error becomes a located Problem."""
    try:
        return parse(KnowledgeBase, loaded.data)
    except Invalid as exc:
        problems = []
        for loc, message in exc.errors:
            path, line = loaded.locate(loc)
            problems.append(Problem(path, line, _message(loc, message, loaded.data)))
        raise KnowledgeBaseError(problems) from None


ModelCheck = Callable[[KnowledgeBase], list[tuple[DataPath, str]]]
"""A check from a layer above the model (the quiz bank's): problems as (data path, message)."""


def load_checked(
    directory: Path = KNOWLEDGE_DIR,
    source_dir: Path | None = SOURCES_DIR,
    more: Sequence[ModelCheck] = (),
    use_lock: bool = True,
) -> tuple[KnowledgeBase, Articles]:
    """Load, validate and cross-check the knowledge base, or raise with every problem found; also
    say whether the quotations could be verified (they are only where the articles exist).

    `more` are checks of the layers built on the model (the quiz bank's); they run only on a
    knowledge base that passed its own checks, and their problems are located like any other.
    The quotation lock (`generator.quotelock`, knowledge/quotations.lock) verifies quotations where the
    articles are absent, and must match them where they are present; `use_lock=False` leaves it out
    (`make lock`, which replaces it). A build asks twice — `make site` before it starts MkDocs, the
    hooks inside it — so the result is kept for as long as no file it reads changes (`mkdocs serve`
    edits reload it).
    """
    lock = lock_file(directory) if use_lock else None
    return _load_checked(directory, source_dir, tuple(more), lock, fingerprint(directory, source_dir, lock))


def fingerprint(*folders: Path | None) -> tuple[object, ...]:
    """What a build reads from these folders: each file's path, size, modification time and inode,
    sub-folders included. Equal fingerprints mean nothing changed, so a result may be reused."""
    seen: list[object] = []
    for folder in folders:
        if folder is not None and folder.is_file():  # a single file read beside them (a lock elsewhere)
            stat = folder.stat()
            seen.append((str(folder), stat.st_size, stat.st_mtime_ns, stat.st_ino))
            continue
        if folder is None or not folder.is_dir():
            seen.append((str(folder), None))
            continue
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:  # a broken link: the loader reports it; its own entry is what can change
                stat = path.lstat()
            seen.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(seen)


@functools.lru_cache(maxsize=4)
def _load_checked(
    directory: Path,
    source_dir: Path | None,
    more: tuple[ModelCheck, ...],
    lock_path: Path | None,
    fingerprint: tuple[object, ...],
) -> tuple[KnowledgeBase, Articles]:
    """`load_checked` itself; `fingerprint` only keys the cache. A failure raises, so it is never kept."""
    loaded = load_knowledge(directory, root=directory.parent)
    kb = typed_model(loaded)
    articles = read_articles(source_dir, {s.id: s.file for s in kb.sources})
    lock, problems = _read_lock(lock_path, directory)
    articles = dataclasses.replace(articles, lock=lock)
    problems += check(kb, loaded, articles)
    if not problems:
        for located in more:
            for loc, message in located(kb):
                path, line = loaded.locate(loc)
                problems.append(Problem(path, line, message))
    if problems:
        raise KnowledgeBaseError(problems)
    return kb, articles


def lock_shown(path: Path, directory: Path) -> str:
    """How problems name the lock: relative to the knowledge directory's parent, like the data files."""
    try:
        return path.resolve().relative_to(directory.resolve().parent).as_posix()
    except ValueError:
        return str(path)


def _read_lock(path: Path | None, directory: Path) -> tuple[QuoteLock | None, list[Problem]]:
    """The quotation lock, if there is one; a malformed one is a located problem."""
    if path is None:
        return None, []
    shown = lock_shown(path, directory)
    try:
        return read_lock(path, shown), []
    except LockUnreadable as exc:
        return None, [Problem(shown, exc.line, str(exc))]


def load(directory: Path = KNOWLEDGE_DIR, source_dir: Path | None = SOURCES_DIR) -> KnowledgeBase:
    """The checked knowledge base (see `load_checked`)."""
    return load_checked(directory, source_dir)[0]
