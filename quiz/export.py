"""The quiz's data files: questions.json (the bank) and rules.json (the decision model).

Both are deterministic (sorted keys, no timestamps) so an unchanged knowledge base
gives byte-identical files, and both are safe to inline in a <script> element:
"</" and "<!--" cannot close or confuse it, and U+2028/U+2029 are escaped.
The data-formats page (quiz/templates/formats.md.j2, with excerpts) describes every field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator import layout as where
from generator.layout import Target
from generator.model import KnowledgeBase, Notes, is_synthesis
from generator.typed import Record

from .assessment import opaque
from .question import ASSESSMENT, Question

VERSION = 2


def script_safe(text: str) -> str:
    """JSON text that stays data even inside <script>…</script> (and in old JavaScript engines)."""
    return (
        text.replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def dumps(data: Any) -> str:
    """Compact, key-sorted, script-safe JSON."""
    return script_safe(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))) + "\n"


def sources_data(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Source id → how to cite it; `byline` is the model's one name for the source, as the guide uses it."""
    return {
        s.id: {"title": s.title, "author": s.author, "short": s.short, "byline": s.byline, "file": s.file}
        for s in kb.sources
    }


ID_SLOT = "{id}"
"""Where an id goes in a URL pattern of `urls` (the browser code fills it in, URL-encoded)."""


def url_patterns(*names: str) -> dict[str, str]:
    """The URL patterns (relative to the site root) the browser code links with, from the page
    registry, so it never spells a page's URL itself: `source` → 'sources/{id}/', `question` → the
    question's entry on the study sheet."""
    builders: dict[str, Callable[[str], Target]] = {"source": where.source, "question": where.question}
    return {name: builders[name](ID_SLOT).url for name in names}


def question_data(q: Question) -> dict[str, Any]:
    """One question as JSON data; `facts` only on case questions, `case` only in the assessment pool,
    `feedback` (per option) where the bank computed it. Option ids are opaque: a short hash of the question
    and the option, so that no id names the answer (an assessment question's are opaque already)."""

    def oid(option_id: str) -> str:
        return option_id if q.pool == ASSESSMENT else opaque(q.id, option_id)

    data: dict[str, Any] = {
        "id": q.id,
        "topic": q.topic,
        "kind": q.kind,
        "prompt": q.prompt,
        "pool": q.pool,
        "options": [{"id": oid(o.id), "text": o.text} for o in q.options],
        "correct": [oid(c) for c in q.correct],
        "multiple": q.multiple,
        "explanation": q.explanation,
        "sources": list(q.sources),
        "link": q.link,
    }
    if q.facts is not None:
        data["facts"] = dict(q.facts)
    if q.case:
        data["case"] = q.case
    if q.feedback:
        data["feedback"] = {oid(k): v for k, v in sorted(q.feedback.items())}
    return data


def questions_data(kb: KnowledgeBase, bank: list[Question]) -> dict[str, Any]:
    """The content of quiz/questions.json: settings, topics, sources and every question of the bank."""
    quiz = kb.quiz
    return {
        "version": VERSION,
        "config": {
            "size": quiz.size,
            "pass_mark": quiz.pass_mark,
            "per_topic": dict(quiz.per_topic),
            **(
                {
                    "assessment": {
                        "size": kb.assessment.size,
                        "per_topic": dict(kb.assessment.per_topic),
                        "max_per_kind": dict(kb.assessment.max_per_kind),
                    }
                }
                if kb.assessment
                else {}
            ),
        },
        "topics": [{"id": t.id, "name": t.name, "link": t.link} for t in quiz.topics],
        "sources": sources_data(kb),
        "urls": url_patterns("source", "question"),
        "questions": [question_data(q) for q in bank],
    }


def questions_json(kb: KnowledgeBase, bank: list[Question]) -> str:
    """quiz/questions.json."""
    return dumps(questions_data(kb, bank))


def notes_data(notes: Notes | None) -> dict[str, list[str]]:
    """A rule's or outcome's notes as id lists (empty lists when it has none)."""
    return {
        "signals": list(notes.signals) if notes else [],
        "special_cases": list(notes.special_cases) if notes else [],
        "pitfalls": list(notes.pitfalls) if notes else [],
    }


def labelled(item: Record, fields: list[str]) -> list[str]:
    """Which of these statements the classifier labels as the guide's synthesis (generator.model.is_synthesis)."""
    return [f for f in fields if is_synthesis(item, f)]


