"""MkDocs glue: load the knowledge base, then hand MkDocs the generated docs tree.

All real work lives in `generator` and `quiz`; this file only wires it into the
build so that plain `mkdocs build` / `mkdocs serve` produce the full site. The tree
(`assemble.tree.docs_tree`) is the same one the Zensical build writes to disk, so
both engines render the same Markdown.
`PARTNER_KB` (a directory) replaces knowledge/ and `PARTNER_SOURCES` the folder of
source articles — used by tests and the benchmark.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from assemble.abbr import linear_abbr
from assemble.preview import Preview, preview, started
from assemble.siteinfo import footer, site_url
from assemble.tree import tree_for
from generator.errors import KnowledgeBaseError
from generator.knowledge import knowledge_dir, sources_dir

_log = logging.getLogger("mkdocs.hooks.partner")
_current: Preview | None = None  # this build's tree (MkDocs loads this module anew for each build)


def _preview(config: MkDocsConfig) -> Preview:
    """The docs tree of the build `config` describes, as on_config chose it."""
    return _current if _current is not None else preview(Path(config.config_file_path), Path(config.docs_dir))


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this process serves: `mkdocs serve` shows a broken knowledge base in the
    browser (assemble.preview) instead of stopping."""
    started(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the knowledge base, generate the docs tree and its nav; a bad one aborts the
    build (while serving, its problems are shown on the pages instead). Also swaps the stock `abbr`
    for assemble.abbr's, which writes the same HTML in time linear in a page's size."""
    global _current
    try:
        _current = preview(Path(config.config_file_path), Path(config.docs_dir))
    except KnowledgeBaseError as exc:
        raise Abort(f"the knowledge base has {len(exc.problems)} problem(s); nothing was built:\n{exc}") from exc
    except ValueError as exc:  # docs/ holds a file the generator makes
        raise Abort(str(exc)) from exc
    for problem in _current.problems:
        _log.error(problem)
    if _current.problems:
        _log.error(f"{len(_current.problems)} problem(s) in the knowledge base: shown in the browser until fixed")
    else:
        articles = tree_for(Path(config.config_file_path), Path(config.docs_dir))[1]
        if not articles.verified:
            _log.info(articles.status())
    config.nav = _current.tree.nav
    config.markdown_extensions = linear_abbr(config.markdown_extensions, config.mdx_configs)
    config.site_url = site_url(config.site_url)  # a fork's own address when mkdocs.yml names none
    config.copyright = footer(config.copyright)  # the version and commit, in every page's footer
    return config


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """`mkdocs serve` also rebuilds when a source article changes (they live outside the repository)
    and, with PARTNER_KB, when a file of that knowledge directory does (mkdocs.yml watches knowledge/)."""
    for folder in (sources_dir(), knowledge_dir(Path(config.config_file_path))):
        if folder.is_dir():
            server.watch(str(folder))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, data files and downloads to the ones MkDocs found in docs/."""
    tree = _preview(config).tree
    for path, content in tree.files.items():
        files.append(File.generated(config, path, content=content))
    for path, data in tree.binaries.items():
        files.append(File.generated(config, path, content=data))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Glossary terms become tooltips (abbr) on every page but the glossary, which defines them in place."""
    return _preview(config).page_markdown(page.file.src_uri, markdown)
