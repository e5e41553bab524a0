"""The classifier tool (/classify/) in real headless Chromium.

Every worked scenario of the knowledge base is answered through the tool's own questions; the
expected questions, outcome, rule and the sources' other readings come from generator.decision, never typed in.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from generator import decision
from generator.views import DecisionView
from support.browser import format_violations, open_page, run_axe
from support.widgets import QUESTION, RESULT, TOOL, answer_all, answer_step, open_tool, radio

pytestmark = pytest.mark.browser


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def code_of(d, asked: dict) -> str:
    """The ?a= code for these answers: y/n, a choice fact's option number (1-9), u for not sure, - unasked."""

    def letter(f):
        if f.id not in asked:
            return "-"
        v = asked[f.id]
        return "u" if v is None else ("y" if v else "n") if isinstance(v, bool) else str(f.values.index(v) + 1)

    return "".join(letter(f) for f in d.facts)


def test_every_scenario_gets_the_rules_outcome(page, site_server, kb):
    d = kb.decision
    assert kb.scenarios, "the knowledge base has no cases"
    names = {o.id: o.name for o in d.outcomes}
    guide = DecisionView(kb)
    with_alternatives = undecided = 0
    for scenario in kb.scenarios:
        v = decision.verdict(d, scenario.facts)
        expected_path = decision.path(d, scenario.facts)
        open_tool(page, site_server)
        asked = answer_all(page, scenario.facts, len(d.facts))

        result = page.locator(RESULT)
        assert asked == [fact for fact, _ in expected_path], scenario.id
        assert result.get_attribute("data-outcome") == (v.outcome or "undecided"), scenario.id
        assert result.get_attribute("data-rule") == (v.rule.id if v.rule else None), scenario.id
        expect(page.locator(RESULT + " h2")).to_be_focused()
        # The result is announced by its focused heading; the status line does not repeat it.
        expect(page.locator(f"{TOOL} [data-part=status]")).to_have_text("")
        expect(page.locator(f"{TOOL} :text('Outcome:')")).to_have_count(1 if v.outcome else 0)
        if v.outcome:
            expect(result.locator("h2")).to_contain_text(names[v.outcome])
            for rule in v.rules:
                expect(result).to_contain_text(rule.because)
            expect(result).to_contain_text(kb.outcome(v.outcome).next_step)
        else:
            undecided += 1
            expect(result.locator("h2")).to_have_text("Not decided yet")
            assert result.get_attribute("data-find-out") == v.find_out[0]
            first = next(f for f in d.facts if f.id == v.find_out[0])
            expect(result.locator(".pq-find-out")).to_contain_text(first.how_to_find_out)
            possible = result.locator(".pq-possible a[data-outcome]")
            assert possible.evaluate_all("els => els.map(e => e.dataset.outcome)") == list(v.outcomes)

        # The path of reasoning: each question asked, with its answer and its sources.
        steps = result.locator(".pq-path > li")
        expect(steps).to_have_count(len(expected_path))
        for i, (fact, value) in enumerate(expected_path):
            step = steps.nth(i)
            assert step.get_attribute("data-fact") == fact
            assert step.get_attribute("data-answer") == radio(value)
            expect(step).to_contain_text(next(f.question for f in d.facts if f.id == fact))
            cited = next(f for f in d.facts if f.id == fact).source_ids
            expect(step.locator(".pq-src a")).to_have_count(len(cited))

        # Signals, special cases and pitfalls that the deciding rules and outcomes attach.
        signals, cases, pitfalls = guide.notes([*v.rules, *(kb.outcome(o) for o in v.outcomes)])
        notes = result.locator(".pq-notes > li")
        assert notes.evaluate_all("els => els.map(e => e.dataset.note + ':' + e.dataset.id)") == (
            [f"signals:{s.id}" for s in signals]
            + [f"special_cases:{k.id}" for k in cases]
            + [f"pitfalls:{p.id}" for p in pitfalls]
        )

        # The sources' own readings, exactly where the tool's answers meet their tests and differ (or leave them open).
        alts = decision.readings_for(d, dict(expected_path))
        alternatives = result.locator(".pq-alternatives > li")
        expect(alternatives).to_have_count(len(alts))
        for i, shown in enumerate(alts):
            item, alt = alternatives.nth(i), shown.reading
            assert item.get_attribute("data-reading") == alt.id and item.get_attribute("data-status") == shown.status
            assert item.get_attribute("data-outcome") == alt.outcome
            assert item.get_attribute("data-source") == alt.source
            expect(item).to_contain_text(names[alt.outcome])
            if shown.status == "applies":
                expect(item).to_contain_text(alt.text)
                expect(item).to_contain_text(alt.answers)
                expect(item).to_contain_text(f"According to {kb.source(alt.source).byline}")
            else:
                for fid in shown.unknown:
                    expect(item).to_contain_text(next(f.question for f in d.facts if f.id == fid))
            href = item.locator("a").first.get_attribute("href")
            assert href == site_server.url(f"sources/{alt.source}/")
            assert item.locator("a").nth(1).get_attribute("href") == site_server.url(f"decision/#reading-{alt.id}")
        with_alternatives += bool(alts)
    assert with_alternatives, "no case exercises a rule with alternative readings"
    assert undecided, "no case is undecided"


