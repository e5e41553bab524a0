"""MkDocs glue: load the knowledge base, then add the generated pages and quiz files.

All real work lives in `generator` and `quiz`; this file only wires it into the
build so that plain `mkdocs build` / `mkdocs serve` produce the full site.
`PARTNER_KB` (a directory) replaces knowledge/ and `PARTNER_SOURCES` the folder of
source articles — used by tests and the benchmark.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from generator.errors import KnowledgeBaseError
from generator.knowledge import knowledge_dir, load_checked, sources_dir
from generator.site import generated_site, glossary_abbreviations, nav
from quiz.build import splice
from quiz.verify import bank_problems

_state: dict = {}
_log = logging.getLogger("mkdocs.hooks.partner")


def on_config(config):
    try:
        kb, articles = load_checked(knowledge_dir(Path(config.config_file_path)), sources_dir(),
                                    more=[bank_problems])
    except KnowledgeBaseError as exc:
        raise Abort(f"the knowledge base has {len(exc.problems)} problem(s); nothing was built:\n{exc}")
    if not articles.verified:
        _log.info(articles.status())
    _state["kb"] = kb
    config.nav = nav(kb)
    return config


def on_files(files: Files, config) -> Files:
    site = generated_site(_state["kb"])
    _state["fragments"] = site.fragments
    for path, content in site.files.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    """HTML the generator made for this page without going through Markdown (the study sheet's bank)."""
    fragments = _state["fragments"].get(page.file.src_uri)
    return splice(html, fragments) if fragments else html


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Glossary terms become tooltips (abbr) on every page but the glossary, which defines them in place."""
    if page.file.src_uri == "glossary.md":
        return markdown
    return markdown + glossary_abbreviations(_state["kb"], markdown)
