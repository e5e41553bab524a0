"""The browser's rule evaluator (rules.js and urlstate.js, as served) agrees with generator/decision.py on
every input.

The ES modules run in Node against rules.json (they are pure: no page needed; the browser tests drive the
classifier built on them): the tiny knowledge base's files as quiz.build serves them, and the real built
site's. The expected values are computed here with generator.decision, the other implementation;
generator.decision itself is tested with stated values in tests/test_decision.py.
Inputs: every combination of answers (yes/no, or a choice fact's options) and every combination with "not
sure" too (for the real model 1,440 and 12,960); partial answers: for the tiny model every partial set (each
fact unasked, not sure or one of its answers), for the real one every set the tool passes through — each
prefix of the questions it asks for every combination with "not sure" (the full 67,200 partial sets tripled
the test's time and test nothing the tiny model's full set and tests/test_decision.py do not).
"""

from __future__ import annotations

import json
import subprocess
from itertools import product
from math import prod
from pathlib import Path
from typing import Any

import pytest

from generator import decision
from generator.model import KnowledgeBase, Value
from quiz.build import quiz_files
from support.node import require_node

pytestmark = pytest.mark.exhaustive  # every combination of answers, in Node

UNASKED = "unasked"  # a marker for building partial answers; never sent as a value

# Imports the served modules (argv: the site's directory) and runs them on every case read from stdin.
EVALUATE = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const site = pathToFileURL(process.argv[1] + "/");
const R = await import(new URL("assets/quiz/rules.js", site)), U = await import(new URL("assets/quiz/urlstate.js", site));
const d = JSON.parse(readFileSync(new URL("quiz/rules.json", site), "utf8"));
const {complete, answers, partial, refused} = JSON.parse(readFileSync(0, "utf8"));
const ids = rules => rules.map(r => r.id);
const readings = a => R.readingsFor(d, a).map(x => [x.reading.id, x.status, x.unknown]);
const shown = v => ({rules: ids(v.rules), outcomes: v.outcomes, find_out: v.find_out, outcome: v.outcome,
                     rule: v.rule && v.rule.id});
const error = f => { try { f(); return null; } catch (e) { return e.message; } };
process.stdout.write(JSON.stringify({
  complete: complete.map(facts => {
    const rule = R.classify(d, facts), path = R.path(d, facts), asked = {};
    path.forEach(([f, v]) => { asked[f] = v; });
    const decided = R.decide(d, asked);
    return {rule: rule.id, outcome: rule.outcome, path, decided: decided && decided.rule && decided.rule.id,
            matching: ids(R.matchingRules(d, facts))};
  }),
  answers: answers.map(a => {
    const path = R.path(d, a), asked = {};
    path.forEach(([f, v]) => { asked[f] = v; });
    return {verdict: shown(R.verdict(d, a)), path, decided: shown(R.decide(d, asked)), readings: readings(a),
            tool_readings: readings(asked),
            code: U.encode(d, asked), restored: shown(R.decide(d, U.decode(d, U.encode(d, asked))))};
  }),
  partial: partial.map(a => ({candidates: ids(R.candidates(d, a)), next: R.nextQuestion(d, a),
                              verdict: shown(R.verdict(d, a)), readings: readings(a)})),
  refused: refused.map(facts => error(() => R.classify(d, facts))),
}));
"""


@pytest.fixture(scope="module")
def rules_site(tiny: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny knowledge base's rules.json and the quiz's ES modules, laid out as the site serves them."""
    site = tmp_path_factory.mktemp("tiny-site")
    for name, text in quiz_files(tiny).items():
        if name == "quiz/rules.json" or (name.startswith("assets/quiz/") and name.endswith(".js")):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.fixture(params=["tiny", "real"])
def served(request: pytest.FixtureRequest) -> tuple[Path, KnowledgeBase, str]:
    """A site directory with rules.json and the modules, the knowledge base it was made from, and which one."""
    if request.param == "tiny":
        return request.getfixturevalue("tiny_site"), request.getfixturevalue("tiny"), "tiny"
    return request.getfixturevalue("built_site"), request.getfixturevalue("kb"), "real"