def test_not_sure_is_offered_on_every_question_and_says_how_to_find_out(page, site_server, kb):
    """Answer "not sure" to everything: every question offers it, and the result says what to find out first."""
    d = kb.decision
    open_tool(page, site_server)
    known = {f.id: None for f in d.facts} | {d.facts[0].id: d.facts[0].values[0]}  # the sense the tests are about
    asked = answer_all(page, known, len(d.facts))
    assert asked == [f for f, _ in decision.path(d, known)]
    v = decision.verdict(d, dict(decision.path(d, known)))
    result = page.locator(RESULT)
    expect(result).to_have_attribute("data-outcome", "undecided")
    expect(result).to_have_attribute("data-find-out", v.find_out[0])
    open_tool(page, site_server)
    for _ in range(len(d.facts)):
        if page.locator(RESULT).count():
            break
        fact = next(f for f in d.facts if f.id == page.locator(QUESTION).get_attribute("data-question-id"))
        unsure = page.locator(f"{QUESTION} input[value=unknown]")
        expect(unsure).to_have_count(1)
        expect(page.locator(f"{QUESTION} label[for=pq-fact-unknown]")).to_contain_text("Not sure")
        expect(page.locator(f"{QUESTION} label[for=pq-fact-unknown]")).to_contain_text(fact.how_to_find_out)
        answer_step(page, radio(known[fact.id]))


def test_scope_exit_cites_the_source_that_excludes_the_sense(page, site_server, kb):
    d = kb.decision
    first = d.facts[0]
    v = decision.verdict(d, {first.id: "co_owner"})
    open_tool(page, site_server)
    assert page.locator(QUESTION).get_attribute("data-question-id") == first.id
    asked = answer_all(page, {first.id: "co_owner"}, 1)
    assert asked == [first.id]
    result = page.locator(RESULT)
    expect(result).to_have_attribute("data-outcome", v.outcome)
    expect(result).to_have_attribute("data-rule", v.rule.id)
    hrefs = result.locator(".pq-because .pq-src a").evaluate_all("els => els.map(a => a.href)")
    assert hrefs == [site_server.url(f"sources/{s}/") for s in v.rule.source_ids] and "colormetrix" in v.rule.source_ids


def test_answers_live_in_the_url_and_a_link_restores_the_result(page, browser, site_server, kb):
    d = kb.decision
    case = next(sc for sc in kb.scenarios if decision.verdict(d, sc.facts).outcome is None)
    open_tool(page, site_server)
    answer_all(page, case.facts, len(d.facts))
    outcome = page.locator(RESULT).get_attribute("data-outcome")
    steps = page.locator(f"{RESULT} .pq-path > li").evaluate_all(
        "els => els.map(e => e.dataset.fact + e.dataset.answer)"
    )
    link = page.url
    asked = dict(decision.path(d, case.facts))
    code = code_of(d, asked)
    assert f"a={code}" in link
    # A colleague opens the link in another browser: the same result, the same path.
    with open_page(browser, site_server.origin) as other:
        other.goto(link)
        expect(other.locator(RESULT)).to_have_attribute("data-outcome", outcome)
        assert (
            other.locator(f"{RESULT} .pq-path > li").evaluate_all(
                "els => els.map(e => e.dataset.fact + e.dataset.answer)"
            )
            == steps
        )
        # Back from the result keeps the URL in step with the answers.
        other.locator(f"{RESULT} button[data-action=back]").click()
        expect(other.locator(QUESTION)).to_have_attribute("data-question-id", list(asked)[-1])
        assert f"a={code}" not in other.url
    # A tampered code is ignored, never trusted: the tool starts at question 1.
    page.goto(site_server.url("classify/") + "?a=%3Cscript%3E&d=zz")
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", d.facts[0].id)


