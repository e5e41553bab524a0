"""`make serve` with MkDocs: a broken knowledge base is shown in the browser, never a hung request.

`mkdocs serve` holds every browser request until a build succeeds, so a build that aborted on a
broken knowledge base left the page loading until the file was fixed, with the problems only in the
terminal. While serving, the hooks ask this module for the tree instead: the current one when the
knowledge base is sound; otherwise the last good one with the problems in a box at the top of every
page (or, when nothing was good yet, a page of problems alone). The next save rebuilds, and a fix
brings the site back. Plain `mkdocs build` and `make site` still stop on the first problem.

The hooks module is loaded anew for each build of a serve, so what must last — whether this process
serves, the last good tree — lives here, in a module imported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import KnowledgeBaseError
from generator.layout import Doc
from generator.markup import render_template
from generator.text import one_line

from .tree import DocsTree, tree_for

TEMPLATES = Path(__file__).resolve().parent / "templates"
PROBLEMS_PAGE = Doc.HOME  # when nothing built yet, the problems are the home page


@dataclass
class _Serving:
    """The preview of this process: whether it serves, and the last tree that built."""

    active: bool = False
    last_good: DocsTree | None = None


SERVING = _Serving()


def started(command: str) -> None:
    """MkDocs' startup event: 'serve' for `mkdocs serve` (and `make serve`), 'build' otherwise."""
    SERVING.active = command == "serve"
    SERVING.last_good = None


@dataclass(frozen=True)
class Preview:
    """What a build renders: the tree, and the problems to show on its pages (none when sound)."""

    tree: DocsTree
    problems: tuple[str, ...] = ()
    banner: bool = False  # the last good tree, each page under a box of the problems

    def page_markdown(self, path: str, markdown: str) -> str:
        """A page as the tree renders it, with the problems above it while there are any."""
        page = self.tree.page_markdown(path, markdown)
        return problems_markdown(self.problems, kept=True, standalone=False) + page if self.banner else page


def problems_markdown(problems: tuple[str, ...], kept: bool, standalone: bool) -> str:
    """The problems as Markdown: a box (`kept`: the last good build is shown below it)."""
    lines = [one_line(p) for p in problems]  # a newline would end the code block
    longest = max((len(run) for p in lines for run in re.findall(r"`+", p)), default=0)
    return render_template(
        "problems.md.j2",
        (TEMPLATES,),
        problems=lines,
        kept=kept,
        standalone=standalone,
        fence="`" * max(3, longest + 1),
    )


def preview(config_file: Path, docs_dir: Path) -> Preview:
    """The tree a build of `config_file` renders; while serving, a broken knowledge base gives the
    last good tree with its problems (or a page of problems) instead of raising."""
    try:
        tree, _ = tree_for(config_file, docs_dir)
    except (KnowledgeBaseError, ValueError) as exc:
        if not SERVING.active:
            raise
        problems = tuple(str(p) for p in exc.problems) if isinstance(exc, KnowledgeBaseError) else (str(exc),)
        if SERVING.last_good is not None:
            return Preview(SERVING.last_good, problems, banner=True)
        page = problems_markdown(problems, kept=False, standalone=True)
        return Preview(DocsTree({PROBLEMS_PAGE: page}, {}, [PROBLEMS_PAGE]), problems)
    if SERVING.active:
        SERVING.last_good = tree
    return Preview(tree)
