"""The benchmark's synthetic knowledge bases are valid, so it times real builds, not error paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import make_synthetic
from generator.knowledge import KNOWLEDGE_DIR, load, load_checked
from generator.model import KnowledgeBase
from quiz.verify import bank_problems
from support import ARTICLES as SOURCES_DIR

ROOT = Path(__file__).resolve().parent.parent
STUDY_SHEET = "quiz/study.md"


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load(KNOWLEDGE_DIR, SOURCES_DIR)


def test_x3_passes_every_check(tmp_path: Path, real: KnowledgeBase) -> None:
    """×3 loads with quotations checked against its own article copies, and every list tripled."""
    kb_dir, src_dir = make_synthetic(3, tmp_path, sources_dir=SOURCES_DIR)
    kb = load(kb_dir, src_dir)  # raises KnowledgeBaseError listing every problem otherwise
    assert len(list(src_dir.glob("*.txt"))) == 3 * len(real.sources)
    for section in (
        "sources",
        "definitions",
        "dimensions",
        "partner_kinds",
        "special_cases",
        "pitfalls",
        "glossary",
        "scenarios",
    ):
        assert len(getattr(kb, section)) == 3 * len(getattr(real, section)), section
    assert len(kb.debate.stances) == 3 * len(real.debate.stances)
    assert len(kb.playbook.plays) == 3 * len(real.playbook.plays)
    assert kb.decision == real.decision  # same facts and rules: coverage stays exhaustive


def test_x1_is_the_real_knowledge_base(tmp_path: Path, real: KnowledgeBase) -> None:
    """Round-tripping through YAML changes nothing, so the bench may use real-KB runs as ×1."""
    kb_dir, src_dir = make_synthetic(1, tmp_path, sources_dir=SOURCES_DIR)
    assert load(kb_dir, src_dir) == real


def test_copies_cite_their_own_sources(tmp_path: Path) -> None:
    kb = load(*make_synthetic(2, tmp_path, sources_dir=SOURCES_DIR))
    copies = [d for d in kb.definitions if d.id.endswith("-x2")]
    assert copies and all(d.source.endswith("-x2") for d in copies)
    assert all(c.split(":")[0].endswith("-x2") for d in copies for c in d.cites)


@pytest.mark.exhaustive
def test_output_grows_linearly_with_the_knowledge_base(tmp_path: Path, real: KnowledgeBase) -> None:
    """Four times the content gives at most about four times the pages, data and questions.

    A size check, not a timing: a question listing every source, or an explanation naming every
    other source, would make the output (and the build) grow with the square of the sources.
    """
    from assemble.tree import docs_tree
    from quiz.bank import build_bank

    kb_dir, src_dir = make_synthetic(4, tmp_path, sources_dir=SOURCES_DIR)
    big = load(kb_dir, src_dir)

    def outputs(kb: KnowledgeBase) -> dict[str, str]:
        return docs_tree(kb, ROOT / "docs").files

    small_files, big_files = outputs(real), outputs(big)
    growth = sum(map(len, big_files.values())) / sum(map(len, small_files.values()))
    assert growth <= 4.4, f"generated output grew {growth:.2f}x for 4x the content"
    # The study sheet's topics follow the bank, where the quality gates leave out questions that cannot be
    # asked fairly; larger pools of distractors let a few more pass, so those fragments are measured per
    # question below instead.
    small_bank, big_bank = build_bank(real), build_bank(big)
    assert len(big_bank) <= 4.5 * len(small_bank)
    per_question = {STUDY_SHEET}  # lists every practice question: it follows the bank, measured per question
    worst = max(
        len(big_files[name]) / len(small_files[name])
        for name in small_files
        if "data-study-topic" not in name and name not in per_question
    )
    assert worst <= 4.6, f"a generated file grew {worst:.2f}x for 4x the content"
    practice = lambda bank: sum(1 for q in bank if q.pool == "practice")  # noqa: E731
    study_growth = (len(big_files[STUDY_SHEET]) / practice(big_bank)) / (
        len(small_files[STUDY_SHEET]) / practice(small_bank)
    )
    assert study_growth <= 1.2, f"the study sheet grew {study_growth:.2f}x per question for 4x the content"
    size = lambda q: len(q.prompt) + len(q.explanation) + sum(len(o.text) for o in q.options)  # noqa: E731
    assert max(map(size, big_bank)) <= 1.2 * max(map(size, small_bank)), "a question grows with the sources"
    assert max(len(q.options) for q in big_bank) <= max(len(q.options) for q in small_bank)


@pytest.mark.exhaustive
def test_x10_passes_every_check_and_every_gate_of_the_bank(tmp_path: Path) -> None:
    """`python -m bench --factors 1,10,100` builds ×10: it must be a knowledge base the project
    accepts, the quiz bank's gates included (two 'select all' questions once read alike)."""
    kb_dir, src_dir = make_synthetic(10, tmp_path, sources_dir=SOURCES_DIR)
    kb, _ = load_checked(kb_dir, src_dir, more=[bank_problems])  # raises KnowledgeBaseError listing every problem
    assert len(kb.dimensions) % 10 == 0 and kb.dimensions
