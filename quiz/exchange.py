"""The question bank for an LMS's own quiz engine: QTI 1.2 (Canvas, Blackboard), Moodle XML and GIFT.

All three are written from `questions_data` — the very dict serialised as questions.json — so the
site's quiz and the exports cannot disagree. Each has one category per (pool, topic): an LMS that
draws N at random from each category reproduces the site's stratified round, and the assessment
pool never mixes with the practice pool. XML is built with xml.etree (which escapes every text and
attribute); GIFT, a plain-text format, comes from a template whose one filter escapes GIFT's
special characters. Knowledge-base text is always plain text (`format="plain_text"`, `text/plain`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = (Path(__file__).resolve().parent / "templates",)
POOLS = ("assessment", "practice")
POOL_NAMES = {"assessment": "Assessment", "practice": "Practice"}
TITLE = "Partner or Customer?"
# Moodle accepts only these fractions for a correct answer among n (1/n of the marks each).
MOODLE_FRACTIONS = {
    1: "100",
    2: "50",
    3: "33.33333",
    4: "25",
    5: "20",
    6: "16.66667",
    7: "14.28571",
    8: "12.5",
    9: "11.11111",
    10: "10",
}


@dataclass(frozen=True)
class Category:
    """One pool's questions on one topic; `draw` is how many a round takes from it (its minimum)."""

    pool: str
    topic: dict[str, Any]
    questions: list[dict[str, Any]]
    draw: int

    @property
    def ident(self) -> str:
        """A stable identifier: "assessment-classification"."""
        return f"{self.pool}-{self.topic['id']}"

    @property
    def path(self) -> list[str]:
        """The category as a path: ["Partner or Customer?", "Assessment", "Classification"]."""
        return [TITLE, POOL_NAMES[self.pool], str(self.topic["name"])]


def pool(question: dict[str, Any]) -> str:
    """The pool a question belongs to; a bank made before pools existed is all practice."""
    return str(question.get("pool") or "practice")


def categories(data: dict[str, Any]) -> list[Category]:
    """The bank's categories: pools in POOLS order, topics in quiz.yml order, empty ones left out."""
    per_topic = data["config"].get("per_topic", {})
    out = []
    for name in POOLS:
        for topic in data["topics"]:
            mine = [q for q in data["questions"] if pool(q) == name and q["topic"] == topic["id"]]
            if mine:
                out.append(Category(name, topic, mine, min(len(mine), max(1, int(per_topic.get(topic["id"], 1))))))
    return out


def option_feedback(question: dict[str, Any], option: dict[str, Any]) -> str:
    """What a learner who picks `option` is told: the bank's feedback for that option where it has
    one (questions.json's `feedback`: option id → text), else whether it is right (the general
    feedback then explains the answer)."""
    own = (question.get("feedback") or {}).get(option["id"]) or option.get("feedback")
    if own:
        return str(own)
    return "Correct." if option["id"] in question["correct"] else "Not this one."


def general_feedback(data: dict[str, Any], question: dict[str, Any]) -> str:
    """The explanation and its sources, as the site's feedback shows them."""
    sources = data.get("sources", {})
    cited = "; ".join(
        f"{sources[s]['byline']}, “{sources[s]['title']}”" if s in sources else s for s in question.get("sources", [])
    )
    return str(question["explanation"]) + (
        f"\nSource{'s' if len(question.get('sources', [])) > 1 else ''}: {cited}" if cited else ""
    )


def _xml(root: ET.Element) -> str:
    """A document with its declaration, indented, deterministic."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element with text and attributes (escaped by ElementTree)."""
    e = ET.SubElement(parent, tag, attrs)
    if text is not None:
        e.text = text
    return e


# --- Moodle XML ----------------------------------------------------------------------------------


def _moodle_text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    e = _sub(parent, tag, format="plain_text", **attrs)
    _sub(e, "text", text)
    return e


def moodle_xml(data: dict[str, Any]) -> str:
    """Moodle XML: a category question before each category's multichoice questions."""
    quiz = ET.Element("quiz")
    for cat in categories(data):
        head = _sub(quiz, "question", type="category")
        _sub(_sub(head, "category"), "text", "$course$/top/" + "/".join(p.replace("/", "//") for p in cat.path))
        _sub(_sub(head, "info", format="plain_text"), "text", f"Draw {cat.draw} at random for a round like the site's.")
        _sub(head, "idnumber", cat.ident)
        for q in cat.questions:
            e = _sub(quiz, "question", type="multichoice")
            _sub(_sub(e, "name"), "text", q["id"])
            _moodle_text(e, "questiontext", q["prompt"])
            _moodle_text(e, "generalfeedback", general_feedback(data, q))
            _sub(e, "defaultgrade", "1")
            _sub(e, "penalty", "0")
            _sub(e, "hidden", "0")
            _sub(e, "idnumber", q["id"])
            _sub(e, "single", "false" if q["multiple"] else "true")
            _sub(
                e, "shuffleanswers", "false" if "facts" in q else "true"
            )  # case options keep their order, as on the site
            _sub(e, "answernumbering", "abc")
            right = MOODLE_FRACTIONS.get(len(q["correct"]), "100")
            for o in q["options"]:
                fraction = right if o["id"] in q["correct"] else ("-100" if q["multiple"] else "0")
                a = _moodle_text(e, "answer", o["text"], fraction=fraction)
                _moodle_text(a, "feedback", option_feedback(q, o))
    return _xml(quiz)