def test_another_party_of_the_same_deal(page, site_server, kb):
    d = kb.decision
    deal = next(sc.deal for sc in kb.scenarios if sc.deal)
    first, second = [sc for sc in kb.scenarios if sc.deal == deal][:2]
    names = {o.id: o.name for o in d.outcomes}
    open_tool(page, site_server)
    answer_all(page, first.facts, len(d.facts))
    page.locator(f"{RESULT} button[data-action=party]").click()
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", d.facts[0].id)
    expect(page.locator(f"{TOOL} .pq-parties > li")).to_have_count(1)
    expect(page.locator(f"{TOOL} .pq-parties > li").first).to_contain_text(
        names[decision.verdict(d, first.facts).outcome]
    )
    answer_all(page, second.facts, len(d.facts))
    expect(page.locator(RESULT)).to_have_attribute("data-outcome", decision.verdict(d, second.facts).outcome)
    parties = page.locator(f"{RESULT} .pq-parties > li")
    expect(parties).to_have_count(1)
    assert "d=" in page.url and "a=" in page.url
    # The earlier party's link reopens it, keeping this one in the deal.
    parties.first.locator("a").click()
    expect(page.locator(RESULT)).to_have_attribute("data-outcome", decision.verdict(d, first.facts).outcome)
    expect(page.locator(f"{RESULT} .pq-parties > li")).to_contain_text(names[decision.verdict(d, second.facts).outcome])


