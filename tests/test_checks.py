"""generator.checks: cross-references and rule coverage on schema-valid data, each problem at its line.

The catalogue in tests/bad_inputs/ covers one mistake per case in the real knowledge base; these
tests cover how the checks behave together — all problems at once, no knock-on noise, ordering —
on the tiny fixture knowledge base, whose lines the tests find for themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.articles import read_articles
from generator.checks import check
from generator.errors import Problem
from generator.knowledge import typed_model
from generator.load import load_knowledge
from support.tiny import TINY_ARTICLES, copy_tiny, edit, line_of


def problems_after(
    tmp_path: Path, edits: dict[str, list[tuple[str, str]]], articles: Path | None = TINY_ARTICLES
) -> tuple[list[Problem], Path]:
    """check() on a copy of the tiny knowledge base with text edits applied per file, and the copy."""
    directory = copy_tiny(tmp_path)
    for name, pairs in edits.items():
        for old, new in pairs:
            edit(directory / name, old, new)
    loaded = load_knowledge(directory, root=tmp_path)
    kb = typed_model(loaded)
    return check(kb, loaded, read_articles(articles, {s.id: s.file for s in kb.sources})), directory


def test_the_unedited_copy_has_no_problems(tmp_path: Path) -> None:
    """The baseline of every test below: the edits alone cause what they find."""
    assert problems_after(tmp_path, {})[0] == []


def test_independent_problems_are_all_reported(tmp_path: Path) -> None:
    found, kb = problems_after(
        tmp_path,
        {
            "debate.yml": [("      position: sometimes\n", "      position: somtimes\n")],
            "playbook.yml": [("outcome: reseller, aspect: win,", "outcome: reseller, aspect: winning,")],
            "sources.yml": [
                (
                    '{text: "A customer pays you the price you ask", line: 3}',
                    '{text: "A customer pays you the price you want", line: 3}',
                )
            ],
        },
    )
    assert sorted((p.path, p.line) for p in found) == [
        ("knowledge/debate.yml", line_of(kb / "debate.yml", "position: somtimes")),
        ("knowledge/playbook.yml", line_of(kb / "playbook.yml", "aspect: winning")),
        ("knowledge/sources.yml", line_of(kb / "sources.yml", "the price you want")),
    ]


def test_unknown_fact_in_a_rule_skips_coverage(tmp_path: Path) -> None:
    """A misspelt fact would make every combination look uncovered; report the typo alone."""
    found, kb = problems_after(
        tmp_path,
        {
            "decision.yml": [
                ("when: {sells_ours: true, pays_us: nothing}", "when: {sells_ours: true, pays_uss: nothing}")
            ]
        },
    )
    line = line_of(kb / "decision.yml", "pays_uss")
    assert [str(p) for p in found] == [
        f"knowledge/decision.yml:{line}: rule 'reseller' names unknown fact 'pays_uss' (did you mean 'pays_us'?)"
    ]


def test_a_gap_and_an_overlap_are_each_named(tmp_path: Path) -> None:
    """Moving the last rule onto the reseller's combination leaves one gap and one overlap, both blamed
    on the moved rule; the checks built on coverage stay quiet instead of echoing them."""
    found, kb = problems_after(
        tmp_path,
        {
            "decision.yml": [
                (
                    "when: {sells_ours: false, pays_us: nothing}\n      outcome: bystander",
                    "when: {sells_ours: true, pays_us: nothing}\n      outcome: bystander",
                )
            ]
        },
    )
    moved = line_of(kb / "decision.yml", "outcome: bystander") - 1
    assert [str(p) for p in found] == [  # the gap at the moved rule, the nearest to it, not at the rules: header
        f"knowledge/decision.yml:{moved}: rules 'reseller' and 'bystander' overlap on: sells_ours=yes, pays_us=nothing",
        f"knowledge/decision.yml:{moved}: no rule covers: sells_ours=no, pays_us=nothing (the nearest rule, 'bystander', "
        "asks sells_ours=yes)",
    ]


def test_an_answer_a_fact_does_not_have_is_located(tmp_path: Path) -> None:
    """A choice fact takes its option ids (a bare yes/no is YAML's true/false: the message says so); a yes/no
    fact takes true or false; a list names each answer once. Coverage is not checked on unknown answers."""
    found, kb = problems_after(
        tmp_path,
        {
            "decision.yml": [
                ("when: {sells_ours: true, pays_us: nothing}", "when: {sells_ours: maybe, pays_us: no}"),
                (
                    "when: {sells_ours: false, pays_us: nothing}",
                    "when: {sells_ours: false, pays_us: [nothing, nothing]}",
                ),
            ],
            "scenarios.yml": [
                ("facts: {sells_ours: false, pays_us: directly}", "facts: {sells_ours: false, pays_us: cash}")
            ],
        },
    )
    d, sc = kb / "decision.yml", kb / "scenarios.yml"
    assert [str(p) for p in found] == [
        f"knowledge/decision.yml:{line_of(d, 'sells_ours: maybe')}: 'maybe' is not an answer to 'sells_ours' (its answers: true, false)",
        f"knowledge/decision.yml:{line_of(d, 'sells_ours: maybe')}: false is not an answer to 'pays_us' (its answers: "
        "'directly', 'via_dealer', 'nothing') — YAML reads a bare yes/no as true/false: put the option id in quotes",
        f"knowledge/decision.yml:{line_of(d, '[nothing, nothing]')}: the answer 'nothing' to 'pays_us' is listed twice",
        f"knowledge/scenarios.yml:{line_of(sc, 'pays_us: cash')}: 'cash' is not an answer to 'pays_us' (its answers: "
        "'directly', 'via_dealer', 'nothing')",
    ]


def test_quotations_are_checked_only_with_the_articles(tmp_path: Path) -> None:
    changed = {"sources.yml": [('"A customer pays you the price you ask"', '"A customer pays you the price you want"')]}
    assert problems_after(tmp_path / "with", changed)[0]
    assert problems_after(tmp_path / "without", changed, articles=None)[0] == []


def test_quotation_matching_ignores_quote_style_and_spacing(tmp_path: Path) -> None:
    found, _ = problems_after(
        tmp_path,
        {
            "sources.yml": [
                (
                    '{text: "A customer pays you the price you ask", line: 3}',
                    '{text: "A customer  pays you\\n the price you ask", line: 3}',
                )
            ]
        },
    )
    assert found == []


def test_duplicate_glossary_terms_ignore_case(tmp_path: Path) -> None:
    found, kb = problems_after(tmp_path, {"glossary.yml": [("{id: b2b, term: B2B,", "{id: b2b, term: Reseller,")]})
    line = line_of(kb / "glossary.yml", "term: Reseller")
    assert [str(p) for p in found] == [
        f"knowledge/glossary.yml:{line}: duplicate glossary term 'reseller' (first at item 0)"
    ]


def test_authored_question_problems(tmp_path: Path) -> None:
    question = """    - id: q1
      topic: classification
      prompt: Which is it?
      options:
        - {id: a, text: A reseller}
        - {id: a, text: A customer}
      correct: [a, z]
      explanation: Because.
      link: nowhere/
      synthesis: true
"""
    last = "  questions:\n"  # the fixture's hand-written question follows; this one goes first
    found, kb = problems_after(tmp_path, {"quiz.yml": [(last, last + question)]})
    quiz = kb / "quiz.yml"
    start = line_of(quiz, "- id: q1")
    assert [str(p) for p in found] == [
        f"knowledge/quiz.yml:{start}: a hand-written question's id starts with 'q-' (e.g. 'q-q1'), so it cannot clash "
        "with a generated question's",
        f"knowledge/quiz.yml:{start}: a quiz question must cite the source its answer rests on ('cites'): the quiz asks "
        "what the sources say, and the guide's own synthesis is not a fact to test",
        f"knowledge/quiz.yml:{line_of(quiz, 'text: A customer')}: duplicate option id 'a' (first at item 0)",
        f"knowledge/quiz.yml:{line_of(quiz, 'correct: [a, z]')}: correct answer 'z' is not one of the options",
        f"knowledge/quiz.yml:{line_of(quiz, 'link: nowhere/')}: link 'nowhere/' points to no generated page",
    ]


def test_a_kind_may_have_no_outcome(tmp_path: Path) -> None:
    """Special cases such as co-founders describe a sense, not a decision outcome."""
    assert problems_after(tmp_path, {"kinds.yml": [("    outcome: bystander\n", "")]})[0] == []


def test_a_citation_of_an_unknown_source_is_located(tmp_path: Path) -> None:
    found, kb = problems_after(tmp_path, {"pitfalls.yml": [('cites: ["ben:5"]', 'cites: ["bob:5"]')]})
    assert [str(p) for p in found] == [
        f"knowledge/pitfalls.yml:{line_of(kb / 'pitfalls.yml', 'bob:5')}: citation to unknown source 'bob'"
    ]


def renamed(tmp_path: Path, old: str, new: str) -> tuple[list[Problem], Path]:
    """check() on a copy of the tiny knowledge base with the id `old` renamed `new` everywhere (as a word)."""
    directory = copy_tiny(tmp_path)
    for path in directory.glob("*.yml"):
        path.write_text(re.sub(rf"\b{re.escape(old)}\b", new, path.read_text(encoding="utf-8")), encoding="utf-8")
    loaded = load_knowledge(directory, root=tmp_path)
    kb = typed_model(loaded)
    return check(kb, loaded, read_articles(TINY_ARTICLES, {s.id: s.file for s in kb.sources})), directory


def test_an_outcome_named_index_cannot_replace_the_checklists_index_page(tmp_path: Path) -> None:
    """Its first-week checklist would be first-week/index.md, the page that lists the checklists,
    and the build would silently keep one of the two (under either engine)."""
    found, kb = renamed(tmp_path, "reseller", "index")
    assert [(p.path, p.line) for p in found if "reserved" in p.message] == [
        ("knowledge/playbook.yml", line_of(kb / "playbook.yml", "- outcome: index"))
    ], found


def test_a_source_named_index_cannot_replace_the_sources_index_page(tmp_path: Path) -> None:
    found, kb = renamed(tmp_path, "ada", "index")
    assert [(p.path, p.line) for p in found if "reserved" in p.message] == [
        ("knowledge/sources.yml", line_of(kb / "sources.yml", "- id: index"))
    ], found


def test_a_reading_that_only_agrees_with_the_rules_is_refused(tmp_path: Path) -> None:
    """Ben's reading narrowed to readers who do not resell names the rules' own outcome (customer) wherever
    it applies: it is no other reading. One whose test no company meets is refused too."""
    found, kb = problems_after(
        tmp_path,
        {
            "decision.yml": [
                (
                    "when: {pays_us: [directly, via_dealer]}\n      answers",
                    "when: {sells_ours: false, pays_us: directly}\n      answers",
                )
            ]
        },
    )
    assert [str(p) for p in found] == [
        f"knowledge/decision.yml:{line_of(kb / 'decision.yml', 'outcome: customer')}: reading 'ben-payer' names the "
        "rules' own outcome 'Customer' wherever its test is met (rules 'customer'): it is no other reading — drop it, "
        "or narrow its test to where the source disagrees"
    ]
    found, kb = problems_after(
        tmp_path / "b",
        {
            "decision.yml": [
                ("when: {pays_us: [directly, via_dealer]}\n      answers", "when: {pays_us: dierctly}\n      answers")
            ]
        },
    )
    assert [str(p) for p in found] == [
        f"knowledge/decision.yml:{line_of(kb / 'decision.yml', 'dierctly')}: 'dierctly' "
        "is not an answer to 'pays_us' (its answers: 'directly', 'via_dealer', 'nothing')"
    ]
