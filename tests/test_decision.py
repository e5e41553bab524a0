"""generator.decision: properties that must hold for every fact combination of the real decision model,
and small hand-built models that show what happens when rules leave gaps or overlap."""
from __future__ import annotations

from itertools import product

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
    tree,
    verdict,
)
from generator.knowledge import load
from generator.model import Decision, Fact, Outcome, Rule

KB = load()
D = KB.decision
ORDER = [f.id for f in D.facts]
COMBOS = list(all_fact_combinations(D))


def combo_id(combo: dict[str, bool]) -> str:
    return "".join("Y" if combo[f] else "n" for f in ORDER)


def agreeing(answers: dict[str, bool]) -> list[dict[str, bool]]:
    """Every complete combination consistent with partial `answers`."""
    return [c for c in COMBOS if all(c[f] == v for f, v in answers.items())]


def test_combinations_are_every_assignment_once() -> None:
    assert len(COMBOS) == 2 ** len(ORDER)
    assert len({combo_id(c) for c in COMBOS}) == len(COMBOS)
    assert all(list(c) == ORDER for c in COMBOS)


@pytest.mark.parametrize("combo", COMBOS, ids=combo_id)
def test_exactly_one_rule_matches(combo: dict[str, bool]) -> None:
    found = matching_rules(D, combo)
    assert len(found) == 1, [r.id for r in found]
    assert classify(D, combo) is found[0]


@pytest.mark.parametrize("combo", COMBOS, ids=combo_id)
def test_path_asks_in_order_and_only_what_matters(combo: dict[str, bool]) -> None:
    asked = path(D, combo)
    facts = [f for f, _ in asked]
    assert all(value == combo[f] for f, value in asked), "answers are the combination's"
    assert facts == sorted(facts, key=ORDER.index) and len(set(facts)) == len(facts), "question order, no repeats"
    answers: dict[str, bool] = {}
    for fact, value in asked:
        # relevant: with the answers so far, flipping this fact changes the deciding rule somewhere
        assert any(classify(D, c).id != classify(D, {**c, fact: not c[fact]}).id for c in agreeing(answers)), (
            f"{fact} asked but irrelevant after {answers}")
        answers[fact] = value
    # enough: every combination agreeing on the asked facts is decided by the same rule
    assert {classify(D, c).id for c in agreeing(answers)} == {classify(D, combo).id}


@pytest.mark.parametrize("answers", [
    dict(zip(ORDER, values)) for values in product((True, False, None), repeat=len(ORDER))
], ids=lambda a: "".join({True: "Y", False: "n", None: "."}[v] for v in a.values()))
def test_next_question_agrees_with_candidates(answers: dict[str, bool | None]) -> None:
    given = {f: v for f, v in answers.items() if v is not None}
    left = candidates(D, given)
    assert left == [r for r in D.rules if any(matches(r, c) for c in agreeing(given))], "candidates are exact"
    fact = next_question(D, given)
    if fact is None:
        # decided: at most one rule is left, and it decides every completion
        assert len(left) <= 1
        assert {classify(D, c).id for c in agreeing(given)} == {r.id for r in left}
    else:
        assert fact not in given and len(left) > 1
        assert any(fact in r.when for r in left)
        earlier = ORDER[:ORDER.index(fact)]
        assert not any(f not in given and any(f in r.when for r in left) for f in earlier), "skipped an earlier question"


def leaves(node: Node, route: dict[str, bool]) -> list[tuple[dict[str, bool], Node]]:
    if node.fact is None:
        return [(route, node)]
    assert node.yes is not None and node.no is not None and node.rule is None
    return leaves(node.yes, {**route, node.fact: True}) + leaves(node.no, {**route, node.fact: False})


def test_tree_leaves_are_the_rules() -> None:
    found = leaves(tree(D), {})
    assert all(leaf.rule is not None for _, leaf in found)
    assert {leaf.rule.id for _, leaf in found} == {r.id for r in D.rules}, "every rule is reachable"
    for route, leaf in found:
        assert all(classify(D, c) is leaf.rule for c in agreeing(route)), "a leaf decides its whole branch"
        assert list(route) == sorted(route, key=ORDER.index)


@pytest.mark.parametrize("combo", COMBOS, ids=combo_id)
def test_tree_and_path_agree(combo: dict[str, bool]) -> None:
    node, walked = tree(D), []
    while node.fact is not None:
        walked.append((node.fact, combo[node.fact]))
        node = node.yes if combo[node.fact] else node.no
    assert walked == path(D, combo)
    assert node.rule is classify(D, combo)


# --- Hand-built models -------------------------------------------------------------------------

def fact(fid: str) -> Fact:
    return Fact(id=fid, question=f"{fid}?", help="h", yes="y", no="n", how_to_find_out="ask", synthesis=True)


def outcome(oid: str) -> Outcome:
    return Outcome(id=oid, name=oid, summary="s", next_step="n", synthesis=True)


def rule(rid: str, when: dict[str, bool], to: str) -> Rule:
    return Rule(id=rid, when=when, outcome=to, because="b", synthesis=True)


def decision(*rules: Rule) -> Decision:
    return Decision(facts=[fact("a"), fact("b")], outcomes=[outcome("x"), outcome("y")], rules=list(rules))


