"""The site of the tiny fixture knowledge base (two questions, four outcomes) in real Chromium.

The other browser tests use the real site; this one shows that the classifier, the quiz and the
pages work for any sound knowledge base. The expected outcomes are the fixture's own, written in
tests/fixtures/tiny/knowledge/scenarios.yml and repeated here by hand — not computed by the code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from support import site_paths
from support.browser import axe_every_page, checked_page
from support.server import SiteServer
from support.tiny import TINY_TOPICS
from support.widgets import QUESTION, QUIZ, RESULT, ROUND, SCORE, SUBMIT, TOOL

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tiny_site: Path) -> Iterator[SiteServer]:
    with SiteServer(tiny_site) as running:
        yield running


@pytest.fixture
def tab(browser: Browser, server: SiteServer) -> Iterator[Page]:
    with checked_page(browser, server.origin) as page:
        yield page


# (answers in the order the tool asks; what it must conclude)
CASES = [
    ({"sells_ours": "no", "pays_us": "directly"}, "customer", "Customer"),
    ({"sells_ours": "yes", "pays_us": "nothing"}, "reseller", "Reseller"),
    ({"sells_ours": "yes", "pays_us": "via_dealer"}, "both", "Reseller and customer"),
    ({"sells_ours": "no", "pays_us": "nothing"}, "bystander", "Not a customer"),
    ({"sells_ours": "unknown", "pays_us": "directly"}, "undecided", "Not decided yet"),
]


@pytest.mark.parametrize(("answers", "outcome", "heading"), CASES, ids=[c[1] for c in CASES])
def test_the_classifier_reaches_the_fixtures_outcome(
    tab: Page, server: SiteServer, answers: dict[str, str], outcome: str, heading: str
) -> None:
    tab.goto(server.url("classify/"))
    for fact, value in answers.items():
        expect(tab.locator(QUESTION)).to_have_attribute("data-question-id", fact)
        tab.locator(f"{QUESTION} input[value={value}]").check()
        tab.locator(f"{TOOL} button[type=submit]").click()
    result = tab.locator(RESULT)
    expect(result).to_have_attribute("data-outcome", outcome)
    if outcome == "undecided":
        expect(result).to_contain_text("Do they earn by selling our product to their own clients?")
        expect(result).to_contain_text("Read the contract.")  # how to find out, from decision.yml
    else:
        expect(result.locator("h2")).to_contain_text(heading)


def test_a_whole_quiz_round(tab: Page, server: SiteServer, tiny_site: Path) -> None:
    bank = json.loads((tiny_site / "quiz" / "questions.json").read_text(encoding="utf-8"))
    by_id = {q["id"]: q for q in bank["questions"]}
    tab.goto(server.url("quiz/"))
    tab.locator(f"{QUIZ} [data-action=start]").click()
    expect(tab.locator(ROUND).first).to_be_visible()
    ids = tab.locator(ROUND).evaluate_all("els => els.map(e => e.dataset.questionId)")
    assert len(ids) == 11 == len(set(ids))  # quiz.yml: size 11
    assert {by_id[q]["topic"] for q in ids} == set(TINY_TOPICS)
    assert sum(by_id[q]["topic"] == "classification" for q in ids) >= 3  # per_topic: {classification: 3}
    for n, qid in enumerate(ids):
        q = by_id[qid]
        picks = q["correct"] if n % 2 == 0 else [next(o["id"] for o in q["options"] if o["id"] not in q["correct"])]
        for option in picks:
            tab.locator(f"{ROUND}[data-question-id='{qid}'] .pq-options input[value='{option}']").check()
    tab.locator(SUBMIT).click()
    expect(tab.locator(SCORE)).to_have_attribute("data-score", str(round(100 * 6 / 11)))
    expect(tab.locator(SCORE)).to_have_attribute("data-passed", "true")  # pass_mark 0.5


def test_every_page_passes_axe(browser: Browser, server: SiteServer, tiny_site: Path) -> None:
    """Light scheme only: the real site's pages are checked in both (test_site_browser)."""
    assert not axe_every_page(browser, server, site_paths(tiny_site), "light")
