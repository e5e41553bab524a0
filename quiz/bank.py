"""The question bank: every quiz question, generated from the knowledge base.

Answers are never typed in: scenario answers come from `generator.decision`,
perspective answers from the debate stances, and every other answer is the KB
entry the question was made from. Ids name what a question is about (not its
position), so a question keeps its id when others are added. Distractors are
picked with a `random.Random` seeded by the question id: the same KB always
gives the same bank.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import combinations

from generator import layout as where
from generator.decision import UNDECIDED, Facts, Verdict, all_fact_combinations, classify, readings_for, verdict
from generator.layout import Doc, at
from generator.model import (
    Cell,
    Decision,
    Definition,
    Dimension,
    KnowledgeBase,
    Play,
    Rule,
    Scenario,
    Value,
    is_synthesis,
)
from generator.text import short_question
from generator.typed import Record

from .assessment import assessment_questions
from .cues import pool_gates
from .feedback import other_readings, practice_feedback
from .gates import MAX_LENGTH_RATIO, echoed, gates, soundness_problems, teaching_problems
from .question import KIND_TOPIC, LeftOut, Option, Question, normalised

MAX_OPTIONS = 4  # for questions whose options are drawn from a longer list
# "Which source ...?" lists every source while there are few (five today); past that, the right one and
# a seeded handful, so neither a question nor the bank grows with the square of the sources.
SOURCE_OPTIONS = 5
MAX_OTHERS = 6  # disagreeing sources named in a debate explanation
SELECT_ALL_CHUNK = 4  # dimensions per "select all" comparison question


def _unique(ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in ids:
        if item not in seen:
            seen.append(item)
    return seen


def _distractors(qid: str, correct: list[Option], pool: list[Option], count: int, prompt: str = "") -> list[Option]:
    """Up to `count` pool options whose text differs from every other option, picked by the question's seed.

    Given the prompt, the picks are then repaired for the quality gates: a prompt word that only the right
    answer repeats brings in a pool option that repeats it too, and a right answer far longer than every
    pick brings in the longest pool option — so neither word matching nor length gives the answer away."""
    chosen = _seeded(qid, correct, pool, count)
    return _repair(prompt, correct, chosen, pool) if prompt and chosen else chosen


def _repair(prompt: str, correct: list[Option], chosen: list[Option], pool: list[Option]) -> list[Option]:
    """`chosen` distractors with swaps from `pool` against word matching and a telling length."""
    chosen = list(chosen)
    if not chosen:
        return chosen
    if len(pool) > FAIR_SAMPLE:  # a seeded sample: the cost of a question stops growing with the pool
        spare = _seeded(f"spare:{prompt}", correct + chosen, pool, FAIR_SAMPLE, scan=FAIR_SAMPLE)
    else:
        texts = {normalised(o.text) for o in correct} | {normalised(o.text) for o in chosen}
        correct_ids = {c.id for c in correct}
        spare = [o for o in pool if normalised(o.text) not in texts and o.id not in correct_ids]
    keep = frozenset().union(*(echoed(prompt, o.text) for o in correct))

    def covering(o: Option) -> bool:  # the option already repeats a kept prompt word: keep it
        return not keep.isdisjoint(echoed(prompt, o.text))

    for word in sorted(keep):
        if any(word in echoed(prompt, o.text) for o in chosen):
            continue
        match = next((o for o in spare if word in echoed(prompt, o.text)), None)
        victim = next((o for o in reversed(chosen) if not covering(o)), None)
        if match is None or victim is None:
            continue
        chosen[chosen.index(victim)] = match
        spare.remove(match)
    longest = max(len(o.text) for o in correct)
    if spare and longest > MAX_LENGTH_RATIO * max(len(o.text) for o in chosen):
        long = max(spare, key=lambda o: len(o.text))
        if len(long.text) > max(len(o.text) for o in chosen):
            chosen[min(range(len(chosen)), key=lambda i: len(chosen[i].text))] = long
    return chosen


def _seeded(qid: str, correct: list[Option], pool: list[Option], count: int, scan: int | None = None) -> list[Option]:
    """Up to `count` pool options whose text differs from every other option, picked by the question's seed
    (looking at no more than `scan` of them when given)."""
    rng = random.Random(f"distractors:{qid}")
    candidates = _by_id(pool)  # by id: reordering the YAML changes no question
    chosen: list[Option] = []
    texts = {normalised(o.text) for o in correct}
    ids = {o.id for o in correct}
    # A Fisher-Yates shuffle stopped as soon as enough are found: cost grows with `count`, not the pool.
    # The swaps are kept in a dict (position → index into `candidates`) instead of a copy of the pool.
    moved: dict[int, int] = {}
    size = len(candidates)
    for i in range(size if scan is None else min(size, scan)):
        if len(chosen) == count:
            break
        j = rng.randrange(i, size)
        picked = moved.get(j, j)
        moved[j] = moved.get(i, i)
        option = candidates[picked]
        if normalised(option.text) not in texts and option.id not in ids:
            chosen.append(option)
            texts.add(normalised(option.text))
            ids.add(option.id)
    return chosen


_SORTED: dict[int, tuple[list[Option], tuple[Option, ...]]] = {}


def _by_id(pool: list[Option]) -> tuple[Option, ...]:
    """`pool` sorted by id, sorted once for all the questions that draw from the same pool (a
    generator passes one list for all its questions: sorting it per question made the bank's cost
    grow with questions × pool). Keyed by the list object, which the cache keeps alive, and its
    length, so a list changed in between is sorted again."""
    hit = _SORTED.get(id(pool))
    if hit is None or hit[0] is not pool or len(hit[1]) != len(pool):
        if len(_SORTED) > 256:
            _SORTED.clear()
        hit = (pool, tuple(sorted(pool, key=lambda o: o.id)))
        _SORTED[id(pool)] = hit
    return hit[1]


FAIR_SAMPLE = 100
"""_fair tries at most 300 sets of distractors, taken in order from the start of a seeded
ordering of the pool; from a pool larger than this it draws just the candidates those tries can
reach (looking at no more than this many) instead of shuffling all of it, and _repair looks
for its swaps in a seeded sample of this size: a question's cost stops growing with the pool.
Every pool of the real knowledge base is far smaller, and is used whole as before."""


def _shuffled(qid: str, options: list[Option]) -> list[Option]:
    """Options in a seeded order, so the answer is not always first."""
    ordered = list(options)
    random.Random(f"order:{qid}").shuffle(ordered)
    return ordered


def _make(
    kind: str,
    qid: str,
    prompt: str,
    correct: list[Option],
    wrong: list[Option],
    explanation: str,
    sources: Iterable[str],
    link: str,
    *,
    shuffle: bool = True,
) -> Question | LeftOut:
    """A question, or why it is left out: not two distinct options to choose from, or a gate it
    would fail (such a question is not asked; `check` lists it, so nothing vanishes unnoticed)."""
    options = correct + wrong
    if not correct or len(options) < 2:
        return LeftOut(qid, "fewer than two options to choose from", KIND_TOPIC[kind], prompt, link)
    if len({normalised(o.text) for o in options}) < len(options):
        return LeftOut(qid, "two options read the same", KIND_TOPIC[kind], prompt, link)
    q = Question(
        id=qid,
        topic=KIND_TOPIC[kind],
        kind=kind,
        prompt=prompt,
        options=_shuffled(qid, options) if shuffle else options,
        correct=[o.id for o in correct],
        explanation=explanation,
        sources=_unique(sources),
        link=link,
    )
    problems = teaching_problems(q)
    return LeftOut(qid, "; ".join(problems), q.topic, prompt, link) if problems else q


def _fair(
    qid: str, prompt: str, correct: list[Option], first: list[Option], pool: list[Option], tries: int = 300
) -> list[Option]:
    """`first` if the question passes the per-question gates with it, else the first set of as many pool
    options (in a seeded order) that does; `first` again when none does (the gate then names it)."""

    def passes(wrong: list[Option]) -> bool:
        q = Question(
            id=qid,
            topic="",
            kind="",
            prompt=prompt,
            options=[*correct, *wrong],
            correct=[o.id for o in correct],
            explanation="",
            sources=[],
            link="",
        )
        return not teaching_problems(q)

    if not first or passes(first):
        return first
    if len(pool) > FAIR_SAMPLE:  # the first tries + len(first) usable options are all combinations() reaches
        usable = _seeded(f"fair:{qid}", correct, pool, tries + len(first), scan=FAIR_SAMPLE)
    else:
        texts = {normalised(o.text) for o in correct}
        correct_ids = {c.id for c in correct}
        usable = [
            o
            for o in _shuffled(f"fair:{qid}", sorted(pool, key=lambda o: o.id))
            if normalised(o.text) not in texts and o.id not in correct_ids
        ]
    for n, wrong in enumerate(combinations(usable, len(first))):
        if n >= tries:
            break
        if len({normalised(o.text) for o in wrong}) == len(wrong) and passes(list(wrong)):
            return list(wrong)
    return first


def _one_of(
    kind: str,
    qid: str,
    prompt: str,
    answer: Option,
    pool: list[Option],
    explanation: str,
    sources: Iterable[str],
    link: str,
) -> Question | LeftOut:
    """A single-answer question: `answer` among up to MAX_OPTIONS - 1 seeded picks from `pool`."""
    wrong = _fair(qid, prompt, [answer], _distractors(qid, [answer], pool, MAX_OPTIONS - 1, prompt), pool)
    return _make(kind, qid, prompt, [answer], wrong, explanation, sources, link)


# --- classification: cases told in prose ------------------------------------------------------

UNDECIDED_TEXT = "Not decided yet"


SYNTHESIS_LABEL = " (the guide's synthesis)"
"""Follows, in a question's feedback, every statement that is the guide's own (generator.model.is_synthesis)."""


def _said(item: Record, field: str) -> str:
    """A statement of the knowledge base as feedback shows it: labelled where it is the guide's own."""
    text = str(getattr(item, field))
    return text + SYNTHESIS_LABEL if is_synthesis(item, field) else text


