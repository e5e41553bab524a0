"""The held-out assessment pool (issue #18), on the real knowledge base: its size and coverage, cue
solvers held to chance, option ids that do not name the answer, feedback computed from the rules, and
stories that no built page or search index shows. The pool's gates are tested on made-up questions in
tests/test_cues.py."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.decision import UNDECIDED, verdict
from generator.model import KnowledgeBase
from quiz.assessment import KIND_TOPIC, item_ids, problems
from quiz.bank import build_bank
from quiz.cues import scores
from quiz.export import questions_data
from quiz.question import ASSESSMENT, PRACTICE, Question

FAMILIES = {
    "core",
    "unknown-irrelevant",
    "becoming-partner",
    "lapsed",
    "chain",
    "other-sense",
    "playbook",
    "disagreement",
}


@pytest.fixture(scope="module")
def bank(kb: KnowledgeBase) -> list[Question]:
    return build_bank(kb)


@pytest.fixture(scope="module")
def held(bank: list[Question]) -> list[Question]:
    return [q for q in bank if q.pool == ASSESSMENT]


def test_the_pool_is_large_and_covers_every_family_outcome_and_kind(kb, held) -> None:
    assert kb.assessment is not None
    assert len(kb.assessment.cases) >= 40 and len(held) >= 60
    assert {c.family for c in kb.assessment.cases} == FAMILIES
    assert Counter(c.family for c in kb.assessment.cases).most_common()[-1][1] >= 2, "every family twice at least"
    keyed = {verdict(kb.decision, q.facts or {}).outcome or UNDECIDED for q in held if q.kind == "classify"}
    assert keyed == {o.id for o in kb.decision.outcomes} | {UNDECIDED}, "classify items key every outcome"
    outcomes = {c.expect for c in kb.assessment.cases}
    assert outcomes == {o.id for o in kb.decision.outcomes} | {UNDECIDED}, "cases cover every outcome"
    assert {q.kind for q in held} == set(KIND_TOPIC)
    hedged_decided = [
        c.id
        for c in kb.assessment.cases
        if c.expect != UNDECIDED and None in c.facts.values() and c.family == "unknown-irrelevant"
    ]
    assert len(hedged_decided) >= 5, "stories with an unknown that does not matter, decided all the same"


def test_a_case_is_asked_in_several_ways(kb, held) -> None:
    per_case = Counter(q.case for q in held)
    assert sum(n >= 2 for n in per_case.values()) >= 20
    assert all(q.case and q.id in item_ids(next(c for c in kb.assessment.cases if c.id == q.case)) for q in held)


def test_no_cue_solver_beats_chance_on_the_assessment_pool(held) -> None:
    found = scores(held)
    assert len(found) == 6
    report = ", ".join(f"{s.solver}: {s.score:.0%} vs {s.chance:.0%}" for s in found)
    assert not [s for s in found if s.beats_chance], report


def test_the_assessment_is_sound_and_its_keys_come_from_the_rules(kb, held) -> None:
    assert problems(kb) == []
    for q in held:
        assert len(q.correct) == 1 and q.correct[0] in q.feedback, q.id
        assert set(q.feedback) == {o.id for o in q.options}, q.id
        assert q.feedback[q.correct[0]].startswith("Right"), (q.id, q.feedback[q.correct[0]])
        assert all(not text.startswith("Right") for oid, text in q.feedback.items() if oid not in q.correct), q.id


def test_option_ids_never_name_the_answer(kb, bank) -> None:
    data = questions_data(kb, bank)
    named = {o.id for o in kb.decision.outcomes} | {f.id for f in kb.decision.facts} | {p.id for p in kb.playbook.plays}
    named |= {UNDECIDED} | {p.id for p in kb.pitfalls} | {t.id for t in kb.glossary} | {s.id for s in kb.sources}
    for q in data["questions"]:
        ids = [o["id"] for o in q["options"]]
        assert not set(ids) & named, q["id"]
        assert all(re.fullmatch(r"o[0-9a-f]{8}", i) for i in ids), q["id"]
        assert set(q["correct"]) <= set(ids) and set(q.get("feedback", {})) <= set(ids)
    pools = Counter(q["pool"] for q in data["questions"])
    assert set(pools) == {PRACTICE, ASSESSMENT}
    config = data["config"]["assessment"]
    assert (
        config["size"] == 12 and config["max_per_kind"]["reading"] <= 2 and config["per_topic"]["classification"] >= 5
    )


def test_feedback_names_the_fact_that_would_have_to_differ(kb, held) -> None:
    q = next(q for q in held if q.id == "nordic-distributor-classify")
    text = {o.text: q.feedback[o.id] for o in q.options}
    assert "would have to be" in text["Channel partner"] and "changed" in text["Channel partner"].lower()
    assert text["Customer"].startswith("Right") and "Lapsed" not in text["Customer"]
    undecided = next(q for q in held if q.id == "lens-grinder-classify")
    right = undecided.feedback[undecided.correct[0]]
    assert "pay us" in right and "invoices" in right, right
    act = next(q for q in held if q.id == "podcaster-act")
    wrong = [act.feedback[o.id] for o in act.options if o.id not in act.correct]
    assert all(t.startswith("That is the first step for") for t in wrong), wrong


def _visible_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\\u2019", "'").split()).lower()


def test_no_assessment_story_reaches_a_page_or_the_search_index(kb, built_site) -> None:
    """Held out means held out: the stories are in the quiz's data (questions.json, and the LMS downloads
    built from it) only — never on a page (the scenarios, the study sheet, a source page, the data-formats
    excerpts) nor in a search index."""
    probes = {c.id: " ".join(c.story.lower().split())[:70] for c in kb.assessment.cases}
    pages = [p for p in sorted(built_site.rglob("*.html"))]
    indexes = [p for p in sorted(built_site.rglob("*.json")) if "search" in p.name]
    assert len(pages) > 20 and indexes, "the built site has its pages and a search index"
    for path in pages + indexes:
        text = _visible_text(path)
        leaked = [cid for cid, probe in probes.items() if probe in text]
        assert not leaked, f"{path.relative_to(built_site)} shows assessment stories: {leaked}"
    shipped = _visible_text(built_site / "quiz" / "questions.json")
    assert all(probe in shipped for probe in probes.values()), "the probe finds the stories where they are"


def test_a_party_of_a_deal_is_asked_with_the_deal_told_so_far(kb, held) -> None:
    """A round draws one question per case, so a later party's question ("one of those shops …") must carry
    the stories of the deal's earlier parties; the first party's question carries only its own."""
    cases = kb.assessment.cases
    deals = Counter(c.deal for c in cases if c.deal)
    assert deals and all(n >= 2 for n in deals.values())
    by_case = {q.case: q for q in held}
    for i, case in enumerate(cases):
        if not case.deal:
            continue
        earlier = [c for c in cases[:i] if c.deal == case.deal]
        prompt = by_case[case.id].prompt
        assert all(c.story in prompt for c in earlier), case.id
        if not earlier:
            assert prompt.startswith(case.story), case.id
        assert prompt.index(case.story) == sum(len(c.story) + 1 for c in earlier), case.id
