"""Test-wise readers, simulated: cue solvers that answer from an item's wording alone, never from the
sources. An assessment that measures judgement must not let any of them beat chance by much.

Each solver picks, for one question, the options it would choose (ties are a fair guess among them);
`score` is its expected share of right answers over a pool, `chance` the share of a blind guess
(1 / number of options, per question). The bank's gates and tests/test_cues.py use them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .gates import BankProblem, content_words
from .question import ASSESSMENT, Question, normalised

HEDGE = re.compile(
    r"\b(no idea|not sure|nobody knows|nobody has|no one knows|couldn't say|could not say|can't say|"
    r"couldn't tell|can't tell|cannot tell|can't remember|haven't checked|never looked|would know|"
    r"whether|might|unclear|i doubt|thinks)\b",
    re.IGNORECASE,
)
"""Words by which a story announces that something is not known."""
BOTH = re.compile(r"\b(both|also|as well|the same (company|firm|vendor)|carries on|carry on|too)\b", re.IGNORECASE)
"""Words by which a story says one organisation plays two roles."""
UNDECIDED_TEXT = "Not decided yet"
HYBRID_PREFIX = "Hybrid"
MARGIN = 0.10  # a solver may beat chance by at most this share of the pool


def story(q: Question) -> str:
    """The case told in the prompt (every line but the last, the lead-in)."""
    lines = q.prompt.split("\n")
    return "\n".join(lines[:-1]) if len(lines) > 1 else q.prompt


Picker = Callable[[Question, list[Question]], list[str]]


def _best(q: Question, score: Callable[[str], float]) -> list[str]:
    values = {o.id: score(o.text) for o in q.options}
    top = max(values.values())
    return [k for k, v in values.items() if v == top]


def shortest(q: Question, pool: list[Question]) -> list[str]:
    """The shortest option."""
    return _best(q, lambda t: -len(t))


def longest(q: Question, pool: list[Question]) -> list[str]:
    """The longest (most qualified) option."""
    return _best(q, len)


def echo(q: Question, pool: list[Question]) -> list[str]:
    """The option sharing most content words with the stem (the story and the lead-in)."""
    stem = content_words(q.prompt)
    return _best(q, lambda t: len(content_words(t) & stem))


def frequent(q: Question, pool: list[Question]) -> list[str]:
    """The option whose text is keyed most often in the rest of the pool (the question itself left out)."""
    keyed = Counter(normalised(o.text) for x in pool if x is not q for o in x.options if o.id in x.correct)
    return _best(q, lambda t: keyed[normalised(t)])


def _when(pattern: re.Pattern[str], wanted: Callable[[str], bool]) -> Picker:
    def pick(q: Question, pool: list[Question]) -> list[str]:
        hit = [o.id for o in q.options if wanted(o.text)]
        return hit[:1] if hit and pattern.search(story(q)) else [o.id for o in q.options]

    return pick


hedge_undecided = _when(HEDGE, lambda t: t == UNDECIDED_TEXT)
hedge_undecided.__doc__ = "A story that announces an unknown → “Not decided yet” (else a blind guess)."
both_hybrid = _when(BOTH, lambda t: t.startswith(HYBRID_PREFIX))
both_hybrid.__doc__ = "A story that says “both”, “also”, “the same company” → Hybrid (else a blind guess)."

SOLVERS: dict[str, Picker] = {
    "shortest option": shortest,
    "longest option": longest,
    "most words shared with the stem": echo,
    "most frequently keyed label": frequent,
    "hedge → not decided yet": hedge_undecided,
    "“both” → hybrid": both_hybrid,
}


@dataclass(frozen=True)
class Score:
    """How a solver does on a pool, against a blind guess."""

    solver: str
    score: float
    chance: float

    @property
    def beats_chance(self) -> bool:
        """More than MARGIN above a blind guess: the wording gives answers away."""
        return self.score > self.chance + MARGIN + 1e-9


def chance(pool: list[Question]) -> float:
    """The expected share of a blind guess: 1 / options, per single-answer question."""
    return sum(1 / len(q.options) for q in pool) / len(pool) if pool else 0.0


def score(name: str, pool: list[Question]) -> Score:
    """The expected share of right answers of one solver over the pool's single-answer questions."""
    single = [q for q in pool if not q.multiple]
    right = 0.0
    for q in single:
        picked = SOLVERS[name](q, single)
        right += (1 / len(picked)) if q.correct[0] in picked else 0.0
    return Score(name, right / len(single) if single else 0.0, chance(single))


