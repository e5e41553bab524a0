"""The same question bank as an mkdocs-quiz page: what the quiz's page weight is compared with.

mkdocs-quiz (https://github.com/ewels/mkdocs-quiz) is the ready-made MkDocs quiz plugin: one
`<quiz>` block per question, `- [x]` for a right answer, `- [ ]` for a wrong one, and a content
section after the answers that it shows once the reader has answered. The page written here holds
every question of the bank, with what our quiz shows after an answer (the explanation, the sources
and the link to the guide section) as that content section. It is built with plain MkDocs +
Material: this project's mkdocs.yml without hooks and nav, plus the plugin with its defaults.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .baseline import plain_config, plain_skeleton

PLUGIN = "mkdocs_quiz"
HOME = "# Partner or Customer?\n\nThe home page of the mkdocs-quiz comparison site: the quiz is at [Quiz](quiz/index.md).\n"
_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
_LIST_START = re.compile(r"^(\d*)([-+.)])")  # "- x", "+ x", "1. x", "1) x" would start a list


def inline(text: str) -> str:
    """KB text as inert Markdown on one line: HTML's and Markdown's special characters escaped,
    so no text can open a tag, close the `<quiz>` block, or pass for a `- [x]` answer line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(r"\1\\\2", text, count=1)


def paragraphs(text: str) -> list[str]:
    """Multi-line KB text as escaped paragraphs (one per non-empty line)."""
    return [inline(line) for line in text.splitlines() if line.strip()]


def quiz_block(
    prompt: str, options: Sequence[tuple[str, bool]], explanation: str, sources: Sequence[str], link: str
) -> str:
    """One question in mkdocs-quiz's syntax; `options` are (text, right?) in the order shown."""
    lines = ["<quiz>", *"\n\n".join(paragraphs(prompt)).split("\n")]
    lines += [f"- [{'x' if right else ' '}] {inline(text)}" for text, right in options]
    lines += ["", *"\n\n".join(paragraphs(explanation)).split("\n")]
    if sources:
        lines += ["", "Sources: " + "; ".join(inline(s) for s in sources)]
    if link:
        lines += ["", f"[Read more in the guide]({link})"]
    return "\n".join([*lines, "</quiz>"])


def quiz_page(bank: Sequence[Any], source_label: Callable[[str], str], up: str = "../") -> str:
    """The mkdocs-quiz page for `bank` (quiz.question.Question objects); `source_label` names a source
    id as the quiz does; links go `up` from the page to the site root, as ours do from /quiz/."""
    blocks = [
        quiz_block(
            q.prompt,
            [(o.text, o.id in q.correct) for o in q.options],
            q.explanation,
            [source_label(s) for s in q.sources],
            up + q.link if q.link else "",
        )
        for q in bank
    ]
    return "# Quiz\n\n" + "\n\n".join(blocks) + "\n"


def rival_project(page: str, dest: Path, options: dict[str, Any] | None = None) -> Path:
    """A throwaway Material project with the plugin: a plain home page and `page` at /quiz/."""
    config = plain_config()
    plugins = [p for p in config.get("plugins") or [] if p != PLUGIN]
    config["plugins"] = [*plugins, {PLUGIN: options} if options else PLUGIN]
    docs = plain_skeleton(dest, config)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    (docs / "quiz").mkdir()
    (docs / "quiz" / "index.md").write_text(page, encoding="utf-8")
    return dest


def bank_page(up: str = "../") -> tuple[str, int]:
    """The mkdocs-quiz page for this knowledge base's bank, as the build reads it; and its size."""
    from generator.knowledge import KNOWLEDGE_DIR, load, sources_dir
    from quiz.bank import build_bank

    kb = load(KNOWLEDGE_DIR, sources_dir())
    names = {s.id: s.short for s in kb.sources}
    bank = build_bank(kb)
    return quiz_page(bank, names.__getitem__, up), len(bank)
