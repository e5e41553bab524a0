"""generator.model's own checks on the fields this guide added for readers: a source's `url` (only
http and https, so no `javascript:` link can reach a page), synonyms, key-point lines and the
first-week checklists — each refused with `path:line: message` like every other problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bad_inputs import copy_knowledge, replace_once
from generator.errors import KnowledgeBaseError
from generator.knowledge import KNOWLEDGE_DIR, SOURCES_DIR, load

NIKOLOV = "    file: 001_348d49313f48d255.txt\n"


def problems(tmp_path: Path, name: str, old: str, new: str) -> list[str]:
    directory = copy_knowledge(tmp_path)
    replace_once(directory / name, old, new)
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory, SOURCES_DIR)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "ftp://x.org/a",
        "//example.org/a",
        "https://example.org/a b",
        'https://x.org/"onmouseover=1',
        "https://x.org/<script>",
        "mailto:a@b.c",
    ],
)
def test_a_source_url_must_be_http_or_https(tmp_path: Path, url: str) -> None:
    found = problems(tmp_path, "sources.yml", NIKOLOV, f"{NIKOLOV}    url: '{url}'\n")
    text = (KNOWLEDGE_DIR / "sources.yml").read_text(encoding="utf-8")
    url_line = text[: text.index(NIKOLOV)].count("\n") + 2  # the line after `file:`
    assert len(found) == 1 and found[0].startswith(f"knowledge/sources.yml:{url_line}: "), found
    assert "must be an http:// or https:// address" in found[0]


def test_an_http_url_is_shown_and_linked(tmp_path: Path) -> None:
    from generator.pages import render_pages

    directory = copy_knowledge(tmp_path)
    replace_once(directory / "sources.yml", NIKOLOV, f"{NIKOLOV}    url: https://example.org/article?id=1&x=2\n")
    page = render_pages(load(directory, SOURCES_DIR))["sources/nikolov.md"]
    assert '<a href="https://example.org/article?id=1&#38;x=2" rel="noopener">' in page


def test_empty_synonym_and_bad_key_point_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "glossary.yml", "also_called: [supplier]", "also_called: ['']")
    assert any(p.startswith("knowledge/glossary.yml:") and "a synonym must not be empty" in p for p in found), found
    found = problems(tmp_path / "2", "sources.yml", "lines: [21]}", "lines: [0]}")
    assert any(p.startswith("knowledge/sources.yml:") and "line 0 must be 1 or more" in p for p in found), found


def test_first_week_checklists_need_a_known_outcome_once(tmp_path: Path) -> None:
    found = problems(
        tmp_path, "playbook.yml", "    - outcome: customer\n      steps:", "    - outcome: clients\n      steps:"
    )
    assert any(p.startswith("knowledge/playbook.yml:") and "unknown outcome 'clients'" in p for p in found), found
    found = problems(
        tmp_path / "2",
        "playbook.yml",
        "    - outcome: customer\n      steps:",
        "    - outcome: channel_partner\n      steps:",
    )
    assert any("duplicate first-week checklist" in p for p in found), found
    found = problems(
        tmp_path / "3",
        "playbook.yml",
        """        - text: "Track the relationship with sales KPIs."
          cites: ["friedrichs:12"]""",
        '''        - text: "Track the relationship with sales KPIs."''',
    )
    assert any(p.startswith("knowledge/playbook.yml:") and "needs 'cites'" in p for p in found), found


@pytest.mark.parametrize("link", ["//evil/", "//evil/x/", "/decision/", "a//b/", "../decision/", "https://x/"])
def test_a_link_must_stay_inside_the_site(link: str) -> None:
    """'//evil/' is another site to a browser (protocol-relative), '/x/' leaves a project site: refused."""
    import re

    from generator.model import SITE_LINK

    assert not re.match(SITE_LINK, link)
    assert re.match(SITE_LINK, "sources/nikolov/#line-25") and re.match(SITE_LINK, "classify/")
