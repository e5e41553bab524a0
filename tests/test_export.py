"""questions.json and rules.json on the tiny knowledge base: complete, script-safe, and faithful to the rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from generator.knowledge import load
from generator.model import Impossible, KnowledgeBase
from quiz.assessment import opaque
from quiz.bank import build_bank
from quiz.export import dumps, questions_json, rules_json
from support.tiny import TINY_ARTICLES, TINY_TOPICS, copy_tiny, edit

ATTACK = "</script><script>alert(1)</script><!--"
NO_NOTES = {"signals": [], "special_cases": [], "pitfalls": []}


@pytest.fixture(scope="module")
def questions(tiny: KnowledgeBase) -> dict:
    return json.loads(questions_json(tiny, build_bank(tiny)))


@pytest.fixture(scope="module")
def rules(tiny: KnowledgeBase) -> dict:
    return json.loads(rules_json(tiny))


def test_questions_json_layout(tiny, questions) -> None:
    assert questions["version"] == 2
    assert questions["config"] == {"size": 11, "pass_mark": 0.5, "per_topic": {"classification": 3}}
    assert [t["id"] for t in questions["topics"]] == list(TINY_TOPICS)
    assert questions["topics"][4] == {"id": "classification", "name": "Classifying", "link": "decision/#flowchart"}
    assert questions["sources"] == {
        "ada": {
            "title": "Buyers and allies",
            "author": "Ada Example",
            "short": "Ada",
            "byline": "Ada",
            "file": "ada.txt",
        },
        "ben": {
            "title": "Partners are customers too",
            "author": "Ben Sample",
            "short": "Ben",
            "byline": "Ben",
            "file": "ben.txt",
        },
        "cy": {
            "title": "Sellers are partners, not customers",
            "author": "unnamed",
            "short": "Cy",
            "byline": "Cy",
            "file": "cy.txt",
        },
    }
    assert questions["urls"] == {"source": "sources/{id}/", "question": "quiz/study/#{id}"}
    assert [q["id"] for q in questions["questions"]] == [q.id for q in build_bank(tiny)]
    fields = {
        "id",
        "topic",
        "kind",
        "prompt",
        "pool",
        "options",
        "correct",
        "multiple",
        "explanation",
        "sources",
        "link",
    }
    for q in questions["questions"]:
        assert set(q) == fields | ({"facts", "feedback"} if q["kind"] in ("scenario", "first") else set()), q["id"]
        assert q["pool"] == "practice"  # the tiny knowledge base holds out no assessment
        assert all(set(o) == {"id", "text"} for o in q["options"]), q["id"]
    ben = next(q for q in questions["questions"] if q["id"] == "perspective-ben")
    always = opaque("perspective-ben", "always")  # an option id does not name the answer
    assert ben["correct"] == [always] and ben["multiple"] is False and ben["link"] == "debate/#ben"
    assert ben["options"][0] == {"id": always, "text": "Yes — whoever pays is a customer"}


def test_case_answers_and_facts_in_json(questions) -> None:
    cases = {q["id"]: q for q in questions["questions"] if q["id"].startswith("scenario-")}
    expected = {
        "scenario-bookshop": "customer",
        "scenario-dealer": "reseller",
        "scenario-dealer-with-support": "both",
        "scenario-visitor": "bystander",
        "scenario-new-account": "undecided",
    }
    assert {qid: q["correct"] for qid, q in cases.items()} == {qid: [opaque(qid, o)] for qid, o in expected.items()}
    for q in cases.values():  # the feedback for every option, the key's saying why it is right
        assert set(q["feedback"]) == {o["id"] for o in q["options"]}
        assert q["feedback"][q["correct"][0]].startswith("Right")
    assert cases["scenario-new-account"]["facts"] == {"sells_ours": None, "pays_us": "directly"}  # not known: null


def accepts(wanted, given) -> bool:
    """A rule's condition in rules.json: one answer, or a list of answers any of which will do."""
    return given in (wanted if isinstance(wanted, list) else [wanted])


def evaluate(rules: dict, facts: dict) -> list[str]:
    """The JSON rules applied as the browser applies them: a rule matches when its `when` map holds."""
    return [r["outcome"] for r in rules["rules"] if all(accepts(v, facts[f]) for f, v in r["when"].items())]


