"""The question bank for an LMS's own quiz engine (quiz/exchange.py): each file read back by an
existing parser — GIFT by gift-pegjs (npm), Moodle XML by moodle-xml-parser (PyPI), QTI 1.2 by
qti2latex's Canvas QTI reader (PyPI) — and compared with questions.json's own data, on the tiny
knowledge base, the real one and a hostile one full of XML and GIFT syntax."""

from __future__ import annotations

import copy
import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import qti2latex
from moodle_xml_parser import parser as moodle_xml_parser

from generator.knowledge import load
from generator.model import KnowledgeBase
from quiz.bank import build_bank
from quiz.exchange import (
    MOODLE_FRACTIONS,
    categories,
    general_feedback,
    gift,
    gift_escape,
    moodle_xml,
    option_feedback,
    qti,
)
from quiz.export import questions_data
from support import REPO_ROOT
from support.node import require_node
from support.tiny import TINY_ARTICLES, copy_tiny, edit

# GIFT's and XML's special characters, an entity, a CDATA end and a script: all must come back as text
ATTACK = "x{=~#}y\\z:w &amp; <b>b</b> ]]> </script> %50%"


def data_of(kb: KnowledgeBase) -> dict[str, Any]:
    """questions.json's content for `kb` (the one truth the exports are written from)."""
    return questions_data(kb, build_bank(kb))


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The tiny knowledge base with ATTACK planted in a story's reasoning, a rule's 'because' and an argument."""
    target = copy_tiny(tmp_path_factory.mktemp("hostile"))
    edit(target / "scenarios.yml", "It pays the price we ask.", f"It pays {ATTACK} the price we ask.")
    edit(target / "decision.yml", "They pay nothing and sell nothing.", f"They pay {ATTACK} nothing and sell nothing.")
    edit(target / "debate.yml", "Every paying firm is a customer", f"Every {ATTACK} paying firm is a customer")
    data = data_of(load(target, TINY_ARTICLES))
    assert json.dumps(ATTACK, ensure_ascii=False)[1:-1] in json.dumps(data, ensure_ascii=False)
    return data


def with_feedback(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with an assessment pool and per-option feedback (questions.json's `feedback`, option id → text)."""
    questions = [
        {
            **q,
            "pool": "assessment" if i % 2 else "practice",
            "feedback": {o["id"]: f"If you chose “{o['text']}”: {{see}} #{i}~{j}" for j, o in enumerate(q["options"])},
        }
        for i, q in enumerate(data["questions"])
    ]
    return {**data, "questions": questions}


@pytest.fixture(scope="module", params=["tiny", "real", "hostile", "pools"])
def exchange_bank(request: pytest.FixtureRequest, tiny: KnowledgeBase, kb: KnowledgeBase) -> dict[str, Any]:
    if request.param == "hostile":
        return request.getfixturevalue("hostile_data")  # type: ignore[no-any-return]
    if request.param == "pools":
        return with_feedback(data_of(tiny))
    return data_of(tiny if request.param == "tiny" else kb)


def in_categories(data: dict[str, Any]) -> list[tuple[list[str], list[str]]]:
    """[(category path, question ids)] as the exports must group them."""
    return [(cat.path, [q["id"] for q in cat.questions]) for cat in categories(data)]


def test_categories_split_pools_and_topics(tiny: KnowledgeBase) -> None:
    data = data_of(tiny)
    data["questions"][0] = {**data["questions"][0], "pool": "assessment"}
    cats = categories(data)
    assert [c.pool for c in cats] == sorted((c.pool for c in cats), key=("assessment", "practice").index)
    assert cats[0].pool == "assessment" and [q["id"] for q in cats[0].questions] == [data["questions"][0]["id"]]
    assert sorted(q["id"] for c in cats for q in c.questions) == sorted(q["id"] for q in data["questions"])
    assert all(c.draw >= 1 for c in cats)
    # every pool's question in exactly one category of its own pool and topic
    for c in cats:
        assert all(q["topic"] == c.topic["id"] and (q.get("pool") or "practice") == c.pool for q in c.questions)


