"""Feedback for the option a learner picked in a case question, computed from the decision rules.

For a wrong outcome: the fact or facts that would have to be different for that outcome to hold — the
conditions of its nearest rule the case does not meet — with that rule's source lines. For a wrong
action or play: the outcome it belongs to, and the same difference. For the key: the deciding fact(s) —
the answers of the case that, changed, would change the outcome. For a question to find out: whether
the story already answers it, or whether any answer would leave the outcome open. Generic over the
engine: a rule's condition on a fact is one answer or a list of answers (a choice fact's option ids).
Every text names its source lines, or says it is the guide's own reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from generator.decision import UNDECIDED, impossible, readings_for, verdict
from generator.model import Fact, KnowledgeBase, Mistake, Rule, is_synthesis

from .question import CASE_KINDS, Question

Answer = bool | str | None
Facts = Mapping[str, Answer]
Wanted = bool | str | list[bool] | list[str] | list[bool | str]


def accepts(wanted: object, given: Answer) -> bool:
    """A known answer meets a rule's condition (one answer, or a list of answers any of which will do).
    Compared by type too: an option id never equals yes or no."""
    options = wanted if isinstance(wanted, list) else [wanted]
    return given is not None and any(type(given) is type(w) and given == w for w in options)


def _values(fact: Fact) -> tuple[bool | str, ...]:
    values: tuple[bool | str, ...] = getattr(fact, "values", (True, False))
    return values


def answer_text(fact: Fact, value: Answer) -> str:
    """An answer as a reader says it: yes, no, an option's short label, or "not known"."""
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    option = fact.option(value) if hasattr(fact, "option") else None
    return f"“{getattr(option, 'short', '') or value.replace('_', ' ')}”"


def wanted_text(fact: Fact, wanted: object) -> str:
    """A rule's condition on one fact, as a reader says it ("yes"; "no, or …")."""
    options = wanted if isinstance(wanted, list) else [wanted]
    return " or ".join(answer_text(fact, w) for w in options if isinstance(w, (bool, str)))


SYNTHESIS_LABEL = " (the guide's synthesis)"
"""Follows, right after it, every statement of the guide's own that feedback shows (as in the bank)."""


def cite_text(kb: KnowledgeBase, cites: Iterable[str], synthesis: bool = False) -> str:
    """What follows a statement: the synthesis label when it is the guide's own, then the source lines
    as the site names them — " (Nikolov l. 25; the channel manager l. 7)"."""
    parts: list[str] = []
    for cite in dict.fromkeys(cites):
        sid, _, line = cite.partition(":")
        label = kb.source(sid).short
        parts.append(f"{label} l. {line}" if line else label)
    return (SYNTHESIS_LABEL if synthesis else "") + (f" ({'; '.join(parts)})" if parts else "")


def _fact(kb: KnowledgeBase, fact_id: str) -> Fact:
    return next(f for f in kb.decision.facts if f.id == fact_id)


def _short(fact: Fact) -> str:
    return fact.question.split(" — ")[0].rstrip(" ?") + "?"


def differences(kb: KnowledgeBase, facts: Facts, outcome: str) -> tuple[Rule, list[str]] | None:
    """The rule for `outcome` nearest the case — fewest conditions the case does not meet (an unknown
    answer counts as not met), leading to a combination that can exist — and those facts, in question
    order. None when no rule gives the outcome (or every way to it is impossible)."""
    order = [f.id for f in kb.decision.facts]
    best: tuple[int, int, Rule, list[str]] | None = None
    for i, rule in enumerate(kb.decision.rules):
        if rule.outcome != outcome:
            continue
        unmet = [f for f in order if f in rule.when and not accepts(rule.when[f], facts.get(f))]
        changed = {**facts, **{f: _first(rule.when[f]) for f in unmet}}
        if impossible(kb.decision, changed):
            continue
        if best is None or (len(unmet), i) < best[:2]:
            best = (len(unmet), i, rule, unmet)
    return (best[2], best[3]) if best else None


def _first(wanted: object) -> bool | str:
    first = wanted[0] if isinstance(wanted, list) else wanted
    assert isinstance(first, (bool, str))
    return first