def _other_readings(kb: KnowledgeBase, facts: Facts) -> str:
    """The sources' readings of a case that differ from the rules, as the feedback words them."""
    return " ".join(other_readings(kb, facts))


def _case_verdict(kb: KnowledgeBase, sc: Scenario) -> Verdict:
    return verdict(kb.decision, sc.facts)


def _near_outcomes(kb: KnowledgeBase, sc: Scenario, v: Verdict) -> list[str]:
    """Outcomes a reader could plausibly confuse with this case's: other readings, then the outcomes one
    changed answer away (every fact flipped or made known in turn), in outcome order."""
    d = kb.decision
    near: list[str] = []
    near += [shown.reading.outcome for shown in readings_for(d, sc.facts)]
    for fact in d.facts:
        given = sc.facts.get(fact.id)
        for value in fact.values:
            if given is None or type(given) is not type(value) or given != value:
                near += list(verdict(d, {**sc.facts, fact.id: value}).outcomes)
    return [o for o in _unique(near) if o not in v.outcomes or v.outcome is None]


def _near_first(
    qid: str, prompt: str, right: Option, near: list[Option], others: list[Option], avoid: str = ""
) -> list[Option]:
    """A case question's wrong options: those `near` it (outcomes one answer away, other readings)
    first, topped up from all `others`, then repaired and made fair against the prompt's words.
    `avoid` is the prompt the first draw steers clear of (the classification question's)."""
    wrong = _distractors(qid, [right], near, MAX_OPTIONS - 1, avoid)
    if len(wrong) < MAX_OPTIONS - 1:
        wrong += _distractors(qid, [right, *wrong], others, MAX_OPTIONS - 1 - len(wrong))
    return _fair(qid, prompt, [right], _repair(prompt, [right], wrong, others), others)


