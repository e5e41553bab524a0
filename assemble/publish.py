"""Build the site into a temporary directory and swap it into place only when the build succeeded.

`mkdocs build` writes straight into site/, so a build that dies half-way leaves a
half-built site behind — and a deploy step may publish it. Here the knowledge base
is validated first (nothing is touched when it is broken), the engine (MkDocs, or
Zensical: `engine="zensical"`) builds next to the target, and the finished directory
replaces the old one with two renames. How each engine builds is in engines.py; loading the
knowledge base and reporting its problems in report.py.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from .engines import ENGINES, MKDOCS, build_with, expected_failure
from .report import load_for_build

BUILD_PREFIX = ".site-build-"  # ignored by git and removed by `make clean`


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


class Terminated(BaseException):
    """SIGTERM arrived during a build (a stopped `make`, a CI job's timeout, a supervisor)."""


@contextmanager
def terminable() -> Iterator[None]:
    """Within this block SIGTERM raises Terminated, so every `finally` that removes a temporary
    folder runs (Python's default is to die on the spot, leaving `.site-build-*` behind) and a
    child process is killed by `subprocess.run` on the way out. Only the main thread gets signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
        with terminable():
            build_with(engine, config, built, kb)
    except Terminated:
        shutil.rmtree(built, ignore_errors=True)
        print(f"build stopped (SIGTERM); {site_dir} was left unchanged.", file=sys.stderr)
        return 128 + signal.SIGTERM
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
