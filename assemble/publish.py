"""Build the site into a temporary directory and swap it into place only when the build succeeded;
load the knowledge base and report its problems the one way the build, `check` and the preview share.

`mkdocs build` writes straight into site/, so a build that dies half-way leaves a
half-built site behind — and a deploy step may publish it. Here the knowledge base
is validated first (nothing is touched when it is broken), the engine (MkDocs, or
Zensical: `engine="zensical"`) builds next to the target, and the finished directory
replaces the old one with two renames. How each engine builds is in engines.py.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from generator.articles import Articles
from generator.errors import KnowledgeBaseError
from generator.knowledge import knowledge_dir, load_checked, lock_shown, sources_dir
from generator.model import KnowledgeBase
from generator.quotelock import LockUnreadable, lock_file, lock_for, read_lock
from quiz.verify import bank_problems

from .engines import ENGINES, MKDOCS, build_with, expected_failure

BUILD_PREFIX = ".site-build-"  # ignored by git and removed by `make clean`


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


def update_lock(kb: KnowledgeBase, articles: Articles, knowledge: Path, write: bool = True,
                replace: bool = False) -> LockState:
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
        print(f"{shown}: out of date — it does not record every citation and quotation just verified; "
              "run `make lock` and commit the file", file=sys.stderr)
        return "out of date"
    path.write_text(new.render(), encoding="utf-8")
    print(f"wrote {shown}: {len(new.articles)} articles, {len(new.lines)} cited lines, verified {new.verified} "
          "(commit it: checks without the articles verify against it)")
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


def swap(built: Path, site_dir: Path) -> None:
    """Put `built` at `site_dir`; the old site is renamed aside first and deleted only afterwards."""
    if not site_dir.exists():
        built.rename(site_dir)
        return
    if not site_dir.is_dir():
        raise NotADirectoryError(f"{site_dir} exists and is not a directory")
    old = built.with_name(built.name + "-old")
    site_dir.rename(old)
    try:
        built.rename(site_dir)
    except BaseException:
        old.rename(site_dir)  # put the previous site back rather than leave nothing
        raise
    shutil.rmtree(old, ignore_errors=True)


def count_pages(site: Path) -> int:
    """HTML pages in a built site, the 404 page not counted."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def build_atomically(config: Path, site_dir: Path, engine: str = MKDOCS) -> int:
    """Validate, build with `engine` into a sibling temporary directory, swap on success; return an exit code."""
    started = time.perf_counter()
    if engine not in ENGINES:
        print(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}", file=sys.stderr)
        return 2
    kb = load_for_build(config)
    if kb is None:
        return 1
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=site_dir.parent))
    try:
        build_with(engine, config, built, kb)
    except (Exception, SystemExit) as exc:  # MkDocs signals failure with Abort, ConfigurationError, …
        shutil.rmtree(built, ignore_errors=True)
        message = str(exc).strip() or type(exc).__name__
        if not expected_failure(exc):  # a bug in the generator, not bad input: whoever fixes it needs the traceback
            traceback.print_exception(exc, file=sys.stderr)
            message = f"{type(exc).__name__}: {message} (an error in the generator itself, not in the knowledge base)"
        print(f"build failed: {message}", file=sys.stderr)
        print(f"{site_dir} was left unchanged.", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    pages = count_pages(built)
    try:
        swap(built, site_dir)
    except OSError as exc:
        shutil.rmtree(built, ignore_errors=True)
        print(f"could not replace {site_dir}: {exc}", file=sys.stderr)
        return 1
    print(f"built {pages} pages into {site_dir} with {engine} in {time.perf_counter() - started:.1f} s")
    return 0
