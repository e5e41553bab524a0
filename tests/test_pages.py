"""generator/pages.py, layout.py and markup.py: every knowledge-base item lands on its page,
citations link to real source lines, scenario outcomes come from the rules, every promised anchor
exists, and hostile text in the knowledge base stays text — in the generated Markdown and in a real
strict MkDocs build.

Run on the tiny fixture knowledge base (tests/fixtures/tiny/), whose content is known: expected
values are stated outright or counted here from its YAML files, never taken from the code under
test. What the real knowledge base says is tested in tests/test_content.py.
"""
from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cited import cited_items, on_guide_pages
from generator.knowledge import KNOWLEDGE_DIR, load
from generator.layout import anchors, first_week_slug, site_pages
from generator.load import load_knowledge
from generator.markup import TEMPLATES as TEMPLATES_DIR
from generator.markup import abbr_term, abbr_title, markdown_text, render_template
from generator.model import Cited, Impossible, KnowledgeBase, Notes, Outcome
from generator.pages import VIEWS, render_pages
from generator.views import CiteGroup, PageView, first_week_title
from support import build_site
from support.tiny import TINY_ARTICLES, TINY_KB, copy_tiny, edit

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


def check_cited(text: str, item: Cited, root: str = "") -> None:
    """Every citation of the item, read from its `cites` here (not through PageView.cites), is linked —
    a cited line to its own entry on the source's page, a whole source to the page — and a
    synthesis item carries the label."""
    assert item.cites or item.synthesis
    for cite in item.cites:
        sid, _, line = cite.partition(":")
        page = f"{root}sources/{sid}.md"
        if line:
            assert re.search(rf"(line|l\.)&nbsp;{line}\]\({re.escape(page)}#line-{line}\)", text), \
                f"no link to line {line} of {sid} in:\n{text}"
        else:
            assert f"]({page})" in text, f"no link to {sid} in:\n{text}"
    if item.synthesis:
        assert f"]({root}about.md#synthesis)" in text and "Guide's synthesis" in text


def tiny_yaml() -> dict[str, Any]:
    """The tiny knowledge base's sections as plain YAML data, read here without the generator."""
    data: dict[str, Any] = {}
    for path in sorted(TINY_KB.glob("*.yml")):
        data.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return data


def count_in(data: Any, what: str) -> int:
    """In plain YAML data: the citations ('cites') or the synthesis flags set ('synthesis' and
    '…_synthesis' true) anywhere."""
    if isinstance(data, list):
        return sum(count_in(v, what) for v in data)
    if not isinstance(data, dict):
        return 0
    found = 0
    for key, value in data.items():
        if what == "cites" and key == "cites":
            found += len(value)
        elif what == "synthesis" and str(key).endswith("synthesis") and value is True:
            found += 1
        else:
            found += count_in(value, what)
    return found


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


def build(out: Path, knowledge: Path | None = None, articles: Path | None = None) -> Path:
    """A real `mkdocs build --strict` of the project, optionally from another knowledge directory
    and articles (test_injection_browser builds the real hostile copy with it)."""
    env = {"PARTNER_KB": str(knowledge)} if knowledge else {}
    env |= {"PARTNER_SOURCES": str(articles)} if articles else {}
    result = build_site(ROOT, out, timeout=300, env=env or None)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


def build_tiny(out: Path, knowledge: Path = TINY_KB) -> Path:
    """The site of the tiny knowledge base (or of a copy of it), with the tiny articles."""
    return build(out, knowledge, TINY_ARTICLES)


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def guide(tiny: KnowledgeBase) -> PageView:
    return PageView(tiny)


@pytest.fixture(scope="session")
def pages(tiny: KnowledgeBase) -> dict[str, str]:
    return render_pages(tiny)


@pytest.fixture(scope="session")
def site(tiny_site: Path) -> Path:
    """The tiny knowledge base's site (conftest.py builds it once per session)."""
    return tiny_site


# --- the pages exist ---------------------------------------------------------------------------

def test_render_pages_makes_every_guide_page(pages: dict[str, str]) -> None:
    assert set(pages) == {f"{name}.md" for name in (
        "index", "definitions", "comparison", "kinds", "debate", "decision", "playbook", "pitfalls",
        "scenarios", "glossary", "about", "sources/index", "sources/ada", "sources/ben", "sources/cy",
        "first-week/index", "first-week/reseller")}
    for path, text in pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # optional front matter
        assert body.startswith("# "), f"{path} does not start with its title"


def test_anchors_promised_for_what_the_pages_show(tiny: KnowledgeBase) -> None:
    promised = anchors(tiny)
    # A source page promises an entry for each line cited, quoted or paraphrased (read off the YAML).
    assert {a for a in promised["sources/ada/"] if a.startswith("line-")} == {"line-3", "line-5", "line-7", "line-9"}
    assert {a for a in promised["sources/ben/"] if a.startswith("line-")} == {"line-3", "line-5", "line-7"}
    assert {a for a in promised["sources/cy/"] if a.startswith("line-")} == {"line-3", "line-5", "line-7", "line-9"}
    assert {"fact-sells_ours", "fact-pays_us", "rule-paying-reseller", "rule-bystander", "outcome-both",
            "signal-what-they-sell", "parties", "impossible"} <= promised["decision/"]
    assert promised["first-week/reseller/"] == {"steps", "step-1", "step-2"}
    assert promised["debate/"] == {"positions", "by-source", "synthesis", "ada", "ben", "cy"}
    assert promised["comparison/"] == {"table", "money", "yardstick"}