def deciding(kb: KnowledgeBase, facts: Facts) -> list[str]:
    """The known facts of a decided case that, answered otherwise (every other answer the same), would
    change its outcome — what the verdict turns on — in question order."""
    d = kb.decision
    now = verdict(d, facts).outcome
    found: list[str] = []
    for fact in d.facts:
        given = facts.get(fact.id)
        if given is None:
            continue
        for other in _values(fact):
            if type(other) is type(given) and other == given:
                continue
            changed = {**facts, fact.id: other}
            if not impossible(d, changed) and verdict(d, changed).outcome != now:
                found.append(fact.id)
                break
    return found


def _needs(kb: KnowledgeBase, facts: Facts, rule: Rule, unmet: list[str]) -> str:
    parts = []
    for f in unmet:
        fact = _fact(kb, f)
        parts.append(
            f"“{_short(fact)}” would have to be {wanted_text(fact, rule.when[f])} "
            f"(here: {answer_text(fact, facts.get(f))})"
        )
    return "; ".join(parts)


def _mistake(kb: KnowledgeBase, facts: Facts, right: str, picked: str) -> Mistake | None:
    """The recorded mistake for this pair whose `when` fits the case (one with conditions before a general one)."""
    fits = [
        m
        for m in kb.mistakes
        if m.right == right and m.picked == picked and all(accepts(want, facts.get(f)) for f, want in m.when.items())
    ]
    return max(fits, key=lambda m: len(m.when), default=None)


def separating(kb: KnowledgeBase, facts: Facts, others: Iterable[str]) -> list[str]:
    """The facts that separate a decided case's outcome from the `others` offered beside it: each
    other outcome's nearest rule needs them answered otherwise. In question order."""
    found: set[str] = set()
    for other in others:
        near = differences(kb, facts, other) if other != UNDECIDED else None
        found.update(near[1] if near else [])
    return [f.id for f in kb.decision.facts if f.id in found and facts.get(f.id) is not None]


def outcome_feedback(kb: KnowledgeBase, facts: Facts, picked: str, others: Iterable[str] = ()) -> str:
    """What a learner who picks outcome `picked` (or 'undecided') for this case should learn; `others`
    are the outcomes offered beside it (the key's feedback names the facts that rule them out)."""
    d = kb.decision
    v = verdict(d, facts)
    key = v.outcome or UNDECIDED
    name = _name(kb, picked)
    slip = _mistake(kb, facts, key, picked)
    note = f" A common slip: {slip.text}{cite_text(kb, slip.cites, slip.synthesis)}" if slip and picked != key else ""
    if picked == key and v.outcome is not None:
        rule = v.rule or next(r for r in v.rules)
        turns = separating(kb, facts, [o for o in others if o != key]) or deciding(kb, facts)
        on = "; ".join(f"“{_short(_fact(kb, f))}” — {answer_text(_fact(kb, f), facts.get(f))}" for f in turns)
        return f"Right: “{name}”. {rule.because}{cite_text(kb, rule.cites, rule.synthesis)}" + (
            f" It turns on: {on}." if on else ""
        )
    if picked == key:  # undecided, rightly
        first = _fact(kb, v.find_out[0])
        names = ", ".join(f"“{_name(kb, o)}”" for o in v.outcomes)
        return (
            f"Right: from what is known it could be {names}. “{_short(first)}” decides between them"
            f"{cite_text(kb, first.cites, first.synthesis)}. {first.how_to_find_out}{SYNTHESIS_LABEL}"
        )
    if picked == UNDECIDED:
        unknown = [f.id for f in d.facts if facts.get(f.id) is None]
        if unknown:
            left = ", ".join(f"“{_short(_fact(kb, f))}”" for f in unknown)
            return f"Not this one: what the story leaves open ({left}) would not change the outcome — “{_name(kb, key)}”.{note}"
        return f"Not this one: the story answers every question the outcome turns on — “{_name(kb, key)}”.{note}"
    near = differences(kb, facts, picked)
    if near is None:
        return f"Not this one: no answer to the guide's questions leads to “{name}” here.{note}"
    rule, unmet = near
    because = cite_text(kb, rule.cites, rule.synthesis)
    if v.outcome is None and picked in v.outcomes:
        return (
            f"Not yet: “{name}” is possible, but only if {_needs(kb, facts, rule, unmet)} — and nobody knows "
            f"that yet{because}.{note}"
        )
    return f"Not this one: for “{name}”, {_needs(kb, facts, rule, unmet)}{because}.{note}"


