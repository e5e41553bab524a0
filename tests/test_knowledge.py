"""generator.knowledge.load: the one entry point — every problem, sorted, as `path:line: message`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import KnowledgeBaseError, Problem
from generator.knowledge import KNOWLEDGE_DIR, load
from generator.model import KnowledgeBase
from support import ARTICLES as SOURCES_DIR
from support.tiny import TINY_ARTICLES, copy_tiny, edit, line_of

LINE = re.compile(r"^knowledge/[a-z]+\.yml:[1-9][0-9]*: \S")


def broken(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> tuple[KnowledgeBaseError, Path]:
    """The error load() raises for a copy of the tiny knowledge base with `edits` applied, and the copy."""
    directory = copy_tiny(tmp_path)
    for name, pairs in edits.items():
        for old, new in pairs:
            edit(directory / name, old, new)
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory, TINY_ARTICLES)
    return info.value, directory


def test_the_real_knowledge_base_loads() -> None:
    """The one test that the real knowledge base, as committed, loads and passes every check."""
    kb = load(KNOWLEDGE_DIR, SOURCES_DIR)
    assert isinstance(kb, KnowledgeBase)
    assert len(kb.sources) >= 5 and kb.decision.rules and kb.scenarios
    assert kb.source("nikolov").author == "Stanislav Nikolov"


def test_three_schema_errors_in_three_files_are_all_reported(tmp_path: Path) -> None:
    error, kb = broken(
        tmp_path,
        {
            "decision.yml": [("      probing: true\n", "      probing: often\n")],
            "glossary.yml": [("{id: b2b, term: B2B,", "{id: B2B, term: B2B,")],
            "scenarios.yml": [("    title: The bookshop\n", "    titel: The bookshop\n")],
        },
    )
    assert [str(p).split(": ")[0] for p in error.problems] == [
        f"knowledge/decision.yml:{line_of(kb / 'decision.yml', 'probing: often')}",
        f"knowledge/glossary.yml:{line_of(kb / 'glossary.yml', 'id: B2B')}",
        f"knowledge/scenarios.yml:{line_of(kb / 'scenarios.yml', 'id: bookshop')}",  # the item lacks its title
        f"knowledge/scenarios.yml:{line_of(kb / 'scenarios.yml', 'titel: The bookshop')}",
    ]
    assert "scenarios item 1 ('bookshop'), title: field required" in str(error)  # counted from 1, named
    assert "scenarios item 1 ('bookshop'), titel: unknown field (typo? did you mean 'title'?)" in str(error)


def test_three_cross_reference_errors_are_all_reported(tmp_path: Path) -> None:
    error, kb = broken(
        tmp_path,
        {
            "kinds.yml": [("    outcome: reseller\n", "    outcome: resellr\n")],
            "quiz.yml": [("per_topic: {classification: 3}", "per_topic: {classifying: 3}")],
            "definitions.yml": [
                ("    source: ada\n    sense: someone who pays", "    source: adda\n    sense: someone who pays")
            ],
        },
    )
    assert [(p.path, p.line) for p in error.problems] == [
        ("knowledge/definitions.yml", line_of(kb / "definitions.yml", "source: adda")),
        ("knowledge/kinds.yml", line_of(kb / "kinds.yml", "outcome: resellr")),
        ("knowledge/quiz.yml", line_of(kb / "quiz.yml", "classifying: 3")),
    ]
    assert [p.message for p in error.problems] == [
        "unknown source 'adda' (did you mean 'ada'?)",
        "unknown outcome 'resellr' (did you mean 'reseller'?)",
        "unknown topic 'classifying' (did you mean 'classification'?)",
    ]


def test_syntax_errors_in_several_files_are_all_reported(tmp_path: Path) -> None:
    error, kb = broken(
        tmp_path,
        {
            "pitfalls.yml": [("    remedy: Respect them", "\tremedy: Respect them")],
            "debate.yml": [("      position: sometimes\n", "      position: sometimes\n      position: always\n")],
        },
    )
    duplicate = line_of(kb / "debate.yml", "position: sometimes") + 1
    assert [(p.path, p.line) for p in error.problems] == [
        ("knowledge/debate.yml", duplicate),
        ("knowledge/pitfalls.yml", line_of(kb / "pitfalls.yml", "\tremedy")),
    ]


def test_output_is_sorted_unique_and_editor_friendly(tmp_path: Path) -> None:
    error, _ = broken(
        tmp_path,
        {"decision.yml": [("      outcome: reseller\n      because", "      outcome: resellr\n      because")]},
    )
    assert error.problems == sorted(error.problems)
    assert len(set(error.problems)) == len(error.problems)
    assert str(error).splitlines() == [str(p) for p in error.problems]
    assert all(LINE.match(line) for line in str(error).splitlines())


def test_problems_sort_by_number_not_text() -> None:
    error = KnowledgeBaseError(
        [Problem("b.yml", 2, "x"), Problem("a.yml", 10, "y"), Problem("a.yml", 9, "z"), Problem("a.yml", 9, "z")]
    )
    assert [str(p) for p in error.problems] == ["a.yml:9: z", "a.yml:10: y", "b.yml:2: x"]


def test_a_missing_section_is_named(tmp_path: Path) -> None:
    directory = copy_tiny(tmp_path)
    (directory / "playbook.yml").unlink()
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory, TINY_ARTICLES)
    assert [str(p) for p in info.value.problems] == [
        "knowledge:1: section 'playbook' is missing: no *.yml file in the knowledge directory defines it"
    ]


def test_a_missing_sources_folder_skips_only_the_quotation_check(tmp_path: Path) -> None:
    directory = copy_tiny(tmp_path)
    edit(
        directory / "sources.yml",
        '{text: "A customer pays you the price you ask", line: 3}',
        '{text: "not in the article", line: 3}',
    )
    assert load(directory, tmp_path / "no-such-folder").sources
    with pytest.raises(KnowledgeBaseError, match="quotation not found"):
        load(directory, TINY_ARTICLES)


def test_a_build_loads_and_checks_once_and_an_edit_reloads(tmp_path: Path) -> None:
    """The result is kept while no file changes (a build asks twice); any edit loads afresh."""
    from generator.knowledge import load_checked

    directory = copy_tiny(tmp_path)
    first, _ = load_checked(directory, TINY_ARTICLES)
    assert load_checked(directory, TINY_ARTICLES)[0] is first
    glossary = directory / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again, _ = load_checked(directory, TINY_ARTICLES)
    assert again is not first and again == first


@pytest.mark.build
def test_make_site_loads_the_knowledge_base_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make site` checks before it starts MkDocs, and the hooks ask again inside it: one load."""
    import generator.knowledge as knowledge
    from assemble.publish import build_atomically
    from support import REPO_ROOT

    calls: list[Path] = []
    real = knowledge.load_knowledge

    def counting(directory: Path, root: Path | None = None) -> object:
        calls.append(directory)
        return real(directory, root=root)

    knowledge._load_checked.cache_clear()
    monkeypatch.setattr(knowledge, "load_knowledge", counting)
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv("PARTNER_SOURCES", str(SOURCES_DIR))
    monkeypatch.delenv("PARTNER_KB", raising=False)
    assert build_atomically(REPO_ROOT / "mkdocs.yml", tmp_path / "site") == 0
    assert len(calls) == 1, calls