def next_question(rules: dict, answers: dict) -> str | None:
    """generator.decision.next_question, reading only rules.json."""
    left = [r for r in rules["rules"] if all(f not in answers or accepts(v, answers[f]) for f, v in r["when"].items())]
    if len(left) <= 1:
        return None
    return next(
        (f["id"] for f in rules["facts"] if f["id"] not in answers and any(f["id"] in r["when"] for r in left)), None
    )


@pytest.mark.parametrize(
    "sells, pays, outcome",
    [
        (True, "directly", "both"),
        (True, "via_dealer", "both"),
        (True, "nothing", "reseller"),
        (False, "directly", "customer"),
        (False, "via_dealer", "customer"),
        (False, "nothing", "bystander"),
    ],
)
def test_rules_json_alone_classifies_and_asks_both_questions(rules, sells, pays, outcome) -> None:
    facts = {"sells_ours": sells, "pays_us": pays}
    assert evaluate(rules, facts) == [outcome]
    answers: dict = {}
    while (fact := next_question(rules, answers)) is not None:
        answers[fact] = facts[fact]
    assert list(answers.items()) == [("sells_ours", sells), ("pays_us", pays)]


def test_rules_json_layout(rules) -> None:
    assert rules["version"] == 2
    assert [f["id"] for f in rules["facts"]] == ["sells_ours", "pays_us"]  # question order
    sells, pays = rules["facts"]
    assert sells == {
        "id": "sells_ours",
        "question": "Do they earn by selling our product to their own clients?",
        "help": "Ada's reseller earns its money by selling your product.",
        "yes": "They resell our licences to their clients.",
        "no": "They use our product themselves.",
        "if_no": "Not a reseller.",
        "probing": True,
        "how_to_find_out": "Read the contract.",
        "sources": ["ada"],
        "link": "decision/#fact-sells_ours",
        "options": [],
        "labelled": ["if_no", "how_to_find_out"],
    }  # the guide's own advice, by the model's declaration
    assert (pays["if_no"], pays["probing"], pays["yes"], pays["no"]) == ("", False, "", "")
    assert pays["options"] == [
        {
            "id": "directly",
            "short": "Directly",
            "label": "Yes — they pay our invoices",
            "example": "They pay our invoices.",
            "then": "",
            "labelled": ["then"],
        },
        {
            "id": "via_dealer",
            "short": "Through a dealer",
            "label": "Yes — through one of our dealers",
            "example": "They buy our licences from a dealer.",
            "then": "",
            "labelled": ["then"],
        },
        {
            "id": "nothing",
            "short": "Nothing",
            "label": "No — they pay us nothing",
            "example": "They pay us nothing.",
            "then": "Look at what else they do for us.",
            "labelled": ["then"],
        },
    ]
    assert [o["id"] for o in rules["outcomes"]] == ["customer", "reseller", "both", "bystander"]
    outcomes = {o["id"]: o for o in rules["outcomes"]}
    assert outcomes["reseller"]["notes"] == {
        "signals": ["what-they-sell"],
        "special_cases": [],
        "pitfalls": ["taking-resellers-for-granted"],
    }
    assert outcomes["bystander"]["notes"] == {**NO_NOTES, "special_cases": ["free-rider"]}
    assert outcomes["customer"]["notes"] == NO_NOTES
    assert (outcomes["both"]["next_step_synthesis"], outcomes["customer"]["next_step_synthesis"]) == (True, False)
    assert (
        outcomes["reseller"]["sources"] == ["ada", "ben"]
        and outcomes["reseller"]["link"] == "decision/#outcome-reseller"
    )
    assert outcomes["reseller"]["plays"] == [
        {
            "aspect": "win",
            "aspect_name": "How you win them",
            "text": "Show them respect.",
            "sources": ["ben"],
            "synthesis": False,
        },
        {
            "aspect": "measure",
            "aspect_name": "What you measure",
            "text": "What they sell.",
            "sources": ["ben"],
            "synthesis": False,
        },
    ]
    assert [r["id"] for r in rules["rules"]] == ["paying-reseller", "reseller", "customer", "bystander"]
    first = rules["rules"][0]
    assert first["when"] == {"sells_ours": True, "pays_us": ["directly", "via_dealer"]} and first["outcome"] == "both"
    assert "alternatives" not in first, "other readings are the sources' own, in readings[]"
    assert rules["readings"] == [
        {
            "id": "ben-payer",
            "source": "ben",
            "outcome": "customer",
            "when": {"pays_us": ["directly", "via_dealer"]},
            "answers": "Do they pay us?",
            "text": "Whoever pays is a customer.",
            "sources": ["ben"],
            "labelled": [],
            "link": "decision/#reading-ben-payer",
        }
    ]
    assert first["link"] == "decision/#rule-paying-reseller" and first["notes"] == NO_NOTES
    assert rules["signals"] == [
        {
            "id": "what-they-sell",
            "name": "What they sell",
            "labelled": [],
            "text": "A reseller is judged by what it sells.",
            "sources": ["ben"],
            "link": "decision/#signal-what-they-sell",
        }
    ]
    assert [k["id"] for k in rules["special_cases"]] == ["free-rider", "goal-sharer", "referral-agency"]
    assert rules["special_cases"][0]["link"] == "kinds/#free-rider"
    assert [p["id"] for p in rules["pitfalls"]] == [
        "taking-resellers-for-granted",
        "partner-as-customer",
        "counting-free-users",
    ]
    assert rules["pitfalls"][2]["remedy"] == "Count only those who pay."
    assert set(rules["sources"]) == {"ada", "ben", "cy"}
    assert rules["urls"] == {"source": "sources/{id}/"}  # the tool links sources through it, never by hand
    assert rules["impossible"] == []


