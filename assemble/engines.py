"""The engines a build can use and how each one builds: MkDocs + Material in this process,
Zensical in a child process on a project written for it (zensical.py). The atomic build
(publish.py) and the preview (serve.py) choose an engine by name; only this module knows how
each one is run and how each one reports a failed build.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from generator.errors import KnowledgeBaseError
from generator.model import KnowledgeBase

MKDOCS, ZENSICAL = ENGINES = ("mkdocs", "zensical")
"""The engines a build can use (`--engine`, `make site ENGINE=…`), named once; MkDocs is the default."""


def mkdocs_build(config: Path, dest: Path) -> None:
    """Run the same steps as `mkdocs build --strict` into `dest`; raises on any failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)  # show MkDocs' warnings; strict mode turns them into failure
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config), site_dir=str(dest), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg, dirty=False)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)


def build_with(engine: str, config: Path, dest: Path, kb: KnowledgeBase) -> None:
    """Build the site `config` describes with `engine` into `dest` (an empty directory); raises on
    any failure. `kb` is the checked knowledge base (Zensical, which runs no hooks, is handed it)."""
    if engine == ZENSICAL:
        from .zensical import zensical_build

        zensical_build(config, dest, kb)
    elif engine == MKDOCS:
        mkdocs_build(config, dest)
    else:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


def expected_failure(exc: BaseException) -> bool:
    """How the engines report a failed build — a clear message is all a reader needs. Anything
    else escaping a build is a bug in our code, and its traceback is kept."""
    from mkdocs.exceptions import MkDocsException

    from .zensical import ZensicalFailed

    return isinstance(exc, (MkDocsException, SystemExit, KnowledgeBaseError, ZensicalFailed, OSError))