def classification_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Each case, told as prose: what is it (an outcome, or "cannot be decided yet")? And for an
    undecided case: what do you find out first? Answers come from `generator.decision.verdict`."""
    d = kb.decision
    questions: list[Question | LeftOut] = []
    every = [Option(o.id, o.name, "outcome") for o in d.outcomes] + [Option(UNDECIDED, UNDECIDED_TEXT, "outcome")]
    for sc in kb.scenarios:
        v = _case_verdict(kb, sc)
        answer = v.outcome or UNDECIDED
        qid = f"scenario-{sc.id}"
        near = [o for o in _near_outcomes(kb, sc, v) if o != answer]
        if v.outcome is not None:
            near.append(UNDECIDED)
        pool = [o for o in every if o.id in near] or [o for o in every if o.id != answer]
        correct = next(o for o in every if o.id == answer)
        prompt = f"{sc.story}\nBy the decision guide, what is this relationship?"
        wrong = _near_first(qid, prompt, correct, pool, [o for o in every if o.id != answer], prompt)
        rules = list(v.rules)
        if v.outcome is not None:
            why = " ".join(_unique(_said(r, "because") for r in rules))
            link = where.rule(rules[0].id).url if len(rules) == 1 else where.outcome(v.outcome).url
        else:
            first = next(f for f in d.facts if f.id == v.find_out[0])
            names = ", ".join(f"“{kb.outcome(o).name}”" for o in v.outcomes)
            why = (
                f"From what is known it could be {names}. Find out first: {first.question} "
                f"{_said(first, 'how_to_find_out')}"
            )
            link = where.fact(first.id).url
        others = _other_readings(kb, sc.facts)
        explanation = " ".join(part for part in (_said(sc, "reasoning"), why, others) if part)
        sources = [
            *sc.source_ids,
            *(s for r in rules for s in r.source_ids),
            *(s for shown in readings_for(d, sc.facts) for s in shown.reading.source_ids),
        ]
        if not v.outcome:
            sources += first.source_ids
        questions.append(
            Question(
                id=qid,
                topic=KIND_TOPIC["scenario"],
                kind="scenario",
                prompt=prompt,
                options=_shuffled(qid, [correct, *wrong]),
                correct=[answer],
                explanation=explanation,
                sources=_unique(sources),
                link=link,
                facts=dict(sc.facts),
            )
        )
        if v.outcome is None:
            fid = f"find-out-{sc.id}"
            facts = [Option(f.id, short_question(f.question), "question") for f in d.facts]
            right = next(o for o in facts if o.id == first.id)
            asked = [o for o in facts if o.id != first.id and sc.facts.get(o.id) is not None]
            q = _make(
                "scenario",
                fid,
                f"{sc.story}\nThe relationship cannot be classified yet. Which question do you answer first?",
                [right],
                _fair(fid, sc.story, [right], _distractors(fid, [right], asked, MAX_OPTIONS - 1, sc.story), asked),
                f"{first.question} decides between {names}. {_said(first, 'how_to_find_out')}",
                [*first.source_ids, *sc.source_ids],
                where.fact(first.id).url,
            )
            questions.append(replace(q, facts=dict(sc.facts)) if isinstance(q, Question) else q)
    return questions


def first_step_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """For each decided case: what do you do first? The outcome's next step, among other outcomes' next steps."""
    d = kb.decision
    steps = [Option(o.id, o.next_step, "advice") for o in d.outcomes]
    questions: list[Question | LeftOut] = []
    for sc in kb.scenarios:
        v = _case_verdict(kb, sc)
        if v.outcome is None:
            continue
        outcome = kb.outcome(v.outcome)
        qid = f"first-{sc.id}"
        right = next(o for o in steps if o.id == outcome.id)
        pool = [o for o in steps if o.id in _near_outcomes(kb, sc, v) and o.id != outcome.id]
        prompt = f"{sc.story}\nBy the decision guide, what do you do first?"
        wrong = _near_first(qid, prompt, right, pool, [o for o in steps if o.id != outcome.id])
        q = _make(
            "first",
            qid,
            prompt,
            [right],
            wrong,
            f"This is “{outcome.name}”. First step: {_said(outcome, 'next_step')}",
            [*sc.source_ids, *outcome.source_ids],
            where.plays(outcome.id).url,
        )
        questions.append(replace(q, facts=dict(sc.facts)) if isinstance(q, Question) else q)
    return questions


# --- distinctions: the comparison table -------------------------------------------------------


def _cell(dim: Dimension, side: str) -> Cell:
    return dim.customer if side == "customer" else dim.partner


def distinction_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Per dimension: which entry is on the asked side; per group of dimensions: select all of one side.

    Only cited cells are ever correct; the wrong options are the same dimension's other side and cells of
    the other side (or, where those give the answer away, the asked side's cells for other dimensions),
    so a customer entry is never the answer to a partner question.
    """
    questions: list[Question | LeftOut] = []
    # Every dimension's entry for each side, built once: a question's own entry is left out of its
    # distractors by id (it is among `correct + same`).
    entries = {
        side: [Option(f"{d.id}-{side}", _cell(d, side).text, "comparison") for d in kb.dimensions]
        for side in ("customer", "partner")
    }
    for dim in kb.dimensions:
        qid = f"distinction-{dim.id}"
        sides = [s for s in ("partner", "customer") if not _cell(dim, s).synthesis]
        if not sides:
            continue
        side = random.Random(f"side:{qid}").choice(sides)
        other = "customer" if side == "partner" else "partner"
        correct = [Option(f"{dim.id}-{side}", _cell(dim, side).text, "comparison")]
        same = [Option(f"{dim.id}-{other}", _cell(dim, other).text, "comparison")]
        prompt = f"{dim.name} — which of these does the guide's comparison give for a {side}?"
        wrong = same + _distractors(qid, correct + same, entries[other], MAX_OPTIONS - 2)
        # When the other side's cells give the answer away by its words or length, the asked side's
        # entries for other dimensions (wrong on this point) are fair distractors too.
        others = [o for o in entries[other] + entries[side] if o.id not in {correct[0].id, same[0].id}]
        wrong = same + _fair(qid, prompt, correct + same, wrong[1:], others)
        cells = [dim.customer, dim.partner]
        q = _make(
            "distinction",
            qid,
            prompt,
            correct,
            wrong,
            f"{dim.name} — for a customer: {_said(dim.customer, 'text')} For a partner: {_said(dim.partner, 'text')}",
            [s for c in cells for s in c.source_ids],
            where.dimension(dim.id).url,
        )
        questions.append(q)

    # Groups are formed in id order, so reordering the YAML changes no question.
    cited = sorted(
        (d for d in kb.dimensions if not d.customer.synthesis and not d.partner.synthesis), key=lambda d: d.id
    )
    chunks = [cited[i : i + SELECT_ALL_CHUNK] for i in range(0, len(cited), SELECT_ALL_CHUNK)]
    if len(chunks) > 1 and len(chunks[-1]) < 3:
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    asked: set[str] = set()
    for chunk in chunks:
        if len(chunk) < 3:
            continue
        qid = f"distinction-select-{chunk[0].id}"
        side = random.Random(f"side:{qid}").choice(["customer", "partner"])
        other = "partner" if side == "customer" else "customer"
        sides = [side, other] * len(chunk)
        sides = sides[: len(chunk)]
        random.Random(f"sides:{qid}").shuffle(sides)
        picked = [(d, s) for d, s in zip(chunk, sides)]
        correct = [Option(f"{d.id}-{s}", _cell(d, s).text, "comparison") for d, s in picked if s == side]
        wrong = [Option(f"{d.id}-{s}", _cell(d, s).text, "comparison") for d, s in picked if s != side]
        explanation = " ".join(f"{d.name}: the {s} entry." for d, s in picked)
        # Several groups may ask for the same side: a prompt an asked question already has is
        # numbered, so no two questions read alike (the bank's duplicate-prompt gate) and no content
        # word is added that could match an answer (the word-matching gate ignores digits and
        # three-letter words).
        prompt, n = f"Which of these does the guide's comparison give for a {side}?", 1
        while prompt in asked:
            n += 1
            prompt = f"Which of these does the guide's comparison give for a {side} (set {n})?"
        q = _make(
            "distinction",
            qid,
            prompt,
            correct,
            wrong,
            explanation,
            [src for d, s in picked for src in _cell(d, s).source_ids],
            at(Doc.COMPARISON, "table").url,
        )
        if isinstance(q, Question):
            asked.add(prompt)
        questions.append(q)
    return questions


