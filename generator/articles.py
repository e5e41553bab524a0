"""The source articles, read safely: what quotations and citation lines are checked against.

The articles are not part of the repository (a team keeps them in a private folder), so every
read is guarded: a missing folder is reported as "not verified", never as "OK", and a file that
is a symlink out of the folder, binary, or not UTF-8 is a located problem, not a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quotelock import QuoteLock

from .text import comparable


@dataclass(frozen=True)
class Article:
    """One article's lines, as the checks compare them."""

    file: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Articles:
    """The articles found for the knowledge base's sources, and why any could not be read."""

    folder: Path | None
    found: dict[str, Article] = field(default_factory=dict)  # source id -> article
    unreadable: dict[str, str] = field(default_factory=dict)  # source id -> why
    missing_at: Path | None = None  # where articles were looked for, when none were found
    lock: QuoteLock | None = None  # the quotation lock (knowledge/quotations.lock), when there is one

    @property
    def verified(self) -> bool:
        """True when quotations and citation lines were checked: against the articles, or (where they
        are absent) against the quotation lock made from them."""
        return self.folder is not None or self.lock is not None

    def status(self) -> str:
        """One line for `check` and the build, saying plainly what was and was not verified."""
        where = "" if self.missing_at is None else f" at {self.missing_at}"
        if self.folder is None and self.lock is not None:
            return (
                f"quotations verified against the lock of {self.lock.verified} ({self.lock.shown}: "
                f"{len(self.lock.articles)} articles, {len(self.lock.lines)} cited lines; no articles found{where})"
            )
        if self.folder is None:
            return (
                f"quotations NOT verified: no articles found{where} and no quotation lock (set PARTNER_SOURCES "
                "to the folder of source articles, then run `make lock`)"
            )
        return f"quotations verified against {len(self.found)} articles in {self.folder}"


def read_articles(folder: Path | None, files: dict[str, str]) -> Articles:
    """Read `files` (source id -> file name) from `folder`; a folder that does not exist gives an
    unverified result rather than an error, since a clean clone has no articles."""
    if folder is None or not folder.is_dir():
        return Articles(None, missing_at=folder)
    root = folder.resolve()
    found: dict[str, Article] = {}
    unreadable: dict[str, str] = {}
    for source_id, name in files.items():
        path = folder / name
        why = _unsafe(path, root)
        if why is None:
            try:
                raw = path.read_bytes()
                if b"\x00" in raw:
                    why = f"source file '{name}' is binary, not text"
                else:
                    text = raw.decode("utf-8")
                    found[source_id] = Article(name, tuple(comparable(line) for line in text.splitlines()))
            except UnicodeDecodeError as exc:
                why = f"source file '{name}' is not valid UTF-8 (byte {exc.start})"
            except OSError as exc:
                why = f"source file '{name}' cannot be read: {exc.strerror or exc}"
        if why is not None:
            unreadable[source_id] = why
    return Articles(folder, found, unreadable)


def _unsafe(path: Path, root: Path) -> str | None:
    """Why `path` must not be read, if anything: missing, not a file, or leading out of the folder
    (a symlink to /etc/passwd would let a pull request quote any file on the build machine)."""
    if not path.exists():
        return f"source file '{path.name}' not found in {path.parent}"
    if not path.resolve().is_relative_to(root) or (path.is_symlink() and path.resolve().parent != root):
        return f"source file '{path.name}' is a link that leads out of the articles folder"
    if not path.is_file():
        return f"source file '{path.name}' is not a file"
    return None


def quote_problem(quote: str, line: int, article: Article) -> str | None:
    """Why `quote` is not a quotation of `line` of `article`, or None when it is.

    The quotation must stand there word for word and on word boundaries: "ork fo" occurs inside
    "work for" but quotes nothing.
    """
    text = comparable(quote)
    if line > len(article.lines):
        return f"line {line} is past the end of {article.file} ({len(article.lines)} lines)"
    pattern = ("(?<!\\w)" if text[:1].isalnum() else "") + re.escape(text) + ("(?!\\w)" if text[-1:].isalnum() else "")
    if not re.search(pattern, article.lines[line - 1]):
        elsewhere = next((n for n, text in enumerate(article.lines, 1) if re.search(pattern, text)), None)
        if elsewhere is not None:
            return f"quotation not on line {line} of {article.file}: found on line {elsewhere}"
        return f"quotation not found word for word on line {line} of {article.file}"
    return None
