"""What is written in two places must say the same: each copy that cannot be derived from the
other (a YAML setting, a JavaScript module, a documentation table) is checked against the
Python it copies, so a change to one that forgets the other fails here."""

from __future__ import annotations

import re

from assemble.engines import ENGINES, MKDOCS
from assemble.serve import WATCHED
from assemble.zensical import read_config
from generator.model import ID, SITE_LINK
from generator.text import comparable, short_question
from quiz.question import KIND_TOPIC, normalised
from support import REPO_ROOT

VALID_JS = REPO_ROOT / "quiz" / "assets" / "valid.js"


def js_pattern(name: str) -> str:
    """The source of the regular expression literal `name = /…/` in valid.js, as Python writes it."""
    found = re.search(rf"\b{name} = /(.+?)/[,;]", VALID_JS.read_text(encoding="utf-8"))
    assert found, f"valid.js defines no {name}"
    return found.group(1).replace(r"\/", "/")


def test_valid_js_checks_ids_and_links_with_the_models_patterns() -> None:
    assert js_pattern("ID") == ID
    assert js_pattern("LINK") == SITE_LINK


def test_the_pattern_comparison_can_fail() -> None:
    assert js_pattern("ID") != SITE_LINK  # the two patterns differ, so a swapped copy would be caught


def test_mkdocs_serve_watches_what_zensical_serve_watches() -> None:
    """mkdocs.yml's `watch:` plus what `mkdocs serve` always watches (docs/ and the config file)."""
    config = read_config(REPO_ROOT / "mkdocs.yml")
    assert {*config["watch"], config.get("docs_dir", "docs"), "mkdocs.yml"} == set(WATCHED)


def test_the_data_formats_page_lists_every_kind_of_question_with_its_topic() -> None:
    """Its list of kinds is rendered from KIND_TOPIC; its table of how each kind is made is prose,
    so each of its rows is checked: the kind's topic as the bank assigns it, and every kind has a row."""
    text = (REPO_ROOT / "quiz" / "templates" / "formats.md.j2").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \(([a-z-]+)\) \|", text, re.MULTILINE)
    assert rows and set(rows) == set(KIND_TOPIC.items())


def test_one_short_form_of_a_question() -> None:
    for dash in "-–—":
        assert short_question(f"Do they pay us? {dash} money flows to us") == "Do they pay us?"
    assert short_question("Is it co-sold?") == "Is it co-sold?"  # a hyphen inside a word is no gloss


def test_one_way_to_compare_texts() -> None:
    assert comparable("“Partner’s”  \n word") == '"Partner\'s" word'
    assert normalised("A  “Partner’s”") == normalised('a "partner\'s"')


def test_the_makefile_names_the_engines_as_assemble_does() -> None:
    """The engine names live in assemble.engines (the CLI's choices, the build, the benchmark); the
    Makefile, which cannot import them, is checked: its default and every engine it tests for."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    default = re.search(r"^ENGINE \?= (\S+)$", makefile, re.MULTILINE)
    assert default and default.group(1) == MKDOCS
    assert set(re.findall(r"\(ENGINE\),(\w+)\)", makefile)) <= set(ENGINES)