# --- debate: attributed positions, never plain truth -----------------------------------------


def perspective_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Which position each source takes, which sources take each position, and who said what."""
    debate = kb.debate
    positions = {p.id: p for p in debate.positions}
    position_options = [Option(p.id, p.label, "position") for p in debate.positions]
    questions: list[Question | LeftOut] = []
    for st in debate.stances:
        label = kb.source(st.source).short
        disagree = [o for o in debate.stances if o.position != st.position]
        others = "; ".join(
            f"{kb.source(o.source).byline}: {positions[o.position].label}" for o in disagree[:MAX_OTHERS]
        )
        if len(disagree) > MAX_OTHERS:
            others += f"; and {len(disagree) - MAX_OTHERS} more"
        explanation = f"{kb.source(st.source).byline} — {positions[st.position].label}. {_said(st, 'argument')}"
        if others:
            explanation += f" Other sources disagree. {others}."
        correct = [o for o in position_options if o.id == st.position]
        q = _make(
            "perspective",
            f"perspective-{st.source}",
            f"In the debate “{debate.question}”, which position does {label} take?",
            correct,
            [o for o in position_options if o.id != st.position],
            explanation,
            [st.source, *st.source_ids],
            where.stance(st.source).url,
            shuffle=False,
        )
        questions.append(q)

    stance_sources = _unique(st.source for st in debate.stances)
    source_options = [Option(sid, kb.source(sid).byline, "source") for sid in stance_sources]
    for pos in debate.positions:
        holders = _unique(st.source for st in debate.stances if st.position == pos.id)
        explanation = " ".join(
            f"{kb.source(st.source).byline}: {positions[st.position].label}." for st in debate.stances
        )
        qid = f"perspective-position-{pos.id}"
        shown = source_options
        if len(shown) > SOURCE_OPTIONS and holders:  # one holder for sure, the rest drawn from all sources
            first = [random.Random(f"holder:{qid}").choice([o for o in shown if o.id in holders])]
            chosen = {o.id for o in first + _distractors(qid, first, shown, SOURCE_OPTIONS - 1)}
            shown = [o for o in source_options if o.id in chosen]
        q = _make(
            "perspective",
            qid,
            f"In the debate “{debate.question}”, which of these sources take the position “{pos.label}”?",
            [o for o in shown if o.id in holders],
            [o for o in shown if o.id not in holders],
            explanation,
            [s for st in debate.stances for s in (st.source, *st.source_ids)],
            at(Doc.DEBATE, "by-source").url,
            shuffle=False,
        )
        questions.append(q)

    return questions


# --- definitions: senses of the words, and the glossary --------------------------------------


def definition_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Whose definition a paraphrase is, which senses of "partner" a source describes, what it sets aside."""
    questions: list[Question | LeftOut] = []
    for term in ("customer", "partner"):
        defs = [d for d in kb.definitions if d.term == term]
        texts = [Option(d.id, d.text, "definition") for d in defs]
        first_of: dict[str, Definition] = {}
        for d in defs:
            first_of.setdefault(d.source, d)
        source_of = {d.id: d.source for d in defs}
        for d in defs:
            if d is not first_of[d.source]:
                continue  # one question per source and term: a second would repeat the first one's prompt
            short = kb.source(d.source).short
            qid = f"definition-{d.id}"
            q = _make(
                "definition",
                qid,
                f"According to {short}, what is a {term}?",
                [Option(d.id, d.text, "definition")],
                _distractors(
                    qid,
                    [Option(d.id, d.text)],
                    [o for o in texts if o.id != d.id and source_of[o.id] != d.source],
                    MAX_OPTIONS - 1,
                ),
                f"{kb.source(d.source).byline} — a {term} in the sense of {d.sense}: {_said(d, 'text')}",
                [d.source, *d.source_ids],
                where.definition(d.id).url,
            )
            questions.append(q)

    partner_defs = [d for d in kb.definitions if d.term == "partner"]
    for sid in _unique(d.source for d in partner_defs):
        own = [d for d in partner_defs if d.source == sid]
        qid = f"definition-partner-sense-{sid}"
        correct = [Option(d.id, d.sense, "sense") for d in own]
        pool = [Option(d.id, d.sense, "sense") for d in partner_defs if d.source != sid]
        wrong = _distractors(qid, correct, pool, max(MAX_OPTIONS - len(correct), 2))
        label = kb.source(sid).short
        q = _make(
            "definition",
            qid,
            (
                f"In the guide's definitions, which sense of “partner” is attributed to {label}?"
                if len(own) == 1
                else f"In the guide's definitions, which senses of “partner” are attributed to {label}?"
            ),
            correct,
            wrong,
            " ".join(f"{d.sense}: {_said(d, 'text')}" for d in own),
            [s for d in own for s in (d.source, *d.source_ids)],
            where.definition(own[0].id).url,
        )
        questions.append(q)

    for term in ("customer", "partner"):
        excluding = [d for d in kb.definitions if d.term == term and d.excludes]
        for d in excluding:
            label = kb.source(d.source).short
            qid = f"definition-excludes-{d.id}"
            q = _one_of(
                "definition",
                qid,
                f"Which of these does {label} say about the word “{term}”?",
                Option(d.id, d.excludes, "excluded"),
                [Option(o.id, o.excludes, "excluded") for o in excluding if o.id != d.id],
                f"{kb.source(d.source).byline}: {d.excludes} The sense meant instead: {d.sense}.",
                [d.source, *d.source_ids],
                at(Doc.DEFINITIONS, "excluded-senses").url,
            )
            questions.append(q)

    pool = [Option(t.id, t.definition, "term") for t in kb.glossary]
    for t in kb.glossary:
        if not t.cites:
            continue  # the guide's own wording is not asked as a sourced fact
        q = _one_of(
            "definition",
            f"term-{t.id}",
            f"What does “{t.term}” mean in this guide?",
            Option(t.id, t.definition, "term"),
            pool,
            f"{t.term}: {_said(t, 'definition')}",
            t.source_ids,
            where.term(t.id).url,
        )
        questions.append(q)
    return questions


