"""The quiz page (/quiz/) in real headless Chromium, served under the GitHub Pages sub-path.

Right answers are read from the served questions.json by each rendered question's
data-question-id; nothing about the draw is typed in.
"""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from support.browser import format_violations, run_axe, serve_sitemap_for, wait_for_instant_navigation
from support.widgets import QUIZ, ROUND, SCORE, SUBMIT, choose, drawn, open_quiz, play, start

pytestmark = pytest.mark.browser

STORE_KEY = "partner-or-customer/quiz"


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


@pytest.fixture(scope="module")
def served_bank(site_server) -> dict[str, Any]:
    """The served questions.json, with questions also indexed by id under "by_id"."""
    status, text = fetch(site_server.url("quiz/questions.json"))
    assert status == 200
    data = json.loads(text)
    data["by_id"] = {q["id"]: q for q in data["questions"]}
    assert data["questions"] and data["topics"]
    return data


def topics_with_questions(served_bank: dict[str, Any]) -> set[str]:
    """The topics a practice round promises: those with practice questions and a minimum above 0."""
    per_topic = served_bank["config"]["per_topic"]
    return {q["topic"] for q in practice_pool(served_bank) if per_topic.get(q["topic"], 1) > 0}


def practice_pool(served_bank: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in served_bank["questions"] if q["pool"] == "practice"]


def result_topics(page: Page) -> dict[str, tuple[int, int, str]]:
    """Per-topic breakdown: topic id -> (correct, total, link href)."""
    items = page.locator(f"{QUIZ} .pq-topics > li")
    return {
        item["topic"]: (int(item["correct"]), int(item["total"]), item["href"])
        for item in items.evaluate_all(
            "els => els.map(e => ({topic: e.dataset.topic, correct: e.dataset.correct, total: e.dataset.total,"
            " href: e.querySelector('a').href}))"
        )
    }


def stored(page: Page) -> Any:
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", STORE_KEY)


def assert_link_resolves(href: str, base_url: str) -> None:
    assert href.startswith(base_url), href
    url, _, anchor = href.partition("#")
    status, html = fetch(url)
    assert status == 200, href
    if anchor:
        assert re.search(rf'id="{re.escape(anchor)}"', html), f"no #{anchor} in {url}"


def test_all_right_scores_100_and_passes(page, site_server, served_bank):
    open_quiz(page, site_server)
    ids = start(page)
    assert len(ids) == served_bank["config"]["size"] == len(set(ids))
    play(page, served_bank, lambda i, qid: True)
    score = page.locator(SCORE)
    expect(score).to_have_attribute("data-score", "100")
    expect(score).to_have_attribute("data-passed", "true")
    expect(page.locator(f"{QUIZ} #pq-result-title")).to_be_focused()
    expect(page.locator(f"{QUIZ} [data-part=status]")).to_contain_text("100 %")
    breakdown = result_topics(page)
    assert {t: (c, n) for t, (c, n, _) in breakdown.items()} == {
        t: (ids_in, ids_in) for t in breakdown for ids_in in [sum(served_bank["by_id"][q]["topic"] == t for q in ids)]
    }
    assert all(f.get_attribute("data-result") == "right" for f in page.locator(ROUND).all())
    expect(page.locator(f"{QUIZ} [data-action=missed]")).to_be_hidden()
    assert stored(page)["missed"] == []


def test_all_wrong_scores_0_with_a_linked_breakdown(page, site_server, served_bank):
    open_quiz(page, site_server)
    ids = play(page, served_bank, lambda i, qid: False) if start(page) else []
    score = page.locator(SCORE)
    expect(score).to_have_attribute("data-score", "0")
    expect(score).to_have_attribute("data-passed", "false")
    breakdown = result_topics(page)
    drawn_topics = {served_bank["by_id"][q]["topic"] for q in ids}
    assert set(breakdown) == drawn_topics
    links = {t["id"]: t["link"] for t in served_bank["topics"]}
    for topic, (correct, total, href) in breakdown.items():
        assert correct == 0 and total == sum(served_bank["by_id"][q]["topic"] == topic for q in ids)
        assert href == site_server.url(links[topic])
        assert_link_resolves(href, site_server.base_url)
    # The full review: every question marked wrong, with its explanation.
    for qid in ids:
        fieldset = page.locator(f"{ROUND}[data-question-id='{qid}']")
        expect(fieldset).to_have_attribute("data-result", "wrong")
        expect(fieldset.locator(".pq-feedback")).to_contain_text(served_bank["by_id"][qid]["explanation"])
    assert set(stored(page)["missed"]) == set(ids)


