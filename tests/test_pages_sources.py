"""The home page and the source pages: counts, stances, quotes, line entries and the "cited in"
lists that name everything citing a source (tiny fixture knowledge base)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.cited import cited_items, on_guide_pages
from generator.knowledge import load
from generator.layout import first_week_slug
from generator.model import Cited, KnowledgeBase
from generator.pages import render_pages
from support.hostile import inert
from support.pages import (
    count_in,
    section,
    tiny_yaml,
)
from support.tiny import TINY_ARTICLES, TINY_KB, copy_tiny, edit

# --- every knowledge-base item is on its page, with its citations -------------------------------


@pytest.mark.parametrize("remedy_synthesis", [False, True])
def test_home_lists_sources_and_counts(remedy_synthesis: bool, tmp_path: Path) -> None:
    """The overview's numbers, and the citations and synthesis labels counted from the YAML files here
    (a remedy flagged as synthesis on its own counts too: the variant adds one)."""
    data = tiny_yaml()
    directory = TINY_KB
    if remedy_synthesis:
        directory = copy_tiny(tmp_path)
        edit(
            directory / "pitfalls.yml",
            "    remedy: Count only those who pay.\n",
            "    remedy: Count only those who pay.\n    remedy_synthesis: true\n",
        )
        data["pitfalls"][2]["remedy_synthesis"] = True
    kb = load(directory, TINY_ARTICLES)
    tiny_pages = render_pages(kb)
    home = " ".join(tiny_pages["index.md"].split())
    assert (
        "**What to do instead:** Count only those who pay. [Guide's synthesis](about.md#synthesis)"
        in tiny_pages["pitfalls.md"]
    ) == remedy_synthesis
    for sid, title, stance in [
        ("ada", "Buyers and allies", "Customers pay you; resellers earn by selling your product; some firms are both."),
        ("ben", "Partners are customers too", "Anyone who pays you is a customer, partners included."),
        ("cy", "Sellers are partners, not customers", "A partner is never a customer."),
    ]:
        assert f"](sources/{sid}.md) | *{inert(title)}* | {inert(stance)} |" in home
    for count, label, href in [
        (5, "definitions of customer and partner", "definitions.md"),
        (2, "dimensions on which they differ", "comparison.md"),
        (1, "kind of partner", "kinds.md#partner-kinds"),
        (3, "special cases", "kinds.md#special-cases"),
        (3, "positions in the debate", "debate.md#positions"),
        (2, "questions (any may be answered not sure)", "decision.md#questions"),
        (4, "decision rules", "decision.md#rules"),
        (4, "outcomes", "decision.md#outcomes"),
        (8, "plays in the playbook", "playbook.md#matrix"),
        (3, "pitfalls", "pitfalls.md"),
        (5, "cases", "scenarios.md"),
        (4, "glossary terms", "glossary.md"),
    ]:
        assert f"[{count} {label}]({href})" in home, label
    for target in ("definitions.md", "classify.md", "quiz/index.md", "decision.md#flowchart"):
        assert f"]({target})" in home
    assert (
        "Answer 2 questions in the [classifier](classify.md)" in home
        and "This guide answers with what 3 articles" in home
    )
    # The quiz's own questions are not guide text; the debate's synthesis note is one statement more.
    guide_text = {k: v for k, v in data.items() if k != "quiz"}
    cited, labelled = count_in(guide_text, "cites"), count_in(guide_text, "synthesis") + 1
    assert (cited, labelled) == (51, 10 if remedy_synthesis else 9)  # the same counts, by hand
    assert f"In all, the guide cites its sources {cited} times; {labelled} statements are marked" in home


def test_source_pages(tiny_pages: dict[str, str]) -> None:
    index = tiny_pages["sources/index.md"]
    ada, ben, cy = tiny_pages["sources/ada.md"], tiny_pages["sources/ben.md"], tiny_pages["sources/cy.md"]
    assert ada.startswith("# Buyers and allies\n") and cy.startswith("# Sellers are partners, not customers\n")
    # The file name is for the list of sources only; readers of a source page see author, title, lines.
    for sid, page in (("ada", ada), ("ben", ben), ("cy", cy)):
        assert f"{sid}.txt" not in page and f"{sid}.txt" in index and f"]({sid}.md)" in index
    assert "**Author:** Ada Example\n" in ada and "**Author:** Ben Sample (a sales manager)\n" in ben
    assert "**Author:** Unnamed author (a partner manager)\n" in cy  # an unnamed author is identified
    assert f"**Not part of the source:** {inert('The last line is a reader' + chr(39) + 's comment.')}" in ada
    assert "Not part of the source" not in ben and "Original article" not in ada  # no url: no link
    assert "Anyone who pays you is a customer, partners included." in section(ben, "stance")
    assert "- Judge a reseller by its sales. — [line&nbsp;7](#line-7)" in section(ben, "key-points")
    # Quotations: the source's own and those of its definitions and stances, each once. Ben's line 3
    # is quoted by the source, its definition and its stance; Cy's line 7 by the source and its stance.
    quoted = {
        sid: re.findall(r"^- <q>(.*?)</q> — \[line&nbsp;(\d+)\]\(#line-\2\)$", section(page, "quotes"), re.M)
        for sid, page in (("ada", ada), ("ben", ben), ("cy", cy))
    }
    assert quoted == {
        "ada": [("A customer pays you the price you ask", "3")],
        "ben": [("Every firm that pays you is a customer", "3")],
        "cy": [("Never treat a partner as a customer.", "7")],
    }
    # A line entry for every line the guide cites, quotes or paraphrases, saying what it takes from it.
    entries = {
        sid: re.findall(r"^### Line (\d+) \{ #line-\1 \}$", page, re.M)
        for sid, page in (("ada", ada), ("ben", ben), ("cy", cy))
    }
    assert entries == {"ada": ["3", "5", "7", "9"], "ben": ["3", "5", "7"], "cy": ["3", "5", "7", "9"]}
    line3 = section(ada, "line-3")
    assert "- A customer pays the asked price." in line3 and "- <q>A customer pays you the price you ask</q>" in line3
    assert "- Definitions: [Ada: customer — someone who pays the asked price](../definitions.md#ada-customer)" in line3
    assert "(../scenarios.md#bookshop)" in line3 and "(../scenarios.md#visitor)" not in line3
    line7 = section(cy, "line-7")  # quoted and cited, paraphrased in no key point
    assert "**Key points:**" not in line7 and "<q>Never treat a partner as a customer.</q>" in line7
    assert "(../pitfalls.md#partner-as-customer)" in line7 and "(../debate.md#cy)" in line7
    # Its definitions, and no one else's.
    assert re.findall(r"\(\.\./definitions\.md#([a-z-]+)\)", section(ada, "definitions")) == [
        "ada-customer",
        "ada-partner",
    ]
    assert re.findall(r"\(\.\./definitions\.md#([a-z-]+)\)", section(ben, "definitions")) == ["ben-customer"]
    for page in (ada, ben, cy):
        assert "{ #cited-in }" in page  # what it lists: test_source_pages_name_everything_that_cites_them


def test_source_page_optional_parts(tiny: KnowledgeBase) -> None:
    """What the tiny sources lack: an article's address, a source quoted nowhere, one cited by no line."""
    ada, ben = tiny.sources[0], tiny.sources[1]
    variant = replace(
        tiny,
        sources=[replace(ada, url="https://example.com/ada?a=1&b=2"), replace(ben, quotes=[]), *tiny.sources[2:]],
        definitions=[replace(x, quote=None) for x in tiny.definitions],
        debate=replace(tiny.debate, stances=[replace(st, quote=None) for st in tiny.debate.stances]),
    )
    tiny_pages = render_pages(variant)
    assert (
        '**Original article:** <a href="https://example.com/ada?a=1&#38;b=2" rel="noopener">'
        in tiny_pages["sources/ada.md"]
    )
    assert "The guide does not quote this source word for word." in section(tiny_pages["sources/ben.md"], "quotes")
    assert "<q>" not in tiny_pages["sources/ben.md"]