def rules_data(kb: KnowledgeBase) -> dict[str, Any]:
    """The decision model as plain data; facts stay in question order (the tool asks them in that order)."""
    d = kb.decision
    checklists = {w.outcome for w in kb.playbook.first_week}
    aspects = {a.id: a.name for a in kb.playbook.aspects}
    aspect_order = [a.id for a in kb.playbook.aspects]
    return {
        "version": VERSION,
        "facts": [
            {
                "id": f.id,
                "question": f.question,
                "help": f.help,
                "yes": f.yes,
                "no": f.no,
                "options": [
                    {
                        "id": o.id,
                        "short": o.short,
                        "label": o.label,
                        "example": o.example,
                        "then": o.then,
                        "labelled": labelled(o, ["then"]),
                    }
                    for o in f.options
                ],
                "if_no": f.if_no,
                "probing": f.probing,
                "how_to_find_out": f.how_to_find_out,
                "labelled": labelled(f, ["help", "if_no", "how_to_find_out"]),
                "sources": f.source_ids,
                "link": where.fact(f.id).url,
            }
            for f in d.facts
        ],
        "signals": [
            {
                "id": s.id,
                "name": s.name,
                "text": s.text,
                "sources": s.source_ids,
                "labelled": labelled(s, ["text"]),
                "link": where.signal(s.id).url,
            }
            for s in d.signals
        ],
        "special_cases": [
            {
                "id": k.id,
                "name": k.name,
                "description": k.description,
                "sources": k.source_ids,
                "labelled": labelled(k, ["description"]),
                "link": where.partner_kind(k.id).url,
            }
            for k in kb.special_cases
        ],
        "pitfalls": [
            {
                "id": p.id,
                "name": p.name,
                "description": p.description,
                "remedy": p.remedy,
                "labelled": labelled(p, ["description", "remedy"]),
                "sources": p.source_ids,
                "link": where.pitfall(p.id).url,
            }
            for p in kb.pitfalls
        ],
        "impossible": [{"when": dict(i.when), "why": i.why} for i in d.impossible],
        "outcomes": [
            {
                "id": o.id,
                "name": o.name,
                "summary": o.summary,
                "next_step": o.next_step,
                "labelled": labelled(o, ["summary", "next_step"]),
                "notes": notes_data(o.notes),
                "next_step_synthesis": o.next_step_synthesis,
                "sources": o.source_ids,
                "link": where.outcome(o.id).url,
                "checklist": where.checklist(o.id).url if o.id in checklists else "",
                "plays": [
                    {
                        "aspect": p.aspect,
                        "aspect_name": aspects[p.aspect],
                        "text": p.text,
                        "sources": p.source_ids,
                        "synthesis": p.synthesis,
                    }
                    for p in sorted(
                        (p for p in kb.playbook.plays if p.outcome == o.id), key=lambda p: aspect_order.index(p.aspect)
                    )
                ],
            }
            for o in d.outcomes
        ],
        "rules": [
            {
                "id": r.id,
                "when": dict(r.when),
                "outcome": r.outcome,
                "because": r.because,
                "labelled": labelled(r, ["because"]),
                "notes": notes_data(r.notes),
                "sources": r.source_ids,
                "link": where.rule(r.id).url,
            }
            for r in d.rules
        ],
        "readings": [
            {
                "id": r.id,
                "source": r.source,
                "outcome": r.outcome,
                "when": dict(r.when),
                "answers": r.answers,
                "text": r.text,
                "sources": r.source_ids,
                "labelled": labelled(r, ["text"]),
                "link": where.reading(r.id).url,
            }
            for r in d.readings
        ],
        "sources": sources_data(kb),
        "urls": url_patterns("source"),
    }


def rules_json(kb: KnowledgeBase) -> str:
    """quiz/rules.json: facts, outcomes with their plays, rules and sources."""
    return dumps(rules_data(kb))


# --- excerpts for the data-formats page ----------------------------------------------------------

EXCERPT_CHARS = 60  # a longer string is cut at a word and ends in " …"


def _abridged(value: Any) -> Any:
    """`value` with long strings cut short: the layout of real data, small enough to read."""
    if isinstance(value, str) and len(value) > EXCERPT_CHARS:
        cut = value.rfind(" ", 0, EXCERPT_CHARS)
        return value[: cut if cut > 0 else EXCERPT_CHARS] + " …"
    if isinstance(value, list):
        return [_abridged(v) for v in value]
    if isinstance(value, dict):
        return {k: _abridged(v) for k, v in value.items()}
    return value


def _first(items: list[dict[str, Any]], wanted: Any) -> list[dict[str, Any]]:
    """The first item `wanted` accepts (else the first item), as a one-item list."""
    return [next((x for x in items if wanted(x)), items[0])] if items else []


def excerpts(questions: dict[str, Any], rules: dict[str, Any]) -> tuple[str, str]:
    """Excerpts of questions.json and rules.json as this build writes them (`questions_data` and
    `rules_data`, left unchanged): one item per list, one source, one play, long texts cut — for the
    data-formats page, so the documented layout is the real one."""
    q = {
        **questions,
        "topics": _first(questions["topics"], lambda t: t["id"] == "classification"),
        "questions": _first(
            questions["questions"],
            lambda x: x["kind"] == "scenario" and x["pool"] == "practice" and "#rule-" in x["link"],
        ),
    }
    r = {
        **rules,
        **{
            key: _first(rules[key], lambda x: True)
            for key in ("signals", "special_cases", "pitfalls", "impossible", "outcomes")
        },
        "facts": _first(rules["facts"], lambda f: f["probing"]),
        "rules": _first(rules["rules"], lambda x: len(x["when"]) > 1),
        "readings": _first(rules["readings"], lambda x: True),
    }
    r["outcomes"] = [{**o, "plays": o["plays"][:1]} for o in r["outcomes"]]
    q["sources"], r["sources"] = (dict(sorted(data["sources"].items())[:1]) for data in (questions, rules))

    def shown(data: dict[str, Any]) -> str:
        return json.dumps(_abridged(data), indent=2, sort_keys=True, ensure_ascii=False)

    return shown(q), shown(r)