# --- kinds of partner and special cases ------------------------------------------------------


def kind_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Description → name, within the partner kinds and within the special cases."""
    questions: list[Question | LeftOut] = []
    for group, what in ((kb.partner_kinds, "kind of partner"), (kb.special_cases, "special case")):
        pool = [Option(k.id, k.name, what) for k in group]
        for k in group:
            if not k.cites:
                continue
            q = _one_of(
                "kind",
                f"kind-{k.id}",
                f"Which {what} does the guide describe like this? {k.description}",
                Option(k.id, k.name, what),
                pool,
                f"{k.name}: {_said(k, 'description')}",
                k.source_ids,
                where.partner_kind(k.id).url,
            )
            questions.append(q)
    return questions


# --- probing questions: computed from the rules ----------------------------------------------


@dataclass(frozen=True)
class Switch:
    """Facts that alone, every other answer equal, switch between two outcomes — and the rules involved."""

    facts: list[str]
    rules: list[Rule]


def _decided(d: Decision) -> dict[tuple[Value, ...], Rule]:
    """The deciding rule of every complete combination, keyed by its answers in question order."""
    return {tuple(facts.values()): classify(d, facts) for facts in all_fact_combinations(d)}


def separating_facts(kb: KnowledgeBase) -> dict[tuple[str, str], Switch]:
    """(outcome, outcome) in outcome order → the facts whose answer alone switches between them."""
    d = kb.decision
    order = [o.id for o in d.outcomes]
    table = _decided(d)
    found: dict[tuple[str, str], tuple[set[str], list[Rule]]] = {}
    for i, fact in enumerate(d.facts):
        values = fact.values
        for answers, one in table.items():
            for other_value in values[values.index(answers[i]) + 1 :]:
                other = table[answers[:i] + (other_value,) + answers[i + 1 :]]
                if one.outcome == other.outcome:
                    continue
                first, second = sorted((one.outcome, other.outcome), key=order.index)
                fact_ids, rules = found.setdefault((first, second), (set(), []))
                fact_ids.add(fact.id)
                rules.extend(r for r in (one, other) if r not in rules)
    return {
        pair: Switch([f.id for f in d.facts if f.id in fact_ids], rules)
        for pair, (fact_ids, rules) in sorted(found.items(), key=lambda kv: [order.index(o) for o in kv[0]])
    }


def _unreachable_when(kb: KnowledgeBase, fact_id: str, value: Value) -> list[str]:
    """Outcomes no fact combination reaches once this fact has this answer."""
    reached = {
        rule.outcome
        for facts, rule in _decided(kb.decision).items()
        if dict(zip((f.id for f in kb.decision.facts), facts))[fact_id] == value
    }
    return [o.id for o in kb.decision.outcomes if o.id not in reached]


def probing_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Which question tells two outcomes apart (for pairs a probing question separates), and what a no means."""
    d = kb.decision
    facts = {f.id: f for f in d.facts}
    probing = {f.id for f in d.facts if f.probing}
    fact_options = [Option(f.id, short_question(f.question), "question") for f in d.facts]
    questions: list[Question | LeftOut] = []
    for (a, b), switch in separating_facts(kb).items():
        if not probing & set(switch.facts):
            continue
        name_a, name_b = kb.outcome(a).name, kb.outcome(b).name
        explanation = " ".join(
            f"“{facts[f].question}” — one answer gives “{name_a}”, the other “{name_b}”, "
            f"when every other answer stays the same."
            for f in switch.facts
        )
        sources = [s for f in switch.facts for s in facts[f].source_ids]
        sources += [s for r in switch.rules for s in r.source_ids]
        q = _make(
            "probing",
            f"probing-{a}-vs-{b}",
            f"In the decision guide, which question, answered the other way with every other answer "
            f"unchanged, switches the outcome between “{name_a}” and “{name_b}”?",
            [o for o in fact_options if o.id in switch.facts],
            [o for o in fact_options if o.id not in switch.facts],
            explanation,
            sources,
            where.fact(switch.facts[0]).url,
            shuffle=False,
        )
        questions.append(q)

    for fact in d.facts:
        # What to do after one answer: a yes/no fact's if_no, a choice fact's option's `then`.
        advised: list[tuple[Value, str, str, str]] = (
            [(False, "no", "no", fact.if_no)]
            if fact.if_no
            else [(o.id, o.id, f"“{o.label}”", o.then) for o in fact.options if o.then]
        )
        for value, key, said, advice in advised:
            gone = _unreachable_when(kb, fact.id, value)
            wrong = [Option(o, kb.outcome(o).next_step, "advice") for o in gone]
            q = _make(
                "probing",
                f"probing-if-{key}-{fact.id}",
                f"You ask “{fact.question}” and the answer is {said}. What does the decision guide advise?",
                [Option(f"if-{key}-{fact.id}", advice, "advice")],
                wrong,
                f"{advice}{SYNTHESIS_LABEL} ({_said(fact, 'help')})",
                fact.source_ids,
                where.fact(fact.id).url,
            )
            questions.append(q)
    return questions


