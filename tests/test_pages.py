"""generator/pages.py: every knowledge-base item lands on its page, citations link to real source
pages, scenario outcomes come from the rules, every promised anchor exists, and hostile text in
the knowledge base stays text — in the generated Markdown and in a real strict MkDocs build.

Expected values are computed from the knowledge base and generator.decision, never typed in.
"""
from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import decision
from generator.cited import cited_items
from generator.knowledge import KNOWLEDGE_DIR, load
from generator.layout import anchors, first_week_slug, site_pages
from generator.load import load_knowledge
from generator.markup import abbr_term, abbr_title, markdown_text, render_template
from generator.model import Cited, KnowledgeBase
from generator.pages import Guide, render_pages
from support import build_site

ROOT = Path(__file__).resolve().parent.parent

# --- helpers -----------------------------------------------------------------------------------

ANCHOR_LINE = re.compile(r"\{ #([a-z][a-z0-9_-]*) \}")
HEADING = re.compile(r"^#{1,6} ")


def inert(text: str) -> str:
    """How a knowledge-base string is written into the Markdown."""
    return str(markdown_text(text))


def section(markdown: str, anchor: str) -> str:
    """The Markdown from the line carrying `{ #anchor }` up to the next anchored line or heading."""
    lines = markdown.splitlines()
    starts = [i for i, line in enumerate(lines) if f"{{ #{anchor} }}" in line]
    assert len(starts) == 1, f"anchor #{anchor} is written {len(starts)} times"
    out = [lines[starts[0]]]
    for line in lines[starts[0] + 1:]:
        if ANCHOR_LINE.search(line) or HEADING.match(line):
            break
        out.append(line)
    return "\n".join(out)


def check_cited(guide: Guide, text: str, item: Cited, root: str = "") -> None:
    """Every cited source is linked — each cited line to its own entry on the source's page — and a
    synthesis item carries the label."""
    for group in guide.cites(item):
        page = f"{root}sources/{group.source.id}.md"
        if not group.lines:
            assert f"]({page})" in text, f"no link to {group.source.id} in:\n{text}"
        for n in group.lines:
            assert re.search(rf"(line|l\.)&nbsp;{n}\]\({re.escape(page)}#line-{n}\)", text), \
                f"no link to line {n} of {group.source.id} in:\n{text}"
    if item.synthesis:
        assert f"]({root}about.md#synthesis)" in text and "Guide's synthesis" in text
    assert item.cites or item.synthesis


class Html(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.event_attrs: list[tuple[str, str, str | None]] = []
        self.abbrs: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._abbr: str | None = None
        self._main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"] or "")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.event_attrs.append((tag, name, value))
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))
        if tag == "abbr":
            self._abbr = a.get("title") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag == "abbr":
            self._abbr = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        if self._abbr is not None:
            self.abbrs.append((data, self._abbr))
        self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def parse(path: Path) -> Html:
    parser = Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def built_page(site: Path, url: str) -> Path:
    """The HTML file for a page URL such as 'decision/' or ''."""
    return site / url / "index.html"


def build(out: Path, knowledge: Path | None = None) -> Path:
    """A real `mkdocs build --strict` of the project, optionally from another knowledge directory."""
    result = build_site(ROOT, out, timeout=300, env={"PARTNER_KB": str(knowledge)} if knowledge else None)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def guide(kb: KnowledgeBase) -> Guide:
    return Guide(kb)


@pytest.fixture(scope="session")
def pages(kb: KnowledgeBase) -> dict[str, str]:
    return render_pages(kb)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Path:
    """The real site, built once per session by tests/conftest.py."""
    return built_site


# --- the pages exist ---------------------------------------------------------------------------

def test_render_pages_makes_every_guide_page(kb: KnowledgeBase, pages: dict[str, str]) -> None:
    expected = {f"{name}.md" for name in ("index", "definitions", "comparison", "kinds", "debate", "decision",
                                          "playbook", "pitfalls", "scenarios", "glossary", "about")}
    expected |= {"sources/index.md"} | {f"sources/{s.id}.md" for s in kb.sources}
    expected |= {"first-week/index.md"} | {f"first-week/{first_week_slug(w.outcome)}.md" for w in kb.playbook.first_week}
    assert set(pages) == expected
    for path, text in pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # optional front matter
        assert body.startswith("# "), f"{path} does not start with its title"


def test_markdown_writes_every_promised_anchor(kb: KnowledgeBase, pages: dict[str, str]) -> None:
    for url, ids in anchors(kb).items():
        path = "index.md" if url == "" else f"{url.rstrip('/')}.md"
        if url == "sources/":
            path = "sources/index.md"
        if path not in pages:
            continue  # quiz pages: the quiz builds them
        for anchor_id in ids:  # written once, as `{ #id }` or (in raw HTML, the checklists' steps) id="…"
            found = pages[path].count(f"{{ #{anchor_id} }}") + pages[path].count(f' id="{anchor_id}"')
            assert found == 1, f"{path}: #{anchor_id}"