def test_retake_missed_asks_exactly_the_missed_ones(page, site_server, served_bank):
    open_quiz(page, site_server)
    start(page)
    ids = play(page, served_bank, lambda i, qid: i % 3 == 0)
    missed = [qid for i, qid in enumerate(ids) if i % 3]
    right = len(ids) - len(missed)
    expect(page.locator(SCORE)).to_have_attribute("data-score", str(round(100 * right / len(ids))))
    page.locator(f"{QUIZ} [data-action=missed]").click()
    again = drawn(page)
    assert sorted(again) == sorted(missed)
    expect(page.locator(f"{QUIZ} [data-part=result]")).to_be_hidden()
    # Answer them all right: nothing is left to review.
    play(page, served_bank, lambda i, qid: True)
    expect(page.locator(SCORE)).to_have_attribute("data-score", "100")
    assert stored(page)["missed"] == []


def test_missed_questions_come_back_first_and_topics_stay_covered(page, site_server, served_bank):
    open_quiz(page, site_server)
    start(page, "practice")
    ids = play(page, served_bank, lambda i, qid: False)
    page.locator(f"{QUIZ} [data-action=retake]").click()
    again = drawn(page)
    size, topics = served_bank["config"]["size"], topics_with_questions(served_bank)
    assert len(again) == size
    head = [qid for qid in again if qid in ids]
    assert head and again[: len(head)] == head, "missed questions must come first"
    if size >= len(topics):
        assert {served_bank["by_id"][q]["topic"] for q in again} >= topics  # topics without a minimum may come too


def test_history_survives_reload_and_can_be_reset(page, site_server, served_bank):
    open_quiz(page, site_server)
    history = page.locator(f"{QUIZ} [data-part=history]")
    expect(history).to_have_attribute("data-attempts", "0")
    start(page, size=4)
    play(page, served_bank, lambda i, qid: i < 2)  # 2 of 4
    page.reload()
    expect(history).to_have_attribute("data-attempts", "1")
    expect(history).to_have_attribute("data-best", "50")
    expect(history).to_contain_text("50 %")
    start(page, size=2)
    play(page, served_bank, lambda i, qid: True)
    page.reload()
    expect(history).to_have_attribute("data-attempts", "2")
    expect(history).to_have_attribute("data-best", "100")
    attempts = stored(page)["history"]
    assert [(a["correct"], a["total"], a["passed"]) for a in attempts] == [(2, 4, False), (2, 2, True)]
    page.locator(f"{QUIZ} [data-action=reset]").click()
    expect(history).to_have_attribute("data-attempts", "0")
    assert stored(page) is None
    expect(page.locator(f"{QUIZ} [data-action=start]")).to_be_focused()


GARBAGE = [
    "{not json",
    "null",
    "42",
    '"a string"',
    "[1, 2, 3]",
    '{"history": "x", "missed": 5}',
    '{"history": [null, 7, "x", {"date": "yesterday", "correct": "3", "total": 0, "passed": "yes"},'
    ' {"date": "2024-01-01T00:00:00Z", "correct": 9, "total": 3, "passed": true}],'
    ' "missed": [1, null, {"a": 1}, "no-such-question"]}',
    '{"__proto__": {"history": [1]}, "constructor": 1}',
]


