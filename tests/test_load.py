"""generator.load: YAML → data plus a data-path → line index; syntax problems become located Problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.errors import KnowledgeBaseError, Problem
from generator.load import LoadedKnowledge, load_file, load_knowledge


def parse(tmp_path: Path, text: str | bytes, name: str = "k.yml") -> tuple[dict[str, Any], dict, list[Problem]]:
    """Load one file's text; returns (data, line index, problems)."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems: list[Problem] = []
    data, index = load_file(path, f"knowledge/{name}", problems)
    return data, index, problems


def knowledge(tmp_path: Path, files: dict[str, str]) -> Path:
    """A knowledge directory under `tmp_path` holding `files`."""
    directory = tmp_path / "knowledge"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


NESTED = """\
# comment
decision:
  facts:
    - id: a
      question: Is it?
      yes: It is.
      no: It is not.
    - id: b
      question: >-
        A folded
        question
  rules:
    - {id: r, when: {a: true, b: false}}
"""


def test_every_node_has_its_line(tmp_path: Path) -> None:
    data, index, problems = parse(tmp_path, NESTED)
    assert problems == []
    assert data["decision"]["facts"][1]["question"] == "A folded question"
    assert index[("decision",)] == 2
    assert index[("decision", "facts")] == 3
    assert index[("decision", "facts", 0)] == 4  # a list item: the line of its dash
    assert index[("decision", "facts", 0, "question")] == 5
    assert index[("decision", "facts", 1)] == 8
    assert index[("decision", "facts", 1, "question")] == 9  # a block scalar: the line of its key
    assert index[("decision", "rules", 0, "when", "b")] == 13  # inside flow mappings


def test_yes_and_no_keys_stay_names(tmp_path: Path) -> None:
    """YAML 1.1 reads `yes`/`no` as booleans; as keys they must stay the field names `yes`/`no`."""
    data, _, problems = parse(tmp_path, NESTED)
    fact = data["decision"]["facts"][0]
    assert problems == [] and fact["yes"] == "It is." and fact["no"] == "It is not."


def test_scalars_resolve_like_safe_load(tmp_path: Path) -> None:
    data, _, _ = parse(tmp_path, "s:\n  a: true\n  b: 3\n  c: ~\n  d: '3'\n  e: 0.8\n")
    assert data["s"] == {"a": True, "b": 3, "c": None, "d": "3", "e": 0.8}


def test_locate_uses_the_longest_known_prefix(tmp_path: Path) -> None:
    loaded = load_knowledge(knowledge(tmp_path, {"decision.yml": NESTED}), root=tmp_path)
    assert loaded.origin == {"decision": "knowledge/decision.yml"}
    assert loaded.locate(("decision", "facts", 1, "question")) == ("knowledge/decision.yml", 9)
    # a missing key points at the mapping that lacks it
    assert loaded.locate(("decision", "facts", 1, "help")) == ("knowledge/decision.yml", 8)
    assert loaded.locate(("decision", "outcomes")) == ("knowledge/decision.yml", 2)


def test_locate_blames_the_directory_for_a_section_no_file_defines(tmp_path: Path) -> None:
    loaded = load_knowledge(knowledge(tmp_path, {"decision.yml": NESTED}), root=tmp_path)
    assert loaded.locate(("debate",)) == ("knowledge", 1)
    assert loaded.locate(()) == ("knowledge", 1)


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("s:\n  a: 1\n  b: 2\n  a: 3\n", 4, "duplicate key 'a'"),
        ("s:\n  - {id: x, id: y}\n", 2, "duplicate key 'id'"),
        ("s:\n  t:\n    deep: 1\n    deep: 2\n", 4, "duplicate key 'deep'"),
    ],
)
def test_duplicate_keys_are_refused(tmp_path: Path, text: str, line: int, message: str) -> None:
    _, _, problems = parse(tmp_path, text)
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


def test_duplicate_keys_fail_the_whole_load(tmp_path: Path) -> None:
    directory = knowledge(tmp_path, {"a.yml": "s:\n  a: 1\n  a: 2\n"})
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(directory, root=tmp_path)
    assert [str(p) for p in info.value.problems] == [
        "knowledge/a.yml:3: duplicate key 'a' (an earlier value would be lost)"
    ]


