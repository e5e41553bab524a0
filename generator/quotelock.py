"""The quotation lock: what the check found in the articles, kept so it can be verified without them.

The articles are not in the repository (they belong to their authors), so a clone, a pull request
or the deploy workflow cannot read them. Where they are present, `make check` records in
knowledge/quotations.lock a fingerprint of each article and, for every line the knowledge base
cites or quotes, a fingerprint of the line's text and of each quotation found on it. Where they
are absent, every citation and quotation is verified against that record instead: a quotation
that changed, a citation to a line the record does not cover, or a quotation moved to another line
fails with `path:line` and how to refresh the lock (`make lock`, where the articles are). Where
they are present, a lock made from different articles fails too — the lines it vouches for may
have moved. Fingerprints, not text: the lock holds nothing of the articles a reader could use.

Format (JSON, one entry per line so a change reads well in a diff):

    {"about": "...", "format": 1, "verified": "2026-12-06",
     "articles": {"<source id>": {"file": "<file name>", "sha256": "<hex of the normalised text>", "lines": 37}},
     "lines": {"<source id>:<line>": {"text": "<16 hex>", "quotes": ["<16 hex>", ...]}}}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Article
from .cited import cited_items, quoted_items
from .model import KnowledgeBase
from .text import comparable

LOCK_NAME = "quotations.lock"
FORMAT = 1
REFRESH = "run `make lock` where the articles are (README: The source articles)"
ABOUT = (
    "Written by `make check` (or `make lock`) where the source articles are; lets `make check` verify "
    "every citation and quotation without them. Fingerprints only (sha256 of normalised text). "
    "Refresh: make lock"
)


def fingerprint(text: str) -> str:
    """A line's or a quotation's fingerprint: the first 16 hex digits of the sha256 of its normalised text."""
    return hashlib.sha256(comparable(text).encode("utf-8")).hexdigest()[:16]


def article_fingerprint(article: Article) -> str:
    """The whole article's fingerprint: sha256 of its normalised lines, one per line."""
    return hashlib.sha256("\n".join(article.lines).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LockedArticle:
    """What the lock knows of one article."""

    file: str
    sha256: str
    lines: int


@dataclass(frozen=True)
class LockedLine:
    """One cited or quoted line: its text's fingerprint and the fingerprints of the quotations found on it."""

    text: str
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteLock:
    """A quotation lock, read from `path` (or made from the articles, `path` where it will be written)."""

    path: Path
    shown: str  # how problems name the file: knowledge/quotations.lock
    verified: str
    articles: dict[str, LockedArticle]
    lines: dict[str, LockedLine]
    at: dict[str, int] = field(default_factory=dict, compare=False)  # entry key -> its line in the file

    def line_of(self, key: str) -> int:
        """The line of the lock file where `key` (a source id or 'source:line') is written."""
        return self.at.get(key, 1)

    def same_entries(self, other: QuoteLock) -> bool:
        """Whether two locks record the same (the date aside): rewriting would change nothing else."""
        return self.articles == other.articles and self.lines == other.lines

    def render(self) -> str:
        """The file's text: stable order, one article or line a line."""

        def entries(items: Iterable[tuple[str, object]]) -> str:
            rows = [
                f"    {json.dumps(key)}: {json.dumps(value, sort_keys=True, ensure_ascii=False)}"
                for key, value in items
            ]
            return "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"

        articles = [
            (sid, {"file": a.file, "sha256": a.sha256, "lines": a.lines}) for sid, a in sorted(self.articles.items())
        ]
        lines = [(key, {"text": v.text, "quotes": list(v.quotes)}) for key, v in sorted(self.lines.items(), key=_order)]
        return (
            "{\n"
            f'  "about": {json.dumps(ABOUT)},\n'
            f'  "format": {FORMAT},\n'
            f'  "verified": {json.dumps(self.verified)},\n'
            f'  "articles": {entries(articles)},\n'
            f'  "lines": {entries(lines)}\n'
            "}\n"
        )


def _order(item: tuple[str, object]) -> tuple[str, int]:
    sid, _, line = item[0].rpartition(":")
    return sid, int(line) if line.isdigit() else 0


class LockUnreadable(ValueError):
    """The lock file is not a quotation lock (the message says why; `line` where)."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def read_lock(path: Path, shown: str) -> QuoteLock | None:
    """The lock at `path` (`shown` as problems name it), or None when there is none; raises
    LockUnreadable for a malformed one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise LockUnreadable(f"cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LockUnreadable(f"not valid JSON ({exc.msg}); {REFRESH}", exc.lineno) from None
    try:
        if data["format"] != FORMAT:
            raise LockUnreadable(f"format {data['format']!r} is not {FORMAT}; {REFRESH}")
        articles = {
            str(sid): LockedArticle(str(a["file"]), str(a["sha256"]), int(a["lines"]))
            for sid, a in data["articles"].items()
        }
        lines = {
            str(key): LockedLine(str(v["text"]), tuple(str(q) for q in v["quotes"])) for key, v in data["lines"].items()
        }
        verified = str(data["verified"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, LockUnreadable):
            raise
        raise LockUnreadable(f"not a quotation lock (missing or malformed {exc}); {REFRESH}") from None
    at: dict[str, int] = {}
    for number, row in enumerate(text.splitlines(), 1):
        stripped = row.strip()
        if stripped.startswith('"') and '": {' in stripped:
            at.setdefault(json.loads(stripped.split(": {", 1)[0]), number)
    return QuoteLock(path, shown, verified, articles, lines, at)


def make_lock(
    path: Path,
    shown: str,
    verified: str,
    articles: dict[str, Article],
    cited: Iterable[tuple[str, int]],
    quoted: Iterable[tuple[str, int, str]],
) -> QuoteLock:
    """The lock for what the knowledge base cites (`cited`: source id, line) and quotes (`quoted`:
    source id, line, text), made from the articles it was verified against."""
    lines: dict[str, set[str]] = {}
    for sid, line in cited:
        if sid in articles and 1 <= line <= len(articles[sid].lines):
            lines.setdefault(f"{sid}:{line}", set())
    for sid, line, quote in quoted:
        if sid in articles and 1 <= line <= len(articles[sid].lines):
            lines.setdefault(f"{sid}:{line}", set()).add(fingerprint(quote))
    return QuoteLock(
        path,
        shown,
        verified,
        {sid: LockedArticle(a.file, article_fingerprint(a), len(a.lines)) for sid, a in articles.items()},
        {
            key: LockedLine(
                fingerprint(articles[key.rpartition(":")[0]].lines[int(key.rpartition(":")[2]) - 1]),
                tuple(sorted(quotes)),
            )
            for key, quotes in lines.items()
        },
    )


def lock_for(kb: KnowledgeBase, articles: dict[str, Article], path: Path, shown: str, verified: str) -> QuoteLock:
    """The lock of everything `kb` cites and quotes, from the articles it was just verified against."""
    cited = [(sid, line) for _, item in cited_items(kb) for sid, line in item.citations if line is not None]
    quoted = [(sid, q.line, q.text) for _, sid, q in quoted_items(kb)]
    return make_lock(path, shown, verified, articles, cited, quoted)


def changed_lines(lock: QuoteLock, source_id: str, article: Article) -> list[int]:
    """The lines of `source_id` the lock vouches for whose text is not what it was (or is gone)."""
    changed = []
    for key, entry in lock.lines.items():
        sid, _, line = key.rpartition(":")
        if sid == source_id and line.isdigit():
            n = int(line)
            if n > len(article.lines) or fingerprint(article.lines[n - 1]) != entry.text:
                changed.append(n)
    return sorted(changed)


def lock_file(directory: Path, env: Mapping[str, str] | None = None) -> Path | None:
    """Where the lock of the knowledge base in `directory` is: `$PARTNER_LOCK` when set (empty: no
    lock, as the tests' fixture articles are not the ones it was made from), else beside the data."""
    env = os.environ if env is None else env
    if "PARTNER_LOCK" in env:
        return Path(env["PARTNER_LOCK"]) if env["PARTNER_LOCK"] else None
    return directory / LOCK_NAME
