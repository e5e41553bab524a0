"""The guide's own pages — definitions, comparison, kinds, debate, playbook, pitfalls, glossary and
first-week checklists — show every knowledge-base item with its citations (tiny fixture knowledge
base, expected values counted from its YAML)."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import KnowledgeBase, Outcome
from generator.pages import render_pages
from generator.views import first_week_title
from support.hostile import inert
from support.pages import (
    check_cited,
    debate_rows,
    section,
)


def test_definitions(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["definitions.md"]
    table = page[page.index("{ #side-by-side }") : page.index("{ #customer }")]
    # One row per source; Ben defines no partner.
    assert [re.findall(r"\(#([a-z-]+)\)", line) for line in table.splitlines() if line.startswith("| [")] == [
        ["ada-customer", "ada-partner"],
        ["ben-customer"],
        ["cy-customer", "cy-partner"],
    ]
    assert (
        '| [Ben](sources/ben.md) | [any paying firm](#ben-customer) { data-label="Customer" } | (none given)' in table
    )
    customers = page[page.index("{ #customer }") : page.index("{ #partner }")]
    assert re.findall(r"\{ #([a-z]+-[a-z]+) \}", customers) == ["ada-customer", "ben-customer", "cy-customer"]
    for x in tiny.definitions:
        text = section(page, x.id)
        assert inert(x.text) in text and inert(x.sense) in text
        check_cited(text, x)
        if x.quote:
            assert f"> {inert(x.quote.text)}" in text
            assert f"line&nbsp;{x.quote.line}](sources/{x.source}.md#line-{x.quote.line})" in text
        row = next(line for line in table.splitlines() if f"(sources/{x.source}.md)" in line)
        customer_cell, partner_cell = row.split(" | ")[1:3]
        assert f"(#{x.id})" in (customer_cell if x.term == "customer" else partner_cell)
        term_section = page[page.index(f"{{ #{x.term} }}") :]
        assert f"{{ #{x.id} }}" in term_section
    excluded = page[page.index("{ #excluded-senses }") :]
    assert re.findall(r"\(#([a-z]+-[a-z]+)\)", excluded) == ["ada-partner"]  # the one definition that rules out
    line = next(line for line in excluded.splitlines() if "(#ada-partner)" in line)
    assert line == "- **Ada** (partner, [reseller](#ada-partner)): Someone who pays nothing is no customer at all."
    check_cited(excluded[excluded.index(line) :].split("\n- ")[0], tiny.definitions[1])


def test_comparison(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    """One table, rendered once (a phone restyles it as cards): each row carries the dimension's
    name, what it is about and both sides with their citations, and is the dimension's anchor."""
    page = tiny_pages["comparison.md"]
    table = page[page.index("{ #table }") :]
    rows = [line for line in table.splitlines() if line.startswith("| **")]
    assert [re.match(r"\| \*\*(.*?)\*\*", row).group(1) for row in rows] == ["Who pays whom", "What you measure"]
    for dim, row in zip(tiny.dimensions, rows, strict=True):
        cells = row.split(" | ")
        assert cells[0].startswith(f"| **{inert(dim.name)}**") and inert(dim.summary) in cells[0]
        assert cells[0].endswith(f"{{ #{dim.id} }}")
        for cell, side, label in zip(cells[1:3], (dim.customer, dim.partner), ("Customer", "Partner")):
            assert inert(side.text) in cell and cell.rstrip(" |").endswith(f'{{ data-label="{label}" }}')
            check_cited(cell, side)
    assert 'What they pay you.<br><span class="poc-cite">[Guide\'s synthesis](about.md#synthesis)' in rows[1]
    assert "[Ada l.&nbsp;3](sources/ada.md#line-3)" in rows[0]  # the short form of a citation, in a table
    for dim in tiny.dimensions:  # the dimensions are not repeated one by one below the table
        assert page.count(str(inert(dim.customer.text))) == 1