def evaluate(site: Path, cases: dict[str, Any]) -> dict[str, Any]:
    """The served modules' answers for `cases`, computed by Node."""
    result = subprocess.run(
        [require_node(), "--input-type=module", "-e", EVALUATE, str(site)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def readings(d, answers) -> list:
    """generator.decision.readings_for as the Node side reports it: [reading id, status, unknown facts]."""
    return [[x.reading.id, x.status, list(x.unknown)] for x in decision.readings_for(d, answers)]


def shown(v: decision.Verdict) -> dict:
    return {
        "rules": [r.id for r in v.rules],
        "outcomes": list(v.outcomes),
        "find_out": list(v.find_out),
        "outcome": v.outcome,
        "rule": v.rule.id if v.rule else None,
    }


def partial_answers(kb: KnowledgeBase) -> list[dict[str, Value | None]]:
    """Every partial assignment: each fact unasked, not sure, or one of its answers."""
    ids = [f.id for f in kb.decision.facts]
    return [
        {f: v for f, v in zip(ids, values) if v != UNASKED}
        for values in product(*((*f.values, None, UNASKED) for f in kb.decision.facts))
    ]


def tool_states(kb: KnowledgeBase) -> list[dict[str, Value | None]]:
    """Every set of answers the tool holds on its way: each prefix of the questions it asks, for every
    combination of answers with "not sure"; no duplicates, in a stable order."""
    seen: dict[tuple[tuple[str, Value | None], ...], None] = {}
    for answers in decision.all_answer_combinations(kb.decision):
        asked = decision.path(kb.decision, answers)
        for n in range(len(asked) + 1):
            seen.setdefault(tuple(asked[:n]), None)
    return [dict(state) for state in seen]


def test_js_evaluator_matches_python_on_every_combination(served: tuple[Path, KnowledgeBase, str]) -> None:
    site, kb, which = served
    d = kb.decision
    complete = list(decision.all_fact_combinations(d))
    answers = list(decision.all_answer_combinations(d))
    tiny = which == "tiny"
    partial = partial_answers(kb) if tiny else tool_states(kb)
    assert len(complete) == prod(len(f.values) for f in d.facts) >= 2
    assert len(answers) == prod(len(f.values) + 1 for f in d.facts)
    if tiny:
        assert len(partial) == prod(len(f.values) + 2 for f in d.facts)
    else:
        assert len(partial) > len(complete) and {} in partial
    assert any(f.choice for f in d.facts), "a choice fact is among the inputs"

    got = evaluate(site, {"complete": complete, "answers": answers, "partial": partial, "refused": []})

    assert d.readings and any(readings(d, a) for a in answers), "the inputs show some reading"
    assert any(x[1] == "open" for a in answers for x in readings(d, a)), "and some open one"
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
        assert js["readings"] == readings(d, a), a
        assert js["tool_readings"] == readings(d, asked), a
        assert len(js["code"]) == len(d.facts)

    assert len(got["partial"]) == len(partial)
    for a, js in zip(partial, got["partial"]):
        assert js["candidates"] == [r.id for r in decision.candidates(d, a)], a
        assert js["next"] == decision.next_question(d, a), a
        assert js["verdict"] == shown(decision.verdict(d, a)), a
        assert js["readings"] == readings(d, a), a


@pytest.mark.parametrize("which", ["tiny", "kb"])
def test_every_rule_and_outcome_is_reached(which: str, request: pytest.FixtureRequest) -> None:
    """The parity check above is only as good as its inputs: every rule must decide some case."""
    d = request.getfixturevalue(which).decision
    reached = {decision.classify(d, facts).id for facts in decision.all_fact_combinations(d)}
    assert reached == {r.id for r in d.rules}
    undecided = [a for a in decision.all_answer_combinations(d) if decision.verdict(d, a).outcome is None]
    assert undecided, "the inputs include undecided cases"


def test_js_classify_refuses_incomplete_facts(rules_site: Path, tiny: KnowledgeBase) -> None:
    """Like Python's classify, the port raises unless exactly one rule matches (a missing answer matches no rule)."""
    half = {"sells_ours": True}
    wrong_kind = {"sells_ours": True, "pays_us": True}  # pays_us takes an option id, never yes
    got = evaluate(rules_site, {"complete": [], "answers": [], "partial": [], "refused": [{}, half, wrong_kind]})
    for facts in ({}, half, wrong_kind):
        with pytest.raises(ValueError, match="0 rules match"):
            decision.classify(tiny.decision, facts)
    assert got["refused"] == ["0 rules match"] * 3
