"""The real knowledge base, tested for what it says.

How the real_pages are rendered is tested on the tiny fixture knowledge base (tests/test_pages.py);
here, what the real guide tells its readers: its sources, who they are, the checklists and the
deals with several parties it covers. That it loads and passes its checks at all is the `kb`
fixture's (and tests/test_knowledge.py's) business, not asserted again here.
"""

from __future__ import annotations

import re

from generator.model import KnowledgeBase

SOURCES = ["colormetrix", "nikolov", "rosenshein", "friedrichs", "channel-manager"]


def test_the_five_sources_each_have_a_page_take_a_position_and_are_cited(
    kb: KnowledgeBase, real_pages: dict[str, str]
) -> None:
    assert [s.id for s in kb.sources] == SOURCES
    debate = real_pages["debate.md"]
    matrix = debate[debate.index("{ #positions }") : debate.index("{ #by-source }")]
    rows = [line for line in matrix.splitlines() if line.startswith("| [")]
    assert len(rows) == 5 and all("holds" in row for row in rows), "every source takes a position"
    for sid in SOURCES:
        page = real_pages[f"sources/{sid}.md"]
        assert f"{{ #{sid} }}" in debate
        assert "No part of the guide cites this source." not in page
        assert "The guide cites no particular line of this source." not in page


def test_the_unnamed_authors_are_identified(real_pages: dict[str, str]) -> None:
    assert (
        "**Author:** Unnamed author (runs the companies ColorMetrix and SheHe Media)\n"
        in real_pages["sources/colormetrix.md"]
    )
    assert (
        "**Author:** Unnamed author (a professional channel manager who has worked for several vendors)\n"
        in real_pages["sources/channel-manager.md"]
    )
    assert "**Author:** Stanislav Nikolov\n" in real_pages["sources/nikolov.md"]


def test_first_week_checklists_for_the_relationships_you_start(real_pages: dict[str, str]) -> None:
    """Checklists for the customer, the three kinds of partner and the hybrid, not for the outcomes
    where nothing is started (not a customer, investigate, out of scope)."""
    assert [p for p in real_pages if p.startswith("first-week/") and p != "first-week/index.md"] == [
        "first-week/customer.md",
        "first-week/channel-partner.md",
        "first-week/strategic-partner.md",
        "first-week/bundle-partner.md",
        "first-week/hybrid.md",
    ]
    assert real_pages["first-week/channel-partner.md"].startswith("# First week with a new channel partner\n")


def test_deals_with_several_parties(real_pages: dict[str, str]) -> None:
    """The decision page says how to classify the parties of one deal — the guide's reading of
    ColorMetrix, line 8 — and the worked scenarios include three such deals, both sides of each."""
    decision = real_pages["decision.md"]
    parties = decision[decision.index("{ #parties }") : decision.index("{ #probing-questions }")]
    assert "Classify each party on its own" in parties
    assert "line&nbsp;8](sources/colormetrix.md#line-8)" in parties and "(about.md#synthesis)" in parties
    scenarios = real_pages["scenarios.md"]
    listed = scenarios[scenarios.index("Some deals involve several parties") : scenarios.index("\n## ")]
    assert re.findall(r"\]\(#([a-z-]+)\)", listed) == [
        "social-network-user",
        "social-network-advertiser",
        "clinic-reseller",
        "clinic-end-customer",
        "free-game-players",
        "free-game-advertisers",
    ]
