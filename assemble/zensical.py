"""Build (or serve) the site with Zensical, Material for MkDocs' successor.

Zensical reads mkdocs.yml and renders Python-Markdown, but runs no MkDocs hooks and wants its
docs and site folders inside the folder of its config. So a build writes a small project:

    <work>/mkdocs.yml   a copy of the site's mkdocs.yml: hooks/watch dropped, the nav filled in,
                        Zensical's Material-like "classic" look chosen
    <work>/docs/        the docs tree both engines render (assemble.tree.docs_tree), on disk
    <work>/overrides/   the theme overrides, without those written for Material's templates only
    <work>/site/        Zensical's output

and runs `python -m zensical build --strict` on it in a child process. The preview (serve.py) keeps
such a project up to date while `zensical serve` shows it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.model import KnowledgeBase

from .siteinfo import footer, site_url
from .tree import docs_tree

MATERIAL_ONLY = frozenset({"partials/search.html"})
"""Overrides copied from Material's own partials. Zensical's theme has different partials (its
search.html is a button plus a dialog that already has an accessible name): giving it Material's
breaks its search header, so the Zensical build leaves these out."""

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # Zensical colours its report even into a pipe
DROPPED = ("hooks", "watch")  # MkDocs-only: Zensical gets the hooks' work done already, on disk

VARIANT = "classic"
"""Zensical's look that matches Material's (its default, "modern", is a new design, and in 0.0.73
fails axe: the footer's "Made with Zensical" and the active nav link lack contrast). Used unless
mkdocs.yml names a `theme.variant` itself (Material ignores the key)."""


class ZensicalFailed(RuntimeError):
    """`zensical build` exited non-zero (its output is the message)."""


@dataclass(frozen=True)
class Project:
    """A Zensical project written by `write_project`."""

    root: Path

    @property
    def config(self) -> Path:
        """The project's mkdocs.yml, which Zensical reads."""
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        """The generated docs tree."""
        return self.root / "docs"

    @property
    def site(self) -> Path:
        """Where `zensical build` writes the site."""
        return self.root / "site"


def read_config(config: Path) -> dict[str, Any]:
    """mkdocs.yml as data (plain YAML: the site's config uses no Python tags)."""
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ZensicalFailed(f"{config}: {exc}") from None
    if not isinstance(data, dict):
        raise ZensicalFailed(f"{config}: not a mapping of settings")
    return data


def write_project(config: Path, kb: KnowledgeBase, root: Path) -> Project:
    """Write the Zensical project for the site configured by `config` into `root` (new or empty)."""
    here = config.resolve().parent
    settings = read_config(config)
    project = Project(root)
    docs = here / settings.get("docs_dir", "docs")
    tree = docs_tree(kb, docs, raw_links="file")  # Zensical rewrites raw-HTML links per file
    tree.write(docs, project.docs)
    theme = settings.get("theme")
    if isinstance(theme, dict):
        theme.setdefault("variant", VARIANT)
    if isinstance(theme, dict) and theme.get("custom_dir"):
        source = here / theme["custom_dir"]
        shutil.copytree(
            source,
            root / "overrides",
            dirs_exist_ok=True,
            ignore=lambda folder, names: [n for n in names if _material_only(source, folder, n)],
        )
        theme["custom_dir"] = "overrides"
    for key in DROPPED:
        settings.pop(key, None)
    settings.update(docs_dir="docs", site_dir="site", nav=tree.nav, copyright=footer(settings.get("copyright")))
    url = site_url(settings.get("site_url"))
    if url:
        settings["site_url"] = url
    project.config.write_text(
        "# Written by assemble/zensical.py from the site's mkdocs.yml: edit that one.\n"
        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return project


def _material_only(source: Path, folder: str, name: str) -> bool:
    return (Path(folder) / name).relative_to(source).as_posix() in MATERIAL_ONLY


def zensical_command(project: Project, *args: str) -> list[str]:
    """`python -m zensical <args> -f <project>/mkdocs.yml` with this interpreter (the venv's)."""
    return [sys.executable, "-m", "zensical", *args, "-f", str(project.config)]


def run_build(project: Project) -> None:
    """`zensical build --strict` on a written project; raises ZensicalFailed with its output."""
    result = subprocess.run(
        zensical_command(project, "build", "--strict"),
        cwd=project.root,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    output = _ANSI.sub("", result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (project.site / "index.html").is_file():
        raise ZensicalFailed(f"zensical build exited {result.returncode}:\n{without_traceback(output)}")
    for line in output.splitlines():  # show its warnings, as the MkDocs build does
        if "warn" in line.lower() or "error" in line.lower():
            print(line, file=sys.stderr)


def without_traceback(output: str) -> str:
    """Zensical's output with any Python traceback reduced to its last line ("RuntimeError: File too
    large (os error 27)"): the frames are Zensical's and click's, of no use to whoever reads why a
    build failed; the lines around them (its own report) are kept."""
    kept: list[str] = []
    inside = False
    for line in output.splitlines():
        if line.startswith("Traceback (most recent call last):"):
            inside = True
        elif inside and line[:1] not in (" ", "\t", ""):
            inside = False
            kept.append(line)
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def zensical_build(config: Path, dest: Path, kb: KnowledgeBase) -> None:
    """Build the site with Zensical into `dest` (an empty directory); raises on any failure.

    The project is written next to `dest` and removed afterwards, whatever happens."""
    work = dest.with_name(dest.name + "-zensical")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        project = write_project(config, kb, work)
        run_build(project)
        dest.rmdir()
        project.site.rename(dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