def test_every_promised_anchor_is_in_the_built_html(kb: KnowledgeBase, site: Path) -> None:
    for url, ids in anchors(kb).items():
        html = parse(built_page(site, url))
        missing = ids - html.ids
        assert not missing, f"/{url} lacks {sorted(missing)}"


# --- every knowledge-base item is on its page, with its citations -------------------------------

def test_home_lists_sources_and_counts(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    home = pages["index.md"]
    for s in kb.sources:
        assert f"](sources/{s.id}.md)" in home and inert(s.stance) in home and inert(s.title) in home
    # Counted from the model here, not taken from the Guide that renders them.
    d = kb.decision
    for count, label in [(len(kb.definitions), "definitions of customer and partner"),
                         (len(kb.dimensions), "dimensions on which they differ"),
                         (len(kb.partner_kinds), "kinds of partner"), (len(kb.special_cases), "special cases"),
                         (len(kb.debate.positions), "positions in the debate"), (len(d.rules), "decision rules"),
                         (len(d.outcomes), "outcomes"), (len(kb.playbook.plays), "plays in the playbook"),
                         (len(kb.pitfalls), "pitfalls"), (len(kb.scenarios), "cases"),
                         (len(kb.glossary), "glossary terms")]:
        assert f"[{count} {label}](" in home, label
    for target in ("definitions.md", "classify.md", "quiz/index.md", "decision.md#flowchart"):
        assert f"]({target})" in home


def test_source_pages(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    index = pages["sources/index.md"]
    for s in kb.sources:
        page = pages[f"sources/{s.id}.md"]
        assert page.startswith(f"# {inert(s.title)}\n")
        # The file name is for the list of sources only; readers of a source page see author, title, lines.
        assert inert(s.file) not in page and inert(s.file) in index and f"]({s.id}.md)" in index
        if s.url:
            assert f'<a href="{inert(s.url)}"' in page
        if s.author.lower() == "unnamed":
            assert inert(s.author_note) in page
        else:
            assert inert(s.author) in page
        for text in [s.stance, s.summary, *(p.text for p in s.key_points)]:
            assert inert(text) in page
        quotes = section(page, "quotes")
        own = [*s.quotes, *(x.quote for x in kb.definitions if x.source == s.id and x.quote),
               *(st.quote for st in kb.debate.stances if st.source == s.id and st.quote)]
        assert {(q.line, q.text) for q in guide.quotes_of(s)} == {(q.line, q.text) for q in own}
        for q in own:
            assert f"<q>{inert(q.text)}</q> — [line&nbsp;{q.line}](#line-{q.line})" in quotes
        # Every line the guide cites, quotes or paraphrases has its entry, saying what is taken from it.
        cited = {n for _, uses in guide.cited_in(s.id) for u in uses for n in u.lines}
        wanted = cited | {q.line for q in guide.quotes_of(s)} | {n for p in s.key_points for n in p.lines}
        assert {e.line for e in guide.source_lines(s)} == wanted
        for entry in guide.source_lines(s):
            text = section(page, f"line-{entry.line}")
            assert text.startswith(f"### Line {entry.line} ")
            for point in entry.points:
                assert inert(point) in text
            for q in entry.quotes:
                assert f"<q>{inert(q.text)}</q>" in text
            for u in entry.uses:
                assert f"(../{u.page}#{u.anchor})" in text
        for x in kb.definitions:
            assert (f"(../definitions.md#{x.id})" in section(page, "definitions")) == (x.source == s.id)
        assert "{ #cited-in }" in page  # what it lists: test_source_pages_name_everything_that_cites_them


def test_source_pages_name_everything_that_cites_them(kb: KnowledgeBase, pages: dict[str, str]) -> None:
    """Computed independently of Guide.uses: walk the model and look for each item's link."""
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
    places += [(d.parties, "decision.md#parties")] if d.parties else []
    places += [(step, f"first-week/{first_week_slug(w.outcome)}.md#step-{n}")
               for w in kb.playbook.first_week for n, step in enumerate(w.steps, 1)]
    # Every item the one walk (generator/cited.py) knows must be placed here, so a new cited section
    # cannot be validated there and missing from the source pages' "cited in" lists.
    placed = {id(item) for item, _ in places}
    unplaced = [loc for loc, item in cited_items(kb) if item.cites and id(item) not in placed and loc[0] != "quiz"]
    assert not unplaced, f"cited items no source page lists: {unplaced}"
    for item, target in places:
        for sid in item.source_ids:
            assert f"](../{target})" in pages[f"sources/{sid}.md"], f"sources/{sid}.md misses {target}"


def test_definitions(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["definitions.md"]
    table = page[page.index("{ #side-by-side }"):page.index("{ #customer }")]
    for x in kb.definitions:
        text = section(page, x.id)
        assert inert(x.text) in text and inert(x.sense) in text
        check_cited(guide, text, x)
        if x.quote:
            assert f"> {inert(x.quote.text)}" in text
            assert f"line&nbsp;{x.quote.line}](sources/{x.source}.md#line-{x.quote.line})" in text
        row = next(line for line in table.splitlines() if f"(sources/{x.source}.md)" in line)
        customer_cell, partner_cell = row.split(" | ")[1:3]
        assert f"(#{x.id})" in (customer_cell if x.term == "customer" else partner_cell)
        term_section = page[page.index(f"{{ #{x.term} }}"):]
        assert f"{{ #{x.id} }}" in term_section
    excluded = page[page.index("{ #excluded-senses }"):]
    for x in kb.definitions:
        assert (f"(#{x.id})" in excluded) == bool(x.excludes)
        if x.excludes:
            assert inert(x.excludes) in excluded
            line = next(line for line in excluded.splitlines() if f"(#{x.id})" in line)
            check_cited(guide, excluded[excluded.index(line):].split("\n- ")[0], x)


def test_comparison(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    """One table, rendered once (a phone restyles it as cards): each row carries the dimension's
    name, what it is about and both sides with their citations, and is the dimension's anchor."""
    page = pages["comparison.md"]
    table = page[page.index("{ #table }"):]
    rows = [line for line in table.splitlines() if line.startswith("| **")]
    assert len(rows) == len(kb.dimensions)
    for dim, row in zip(kb.dimensions, rows):
        cells = row.split(" | ")
        assert cells[0].startswith(f"| **{inert(dim.name)}**") and inert(dim.summary) in cells[0]
        assert cells[0].endswith(f"{{ #{dim.id} }}")
        for cell, side, label in zip(cells[1:3], (dim.customer, dim.partner), ("Customer", "Partner")):
            assert inert(side.text) in cell and cell.rstrip(" |").endswith(f'{{ data-label="{label}" }}')
            check_cited(guide, cell, side)
    for dim in kb.dimensions:  # the dimensions are not repeated one by one below the table
        assert page.count(str(inert(dim.customer.text))) == 1


def test_kinds(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["kinds.md"]
    special = page.index("{ #special-cases }")
    for kinds, before_special in ((kb.partner_kinds, True), (kb.special_cases, False)):
        for k in kinds:
            assert (page.index(f"{{ #{k.id} }}") < special) == before_special
            text = section(page, k.id)
            assert inert(k.name) in text and inert(k.description) in text
            check_also_called(text, k.also_called)
            for example in k.examples:
                assert f"- {inert(example)}" in text
            assert ("(decision.md#outcome-" in text) == (k.outcome is not None)
            if k.outcome:
                assert f"(decision.md#outcome-{k.outcome})" in text and f"(playbook.md#{k.outcome})" in text
            check_cited(guide, text, k)


def test_debate(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["debate.md"]
    d = kb.debate
    assert page.startswith(f"# {inert(d.question)}\n") and inert(d.intro) in page
    matrix = page[page.index("{ #positions }"):page.index("{ #by-source }")]
    header = next(line for line in matrix.splitlines() if line.startswith("| Source"))
    assert [c.strip() for c in header.strip("| ").split(" | ")][1:] == [inert(p.label) for p in d.positions]
    rows = [line for line in matrix.splitlines() if line.startswith("| [")]
    stance_order = list(dict.fromkeys(st.source for st in d.stances))
    expected = stance_order + [s.id for s in kb.sources if s.id not in stance_order]
    assert [next(s.id for s in kb.sources if f"[{inert(s.byline)}]" in row) for row in rows] == expected
    for s in kb.sources:
        row = next(line for line in matrix.splitlines() if f"[{inert(s.byline)}]" in line)
        cells = row.strip().strip("|").split(" | ")[1:]
        held = {st.position for st in d.stances if st.source == s.id}
        for p, cell in zip(d.positions, cells):
            assert ("holds" in cell) == (p.id in held)  # a word, not only a symbol
            assert "holds" in cell or ">does not state it<" in cell  # read aloud, shown as a dash
    for st in d.stances:
        text = page[page.index(f"{{ #{st.source} }}"):]
        text = text[:text.index("\n### ")] if "\n### " in text else text[:text.index("{ #synthesis }")]
        assert inert(guide.position(st.position)) in text and inert(st.argument) in text
        if st.quote:
            assert f"> {inert(st.quote.text)}" in text
        check_cited(guide, text, st)
    synthesis = page[page.index("{ #synthesis }"):]
    assert inert(d.synthesis_note) in synthesis and "(about.md#synthesis)" in synthesis
    assert "!!! note" in synthesis


def test_decision_questions_and_probing(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    for number, f in enumerate(kb.decision.facts, 1):
        text = section(page, f"fact-{f.id}")
        assert text.startswith(f"### Q{number}. ")
        for value in (f.question, f.help, f.yes, f.no):
            assert inert(value) in text
        check_cited(guide, text, f)
    probing = page[page.index("{ #probing-questions }"):page.index("{ #rules }")]
    for f in kb.decision.facts:
        assert (f"(#fact-{f.id})" in probing) == f.probing
        if f.probing and f.if_no:
            assert inert(f.if_no) in probing


def test_decision_rules_table(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    d = kb.decision
    for r in d.rules:
        row = section(page, f"rule-{r.id}").splitlines()[0]
        assert row.startswith("| ") and row.endswith(" |"), "one table row per rule"
        cells = row.strip().strip("|").split(" | ")
        answers = cells[:len(d.facts)]
        for f, cell in zip(d.facts, answers):
            expected = {True: ">Yes<", False: ">No<", None: ">any<"}[r.when.get(f.id)]
            assert expected in cell, f"rule {r.id}, {f.id}: {cell}"
        last = cells[len(d.facts)]
        assert f"(#outcome-{r.outcome})" in last and inert(r.because) in last and f"`{r.id}`" in last
        assert ("(#alternatives)" in last) == bool(r.alternatives)
        check_cited(guide, last, r)


def test_decision_alternatives_and_outcomes(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    alternatives = page[page.index("{ #alternatives }"):page.index("{ #outcomes }")]
    for r in kb.decision.rules:
        for a in r.alternatives:
            row = next(line for line in alternatives.splitlines() if inert(a.reading) in line)
            assert row.startswith(f"| [`{r.id}`](#rule-{r.id})")
            assert f"(#outcome-{r.outcome})" in row and f"(#outcome-{a.outcome})" in row
            assert f"(sources/{a.source}.md)" in row
    for o in kb.decision.outcomes:
        text = section(page, f"outcome-{o.id}")
        assert inert(o.name) in text and inert(o.summary) in text and inert(o.next_step) in text
        assert f"(playbook.md#{o.id})" in text
        for r in kb.decision.rules:
            assert (f"(#rule-{r.id})" in text) == (r.outcome == o.id)
        check_cited(guide, text, o)


def _walk(tree_html: str, answers: dict[str, bool], kb: KnowledgeBase) -> str:
    """Follow the drawn flowchart (nested <ul>) for one set of answers; return the rule id reached."""
    node = tree_html
    while True:
        question = re.match(r'\s*<li class="poc-flow__item">\s*(?:<span[^>]*>(?:Yes|No)</span>\s*)?'
                            r'<a class="poc-flow__question" href="#fact-([a-z0-9_-]+)">', node)
        if question is None:
            return re.search(r'href="#rule-([a-z0-9_-]+)"', node.split("</li>")[0]).group(1)
        # children: the <ul> right after the question; split into its two top-level <li>
        body = node[node.index('<ul class="poc-flow__branches">') + len('<ul class="poc-flow__branches">'):]
        depth, i, items, start = 0, 0, [], 0
        while len(items) < 2:
            if body.startswith("<li", i):
                if depth == 0:
                    start = i
                depth += 1
            elif body.startswith("</li>", i):
                depth -= 1
                if depth == 0:
                    items.append(body[start:i + 5])
            i += 1
        yes, no = items
        assert ">Yes</span>" in yes.split("<a")[0] and ">No</span>" in no.split("<a")[0]
        node = yes if answers[question.group(1)] else no


def test_flowchart_is_drawn_from_the_rules(kb: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    chart = page[page.index('<ul class="poc-flow__tree">') + len('<ul class="poc-flow__tree">'):
                 page.index("</figure>")]
    assert "\n\n" not in chart, "a blank line would end the raw HTML block"
    for answers in decision.all_fact_combinations(kb.decision):
        assert _walk(chart, answers, kb) == decision.classify(kb.decision, answers).id
    for r in kb.decision.rules:
        assert f'href="#rule-{r.id}"' in chart


def test_playbook(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["playbook.md"]
    outcomes = kb.decision.outcomes
    matrix = page[page.index("{ #matrix }"):page.index("</div>")]
    header = next(line for line in matrix.splitlines() if line.startswith("| What you do | "))
    assert [f"(#{o.id})" in cell for o, cell in zip(outcomes, header.split(" | ")[1:])] == [True] * len(outcomes)
    for a in kb.playbook.aspects:
        row = next(line for line in matrix.splitlines() if f"{{ #{a.id} }}" in line)
        cells = row.strip().strip("|").split(" | ")[1:]
        for o, cell in zip(outcomes, cells):
            plays = [p for p in kb.playbook.plays if p.outcome == o.id and p.aspect == a.id]
            for p in plays:
                assert inert(p.text) in cell
                check_cited(guide, cell, p)
            bare = re.sub(r'\s*\{ data-label="[^"]*" \}\s*$', "", cell).strip()  # the phone layout's column name
            assert plays or bare in ("&#45;", "-"), cell
    for o in outcomes:
        text = page[page.index(f"{{ #{o.id} }}\n"):]
        nxt = [text.index(f"{{ #{x.id} }}\n") for x in outcomes if x.id != o.id and f"{{ #{x.id} }}\n" in text]
        text = text[:min(nxt)] if nxt else text
        for p in kb.playbook.plays:
            assert (inert(p.text) in text) == (p.outcome == o.id)
        for p in kb.playbook.plays:
            if p.outcome == o.id:
                item = text[text.index(inert(p.text)):].split("\n- ")[0]
                check_cited(guide, item, p)


def test_pitfalls_and_glossary(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    for p in kb.pitfalls:
        text = section(pages["pitfalls.md"], p.id)
        assert inert(p.name) in text and inert(p.description) in text and inert(p.remedy) in text
        check_cited(guide, text, p)
    glossary = pages["glossary.md"]
    order = [glossary.index(f"{{ #{t.id} }}") for t in kb.glossary]
    assert [t.term.casefold() for _, t in sorted(zip(order, kb.glossary), key=lambda x: x[0])] == \
        sorted(t.term.casefold() for t in kb.glossary)
    for t in kb.glossary:  # a section per term, so that search leads to the term
        text = section(glossary, t.id)
        assert text.startswith(f"## {inert(t.term)} {{ #{t.id} }}\n\n{inert(t.definition)}\n")
        check_also_called(text, t.also_called)
        check_cited(guide, text, t)


def check_also_called(text: str, names: list[str]) -> None:
    """The other names of a term or kind are shown with it (so search finds them), or nothing is."""
    if names:
        assert f"Also called: {', '.join(inert(n) for n in names)}</span>" in text
    else:
        assert "Also called" not in text


def test_first_week_checklists(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    """One page per outcome that has a checklist — the set comes from the knowledge base — with its
    steps in order, each cited or labelled as synthesis, and linked from the playbook and the index."""
    assert kb.playbook.first_week, "the knowledge base has first-week checklists"
    outcomes = [o.id for o in kb.decision.outcomes]
    weeks = [w for w, _ in guide.first_weeks()]
    assert [w.outcome for w in weeks] == [o for o in outcomes if o in {w.outcome for w in kb.playbook.first_week}]
    index = pages["first-week/index.md"]
    playbook = pages["playbook.md"]
    for week in weeks:
        slug = first_week_slug(week.outcome)
        page = pages[f"first-week/{slug}.md"]
        o = kb.outcome(week.outcome)
        assert page.startswith(f"# {inert(guide.first_week_title(o))}\n")
        assert f"]({slug}.md)" in index and f"(first-week/{slug}.md)" in section(playbook, o.id)
        items = re.findall(r'<li id="step-(\d+)" markdown="span">(.*?)</li>', page)
        assert [int(n) for n, _ in items] == list(range(1, len(week.steps) + 1))
        for (_, text), step in zip(items, week.steps):
            assert text.startswith(str(inert(step.text)))
            check_cited(guide, text, step, root="../")
        assert "about.md#synthesis" in page  # the order itself is the guide's suggestion, and says so
    assert guide.first_week_title(kb.outcome("channel_partner")) == "First week with a new channel partner"


def test_scenarios_show_the_computed_outcome(kb: KnowledgeBase, guide: Guide, pages: dict[str, str]) -> None:
    page = pages["scenarios.md"]
    d = kb.decision
    answer = {True: ">Yes<", False: ">No<", None: ">Not known<"}
    kind = {True: "yes", False: "no", None: "unknown"}
    for sc in kb.scenarios:
        v = decision.verdict(d, sc.facts)
        text = section(page, sc.id)
        if v.outcome is not None:
            found = re.search(r"\*\*Outcome:\*\* \[[^\]]*\]\(decision\.md#outcome-([a-z0-9_-]+)\)", text)
            assert found is not None and found.group(1) == v.outcome, sc.id
            if v.rule is not None:
                assert f"by rule [`{v.rule.id}`](decision.md#rule-{v.rule.id})" in text
        else:
            assert "**Undecided:**" in text, sc.id
            for o in v.outcomes:
                assert f"(decision.md#outcome-{o})" in text
            first = next(f for f in d.facts if f.id == v.find_out[0])
            assert f"**Find out first:** [{inert(guide.short_question(first))}](decision.md#fact-{first.id})" in text
            assert inert(first.how_to_find_out) in text
        assert inert(sc.story) in text and inert(sc.reasoning) in text
        answers = [line for line in text.splitlines() if line.startswith("- [Q")]
        assert len(answers) == len(d.facts)
        for number, (f, line) in enumerate(zip(d.facts, answers), 1):
            assert line.startswith(f"- [Q{number}. ") and f"(decision.md#fact-{f.id})" in line
            assert answer[sc.facts[f.id]] in line
        path_line = next(line for line in text.splitlines() if line.startswith("**The path"))
        shown = re.findall(r"Q(\d+) <span class=\"poc-answer poc-answer--(yes|no|unknown)\">", path_line)
        numbers = {f.id: i for i, f in enumerate(d.facts, 1)}
        assert shown == [(str(numbers[f]), kind[value]) for f, value in decision.path(d, sc.facts)]
        for a in (v.rule.alternatives if v.rule else []):
            assert inert(a.reading) in text and f"(decision.md#outcome-{a.outcome})" in text
        signals, cases, pitfalls = guide.case_notes(guide.worked(sc.facts))
        for s in signals:
            assert f"(decision.md#signal-{s.id})" in text
        for k in cases:
            assert f"(kinds.md#{k.id})" in text
        for p in pitfalls:
            assert f"(pitfalls.md#{p.id})" in text
        check_cited(guide, text, sc)


def test_scenario_outcomes_ignore_expect(kb: KnowledgeBase, pages: dict[str, str]) -> None:
    """`expect` is the author's guess; the page must come from the rules alone."""
    blind = replace(kb, scenarios=[replace(s, expect=None) for s in kb.scenarios])
    assert render_pages(blind)["scenarios.md"] == pages["scenarios.md"]


# --- links, citations and tooltips in the built site -------------------------------------------

def own_pages(kb: KnowledgeBase) -> list[str]:
    """The guide's own pages (those the generator renders, from the registry) and the About page."""
    return [p.url for p in site_pages(kb) if p.template is not None] + ["about/"]


def test_built_links_resolve(kb: KnowledgeBase, site: Path) -> None:
    """Every relative link on the guide's pages reaches a built page, and its #anchor exists there."""
    for url in own_pages(kb):
        page = built_page(site, url)
        for href in parse(page).hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                assert not href.lower().startswith("javascript:")
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"/{url}: broken link {href}"
            if fragment and target.suffix == ".html":
                assert fragment in parse(target).ids, f"/{url}: {href} has no such anchor"


def test_built_citations_link_to_source_pages(kb: KnowledgeBase, site: Path) -> None:
    source_urls = {f"sources/{s.id}/" for s in kb.sources}
    for url in own_pages(kb):
        page = built_page(site, url)
        html = page.read_text(encoding="utf-8")
        cites = re.findall(r'<span class="poc-cite">(.*?)</span>', html)
        if url in ("definitions/", "comparison/", "decision/", "scenarios/", "glossary/"):
            assert cites, f"/{url} shows no citation"
        for cite in cites:
            for href, label in re.findall(r'href="([^"]+)"[^>]*>(.*?)</a>', cite):
                if href.endswith("about/#synthesis"):
                    continue
                path, _, fragment = href.partition("#")
                target = (page.parent / path).resolve()
                assert any(target == (site / s).resolve() for s in source_urls), f"/{url}: {href}"
                assert (target / "index.html").is_file()
                # A line citation lands on that line's entry; a whole-source citation on the page.
                if fragment:
                    assert re.fullmatch(r"line-\d+", fragment), f"/{url}: {href}"
                    assert label.endswith(f"\xa0{fragment[5:]}") or label.endswith(f"&nbsp;{fragment[5:]}"), \
                        f"/{url}: {label!r} does not name the line it links to ({href})"
                    assert fragment in parse(target / "index.html").ids, f"/{url}: {href} has no such line entry"


def test_glossary_terms_get_tooltips(kb: KnowledgeBase, site: Path) -> None:
    definitions = {t.term: " ".join(t.definition.split()) for t in kb.glossary}
    found: dict[str, str] = {}
    for url in own_pages(kb):
        found.update(parse(built_page(site, url)).abbrs)
    used = [t for t in kb.glossary if any(t.term in parse(built_page(site, u)).plain for u in ("glossary/",))]
    assert used, "the glossary page names its own terms"
    for t in used:
        assert found.get(t.term) == definitions[t.term], f"no tooltip for {t.term!r}"


def test_abbreviations_are_safe() -> None:
    assert str(abbr_term("ok term")) == "ok term"
    assert str(abbr_term("bad ] term")) == "" and str(abbr_term("bad \\ term")) == ""
    assert str(abbr_title("a\nb  <c> & \"d\"")) == 'a b <c> & "d"'  # raw: the abbr extension escapes it
    assert str(abbr_title('""')) == ""


def test_abbreviation_lines(kb: KnowledgeBase) -> None:
    from assemble.tree import glossary_abbreviations
    text = glossary_abbreviations(kb)
    assert text.startswith("\n\n"), "a blank line keeps the definitions out of the page's last block"
    lines = [line for line in text.splitlines() if line]
    assert lines == [f"*[{t.term}]: {' '.join(t.definition.split())}" for t in kb.glossary]
    odd = replace(kb.glossary[0], term="x]y", definition="z")
    assert render_template("abbreviations.md.j2", glossary=[odd]).strip() == ""



def test_a_page_gets_only_the_terms_it_can_contain(kb: KnowledgeBase) -> None:
    from assemble.tree import glossary_abbreviations
    first, second = kb.glossary[0], kb.glossary[1]
    text = glossary_abbreviations(kb, f"Intro mentioning {first.term} only.")
    assert f"*[{first.term}]:" in text
    assert f"*[{second.term}]:" not in text
    assert glossary_abbreviations(kb, "").strip() == ""
    every = "\n".join(t.term for t in kb.glossary)
    assert glossary_abbreviations(kb, every) == glossary_abbreviations(kb)

# --- hostile text stays text -------------------------------------------------------------------

PAYLOAD = ('<script>alert(1)</script> </script></title> "onmouseover=alert(1) x=" {{ 7*7 }} '
           '<img src=x onerror=alert(document.domain)> <svg onload=alert(2)> <a href=javascript:alert(3)>a</a> '
           '[click](javascript:alert(1)) **bold** _under_ `tick` {#evil} | pipe | &amp; \\')
SHORT_PAYLOAD = "<img src=x onerror=alert(document.domain)> <svg onload=alert(2)>"
"""For fields with a length limit (a glossary definition): the two payloads that run from innerHTML."""
"""Markup that runs when inserted as HTML, not only `<script>` (which never runs from innerHTML):
event handlers on elements that fire by themselves (`onerror`, `onload`) and a javascript: link."""
PROSE = {"title", "author", "author_note", "stance", "summary", "key_points", "not_content", "sense", "text",
         "excludes", "name", "description", "examples", "label", "argument", "question", "intro",
         "synthesis_note", "help", "yes", "no", "if_no", "next_step", "because", "reading", "story", "reasoning",
         "remedy", "term", "definition", "also_called"}
PREFIXES = ["", "# ", "- ", "> ", "1. ", "!!! tip ", ": ", "    ", "* ", "| "]


def poison(data: Any, path: tuple[str, ...] = (), found: list[str] | None = None) -> Any:
    """Append PAYLOAD (and sometimes a block-starting prefix) to every prose string.

    Left alone: quotations (the build checks them against the articles), the quiz's own
    settings, a definition's `term` (customer/partner, a fixed choice) and the author "unnamed"
    (so that the author note is what the pages show).
    """
    key = path[-1] if path else ""
    if isinstance(data, dict):
        return {k: v if k in ("quote", "quotes", "quiz") else poison(v, path + (str(k),), found)
                for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, path, found) for v in data]
    if path[:1] == ("quiz",) or (key == "term" and path[:1] == ("definitions",)) or data == "unnamed":
        return data
    if isinstance(data, str) and key in PROSE:
        prefix = "" if key in ("term", "definition") else PREFIXES[len(found or []) % len(PREFIXES)]
        value = f"{prefix}{data} {SHORT_PAYLOAD if key == 'definition' else PAYLOAD}"
        if found is not None:
            found.append(value)
        return value
    return data


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of knowledge/ whose prose is full of markup, and the strings written into it."""
    directory = tmp_path_factory.mktemp("hostile") / "knowledge"
    directory.mkdir()
    loaded = load_knowledge(KNOWLEDGE_DIR)  # keeps keys such as `yes:` as written, unlike yaml.safe_load
    written: list[str] = []
    files: dict[str, dict[str, Any]] = {}
    for section_name, value in loaded.data.items():
        files.setdefault(Path(loaded.origin[section_name]).name, {})[section_name] = \
            poison(value, (section_name,), written)
    for name, data in files.items():
        (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory, written


def visible(text: str) -> str:
    """What a reader sees of a knowledge-base string (Markdown collapses whitespace)."""
    return " ".join(text.split())


def test_hostile_markdown_is_inert(hostile: tuple[Path, list[str]]) -> None:
    directory, written = hostile
    kb = load(directory)
    pages = render_pages(kb)
    everything = "\n".join(pages.values())
    for dangerous in ("<script", "</script", "](javascript:", "**bold**", "_under_", "`tick`", "{{ 7*7 }}",
                      "{#evil}", "| pipe |", '"onmouseover', "&amp;", "<img", "<svg", "<a href=javascript"):
        assert dangerous not in everything, dangerous
    assert inert(PAYLOAD) in everything
    for value in written:  # no string may begin a Markdown block where the template puts it on its own line
        assert not re.match(r"\s*(\d+[.)]|[#>+*:!|=-])", inert(value)), value


def test_hostile_build_shows_text_not_markup(hostile: tuple[Path, list[str]],
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    directory, written = hostile
    kb = load(directory)
    site = build(tmp_path_factory.mktemp("hostile-site") / "site", directory)
    seen = ""
    for url in own_pages(kb):
        html = parse(built_page(site, url))
        for attrs, code in html.scripts:
            assert "alert" not in code and "alert" not in str(attrs), f"/{url}: script from the knowledge base"
        assert not html.event_attrs, f"/{url}: {html.event_attrs}"
        assert not [h for h in html.hrefs if h.strip().lower().startswith("javascript:")], f"/{url}"
        assert "evil" not in html.ids
        assert html.tags.count("h1") == 1, f"/{url}: a knowledge-base string became a heading"
        page = built_page(site, url).read_text(encoding="utf-8")
        assert "<strong>bold</strong>" not in page and "<em>under</em>" not in page and "<code>tick</code>" not in page
        assert " 49 " not in html.plain
        assert visible(PAYLOAD) in html.plain or url in ("about/",), f"/{url}: the text is not visible"
        seen += html.plain + "\n"
    # Every poisoned string is shown on the guide's pages exactly as written, prefix and all.
    missing = [w for w in written if visible(w) not in seen]
    assert not missing, f"{len(missing)} strings were not shown as written, e.g. {missing[0]!r}"


def test_markdown_text_escapes() -> None:
    assert str(markdown_text("a * b _ c ` d [e](f) {g} | h < i & j")) == \
        "a &#42; b &#95; c &#96; d &#91;e&#93;(f) &#123;g&#125; &#124; h &#60; i &#38; j"
    for start in ("# x", "- x", "+ x", "> x", ": x", "= x", "!!! x", "? x", "~~~ x", "% x"):
        assert str(markdown_text(start)).startswith("&#"), start
    assert str(markdown_text("12. x")) == "12&#46; x" and str(markdown_text("3) x")) == "3&#41; x"
    assert str(markdown_text("a\n\n# b")) == "a # b"
    assert str(markdown_text("x\x02klzzwxh:0\x03y")) == "xklzzwxh:0y"
    assert str(markdown_text("co-branding e.g. 5%")) == "co-branding e.g. 5%"  # tooltips still match


def test_compiled_templates_are_cached_and_an_unwritable_cache_is_no_error(tmp_path, monkeypatch) -> None:
    from generator.markup import _bytecode_cache, environment
    monkeypatch.setenv("PARTNER_CACHE", str(tmp_path / "jinja"))
    environment().get_template("glossary.md.j2")
    assert list((tmp_path / "jinja").glob("__jinja2_*.cache")), "the compiled template was not stored"
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PARTNER_CACHE", str(blocker / "jinja"))
    assert _bytecode_cache() is None
    assert environment().get_template("glossary.md.j2")  # still renders, just uncached


def _synthesis_flags(value: object) -> int:
    """Every `synthesis` / `…_synthesis` flag set anywhere in the model, found by walking its records."""
    import dataclasses
    if isinstance(value, (list, tuple)):
        return sum(_synthesis_flags(v) for v in value)
    if isinstance(value, dict):
        return sum(_synthesis_flags(v) for v in value.values())
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return 0
    found = 0
    for f in dataclasses.fields(value):
        if not f.init:
            continue
        item = getattr(value, f.name)
        if (f.name == "synthesis" or f.name.endswith("_synthesis")) and item is True:
            found += 1
        else:
            found += _synthesis_flags(item)
    return found


def test_home_page_counts_every_synthesis_statement(kb):
    """The home page's count is every statement the site labels as synthesis: each flag in the KB
    (authored quiz questions aside, they are not guide text) and the debate's synthesis note."""
    from dataclasses import replace
    without_quiz = replace(kb, quiz=replace(kb.quiz, questions=[]))
    assert Guide(kb).citation_totals()[1] == _synthesis_flags(without_quiz) + 1
    text = render_pages(kb)["index.md"]
    assert f"{Guide(kb).citation_totals()[1]} statements are marked" in " ".join(text.split())