# --- playbook and pitfalls --------------------------------------------------------------------


def playbook_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """For each cited play: the play for that outcome and aspect among the same aspect's plays for other outcomes."""
    aspects = {a.id: a for a in kb.playbook.aspects}
    by_aspect: dict[str, list[Play]] = {}
    for p in kb.playbook.plays:
        by_aspect.setdefault(p.aspect, []).append(p)
    # Distractors: the same aspect's plays for other outcomes - one list per (aspect, outcome), built once.
    pools = {
        (aspect, outcome): [Option(p.id, p.text, "play") for p in plays if p.outcome != outcome]
        for aspect, plays in by_aspect.items()
        for outcome in {p.outcome for p in plays}
    }
    questions: list[Question | LeftOut] = []
    for play in kb.playbook.plays:
        if play.synthesis or not play.cites:
            continue  # the guide's own synthesis is shown on the playbook, not asked as a fact
        outcome, aspect = kb.outcome(play.outcome), aspects[play.aspect]
        by = ", ".join(kb.source(s).short for s in play.source_ids)
        q = _one_of(
            "playbook",
            f"playbook-{play.id}",
            f"{aspect.name} — what does the playbook recommend for “{outcome.name}”, following {by}?",
            Option(play.id, play.text, "play"),
            pools[(play.aspect, play.outcome)],
            f"{outcome.name}, {aspect.name.lower()}: {_said(play, 'text')}",
            play.source_ids,
            where.plays(play.outcome).url,
        )
        questions.append(q)
    return questions


