"""generator.checks: cross-references and rule coverage on schema-valid data, each problem at its line.

The catalogue in tests/bad_inputs/ covers one mistake per case; these tests cover how
checks behave together: all problems at once, no knock-on noise, ordering.
"""
from __future__ import annotations

from pathlib import Path

from bad_inputs import copy_knowledge, replace_once
from generator.articles import read_articles
from generator.checks import check
from generator.errors import Problem
from generator.knowledge import validate
from generator.load import load_knowledge
from support import ARTICLES as SOURCES_DIR


def problems_after(tmp_path: Path, edits: dict[str, list[tuple[str, str]]],
                   source_dir: Path | None = SOURCES_DIR) -> list[Problem]:
    """check() on a copy of the real knowledge base with text edits applied per file."""
    directory = copy_knowledge(tmp_path)
    for name, pairs in edits.items():
        for old, new in pairs:
            replace_once(directory / name, old, new)
    loaded = load_knowledge(directory, root=tmp_path)
    kb = validate(loaded)
    return check(kb, loaded, read_articles(source_dir, {s.id: s.file for s in kb.sources}))


def test_real_knowledge_base_has_no_problems(tmp_path: Path) -> None:
    assert problems_after(tmp_path, {}) == []


def test_independent_problems_are_all_reported(tmp_path: Path) -> None:
    found = problems_after(tmp_path, {
        "debate.yml": [("      position: is-customer\n", "      position: is-a-customer\n")],
        "playbook.yml": [("outcome: customer, aspect: win,", "outcome: customer, aspect: winning,")],
        "sources.yml": [("      - text: they need to be win-win\n", "      - text: they need to be lose-lose\n")],
    })
    assert sorted((p.path, p.line) for p in found) == [
        ("knowledge/debate.yml", 17), ("knowledge/playbook.yml", 12), ("knowledge/sources.yml", 29)]


def test_unknown_fact_in_a_rule_skips_coverage(tmp_path: Path) -> None:
    """A misspelt fact would make every combination look uncovered; report the typo alone."""
    found = problems_after(tmp_path, {"decision.yml": [
        ("when: {other_sense: false, critical_to_product: true, joint_offering: false, pays_us: false}",
         "when: {other_sense: false, critical_to_product: true, joint_offering: false, pays_uss: false}")]})
    assert [str(p) for p in found] == ["knowledge/decision.yml:142: rule 'supplier' names unknown fact 'pays_uss'"]


def test_each_uncovered_combination_is_named(tmp_path: Path) -> None:
    found = problems_after(tmp_path, {"decision.yml": [
        ("when: {other_sense: false, critical_to_product: true, joint_offering: false, pays_us: false}",
         "when: {other_sense: false, critical_to_product: true, promotes_us: true, joint_offering: false, pays_us: false}")]})
    gaps = [p for p in found if p.message.startswith("no rule covers")]
    assert len(gaps) == 4, "critical yes, joint no, pays no, promotes no: 2 x 2 values of the two other facts"
    assert all(p.line == 134 and "promotes_us=no" in p.message and "pays_us=no" in p.message for p in gaps)


def test_an_overlap_is_blamed_on_the_later_rule(tmp_path: Path) -> None:
    found = problems_after(tmp_path, {"decision.yml": [
        ("when: {other_sense: false, critical_to_product: false, revenue_depends_on_ours: true, promotes_us: false, partnership_lapsed: false}",
         "when: {other_sense: false, critical_to_product: false, revenue_depends_on_ours: true, partnership_lapsed: false}")]})
    assert found and all(p.line == 186 and "overlap" in p.message for p in found)
    assert len(found) == 4, "one problem per overlapping combination"


def test_quotations_are_checked_only_with_the_sources(tmp_path: Path) -> None:
    edit = {"sources.yml": [("      - text: they need to be win-win\n", "      - text: they need to be lose-lose\n")]}
    assert problems_after(tmp_path / "with", edit)
    assert problems_after(tmp_path / "without", edit, source_dir=None) == []


def test_quotation_matching_ignores_quote_style_and_spacing(tmp_path: Path) -> None:
    found = problems_after(tmp_path, {"sources.yml": [
        ("      - text: you work for a customer, and with a partner\n",
         "      - text: \"you   work for a customer,\\n and with a partner\"\n")]})
    assert found == []


def test_duplicate_glossary_terms_ignore_case(tmp_path: Path) -> None:
    found = problems_after(tmp_path, {"glossary.yml": [("{id: kpi, term: KPI,", "{id: kpi, term: msrp,")]})
    assert [str(p) for p in found] == ["knowledge/glossary.yml:13: duplicate glossary term 'msrp' (first at item 8)"]


def test_authored_question_problems(tmp_path: Path) -> None:
    question = """  questions:
    - id: q1
      topic: kinds
      prompt: Which is it?
      options:
        - {id: a, text: A hybrid}
        - {id: a, text: A supplier}
      correct: [a, z]
      explanation: Because.
      link: nowhere/
      synthesis: true
"""
    last = "    - {id: pitfalls, name: Pitfalls, link: pitfalls/}\n"
    found = problems_after(tmp_path, {"quiz.yml": [(last, last + question)]})
    assert [str(p) for p in found] == [
        "knowledge/quiz.yml:19: a hand-written question's id starts with 'q-' (e.g. 'q-q1'), so it cannot clash "
        "with a generated question's",
        "knowledge/quiz.yml:19: a quiz question must cite the source its answer rests on ('cites'): the quiz asks "
        "what the sources say, and the guide's own synthesis is not a fact to test",
        "knowledge/quiz.yml:24: duplicate option id 'a' (first at item 0)",
        "knowledge/quiz.yml:25: correct answer 'z' is not one of the options",
        "knowledge/quiz.yml:27: link 'nowhere/' points to no generated page",
    ]


def test_a_kind_may_have_no_outcome(tmp_path: Path) -> None:
    """Special cases such as co-founders describe a sense, not a decision outcome."""
    assert problems_after(tmp_path, {"kinds.yml": [("    outcome: hybrid\n", "")]}) == []