def test_rules_json_lists_impossible_combinations(tiny) -> None:
    d = replace(
        tiny.decision,
        impossible=[
            Impossible(when={"sells_ours": False, "pays_us": "nothing"}, why="Everyone we list pays or sells.")
        ],
    )
    exported = json.loads(rules_json(replace(tiny, decision=d)))
    assert exported["impossible"] == [
        {"when": {"sells_ours": False, "pays_us": "nothing"}, "why": "Everyone we list pays or sells."}
    ]


def hostile_kb(tmp_path: Path) -> tuple[KnowledgeBase, list[str]]:
    """A copy of the tiny knowledge base with a script-closing string planted in texts that reach both
    files, and the planted texts."""
    target = copy_tiny(tmp_path)
    planted = {
        "scenarios.yml": ("It pays the price we ask.", f"It pays {ATTACK} the price we ask."),  # questions
        "decision.yml": ("They pay nothing and sell nothing.", f"They pay {ATTACK} nothing and sell nothing."),  # both
        "debate.yml": ("Every paying firm is a customer", f"Every {ATTACK} paying firm is a customer"),  # questions
        "pitfalls.yml": ("remedy: Count only those who pay.", f"remedy: Count {ATTACK} only those who pay."),  # rules
    }
    for name, (old, new) in planted.items():
        edit(target / name, old, new)
    return load(target, TINY_ARTICLES), [new.removeprefix("remedy: ") for _, new in planted.values()]


def test_kb_text_cannot_close_a_script_element(tmp_path) -> None:
    kb, planted = hostile_kb(tmp_path)
    out_questions, out_rules = questions_json(kb, build_bank(kb)), rules_json(kb)
    for text in (out_questions, out_rules):
        assert "</script" not in text.lower()
        assert "<!--" not in text
    parsed_questions = json.dumps(json.loads(out_questions), ensure_ascii=False)
    parsed_rules = json.dumps(json.loads(out_rules), ensure_ascii=False)
    for text in planted:  # the text itself survives the round trip unchanged
        assert text in parsed_questions or text in parsed_rules, text
    assert planted[1] in parsed_questions and planted[1] in parsed_rules


def test_dumps_escapes_line_separators_and_sorts_keys() -> None:
    text = dumps({"b": "x\u2028y\u2029z", "a": "</SCRIPT> </b>"})
    assert "\u2028" not in text and "\u2029" not in text
    assert "</" not in text
    assert text.index('"a"') < text.index('"b"')
    assert json.loads(text) == {"b": "x\u2028y\u2029z", "a": "</SCRIPT> </b>"}
