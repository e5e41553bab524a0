"""What the browser tests share about the site's widgets: their selectors and how to drive them.

The classifier (`open_tool`, `answer_step`, `answer_all`), the quiz (`open_quiz`, `start`, `play` …), the glossary
terms (`TERM`, `term_text`) and the check that hostile text stayed text (`assert_inert`). Test files
import these from here, never from one another (tests/test_layering.py enforces it).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from generator.model import KnowledgeBase

# --- the classifier (classify/) ----------------------------------------------------------------

TOOL = "[data-module=classify][data-module-init]"


QUESTION = f"{TOOL} fieldset[data-question-id]"


RESULT = f"{TOOL} [data-part=result][data-outcome]"


def open_tool(page: Page, site_server) -> None:
    page.goto(site_server.url("classify/"))
    expect(page.locator(QUESTION)).to_have_count(1)


def radio(value) -> str:
    """The radio button's value for an answer: yes / no, a choice fact's option id, or unknown (not sure)."""
    return {True: "yes", False: "no", None: "unknown"}.get(value, value) if not isinstance(value, str) else value


def answer_step(page: Page, value: str | None = None) -> str:
    """Answer the tool's open question with the radio `value` (see `radio`; its first radio when None:
    yes, or a choice fact's first option), submit, and return the fact id answered once the step it
    leads to is in. The answered question is gone by then: read straight after the click, the page
    may still show it."""
    fact = page.locator(QUESTION).get_attribute("data-question-id")
    assert fact, "the tool shows no question"
    radios = page.locator(f"{QUESTION} input[type=radio]")
    (radios.first if value is None else page.locator(f"{QUESTION} input[value={value}]")).check()
    page.locator(f"{TOOL} button[type=submit]").click()
    expect(page.locator(f"{QUESTION}[data-question-id={fact}]")).to_have_count(0)
    return fact


def answer_all(page: Page, facts: dict[str, bool | None], limit: int) -> list[str]:
    """Answer the tool's questions from `facts` until it shows an outcome; the fact ids asked, in order."""
    asked: list[str] = []
    for _ in range(limit + 1):
        if page.locator(RESULT).count():
            return asked
        fact = page.locator(QUESTION).get_attribute("data-question-id")
        assert fact not in asked, f"asked {fact} twice"
        asked.append(answer_step(page, radio(facts.get(fact))))
    raise AssertionError(f"no outcome after {limit} answers: {asked}")


# --- the quiz (quiz/) --------------------------------------------------------------------------

QUIZ = "[data-module=quiz][data-module-init]"


ROUND = f"{QUIZ} [data-part=run] fieldset[data-question-id]"


SCORE = f"{QUIZ} [data-part=score] [data-score]"


SUBMIT = f"{QUIZ} .pq-round > .pq-actions button[type=submit]"
"""The round's submit button: there while a round is open, removed once the round is marked."""


def open_quiz(page: Page, site_server) -> None:
    page.goto(site_server.url("quiz/"))
    expect(page.locator(f"{QUIZ} [data-action=start]")).to_be_enabled()


def start(page: Page, mode: str = "assessment", size: int | None = None) -> list[str]:
    """Start a round from the settings form; the drawn question ids, in order."""
    page.locator(f"{QUIZ} input[name=mode][value={mode}]").check()
    if size is not None:
        page.locator(f"{QUIZ} input[name=size]").fill(str(size))
    page.locator(f"{QUIZ} [data-action=start]").click()
    return drawn(page)


def drawn(page: Page) -> list[str]:
    """The question ids of the round just opened (by Start, Retake or Retake missed), in order.

    After Retake the marked round stays on screen until the new one replaces it, so a question being
    visible says nothing: the submit button, which marking removed, is back only with the new round.
    """
    expect(page.locator(SUBMIT)).to_be_visible()
    return page.locator(ROUND).evaluate_all("els => els.map(e => e.dataset.questionId)")


def choose(page: Page, bank: dict[str, Any], qid: str, right: bool) -> None:
    """Select the right options of one question, or a wrong selection."""
    q = bank["by_id"][qid]
    fieldset = page.locator(f"{ROUND}[data-question-id='{qid}']")
    if right:
        picks = q["correct"]
    else:
        picks = [next(o["id"] for o in q["options"] if o["id"] not in q["correct"])]
    for option in picks:
        fieldset.locator(f".pq-options input[value='{option}']").check()


def submit(page: Page) -> None:
    page.locator(SUBMIT).click()
    expect(page.locator(SCORE)).to_be_visible()


def play(page: Page, bank: dict[str, Any], right: Any) -> list[str]:
    """Answer the current round (assessment) with right(i, qid) deciding each answer; submit it."""
    ids = drawn(page)
    for i, qid in enumerate(ids):
        choose(page, bank, qid, right(i, qid))
    submit(page)
    return ids


# --- glossary terms ----------------------------------------------------------------------------

TERM = "article abbr[data-term]"


def definition_of(kb: KnowledgeBase, shown: str) -> str:
    """The glossary definition of the term a page shows (matched case-insensitively, as abbr does)."""
    return next(t.definition for t in kb.glossary if t.term.lower() == shown.strip().lower())


def term_text(page: Page, index: int = 0) -> str:
    """A term's own words, without its tooltip."""
    return page.locator(TERM).nth(index).evaluate("el => el.firstChild.textContent")


# --- hostile text stays text -------------------------------------------------------------------

INJECTED = (
    "() => [...document.querySelectorAll('script')].filter(s => /alert/.test(s.textContent)).length"
    " + document.querySelectorAll('[onmouseover], [onerror], [onload], a[href^=\"javascript:\" i], #evil')"
    ".length"
)


def assert_inert(page: Page, dialogs: list[str], where: str, shows_text: bool = True) -> None:
    page.mouse.move(5, 5)
    for box in page.locator("article").all()[:1]:  # hover over the content, where onmouseover would sit
        box.hover()
    assert dialogs == [], f"{where}: a dialog opened: {dialogs}"
    assert page.evaluate(INJECTED) == 0, f"{where}: knowledge-base text became markup"
    if shows_text:
        assert "alert(1)" in page.locator("article").inner_text(), f"{where}: the hostile text is not shown as text"
