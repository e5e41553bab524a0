"""The decision page (questions, rules, outcomes, flowchart) and the scenarios page, whose outcomes
are computed from the rules (tiny fixture knowledge base, the cases classified by hand here)."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import Impossible, KnowledgeBase, Notes
from generator.pages import render_pages
from support.hostile import inert
from support.pages import (
    check_cited,
    section,
)


def test_decision_questions_and_probing(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["decision.md"]
    assert section(page, "fact-sells_ours").startswith(
        "### Q1. Do they earn by selling our product to their own clients? { #fact-sells_ours }"
    )
    assert section(page, "fact-pays_us").startswith("### Q2. Do they pay us? { #fact-pays_us }")
    for f in tiny.decision.facts:
        text = section(page, f"fact-{f.id}")
        for value in (f.question, f.help, f.yes, f.no, f.how_to_find_out):
            assert inert(value) in text
        assert ("Probing question" in text) == f.probing
        check_cited(text, f)
    probing = page[page.index("{ #probing-questions }") : page.index("{ #rules }")]
    assert "(#fact-sells_ours) | Not a reseller. [Guide's synthesis](about.md#synthesis)" in probing
    assert "(#fact-pays_us)" not in probing
    for f in tiny.decision.facts:  # where to find out is always the guide's advice, and says so
        assert f"- **Not sure?** {inert(f.how_to_find_out)} [Guide's synthesis](about.md#synthesis)" in section(
            page, f"fact-{f.id}"
        )
    without = replace(
        tiny, decision=replace(tiny.decision, facts=[replace(f, if_no=None) for f in tiny.decision.facts])
    )
    assert "No follow-up: go on to the next question." in render_pages(without)["decision.md"]


def test_decision_rules_table(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["decision.md"]
    d = tiny.decision
    shown = {
        True: ">Yes<",
        False: ">No<",
        None: ">any<",
        "directly": ">Directly<",
        "via_dealer": ">Through a dealer<",
        "nothing": ">Nothing<",
    }
    for r in d.rules:
        row = section(page, f"rule-{r.id}").splitlines()[0]
        assert row.startswith("| ") and row.endswith(" |"), "one table row per rule"
        cells = row.strip().strip("|").split(" | ")
        for f, cell in zip(d.facts, cells[: len(d.facts)]):
            wanted = r.when.get(f.id)
            assert all(shown[w] in cell for w in (wanted if isinstance(wanted, list) else [wanted])), (
                f"rule {r.id}, {f.id}: {cell}"
            )
        last = cells[len(d.facts)]
        assert f"(#outcome-{r.outcome})" in last and inert(r.because) in last and f"`{r.id}`" in last
        assert ("(#reading-" in last) == (r.id == "paying-reseller"), "a rule links the readings that dispute it"
        check_cited(last, r)
    paying = section(page, "rule-paying-reseller").splitlines()[0]
    assert (
        '<span class="poc-answer poc-answer--option">Directly</span> or '
        '<span class="poc-answer poc-answer--option">Through a dealer</span>'
    ) in paying, "a list reads 'a or b'"
    no_sale = replace(d.rules[3], when={"sells_ours": False})  # a fact a rule does not name reads "any"
    row = section(
        render_pages(replace(tiny, decision=replace(d, rules=[*d.rules[:2], no_sale])))["decision.md"], "rule-bystander"
    )
    assert row.count('<span class="poc-any">any</span>') == 1 and ">No<" in row


def test_decision_alternatives_and_outcomes(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["decision.md"]
    alternatives = page[page.index("{ #alternatives }") : page.index("{ #outcomes }")]
    ben = section(page, "reading-ben-payer")
    assert ben.startswith("### Ben: Customer { #reading-ben-payer }")
    assert (
        '**Their test:** [Q2. Do they pay us?](#fact-pays_us) <span class="poc-answer poc-answer--option">Directly'
        '</span> or <span class="poc-answer poc-answer--option">Through a dealer</span>'
    ) in ben
    assert (
        "**The question this label answers:** Do they pay us?" in ben
        and "**Their reading:** Whoever pays is a customer." in ben
    )
    # Ben's test meets the customer rule too, but there it agrees: only the rule it disputes is listed.
    assert (
        "**Where the rules say otherwise:** [rule `paying-reseller`](#rule-paying-reseller) ([Reseller and customer](#outcome-both))"
        in ben
    )
    assert "[Ben, *Partners are customers too*, line&nbsp;3](sources/ben.md#line-3)" in ben
    assert alternatives.count("{ #reading-") == 1
    assert "[Ben differs](#reading-ben-payer)" in section(page, "rule-paying-reseller")
    assert "differs](" not in section(page, "rule-customer")
    reached = {
        o.id: re.findall(r"\[rule `([a-z-]+)`\]", section(page, f"outcome-{o.id}")) for o in tiny.decision.outcomes
    }
    assert reached == {
        "customer": ["customer"],
        "reseller": ["reseller"],
        "both": ["paying-reseller"],
        "bystander": ["bystander"],
    }
    for o in tiny.decision.outcomes:
        text = section(page, f"outcome-{o.id}")
        assert inert(o.name) in text and inert(o.summary) in text and inert(o.next_step) in text
        assert f"(playbook.md#{o.id})" in text
        assert (f"**Next step:** {inert(o.next_step)} [Guide's synthesis]" in text) == o.next_step_synthesis
        check_cited(text, o)
    reseller = section(page, "outcome-reseller")  # its notes, and the kind that lands on it
    assert "**Described in:** [Reseller](kinds.md#reseller)" in reseller
    assert (
        "(decision.md#signal-what-they-sell)" in reseller and "(pitfalls.md#taking-resellers-for-granted)" in reseller
    )
    assert "(kinds.md#free-rider)" in section(page, "outcome-bystander")
    assert "Listed with this result" not in section(page, "outcome-customer")
    assert "- None are declared." in page[page.index("{ #impossible }") :]
    assert "The knowledge base says nothing about deals with several parties." in section(page, "parties")


BRANCH_LABELS = {
    True: "Yes",
    False: "No",
    "directly": "Directly or Through a dealer",
    "via_dealer": "Directly or Through a dealer",
    "nothing": "Nothing",
}


def _walk(tree_html: str, answers: dict) -> str:
    """Follow the drawn flowchart (nested <ul>) for one set of answers; return the rule id reached."""
    node = tree_html
    while True:
        question = re.match(
            r'\s*<li class="poc-flow__item">\s*(?:<span[^>]*>[^<]*</span>\s*)?'
            r'<a class="poc-flow__question" href="#fact-([a-z0-9_-]+)">',
            node,
        )
        if question is None:
            return re.search(r'href="#rule-([a-z0-9_-]+)"', node.split("</li>")[0]).group(1)
        # children: the <ul> right after the question; split into its top-level <li>, one per branch
        body = node[node.index('<ul class="poc-flow__branches">') + len('<ul class="poc-flow__branches">') :]
        depth, i, items, start = 0, 0, [], 0
        while not (depth == 0 and body.startswith("</ul>", i)):
            if body.startswith("<li", i):
                if depth == 0:
                    start = i
                depth += 1
            elif body.startswith("</li>", i):
                depth -= 1
                if depth == 0:
                    items.append(body[start : i + 5])
            i += 1
        label = f">{BRANCH_LABELS[answers[question.group(1)]]}</span>"
        node = next(item for item in items if label in item.split("<a")[0])


def test_flowchart_is_drawn_from_the_rules(tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["decision.md"]
    chart = page[
        page.index('<ul class="poc-flow__tree">') + len('<ul class="poc-flow__tree">') : page.index("</figure>")
    ]
    assert "\n\n" not in chart, "a blank line would end the raw HTML block"
    # The tiny rules, read off decision.yml: one rule per combination of the two answers.
    for sells, pays, rule in [
        (True, "directly", "paying-reseller"),
        (True, "via_dealer", "paying-reseller"),
        (True, "nothing", "reseller"),
        (False, "directly", "customer"),
        (False, "via_dealer", "customer"),
        (False, "nothing", "bystander"),
    ]:
        assert _walk(chart, {"sells_ours": sells, "pays_us": pays}) == rule
    assert "2 questions at most on any path, 4 end points" in page


SCENARIOS = {  # the tiny cases, classified by hand from scenarios.yml and the four rules
    "bookshop": ("customer", "customer", [("1", "no", ""), ("2", "option", "Directly")]),
    "dealer": ("reseller", "reseller", [("1", "yes", ""), ("2", "option", "Nothing")]),
    "dealer-with-support": ("both", "paying-reseller", [("1", "yes", ""), ("2", "option", "Directly")]),
    "visitor": ("bystander", "bystander", [("1", "no", ""), ("2", "option", "Nothing")]),
    "new-account": (None, None, [("1", "unknown", ""), ("2", "option", "Directly")]),
}


def test_scenarios_show_the_computed_outcome(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["scenarios.md"]
    answer = {True: ">Yes<", False: ">No<", None: ">Not known<", "directly": ">Directly<", "nothing": ">Nothing<"}
    assert [sc.id for sc in tiny.scenarios] == list(SCENARIOS)
    for sc in tiny.scenarios:
        outcome, rule, path = SCENARIOS[sc.id]
        text = section(page, sc.id)
        if outcome is not None:
            found = re.search(r"\*\*Outcome:\*\* \[[^\]]*\]\(decision\.md#outcome-([a-z0-9_-]+)\)", text)
            assert found is not None and found.group(1) == outcome, sc.id
            assert f"by rule [`{rule}`](decision.md#rule-{rule})" in text
            assert f"[What to do next](playbook.md#{outcome})" in text
        assert inert(sc.story) in text and inert(sc.reasoning) in text
        lines = [line.strip() for line in text.splitlines()]  # the reading is an indented details block
        answers = [line for line in lines if line.startswith("- [Q")]
        assert len(answers) == 2
        for number, (fact, line) in enumerate(zip(("sells_ours", "pays_us"), answers, strict=True), 1):
            assert line.startswith(f"- [Q{number}. ") and f"(decision.md#fact-{fact})" in line
            assert answer[sc.facts[fact]] in line
        path_line = next(line for line in lines if line.startswith("**The path"))
        assert [
            (n, kind, text if kind == "option" else "")
            for n, kind, text in re.findall(
                r"Q(\d+) <span class=\"poc-answer poc-answer--(yes|no|unknown|option)\">([^<]*)<", path_line
            )
        ] == path
        assert "not needed" not in path_line
        check_cited(text, sc)
    undecided = section(page, "new-account")
    assert (
        "**Undecided:** it could be [Customer](decision.md#outcome-customer), "
        "[Reseller and customer](decision.md#outcome-both)." in undecided
    )
    assert (
        "**Find out first:** [Do they earn by selling our product to their own clients?]"
        "(decision.md#fact-sells_ours) — Read the contract." in undecided
    )
    # What else applies: the notes of the deciding rule and outcome, and where the sources differ.
    dealer = section(page, "dealer")
    assert "(decision.md#signal-what-they-sell)" in dealer and "(pitfalls.md#taking-resellers-for-granted)" in dealer
    assert "(kinds.md#free-rider)" in section(page, "visitor")
    assert "**Also applies:**" not in section(page, "bookshop")
    both = section(page, "dealer-with-support")
    assert (
        "- Ben would call this [Customer](decision.md#outcome-customer) — answering “Do they pay us?” ([their test]"
        "(decision.md#reading-ben-payer)): Whoever pays is a customer."
    ) in both
    assert "Where the sources would differ" not in section(page, "bookshop"), "Ben agrees with the rules there"
    assert "Where the sources would differ" not in dealer


def test_a_question_the_rules_never_ask_is_not_needed(tiny: KnowledgeBase) -> None:
    """With one rule for everyone who sells, a seller's payment is never asked."""
    d = tiny.decision
    sells = replace(d.rules[1], when={"sells_ours": True})
    variant = replace(tiny, decision=replace(d, rules=[sells, *d.rules[2:]]))
    path_line = next(
        line.strip()
        for line in section(render_pages(variant)["scenarios.md"], "dealer-with-support").splitlines()
        if line.strip().startswith("**The path")
    )
    assert path_line.endswith("**Reseller** — Q2 not needed")