@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
def test_corrupt_storage_is_ignored(page, site_server, served_bank, garbage):
    page.goto(site_server.url("quiz/"))
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE_KEY, garbage])
    open_quiz(page, site_server)
    expect(page.locator(f"{QUIZ} [data-part=history]")).to_have_attribute("data-attempts", "0")
    start(page, size=3)
    play(page, served_bank, lambda i, qid: True)
    expect(page.locator(SCORE)).to_have_attribute("data-score", "100")
    data = stored(page)
    assert len(data["history"]) == 1 and data["missed"] == []


def test_valid_attempts_survive_next_to_garbage(page, site_server, served_bank):
    qid = served_bank["questions"][0]["id"]
    good = {"date": "2024-05-01T10:00:00Z", "correct": 3, "total": 4, "passed": False, "mode": "practice"}
    page.goto(site_server.url("quiz/"))
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [STORE_KEY, json.dumps({"history": [good, {"date": 5}], "missed": [qid, 3, qid]})],
    )
    open_quiz(page, site_server)
    history = page.locator(f"{QUIZ} [data-part=history]")
    expect(history).to_have_attribute("data-attempts", "1")
    expect(history).to_have_attribute("data-best", "75")
    assert start(page, "practice")[0] == qid  # the remembered miss comes first


def test_keyboard_only_round(page, site_server, served_bank):
    """Tab, Space and Enter only: start, answer every question (practice), finish; focus is managed."""
    open_quiz(page, site_server)
    keys = page.keyboard

    def tab_to(selector: str, limit: int = 300) -> None:
        for _ in range(limit):
            keys.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to(f"{QUIZ} [data-action=start]")
    keys.press("Enter")
    ids = drawn(page)
    expect(page.locator(f"{QUIZ} [data-part=run] h2")).to_be_focused()
    for qid in ids:
        question = f"{ROUND}[data-question-id='{qid}']"
        tab_to(f"{question} .pq-options input")
        keys.press("Space")
        tab_to(f"{question} [data-action=check]")
        keys.press("Enter")
        expect(page.locator(f"{question} .pq-feedback")).to_be_focused()
        expect(page.locator(f"{question}")).to_have_attribute("data-result", re.compile("right|wrong"))
    tab_to(SUBMIT)
    keys.press("Enter")
    expect(page.locator(SCORE)).to_be_visible()
    expect(page.locator(f"{QUIZ} #pq-result-title")).to_be_focused()
    tab_to(f"{QUIZ} [data-action=retake]")
    keys.press("Space")
    assert len(drawn(page)) == len(ids)


def test_instant_navigation_initialises_once(page, site_server, served_bank):
    serve_sitemap_for(page, site_server)
    page.goto(site_server.base_url)
    wait_for_instant_navigation(page)
    page.evaluate("() => { window.__sameDocument = true; }")
    nav = page.locator(".md-sidebar--primary")

    def go(href: str) -> None:
        nav.locator(f"a[href='{site_server.url(href)}']").first.click()
        expect(page).to_have_url(site_server.url(href))
        assert page.evaluate("() => window.__sameDocument === true"), "expected instant navigation, got a page load"

    def check_once(size: int) -> None:
        expect(page.locator(f"{QUIZ} [data-action=start]")).to_be_enabled()
        # quiz.css, linked from the page content, is applied too
        expect(page.locator(f"{QUIZ} [data-action=start]")).to_have_css("border-top-style", "solid")
        assert page.locator("[data-module=quiz]").count() == 1
        ids = start(page, "practice", size)
        assert len(ids) == size and page.locator(ROUND).count() == size
        assert page.locator(f"{QUIZ} form.pq-round").count() == 1
        first = f"{ROUND}[data-question-id='{ids[0]}']"
        choose(page, served_bank, ids[0], False)
        page.locator(f"{first} [data-action=check]").click()
        expect(page.locator(f"{first} .pq-feedback")).to_be_visible()
        expect(page.locator(f"{first} .pq-verdict")).to_have_count(1)
        q = served_bank["by_id"][ids[0]]
        chosen = page.locator(f"{first} .pq-options input:checked").evaluate_all("els => els.map(e => e.value)")
        # marked once, not once per handler: one note per option that is right or was chosen
        expect(page.locator(f"{first} .pq-note")).to_have_count(len(set(q["correct"]) | set(chosen)))
        expect(page.locator(f"{QUIZ} [data-part=status]")).to_have_text("Not quite.")
        submit_count = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORE_KEY}') || 'null')")
        page.locator(SUBMIT).click()
        page.locator(SUBMIT).click()
        expect(page.locator(SCORE)).to_be_visible()
        after = stored(page)
        before = len(submit_count["history"]) if submit_count else 0
        assert len(after["history"]) == before + 1, "one submit must record exactly one attempt"

    go("quiz/")
    check_once(3)
    go("definitions/")
    # Instant navigation changes the URL before it swaps the content: wait for the swap.
    expect(page.locator("article h1")).to_contain_text("Definitions")
    expect(page.locator("[data-module=quiz]")).to_have_count(0)
    go("quiz/")
    check_once(4)
    go("classify/")
    expect(page.locator("[data-module=classify][data-module-init] fieldset[data-question-id]")).to_have_count(1)
    page.go_back()
    expect(page).to_have_url(site_server.url("quiz/"))
    check_once(2)
    assert page.evaluate("() => window.__sameDocument === true")