def pitfall_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """Description → pitfall, and pitfall → remedy."""
    questions: list[Question | LeftOut] = []
    names = [Option(p.id, p.name, "pitfall") for p in kb.pitfalls]
    remedies = [Option(p.id, p.remedy, "remedy") for p in kb.pitfalls if not p.remedy_synthesis]
    for p in kb.pitfalls:
        if not p.cites:
            continue
        asked = [(f"pitfall-{p.id}", f"Which pitfall is this? {p.description}", Option(p.id, p.name, "pitfall"), names)]
        if not p.remedy_synthesis:  # the guide's own advice is shown, not asked as a sourced fact
            asked.append(
                (
                    f"pitfall-remedy-{p.id}",
                    f"What does the guide suggest against the pitfall “{p.name}”?",
                    Option(p.id, p.remedy, "remedy"),
                    remedies,
                )
            )
        for qid, prompt, correct, pool in asked:
            q = _one_of(
                "pitfall",
                qid,
                prompt,
                correct,
                pool,
                f"{p.name}: {_said(p, 'description')} Remedy: {_said(p, 'remedy')}",
                p.source_ids,
                where.pitfall(p.id).url,
            )
            questions.append(q)
    return questions


# --- hand-written questions -------------------------------------------------------------------


def authored_questions(kb: KnowledgeBase) -> list[Question | LeftOut]:
    """The questions written in quiz.yml, as they are (the checks vouch for options and links)."""
    topic_kind = {topic: kind for kind, topic in KIND_TOPIC.items()}
    return [
        Question(
            id=q.id,
            topic=q.topic,
            kind=topic_kind.get(q.topic, "authored"),
            prompt=q.prompt,
            options=[Option(o.id, o.text, "authored") for o in q.options],
            correct=list(q.correct),
            explanation=q.explanation,
            sources=q.source_ids,
            link=q.link,
        )
        for q in kb.quiz.questions
    ]


