"""The browser's rule evaluator (quiz.js, as served) agrees with generator/decision.py on every input.

The JavaScript port runs in real headless Chromium against the served rules.json; the expected
values are computed here with generator.decision from the knowledge base, never typed in. Inputs:
every yes/no combination, every yes/no/not-sure combination, and every partial set of answers
(each fact unasked, yes, no or not sure).
"""
from __future__ import annotations

from itertools import product

import pytest

from generator import decision
from generator.model import KnowledgeBase

UNASKED = "unasked"  # a marker for building partial answers; never sent as a value

# Loads the served rules.json and runs the served evaluator (window.PartnerQuiz) on every case.
EVALUATE = """async ({url, complete, answers, partial}) => {
  const PQ = window.PartnerQuiz, d = await (await fetch(url)).json();
  const ids = rules => rules.map(r => r.id);
  const shown = v => ({rules: ids(v.rules), outcomes: v.outcomes, find_out: v.find_out, outcome: v.outcome,
                       rule: v.rule && v.rule.id});
  return {
    complete: complete.map(facts => {
      const rule = PQ.classify(d, facts), path = PQ.path(d, facts), asked = {};
      path.forEach(([f, v]) => { asked[f] = v; });
      const decided = PQ.decide(d, asked);
      return {rule: rule.id, outcome: rule.outcome, path, decided: decided && decided.rule && decided.rule.id,
              matching: ids(PQ.matchingRules(d, facts))};
    }),
    answers: answers.map(a => {
      const path = PQ.path(d, a), asked = {};
      path.forEach(([f, v]) => { asked[f] = v; });
      return {verdict: shown(PQ.verdict(d, a)), path, decided: shown(PQ.decide(d, asked)),
              code: PQ.encode(d, asked), restored: shown(PQ.decide(d, PQ.decode(d, PQ.encode(d, asked))))};
    }),
    partial: partial.map(a => ({candidates: ids(PQ.candidates(d, a)), next: PQ.nextQuestion(d, a),
                                verdict: shown(PQ.verdict(d, a))})),
  };
}"""


def shown(v: decision.Verdict) -> dict:
    return {"rules": [r.id for r in v.rules], "outcomes": list(v.outcomes), "find_out": list(v.find_out),
            "outcome": v.outcome, "rule": v.rule.id if v.rule else None}


def partial_answers(kb: KnowledgeBase) -> list[dict[str, bool | None]]:
    """Every partial assignment: each fact unasked, yes, no or not sure (4^n cases)."""
    ids = [f.id for f in kb.decision.facts]
    return [{f: v for f, v in zip(ids, values) if v != UNASKED}
            for values in product((True, False, None, UNASKED), repeat=len(ids))]


@pytest.mark.browser
def test_js_evaluator_matches_python_on_every_combination(page, site_server, kb):
    d = kb.decision
    complete = list(decision.all_fact_combinations(d))
    answers = list(decision.all_answer_combinations(d))
    partial = partial_answers(kb)
    assert len(complete) == 2 ** len(d.facts) >= 2
    assert len(answers) == 3 ** len(d.facts)
    assert len(partial) == 4 ** len(d.facts)

    page.goto(site_server.url("classify/"))
    page.wait_for_function("() => window.PartnerQuiz && typeof window.PartnerQuiz.verdict === 'function'")
    got = page.evaluate(EVALUATE, {"url": site_server.url("quiz/rules.json"), "complete": complete,
                                   "answers": answers, "partial": partial})

    assert len(got["complete"]) == len(complete)
    for facts, js in zip(complete, got["complete"]):
        rule = decision.classify(d, facts)
        assert js["rule"] == rule.id, facts
        assert js["outcome"] == rule.outcome, facts
        assert js["path"] == [[fact, value] for fact, value in decision.path(d, facts)], facts
        assert js["matching"] == [r.id for r in decision.matching_rules(d, facts)], facts
        assert js["decided"] == rule.id, facts  # the tool stops when the asked answers leave one rule

    assert len(got["answers"]) == len(answers)
    for a, js in zip(answers, got["answers"]):
        expected = shown(decision.verdict(d, a))
        asked = dict(decision.path(d, a))
        assert js["verdict"] == expected, a
        assert js["path"] == [[fact, value] for fact, value in decision.path(d, a)], a
        assert js["decided"] == shown(decision.decide(d, asked)) == expected, a
        assert js["restored"] == expected, a  # the URL code round-trips the tool's answers
        assert len(js["code"]) == len(d.facts)

    assert len(got["partial"]) == len(partial)
    for a, js in zip(partial, got["partial"]):
        assert js["candidates"] == [r.id for r in decision.candidates(d, a)], a
        assert js["next"] == decision.next_question(d, a), a
        assert js["verdict"] == shown(decision.verdict(d, a)), a


def test_every_rule_and_outcome_is_reached(kb):
    """The parity check above is only as good as its inputs: every rule must decide some case."""
    d = kb.decision
    reached = {decision.classify(d, facts).id for facts in decision.all_fact_combinations(d)}
    assert reached == {r.id for r in d.rules}
    undecided = [a for a in decision.all_answer_combinations(d) if decision.verdict(d, a).outcome is None]
    assert undecided, "the inputs include undecided cases"


@pytest.mark.browser
def test_js_classify_refuses_incomplete_facts(page, site_server, kb):
    """Like Python's classify, the port raises unless exactly one rule matches."""
    page.goto(site_server.url("classify/"))
    page.wait_for_function("() => window.PartnerQuiz")
    message = page.evaluate("""async (url) => {
      const d = await (await fetch(url)).json();
      try { window.PartnerQuiz.classify(d, {}); return null; } catch (e) { return e.message; }
    }""", site_server.url("quiz/rules.json"))
    with pytest.raises(ValueError):
        decision.classify(kb.decision, {})
    assert message == "0 rules match"