def test_draw_is_stratified(page, site_server, served_bank):
    """The served draw(): every topic when size allows, per-topic minimums, no repeats, reviews first."""
    open_quiz(page, site_server)
    topics = topics_with_questions(served_bank)
    per_topic = served_bank["config"]["per_topic"]
    missed = [q["id"] for q in practice_pool(served_bank)[::7]][:10]
    sizes = [len(topics) - 3, len(topics), served_bank["config"]["size"], len(topics) + 5]
    runs = page.evaluate(
        """async ({url, questions, config, sizes, missed}) => {
        const {draw} = await import(url);
        return sizes.flatMap(size => Array.from({length: 60}, (_, i) => ({size, review: i % 2 ? missed : [],
          ids: draw(questions, size, config, i % 2 ? missed : []).map(q => q.id)})));
      }""",
        {
            "url": site_server.url("assets/quiz/draw.js"),
            "questions": practice_pool(served_bank),
            "config": served_bank["config"],
            "sizes": sizes,
            "missed": missed,
        },
    )
    for run in runs:
        size, ids = run["size"], run["ids"]
        drawn_topics = [served_bank["by_id"][q]["topic"] for q in ids]
        assert len(ids) == size == len(set(ids))
        assert len(set(drawn_topics) & topics) == min(size, len(topics)), run
        if size >= sum(per_topic.get(t, 1) for t in topics) and not run["review"]:
            for topic, minimum in per_topic.items():
                assert drawn_topics.count(topic) >= minimum, run
        head = [q for q in ids if q in run["review"]]
        assert ids[: len(head)] == head
        if run["review"] and size >= len(topics) + 5:
            assert head, "reviews must come back when there is room"

    # The page's own draw, through the form: every topic at the default size.
    for _ in range(3):
        ids = start(page, "practice")
        assert {served_bank["by_id"][q]["topic"] for q in ids} >= topics
        page.reload()
        expect(page.locator(f"{QUIZ} [data-action=start]")).to_be_enabled()


