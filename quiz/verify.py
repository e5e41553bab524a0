"""The question bank's checks, located in the knowledge base.

`python -m assemble check` and every build run them, so a hand-written question that the bank
refuses is reported as `knowledge/quiz.yml:24: …` before anything is built, never as a bare "the
question bank is not sound" half-way through a build. A round's promises are checked here too:
each topic has questions, and enough for its quota.
"""

from __future__ import annotations

from collections import Counter

from generator.layout import anchor_claims
from generator.model import KnowledgeBase
from generator.typed import DataPath

from . import assessment
from .bank import left_out, questions
from .cues import pool_gates
from .gates import gates, soundness_problems
from .question import LeftOut


def bank_problems(kb: KnowledgeBase) -> list[tuple[DataPath, str]]:
    """Every problem of the bank `kb` gives, each at the place in the knowledge base to fix it."""
    problems = assessment.problems(kb)
    if problems:  # an unsound case would give wrong answers: nothing more to judge until it is fixed
        return problems
    bank = questions(kb)
    authored = {q.id: i for i, q in enumerate(kb.quiz.questions)}
    held: dict[str, DataPath] = {
        qid: ("assessment", "cases", i, "items", j)
        for i, case in enumerate(kb.assessment.cases if kb.assessment else [])
        for j, qid in enumerate(assessment.item_ids(case))
    }
    for problem in soundness_problems(kb, bank) + gates(kb, bank) + pool_gates(bank):
        if problem.question in authored:
            problems.append((("quiz", "questions", authored[problem.question]), str(problem)))
        elif problem.question in held:
            problems.append((held[problem.question], str(problem)))
        elif problem.setting:
            problems.append((("quiz", problem.setting), str(problem)))
        else:  # a generated question: the generators avoid this, so it names the question to look at
            problems.append((("quiz",), f"generated {problem}" if problem.question else str(problem)))
    pool = Counter(q.topic for q in bank)
    for i, topic in enumerate(kb.quiz.topics):
        if not pool[topic.id]:
            problems.append(
                (
                    ("quiz", "topics", i),
                    f"topic '{topic.id}' has no questions, yet every round "
                    "promises one from each topic: add its knowledge or remove the topic",
                )
            )
    for key, quota in kb.quiz.per_topic.items():
        if key in pool and pool[key] < quota:
            problems.append(
                (
                    ("quiz", "per_topic", key),
                    f"per_topic asks for {quota} '{key}' questions a round, but the bank has only {pool[key]}",
                )
            )
    return problems


THIN = 3
"""A topic with fewer questions than this is named by `check`: a round draws from few (or one)."""


def left_out_places(kb: KnowledgeBase) -> list[tuple[LeftOut, DataPath]]:
    """Each question the quiz leaves out, with the place in the knowledge base it comes from: on the
    page it links to, the item whose id ends the question's id (generated ids end with their item's:
    `kind-<kind>`); else the item its guide section shows (the page registry's claim on that
    anchor); else such an item on another page; else its topic in quiz.yml."""
    claims = anchor_claims(kb)
    topics = {t.id: i for i, t in enumerate(kb.quiz.topics)}
    placed = []
    for q in left_out(kb):
        page, _, anchor = q.link.partition("#")
        on_page = [(a, loc) for a, loc in claims.get(page, []) if loc is not None]
        anywhere = [(a, loc) for each in claims.values() for a, loc in each if loc is not None]
        exact = [loc for a, loc in on_page if a == anchor]
        candidates = _ending(q.id, on_page) + exact + _ending(q.id, anywhere)
        where: DataPath = (
            candidates[0] if candidates else ("quiz", "topics", topics[q.topic]) if q.topic in topics else ("quiz",)
        )
        placed.append((q, where[:-1] if where[-1] == "id" else where))
    return placed


def _ending(question_id: str, claims: list[tuple[str, DataPath]]) -> list[DataPath]:
    """The claimed items whose id ends `question_id`, the longest (most specific) first."""
    found = sorted(((a, loc) for a, loc in claims if question_id.endswith(f"-{a}")), key=lambda c: -len(c[0]))
    return [loc for _, loc in found]


def thin_topics(kb: KnowledgeBase) -> list[tuple[str, int, int]]:
    """Topics the quiz asks fewer than THIN questions about: (topic id, asked, left out)."""
    asked = Counter(q.topic for q in questions(kb))
    dropped = Counter(q.topic for q in left_out(kb))
    return [
        (t.id, asked[t.id], dropped[t.id])
        for t in kb.quiz.topics
        if asked[t.id] < THIN and kb.quiz.per_topic.get(t.id, 1) > 0
    ]  # a topic without a minimum is not in every round