def test_result_shows_the_playbook_and_links_that_resolve(page, site_server, kb):
    """What to do next: the outcome's plays in the playbook's aspect order; every link on the result works."""
    d = kb.decision
    facts = kb.scenarios[0].facts
    rule = decision.classify(d, facts)
    plays = {p.aspect: p for p in kb.playbook.plays if p.outcome == rule.outcome}
    aspects = [a for a in kb.playbook.aspects if a.id in plays]
    open_tool(page, site_server)
    answer_all(page, facts, len(d.facts))
    items = page.locator(f"{RESULT} .pq-plays > li")
    expect(items).to_have_count(len(aspects))
    for i, aspect in enumerate(aspects):
        expect(items.nth(i)).to_contain_text(aspect.name)
        expect(items.nth(i)).to_contain_text(plays[aspect.id].text)

    hrefs = page.locator(f"{RESULT} a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs
    for href in dict.fromkeys(hrefs):
        assert href.startswith(site_server.base_url), href
        url, _, anchor = href.partition("#")
        status, html = fetch(url)
        assert status == 200, href
        if anchor:
            assert re.search(rf'id="{re.escape(anchor)}"', html), href


def test_back_and_start_over(page, site_server, kb):
    d = kb.decision
    facts = kb.scenarios[0].facts
    expected = decision.path(d, facts)
    assert len(expected) >= 2, "needs a scenario with at least two questions"
    open_tool(page, site_server)
    first, second = expected[0][0], expected[1][0]
    page.locator(f"{QUESTION} input[value={radio(facts[first])}]").check()
    page.locator(f"{TOOL} button[type=submit]").click()
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", second)
    expect(page.locator(f"{TOOL} .pq-path > li")).to_have_count(1)

    page.locator(f"{TOOL} button[data-action=back]").click()
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", first)
    expect(page.locator(f"{QUESTION} input[value={radio(facts[first])}]")).to_be_checked()
    expect(page.locator(f"{TOOL} .pq-step-title")).to_be_focused()

    answer_all(page, facts, len(d.facts))
    expect(page.locator(RESULT)).to_have_attribute("data-outcome", decision.classify(d, facts).outcome)
    page.locator(f"{RESULT} button[data-action=back]").click()
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", expected[-1][0])
    page.locator(f"{TOOL} button[data-action=restart]").click()
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", decision.next_question(d, {}))
    expect(page.locator(f"{TOOL} .pq-path")).to_have_count(0)
    expect(page.locator(f"{TOOL} [data-part=result]")).to_be_hidden()


def test_no_answer_is_refused_without_losing_the_question(page, site_server, kb):
    open_tool(page, site_server)
    first = decision.next_question(kb.decision, {})
    page.locator(f"{TOOL} button[type=submit]").click()
    expect(page.locator(f"{TOOL} [data-part=status]")).to_have_text("Choose an answer (or not sure) first.")
    expect(page.locator(QUESTION)).to_have_attribute("data-question-id", first)
    expect(page.locator(f"{QUESTION} input").first).to_be_focused()


def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page, site_server, kb):
    """Tab into the radio group, Space (the first answer) or arrow keys (the others), Tab to Next, Enter: no mouse needed."""
    d = kb.decision
    facts = next(s.facts for s in kb.scenarios if len(decision.path(d, s.facts)) >= 3)
    open_tool(page, site_server)
    asked = []
    for _ in range(len(d.facts) + 1):
        if page.locator(RESULT).count():
            break
        fact = page.locator(QUESTION).get_attribute("data-question-id")
        asked.append(fact)
        tab_to(page, ".pq input[type=radio]")
        values = next(f.values for f in d.facts if f.id == fact)
        assert page.evaluate("() => document.activeElement.value") == radio(values[0])  # first in the group
        index = len(values) if facts[fact] is None else values.index(facts[fact])
        for key in ["Space"] if index == 0 else ["ArrowDown"] * index:
            page.keyboard.press(key)
        expect(page.locator(f"{QUESTION} input[value={radio(facts[fact])}]")).to_be_checked()
        tab_to(page, ".pq button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator(f"{QUESTION}[data-question-id={fact}]")).to_have_count(0)
        if not page.locator(RESULT).count():
            expect(page.locator(f"{TOOL} .pq-step-title")).to_be_focused()
    assert asked == [fact for fact, _ in decision.path(d, facts)]
    expect(page.locator(RESULT)).to_have_attribute("data-outcome", decision.classify(d, facts).outcome)
    expect(page.locator(RESULT + " h2")).to_be_focused()


def widget_violations(page: Page) -> list[dict]:
    """axe-core (WCAG 2.1 A/AA) on the tool itself; the theme around it is tested with the guide's pages."""
    run_axe(page, {"runOnly": ["wcag2a"], "rules": {}})  # injects axe-core once
    return page.evaluate("""async () => (await axe.run({include: [[".pq-wrap"]]},
        {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"], resultTypes: ["violations"]})).violations""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tool_is_accessible(page, site_server, kb, scheme):
    page.emulate_media(color_scheme=scheme)
    open_tool(page, site_server)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    violations = widget_violations(page)
    assert not violations, format_violations(violations)
    facts = next(
        s.facts for s in kb.scenarios if decision.readings_for(kb.decision, dict(decision.path(kb.decision, s.facts)))
    )
    answer_all(page, facts, len(kb.decision.facts))
    violations = widget_violations(page)
    assert not violations, format_violations(violations)


def test_rules_json_is_what_the_tool_reads(site_server):
    """The tool reads rules.json from the site root's quiz/ folder - under the sub-path, not the host root."""
    status, text = fetch(site_server.url("quiz/rules.json"))
    assert status == 200
    assert json.loads(text)["rules"]


@pytest.mark.parametrize("tamper", ["fact-link", "rule-when", "outcome-notes", "facts-null"])
def test_tampered_rules_show_the_load_message(page, site_server, tamper):
    """A rules.json with foreign links or wrong types never throws and never becomes a link."""
    _status, text = fetch(site_server.url("quiz/rules.json"))
    data = json.loads(text)
    if tamper == "fact-link":
        data["facts"][0]["link"] = "javascript:alert(1)"
    elif tamper == "rule-when":
        data["rules"][0]["when"] = {data["facts"][0]["id"]: "maybe"}
    elif tamper == "outcome-notes":
        data["outcomes"][0]["notes"] = None
    else:
        data["facts"] = [None]
    page.route(
        re.compile(r"/quiz/rules\.json$"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(data)),
    )
    page.goto(site_server.url("classify/"))
    expect(page.locator(f"{TOOL} [data-part=status]")).to_contain_text("The decision rules could not be loaded")
    expect(page.locator(f"{TOOL} fieldset")).to_have_count(0)
    assert not page.locator(f"{TOOL} a[href^='javascript']").count()
