"""generator.decision: the tiny knowledge base's rules, stated outright; properties that must hold for every
input of a decision model (the tiny one, and a hand-built one whose paths skip a question); and small
hand-built models that show what happens when rules leave gaps or overlap.

What the real decision model says is tests/test_content_quiz.py.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product
from math import prod

import pytest

from generator.decision import (
    Node,
    all_answer_combinations,
    all_fact_combinations,
    candidates,
    classify,
    decide,
    impossible,
    matches,
    matching_rules,
    next_question,
    path,
    plausible_completions,
    readings_for,
    tree,
    verdict,
)
from generator.model import Decision, Fact, Impossible, Outcome, Rule
from support.tiny import tiny_kb

D = tiny_kb().decision
# sells_ours is yes/no; pays_us is a choice fact (directly, via_dealer, nothing) whose rules accept
# "directly or via_dealer" as one condition.
YES_YES, YES_DEALER, YES_NO, NO_YES, NO_DEALER, NO_NO = (
    {"sells_ours": s, "pays_us": p} for s, p in product((True, False), ("directly", "via_dealer", "nothing"))
)


# --- The tiny model, stated -------------------------------------------------------------------


def test_combinations_are_every_assignment_once_in_a_stable_order() -> None:
    assert list(all_fact_combinations(D)) == [YES_YES, YES_DEALER, YES_NO, NO_YES, NO_DEALER, NO_NO]
    answers = list(all_answer_combinations(D))
    assert len(answers) == 3 * 4 and answers[0] == YES_YES and answers[-1] == {"sells_ours": None, "pays_us": None}
    assert {"sells_ours": True, "pays_us": None} in answers and {"sells_ours": None, "pays_us": "via_dealer"} in answers


@pytest.mark.parametrize(
    "facts, rule, outcome",
    [
        (YES_YES, "paying-reseller", "both"),
        (YES_DEALER, "paying-reseller", "both"),
        (YES_NO, "reseller", "reseller"),
        (NO_YES, "customer", "customer"),
        (NO_DEALER, "customer", "customer"),
        (NO_NO, "bystander", "bystander"),
    ],
)
def test_each_combination_is_decided_by_its_rule(facts, rule, outcome) -> None:
    assert [r.id for r in matching_rules(D, facts)] == [rule]
    assert classify(D, facts).id == rule and classify(D, facts).outcome == outcome
    assert path(D, facts) == [("sells_ours", facts["sells_ours"]), ("pays_us", facts["pays_us"])]
    assert verdict(D, facts).outcome == outcome and verdict(D, facts).rule.id == rule
    assert decide(D, facts) == verdict(D, facts)


def test_partial_answers() -> None:
    assert next_question(D, {}) == "sells_ours"
    assert next_question(D, {"sells_ours": False}) == "pays_us"
    assert next_question(D, {"pays_us": "directly"}) == "sells_ours", (
        "answers out of order still ask the first open question"
    )
    assert [r.id for r in candidates(D, {"sells_ours": False})] == ["customer", "bystander"]
    assert decide(D, {"sells_ours": True}) is None, "a question is still open"
    assert matches(D.rules[1], {"sells_ours": True, "pays_us": "nothing"}) and not matches(
        D.rules[1], {"sells_ours": True}
    )
    assert matches(D.rules[0], YES_DEALER) and matches(D.rules[0], YES_YES), "a list accepts any of its answers"
    assert not matches(D.rules[1], {"sells_ours": True, "pays_us": False}), "no is not the option 'nothing'"
    assert not matches(D.rules[1], {"sells_ours": 1, "pays_us": "nothing"}), "1 is not yes"


def test_not_sure_leaves_the_outcomes_still_possible_and_what_to_find_out() -> None:
    new_account = verdict(D, {"sells_ours": None, "pays_us": "directly"})
    assert new_account.outcomes == ("customer", "both") and new_account.outcome is None  # in outcome order
    assert [r.id for r in new_account.rules] == ["paying-reseller", "customer"] and new_account.rule is None
    assert new_account.find_out == ("sells_ours",)
    assert verdict(D, {"sells_ours": True, "pays_us": None}).outcomes == ("reseller", "both")
    assert verdict(D, {"sells_ours": True, "pays_us": None}).find_out == ("pays_us",)
    # Not sure of the first question: the tool asks the next one; knowing nothing, find out the first first.
    assert next_question(D, {"sells_ours": None}) == "pays_us"
    nothing = verdict(D, {"sells_ours": None, "pays_us": None})
    assert nothing.outcomes == ("customer", "reseller", "both", "bystander") and nothing.find_out == (
        "sells_ours",
        "pays_us",
    )
    assert decide(D, {"sells_ours": None, "pays_us": None}) == nothing


def test_impossible_combinations_and_plausible_completions() -> None:
    d = replace(
        D,
        impossible=[
            Impossible(when={"sells_ours": False, "pays_us": ["nothing", "via_dealer"]}, why="We list no one else.")
        ],
    )
    assert impossible(d, NO_NO) == [0] and impossible(d, NO_DEALER) == [0] and impossible(d, NO_YES) == []
    assert impossible(d, {"sells_ours": False}) == [], "an unanswered fact does not fall into it"
    assert list(plausible_completions(d, {"sells_ours": False, "pays_us": None})) == [NO_YES]
    assert list(plausible_completions(d, {})) == [YES_YES, YES_DEALER, YES_NO, NO_YES]
    assert list(plausible_completions(D, {"sells_ours": False})) == [NO_YES, NO_DEALER, NO_NO]
    assert list(plausible_completions(D, {"pays_us": ["directly", "nothing"]})) == [YES_YES, YES_NO, NO_YES, NO_NO]
    assert impossible(D, NO_NO) == []


def test_a_sources_reading_shows_only_where_the_case_meets_its_test_and_differs() -> None:
    """Ben's test (they pay us, directly or through a dealer) calls them a customer: shown for the paying
    reseller (rules: both), left out for the bookshop (rules: customer too) and the free dealer (test not
    met), open while how they pay is unknown."""

    def shown(facts: dict) -> list:
        return [(x.reading.id, x.status, x.unknown) for x in readings_for(D, facts)]

    assert shown(YES_DEALER) == [("ben-payer", "applies", ())]
    assert shown(NO_YES) == [] and shown(YES_NO) == []
    assert shown({"sells_ours": True, "pays_us": None}) == [("ben-payer", "open", ("pays_us",))]
    assert shown({"sells_ours": True}) == [("ben-payer", "open", ("pays_us",))], "unasked is unknown too"
    assert shown({"sells_ours": None, "pays_us": "directly"}) == [("ben-payer", "applies", ())], "rules undecided"


# --- Properties, on the tiny model and on one whose yes to Q1 skips Q2 --------------------------


def fact(fid: str) -> Fact:
    return Fact(id=fid, question=f"{fid}?", help="h", yes="y", no="n", how_to_find_out="ask", synthesis=True)


def outcome(oid: str) -> Outcome:
    return Outcome(id=oid, name=oid, summary="s", next_step="n", synthesis=True)


def rule(rid: str, when: dict[str, bool], to: str) -> Rule:
    return Rule(id=rid, when=when, outcome=to, because="b", synthesis=True)


SKIPPING = Decision(
    facts=[fact("a"), fact("b"), fact("c")],
    outcomes=[outcome("x"), outcome("y"), outcome("z")],
    rules=[
        rule("ac", {"a": True, "c": True}, "x"),
        rule("a-not-c", {"a": True, "c": False}, "y"),
        rule("b", {"a": False, "b": True}, "z"),
        rule("neither", {"a": False, "b": False}, "x"),
    ],
)
MODELS = {"tiny": D, "skipping": SKIPPING}


def order(d: Decision) -> list[str]:
    return [f.id for f in d.facts]


def combo_id(combo: dict) -> str:
    return "".join(
        {True: "Y", False: "n", None: "?"}.get(v, v[:1] if isinstance(v, str) else "") for v in combo.values()
    )


def agreeing(d: Decision, answers: dict) -> list[dict]:
    """Every complete combination consistent with partial `answers` ("not sure" agrees with any answer)."""
    return [c for c in all_fact_combinations(d) if all(v is None or c[f] == v for f, v in answers.items())]


def values(d: Decision, fid: str) -> tuple:
    return next(f for f in d.facts if f.id == fid).values


def cases(make) -> list:
    return [pytest.param(name, x, id=f"{name}-{combo_id(x)}") for name, d in MODELS.items() for x in make(d)]


def test_the_skipping_model_skips() -> None:
    assert path(SKIPPING, {"a": True, "b": False, "c": True}) == [("a", True), ("c", True)]
    assert path(SKIPPING, {"a": False, "b": False, "c": True}) == [("a", False), ("b", False)]


@pytest.mark.parametrize("name, combo", cases(all_fact_combinations))
def test_exactly_one_rule_matches(name: str, combo: dict[str, bool]) -> None:
    found = matching_rules(MODELS[name], combo)
    assert len(found) == 1, [r.id for r in found]
    assert classify(MODELS[name], combo) is found[0]


@pytest.mark.parametrize("name, combo", cases(all_fact_combinations))
def test_path_asks_in_order_and_only_what_matters(name: str, combo: dict[str, bool]) -> None:
    d = MODELS[name]
    asked = path(d, combo)
    facts = [f for f, _ in asked]
    assert all(value == combo[f] for f, value in asked), "answers are the combination's"
    assert facts == sorted(facts, key=order(d).index) and len(set(facts)) == len(facts), "question order, no repeats"
    answers: dict[str, bool] = {}
    for fid, value in asked:
        # relevant: with the answers so far, flipping this fact changes the deciding rule somewhere
        assert any(
            classify(d, c).id != classify(d, {**c, fid: other}).id
            for c in agreeing(d, answers)
            for other in values(d, fid)
        ), f"{fid} asked but irrelevant after {answers}"
        answers[fid] = value
    # enough: every combination agreeing on the asked facts is decided by the same rule
    assert {classify(d, c).id for c in agreeing(d, answers)} == {classify(d, combo).id}


def partial_answers(d: Decision) -> list[dict]:
    """Every set of known answers to some of the facts (each fact one of its answers, or unasked)."""
    return [
        {f: v for f, v in zip(order(d), combo) if v is not None}
        for combo in product(*((*f.values, None) for f in d.facts))
    ]


@pytest.mark.parametrize("name, given", cases(partial_answers))
def test_next_question_agrees_with_candidates(name: str, given: dict[str, bool]) -> None:
    d = MODELS[name]
    left = candidates(d, given)
    assert left == [r for r in d.rules if any(matches(r, c) for c in agreeing(d, given))], "candidates are exact"
    fid = next_question(d, given)
    if fid is None:
        # decided: at most one rule is left, and it decides every completion
        assert len(left) <= 1
        assert {classify(d, c).id for c in agreeing(d, given)} == {r.id for r in left}
    else:
        assert fid not in given and len(left) > 1
        assert any(fid in r.when for r in left)
        earlier = order(d)[: order(d).index(fid)]
        assert not any(f not in given and any(f in r.when for r in left) for f in earlier), (
            "skipped an earlier question"
        )


def leaves(node: Node, route: dict) -> list[tuple[dict, Node]]:
    if node.fact is None:
        return [(route, node)]
    assert node.rule is None and [v for v, _ in node.branches] == list(
        next(f for f in D.facts + SKIPPING.facts if f.id == node.fact).values
    )
    return [leaf for value, child in node.branches for leaf in leaves(child, {**route, node.fact: value})]


@pytest.mark.parametrize("name", MODELS)
def test_tree_leaves_are_the_rules(name: str) -> None:
    d = MODELS[name]
    found = leaves(tree(d), {})
    assert all(leaf.rule is not None for _, leaf in found)
    assert {leaf.rule.id for _, leaf in found} == {r.id for r in d.rules}, "every rule is reachable"
    for route, leaf in found:
        assert all(classify(d, c) is leaf.rule for c in agreeing(d, route)), "a leaf decides its whole branch"
        assert list(route) == sorted(route, key=order(d).index)


@pytest.mark.parametrize("name, combo", cases(all_fact_combinations))
def test_tree_and_path_agree(name: str, combo: dict[str, bool]) -> None:
    d = MODELS[name]
    node, walked = tree(d), []
    while node.fact is not None:
        walked.append((node.fact, combo[node.fact]))
        node = node.branch(combo[node.fact])
    assert walked == path(d, combo)
    assert node.rule is classify(d, combo)


@pytest.mark.parametrize("name", MODELS)
def test_every_answer_combination_is_decided_or_says_what_to_find_out(name: str) -> None:
    d = MODELS[name]
    answers_all = list(all_answer_combinations(d))
    assert len(answers_all) == prod(len(f.values) + 1 for f in d.facts)
    undecided = 0
    for answers in answers_all:
        v = verdict(d, answers)
        # The outcomes still possible are exactly those of the completions of the unknowns.
        assert set(v.outcomes) == {classify(d, c).outcome for c in agreeing(d, answers)}, combo_id(answers)
        if v.outcome is None:
            undecided += 1
            assert len(v.outcomes) > 1 and v.find_out, combo_id(answers)
            for fid in v.find_out:  # each one is a "not sure" answer, and knowing it narrows the outcomes
                assert answers[fid] is None
                assert any(
                    set(verdict(d, {**answers, fid: value}).outcomes) < set(v.outcomes) for value in values(d, fid)
                )
        else:
            assert v.find_out == ()
    assert 0 < undecided < len(answers_all), "some answers decide, some leave work to do"


@pytest.mark.parametrize("name, answers", cases(all_answer_combinations))
def test_the_tools_questions_reach_the_same_verdict(name: str, answers: dict[str, bool | None]) -> None:
    """Asking only what the tool asks, in its order, gives the verdict the full answers give."""
    d = MODELS[name]
    asked = dict(path(d, answers))
    assert list(asked) == sorted(asked, key=order(d).index)
    assert decide(d, asked) == verdict(d, answers)


# --- Hand-built models with gaps and overlaps ----------------------------------------------------


def decision(*rules: Rule) -> Decision:
    return Decision(facts=[fact("a"), fact("b")], outcomes=[outcome("x"), outcome("y")], rules=list(rules))


COMPLETE = decision(
    rule("a", {"a": True}, "x"),
    rule("not-a", {"a": False, "b": True}, "y"),
    rule("neither", {"a": False, "b": False}, "x"),
)
GAP = decision(rule("a", {"a": True}, "x"), rule("b", {"a": False, "b": True}, "y"))
OVERLAP = decision(
    rule("a", {"a": True}, "x"), rule("b", {"b": True}, "y"), rule("none", {"a": False, "b": False}, "x")
)


def test_a_complete_model_classifies_everything() -> None:
    assert [classify(COMPLETE, c).id for c in all_fact_combinations(COMPLETE)] == ["a", "a", "not-a", "neither"]
    assert path(COMPLETE, {"a": True, "b": False}) == [("a", True)], "b is irrelevant once a holds"
    assert path(COMPLETE, {"a": False, "b": False}) == [("a", False), ("b", False)]


def test_classify_raises_on_a_gap() -> None:
    with pytest.raises(ValueError, match="0 rules match"):
        classify(GAP, {"a": False, "b": False})
    assert classify(GAP, {"a": False, "b": True}).id == "b"
    # The flowchart trusts the coverage check: with one candidate left it stops asking, so the
    # uncovered a=no, b=no ends at rule 'b' — which is why checks._coverage tries every combination.
    assert tree(GAP).branch(False) == Node(rule=GAP.rules[1])
    assert path(GAP, {"a": False, "b": False}) == [("a", False)]


def test_classify_raises_on_an_overlap() -> None:
    with pytest.raises(ValueError, match="2 rules match"):
        classify(OVERLAP, {"a": True, "b": True})
    assert classify(OVERLAP, {"a": True, "b": False}).id == "a"
    assert [r.id for r in matching_rules(OVERLAP, {"a": True, "b": True})] == ["a", "b"]


def test_next_question_stops_once_decided() -> None:
    assert next_question(COMPLETE, {}) == "a"
    assert next_question(COMPLETE, {"a": True}) is None
    assert next_question(COMPLETE, {"a": False}) == "b"
    assert next_question(COMPLETE, {"b": True}) == "a", "answers out of order still ask the first open question"
    assert candidates(COMPLETE, {"a": False}) == list(COMPLETE.rules[1:])