COMPLETE = decision(rule("a", {"a": True}, "x"), rule("not-a", {"a": False, "b": True}, "y"),
                    rule("neither", {"a": False, "b": False}, "x"))
GAP = decision(rule("a", {"a": True}, "x"), rule("b", {"a": False, "b": True}, "y"))
OVERLAP = decision(rule("a", {"a": True}, "x"), rule("b", {"b": True}, "y"), rule("none", {"a": False, "b": False}, "x"))


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
    assert tree(GAP).no == Node(rule=GAP.rules[1])
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


# --- "Not sure" answers, plausibility and cases --------------------------------------------------

ANSWERS = list(all_answer_combinations(D))


def answers_id(answers: dict[str, bool | None]) -> str:
    return "".join({True: "Y", False: "n", None: "?"}[answers[f]] for f in ORDER)


def completions(answers: dict[str, bool | None]) -> list[dict[str, bool]]:
    return [c for c in COMBOS if all(v is None or c[f] == v for f, v in answers.items())]


def test_every_answer_combination_is_decided_or_says_what_to_find_out() -> None:
    assert len(ANSWERS) == 3 ** len(ORDER)
    undecided = 0
    for answers in ANSWERS:
        v = verdict(D, answers)
        # The outcomes still possible are exactly those of the completions of the unknowns.
        assert set(v.outcomes) == {classify(D, c).outcome for c in completions(answers)}, answers_id(answers)
        if v.outcome is None:
            undecided += 1
            assert len(v.outcomes) > 1 and v.find_out, answers_id(answers)
            for fact in v.find_out:  # each one is a "not sure" answer, and knowing it narrows the outcomes
                assert answers[fact] is None
                assert all(set(verdict(D, {**answers, fact: value}).outcomes) != set(v.outcomes) for value in (True, False)) or \
                    any(set(verdict(D, {**answers, fact: value}).outcomes) < set(v.outcomes) for value in (True, False))
        else:
            assert v.find_out == ()
    assert 0 < undecided < len(ANSWERS), "some answers decide, some leave work to do"


@pytest.mark.parametrize("answers", ANSWERS[::7], ids=answers_id)
def test_the_tools_questions_reach_the_same_verdict(answers: dict[str, bool | None]) -> None:
    """Asking only what the tool asks, in its order, gives the verdict the full answers give."""
    asked = dict(path(D, answers))
    assert list(asked) == sorted(asked, key=ORDER.index)
    assert decide(D, asked) == verdict(D, answers)


def test_not_sure_on_the_first_question_keeps_asking() -> None:
    first = ORDER[0]
    assert next_question(D, {first: None}) not in (None, first)
    v = verdict(D, {f: None for f in ORDER})
    assert v.outcome is None and v.find_out[0] == first, "knowing nothing: find out the first question first"


def test_scope_exit_is_the_first_question_and_cites_the_excluding_source() -> None:
    first = D.facts[0]
    v = verdict(D, {first.id: True})
    assert v.outcome is not None and v.rule is not None and next_question(D, {first.id: True}) is None
    assert "colormetrix:3" in v.rule.cites, "the exit cites the ColorMetrix author's excluded sense"


def test_a_lapsed_partnership_is_a_customer_again_with_its_pitfalls(kb) -> None:
    reseller = next(sc for sc in kb.scenarios if sc.id == "value-added-reseller").facts
    lapsed = {**reseller, "partnership_lapsed": True, "joint_offering": False}
    assert verdict(D, reseller).outcome == "channel_partner"
    v = verdict(D, lapsed)
    assert v.outcome == "customer" and v.rule is not None
    assert {"partnership-without-sharing", "they-need-us"} <= set(v.rule.notes.pitfalls)


def test_nikolov_has_two_probing_questions() -> None:
    assert [f.id for f in D.facts if f.probing] == ["revenue_depends_on_ours", "promotes_us"]


def test_impossible_combinations_are_real_and_leave_every_rule_reachable() -> None:
    assert D.impossible, "the model declares what cannot exist"
    for imp in D.impossible:
        assert set(imp.when) <= set(ORDER) and len(imp.when) >= 2
        assert any(impossible(D, c) for c in COMBOS)
    for rule in D.rules:
        assert any(matching_rules(D, c) == [rule] for c in plausible_completions(D, rule.when)), rule.id


def test_every_case_is_possible_and_its_outcome_is_the_rules(kb) -> None:
    outcomes = {o.id for o in D.outcomes}
    seen: set[str] = set()
    for sc in kb.scenarios:
        assert set(sc.facts) == set(ORDER), sc.id
        assert not impossible(D, {f: v for f, v in sc.facts.items() if v is not None}), sc.id
        assert list(plausible_completions(D, sc.facts)), sc.id
        v = verdict(D, sc.facts)
        assert (v.outcome or "undecided") == sc.expect, sc.id
        if v.outcome is None:
            assert v.find_out and v.find_out[0] == sc.find_out, sc.id
        seen.add(v.outcome or "undecided")
    assert seen == outcomes | {"undecided"}, "the cases cover every outcome and undecided ones"
    assert len(kb.scenarios) >= 24
    deals = {sc.deal for sc in kb.scenarios if sc.deal}
    assert all(sum(sc.deal == deal for sc in kb.scenarios) >= 2 for deal in deals) and len(deals) >= 2
