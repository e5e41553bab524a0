"""The README's examples are what the checks accept: a maintainer copies them, so a hand-written
question, a glossary term or a source written as the README shows must pass `make check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from bad_inputs import all_cases
from generator.knowledge import load_checked
from support import ARTICLES, REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def example(heading: str) -> str:
    """The first ```yaml block under `heading`."""
    section = README[README.index(heading) :]
    found = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert found, f"no yaml example under {heading}"
    return found.group(1)


def test_the_contents_link_every_section() -> None:
    anchors = {
        re.sub(r"[^\w\- ]", "", h.lower()).strip().replace(" ", "-") for h in re.findall(r"^#{2,3} (.+)$", README, re.M)
    }
    linked = set(re.findall(r"\]\(#([\w-]+)\)", README))
    assert linked <= anchors, linked - anchors
    assert {
        "the-two-commands",
        "editing-the-knowledge-base",
        "publishing",
        "how-it-is-built",
        "what-the-tests-check",
    } <= linked


def test_the_hand_written_question_example_passes_the_checks(tmp_path: Path) -> None:
    block = example("### Add a hand-written quiz question")
    questions = yaml.safe_load(block)["questions"]
    assert questions[0]["id"].startswith("q-")
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    quiz = knowledge / "quiz.yml"
    data = yaml.safe_load(quiz.read_text(encoding="utf-8"))
    assert not data["quiz"].get("questions"), "the example is appended as the only hand-written question"
    quiz.write_text(quiz.read_text(encoding="utf-8").rstrip("\n") + "\n" + block, encoding="utf-8")
    kb, _ = load_checked(knowledge, ARTICLES)
    assert [q.id for q in kb.quiz.questions] == [questions[0]["id"]]


def test_the_glossary_example_passes_the_checks(tmp_path: Path) -> None:
    block = example("### Add a glossary term")
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    glossary = knowledge / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + "\n" + block, encoding="utf-8")
    kb, _ = load_checked(knowledge, ARTICLES)
    assert kb.glossary[-1].id == yaml.safe_load(block)[0]["id"]


def test_the_case_example_passes_the_checks_and_the_rules_agree(tmp_path: Path) -> None:
    """Every fact answered, and the outcome it expects is the one the rules compute."""
    block = example("### Add a case")
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    scenarios = knowledge / "scenarios.yml"
    scenarios.write_text(scenarios.read_text(encoding="utf-8").rstrip("\n") + "\n" + block, encoding="utf-8")
    kb, _ = load_checked(knowledge, ARTICLES)
    assert kb.scenarios[-1].id == yaml.safe_load(block)[0]["id"]


def test_add_a_source_says_short_is_required_and_where_quiz_questions_come_from() -> None:
    section = README[README.index("### Add a source") : README.index("### Add a case")]
    assert "short:" in section and "required" in section
    assert "debate.yml" in section


def test_the_readme_counts_the_bad_input_catalogue() -> None:
    """The README says how many malformed knowledge bases the tests try; the number follows the catalogue."""
    said = re.search(r"(\d+) malformed or hostile knowledge bases", README)
    assert said, "the README no longer counts the bad inputs"
    assert int(said.group(1)) == len(all_cases())