@pytest.mark.parametrize("which", ["tiny", "kb"])
def test_source_pages_name_everything_that_cites_them(which: str, request: pytest.FixtureRequest) -> None:
    """Computed independently of SourcesView.uses: walk the model and look for each item's link, in the
    source's "cited in" list and in the entry of every line it cites. On the tiny knowledge base and
    on the real one, which has kinds of item the tiny one lacks (the decision page's parties note)."""
    kb: KnowledgeBase = request.getfixturevalue(which)
    tiny_pages = render_pages(kb)
    d = kb.decision
    places: list[tuple[Cited, str]] = [(x, f"definitions.md#{x.id}") for x in kb.definitions]
    places += [(cell, f"comparison.md#{dim.id}") for dim in kb.dimensions for cell in (dim.customer, dim.partner)]
    places += [(k, f"kinds.md#{k.id}") for k in [*kb.partner_kinds, *kb.special_cases]]
    places += [(st, f"debate.md#{st.source}") for st in kb.debate.stances]
    places += [(r, f"decision.md#rule-{r.id}") for r in d.rules]
    places += [(f, f"decision.md#fact-{f.id}") for f in d.facts]
    places += [(o, f"decision.md#outcome-{o.id}") for o in d.outcomes]
    places += [(p, f"playbook.md#{p.outcome}") for p in kb.playbook.plays]
    places += [(p, f"pitfalls.md#{p.id}") for p in kb.pitfalls]
    places += [(t, f"glossary.md#{t.id}") for t in kb.glossary]
    places += [(sc, f"scenarios.md#{sc.id}") for sc in kb.scenarios]
    places += [(sg, f"decision.md#signal-{sg.id}") for sg in d.signals]
    places += [(r, f"decision.md#reading-{r.id}") for r in d.readings]
    places += [(d.parties, "decision.md#parties")] if d.parties else []
    places += [
        (step, f"first-week/{first_week_slug(w.outcome)}.md#step-{n}")
        for w in kb.playbook.first_week
        for n, step in enumerate(w.steps, 1)
    ]
    # Every item the one walk (generator/cited.py) knows must be placed here, so a new cited section
    # cannot be validated there and missing from the source pages' "cited in" lists.
    placed = {id(item) for item, _ in places}
    unplaced = [loc for loc, item in cited_items(kb) if item.cites and id(item) not in placed and on_guide_pages(loc)]
    assert not unplaced, f"cited items no source page lists: {unplaced}"
    for item, target in places:
        for sid in item.source_ids:
            assert f"](../{target})" in section(tiny_pages[f"sources/{sid}.md"], "cited-in"), (
                f"sources/{sid}.md misses {target}"
            )
        for cite in item.cites:
            sid, _, line = cite.partition(":")
            if line:
                assert f"](../{target})" in section(tiny_pages[f"sources/{sid}.md"], f"line-{line}"), (
                    f"sources/{sid}.md, line {line}, misses {target}"
                )
    for r in d.readings:  # a source's own reading is listed on that source's page
        assert f"](../decision.md#reading-{r.id})" in section(tiny_pages[f"sources/{r.source}.md"], "cited-in")
    if which == "tiny":
        assert "](../decision.md#reading-" not in tiny_pages["sources/ada.md"]
