"""generator.decision evaluates rules through bitmasks compiled once per model; these tests hold that
evaluation to the definitions written out plainly (every condition of every rule, per answer set),
on every answer combination of the tiny and the real model and on answers no form would send."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from generator.decision import (
    Answer,
    Facts,
    Verdict,
    accepted,
    all_answer_combinations,
    candidates,
    impossible,
    matching_rules,
    verdict,
)
from generator.model import Decision, KnowledgeBase, Rule, Value


def holds(wanted: Value | list[Value], given: Answer) -> bool:
    return given is not None and any(type(given) is type(w) and given == w for w in accepted(wanted))


def plain_candidates(d: Decision, answers: Facts) -> list[Rule]:
    return [r for r in d.rules if all(answers.get(f) is None or holds(w, answers.get(f)) for f, w in r.when.items())]


def plain_verdict(d: Decision, answers: Facts) -> Verdict:
    left = plain_candidates(d, answers)
    outcomes = tuple(o.id for o in d.outcomes if any(r.outcome == o.id for r in left))
    find_out: tuple[str, ...] = ()
    if len(outcomes) > 1:
        find_out = tuple(
            f.id
            for f in d.facts
            if f.id in answers
            and answers[f.id] is None
            and len(
                {frozenset(r.outcome for r in left if f.id not in r.when or holds(r.when[f.id], v)) for v in f.values}
            )
            > 1
        )
    return Verdict(tuple(left), outcomes, find_out)


def plain_matching(d: Decision, facts: Facts) -> list[Rule]:
    return [r for r in d.rules if all(holds(w, facts.get(f)) for f, w in r.when.items())]


def plain_impossible(d: Decision, facts: Facts) -> list[int]:
    return [i for i, imp in enumerate(d.impossible) if all(holds(v, facts.get(f)) for f, v in imp.when.items())]


def odd_answers(d: Decision) -> list[dict[str, Any]]:
    """Answers no form sends: 1 and 0 for yes and no, an option id on a yes/no fact and the reverse, an
    unknown option, a fact the model does not have, and only some facts asked."""
    first, *rest = d.facts
    out: list[dict[str, Any]] = []
    for odd in (1, 0, "yes", True, False, "no-such-option", ""):
        for f in d.facts:
            out.append({g.id: (odd if g is f else g.values[0]) for g in d.facts})
    out.append({"no-such-fact": True, first.id: first.values[-1]})
    out += [{f.id: f.values[0]} for f in rest]
    out.append({})
    return out


def agree(d: Decision, answers: dict[str, Any]) -> None:
    assert verdict(d, answers) == plain_verdict(d, answers), answers
    assert candidates(d, answers) == plain_candidates(d, answers), answers
    assert matching_rules(d, answers) == plain_matching(d, answers), answers
    assert impossible(d, answers) == plain_impossible(d, answers), answers


@pytest.mark.exhaustive
def test_every_answer_combination_of_the_real_model(kb: KnowledgeBase) -> None:
    d = kb.decision
    for answers in [*all_answer_combinations(d), *odd_answers(d)]:
        agree(d, answers)


def test_every_answer_combination_of_the_tiny_model(tiny: KnowledgeBase) -> None:
    d = tiny.decision
    for answers in [*all_answer_combinations(d), *odd_answers(d)]:
        agree(d, answers)


def test_a_model_changed_in_place_is_compiled_anew(tiny: KnowledgeBase) -> None:
    """Records are frozen but their lists are not: a rule list edited after a verdict must not be served
    from the compiled form of the old one."""
    d = replace(tiny.decision, rules=list(tiny.decision.rules))
    answers = {f.id: f.values[0] for f in d.facts}
    before = verdict(d, answers)
    d.rules.reverse()
    d.rules.pop()
    assert verdict(d, answers) == plain_verdict(d, answers)
    assert verdict(d, answers) != before or len(before.rules) == 0


def test_answers_of_another_type_never_meet_a_condition(tiny: KnowledgeBase) -> None:
    """1 == True in Python, and a set of answers would take one for the other; the rules must not."""
    d = tiny.decision
    yes_no = next(f for f in d.facts if f.values == (True, False))
    rule = next(r for r in d.rules if r.when.get(yes_no.id) is True)
    answers: dict[str, Any] = {f: (accepted(w)[0] if f != yes_no.id else 1) for f, w in rule.when.items()}
    assert rule not in matching_rules(d, answers)
    assert rule in matching_rules(d, {**answers, yes_no.id: True})


def test_the_odd_answers_cover_each_fact_and_kind(tiny: KnowledgeBase) -> None:
    kinds = {type(v) for answers in odd_answers(tiny.decision) for v in answers.values()}
    assert {int, str, bool} <= kinds