def scores(pool: list[Question]) -> list[Score]:
    """Every solver's score on the pool."""
    return [score(name, pool) for name in SOLVERS]


# --- the pool's gates: what a build refuses in the assessment pool ------------------------------------

MIN_POOL = 20  # below this a pool is too small for shares to mean anything (a tiny test knowledge base)
MAX_PREDICTED = 0.5  # a cue word may go with its favourite answer in at most half the stories that carry it
MAX_POSITION = 0.4  # no one position (first, second, …) holds more than this share of the keys
FILLER_USES = 3  # an option text offered this often must be the answer somewhere


def _cue_rate(pool: list[Question], pattern: re.Pattern[str], wanted: Callable[[str], bool]) -> tuple[int, int]:
    """(stories with the cue that offer the favoured answer, of them those keyed with it)."""
    hit = [q for q in pool if pattern.search(story(q)) and any(wanted(o.text) for o in q.options)]
    keyed = [q for q in hit if any(wanted(o.text) for o in q.options if o.id in q.correct)]
    return len(hit), len(keyed)


def pool_gates(bank: list[Question]) -> list[BankProblem]:
    """The assessment pool's gates against the cues seen in this bank before (issue #18): no cue solver
    beats chance by more than MARGIN; a hedge does not predict "Not decided yet", nor "both" Hybrid;
    no two questions share a whole option set; no option text is filler, offered often and never
    right; the key is not kept in one position."""
    pool = [q for q in bank if q.pool == ASSESSMENT]
    problems: list[BankProblem] = []
    sets: dict[frozenset[str], str] = {}
    for q in pool:
        texts = frozenset(normalised(o.text) for o in q.options)
        if texts in sets:
            problems.append(BankProblem(f"same options as question '{sets[texts]}': vary the wrong readings", q.id))
        sets.setdefault(texts, q.id)
    offered, keyed = Counter[str](), Counter[str]()
    for q in pool:
        for o in q.options:
            offered[normalised(o.text)] += 1
            keyed[normalised(o.text)] += o.id in q.correct
    for text, n in sorted(offered.items()):
        if n >= FILLER_USES and not keyed[text]:
            problems.append(
                BankProblem(
                    f"option “{text}” is offered in {n} assessment questions and is never the "
                    "answer: filler a test-wise reader learns to skip"
                )
            )
    if len(pool) < MIN_POOL:
        return problems
    for label, pattern, wanted in (
        ("a hedge (“nobody knows”)", HEDGE, lambda t: t == UNDECIDED_TEXT),
        ("“both / also / the same company”", BOTH, lambda t: t.startswith(HYBRID_PREFIX)),
    ):
        hit, right = _cue_rate(pool, pattern, wanted)
        if hit and right > MAX_PREDICTED * hit:
            problems.append(
                BankProblem(
                    f"{label} predicts the answer: {right} of {hit} such stories are keyed with it "
                    f"(at most {MAX_PREDICTED:.0%})"
                )
            )
    single = [q for q in pool if not q.multiple]
    positions = Counter(next(i for i, o in enumerate(q.options) if o.id in q.correct) for q in single)
    for position, n in sorted(positions.items()):
        if n > MAX_POSITION * len(single):
            problems.append(
                BankProblem(f"{n} of {len(single)} assessment keys sit in position {position + 1}: shuffle")
            )
    for s in scores(pool):
        if s.beats_chance:
            problems.append(
                BankProblem(
                    f"the cue solver “{s.solver}” scores {s.score:.0%} on the assessment pool "
                    f"against {s.chance:.0%} by chance (at most {MARGIN:.0%} above)"
                )
            )
    return problems
