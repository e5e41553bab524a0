"""The browser's rule evaluator (quiz.js, as served) agrees with generator/decision.py on every input.

The JavaScript port runs in real headless Chromium against the served rules.json; the expected
values are computed here with generator.decision from the knowledge base, never typed in.
"""
from __future__ import annotations

from itertools import product

import pytest

from generator import decision
from generator.model import KnowledgeBase


# Loads the served rules.json and runs the served evaluator (window.PartnerQuiz) on every case.
EVALUATE = """async ({url, complete, partial}) => {
  const PQ = window.PartnerQuiz, d = await (await fetch(url)).json();
  return {
    complete: complete.map(facts => {
      const rule = PQ.classify(d, facts), path = PQ.path(d, facts), asked = {};
      path.forEach(([f, v]) => { asked[f] = v; });
      const decided = PQ.decide(d, asked);
      return {rule: rule.id, outcome: rule.outcome, path, decided: decided && decided.id,
              matching: PQ.matchingRules(d, facts).map(r => r.id)};
    }),
    partial: partial.map(answers => ({
      candidates: PQ.candidates(d, answers).map(r => r.id),
      next: PQ.nextQuestion(d, answers),
    })),
  };
}"""


def partial_answers(kb: KnowledgeBase) -> list[dict[str, bool]]:
    """Every partial assignment: each fact yes, no or not yet answered (3^n cases)."""
    ids = [f.id for f in kb.decision.facts]
    return [{f: v for f, v in zip(ids, values) if v is not None}
            for values in product((True, False, None), repeat=len(ids))]


@pytest.mark.browser
def test_js_evaluator_matches_python_on_every_combination(page, site_server, kb):
    d = kb.decision
    complete = list(decision.all_fact_combinations(d))
    partial = partial_answers(kb)
    assert len(complete) == 2 ** len(d.facts) >= 2
    assert len(partial) == 3 ** len(d.facts)

    page.goto(site_server.url("classify/"))
    page.wait_for_function("() => window.PartnerQuiz && typeof window.PartnerQuiz.classify === 'function'")
    got = page.evaluate(EVALUATE, {"url": site_server.url("quiz/rules.json"), "complete": complete, "partial": partial})

    assert len(got["complete"]) == len(complete)
    for facts, js in zip(complete, got["complete"]):
        rule = decision.classify(d, facts)
        expected_path = [[fact, value] for fact, value in decision.path(d, facts)]
        assert js["rule"] == rule.id, facts
        assert js["outcome"] == rule.outcome, facts
        assert js["path"] == expected_path, facts
        assert js["matching"] == [r.id for r in decision.matching_rules(d, facts)], facts
        # The tool stops when the asked answers leave one rule: it must be the same rule.
        assert js["decided"] == rule.id, facts

    assert len(got["partial"]) == len(partial)
    for answers, js in zip(partial, got["partial"]):
        assert js["candidates"] == [r.id for r in decision.candidates(d, answers)], answers
        assert js["next"] == decision.next_question(d, answers), answers


def test_every_rule_and_outcome_is_reached(kb):
    """The parity check above is only as good as its inputs: every rule must decide some case."""
    d = kb.decision
    reached = {decision.classify(d, facts).id for facts in decision.all_fact_combinations(d)}
    assert reached == {r.id for r in d.rules}


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
