"""The question bank's checks, located in the knowledge base.

`python -m assemble check` and every build run them, so a hand-written question that the bank
refuses is reported as `knowledge/quiz.yml:24: …` before anything is built, never as a bare "the
question bank is not sound" half-way through a build. A round's promises are checked here too:
each topic has questions, and enough for its quota.
"""
from __future__ import annotations

from collections import Counter

from generator.model import KnowledgeBase
from generator.typed import DataPath

from .bank import questions
from .gates import gates, soundness_problems


def bank_problems(kb: KnowledgeBase) -> list[tuple[DataPath, str]]:
    """Every problem of the bank `kb` gives, each at the place in the knowledge base to fix it."""
    bank = questions(kb)
    authored = {q.id: i for i, q in enumerate(kb.quiz.questions)}
    problems: list[tuple[DataPath, str]] = []
    for problem in soundness_problems(kb, bank) + gates(kb, bank):
        if problem.question in authored:
            problems.append((("quiz", "questions", authored[problem.question]), str(problem)))
        elif problem.setting:
            problems.append((("quiz", problem.setting), str(problem)))
        else:  # a generated question: the generators avoid this, so it names the question to look at
            problems.append((("quiz",), f"generated {problem}" if problem.question else str(problem)))
    pool = Counter(q.topic for q in bank)
    for i, topic in enumerate(kb.quiz.topics):
        if not pool[topic.id]:
            problems.append((("quiz", "topics", i), f"topic '{topic.id}' has no questions, yet every round "
                             "promises one from each topic: add its knowledge or remove the topic"))
    for key, quota in kb.quiz.per_topic.items():
        if key in pool and pool[key] < quota:
            problems.append((("quiz", "per_topic", key), f"per_topic asks for {quota} '{key}' questions a round, "
                             f"but the bank has only {pool[key]}"))
    return problems
