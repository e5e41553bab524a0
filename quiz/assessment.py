"""The held-out assessment pool: questions about cases no page of the site solves (knowledge/assessment.yml).

Each item's options are named in the data; their texts come from the knowledge base (outcome names,
next steps, fact questions, how to find out, plays) or are written out (a source's reading). The answer
is computed from the rules — only a `reading` item names its key — and every option carries the
feedback a learner who picks it should see (quiz.feedback). `problems` says, located in the knowledge
base, where a case or item is unsound: the rules disagree with `expect`, an option that is not a
recorded mistake for the case's outcome, a play item without exactly one play of the case's outcome.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from generator import layout as where
from generator.decision import UNDECIDED, verdict
from generator.model import AssessmentCase, AssessmentItem, KnowledgeBase
from generator.typed import DataPath

from .feedback import action_feedback, cite_text, fact_feedback, other_readings, outcome_feedback
from .question import ASSESSMENT, Option, Question

UNDECIDED_TEXT = "Not decided yet"
KIND_TOPIC = {
    "classify": "classification",
    "find_out": "classification",
    "check": "first-steps",
    "act": "first-steps",
    "play": "playbook",
    "reading": "debate",
}
"""The quiz topic each assessment item kind counts under (the result's "by topic" list)."""
RECALL_KINDS = ("reading",)
"""Kinds that ask what a named source says: at most config max_per_kind of them a round."""


def opaque(qid: str, option_id: str) -> str:
    """An option id that does not name the answer: a short hash of the question and the option."""
    return "o" + hashlib.sha256(f"{qid}:{option_id}".encode()).hexdigest()[:8]


def item_ids(case: AssessmentCase) -> list[str]:
    """The question id of each of a case's items: case id and kind, numbered when a kind repeats."""
    seen: dict[str, int] = {}
    ids = []
    for item in case.items:
        seen[item.kind] = seen.get(item.kind, 0) + 1
        ids.append(f"{case.id}-{item.kind}" + (f"-{seen[item.kind]}" if seen[item.kind] > 1 else ""))
    return ids


def _key(kb: KnowledgeBase, case: AssessmentCase, item: AssessmentItem) -> str:
    v = verdict(kb.decision, case.facts)
    outcome = v.outcome or UNDECIDED
    if item.kind in ("classify", "act"):
        return outcome
    if item.kind in ("find_out", "check"):
        return v.find_out[0] if v.find_out else ""
    if item.kind == "play":
        plays = {p.id: p for p in kb.playbook.plays}
        return next((o for o in item.options if o in plays and plays[o].outcome == outcome), "")
    return item.key or ""


def _texts(kb: KnowledgeBase, item: AssessmentItem) -> dict[str, str]:
    """Option id → the text shown, for every option id the item may name."""
    d = kb.decision
    if item.kind == "classify":
        return {**{o.id: o.name for o in d.outcomes}, UNDECIDED: UNDECIDED_TEXT}
    if item.kind == "act":
        return {o.id: o.next_step for o in d.outcomes}
    if item.kind == "find_out":
        return {f.id: f.question.split(" — ")[0].rstrip(" ?") + "?" for f in d.facts}
    if item.kind == "check":
        return {f.id: f.how_to_find_out for f in d.facts}
    if item.kind == "play":
        return {p.id: p.text for p in kb.playbook.plays}
    return {o.id: o.text for o in item.written}


def _feedback(kb: KnowledgeBase, case: AssessmentCase, item: AssessmentItem, option: str) -> str:
    facts = case.facts
    if item.kind == "classify":
        return outcome_feedback(kb, facts, option, item.options)
    if item.kind == "act":
        return action_feedback(kb, facts, option, others=item.options)
    if item.kind in ("find_out", "check"):
        return fact_feedback(kb, facts, option)
    if item.kind == "play":
        play = next(p for p in kb.playbook.plays if p.id == option)
        aspect = next(a.name for a in kb.playbook.aspects if a.id == play.aspect).lower()
        label = cite_text(kb, play.cites, play.synthesis)
        others = [p.outcome for p in kb.playbook.plays if p.id in item.options]
        return action_feedback(kb, facts, play.outcome, f"the playbook's “{aspect}”{label}", others)
    written = next(o for o in item.written if o.id == option)
    return f"{written.why}{cite_text(kb, written.cites, written.synthesis)}"


def _sources(kb: KnowledgeBase, case: AssessmentCase, item: AssessmentItem) -> list[str]:
    v = verdict(kb.decision, case.facts)
    found = [s for r in v.rules for s in r.source_ids] if v.outcome else []
    found += [s for f in kb.decision.facts if f.id in v.find_out for s in f.source_ids]
    found += [s for o in item.written for s in o.source_ids]
    found += [o.source for o in item.written]
    if item.kind == "play":
        found += [s for p in kb.playbook.plays if p.id in item.options for s in p.source_ids]
    return list(dict.fromkeys(found)) or [kb.sources[0].id]


def _link(kb: KnowledgeBase, case: AssessmentCase, item: AssessmentItem) -> str:
    v = verdict(kb.decision, case.facts)
    if item.kind == "reading":
        key = next(o for o in item.written if o.id == item.key)
        return where.stance(key.source).url
    if item.kind == "play" and v.outcome:
        return where.plays(v.outcome).url
    if v.outcome is None:
        return where.fact(v.find_out[0]).url if v.find_out else where.at("decision").url
    return where.rule(v.rules[0].id).url if v.rule else where.outcome(v.outcome).url


def told(cases: Sequence[AssessmentCase]) -> dict[str, str]:
    """Each case's story as a round shows it (case id → text): a party of a deal comes after the stories of
    the deal's earlier parties, since a round draws one question per case and "one of those shops" must not
    point at nothing. One pass over the cases, in file order."""
    so_far: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for case in cases:
        earlier = so_far.setdefault(case.deal, []) if case.deal is not None else []
        shown[case.id] = " ".join([*earlier, case.story])
        earlier.append(case.story)
    return shown


def assessment_questions(kb: KnowledgeBase) -> list[Question]:
    """Every assessment item as a question of the assessment pool: options in a seeded order, ids that
    do not name the answer, feedback for each option. Sound cases only (see `problems`)."""
    if kb.assessment is None:
        return []
    questions: list[Question] = []
    stories = told(kb.assessment.cases)
    for case in kb.assessment.cases:
        for qid, item in zip(item_ids(case), case.items):
            texts = _texts(kb, item)
            ids = [o.id for o in item.written] if item.kind == "reading" else list(item.options)
            key = _key(kb, case, item)
            options = [Option(opaque(qid, o), texts[o], item.kind) for o in ids]
            random.Random(f"order:{qid}").shuffle(options)
            feedback = {opaque(qid, o): _feedback(kb, case, item, o) for o in ids}
            extra = " ".join(other_readings(kb, case.facts))
            explanation = " ".join(p for p in (feedback[opaque(qid, key)], extra) if p)
            questions.append(
                Question(
                    id=qid,
                    topic=KIND_TOPIC[item.kind],
                    kind=item.kind,
                    prompt=f"{stories[case.id]}\n{item.ask}",
                    options=options,
                    correct=[opaque(qid, key)],
                    explanation=explanation,
                    sources=_sources(kb, case, item),
                    link=_link(kb, case, item),
                    facts=dict(case.facts),
                    pool=ASSESSMENT,
                    case=case.id,
                    feedback=feedback,
                )
            )
    return questions


def problems(kb: KnowledgeBase) -> list[tuple[DataPath, str]]:
    """What is unsound in the assessment's cases and the mistakes they draw on, each at its place."""
    if kb.assessment is None:
        return []
    d = kb.decision
    found: list[tuple[DataPath, str]] = []
    outcomes = {o.id for o in d.outcomes} | {UNDECIDED}
    facts = {f.id: f for f in d.facts}
    for i, m in enumerate(kb.mistakes):
        for field in ("right", "picked"):
            if getattr(m, field) not in outcomes:
                found.append((("mistakes", i, field), f"unknown outcome '{getattr(m, field)}'"))
        for f, want in m.when.items():
            wanted = want if isinstance(want, list) else [want]
            if f not in facts or not all(w in _values(facts[f]) for w in wanted):
                found.append((("mistakes", i, "when", f), f"'{f}: {want}' is not a fact and one of its answers"))
    recorded = {(m.right, m.picked) for m in kb.mistakes}
    plays = {p.id: p for p in kb.playbook.plays}
    sources = {s.id for s in kb.sources}
    seen: set[str] = set()
    for c, case in enumerate(kb.assessment.cases):
        at: DataPath = ("assessment", "cases", c)
        if case.id in seen:
            found.append(((*at, "id"), f"duplicate case id '{case.id}'"))
        seen.add(case.id)
        if {f for f in case.facts} != set(facts):
            missing = sorted(set(facts) - set(case.facts))
            extra = sorted(set(case.facts) - set(facts))
            found.append(
                (
                    (*at, "facts"),
                    f"case '{case.id}' must answer every fact once"
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; unknown: {', '.join(extra)}" if extra else ""),
                )
            )
            continue
        bad = [f for f, v in case.facts.items() if v is not None and v not in _values(facts[f])]
        if bad:
            found.append(((*at, "facts"), f"case '{case.id}': not an answer of {', '.join(bad)}"))
            continue
        v = verdict(d, case.facts)
        got = v.outcome or UNDECIDED
        if case.expect != got:
            found.append(((*at, "expect"), f"case '{case.id}' expects '{case.expect}' but the rules give '{got}'"))
            continue
        if got == UNDECIDED and (not v.find_out or case.find_out != v.find_out[0]):
            found.append(
                (
                    (*at, "find_out"),
                    f"case '{case.id}': the fact to find out first is "
                    f"'{v.find_out[0] if v.find_out else '-'}', not '{case.find_out}'",
                )
            )
        for j, item in enumerate(case.items):
            where_: DataPath = (*at, "items", j)
            texts = _texts(kb, item)
            unknown = [o for o in item.options if o not in texts]
            if unknown:
                found.append(
                    ((*where_, "options"), f"unknown option id(s) for a {item.kind} item: {', '.join(unknown)}")
                )
                continue
            key = _key(kb, case, item)
            ids = [o.id for o in item.written] if item.kind == "reading" else item.options
            if key not in ids:
                found.append(((*where_, "options"), f"none of the options is the answer ('{key or 'none'}')"))
            if item.kind in ("classify", "act"):
                for o in item.options:
                    if o != key and (key, o) not in recorded:
                        found.append(
                            (
                                (*where_, "options"),
                                f"'{o}' is not a recorded mistake for '{key}' "
                                "(knowledge/mistakes.yml): offer the wrong readings people really choose",
                            )
                        )
                if {UNDECIDED, "investigate"} <= set(item.options):
                    found.append(
                        ((*where_, "options"), "'undecided' beside 'investigate': a careful reader could defend both")
                    )
            if item.kind == "play":
                aspects = {plays[o].aspect for o in item.options}
                mine = [o for o in item.options if plays[o].outcome == got]
                if len(aspects) > 1 or len(mine) != 1:
                    found.append(
                        (
                            (*where_, "options"),
                            "a play item offers plays of one aspect, exactly one of them for the case's outcome",
                        )
                    )
            if item.kind in ("find_out", "check") and got != UNDECIDED:
                found.append(((*where_, "kind"), f"a {item.kind} item needs an undecided case"))
            for k, w in enumerate(item.written):
                if w.source not in sources:
                    found.append(((*where_, "written", k, "source"), f"unknown source '{w.source}'"))
    return found


def _values(fact: object) -> tuple[bool | str, ...]:
    values: tuple[bool | str, ...] = getattr(fact, "values", (True, False))
    return values
