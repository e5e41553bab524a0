"""generator/diagram.py: the drawn flowchart is the rules' own tree, with numbered questions.

On the tiny knowledge base (two facts, four rules) and on a hand-built model whose yes branch skips a
question; what the real flowchart looks like is tests/test_content_quiz.py.
"""

from __future__ import annotations

import pytest

from generator import decision
from generator.diagram import Step, flowchart
from generator.model import Decision, Fact, FactOption, KnowledgeBase, Outcome, Rule


def leaves(step: Step) -> list[Step]:
    if step.fact is None:
        return [step]
    return [leaf for branch in step.branches for leaf in leaves(branch.step)]


def shape(step: Step) -> object:
    """The chart as nested tuples: (number, fact, skipped, branch, branch …) for a question — a yes/no question's
    branches as their steps (yes first), a choice question's as (label, step) — and (rule, outcome) for a leaf."""
    if step.fact is None:
        return (step.rule.id if step.rule else None, step.outcome.id if step.outcome else None)
    if step.fact.choice:
        return (step.number, step.fact.id, step.skipped, *((b.label, shape(b.step)) for b in step.branches))
    return (step.number, step.fact.id, step.skipped, *(shape(b.step) for b in step.branches))


def test_the_tiny_flowchart_asks_sells_ours_then_pays_us(tiny: KnowledgeBase) -> None:
    """pays_us is a choice fact: its two answers that lead to the same rule share one branch."""
    chart = flowchart(tiny.decision)
    assert shape(chart) == (
        1,
        "sells_ours",
        (),
        (
            2,
            "pays_us",
            (),
            ("Directly or Through a dealer", ("paying-reseller", "both")),
            ("Nothing", ("reseller", "reseller")),
        ),
        (
            2,
            "pays_us",
            (),
            ("Directly or Through a dealer", ("customer", "customer")),
            ("Nothing", ("bystander", "bystander")),
        ),
    )
    both = chart.yes.branch("via_dealer")
    assert chart.depth == 0 and chart.yes.depth == 1 and both.depth == 2 and both is chart.yes.branch("directly")
    assert both.outcome.name == "Reseller and customer" and chart.fact.question.startswith("Do they earn")
    assert [b.kind for b in chart.branches] == ["yes", "no"] and [b.kind for b in chart.yes.branches] == ["option"] * 2
    assert chart.yes.branches[0].values == ("directly", "via_dealer")
    assert (chart.leaves, chart.height, chart.yes.leaves, chart.yes.height) == (4, 2, 2, 1)


def test_every_answer_set_reaches_the_rule_that_classifies_it(tiny: KnowledgeBase) -> None:
    chart = flowchart(tiny.decision)
    for answers in decision.all_fact_combinations(tiny.decision):
        step, asked = chart, []
        while step.fact is not None:
            asked.append(step.fact.id)
            step = step.branch(answers[step.fact.id])
            assert step is not None
        rule = decision.classify(tiny.decision, answers)
        assert step.rule == rule and step.outcome is not None and step.outcome.id == rule.outcome
        assert [(f, answers[f]) for f in asked] == decision.path(tiny.decision, answers)


def fact(fid: str) -> Fact:
    return Fact(id=fid, question=f"{fid}?", help="h", yes="y", no="n", how_to_find_out="ask", synthesis=True)


def outcome(oid: str) -> Outcome:
    return Outcome(id=oid, name=oid.upper(), summary="s", next_step="n", synthesis=True)


def rule(rid: str, when: dict[str, bool], to: str) -> Rule:
    return Rule(id=rid, when=when, outcome=to, because="b", synthesis=True)


# a yes to Q1 makes Q2 irrelevant (the path goes Q1 → Q3), a no makes Q3 irrelevant.
SKIPPING = Decision(
    facts=[fact("a"), fact("b"), fact("c")],
    outcomes=[outcome("x"), outcome("y")],
    rules=[
        rule("ac", {"a": True, "c": True}, "x"),
        rule("a-not-c", {"a": True, "c": False}, "y"),
        rule("b", {"a": False, "b": True}, "y"),
        rule("neither", {"a": False, "b": False}, "x"),
    ],
)


def test_each_question_says_which_questions_it_skips() -> None:
    """Numbers jump (Q1 → Q3) because questions keep their model order; the jump is recorded."""
    chart = flowchart(SKIPPING)
    assert shape(chart) == (
        1,
        "a",
        (),
        (3, "c", (2,), ("ac", "x"), ("a-not-c", "y")),
        (2, "b", (), ("b", "y"), ("neither", "x")),
    )
    assert chart.yes.skipped_label == "Q2" and chart.no.skipped_label == ""
    assert (chart.leaves, chart.height) == (4, 2)
    assert {leaf.rule.id for leaf in leaves(chart)} == {r.id for r in SKIPPING.rules}


def test_an_uncovered_branch_ends_without_a_rule() -> None:
    """The flowchart trusts the coverage check: a branch no rule covers is a leaf with neither rule nor outcome."""
    gap = Decision(facts=[fact("a")], outcomes=[outcome("x"), outcome("y")], rules=[rule("a", {"a": True}, "x")])
    assert shape(flowchart(gap)) == ("a", "x"), "one rule left: nothing to ask"
    two = Decision(
        facts=[fact("a")],
        outcomes=[outcome("x"), outcome("y")],
        rules=[rule("a", {"a": True}, "x"), rule("also-a", {"a": True}, "y")],
    )
    assert shape(flowchart(two)) == (1, "a", (), ("a", "x"), (None, None))


def test_answers_that_lead_the_same_way_share_a_branch() -> None:
    """A choice fact with four answers, two of which decide alike: three branches, labelled in the offered order."""
    kind = Fact(
        id="k",
        question="k?",
        help="h",
        how_to_find_out="ask",
        synthesis=True,
        options=[FactOption(id=i, short=i.upper(), label=i, example=i) for i in ("p", "q", "r", "s")],
    )
    model = Decision(
        facts=[kind, fact("a")],
        outcomes=[outcome("x"), outcome("y")],
        rules=[
            rule("pr", {"k": ["p", "r"]}, "x"),
            rule("q", {"k": "q"}, "y"),
            rule("s-a", {"k": "s", "a": True}, "x"),
            rule("s-not-a", {"k": "s", "a": False}, "y"),
        ],
    )
    chart = flowchart(model)
    assert shape(chart) == (
        1,
        "k",
        (),
        ("P or R", ("pr", "x")),
        ("Q", ("q", "y")),
        ("S", (2, "a", (), ("s-a", "x"), ("s-not-a", "y"))),
    )
    assert chart.branch("r") is chart.branch("p") and chart.branch("t") is None


@pytest.mark.parametrize(
    "skipped, label", [((2, 3, 4), "Q2–Q4"), ((3,), "Q3"), ((2, 4), "Q2, Q4"), ((2, 3, 5), "Q2–Q3, Q5"), ((), "")]
)
def test_skipped_label(skipped, label) -> None:
    assert Step(0, skipped=skipped).skipped_label == label