def test_practice_feedback_cites_sources_and_links_to_the_guide(page, site_server, served_bank):
    open_quiz(page, site_server)
    ids = start(page, "practice", 3)
    expect(page.locator(f"{QUIZ} [data-action=check]")).to_have_count(3)
    for i, qid in enumerate(ids[:2]):
        q = served_bank["by_id"][qid]
        fieldset = page.locator(f"{ROUND}[data-question-id='{qid}']")
        choose(page, served_bank, qid, right=bool(i))
        fieldset.locator("[data-action=check]").click()
        feedback = fieldset.locator(".pq-feedback")
        expect(feedback).to_be_visible()
        expect(feedback).to_be_focused()
        expect(fieldset).to_have_attribute("data-result", "right" if i else "wrong")
        expect(feedback.locator(".pq-verdict")).to_contain_text("Correct." if i else "Not quite.")
        expect(page.locator(f"{QUIZ} [data-part=status]")).to_have_text("Correct." if i else "Not quite.")
        expect(feedback).to_contain_text(q["explanation"])
        sources = feedback.locator(".pq-src a")
        expect(sources).to_have_count(len(q["sources"]))
        for n, sid in enumerate(q["sources"]):
            source = served_bank["sources"][sid]
            author = source["byline"]
            expect(sources.nth(n)).to_contain_text(author)
            expect(sources.nth(n)).to_contain_text(source["title"].strip("()"))
            assert sources.nth(n).get_attribute("href") == site_server.url(f"sources/{sid}/")
        more = feedback.locator("a.pq-more")
        assert more.get_attribute("href") == site_server.url(q["link"])
        assert_link_resolves(more.get_attribute("href"), site_server.base_url)
        # Locked once checked; the right options are said in words, not colour only.
        assert all(e.is_disabled() for e in fieldset.locator("input").all())
        expect(fieldset.locator(".pq-note").filter(has_text="correct")).to_have_count(len(q["correct"]))
        # ... and shown: the right options' frame is thicker than the others' (a style that once lost
        # to a more specific rule and never applied).
        widths = fieldset.locator(".pq-options .pq-option").evaluate_all(
            "els => els.map(e => [e.classList.contains('pq-right'), parseFloat(getComputedStyle(e).borderTopWidth)])"
        )
        right = {w for is_right, w in widths if is_right}
        others = {w for is_right, w in widths if not is_right}
        assert right and others and min(right) > max(others), widths
    # Unanswered: a warning first, then submitting anyway counts it as wrong.
    submit_button = page.locator(SUBMIT)
    submit_button.click()
    expect(page.locator(f"{QUIZ} [data-part=status]")).to_contain_text("not answered")
    expect(page.locator(SCORE)).to_have_count(0)
    submit_button.click()
    expect(page.locator(SCORE)).to_have_attribute("data-score", str(round(100 / 3)))
    expect(page.locator(f"{ROUND}[data-question-id='{ids[2]}'] .pq-verdict")).to_contain_text("Not answered")


def test_copy_summary(page, site_server, served_bank):
    open_quiz(page, site_server)
    start(page, "practice", size=4)
    ids = play(page, served_bank, lambda i, qid: i == 0)
    # A clipboard that works: the summary goes there.
    page.evaluate(
        "() => { window.__copied = []; navigator.clipboard.writeText = (t) => "
        "{ window.__copied.push(t); return Promise.resolve(); }; }"
    )
    page.locator(f"{QUIZ} [data-action=copy]").click()
    expect(page.locator(f"{QUIZ} [data-part=status]")).to_have_text("Summary copied.")
    copied = page.evaluate("() => window.__copied")
    assert len(copied) == 1
    text = copied[0]
    assert "Score: 25 % (1/4)" in text and "not passed" in text
    for topic, (correct, total, _) in result_topics(page).items():
        name = next(t["name"] for t in served_bank["topics"] if t["id"] == topic)
        assert f"| {correct}/{total} |" in text and name.split()[0] in text
    for qid in ids[1:]:
        assert site_server.url(f"quiz/study/#{qid}") in text
    assert site_server.url(f"quiz/study/#{ids[0]}") not in text
    # A clipboard that refuses: the same summary is shown, selected, in a read-only box.
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
    page.locator(f"{QUIZ} [data-action=copy]").click()
    box = page.locator(f"{QUIZ} [data-part=copy] textarea")
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    assert box.input_value() == text
    assert box.get_attribute("readonly") is not None


def test_print_stylesheet_keeps_the_result(page, site_server, served_bank):
    open_quiz(page, site_server)
    start(page, size=2)
    play(page, served_bank, lambda i, qid: True)
    page.emulate_media(media="print")
    expect(page.locator(SCORE)).to_be_visible()
    expect(page.locator(f"{QUIZ} .pq-result .pq-actions")).to_be_hidden()
    expect(page.locator(ROUND).first).to_be_visible()