# --- QTI 1.2 -------------------------------------------------------------------------------------


def _mattext(parent: ET.Element, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def _qti_item(data: dict[str, Any], q: dict[str, Any]) -> ET.Element:
    item = ET.Element("item", ident=q["id"], title=q["id"])
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (
        ("question_type", "multiple_answers_question" if q["multiple"] else "multiple_choice_question"),
        ("points_possible", "1"),
        ("original_answer_ids", ",".join(o["id"] for o in q["options"])),
    ):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    _mattext(presentation, q["prompt"])
    lid = _sub(presentation, "response_lid", ident="response1", rcardinality="Multiple" if q["multiple"] else "Single")
    choice = _sub(lid, "render_choice", shuffle="No" if "facts" in q else "Yes")
    for o in q["options"]:
        _mattext(_sub(choice, "response_label", ident=o["id"]), o["text"])
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    for o in q["options"]:
        cond = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(cond, "conditionvar"), "varequal", o["id"], respident="response1")
        _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{o['id']}_fb")
    right = _sub(processing, "respcondition", **{"continue": "No"})
    cond = _sub(_sub(right, "conditionvar"), "and")
    for o in q["options"]:
        target = cond if o["id"] in q["correct"] else _sub(cond, "not")
        _sub(target, "varequal", o["id"], respident="response1")
    _sub(right, "setvar", "100", action="Set", varname="SCORE")
    for ident, text in [("general_fb", general_feedback(data, q))] + [
        (f"{o['id']}_fb", option_feedback(q, o)) for o in q["options"]
    ]:
        _mattext(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), text)
    return item


def qti(data: dict[str, Any]) -> str:
    """QTI 1.2: one assessment whose sections are the categories, each drawing its minimum at random."""
    root = ET.Element("questestinterop", xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2")
    test = _sub(root, "assessment", ident="partner-or-customer", title=TITLE)
    top = _sub(test, "section", ident="root_section")
    for cat in categories(data):
        section = _sub(top, "section", ident=cat.ident, title=": ".join(cat.path[1:]))
        selection = _sub(_sub(section, "selection_ordering"), "selection")
        _sub(selection, "selection_number", str(cat.draw))
        _sub(_sub(selection, "selection_extension"), "points_per_item", "1")
        for q in cat.questions:
            section.append(_qti_item(data, q))
    return _xml(root)


# --- GIFT ----------------------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


class GiftSyntax(str):
    """GIFT syntax the template prints as is (an answer's mark); everything else is escaped."""


def _gift_finalize(value: object) -> str:
    return value if isinstance(value, GiftSyntax) else gift_escape(value)


def _gift_mark(q: dict[str, Any], option: dict[str, Any]) -> GiftSyntax:
    """An answer's mark: "=" (the one right answer), "~" (wrong), or a weight when several are right."""
    right = option["id"] in q["correct"]
    if not q["multiple"]:
        return GiftSyntax("=" if right else "~")
    return GiftSyntax(f"~%{MOODLE_FRACTIONS.get(len(q['correct']), '100') if right else '-100'}%")


def gift_escape(text: object) -> str:
    """Text made literal in GIFT: its special characters backslash-escaped, each line break written as the two characters GIFT reads as one."""
    return _GIFT_SPECIAL.sub(r"\\\1", str(text)).replace("\r\n", "\n").replace("\n", "\\n")


_GIFT_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=False,
    finalize=_gift_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
"""GIFT's own escaping is the templates' `finalize`: every printed value is escaped, as HTML autoescape would."""


def gift(data: dict[str, Any]) -> str:
    """GIFT: a $CATEGORY line before each category's questions."""
    cats = [
        {
            "path": "$course$/top/" + "/".join(cat.path),
            "draw": cat.draw,
            "questions": [
                {
                    "q": q,
                    "general": general_feedback(data, q),
                    "mark": {o["id"]: _gift_mark(q, o) for o in q["options"]},
                    "feedback": {o["id"]: option_feedback(q, o) for o in q["options"]},
                }
                for q in cat.questions
            ],
        }
        for cat in categories(data)
    ]
    return _GIFT_ENV.get_template("bank.gift.j2").render(categories=cats)


EXPORTS = (
    "downloads/partner-or-customer-qti12.xml",
    "downloads/partner-or-customer-moodle.xml",
    "downloads/partner-or-customer.gift.txt",
)
"""Where the QTI 1.2, Moodle XML and GIFT files go in the site."""


def exports(data: dict[str, Any]) -> dict[str, str]:
    """Site path → content for the three question-bank files."""
    return dict(zip(EXPORTS, (qti(data), moodle_xml(data), gift(data))))
