"""Loading the knowledge base and reporting on it, the one way the build, `check`, `lock` and the
preview share: every problem as `path:line: message` and what follows from them, whether the
quotations were verified, and the quotation lock brought up to date.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from generator.articles import Articles
from generator.errors import KnowledgeBaseError
from generator.knowledge import knowledge_dir, load_checked, lock_shown, sources_dir
from generator.model import KnowledgeBase
from generator.quotelock import LockUnreadable, lock_file, lock_for, read_lock
from quiz.verify import bank_problems


def load_or_report(knowledge: Path, consequence: str, use_lock: bool = True) -> tuple[KnowledgeBase, Articles] | None:
    """The checked knowledge base (the quiz bank's checks included), or None after printing every
    problem as `path:line: message` and what follows from them (`consequence`). The command line,
    the build and the Zensical preview all report a broken knowledge base this one way."""
    try:
        return load_checked(knowledge, sources_dir(), more=[bank_problems], use_lock=use_lock)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; {consequence}.", file=sys.stderr)
        return None


LockState = Literal["off", "up to date", "written", "out of date"]


def update_lock(
    kb: KnowledgeBase, articles: Articles, knowledge: Path, write: bool = True, replace: bool = False
) -> LockState:
    """Bring the quotation lock (generator/quotelock.py) up to date with what was just verified
    against the articles: every cited line and quotation. "off" without the articles or with the
    lock turned off (PARTNER_LOCK=""). `write` False (CI: --locked) reports an out-of-date lock
    instead of rewriting it; `replace` (`make lock`) compares with the file on disk, which the check
    was told to ignore because the articles changed."""
    path = lock_file(knowledge)
    if articles.folder is None or path is None:
        return "off"
    shown = lock_shown(path, knowledge)
    old = articles.lock
    if replace:
        try:
            old = read_lock(path, shown)
        except LockUnreadable:
            old = None  # a malformed lock is what `make lock` replaces
    new = lock_for(kb, articles.found, path, shown, datetime.now(UTC).date().isoformat())
    if old is not None and old.same_entries(new):
        if replace:
            print(f"{shown} is up to date (verified {old.verified})")
        return "up to date"
    if not write:
        print(
            f"{shown}: out of date — it does not record every citation and quotation just verified; "
            "run `make lock` and commit the file",
            file=sys.stderr,
        )
        return "out of date"
    path.write_text(new.render(), encoding="utf-8")
    print(
        f"wrote {shown}: {len(new.articles)} articles, {len(new.lines)} cited lines, verified {new.verified} "
        "(commit it: checks without the articles verify against it)"
    )
    return "written"


def load_for_build(config: Path) -> KnowledgeBase | None:
    """Load the knowledge base a build of `config` reads; None (problems printed) when it failed."""
    checked = load_or_report(knowledge_dir(config), "the site was not built")
    if checked is None:
        return None
    kb, articles = checked
    announce(articles)
    return kb


def announce(articles: Articles) -> bool:
    """Say whether the quotations were verified — on stdout, or as a warning on stderr when they
    could not be; True when they were. The build and `check` say it in the same words."""
    if articles.verified:
        print(articles.status())
    else:
        print(f"warning: {articles.status()}", file=sys.stderr)
    return articles.verified
