"""questions.json and rules.json: deterministic, complete, script-safe, and faithful to the rules."""
from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from generator import decision
from generator.knowledge import KNOWLEDGE_DIR, load
from generator.model import KnowledgeBase
from quiz.bank import build_bank
from quiz.export import dumps, questions_json, rules_json

ATTACK = "</script><script>alert(1)</script><!--"


@pytest.fixture(scope="module")
def questions(kb: KnowledgeBase) -> dict:
    return json.loads(questions_json(kb, build_bank(kb)))


@pytest.fixture(scope="module")
def rules(kb: KnowledgeBase) -> dict:
    return json.loads(rules_json(kb))


def hostile_kb(tmp_path: Path) -> KnowledgeBase:
    """A copy of the knowledge base with a script-closing string planted in texts that reach both files."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    edits = {
        "scenarios.yml": ("story: A writer buys", f"story: A writer {ATTACK} buys"),
        "decision.yml": ("because: We buy from them to complete", f"because: We {ATTACK} buy from them to complete"),
        "debate.yml": ("argument: You do not sell to partners", f"argument: You {ATTACK} do not sell to partners"),
        "pitfalls.yml": ("remedy: Check revenue dependency first.", f"remedy: Check {ATTACK} revenue first."),
    }
    for name, (old, new) in edits.items():
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return load(target)




def test_questions_json_layout(kb, questions):
    bank = build_bank(kb)
    assert questions["version"] == 2
    assert questions["config"] == {"size": kb.quiz.size, "pass_mark": kb.quiz.pass_mark,
                                   "per_topic": kb.quiz.per_topic}
    assert [t["id"] for t in questions["topics"]] == [t.id for t in kb.quiz.topics]
    assert set(questions["sources"]) == {s.id for s in kb.sources}
    for sid, entry in questions["sources"].items():
        assert entry == {"title": kb.source(sid).title, "author": kb.source(sid).author, "short": kb.source(sid).short,
                         "byline": kb.source(sid).byline, "file": kb.source(sid).file}
    assert [q["id"] for q in questions["questions"]] == [q.id for q in bank]
    fields = {"id", "topic", "kind", "prompt", "options", "correct", "multiple", "explanation", "sources", "link"}
    for q in questions["questions"]:
        assert set(q) == fields | ({"facts"} if q["kind"] in ("scenario", "first") else set()), q["id"]
        assert q["multiple"] == (len(q["correct"]) > 1)
        assert set(q["correct"]) <= {o["id"] for o in q["options"]}
        assert set(q["sources"]) <= set(questions["sources"])


def test_scenario_answers_in_json_match_the_rules(kb, questions):
    scenarios = [q for q in questions["questions"] if q["kind"] == "scenario" and q["id"].startswith("scenario-")]
    assert len(scenarios) == len(kb.scenarios) >= 24
    for q in scenarios:
        v = decision.verdict(kb.decision, q["facts"])
        assert q["correct"] == [v.outcome or "undecided"], q["id"]


def evaluate(rules: dict, facts: dict[str, bool]) -> list[str]:
    """The JSON rules applied as the browser applies them: a rule matches when its `when` map holds."""
    return [r["outcome"] for r in rules["rules"] if all(facts[f] == v for f, v in r["when"].items())]


def next_question(rules: dict, answers: dict[str, bool]) -> str | None:
    """generator.decision.next_question, reading only rules.json."""
    left = [r for r in rules["rules"] if all(answers.get(f, v) == v for f, v in r["when"].items())]
    if len(left) <= 1:
        return None
    return next((f["id"] for f in rules["facts"]
                 if f["id"] not in answers and any(f["id"] in r["when"] for r in left)), None)


def test_rules_json_classifies_every_combination_like_python(kb, rules):
    combos = list(decision.all_fact_combinations(kb.decision))
    assert len(combos) == 2 ** len(rules["facts"])
    for facts in combos:
        assert evaluate(rules, facts) == [decision.classify(kb.decision, facts).outcome], facts
        answers: dict[str, bool] = {}
        while (fact := next_question(rules, answers)) is not None:
            answers[fact] = facts[fact]
        assert list(answers.items()) == decision.path(kb.decision, facts)


def test_rules_json_layout(kb, rules):
    d = kb.decision
    assert rules["version"] == 2
    assert [f["id"] for f in rules["facts"]] == [f.id for f in d.facts]  # question order
    assert [o["id"] for o in rules["outcomes"]] == [o.id for o in d.outcomes]
    assert [r["id"] for r in rules["rules"]] == [r.id for r in d.rules]
    assert set(rules["sources"]) == {s.id for s in kb.sources}
    for f, fact in zip(rules["facts"], d.facts):
        assert (f["question"], f["yes"], f["no"], f["if_no"], f["probing"], f["how_to_find_out"]) == (
            fact.question, fact.yes, fact.no, fact.if_no, fact.probing, fact.how_to_find_out)
        assert f["link"] == f"decision/#fact-{fact.id}" and f["sources"] == fact.source_ids
    aspects = [a.id for a in kb.playbook.aspects]
    for o in rules["outcomes"]:
        plays = [p for p in kb.playbook.plays if p.outcome == o["id"]]
        assert [p["aspect"] for p in o["plays"]] == sorted((p.aspect for p in plays), key=aspects.index)
        assert {p["text"] for p in o["plays"]} == {p.text for p in plays}
        assert o["link"] == f"decision/#outcome-{o['id']}"
    for r, rule in zip(rules["rules"], d.rules):
        assert r["when"] == rule.when and r["outcome"] == rule.outcome and r["link"] == f"decision/#rule-{rule.id}"
        assert r["alternatives"] == [asdict(a) for a in rule.alternatives]
        assert r["notes"] == (asdict(rule.notes) if rule.notes else {"signals": [], "special_cases": [], "pitfalls": []})
    assert [s["id"] for s in rules["signals"]] == [s.id for s in d.signals]
    assert [k["id"] for k in rules["special_cases"]] == [k.id for k in kb.special_cases]
    assert [p["id"] for p in rules["pitfalls"]] == [p.id for p in kb.pitfalls]
    assert rules["impossible"] == [{"when": i.when, "why": i.why} for i in d.impossible]


def test_kb_text_cannot_close_a_script_element(tmp_path):
    kb = hostile_kb(tmp_path)
    out_questions, out_rules = questions_json(kb, build_bank(kb)), rules_json(kb)
    for text in (out_questions, out_rules):
        assert "</script" not in text.lower()
        assert "<!--" not in text
    parsed = json.dumps(json.loads(out_questions), ensure_ascii=False) + json.dumps(json.loads(out_rules),
                                                                                   ensure_ascii=False)
    assert parsed.count(ATTACK) >= 4  # the text itself survives the round trip unchanged


def test_dumps_escapes_line_separators_and_sorts_keys():
    text = dumps({"b": "x\u2028y\u2029z", "a": "</SCRIPT> </b>"})
    assert "\u2028" not in text and "\u2029" not in text
    assert "</" not in text
    assert text.index('"a"') < text.index('"b"')
    assert json.loads(text) == {"b": "x\u2028y\u2029z", "a": "</SCRIPT> </b>"}
