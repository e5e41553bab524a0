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
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from assemble.siteinfo import footer, site_url
from assemble.tree import DocsTree, tree_for
from generator.errors import KnowledgeBaseError

_log = logging.getLogger("mkdocs.hooks.partner")


def _tree(config: MkDocsConfig) -> DocsTree:
    """The docs tree of the build `config` describes; made once and kept by assemble.tree."""
    return tree_for(Path(config.config_file_path), Path(config.docs_dir))[0]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the knowledge base, generate the docs tree and its nav; a bad one aborts the build."""
    try:
        tree, articles = tree_for(Path(config.config_file_path), Path(config.docs_dir))
    except KnowledgeBaseError as exc:
        raise Abort(f"the knowledge base has {len(exc.problems)} problem(s); nothing was built:\n{exc}") from exc
    except ValueError as exc:  # docs/ holds a file the generator makes
        raise Abort(str(exc)) from exc
    if not articles.verified:
        _log.info(articles.status())
    config.nav = tree.nav
    config.site_url = site_url(config.site_url)  # a fork's own address when mkdocs.yml names none
    config.copyright = footer(config.copyright)  # the version and commit, in every page's footer
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and data files to the ones MkDocs found in docs/."""
    for path, content in _tree(config).files.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Glossary terms become tooltips (abbr) on every page but the glossary, which defines them in place."""
    return _tree(config).page_markdown(page.file.src_uri, markdown)