def test_gift_read_back_by_gift_pegjs(exchange_bank: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "bank.gift.txt"
    path.write_text(gift(exchange_bank), encoding="utf-8")
    out = subprocess.run(
        [require_node(), str(REPO_ROOT / "tests/support/gift_parse.mjs"), str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    parsed = json.loads(out.stdout)
    groups: list[tuple[list[str], list[str]]] = []
    by_id = {q["id"]: q for q in exchange_bank["questions"]}
    for entry in parsed:
        if entry["type"] == "Category":
            assert entry["title"].startswith("$course$/top/")
            groups.append((entry["title"].removeprefix("$course$/top/").split("/"), []))
            continue
        q = by_id[entry["title"]]
        groups[-1][1].append(q["id"])
        assert entry["type"] == "MC"
        assert entry["stem"]["text"] == q["prompt"]
        assert entry["globalFeedback"]["text"] == general_feedback(exchange_bank, q)
        assert [c["text"]["text"] for c in entry["choices"]] == [o["text"] for o in q["options"]]
        assert [c["feedback"]["text"] for c in entry["choices"]] == [option_feedback(q, o) for o in q["options"]]
        right = [(c["weight"] or 0) > 0 if q["multiple"] else c["isCorrect"] for c in entry["choices"]]
        assert right == [o["id"] in q["correct"] for o in q["options"]]
    assert groups == in_categories(exchange_bank)


def test_moodle_xml_read_back_by_moodle_xml_parser(exchange_bank: dict[str, Any]) -> None:
    text = moodle_xml(exchange_bank)
    parsed = moodle_xml_parser.parse_string(text)["multichoice"]
    assert [q.name for q in parsed] == [q for _, ids in in_categories(exchange_bank) for q in ids]
    by_id = {q["id"]: q for q in exchange_bank["questions"]}

    def read(t: str) -> str:  # the parser strips, drops CDATA markers and HTML-unescapes (as for Moodle's HTML format)
        return html.unescape(re.sub(r"<!\[CDATA\[|\]\]>", "", t.strip()))

    for got in parsed:
        q = by_id[got.name]
        assert got.text_pre_parse == read(q["prompt"])
        assert got.general_feedback == read(general_feedback(exchange_bank, q))
        assert got.single is not q["multiple"]
        assert [o.answer for o in got.options] == [read(o["text"]) for o in q["options"]]
        assert [o.feedback for o in got.options] == [read(option_feedback(q, o)) for o in q["options"]]
        share = float(MOODLE_FRACTIONS[len(q["correct"])])
        assert [o.score_fraction for o in got.options] == [
            share if o["id"] in q["correct"] else (-100.0 if q["multiple"] else 0.0) for o in q["options"]
        ]
    # the texts themselves, exactly (the parser unescapes entities): ElementTree reads the same file
    root = ET.fromstring(text)
    questions = root.findall("question")
    prompts = {
        q.findtext("name/text"): q.findtext("questiontext/text") for q in questions if q.get("type") == "multichoice"
    }
    assert prompts == {q["id"]: q["prompt"] for q in exchange_bank["questions"]}
    assert all(
        q.find("questiontext").get("format") == "plain_text" for q in questions if q.get("type") == "multichoice"
    )
    # a category question before each category's questions
    groups: list[tuple[list[str], list[str]]] = []
    for q in questions:
        if q.get("type") == "category":
            groups.append(
                (
                    [
                        p.replace("//", "/")
                        for p in (q.findtext("category/text") or "").removeprefix("$course$/top/").split("/")
                    ],
                    [],
                )
            )
        else:
            groups[-1][1].append(q.findtext("name/text") or "")
    assert groups == in_categories(exchange_bank)


def test_qti_read_back_by_qti2latex(exchange_bank: dict[str, Any]) -> None:
    text = qti(exchange_bank)
    root = ET.fromstring(text)
    top = qti2latex.findall_anyns(root, "section")[0]
    sections = qti2latex.childall_anyns(top, "section")
    by_id = {q["id"]: q for q in exchange_bank["questions"]}
    assert [(s.get("title"), [i.get("ident") for i in qti2latex.get_group(s)[2]]) for s in sections] == [
        (": ".join(path[1:]), ids) for path, ids in in_categories(exchange_bank)
    ]
    for section, cat in zip(sections, categories(exchange_bank)):
        draw, points, items = qti2latex.get_group(section)
        assert (draw, points) == (cat.draw, 1)
        for item in items:
            q = by_id[item.get("ident")]
            meta = qti2latex.get_qti_metadata(item)
            assert meta["question_type"] == (
                "multiple_answers_question" if q["multiple"] else "multiple_choice_question"
            )
            assert qti2latex.get_item_stem(item) == q["prompt"].strip()
            assert qti2latex.get_choices(item) == [(o["id"], o["text"].strip()) for o in q["options"]]
            # qti2latex reads every <varequal> of the scoring conditions as the key: give it the one that scores
            scoring = copy.deepcopy(item)
            processing = qti2latex.findall_anyns(scoring, "resprocessing")[0]
            for cond in list(processing):
                if cond.get("continue") == "Yes":
                    processing.remove(cond)
            assert qti2latex.get_correct_idents(scoring) == set(q["correct"])
            feedback = {
                f.get("ident"): qti2latex.text_of(qti2latex.findall_anyns(f, "mattext")[0])
                for f in qti2latex.findall_anyns(item, "itemfeedback")
            }
            assert feedback == {
                "general_fb": general_feedback(exchange_bank, q).strip(),
                **{f"{o['id']}_fb": option_feedback(q, o) for o in q["options"]},
            }


def test_each_options_feedback_is_carried_over(tiny: KnowledgeBase) -> None:
    data = with_feedback(data_of(tiny))
    q = data["questions"][0]
    texts = [q["feedback"][o["id"]] for o in q["options"]]
    assert [option_feedback(q, o) for o in q["options"]] == texts
    for text in texts:  # escaped in each format, read back above by each parser
        assert gift_escape(text) in gift(data)
        assert html.escape(text, quote=False) in moodle_xml(data) and html.escape(text, quote=False) in qti(data)
    assert {c.pool for c in categories(data)} == {"assessment", "practice"}


def test_hostile_text_stays_text(hostile_data: dict[str, Any]) -> None:
    """The planted text appears escaped in each file, never as markup or GIFT syntax."""
    moodle, qti_text, gift_text = moodle_xml(hostile_data), qti(hostile_data), gift(hostile_data)
    for xml_text in (moodle, qti_text):
        assert "<b>" not in xml_text and "</script>" not in xml_text
        assert "&lt;b&gt;b&lt;/b&gt;" in xml_text and "&amp;amp;" in xml_text
        ET.fromstring(xml_text)  # well-formed
    assert "x\\{\\=\\~\\#\\}y\\\\z\\:w" in gift_text
    assert "x{=~#}" not in gift_text
