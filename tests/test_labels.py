"""Labels that cannot drift: every statement the guide's own reading (generator.model.is_synthesis) is
labelled wherever it is shown — the guide's pages and checklists, the study sheet, the quiz's feedback
and the classifier's data — on the real knowledge base and the tiny one.

The walk is over the model (every cited item's statements, and the fields declared synthesis), not over
a list of places: a new page or question that shows a statement without its label fails here.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from itertools import takewhile

import pytest

from generator.cited import cited_items
from generator.markup import markdown_text
from generator.model import Fact, KnowledgeBase, is_synthesis
from generator.pages import render_pages
from generator.typed import Record
from quiz.bank import SYNTHESIS_LABEL, build_bank
from quiz.export import rules_data

PAGE_LABEL = "[Guide's synthesis]"
# Prose fields: what an item says (names, ids, questions and examples are not claims).
STATEMENT_FIELDS = {
    "text",
    "because",
    "summary",
    "next_step",
    "description",
    "remedy",
    "argument",
    "reasoning",
    "definition",
    "help",
    "how_to_find_out",
    "if_no",
    "then",
}
SHORTEST = 25  # a shorter statement ("Do not count them.") may stand inside others; it is checked where it is whole


def statements(kb: KnowledgeBase) -> Iterator[tuple[Record, str, str, bool]]:
    """(item, field, text, synthesis) for every statement of every cited item and of every fact's options."""
    items: list[Record] = [item for _, item in cited_items(kb)]
    items += [o for f in kb.decision.facts for o in f.options]
    for item in items:
        for f in dataclasses.fields(item):  # type: ignore[arg-type]
            value = getattr(item, f.name)
            if f.name in STATEMENT_FIELDS and isinstance(value, str) and value:
                yield item, f.name, value, is_synthesis(item, f.name)


def synthesis_texts(kb: KnowledgeBase) -> list[str]:
    own = {text for _, _, text, synthesis in statements(kb) if synthesis}
    sourced = {text for _, _, text, synthesis in statements(kb) if not synthesis}
    return sorted(t for t in own - sourced if len(t) >= SHORTEST)


def block_after(page: str, at: int) -> str:
    """What belongs to the statement found at `at`: its table row or list item, or its paragraph and the
    citation paragraph right after it."""
    line_start = page.rfind("\n", 0, at) + 1
    line = page[line_start : page.find("\n", at) if page.find("\n", at) >= 0 else len(page)]
    if line.lstrip().startswith(("|", "<p")):
        return line[at - line_start :]
    if line.lstrip().startswith(("- ", "1. ")):  # a list item, with its indented continuation lines
        rest = page[at:].split("\n")
        return "\n".join([rest[0], *takewhile(lambda x: x.startswith("  "), rest[1:])])
    # Paragraphs may be indented (a scenario's reading is a details block); synonyms may sit between.
    rest = [p.lstrip(" ") for p in page[at:].split("\n\n")]
    rest = [p for p in rest if not p.startswith('<span class="poc-also">')]
    return rest[0] + ("\n\n" + rest[1] if len(rest) > 1 and rest[1].startswith('<span class="poc-cite">') else "")


@pytest.fixture(params=["tiny", "kb"])
def model(request: pytest.FixtureRequest) -> KnowledgeBase:
    return request.getfixturevalue(request.param)


def test_the_walk_finds_synthesis_and_the_declared_advice(model: KnowledgeBase) -> None:
    """So the checks below can fail: the model has synthesis statements, among them where-to-find-out tips."""
    texts = synthesis_texts(model)
    assert texts
    assert all(is_synthesis(f, "how_to_find_out") and is_synthesis(f, "if_no") for f in model.decision.facts)
    assert not is_synthesis(
        Fact(id="x", question="q", help="h", yes="y", no="n", how_to_find_out="a", cites=["s"]), "help"
    )


def test_every_page_labels_the_guides_own_statements(model: KnowledgeBase) -> None:
    pages = render_pages(model)
    missing = []
    for text in synthesis_texts(model):
        shown = markdown_text(text)
        for name, page in pages.items():
            at = page.find(shown)
            while at >= 0:
                if PAGE_LABEL not in block_after(page, at):
                    missing.append(f"{name}: {text[:70]}")
                at = page.find(shown, at + 1)
    assert not missing, "synthesis shown without its label:\n" + "\n".join(missing)


def test_every_quiz_feedback_labels_the_guides_own_statements(model: KnowledgeBase) -> None:
    """The feedback after an answer, and each option's feedback (and so the study sheet, which prints them)
    — 9 of them dropped the label."""
    missing = []
    for q in build_bank(model):
        for where, said in [("explanation", q.explanation), *q.feedback.items()]:
            for text in synthesis_texts(model):
                at = said.find(text)
                while at >= 0:
                    if not said.startswith(SYNTHESIS_LABEL, at + len(text)):
                        missing.append(f"{q.id} ({where}): {text[:70]}")
                    at = said.find(text, at + 1)
    assert not missing, "synthesis in feedback without its label:\n" + "\n".join(missing)


def test_the_classifier_data_marks_the_guides_own_statements(model: KnowledgeBase) -> None:
    """rules.json lists, per item, which of its statements are synthesis; the classifier labels those."""
    data = rules_data(model)
    own = set(synthesis_texts(model))

    def walk(value: object) -> Iterator[dict]:
        if isinstance(value, dict):
            yield value
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)

    unmarked = []
    for obj in walk(data):
        for key, value in obj.items():
            if (
                key in STATEMENT_FIELDS
                and value in own
                and key not in obj.get("labelled", [])
                and not obj.get("synthesis")
                and not obj.get(f"{key}_synthesis")
            ):
                unmarked.append(f"{obj.get('id', '?')}.{key}: {value[:60]}")
    assert not unmarked, "\n".join(unmarked)
    assert json.dumps(data)  # plain data
