"""The real knowledge base's quiz and rules, tested for what they say.

The code that makes the bank, the rules and the flowchart is tested on the tiny fixture knowledge base
(tests/test_bank.py, test_decision.py, test_diagram.py, test_export.py); these tests hold the real content
to what the guide promises: every kind of question, a round rich in cases, cases that cover every outcome.
What the checks already refuse at load time (a case whose `expect` the rules contradict, an impossible
case, a rule no combination reaches) is not repeated here.
"""

from __future__ import annotations

from collections import Counter

from generator.decision import UNDECIDED, next_question, plausible_completions, verdict
from generator.diagram import Step, flowchart
from quiz.question import KIND_TOPIC


def test_the_real_bank_asks_every_kind_and_quiz_yml_lists_their_topics(kb, real_bank) -> None:
    kinds = Counter(q.kind for q in real_bank)
    assert set(kinds) >= set(KIND_TOPIC), kinds
    assert set(KIND_TOPIC.values()) <= {t.id for t in kb.quiz.topics}, (
        "a generated kind's topic is missing from quiz.yml"
    )
    assert any(q.multiple for q in real_bank if q.kind == "distinction"), "a select-all comparison question"
    assert any(q.id.startswith("probing-") and "-vs-" in q.id for q in real_bank)
    assert any(q.correct == ["out_of_scope"] for q in real_bank), "a case asks for the sense the sources set aside"


def test_every_real_case_is_asked_and_some_cannot_be_decided_yet(kb, real_bank) -> None:
    ids = {q.id for q in real_bank}
    retired = {r.id for r in kb.quiz.retired}
    assert {f"scenario-{sc.id}" for sc in kb.scenarios} - retired <= ids
    undecided = [sc.id for sc in kb.scenarios if sc.expect == UNDECIDED]
    assert undecided, "some cases' right answer is: not decided yet, find out first"
    assert {f"find-out-{case}" for case in undecided} & ids, "'which question first?' is asked for some of them"
    assert sum(q.kind == "first" for q in real_bank) >= 10


def test_a_round_is_rich_in_cases_and_a_stratified_draw_covers_every_topic(kb, real_bank) -> None:
    quiz = kb.quiz
    available = Counter(q.topic for q in real_bank)
    assert all(available[t.id] >= 1 for t in quiz.topics), available
    assert quiz.size >= len(quiz.topics)
    assert all(wanted <= available[topic] for topic, wanted in quiz.per_topic.items())
    assert sum(quiz.per_topic.get(t.id, 1) for t in quiz.topics) <= quiz.size
    cases = [q for q in real_bank if q.kind in ("scenario", "first")]
    assert len(cases) >= len(kb.scenarios) and {q.topic for q in cases} <= {"classification", "first-steps"}
    assert sum(quiz.per_topic.get(t, 1) for t in ("classification", "first-steps")) >= 5


def test_every_real_case_says_what_it_expects_and_together_they_cover_every_outcome(kb) -> None:
    """The checks hold each `expect` to the rules; here: every case has one, and they cover the model."""
    d = kb.decision
    assert len(kb.scenarios) >= 24
    assert all(sc.expect for sc in kb.scenarios), [sc.id for sc in kb.scenarios if not sc.expect]
    assert {sc.expect for sc in kb.scenarios} == {o.id for o in d.outcomes} | {UNDECIDED}
    for sc in kb.scenarios:
        assert set(sc.facts) == {f.id for f in d.facts}, sc.id
        assert list(plausible_completions(d, sc.facts)), f"{sc.id}: every completion of its unknowns is impossible"
    deals = {sc.deal for sc in kb.scenarios if sc.deal}
    assert len(deals) >= 2 and all(sum(sc.deal == deal for sc in kb.scenarios) >= 2 for deal in deals)


def test_the_scope_exits_are_the_first_question_and_each_says_what_the_guide_covers(kb) -> None:
    """Every sense of "partner" but a business we deal with ends at once, in an outcome of its own."""
    d = kb.decision
    first = d.facts[0]
    assert first.id == "sense" and first.values[0] == "business"
    exits = {}
    for sense in first.values[1:]:
        v = verdict(d, {first.id: sense})
        assert v.outcome is not None and v.rule is not None and next_question(d, {first.id: sense}) is None, sense
        exits[sense] = v.rule
    assert "colormetrix:3" in exits["co_owner"].cites, "the exit cites the ColorMetrix author's excluded sense"
    assert "rosenshein:21" in exits["internal_team"].cites, "platform teams: 'another story for another time'"
    assert len({r.outcome for r in exits.values()}) == len(exits), "each sense has its own outcome"
    for rule in exits.values():  # a scope exit says what the guide does not cover
        step = kb.outcome(rule.outcome).next_step
        assert "not cover" in step or "beyond this guide" in step, step


def test_a_lapsed_partnership_is_a_customer_again_with_its_pitfalls(kb) -> None:
    d = kb.decision
    reseller = next(sc for sc in kb.scenarios if sc.id == "value-added-reseller").facts
    lapsed = {**reseller, "change": "to_transactional", "joint_offering": False}
    assert verdict(d, reseller).outcome == "channel_partner"
    v = verdict(d, lapsed)
    assert v.outcome == "customer" and v.rule is not None
    assert {"partnership-without-sharing", "they-need-us"} <= set(v.rule.notes.pitfalls)


def test_nikolov_has_two_probing_questions(kb) -> None:
    assert [f.id for f in kb.decision.facts if f.probing] == ["revenue_depends_on_ours", "promotes_us"]


def test_the_model_declares_what_cannot_exist(kb) -> None:
    assert kb.decision.impossible and all(len(imp.when) >= 2 and imp.why for imp in kb.decision.impossible)


def test_the_real_flowchart_skips_questions_on_some_path(kb) -> None:
    """So the decision page has jumps (Q1 → Q5) to explain."""

    def jumps(step: Step) -> list[str]:
        if step.fact is None:
            return []
        return ([step.skipped_label] if step.skipped else []) + [j for b in step.branches for j in jumps(b.step)]

    chart = flowchart(kb.decision)
    assert jumps(chart)
    assert 1 <= chart.height <= len(kb.decision.facts)