GENERATORS: list[Callable[[KnowledgeBase], list[Question | LeftOut]]] = [
    definition_questions,
    distinction_questions,
    kind_questions,
    perspective_questions,
    classification_questions,
    first_step_questions,
    probing_questions,
    playbook_questions,
    pitfall_questions,
    authored_questions,
]


@dataclass(frozen=True, eq=False)
class _ByIdentity:
    """A knowledge base compared by identity, as a cache key: the checked model is shared and never
    changed (a changed one is a new object), so the questions made from it can be shared too."""

    kb: KnowledgeBase

    def __hash__(self) -> int:
        return id(self.kb)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIdentity) and other.kb is self.kb


def _retired(kb: KnowledgeBase, made: list[Question | LeftOut]) -> list[Question | LeftOut]:
    """The generated questions, with those quiz.yml retires left out (and why): items found to have two
    defensible answers, or to teach nothing, in a blind review (issue #18)."""
    why = {r.id: r.why for r in kb.quiz.retired}
    return [
        LeftOut(q.id, f"retired: {why[q.id]}", q.topic, q.prompt, q.link)
        if isinstance(q, Question) and q.id in why
        else q
        for q in made
    ]


@functools.lru_cache(maxsize=2)
def _generated(same: _ByIdentity) -> tuple[Question | LeftOut, ...]:
    kb = same.kb
    made = _retired(kb, [q for generate in GENERATORS for q in generate(kb)])
    practice = [practice_feedback(kb, q) if isinstance(q, Question) else q for q in made]
    return (*practice, *assessment_questions(kb))


def questions(kb: KnowledgeBase) -> list[Question]:
    """Every question the generators make from `kb`, in a stable order, not yet checked. Made once
    per knowledge base: a build checks the bank (quiz.verify) and then ships it (build_bank)."""
    return [q for q in _generated(_ByIdentity(kb)) if isinstance(q, Question)]


def left_out(kb: KnowledgeBase) -> list[LeftOut]:
    """The questions the generators could make from `kb` but do not ask, each with the reason."""
    return [q for q in _generated(_ByIdentity(kb)) if isinstance(q, LeftOut)]


def build_bank(kb: KnowledgeBase) -> list[Question]:
    """Every question, in a stable order; ValueError if the result would not be sound or fails a gate."""
    bank = questions(kb)
    problems = soundness_problems(kb, bank) + gates(kb, bank) + pool_gates(bank)
    if problems:
        raise ValueError("the question bank is not sound:\n" + "\n".join(map(str, problems)))
    return bank