def action_feedback(
    kb: KnowledgeBase, facts: Facts, outcome: str, what: str = "the first step", others: Iterable[str] = ()
) -> str:
    """For a next step (or a play) that belongs to `outcome`: whose it is, and why it does not fit here."""
    key = verdict(kb.decision, facts).outcome or UNDECIDED
    if outcome == key:
        return outcome_feedback(kb, facts, key, others).replace("Right: “", f"Right: {what} for “", 1)
    said = outcome_feedback(kb, facts, outcome).removeprefix("Not this one: ").removeprefix("Not yet: ")
    return f"That is {what} for “{_name(kb, outcome)}”, and this is not one: {said}"


def fact_feedback(kb: KnowledgeBase, facts: Facts, picked: str) -> str:
    """For a question the learner would answer first: right, already answered, or not one that matters."""
    v = verdict(kb.decision, facts)
    fact = _fact(kb, picked)
    if v.find_out and picked == v.find_out[0]:
        names = " and ".join(f"“{_name(kb, o)}”" for o in v.outcomes)
        return (
            f"Right: its answer decides between {names}{cite_text(kb, fact.cites, fact.synthesis)}. "
            f"{fact.how_to_find_out}{SYNTHESIS_LABEL}"
        )
    if facts.get(picked) is not None:
        return f"The story already answers “{_short(fact)}”: {answer_text(fact, facts.get(picked))}."
    if picked in v.find_out:
        return f"“{_short(fact)}” matters too, but the guide asks the questions in order: settle the earlier one first."
    return f"Whatever the answer to “{_short(fact)}”, the outcome would still be open: it does not decide this case."


def _name(kb: KnowledgeBase, outcome: str) -> str:
    return "Not decided yet" if outcome == UNDECIDED else kb.outcome(outcome).name


def other_readings(kb: KnowledgeBase, facts: Facts) -> list[str]:
    """Each disagreeing source's reading whose test this case meets, attributed, with the question its label
    answers — or, where an unknown answer leaves it open, what it waits on. Appended to the key's feedback
    of every assessment question (quiz.assessment) and to the practice case questions' explanations
    (quiz.bank), so both say it the same way. `generator.decision.readings_for` decides which apply; a
    reading the guide words itself is labelled (generator.model.is_synthesis)."""
    said: list[str] = []
    for shown in readings_for(kb.decision, facts):
        r = shown.reading
        who, name = kb.source(r.source).short, kb.outcome(r.outcome).name
        if shown.status == "applies":
            text = r.text + (" (the guide's synthesis)" if is_synthesis(r, "text") else "")
            said.append(f"{who[:1].upper() + who[1:]} would call it “{name}” — answering “{r.answers}”: {text}")
        else:
            waits = "; ".join(f"“{_short(next(f for f in kb.decision.facts if f.id == fid))}”" for fid in shown.unknown)
            said.append(f"Whether {who} would call it “{name}” is open until you know {waits}.")
    return said


def practice_feedback(kb: KnowledgeBase, q: Question) -> Question:
    """A practice case question with feedback for each option (what the learner who picks it learns):
    its outcomes, next steps and questions are read as in the assessment. Other questions unchanged."""
    if q.kind not in CASE_KINDS or q.facts is None:
        return q
    outcomes = {o.id for o in kb.decision.outcomes} | {UNDECIDED}
    facts = {f.id for f in kb.decision.facts}
    feedback: dict[str, str] = {}
    for o in q.options:
        if o.category == "outcome" and o.id in outcomes:
            feedback[o.id] = outcome_feedback(kb, q.facts, o.id)
        elif o.category == "advice" and o.id in outcomes:
            feedback[o.id] = action_feedback(kb, q.facts, o.id)
        elif o.category == "question" and o.id in facts:
            feedback[o.id] = fact_feedback(kb, q.facts, o.id)
    return replace(q, feedback=feedback)
