"""generator.knowledge.load: the one entry point — every problem, sorted, as `path:line: message`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bad_inputs import copy_knowledge, replace_once
from generator.errors import KnowledgeBaseError, Problem
from generator.knowledge import KNOWLEDGE_DIR, load
from generator.model import KnowledgeBase
from support import ARTICLES as SOURCES_DIR

LINE = re.compile(r"^knowledge/[a-z]+\.yml:[1-9][0-9]*: \S")


def broken(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> KnowledgeBaseError:
    """The error load() raises for a copy of the real knowledge base with `edits` applied."""
    directory = copy_knowledge(tmp_path)
    for name, pairs in edits.items():
        for old, new in pairs:
            replace_once(directory / name, old, new)
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory, SOURCES_DIR)
    return info.value


def test_the_real_knowledge_base_loads() -> None:
    kb = load(KNOWLEDGE_DIR, SOURCES_DIR)
    assert isinstance(kb, KnowledgeBase)
    assert len(kb.sources) >= 5 and kb.decision.rules and kb.scenarios
    assert kb.source("nikolov").author == "Stanislav Nikolov"


def test_three_schema_errors_in_three_files_are_all_reported(tmp_path: Path) -> None:
    error = broken(tmp_path, {
        "decision.yml": [("      probing: true\n      if_no: Not a channel", "      probing: often\n      if_no: Not a channel")],
        "glossary.yml": [("{id: kpi, term: KPI,", "{id: KPI, term: KPI,")],
        "scenarios.yml": [("    title: The iced tea\n", "    titel: The iced tea\n")],
    })
    assert [str(p).split(": ")[0] for p in error.problems] == [
        "knowledge/decision.yml:29", "knowledge/glossary.yml:13", "knowledge/scenarios.yml:10", "knowledge/scenarios.yml:11"]
    assert "scenarios.0.title: field required" in str(error) and "scenarios.0.titel: unknown field (typo? did you mean 'title'?)" in str(error)


def test_three_cross_reference_errors_are_all_reported(tmp_path: Path) -> None:
    error = broken(tmp_path, {
        "kinds.yml": [("    outcome: channel_partner\n", "    outcome: reseller\n")],
        "quiz.yml": [("per_topic: {classification: 4,", "per_topic: {classifying: 4,")],
        "definitions.yml": [("    source: colormetrix\n    sense: someone who pays", "    source: cmx\n    sense: someone who pays")],
    })
    assert [(p.path, p.line) for p in error.problems] == [
        ("knowledge/definitions.yml", 8), ("knowledge/kinds.yml", 7), ("knowledge/quiz.yml", 7)]


def test_syntax_errors_in_several_files_are_all_reported(tmp_path: Path) -> None:
    error = broken(tmp_path, {
        "pitfalls.yml": [("    remedy: Check revenue dependency first.", "\tremedy: Check revenue dependency first.")],
        "debate.yml": [("      position: is-customer\n", "      position: is-customer\n      position: can-be-both\n")],
    })
    assert [(p.path, p.line) for p in error.problems] == [("knowledge/debate.yml", 18), ("knowledge/pitfalls.yml", 34)]


def test_output_is_sorted_unique_and_editor_friendly(tmp_path: Path) -> None:
    error = broken(tmp_path, {"decision.yml": [("      outcome: strategic_partner\n", "      outcome: strategic_partnr\n")]})
    assert error.problems == sorted(error.problems)
    assert len(set(error.problems)) == len(error.problems)
    assert str(error).splitlines() == [str(p) for p in error.problems]
    assert all(LINE.match(line) for line in str(error).splitlines())


def test_problems_sort_by_number_not_text() -> None:
    error = KnowledgeBaseError([Problem("b.yml", 2, "x"), Problem("a.yml", 10, "y"), Problem("a.yml", 9, "z"),
                                Problem("a.yml", 9, "z")])
    assert [str(p) for p in error.problems] == ["a.yml:9: z", "a.yml:10: y", "b.yml:2: x"]


def test_a_missing_section_is_named(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    (directory / "playbook.yml").unlink()
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory, SOURCES_DIR)
    assert [str(p) for p in info.value.problems] == [
        "knowledge:1: section 'playbook' is missing: no *.yml file in the knowledge directory defines it"]


def test_a_missing_sources_folder_skips_only_the_quotation_check(tmp_path: Path) -> None:
    directory = copy_knowledge(tmp_path)
    replace_once(directory / "sources.yml", "      - text: they need to be win-win\n", "      - text: not in the article\n")
    assert load(directory, tmp_path / "no-such-folder").sources
    with pytest.raises(KnowledgeBaseError, match="quotation not found"):
        load(directory, SOURCES_DIR)


def test_a_build_loads_and_checks_once_and_an_edit_reloads(tmp_path: Path) -> None:
    """The result is kept while no file changes (a build asks twice); any edit loads afresh."""
    from bad_inputs import copy_knowledge
    from generator.knowledge import load_checked

    directory = copy_knowledge(tmp_path)
    first, _ = load_checked(directory, SOURCES_DIR)
    assert load_checked(directory, SOURCES_DIR)[0] is first
    glossary = directory / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again, _ = load_checked(directory, SOURCES_DIR)
    assert again is not first and again == first


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
