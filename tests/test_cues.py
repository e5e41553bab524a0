"""The cue solvers and the assessment pool's gates (quiz/cues.py), on made-up questions: each gate
fails on a pool built to trip it and passes on one that is not."""

from __future__ import annotations

from quiz.cues import chance, pool_gates, score
from quiz.question import ASSESSMENT, Option, Question

OUTCOMES = [
    "Customer",
    "Channel partner",
    "Bundle partner",
    "Hybrid — partner and customer",
    "Not decided yet",
    "Not a customer",
    "Strategic partner (supplier)",
]


def q(qid: str, story: str, texts: list[str], key: int, pool: str = ASSESSMENT) -> Question:
    options = [Option(f"{qid}-{i}", t, "classify") for i, t in enumerate(texts)]
    return Question(
        id=qid,
        topic="classification",
        kind="classify",
        prompt=f"{story}\nWhat are they to us?",
        options=options,
        correct=[options[key].id],
        explanation="",
        sources=["s"],
        link="decision/",
        pool=pool,
        case=qid,
    )


def rotating(n: int) -> list[Question]:
    """A pool with no cue: option sets differ, keys spread over labels and positions."""
    pool = []
    for i in range(n):
        texts = [OUTCOMES[(i + k) % len(OUTCOMES)] for k in range(3)] + [f"Option {i}"]
        pool.append(q(f"q{i}", f"Story number {i} about a firm.", texts, key=i % 3))
    return pool


def messages(pool: list[Question]) -> str:
    return "\n".join(str(p) for p in pool_gates(pool))


def test_a_pool_without_cues_passes_every_gate() -> None:
    pool = rotating(28)
    assert messages(pool) == ""
    assert chance(pool) == 0.25


def test_the_longest_option_solver_catches_a_pool_whose_key_is_longest() -> None:
    pool = [
        q(
            f"q{i}",
            f"Story {i}.",
            [f"Answer {i} with many qualifying words in it", f"No {i}", f"Nope {i}", f"Nah {i}"],
            0,
        )
        for i in range(25)
    ]
    assert score("longest option", pool).score == 1.0
    assert "longest option" in messages(pool)
    assert "shortest option" not in messages(pool)


def test_echo_and_frequency_solvers() -> None:
    echo = [
        q(f"q{i}", f"They resell licences in region {i}.", ["They resell licences", f"Other {i}", f"Else {i}"], 0)
        for i in range(25)
    ]
    assert score("most words shared with the stem", echo).score == 1.0
    frequent = [q(f"q{i}", f"Story {i}.", ["Customer", f"Rare {i}", f"Odd {i}", f"Few {i}"], 0) for i in range(25)]
    assert score("most frequently keyed label", frequent).score == 1.0  # leave-one-out: 24 other keys say Customer


def test_a_hedge_that_predicts_not_decided_and_both_that_predicts_hybrid_are_refused() -> None:
    pool = rotating(24)
    pool += [
        q(f"h{i}", f"Nobody knows whether firm {i} pays.", ["Not decided yet", "Customer", f"X{i}"], 0)
        for i in range(6)
    ]
    assert "a hedge" in messages(pool)
    pool = rotating(24) + [
        q(
            f"b{i}",
            f"Firm {i} is both a reseller and a client.",
            ["Hybrid — partner and customer", "Customer", f"Y{i}"],
            0,
        )
        for i in range(6)
    ]
    assert "both / also" in messages(pool)
    decided = rotating(24) + [
        q(f"h{i}", f"Nobody knows whether firm {i} shows our logo.", ["Not decided yet", "Customer", f"X{i}"], 1)
        for i in range(6)
    ]
    assert "a hedge" not in messages(decided)


def test_shared_option_sets_filler_and_positions_are_refused() -> None:
    pool = rotating(24)
    twin = q("twin", "Another story.", [o.text for o in pool[0].options], 1)
    assert "same options as question 'q0'" in messages([*pool, twin])
    filler = [q(f"f{i}", f"Story {i}.", ["Do they pay us?", f"A{i}", f"B{i}"], 1 + i % 2) for i in range(3)]
    assert "never the answer" in messages([*rotating(24), *filler])
    first = [q(f"p{i}", f"Story {i}.", [f"Key {i}", f"W{i}", f"V{i}", f"U{i}"], 0) for i in range(25)]
    assert "position 1" in messages(first)


def test_practice_questions_are_not_the_assessment_pools_business() -> None:
    practice = [
        q(f"p{i}", f"Story {i}.", [f"Key {i}", f"W{i}", f"V{i}", f"U{i}"], 0, pool="practice") for i in range(25)
    ]
    assert pool_gates(practice) == []