def test_page_works_without_javascript_elsewhere(built_site):
    """The Markdown page carries the fallback: a noscript link to the study sheet, which exists."""
    html = (built_site / "quiz" / "index.html").read_text(encoding="utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)
    assert noscript and 'href="study/"' in noscript.group(1)
    assert (built_site / "quiz" / "study" / "index.html").is_file()
    assert re.search(r'<div class="pq" data-module="quiz"[^>]*\bhidden\b', html)
    # the page loads the bundle (quiz/bundle.py), once, and no module of its own
    assert html.count('src="../assets/quiz/quiz.min.js"') == 1 and html.count('href="../assets/quiz/quiz.min.css"') == 1
    assert 'src="../assets/quiz/quiz.js"' not in html and 'href="../assets/quiz/quiz.css"' not in html
    for page_name in ["index.html", "definitions/index.html"]:
        other = (built_site / page_name).read_text(encoding="utf-8")
        assert "quiz.min.js" not in other and "quiz.css" not in other


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_is_accessible(page, site_server, served_bank, scheme):
    page.emulate_media(color_scheme=scheme)
    open_quiz(page, site_server)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")

    def violations() -> list[dict]:
        run_axe(page, {"runOnly": ["wcag2a"]})  # injects axe-core once
        return page.evaluate("""async () => (await axe.run({include: [[".pq-wrap"]]},
            {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"], resultTypes: ["violations"]})).violations""")

    assert not (found := violations()), format_violations(found)
    ids = start(page, "practice", 4)
    choose(page, served_bank, ids[0], False)
    page.locator(f"{ROUND}[data-question-id='{ids[0]}'] [data-action=check]").click()
    choose(page, served_bank, ids[1], True)
    assert not (found := violations()), format_violations(found)
    submit_button = page.locator(SUBMIT)
    submit_button.click()
    submit_button.click()
    expect(page.locator(SCORE)).to_be_visible()
    page.mouse.move(0, 0)  # no hover state on whatever moved under the pointer
    assert not (found := violations()), format_violations(found)


def _tampered(served_bank: dict[str, Any]) -> list[dict[str, Any]]:
    """questions.json as someone might tamper with it: nulls, wrong types, missing fields, foreign links."""
    base = {k: v for k, v in served_bank.items() if k != "by_id"}
    first = base["questions"][0]

    def with_first(**changes: Any) -> dict[str, Any]:
        q = {**first, **changes}
        q = {k: v for k, v in q.items() if v is not ...}
        return {**base, "questions": [q, *base["questions"][1:]]}

    return [
        with_first(options=[None]),
        with_first(options=[None, None]),
        with_first(options="A, B"),
        with_first(correct=[7]),
        with_first(correct=["no-such-option"]),
        with_first(prompt=...),
        with_first(prompt=["not", "text"]),
        with_first(explanation=None),
        with_first(sources="nikolov"),
        with_first(link="javascript:alert(1)"),
        with_first(link="https://example.org/"),
        with_first(link="//example.org/x/"),
        {**base, "topics": [{"id": "x", "name": "X", "link": "javascript:alert(1)"}]},
        {**base, "questions": [None]},
        {**base, "questions": "everything"},
        {**base, "sources": {"nikolov": None}},
        {"questions": []},
        # issue #21: a quota of 1e9 made draw() loop to it after Start, hanging the page
        {**base, "config": {**base["config"], "per_topic": {"classification": 1e9}}},
        {**base, "config": {**base["config"], "assessment": {"size": 12, "per_topic": {"classification": 1e9}}}},
        with_first(feedback={"x": {"html": "<b>"}}),
    ]


@pytest.mark.parametrize("case", range(20))
def test_tampered_questions_show_the_load_message(page, site_server, served_bank, case):
    """A questions.json with wrong types or foreign links never throws: the page says it could not load."""
    data = _tampered(served_bank)[case]
    page.route(
        re.compile(r"/quiz/questions\.json$"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(data)),
    )
    page.goto(site_server.url("quiz/"))
    status = page.locator(f"{QUIZ} [data-part=status]")
    expect(status).to_contain_text("The questions could not be loaded")
    expect(page.locator(f"{QUIZ} [data-action=start]")).to_be_disabled()
    hrefs = page.locator(f"{QUIZ} a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert not [
        h
        for h in hrefs
        if (h and not h.startswith(site_server.base_url) and "://" in h) or (h or "").startswith("javascript")
    ]
    # The page fixture fails the test on any uncaught page error (a TypeError included).


def test_the_page_says_it_is_a_self_check(page, site_server, served_bank):
    open_quiz(page, site_server)
    expect(page.locator("article")).to_contain_text("This is a self-check, not an exam.")
    expect(page.locator("article")).to_contain_text(
        f"Assessment asks {served_bank['config']['assessment']['size']} questions"
    )
    # Each mode is its own list item (a whitespace-trimming tag once glued "Assessment" onto the practice item).
    modes = (
        page.locator("article li")
        .filter(has=page.locator("strong", has_text="Practice"))
        .or_(page.locator("article li").filter(has=page.locator("strong", has_text="Assessment")))
    )
    expect(modes).to_have_count(2)


def test_an_assessment_round_is_held_out_cases_and_teaches_in_the_review(page, site_server, served_bank):
    """Assessment mode: 12 held-out questions, one per case, mostly cases to classify, at most 2 asking a
    named source's reading; no feedback before submitting; then, for each wrong pick, the feedback for the
    option chosen (computed from the rules), and a summary that links none of them to the study sheet."""
    config = served_bank["config"]["assessment"]
    for attempt in range(3):
        open_quiz(page, site_server)
        ids = start(page)
        qs = [served_bank["by_id"][q] for q in ids]
        assert len(ids) == config["size"] and all(q["pool"] == "assessment" for q in qs)
        assert len({q["case"] for q in qs}) == len(qs), "one question per case"
        kinds, topics = [q["kind"] for q in qs], [q["topic"] for q in qs]
        assert topics.count("classification") >= config["per_topic"]["classification"] and kinds.count("reading") <= 2
        expect(page.locator(f"{QUIZ} [data-action=check]")).to_have_count(0)
        expect(page.locator(f"{ROUND} .pq-feedback").first).to_be_hidden()
        if attempt:
            page.reload()
            continue
        play(page, served_bank, lambda i, qid: i % 2 == 0)
        for i, q in enumerate(qs):
            fieldset = page.locator(f"{ROUND}[data-question-id='{q['id']}']")
            yours = fieldset.locator(".pq-yours")
            if i % 2:
                wrong = next(o for o in q["options"] if o["id"] not in q["correct"])
                expect(yours).to_contain_text(q["feedback"][wrong["id"]])
            else:
                expect(yours).to_have_count(0)
            expect(fieldset.locator(".pq-feedback")).to_contain_text(q["explanation"])
        page.evaluate(
            "() => { window.__copied = []; navigator.clipboard.writeText = (t) => "
            "{ window.__copied.push(t); return Promise.resolve(); }; }"
        )
        page.locator(f"{QUIZ} [data-action=copy]").click()
        text = page.evaluate("() => window.__copied")[0]
        assert "quiz/study/#" not in text and "Missed:" in text


def test_practice_shows_the_feedback_for_the_option_picked(page, site_server, served_bank):
    open_quiz(page, site_server)
    for _ in range(20):  # a practice round that holds a case question with feedback
        ids = start(page, "practice")
        cases = [q for q in ids if served_bank["by_id"][q].get("feedback")]
        if cases:
            break
        page.reload()
        expect(page.locator(f"{QUIZ} [data-action=start]")).to_be_enabled()
    q = served_bank["by_id"][cases[0]]
    fieldset = page.locator(f"{ROUND}[data-question-id='{q['id']}']")
    wrong = next(o for o in q["options"] if o["id"] not in q["correct"])
    fieldset.locator(f".pq-options input[value='{wrong['id']}']").check()
    fieldset.locator("[data-action=check]").click()
    expect(fieldset.locator(".pq-yours")).to_contain_text(q["feedback"][wrong["id"]])
