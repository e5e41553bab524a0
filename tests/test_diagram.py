"""generator/diagram.py: the drawn flowchart is the rules' own tree, with numbered questions."""
from __future__ import annotations

import pytest

from generator import decision
from generator.diagram import Step, flowchart
from generator.model import KnowledgeBase


def leaves(step: Step) -> list[Step]:
    if step.fact is None:
        return [step]
    return [leaf for branch in (step.yes, step.no) if branch is not None for leaf in leaves(branch)]


def test_every_answer_set_reaches_the_rule_that_classifies_it(kb: KnowledgeBase) -> None:
    chart = flowchart(kb.decision)
    for answers in decision.all_fact_combinations(kb.decision):
        step, asked = chart, []
        while step.fact is not None:
            assert step.fact.id not in asked, "a question is asked twice on one path"
            asked.append(step.fact.id)
            assert step.depth == len(asked) - 1
            step = step.yes if answers[step.fact.id] else step.no
            assert step is not None
        rule = decision.classify(kb.decision, answers)
        assert step.rule == rule and step.outcome is not None and step.outcome.id == rule.outcome
        assert [(f, answers[f]) for f in asked] == decision.path(kb.decision, answers)


def test_questions_are_numbered_in_model_order(kb: KnowledgeBase) -> None:
    numbers = {f.id: i for i, f in enumerate(kb.decision.facts, 1)}

    def walk(step: Step) -> None:
        if step.fact is not None:
            assert step.number == numbers[step.fact.id]
            for branch in (step.yes, step.no):
                assert branch is not None
                assert branch.fact is None or numbers[branch.fact.id] > step.number
                walk(branch)

    walk(flowchart(kb.decision))


def test_size(kb: KnowledgeBase) -> None:
    chart = flowchart(kb.decision)
    assert chart.leaves == len(leaves(chart))
    assert {leaf.rule.id for leaf in leaves(chart) if leaf.rule} == {r.id for r in kb.decision.rules}
    assert chart.height == max(len(decision.path(kb.decision, a)) for a in decision.all_fact_combinations(kb.decision))
    assert 1 <= chart.height <= len(kb.decision.facts)


def test_each_question_says_which_questions_it_skips(kb: KnowledgeBase) -> None:
    """Numbers jump (Q1 → Q5) because questions keep their model order; every jump is recorded."""
    jumps = []

    def walk(step: Step, previous: int) -> None:
        if step.fact is None:
            return
        assert step.skipped == tuple(range(previous + 1, step.number))
        if step.skipped:
            jumps.append(step.skipped_label)
        for branch in (step.yes, step.no):
            walk(branch, step.number)

    walk(flowchart(kb.decision), 0)
    assert jumps, "the real decision model skips questions on some path"


@pytest.mark.parametrize("skipped, label", [((2, 3, 4), "Q2–Q4"), ((3,), "Q3"), ((2, 4), "Q2, Q4"),
                                            ((2, 3, 5), "Q2–Q3, Q5")])
def test_skipped_label(skipped, label) -> None:
    assert Step(0, skipped=skipped).skipped_label == label