def test_scenario_outcomes_ignore_expect(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    """`expect` is the author's guess; the page must come from the rules alone."""
    wrong = {
        "customer": "bystander",
        "reseller": "customer",
        "both": "reseller",
        "bystander": "both",
        "undecided": "customer",
    }
    for guessed in (None, "wrong"):
        scenarios = [
            replace(s, expect=None if guessed is None else wrong[s.expect or "undecided"]) for s in tiny.scenarios
        ]
        assert render_pages(replace(tiny, scenarios=scenarios))["scenarios.md"] == tiny_pages["scenarios.md"]


def test_deals_with_several_parties(tiny: KnowledgeBase) -> None:
    """Cases sharing a deal are listed together above the cases; a deal of one case is not a deal."""
    dealer, support = tiny.scenarios[1], tiny.scenarios[2]
    variant = replace(
        tiny,
        scenarios=[
            tiny.scenarios[0],
            replace(dealer, deal="licences", party="the dealer"),
            replace(support, deal="licences"),
            replace(tiny.scenarios[3], deal="alone"),
            tiny.scenarios[4],
        ],
    )
    page = render_pages(variant)["scenarios.md"]
    assert "[The dealer](#dealer), [The dealer who buys support](#dealer-with-support)." in page
    assert "*Party of the deal:* the dealer\n" in section(page, "dealer")
    assert "Party of the deal" not in section(page, "dealer-with-support")
    assert "(decision.md#parties)" in page and "(#visitor)" not in page
    assert "Some deals involve several parties" not in render_pages(tiny)["scenarios.md"]


def test_a_rules_notes_and_impossible_combinations(tiny: KnowledgeBase) -> None:
    """No tiny rule has notes and no combination is impossible: a variant adds both. A rule's notes
    are listed with its outcome and with every case it decides."""
    d = tiny.decision
    customer = replace(d.rules[2], notes=Notes(pitfalls=["counting-free-users"]))
    impossible = Impossible(when={"sells_ours": True, "pays_us": True}, why="No firm <does> both.")
    variant = replace(tiny, decision=replace(d, rules=[*d.rules[:2], customer, d.rules[3]], impossible=[impossible]))
    tiny_pages = render_pages(variant)
    assert "- **Pitfall — [Counting free users](pitfalls.md#counting-free-users)**" in section(
        tiny_pages["scenarios.md"], "bookshop"
    )
    assert "(pitfalls.md#counting-free-users)" in section(tiny_pages["decision.md"], "outcome-customer")
    assert "(pitfalls.md#counting-free-users)" not in section(tiny_pages["scenarios.md"], "dealer")
    listed = tiny_pages["decision.md"][tiny_pages["decision.md"].index("{ #impossible }") :]
    assert (
        "- [Q1. Do they earn by selling our product to their own clients?](#fact-sells_ours) "
        '<span class="poc-answer poc-answer--yes">Yes</span> and [Q2. Do they pay us?](#fact-pays_us) '
        '<span class="poc-answer poc-answer--yes">Yes</span>: No firm &#60;does&#62; both.'
    ) in listed
