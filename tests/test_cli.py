"""`python -m assemble`: exit codes and output an editor or CI job can rely on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assemble.__main__ import main
from bad_inputs import REPO_ROOT
from generator.knowledge import load
from support import ARTICLES
from support.tiny import TINY_ARTICLES, TINY_KB, copy_tiny, edit, line_of


def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNER_")}
    return subprocess.run(
        [sys.executable, "-m", "assemble", *args],
        cwd=REPO_ROOT,
        env={**env, "PARTNER_SOURCES": str(ARTICLES), "PARTNER_LOCK": "", **extra},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_passes_on_the_real_knowledge_base_and_prints_counts() -> None:
    kb = load()
    result = run("check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"knowledge base OK: {len(kb.sources)} sources, {len(kb.dimensions)} dimensions, "
        f"{len(kb.decision.rules)} rules, {len(kb.scenarios)} scenarios"
    )
    assert re.fullmatch(
        r"quiz: \d+ questions; \d+ more left out, as they would not teach "
        r"\(--left-out lists them: where, what, why\)",
        lines[1],
    )  # the numbers: the tiny-KB test below
    assert all(line.startswith("quiz: topic '") for line in lines[2:-1])  # topics left with few questions
    assert lines[-1] == f"quotations verified against {len(kb.sources)} articles in {ARTICLES}"
    assert result.stderr == ""


def test_left_out_lists_each_question_the_quiz_does_not_ask_and_why() -> None:
    """Cy's stance would be answered by the one option holding the prompt's word "partner": the quiz
    leaves the question out, and a maintainer who added the stance can see that and why."""
    result = run("check", "--left-out", "--knowledge", str(TINY_KB), PARTNER_SOURCES=str(TINY_ARTICLES))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "quiz: 33 questions; 15 more left out, as they would not teach:"
    debate, kinds = TINY_KB / "debate.yml", TINY_KB / "kinds.yml"
    assert (
        f'  knowledge/debate.yml:{line_of(debate, "source: cy")}: perspective-cy (topic debate): "In the debate '
        '“Is a partner a customer?”, which position does Cy take?" — prompt words found only in the right '
        "answer: partner"
    ) in lines
    assert (
        f'  knowledge/kinds.yml:{line_of(kinds, "id: reseller")}: kind-reseller (topic kinds): "Which kind of '
        "partner does the guide describe like this? A firm that earns its money from your product in the hands "
        'of its own clients." — fewer than two options to choose from'
    ) in lines
    assert len([line for line in lines if line.startswith("  ")]) == 15


def test_check_names_the_topics_left_with_fewer_than_three_questions() -> None:
    """The tiny bank asks 2 'distinctions' and 2 'probing' questions (2 more left out): a round draws
    from those few, and `check` says so without --left-out."""
    result = run("check", "--knowledge", str(TINY_KB), PARTNER_SOURCES=str(TINY_ARTICLES))
    assert result.returncode == 0, result.stderr
    named = [line for line in result.stdout.splitlines() if line.startswith("quiz: topic ")]
    assert [line.split(":")[1] for line in named] == [
        " topic 'distinctions' is left with 2 questions",
        " topic 'probing' is left with 2 questions (2 left out)",
    ]


def test_check_says_plainly_when_quotations_could_not_be_verified(tmp_path: Path) -> None:
    missing = tmp_path / "no-articles-here"
    result = run("check", PARTNER_SOURCES=str(missing))
    assert result.returncode == 0, result.stderr
    assert "knowledge base OK" in result.stdout and "verified against" not in result.stdout
    assert f"quotations NOT verified: no articles found at {missing}" in result.stderr
    assert "PARTNER_SOURCES" in result.stderr


def test_require_articles_makes_missing_articles_a_failure(tmp_path: Path) -> None:
    result = run("check", "--require-articles", PARTNER_SOURCES=str(tmp_path / "none"))
    assert result.returncode == 1
    assert "quotations NOT verified" in result.stderr
    assert run("check", "--require-articles").returncode == 0


def test_check_fails_with_every_problem_on_stderr(tmp_path: Path) -> None:
    directory = copy_tiny(tmp_path)
    edit(directory / "kinds.yml", "    outcome: reseller\n", "    outcome: resellr\n")
    edit(directory / "quiz.yml", "per_topic: {classification: 3}", "per_topic: {classifying: 3}")
    result = run("check", "--knowledge", str(directory), PARTNER_SOURCES=str(TINY_ARTICLES))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"knowledge/kinds.yml:{line_of(directory / 'kinds.yml', 'resellr')}: unknown outcome 'resellr' "
        "(did you mean 'reseller'?)",
        f"knowledge/quiz.yml:{line_of(directory / 'quiz.yml', 'classifying')}: unknown topic 'classifying' "
        "(did you mean 'classification'?)",
        "2 problem(s) found; fix them and run `make check` again.",
    ]


def test_check_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("knowledge base OK: ")


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    assert "check" in capsys.readouterr().err


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("check", "build", "schema"):
        assert command in result.stdout