def test_kinds(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["kinds.md"]
    special = page.index("{ #special-cases }")
    assert page.index("{ #reseller }") < special < page.index("{ #free-rider }") < page.index("{ #goal-sharer }")
    for kinds in (tiny.partner_kinds, tiny.special_cases):
        for k in kinds:
            text = section(page, k.id)
            assert inert(k.name) in text and inert(k.description) in text
            check_also_called(text, k.also_called)
            for example in k.examples:
                assert f"- {inert(example)}" in text
            assert ("(decision.md#outcome-" in text) == (k.outcome is not None)
            if k.outcome:
                assert f"(decision.md#outcome-{k.outcome})" in text and f"(playbook.md#{k.outcome})" in text
            check_cited(text, k)
    reseller = section(page, "reseller")
    assert "Also called: dealer</span>" in reseller and "- a software reseller" in reseller
    assert "(decision.md#outcome-" not in section(page, "goal-sharer")  # a special case without an outcome


def test_debate(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["debate.md"]
    d = tiny.debate
    assert page.startswith("# Is a partner a customer?\n") and "The three sources disagree." in page
    matrix = page[page.index("{ #positions }") : page.index("{ #by-source }")]
    header = next(line for line in matrix.splitlines() if line.startswith("| Source"))
    assert [c.strip() for c in header.strip("| ").split(" | ")][1:] == [
        "Sometimes — a firm can be both",
        "Yes — whoever pays is a customer",
        "No — a partner is never a customer",
    ]
    assert debate_rows(page) == [
        ("[Ada](#ada)", [True, False, False]),
        ("[Ben](#ben)", [False, True, False]),
        ("[Cy](#cy)", [False, False, True]),
    ]
    labels = {p.id: p.label for p in d.positions}
    for st in d.stances:
        text = page[page.index(f"{{ #{st.source} }}") :]
        text = text[: text.index("\n### ")] if "\n### " in text else text[: text.index("{ #synthesis }")]
        assert f"**Position: {inert(labels[st.position])}**" in text and inert(st.argument) in text
        if st.quote:
            assert f"> {inert(st.quote.text)}" in text
        check_cited(text, st)
    synthesis = page[page.index("{ #synthesis }") :]
    assert inert(d.synthesis_note) in synthesis and "(about.md#synthesis)" in synthesis
    assert "!!! note" in synthesis


def test_debate_rows_follow_the_stances_then_the_silent_sources(tiny: KnowledgeBase) -> None:
    """Rows in the order of the stances (not of sources.yml), then the sources that take no position,
    which link to their source page; a source may take two positions."""
    ada, _, cy = tiny.debate.stances
    stances = [cy, ada, replace(ada, position="never")]
    page = render_pages(replace(tiny, debate=replace(tiny.debate, stances=stances)))["debate.md"]
    assert debate_rows(page) == [
        ("[Cy](#cy)", [False, False, True]),
        ("[Ada](#ada)", [True, False, True]),
        ("[Ben](sources/ben.md) (takes no position)", [False, False, False]),
    ]
    assert "{ #ben }" not in page


def test_playbook(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    page = tiny_pages["playbook.md"]
    outcomes = tiny.decision.outcomes
    matrix = page[page.index("{ #matrix }") : page.index("</div>")]
    header = next(line for line in matrix.splitlines() if line.startswith("| What you do | "))
    assert re.findall(r"\]\(#([a-z]+)\)", header) == ["customer", "reseller", "both", "bystander"]
    rows = [line for line in matrix.splitlines() if line.startswith("| **")]
    assert [re.search(r"\{ #([a-z]+) \}", row).group(1) for row in rows] == ["win", "measure"]
    for a in tiny.playbook.aspects:
        row = next(line for line in matrix.splitlines() if f"{{ #{a.id} }}" in line)
        cells = row.strip().strip("|").split(" | ")[1:]
        for o, cell in zip(outcomes, cells, strict=True):
            plays = [p for p in tiny.playbook.plays if p.outcome == o.id and p.aspect == a.id]
            assert len(plays) == 1
            assert inert(plays[0].text) in cell and cell.rstrip().endswith(f'{{ data-label="{inert(o.name)}" }}')
            check_cited(cell, plays[0])
    for o in outcomes:
        text = page[page.index(f"{{ #{o.id} }}\n") :]
        nxt = [text.index(f"{{ #{x.id} }}\n") for x in outcomes if x.id != o.id and f"{{ #{x.id} }}\n" in text]
        text = text[: min(nxt)] if nxt else text
        for p in tiny.playbook.plays:
            assert (inert(p.text) in text) == (p.outcome == o.id)
            if p.outcome == o.id:
                item = text[text.index(inert(p.text)) :].split("\n- ")[0]
                check_cited(item, p)
    assert "(first-week/reseller.md)" in section(page, "reseller")
    assert "first-week/" not in section(page, "customer")


def test_playbook_cell_without_a_play_is_a_dash(tiny: KnowledgeBase) -> None:
    plays = [p for p in tiny.playbook.plays if p.id != "bystander-win"]
    page = render_pages(replace(tiny, playbook=replace(tiny.playbook, plays=plays)))["playbook.md"]
    row = next(line for line in page.splitlines() if "{ #win }" in line)
    last = row.strip().strip("|").split(" | ")[-1]
    assert re.sub(r'\s*\{ data-label="[^"]*" \}\s*$', "", last).strip() in ("&#45;", "-"), last


def test_pitfalls_and_glossary(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    pitfalls = tiny_pages["pitfalls.md"]
    for p in tiny.pitfalls:
        text = section(pitfalls, p.id)
        assert inert(p.name) in text and inert(p.description) in text
        assert f"**What to do instead:** {inert(p.remedy)}\n" in text  # not flagged: no label
        check_cited(text, p)
    glossary = tiny_pages["glossary.md"]
    # Alphabetical, ignoring case: B2B, lowest price, referral agency, reseller (glossary.yml has another order).
    assert re.findall(r"^## .*\{ #([a-z0-9-]+) \}$", glossary, re.M) == ["b2b", "lowest-price", "referral", "reseller"]
    for t in tiny.glossary:  # a section per term, so that search leads to the term
        text = section(glossary, t.id)
        assert text.startswith(f"## {inert(t.term)} {{ #{t.id} }}\n\n{inert(t.definition)}\n")
        check_also_called(text, t.also_called)
        check_cited(text, t)
    assert "Also called: dealer</span>" in section(glossary, "reseller")


def check_also_called(text: str, names: list[str]) -> None:
    """The other names of a term or kind are shown with it (so search finds them), or nothing is."""
    if names:
        assert f"Also called: {', '.join(inert(n) for n in names)}</span>" in text
    else:
        assert "Also called" not in text


def test_first_week_checklists(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    """One page per outcome that has a checklist — the tiny KB has one, the reseller's — with its
    steps in order, each cited or labelled as synthesis, and linked from the playbook and the index."""
    index, page = tiny_pages["first-week/index.md"], tiny_pages["first-week/reseller.md"]
    assert [p for p in tiny_pages if p.startswith("first-week/")] == ["first-week/index.md", "first-week/reseller.md"]
    assert page.startswith("# First week with a new reseller\n")
    assert "](reseller.md)" in index
    items = re.findall(r'<li id="step-(\d+)" markdown="span">(.*?)</li>', page)
    assert [n for n, _ in items] == ["1", "2"]
    steps = tiny.playbook.first_week[0].steps
    assert items[0][1].startswith("Check that they sell our product.")
    assert items[1][1].startswith("Agree how their sales are counted.")
    for (_, text), step in zip(items, steps, strict=True):
        check_cited(text, step, root="../")
    assert "about.md#synthesis" in page  # the order itself is the guide's suggestion, and says so


def test_first_week_pages_follow_the_outcomes(tiny: KnowledgeBase) -> None:
    """Several checklists: pages in the decision model's order of outcomes, not the file's."""
    reseller = tiny.playbook.first_week[0]
    weeks = [replace(reseller, outcome="bystander"), reseller, replace(reseller, outcome="customer")]
    variant = replace(tiny, playbook=replace(tiny.playbook, first_week=weeks))
    tiny_pages = render_pages(variant)
    assert [p for p in tiny_pages if p.startswith("first-week/")] == [
        "first-week/index.md",
        "first-week/customer.md",
        "first-week/reseller.md",
        "first-week/bystander.md",
    ]
    assert tiny_pages["first-week/bystander.md"].startswith("# First week with a new not a customer\n")
    index = tiny_pages["first-week/index.md"]
    assert index.index("](customer.md)") < index.index("](reseller.md)") < index.index("](bystander.md)")


def test_first_week_title_reads_the_name_inside_a_sentence() -> None:
    def title(name: str) -> str:
        return first_week_title(Outcome(id="x", name=name, summary="s", next_step="n", synthesis=True))

    assert title("Channel partner") == "First week with a new channel partner"
    assert title("VAR") == "First week with a new VAR"  # an acronym keeps its capitals
    assert title("reseller") == "First week with a new reseller"