def test_markdown_writes_every_promised_anchor(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    for url, ids in anchors(tiny).items():
        path = "index.md" if url == "" else f"{url.rstrip('/')}.md"
        if url == "sources/":
            path = "sources/index.md"
        if path not in pages:
            continue  # quiz pages: the quiz builds them
        for anchor_id in ids:  # written once, as `{ #id }` or (in raw HTML, the checklists' steps) id="…"
            found = pages[path].count(f"{{ #{anchor_id} }}") + pages[path].count(f' id="{anchor_id}"')
            assert found == 1, f"{path}: #{anchor_id}"


def test_every_promised_anchor_is_in_the_built_html(tiny: KnowledgeBase, site: Path) -> None:
    for url, ids in anchors(tiny).items():
        html = parse(built_page(site, url))
        missing = ids - html.ids
        assert not missing, f"/{url} lacks {sorted(missing)}"


# --- every knowledge-base item is on its page, with its citations -------------------------------

@pytest.mark.parametrize("remedy_synthesis", [False, True])
def test_home_lists_sources_and_counts(remedy_synthesis: bool, tmp_path: Path) -> None:
    """The overview's numbers, and the citations and synthesis labels counted from the YAML files here
    (a remedy flagged as synthesis on its own counts too: the variant adds one)."""
    data = tiny_yaml()
    directory = TINY_KB
    if remedy_synthesis:
        directory = copy_tiny(tmp_path)
        edit(directory / "pitfalls.yml", "    remedy: Count only those who pay.\n",
             "    remedy: Count only those who pay.\n    remedy_synthesis: true\n")
        data["pitfalls"][2]["remedy_synthesis"] = True
    kb = load(directory, TINY_ARTICLES)
    pages = render_pages(kb)
    home = " ".join(pages["index.md"].split())
    assert ("**What to do instead:** Count only those who pay. [Guide's synthesis](about.md#synthesis)"
            in pages["pitfalls.md"]) == remedy_synthesis
    for sid, title, stance in [("ada", "Buyers and allies", "Customers pay you; resellers earn by selling your "
                                "product; some firms are both."),
                               ("ben", "Partners are customers too", "Anyone who pays you is a customer, partners "
                                "included."),
                               ("cy", "Sellers are partners, not customers", "A partner is never a customer.")]:
        assert f"](sources/{sid}.md) | *{inert(title)}* | {inert(stance)} |" in home
    for count, label, href in [
            (5, "definitions of customer and partner", "definitions.md"),
            (2, "dimensions on which they differ", "comparison.md"), (1, "kind of partner", "kinds.md#partner-kinds"),
            (3, "special cases", "kinds.md#special-cases"), (3, "positions in the debate", "debate.md#positions"),
            (2, "questions (any may be answered not sure)", "decision.md#questions"), (4, "decision rules", "decision.md#rules"),
            (4, "outcomes", "decision.md#outcomes"), (8, "plays in the playbook", "playbook.md#matrix"),
            (3, "pitfalls", "pitfalls.md"), (5, "cases", "scenarios.md"), (4, "glossary terms", "glossary.md")]:
        assert f"[{count} {label}]({href})" in home, label
    for target in ("definitions.md", "classify.md", "quiz/index.md", "decision.md#flowchart"):
        assert f"]({target})" in home
    assert "Answer 2 questions in the [classifier](classify.md)" in home and "This guide answers with what 3 articles" in home
    # The quiz's own questions are not guide text; the debate's synthesis note is one statement more.
    guide_text = {k: v for k, v in data.items() if k != "quiz"}
    cited, labelled = count_in(guide_text, "cites"), count_in(guide_text, "synthesis") + 1
    assert (cited, labelled) == (50, 10 if remedy_synthesis else 9)  # the same counts, by hand
    assert f"In all, the guide cites its sources {cited} times; {labelled} statements are marked" in home


def test_source_pages(pages: dict[str, str]) -> None:
    index = pages["sources/index.md"]
    ada, ben, cy = pages["sources/ada.md"], pages["sources/ben.md"], pages["sources/cy.md"]
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
    quoted = {sid: re.findall(r"^- <q>(.*?)</q> — \[line&nbsp;(\d+)\]\(#line-\2\)$", section(page, "quotes"), re.M)
              for sid, page in (("ada", ada), ("ben", ben), ("cy", cy))}
    assert quoted == {"ada": [("A customer pays you the price you ask", "3")],
                      "ben": [("Every firm that pays you is a customer", "3")],
                      "cy": [("Never treat a partner as a customer.", "7")]}
    # A line entry for every line the guide cites, quotes or paraphrases, saying what it takes from it.
    entries = {sid: re.findall(r"^### Line (\d+) \{ #line-\1 \}$", page, re.M)
               for sid, page in (("ada", ada), ("ben", ben), ("cy", cy))}
    assert entries == {"ada": ["3", "5", "7", "9"], "ben": ["3", "5", "7"], "cy": ["3", "5", "7", "9"]}
    line3 = section(ada, "line-3")
    assert "- A customer pays the asked price." in line3 and "- <q>A customer pays you the price you ask</q>" in line3
    assert "- Definitions: [Ada: customer — someone who pays the asked price](../definitions.md#ada-customer)" in line3
    assert "(../scenarios.md#bookshop)" in line3 and "(../scenarios.md#visitor)" not in line3
    line7 = section(cy, "line-7")  # quoted and cited, paraphrased in no key point
    assert "**Key points:**" not in line7 and "<q>Never treat a partner as a customer.</q>" in line7
    assert "(../pitfalls.md#partner-as-customer)" in line7 and "(../debate.md#cy)" in line7
    # Its definitions, and no one else's.
    assert re.findall(r"\(\.\./definitions\.md#([a-z-]+)\)", section(ada, "definitions")) == ["ada-customer", "ada-partner"]
    assert re.findall(r"\(\.\./definitions\.md#([a-z-]+)\)", section(ben, "definitions")) == ["ben-customer"]
    for page in (ada, ben, cy):
        assert "{ #cited-in }" in page  # what it lists: test_source_pages_name_everything_that_cites_them


def test_source_page_optional_parts(tiny: KnowledgeBase) -> None:
    """What the tiny sources lack: an article's address, a source quoted nowhere, one cited by no line."""
    ada, ben = tiny.sources[0], tiny.sources[1]
    variant = replace(tiny, sources=[replace(ada, url="https://example.com/ada?a=1&b=2"),
                                     replace(ben, quotes=[]), *tiny.sources[2:]],
                      definitions=[replace(x, quote=None) for x in tiny.definitions],
                      debate=replace(tiny.debate, stances=[replace(st, quote=None) for st in tiny.debate.stances]))
    pages = render_pages(variant)
    assert '**Original article:** <a href="https://example.com/ada?a=1&#38;b=2" rel="noopener">' in pages["sources/ada.md"]
    assert "The guide does not quote this source word for word." in section(pages["sources/ben.md"], "quotes")
    assert "<q>" not in pages["sources/ben.md"]


@pytest.mark.parametrize("which", ["tiny", "kb"])
def test_source_pages_name_everything_that_cites_them(which: str, request: pytest.FixtureRequest) -> None:
    """Computed independently of SourcesView.uses: walk the model and look for each item's link, in the
    source's "cited in" list and in the entry of every line it cites. On the tiny knowledge base and
    on the real one, which has kinds of item the tiny one lacks (the decision page's parties note)."""
    kb: KnowledgeBase = request.getfixturevalue(which)
    pages = render_pages(kb)
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
    unplaced = [loc for loc, item in cited_items(kb) if item.cites and id(item) not in placed and on_guide_pages(loc)]
    assert not unplaced, f"cited items no source page lists: {unplaced}"
    for item, target in places:
        for sid in item.source_ids:
            assert f"](../{target})" in section(pages[f"sources/{sid}.md"], "cited-in"), \
                f"sources/{sid}.md misses {target}"
        for cite in item.cites:
            sid, _, line = cite.partition(":")
            if line:
                assert f"](../{target})" in section(pages[f"sources/{sid}.md"], f"line-{line}"), \
                    f"sources/{sid}.md, line {line}, misses {target}"
    for r in d.rules:  # a source that would read a rule differently is cited by the alternatives
        for alt in r.alternatives:
            assert "](../decision.md#alternatives)" in section(pages[f"sources/{alt.source}.md"], "cited-in")
    if which == "tiny":
        assert "](../decision.md#alternatives)" not in pages["sources/ada.md"]


def test_definitions(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["definitions.md"]
    table = page[page.index("{ #side-by-side }"):page.index("{ #customer }")]
    # One row per source; Ben defines no partner.
    assert [re.findall(r"\(#([a-z-]+)\)", line) for line in table.splitlines() if line.startswith("| [")] == \
        [["ada-customer", "ada-partner"], ["ben-customer"], ["cy-customer", "cy-partner"]]
    assert "| [Ben](sources/ben.md) | [any paying firm](#ben-customer) { data-label=\"Customer\" } | (none given)" in table
    customers = page[page.index("{ #customer }"):page.index("{ #partner }")]
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
        term_section = page[page.index(f"{{ #{x.term} }}"):]
        assert f"{{ #{x.id} }}" in term_section
    excluded = page[page.index("{ #excluded-senses }"):]
    assert re.findall(r"\(#([a-z]+-[a-z]+)\)", excluded) == ["ada-partner"]  # the one definition that rules out
    line = next(line for line in excluded.splitlines() if "(#ada-partner)" in line)
    assert line == "- **Ada** (partner, [reseller](#ada-partner)): Someone who pays nothing is no customer at all."
    check_cited(excluded[excluded.index(line):].split("\n- ")[0], tiny.definitions[1])


def test_comparison(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    """One table, rendered once (a phone restyles it as cards): each row carries the dimension's
    name, what it is about and both sides with their citations, and is the dimension's anchor."""
    page = pages["comparison.md"]
    table = page[page.index("{ #table }"):]
    rows = [line for line in table.splitlines() if line.startswith("| **")]
    assert [re.match(r"\| \*\*(.*?)\*\*", row).group(1) for row in rows] == ["Who pays whom", "What you measure"]
    for dim, row in zip(tiny.dimensions, rows, strict=True):
        cells = row.split(" | ")
        assert cells[0].startswith(f"| **{inert(dim.name)}**") and inert(dim.summary) in cells[0]
        assert cells[0].endswith(f"{{ #{dim.id} }}")
        for cell, side, label in zip(cells[1:3], (dim.customer, dim.partner), ("Customer", "Partner")):
            assert inert(side.text) in cell and cell.rstrip(" |").endswith(f'{{ data-label="{label}" }}')
            check_cited(cell, side)
    assert "What they pay you.<br><span class=\"poc-cite\">[Guide's synthesis](about.md#synthesis)" in rows[1]
    assert "[Ada l.&nbsp;3](sources/ada.md#line-3)" in rows[0]  # the short form of a citation, in a table
    for dim in tiny.dimensions:  # the dimensions are not repeated one by one below the table
        assert page.count(str(inert(dim.customer.text))) == 1


def test_kinds(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["kinds.md"]
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


def debate_rows(page: str) -> list[tuple[str, list[bool]]]:
    """The debate table's rows: the source's label and, per position, whether it holds it."""
    matrix = page[page.index("{ #positions }"):page.index("{ #by-source }")]
    rows = []
    for line in matrix.splitlines():
        if line.startswith("| ["):
            cells = line.strip().strip("|").split(" | ")
            for cell in cells[1:]:
                assert "holds" in cell or ">does not state it<" in cell  # read aloud, shown as a dash
            rows.append((cells[0].strip(), ["holds" in cell for cell in cells[1:]]))  # a word, not only a symbol
    return rows


def test_debate(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["debate.md"]
    d = tiny.debate
    assert page.startswith("# Is a partner a customer?\n") and "The three sources disagree." in page
    matrix = page[page.index("{ #positions }"):page.index("{ #by-source }")]
    header = next(line for line in matrix.splitlines() if line.startswith("| Source"))
    assert [c.strip() for c in header.strip("| ").split(" | ")][1:] == [
        "Sometimes — a firm can be both", "Yes — whoever pays is a customer", "No — a partner is never a customer"]
    assert debate_rows(page) == [("[Ada](#ada)", [True, False, False]), ("[Ben](#ben)", [False, True, False]),
                                 ("[Cy](#cy)", [False, False, True])]
    labels = {p.id: p.label for p in d.positions}
    for st in d.stances:
        text = page[page.index(f"{{ #{st.source} }}"):]
        text = text[:text.index("\n### ")] if "\n### " in text else text[:text.index("{ #synthesis }")]
        assert f"**Position: {inert(labels[st.position])}**" in text and inert(st.argument) in text
        if st.quote:
            assert f"> {inert(st.quote.text)}" in text
        check_cited(text, st)
    synthesis = page[page.index("{ #synthesis }"):]
    assert inert(d.synthesis_note) in synthesis and "(about.md#synthesis)" in synthesis
    assert "!!! note" in synthesis


def test_debate_rows_follow_the_stances_then_the_silent_sources(tiny: KnowledgeBase) -> None:
    """Rows in the order of the stances (not of sources.yml), then the sources that take no position,
    which link to their source page; a source may take two positions."""
    ada, _, cy = tiny.debate.stances
    stances = [cy, ada, replace(ada, position="never")]
    page = render_pages(replace(tiny, debate=replace(tiny.debate, stances=stances)))["debate.md"]
    assert debate_rows(page) == [("[Cy](#cy)", [False, False, True]), ("[Ada](#ada)", [True, False, True]),
                                 ("[Ben](sources/ben.md) (takes no position)", [False, False, False])]
    assert "{ #ben }" not in page


def test_decision_questions_and_probing(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    assert section(page, "fact-sells_ours").startswith(
        "### Q1. Do they earn by selling our product to their own clients? { #fact-sells_ours }")
    assert section(page, "fact-pays_us").startswith("### Q2. Do they pay us? { #fact-pays_us }")
    for f in tiny.decision.facts:
        text = section(page, f"fact-{f.id}")
        for value in (f.question, f.help, f.yes, f.no, f.how_to_find_out):
            assert inert(value) in text
        assert ("Probing question" in text) == f.probing
        check_cited(text, f)
    probing = page[page.index("{ #probing-questions }"):page.index("{ #rules }")]
    assert "(#fact-sells_ours) | Not a reseller. {" in probing and "(#fact-pays_us)" not in probing
    without = replace(tiny, decision=replace(tiny.decision, facts=[replace(f, if_no=None) for f in tiny.decision.facts]))
    assert "No follow-up: go on to the next question." in render_pages(without)["decision.md"]


def test_decision_rules_table(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    d = tiny.decision
    shown = {True: ">Yes<", False: ">No<", None: ">any<", "directly": ">Directly<", "via_dealer": ">Through a dealer<",
             "nothing": ">Nothing<"}
    for r in d.rules:
        row = section(page, f"rule-{r.id}").splitlines()[0]
        assert row.startswith("| ") and row.endswith(" |"), "one table row per rule"
        cells = row.strip().strip("|").split(" | ")
        for f, cell in zip(d.facts, cells[:len(d.facts)]):
            wanted = r.when.get(f.id)
            assert all(shown[w] in cell for w in (wanted if isinstance(wanted, list) else [wanted])), (
                f"rule {r.id}, {f.id}: {cell}")
        last = cells[len(d.facts)]
        assert f"(#outcome-{r.outcome})" in last and inert(r.because) in last and f"`{r.id}`" in last
        assert ("(#alternatives)" in last) == bool(r.alternatives)
        check_cited(last, r)
    assert "(#alternatives)" in section(page, "rule-paying-reseller")
    paying = section(page, "rule-paying-reseller").splitlines()[0]
    assert ('<span class="poc-answer poc-answer--option">Directly</span> or '
            '<span class="poc-answer poc-answer--option">Through a dealer</span>') in paying, "a list reads 'a or b'"
    no_sale = replace(d.rules[3], when={"sells_ours": False})  # a fact a rule does not name reads "any"
    row = section(render_pages(replace(tiny, decision=replace(d, rules=[*d.rules[:2], no_sale])))["decision.md"],
                  "rule-bystander")
    assert row.count('<span class="poc-any">any</span>') == 1 and ">No<" in row


def test_decision_alternatives_and_outcomes(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    alternatives = page[page.index("{ #alternatives }"):page.index("{ #outcomes }")]
    rows = [line for line in alternatives.splitlines() if line.startswith("| [`")]
    assert len(rows) == 1
    assert rows[0].startswith("| [`paying-reseller`](#rule-paying-reseller) | [Reseller and customer](#outcome-both)")
    assert "[Customer](#outcome-customer)" in rows[0] and "[Ben](sources/ben.md)" in rows[0]
    assert "Whoever pays is a customer." in rows[0]
    reached = {o.id: re.findall(r"\[rule `([a-z-]+)`\]", section(page, f"outcome-{o.id}")) for o in tiny.decision.outcomes}
    assert reached == {"customer": ["customer"], "reseller": ["reseller"], "both": ["paying-reseller"],
                       "bystander": ["bystander"]}
    for o in tiny.decision.outcomes:
        text = section(page, f"outcome-{o.id}")
        assert inert(o.name) in text and inert(o.summary) in text and inert(o.next_step) in text
        assert f"(playbook.md#{o.id})" in text
        assert (f"**Next step:** {inert(o.next_step)} [Guide's synthesis]" in text) == o.next_step_synthesis
        check_cited(text, o)
    reseller = section(page, "outcome-reseller")  # its notes, and the kind that lands on it
    assert "**Described in:** [Reseller](kinds.md#reseller)" in reseller
    assert "(decision.md#signal-what-they-sell)" in reseller and "(pitfalls.md#taking-resellers-for-granted)" in reseller
    assert "(kinds.md#free-rider)" in section(page, "outcome-bystander")
    assert "Listed with this result" not in section(page, "outcome-customer")
    assert "- None are declared." in page[page.index("{ #impossible }"):]
    assert "The knowledge base says nothing about deals with several parties." in section(page, "parties")


BRANCH_LABELS = {True: "Yes", False: "No", "directly": "Directly or Through a dealer",
                 "via_dealer": "Directly or Through a dealer", "nothing": "Nothing"}


def _walk(tree_html: str, answers: dict) -> str:
    """Follow the drawn flowchart (nested <ul>) for one set of answers; return the rule id reached."""
    node = tree_html
    while True:
        question = re.match(r'\s*<li class="poc-flow__item">\s*(?:<span[^>]*>[^<]*</span>\s*)?'
                            r'<a class="poc-flow__question" href="#fact-([a-z0-9_-]+)">', node)
        if question is None:
            return re.search(r'href="#rule-([a-z0-9_-]+)"', node.split("</li>")[0]).group(1)
        # children: the <ul> right after the question; split into its top-level <li>, one per branch
        body = node[node.index('<ul class="poc-flow__branches">') + len('<ul class="poc-flow__branches">'):]
        depth, i, items, start = 0, 0, [], 0
        while not (depth == 0 and body.startswith("</ul>", i)):
            if body.startswith("<li", i):
                if depth == 0:
                    start = i
                depth += 1
            elif body.startswith("</li>", i):
                depth -= 1
                if depth == 0:
                    items.append(body[start:i + 5])
            i += 1
        label = f">{BRANCH_LABELS[answers[question.group(1)]]}</span>"
        node = next(item for item in items if label in item.split("<a")[0])


def test_flowchart_is_drawn_from_the_rules(pages: dict[str, str]) -> None:
    page = pages["decision.md"]
    chart = page[page.index('<ul class="poc-flow__tree">') + len('<ul class="poc-flow__tree">'):
                 page.index("</figure>")]
    assert "\n\n" not in chart, "a blank line would end the raw HTML block"
    # The tiny rules, read off decision.yml: one rule per combination of the two answers.
    for sells, pays, rule in [(True, "directly", "paying-reseller"), (True, "via_dealer", "paying-reseller"),
                              (True, "nothing", "reseller"), (False, "directly", "customer"),
                              (False, "via_dealer", "customer"), (False, "nothing", "bystander")]:
        assert _walk(chart, {"sells_ours": sells, "pays_us": pays}) == rule
    assert "2 questions at most on any path, 4 end points" in page


def test_playbook(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["playbook.md"]
    outcomes = tiny.decision.outcomes
    matrix = page[page.index("{ #matrix }"):page.index("</div>")]
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
        text = page[page.index(f"{{ #{o.id} }}\n"):]
        nxt = [text.index(f"{{ #{x.id} }}\n") for x in outcomes if x.id != o.id and f"{{ #{x.id} }}\n" in text]
        text = text[:min(nxt)] if nxt else text
        for p in tiny.playbook.plays:
            assert (inert(p.text) in text) == (p.outcome == o.id)
            if p.outcome == o.id:
                item = text[text.index(inert(p.text)):].split("\n- ")[0]
                check_cited(item, p)
    assert "(first-week/reseller.md)" in section(page, "reseller")
    assert "first-week/" not in section(page, "customer")


def test_playbook_cell_without_a_play_is_a_dash(tiny: KnowledgeBase) -> None:
    plays = [p for p in tiny.playbook.plays if p.id != "bystander-win"]
    page = render_pages(replace(tiny, playbook=replace(tiny.playbook, plays=plays)))["playbook.md"]
    row = next(line for line in page.splitlines() if "{ #win }" in line)
    last = row.strip().strip("|").split(" | ")[-1]
    assert re.sub(r'\s*\{ data-label="[^"]*" \}\s*$', "", last).strip() in ("&#45;", "-"), last


def test_pitfalls_and_glossary(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    pitfalls = pages["pitfalls.md"]
    for p in tiny.pitfalls:
        text = section(pitfalls, p.id)
        assert inert(p.name) in text and inert(p.description) in text
        assert f"**What to do instead:** {inert(p.remedy)}\n" in text  # not flagged: no label
        check_cited(text, p)
    glossary = pages["glossary.md"]
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


def test_first_week_checklists(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    """One page per outcome that has a checklist — the tiny KB has one, the reseller's — with its
    steps in order, each cited or labelled as synthesis, and linked from the playbook and the index."""
    index, page = pages["first-week/index.md"], pages["first-week/reseller.md"]
    assert [p for p in pages if p.startswith("first-week/")] == ["first-week/index.md", "first-week/reseller.md"]
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
    pages = render_pages(variant)
    assert [p for p in pages if p.startswith("first-week/")] == [
        "first-week/index.md", "first-week/customer.md", "first-week/reseller.md", "first-week/bystander.md"]
    assert pages["first-week/bystander.md"].startswith("# First week with a new not a customer\n")
    index = pages["first-week/index.md"]
    assert index.index("](customer.md)") < index.index("](reseller.md)") < index.index("](bystander.md)")


def test_first_week_title_reads_the_name_inside_a_sentence() -> None:
    def title(name: str) -> str:
        return first_week_title(Outcome(id="x", name=name, summary="s", next_step="n", synthesis=True))
    assert title("Channel partner") == "First week with a new channel partner"
    assert title("VAR") == "First week with a new VAR"  # an acronym keeps its capitals
    assert title("reseller") == "First week with a new reseller"


SCENARIOS = {  # the tiny cases, classified by hand from scenarios.yml and the four rules
    "bookshop": ("customer", "customer", [("1", "no", ""), ("2", "option", "Directly")]),
    "dealer": ("reseller", "reseller", [("1", "yes", ""), ("2", "option", "Nothing")]),
    "dealer-with-support": ("both", "paying-reseller", [("1", "yes", ""), ("2", "option", "Directly")]),
    "visitor": ("bystander", "bystander", [("1", "no", ""), ("2", "option", "Nothing")]),
    "new-account": (None, None, [("1", "unknown", ""), ("2", "option", "Directly")]),
}


def test_scenarios_show_the_computed_outcome(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    page = pages["scenarios.md"]
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
        answers = [line for line in text.splitlines() if line.startswith("- [Q")]
        assert len(answers) == 2
        for number, (fact, line) in enumerate(zip(("sells_ours", "pays_us"), answers, strict=True), 1):
            assert line.startswith(f"- [Q{number}. ") and f"(decision.md#fact-{fact})" in line
            assert answer[sc.facts[fact]] in line
        path_line = next(line for line in text.splitlines() if line.startswith("**The path"))
        assert [(n, kind, text if kind == "option" else "") for n, kind, text in re.findall(
            r"Q(\d+) <span class=\"poc-answer poc-answer--(yes|no|unknown|option)\">([^<]*)<", path_line)] == path
        assert "not needed" not in path_line
        check_cited(text, sc)
    undecided = section(page, "new-account")
    assert "**Undecided:** it could be [Customer](decision.md#outcome-customer), " \
           "[Reseller and customer](decision.md#outcome-both)." in undecided
    assert "**Find out first:** [Do they earn by selling our product to their own clients?]" \
           "(decision.md#fact-sells_ours) — Read the contract." in undecided
    # What else applies: the notes of the deciding rule and outcome, and where the sources differ.
    dealer = section(page, "dealer")
    assert "(decision.md#signal-what-they-sell)" in dealer and "(pitfalls.md#taking-resellers-for-granted)" in dealer
    assert "(kinds.md#free-rider)" in section(page, "visitor")
    assert "**Also applies:**" not in section(page, "bookshop")
    both = section(page, "dealer-with-support")
    assert "- Ben would call this [Customer](decision.md#outcome-customer): Whoever pays is a customer." in both
    assert "Where the sources would differ" not in dealer


def test_a_question_the_rules_never_ask_is_not_needed(tiny: KnowledgeBase) -> None:
    """With one rule for everyone who sells, a seller's payment is never asked."""
    d = tiny.decision
    sells = replace(d.rules[1], when={"sells_ours": True})
    variant = replace(tiny, decision=replace(d, rules=[sells, *d.rules[2:]]))
    path_line = next(line for line in section(render_pages(variant)["scenarios.md"], "dealer-with-support").splitlines()
                     if line.startswith("**The path"))
    assert path_line.endswith("**Reseller** — Q2 not needed")


def test_scenario_outcomes_ignore_expect(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    """`expect` is the author's guess; the page must come from the rules alone."""
    wrong = {"customer": "bystander", "reseller": "customer", "both": "reseller", "bystander": "both",
             "undecided": "customer"}
    for guessed in (None, "wrong"):
        scenarios = [replace(s, expect=None if guessed is None else wrong[s.expect or "undecided"])
                     for s in tiny.scenarios]
        assert render_pages(replace(tiny, scenarios=scenarios))["scenarios.md"] == pages["scenarios.md"]


def test_deals_with_several_parties(tiny: KnowledgeBase) -> None:
    """Cases sharing a deal are listed together above the cases; a deal of one case is not a deal."""
    dealer, support = tiny.scenarios[1], tiny.scenarios[2]
    variant = replace(tiny, scenarios=[tiny.scenarios[0], replace(dealer, deal="licences", party="the dealer"),
                                       replace(support, deal="licences"), replace(tiny.scenarios[3], deal="alone"),
                                       tiny.scenarios[4]])
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
    pages = render_pages(variant)
    assert "- **Pitfall — [Counting free users](pitfalls.md#counting-free-users)**" in \
        section(pages["scenarios.md"], "bookshop")
    assert "(pitfalls.md#counting-free-users)" in section(pages["decision.md"], "outcome-customer")
    assert "(pitfalls.md#counting-free-users)" not in section(pages["scenarios.md"], "dealer")
    listed = pages["decision.md"][pages["decision.md"].index("{ #impossible }"):]
    assert ("- [Q1. Do they earn by selling our product to their own clients?](#fact-sells_ours) "
            '<span class="poc-answer poc-answer--yes">Yes</span> and [Q2. Do they pay us?](#fact-pays_us) '
            '<span class="poc-answer poc-answer--yes">Yes</span>: No firm &#60;does&#62; both.') in listed


# --- Guide's citations ----------------------------------------------------------------------

def test_cites_groups_lines_by_source_in_order_first_cited(tiny: KnowledgeBase, guide: PageView) -> None:
    ada, ben = tiny.source("ada"), tiny.source("ben")
    item = replace(tiny.pitfalls[0], cites=["ben:7", "ada:9", "ben:3", "ben:7", "ada"])
    assert guide.cites(item) == [CiteGroup(ben, (3, 7)), CiteGroup(ada, (9,))]
    assert guide.cites(replace(item, cites=["ada"])) == [CiteGroup(ada, ())]


def test_a_whole_source_citation_links_to_the_source_page(tiny: KnowledgeBase) -> None:
    """No tiny item cites a source without a line: a variant does, in full and in a table cell."""
    pitfall = replace(tiny.pitfalls[0], cites=["ben"])
    dim = tiny.dimensions[0]
    variant = replace(tiny, pitfalls=[pitfall, *tiny.pitfalls[1:]],
                      dimensions=[replace(dim, customer=replace(dim.customer, cites=["ben", "ada:3"])),
                                  *tiny.dimensions[1:]])
    pages = render_pages(variant)
    assert '<span class="poc-cite">Source: [Ben, *Partners are customers too*](sources/ben.md)</span>' in \
        section(pages["pitfalls.md"], pitfall.id)
    row = section(pages["comparison.md"], dim.id)
    assert '<span class="poc-cite">[Ben](sources/ben.md); [Ada l.&nbsp;3](sources/ada.md#line-3)</span>' in row
    assert f"- [{pitfall.name}](../pitfalls.md#{pitfall.id})\n" in pages["sources/ben.md"]  # cited in, no line


# --- links, citations and tooltips in the built site -------------------------------------------

OWN_PAGES = ["", "definitions/", "comparison/", "kinds/", "debate/", "decision/", "playbook/", "first-week/",
             "first-week/reseller/", "pitfalls/", "scenarios/", "glossary/", "sources/", "sources/ada/",
             "sources/ben/", "sources/cy/", "about/"]
"""The guide's own pages, those the generator renders (About among them)."""


def test_the_registry_renders_the_pages_listed_here(tiny: KnowledgeBase) -> None:
    assert [p.url for p in site_pages(tiny) if p.template is not None] == OWN_PAGES


def test_built_links_resolve(site: Path) -> None:
    """Every relative link on the guide's pages reaches a built page, and its #anchor exists there."""
    checked = 0
    for url in OWN_PAGES:
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
                checked += 1
    assert checked > 100


def test_built_citations_link_to_source_pages(site: Path) -> None:
    lines = {"ada": {3, 5, 7, 9}, "ben": {3, 5, 7}, "cy": {3, 5, 7, 9}}  # the tiny articles' cited lines
    seen: set[tuple[str, int]] = set()
    for url in OWN_PAGES:
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
                sid = next((s for s in lines if target == (site / f"sources/{s}/").resolve()), None)
                assert sid is not None, f"/{url}: {href}"
                assert (target / "index.html").is_file()
                # A line citation lands on that line's entry.
                assert re.fullmatch(r"line-\d+", fragment), f"/{url}: {href}"
                n = int(fragment[5:])
                assert n in lines[sid], f"/{url}: {href}"
                assert label.endswith(f"\xa0{n}") or label.endswith(f"&nbsp;{n}"), \
                    f"/{url}: {label!r} does not name the line it links to ({href})"
                assert fragment in parse(target / "index.html").ids, f"/{url}: {href} has no such line entry"
                seen.add((sid, n))
    assert seen == {(s, n) for s, ns in lines.items() for n in ns}


def test_glossary_terms_get_tooltips(site: Path) -> None:
    """Every term used on a page shows its definition there; the glossary defines them in place, and
    B2B appears on no other page, so it has no tooltip anywhere."""
    found: dict[str, str] = {}
    for url in OWN_PAGES:
        html = parse(built_page(site, url))
        found.update(html.abbrs)
        if url != "glossary/":
            assert "B2B" not in html.plain
    assert found == {"reseller": "A firm that earns by selling your product.",
                     "referral agency": "An agency that sends you clients.",
                     "lowest price": "What a customer looks for, says Cy."}
    assert parse(built_page(site, "glossary/")).abbrs == []
    assert ("reseller", "A firm that earns by selling your product.") in parse(built_page(site, "kinds/")).abbrs


def test_abbreviations_are_safe() -> None:
    assert str(abbr_term("ok term")) == "ok term"
    assert str(abbr_term("bad ] term")) == "" and str(abbr_term("bad \\ term")) == ""
    assert str(abbr_title("a\nb  <c> & \"d\"")) == 'a b <c> & "d"'  # raw: the abbr extension escapes it
    assert str(abbr_title('""')) == ""


def test_abbreviation_lines(tiny: KnowledgeBase) -> None:
    from assemble.tree import glossary_abbreviations
    text = glossary_abbreviations(tiny)
    assert text.startswith("\n\n"), "a blank line keeps the definitions out of the page's last block"
    assert [line for line in text.splitlines() if line] == [
        "*[reseller]: A firm that earns by selling your product.", "*[B2B]: Business to business.",
        "*[referral agency]: An agency that sends you clients.", "*[lowest price]: What a customer looks for, says Cy."]
    odd = replace(tiny.glossary[0], term="x]y", definition="z")
    assert render_template("abbreviations.md.j2", glossary=[odd]).strip() == ""


def test_a_page_gets_only_the_terms_it_can_contain(tiny: KnowledgeBase) -> None:
    from assemble.tree import glossary_abbreviations
    text = glossary_abbreviations(tiny, "Intro mentioning a reseller and the lowest &amp; price only.")
    assert [line for line in text.splitlines() if line] == [
        "*[reseller]: A firm that earns by selling your product.", "*[lowest price]: What a customer looks for, says Cy."]
    assert "referral" not in glossary_abbreviations(tiny, "a referral, and nothing more")
    assert glossary_abbreviations(tiny, "").strip() == ""
    assert glossary_abbreviations(tiny, "reseller B2B referral agency lowest price") == glossary_abbreviations(tiny)


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
         "remedy", "term", "definition", "also_called", "example", "then"}
PREFIXES = ["", "# ", "- ", "> ", "1. ", "!!! tip ", ": ", "    ", "* ", "| "]


def poison(data: Any, path: tuple[str, ...] = (), found: list[str] | None = None) -> Any:
    """Append PAYLOAD (and sometimes a block-starting prefix) to every prose string.

    Left alone: quotations (the build checks them against the articles), the quiz's own
    settings, a definition's `term` (customer/partner, a fixed choice), the author "unnamed"
    (so that the author note is what the pages show) and the answers cases and rules give
    (a choice fact's option ids). Its options' texts are prose and are poisoned.
    """
    key = path[-1] if path else ""
    if isinstance(data, dict):
        return {k: v if k in ("quote", "quotes", "quiz") else poison(v, path + (str(k),), found)
                for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, path, found) for v in data]
    if path[:1] == ("quiz",) or (key == "term" and path[:1] == ("definitions",)) or data == "unnamed":
        return data
    if "facts" in path[1:] or "when" in path:  # answers (a choice fact's option ids), not prose
        return data
    if isinstance(data, str) and key in PROSE:
        prefix = "" if key in ("term", "definition") else PREFIXES[len(found or []) % len(PREFIXES)]
        value = f"{prefix}{data} {SHORT_PAYLOAD if key == 'definition' else PAYLOAD}"
        if found is not None:
            found.append(value)
        return value
    return data


def poisoned_copy(knowledge: Path, directory: Path) -> list[str]:
    """Write a copy of `knowledge` whose prose is full of markup to `directory`; the strings written."""
    directory.mkdir()
    loaded = load_knowledge(knowledge)  # keeps keys such as `yes:` as written, unlike yaml.safe_load
    written: list[str] = []
    files: dict[str, dict[str, Any]] = {}
    for section_name, value in loaded.data.items():
        files.setdefault(Path(loaded.origin[section_name]).name, {})[section_name] = \
            poison(value, (section_name,), written)
    for name, data in files.items():
        (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written


@pytest.fixture(scope="session")
def tiny_hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the tiny knowledge base whose prose is full of markup, and the strings written into it."""
    directory = tmp_path_factory.mktemp("hostile") / "knowledge"
    return directory, poisoned_copy(TINY_KB, directory)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The same of the real knowledge base, built with the real fixture articles: for the browser
    tests (test_injection_browser, test_zensical), which import it and drive the real quiz and tool."""
    directory = tmp_path_factory.mktemp("hostile-real") / "knowledge"
    return directory, poisoned_copy(KNOWLEDGE_DIR, directory)


def visible(text: str) -> str:
    """What a reader sees of a knowledge-base string (Markdown collapses whitespace)."""
    return " ".join(text.split())


def test_hostile_markdown_is_inert(tiny_hostile: tuple[Path, list[str]]) -> None:
    directory, written = tiny_hostile
    assert len(written) > 100  # every prose field of the tiny knowledge base, poisoned
    kb = load(directory, TINY_ARTICLES)
    pages = render_pages(kb)
    everything = "\n".join(pages.values())
    for dangerous in ("<script", "</script", "](javascript:", "**bold**", "_under_", "`tick`", "{{ 7*7 }}",
                      "{#evil}", "| pipe |", '"onmouseover', "&amp;", "<img", "<svg", "<a href=javascript"):
        assert dangerous not in everything, dangerous
    assert inert(PAYLOAD) in everything
    for value in written:  # no string may begin a Markdown block where the template puts it on its own line
        assert not re.match(r"\s*(\d+[.)]|[#>+*:!|=-])", inert(value)), value


@pytest.mark.build
def test_hostile_build_shows_text_not_markup(tiny_hostile: tuple[Path, list[str]],
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    directory, written = tiny_hostile
    site = build_tiny(tmp_path_factory.mktemp("hostile-site") / "site", directory)
    seen = ""
    for url in OWN_PAGES:
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
        assert visible(PAYLOAD) in html.plain, f"/{url}: the text is not visible"
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


def test_a_hand_written_quiz_question_is_not_guide_text(tiny: KnowledgeBase, pages: dict[str, str]) -> None:
    """q-never-pays cites Ada l. 11, which nothing on the guide's pages cites: only the quiz shows the
    question, so Ada's page has no entry for line 11, promises none, and the home count leaves it out."""
    assert tiny.quiz.questions[0].cites == ["ada:11"]
    assert "line-11" not in anchors(tiny)["sources/ada/"]
    assert "{ #line-11 }" not in pages["sources/ada.md"] and 'id="line-11"' not in pages["sources/ada.md"]
    assert "q-never-pays" not in pages["sources/ada.md"]


def test_every_page_template_has_a_view_that_answers_what_it_asks(tiny: KnowledgeBase) -> None:
    """Each template's `view.name` calls are answered by its own view (not one object with everything):
    read from the templates, so a template reaching for another page's lookup fails here by name."""
    templates = {page.template for page in site_pages(tiny) if page.template and page.template.endswith(".md.j2")
                 and (TEMPLATES_DIR / page.template).exists()}
    assert templates <= set(VIEWS), templates - set(VIEWS)
    macros = set(re.findall(r"\bview\.([a-z_]+)", (TEMPLATES_DIR / "_macros.md.j2").read_text(encoding="utf-8")))
    for name, view in VIEWS.items():
        asked = set(re.findall(r"\bview\.([a-z_]+)", (TEMPLATES_DIR / name).read_text(encoding="utf-8"))) | macros
        assert all(hasattr(view, method) for method in asked), (name, sorted(m for m in asked if not hasattr(view, m)))
    assert not hasattr(VIEWS["glossary.md.j2"], "worked") and not hasattr(VIEWS["index.md.j2"], "cited_in")
