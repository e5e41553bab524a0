"""Whether a bank is sound and whether its questions teach: one exactly-defensible answer, not
found by matching words or picking the longest option, no "which source?" flood, enough cases.

`teaching_problems` judges one question (the generators use it to leave out what would not teach);
`soundness_problems` and `gates` judge a whole bank, each problem naming the question or setting at fault.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.model import KnowledgeBase

from .question import CASE_KINDS, PRACTICE, Question, normalised


@dataclass(frozen=True)
class BankProblem:
    """One thing wrong with the bank: the question at fault (or the quiz setting), and why.

    Structured, so that `quiz.verify` can say where in the knowledge base to fix it without
    reading the message."""

    why: str
    question: str = ""  # the question's id, when one question is at fault
    setting: str = ""  # the quiz setting at fault (e.g. "per_topic"), for bank-wide problems

    def __str__(self) -> str:
        return f"question '{self.question}': {self.why}" if self.question else self.why


def soundness_problems(kb: KnowledgeBase, bank: list[Question]) -> list[BankProblem]:
    """What is wrong with a bank (empty when it is sound). The generators are built never to trip
    this; hand-written questions can, and `quiz.verify` says where."""
    problems: list[BankProblem] = []
    topics = {t.id for t in kb.quiz.topics}
    sources = {s.id for s in kb.sources}
    seen: set[str] = set()
    for q in bank:
        if q.id in seen:
            problems.append(BankProblem("duplicate id", q.id))
        seen.add(q.id)
        if q.topic not in topics:
            problems.append(BankProblem(f"topic '{q.topic}' is not in quiz.yml", q.id))
        option_ids = [o.id for o in q.options]
        if len(q.options) < 2:
            problems.append(BankProblem("fewer than two options", q.id))
        if len(set(option_ids)) < len(option_ids) or len({normalised(o.text) for o in q.options}) < len(q.options):
            problems.append(BankProblem("options repeat", q.id))
        if not q.correct or not set(q.correct) <= set(option_ids):
            problems.append(BankProblem("correct answers must be some of the options", q.id))
        if not q.sources or not set(q.sources) <= sources:
            problems.append(BankProblem("needs sources, all of them known", q.id))
    return problems


# --- quality gates: questions that teach -----------------------------------------------------

MAX_LENGTH_RATIO = 1.5  # the right option at most this many times as long as the longest wrong one
MAX_SOURCE_SHARE = 0.10  # "which source …?" questions at most this share of the bank
MIN_CASE_QUESTIONS = 5  # a round of the configured size (12) holds at least this many case questions
STOPWORDS = set(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "although",
        "always",
        "among",
        "another",
        "answer",
        "anyone",
        "anything",
        "around",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "cannot",
        "could",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "even",
        "ever",
        "every",
        "from",
        "further",
        "guide",
        "have",
        "having",
        "here",
        "into",
        "itself",
        "just",
        "like",
        "made",
        "make",
        "many",
        "more",
        "most",
        "much",
        "must",
        "never",
        "none",
        "only",
        "other",
        "others",
        "otherwise",
        "ours",
        "over",
        "same",
        "says",
        "should",
        "since",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "under",
        "until",
        "upon",
        "very",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "whom",
        "whose",
        "will",
        "with",
        "within",
        "without",
        "would",
        "your",
        "yours",
        "yourself",
        "question",
        "questions",
        "following",
        "true",
        "according",
        "describe",
        "describes",
    ]
)


@functools.lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """Content words: lower case, four letters or more, not a stop word, without a plural or possessive -s.

    Cached: the bank asks for the same options' words for every set of distractors it tries, and
    the gates again for every question (a frozenset, so no caller can change the cached value)."""
    found = set()
    for w in re.findall(r"[a-z]+", text.lower().replace("’", "'").replace("'s", "")):
        if len(w) >= 4 and w not in STOPWORDS:
            found.add(w[:-1] if w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(found)


@functools.lru_cache(maxsize=1 << 16)
def echoes(word: str, words: frozenset[str]) -> bool:
    """A prompt word shows up in a text when some word there starts with it, or it with that word."""
    return any(w.startswith(word) or word.startswith(w) for w in words)


@functools.lru_cache(maxsize=1 << 16)
def echoed(prompt: str, text: str) -> frozenset[str]:
    """The prompt's content words that one option's text echoes.

    Per option, so cached: the bank tries many sets of distractors for one prompt, and a word
    echoes a set of options exactly when it echoes one of them."""
    words = content_words(text)
    return frozenset(w for w in content_words(prompt) if echoes(w, words))


def leaked_words(q: Question) -> list[str]:
    """Prompt words that appear in the right option(s) and in no wrong one — answerable by word matching."""
    right = frozenset().union(*(echoed(q.prompt, o.text) for o in q.options if o.id in q.correct))
    wrong = frozenset().union(*(echoed(q.prompt, o.text) for o in q.options if o.id not in q.correct))
    return sorted(right - wrong)


def is_yes_no(q: Question) -> bool:
    """A question whose only options are yes and no: two options are then enough."""
    return sorted(o.text.strip(" .").lower() for o in q.options) == ["no", "yes"]


def is_source_question(q: Question) -> bool:
    """A question whose answer is a source ("Which source …?")."""
    return all(o.category == "source" for o in q.options if o.id in q.correct)


def teaching_problems(q: Question) -> list[str]:
    """The gates one question fails on its own: too few options, word matching, length, mixed types."""
    problems: list[str] = []
    if len(q.options) < 3 and not is_yes_no(q):
        problems.append(f"only {len(q.options)} options (at least 3 unless it is a yes/no question)")
    leaked = leaked_words(q)
    if leaked:
        problems.append(f"prompt words found only in the right answer: {', '.join(leaked)}")
    wrong = [len(o.text) for o in q.options if o.id not in q.correct]
    longest = max((len(o.text) for o in q.options if o.id in q.correct), default=0)
    # Outcome names and next steps are fixed vocabularies, each the answer somewhere: for them the pool's
    # longest-option solver (quiz.cues) is the test, not one question's lengths.
    if wrong and longest > MAX_LENGTH_RATIO * max(wrong) and not {o.category for o in q.options} <= {"classify", "act"}:
        problems.append(
            f"the right answer is {longest / max(wrong):.1f}× as long as the longest "
            f"wrong one (at most {MAX_LENGTH_RATIO}×)"
        )
    categories = {o.category for o in q.options}
    if len(categories) != 1 or "" in categories:
        problems.append(f"options of different types ({', '.join(sorted(k or 'untyped' for k in categories))})")
    return problems


def gates(kb: KnowledgeBase, bank: list[Question]) -> list[BankProblem]:
    """Every quality gate the bank fails, each naming the question and the reason (empty when it passes)."""
    problems: list[BankProblem] = []
    seen: dict[str, str] = {}
    for q in bank:
        key = normalised(q.prompt)
        if key in seen:
            problems.append(BankProblem(f"same prompt as question '{seen[key]}'", q.id))
        seen.setdefault(key, q.id)
        problems += [BankProblem(p, q.id) for p in teaching_problems(q)]
    sources = [q.id for q in bank if is_source_question(q)]
    if bank and len(sources) > MAX_SOURCE_SHARE * len(bank):
        problems.append(
            BankProblem(
                f"questions {', '.join(repr(s) for s in sources)}: {len(sources)} of {len(bank)} "
                f"questions answer with a source (at most {MAX_SOURCE_SHARE:.0%})"
            )
        )
    practice = [
        q for q in bank if q.pool == PRACTICE
    ]  # a practice round is drawn by topic; an assessment round is all cases
    case_topics = {q.topic for q in practice if q.kind in CASE_KINDS} - {
        q.topic for q in practice if q.kind not in CASE_KINDS
    }
    guaranteed = sum(kb.quiz.per_topic.get(t, 1) for t in case_topics)
    if kb.quiz.size >= 12 and guaranteed < MIN_CASE_QUESTIONS:
        problems.append(
            BankProblem(
                f"a round of {kb.quiz.size} is sure of only {guaranteed} case questions (topics "
                f"{', '.join(sorted(case_topics)) or 'none'}; at least {MIN_CASE_QUESTIONS})",
                setting="per_topic",
            )
        )
    return problems