def test_complex_keys_are_refused(tmp_path: Path) -> None:
    _, _, problems = parse(tmp_path, "s:\n  ? [a, b]\n  : 1\n")
    assert [(p.line, p.message) for p in problems] == [(2, "mapping keys must be plain names")]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("s:\n  a: {x: 1, y: 2\n  b: 3\n", 2, "flow mapping opened on this line is not closed"),
        ("s:\n  a: [1, 2\n  b: 3\n", 2, "flow sequence opened on this line is not closed"),
        ("s:\n  a: 1\n   b: 2\n", 3, "YAML syntax error"),
        ("s:\n  a: 1\n\tb: 2\n", 3, "cannot start any token"),
        ("s:\n  a: 'open\n  b: 2\n", 2, "quoted scalar opened on this line is not closed (missing quote?)"),
        ("", 1, "file is empty"),
        ("# only a comment\n", 1, "file is empty"),
        ("# comment\n- a\n- b\n", 2, "top level must be a mapping"),
        ("# comment\njust text\n", 2, "top level must be a mapping"),
    ],
)
def test_syntax_problems_are_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    data, _, problems = parse(tmp_path, text)
    assert data == {}
    assert len(problems) == 1
    assert problems[0].line == line and message in problems[0].message, problems[0]


def test_non_utf8_is_located(tmp_path: Path) -> None:
    _, _, problems = parse(tmp_path, b"s:\n  a: ok\n  b: caf\xe9\n")
    assert [(p.line, "not valid UTF-8" in p.message) for p in problems] == [(3, True)]


def test_problems_from_every_file_are_collected(tmp_path: Path) -> None:
    directory = knowledge(
        tmp_path,
        {
            "a.yml": "a:\n  x: [1\n",
            "b.yml": "",
            "c.yml": "c:\n  k: 1\n  k: 2\n",
            "d.yml": "a: 1\n",
        },
    )
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(directory, root=tmp_path)
    where = [(p.path, p.line) for p in info.value.problems]
    assert where == [("knowledge/a.yml", 2), ("knowledge/b.yml", 1), ("knowledge/c.yml", 3)]


def test_a_section_defined_twice_is_refused(tmp_path: Path) -> None:
    directory = knowledge(tmp_path, {"a.yml": "# c\ns: 1\n", "b.yml": "# c\n# c\nt: 2\ns: 3\n"})
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(directory, root=tmp_path)
    assert [str(p) for p in info.value.problems] == [
        "knowledge/b.yml:4: section 's' is already defined in knowledge/a.yml"
    ]


def test_an_empty_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"no \*\.yml files"):
        load_knowledge(knowledge(tmp_path, {}), root=tmp_path)


def test_a_file_that_would_not_be_read_is_refused_not_skipped(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"notes\.txt:1: unknown file in the knowledge directory"):
        load_knowledge(knowledge(tmp_path, {"a.yml": "s: 1\n", "notes.txt": "x"}), root=tmp_path)


def test_editor_lock_backup_and_hidden_files_are_ignored(tmp_path: Path) -> None:
    directory = knowledge(
        tmp_path,
        {"a.yml": "s: 1\n", ".a.yml.swp": "x", "a.yml~": "old: 1\n", "#a.yml#": "autosave: 1\n", "schema.json": "{}"},
    )
    (directory / ".#a.yml").symlink_to("/nonexistent/lock")  # how Emacs marks a file being edited
    assert load_knowledge(directory, root=tmp_path).data == {"s": 1}


def test_good_files_merge(tmp_path: Path) -> None:
    loaded = load_knowledge(knowledge(tmp_path, {"a.yml": "s: 1\n", "b.yml": "t: [2]\n"}), root=tmp_path)
    assert isinstance(loaded, LoadedKnowledge)
    assert loaded.data == {"s": 1, "t": [2]}
    assert loaded.directory == "knowledge"
    assert set(loaded.lines) == {"knowledge/a.yml", "knowledge/b.yml"}
