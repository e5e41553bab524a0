"""The files the quiz adds to the site, and the study sheet rendered as MkDocs would render it.

Run on the tiny fixture knowledge base (tests/fixtures/tiny), built into a site of its own: the
generator and the quiz must work for any sound knowledge base, not just the real one."""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown

from assemble.tree import nav
from generator.knowledge import load
from generator.layout import anchors, site_pages
from generator.linkcheck import base_path_of, check_site
from generator.model import KnowledgeBase
from quiz.assessment import opaque
from quiz.bank import build_bank
from quiz.build import ASSETS, STUDY_PAGE, quiz_files, study_page
from quiz.export import questions_json, rules_json
from quiz.question import Question
from support.markdown import site_extensions
from support.tiny import TINY_ARTICLES, copy_tiny

ROOT = Path(__file__).resolve().parent.parent
ATTACK = "</script><script>alert(1)</script>"


class Page(HTMLParser):
    """Ids, links and visible text of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])


def to_html(text: str) -> str:
    """Markdown → HTML with the site's own extensions (as listed in mkdocs.yml)."""
    names, configs = site_extensions()
    return markdown.markdown(text, extensions=names, extension_configs=configs)


def study_html(tiny: KnowledgeBase, tiny_bank: list[Question]) -> str:
    """The study sheet as either engine makes it: its Markdown (questions as raw HTML) rendered."""
    return to_html(study_page(tiny, tiny_bank))


def nav_pages(tiny: KnowledgeBase) -> set[str]:
    """Every docs-relative Markdown path in the navigation."""
    found: set[str] = set()

    def walk(item):
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, list):
            for x in item:
                walk(x)
        elif isinstance(item, dict):
            for x in item.values():
                walk(x)

    walk(nav(tiny))
    return found


def hostile_kb(tmp_path: Path) -> KnowledgeBase:
    target = copy_tiny(tmp_path)
    path = target / "scenarios.yml"
    text = path.read_text(encoding="utf-8")
    old = "story: A bookshop pays"
    assert text.count(old) == 1
    path.write_text(
        text.replace(old, f"story: A bookshop {ATTACK} *pays* [x](http://evil.example) pays"), encoding="utf-8"
    )
    return load(target, TINY_ARTICLES)


def test_every_site_url_maps_to_a_page_in_the_nav(tiny):
    pages, by_url = nav_pages(tiny), {page.url: page.path for page in site_pages(tiny)}
    for url in anchors(tiny):
        assert by_url[url] in pages, url


def test_study_sheet_lists_every_question_with_its_answer(tiny, tiny_bank):
    html = study_html(tiny, tiny_bank)
    page = Page(html)
    by_topic = [
        q.id for t in tiny.quiz.topics for q in tiny_bank if q.topic == t.id
    ]  # grouped by topic, in quiz.yml order
    assert len(by_topic) == len(tiny_bank) == 33
    assert [i for i in page.ids if i in {q.id for q in tiny_bank}] == by_topic
    assert html.count("✔ correct") == sum(len(q.correct) for q in tiny_bank)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    for q in tiny_bank:
        for option in q.options:
            assert " ".join(option.text.split()) in " ".join(text.split()), (q.id, option.id)


def test_study_sheet_links_resolve(tiny, tiny_bank):
    page = Page(study_html(tiny, tiny_bank))
    pages, listed = nav_pages(tiny), anchors(tiny)
    by_doc = {page.path: page.url for page in site_pages(tiny) if page.url in listed}
    here = PurePosixPath(STUDY_PAGE).parent
    internal = [h for h in page.hrefs if not h.startswith("#")]
    assert len(internal) >= len(tiny_bank)
    for href in internal:
        path, _, anchor = href.partition("#")
        if path.endswith(".md"):  # Markdown links (topic headings): MkDocs turns them into URLs
            target = posixpath.normpath(str(here / path))
            assert target in pages, href
            url = by_doc[target]
        else:  # raw HTML (each question): already a URL, relative to the page's own URL quiz/study/
            url = posixpath.normpath(posixpath.join("quiz/study", path)) + "/"
            url = "" if url == "./" else url
            assert url in listed, href
        if anchor:
            assert anchor in listed[url], href


def test_study_sheet_keeps_kb_text_as_text(tmp_path):
    tiny = hostile_kb(tmp_path)
    html = study_html(tiny, build_bank(tiny))
    assert "<script" not in html.lower()
    assert 'href="http://evil.example"' not in html
    assert "<em>pays</em>" not in html
    assert ATTACK in unescape(re.sub(r"<(?!/?script)[^>]+>", "", html))


def test_quiz_files(tiny, tiny_bank):
    files = quiz_files(tiny)
    modules = [
        "quiz",
        "classify",
        "component",
        "dom",
        "quiz-widget",
        "classify-widget",
        "rules",
        "urlstate",
        "draw",
        "storage",
        "valid",
        "validrules",
        "format",
        "lms",
        "lms-widget",
    ]
    assert set(files) == {
        "quiz/questions.json",
        "quiz/rules.json",
        "quiz/study.md",
        "quiz/index.md",
        "classify.md",
        "formats.md",
        "assets/quiz/quiz.css",
        *(f"assets/quiz/{m}.js" for m in modules),
        "assets/quiz/quiz.min.js",
        "assets/quiz/quiz.min.css",
        "downloads/partner-or-customer-qti12.xml",
        "downloads/partner-or-customer-moodle.xml",
        "downloads/partner-or-customer.gift.txt",
    }
    assert [q["id"] for q in json.loads(files["quiz/questions.json"])["questions"]] == [q.id for q in tiny_bank]
    assert files["quiz/study.md"] == study_page(
        tiny, [q for q in tiny_bank if q.pool == "practice"]
    )  # held-out questions stay off it
    for m in modules:
        assert files[f"assets/quiz/{m}.js"] == (ASSETS / f"{m}.js").read_text(encoding="utf-8")
    assert files["assets/quiz/quiz.css"] == (ASSETS / "quiz.css").read_text(encoding="utf-8")


def test_links_resolve_to_ids_in_the_built_site(tiny, tiny_bank, tiny_site):
    ids: dict[str, set[str]] = {}
    links = [q.link for q in tiny_bank] + [t.link for t in tiny.quiz.topics]
    for link in links:
        url, _, anchor = link.partition("#")
        if url not in ids:
            html = tiny_site / url / "index.html"
            assert html.is_file(), link
            ids[url] = set(Page(html.read_text(encoding="utf-8")).ids)
        assert not anchor or anchor in ids[url], link
    study = set(Page((tiny_site / "quiz" / "study" / "index.html").read_text(encoding="utf-8")).ids)
    assert {q.id for q in tiny_bank} <= study


def test_the_site_serves_the_data_files(tiny, tiny_bank, tiny_site):
    assert (tiny_site / "quiz" / "questions.json").read_text(encoding="utf-8") == questions_json(tiny, tiny_bank)
    assert (tiny_site / "quiz" / "rules.json").read_text(encoding="utf-8") == rules_json(tiny)


def test_search_indexes_the_guide_but_not_the_study_sheet(tiny_site):
    """The study sheet restates the guide question by question: search leads to the guide instead;
    the quiz widget and the data formats (JSON internals) would only clutter business searches."""
    docs = json.loads((tiny_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    assert not any(p.startswith(("quiz/", "formats/")) for p in pages)
    assert {"", "comparison/", "decision/", "classify/", "sources/ada/"} <= pages


def test_study_questions_pass_through_markdown_untouched(tiny, tiny_bank):
    """Each question is a raw HTML block: Markdown must hand it on byte for byte (no hook splices it)."""
    source, html = study_page(tiny, tiny_bank), study_html(tiny, tiny_bank)
    blocks = re.findall(r'<div class="study-question".*?\n</div>', source, re.S)
    assert len(blocks) == len(tiny_bank)
    for block in blocks:
        assert block in html


def test_the_tiny_site_is_whole(tiny_site: Path) -> None:
    """Every page the registry promises for this knowledge base was built, and no link or anchor in
    it is broken: nothing in the code assumes the real knowledge base's sources or outcomes."""
    built = {p.relative_to(tiny_site).as_posix() for p in tiny_site.rglob("index.html")}
    expected = {
        "index.html",
        "sources/index.html",
        "first-week/index.html",
        "first-week/reseller/index.html",
        *(
            f"{name}/index.html"
            for name in (
                "definitions",
                "comparison",
                "kinds",
                "debate",
                "decision",
                "playbook",
                "pitfalls",
                "scenarios",
                "glossary",
                "quiz",
                "quiz/study",
                "classify",
                "about",
                "formats",
            )
        ),
        *(f"sources/{s}/index.html" for s in ("ada", "ben", "cy")),
    }
    assert built == expected
    assert check_site(tiny_site, base_path_of(ROOT / "mkdocs.yml")) == []
    assert "Nikolov" not in (tiny_site / "about" / "index.html").read_text(encoding="utf-8")


def excerpt_of(page: str, n: int) -> object:
    """The n-th JSON excerpt of the data-formats page, as data."""
    blocks = re.findall(r'<pre class="poc-json"><code>(.*?)</code></pre>', page, re.S)
    assert len(blocks) == 2
    return json.loads(unescape(blocks[n]))


def test_the_formats_page_shows_this_builds_own_data(tiny, tiny_bank):
    """The documented layout is the real one: the excerpts are the files' own keys and values (long
    texts cut at a word and ending in " …"), so the page cannot describe a field that no longer exists."""
    files = quiz_files(tiny, tiny_bank)
    questions = json.loads(files["quiz/questions.json"])
    rules = json.loads(files["quiz/rules.json"])
    shown_q, shown_r = excerpt_of(files["formats.md"], 0), excerpt_of(files["formats.md"], 1)
    assert set(shown_q) == set(questions) and set(shown_r) == set(rules)
    assert shown_q["version"] == questions["version"] and f"is `{questions['version']}`" in files["formats.md"]
    q = shown_q["questions"][0]
    assert q["id"] == "scenario-bookshop" and q["correct"] == [
        opaque("scenario-bookshop", "customer")
    ]  # the first case told with a rule
    real = next(x for x in questions["questions"] if x["id"] == q["id"])
    assert set(q) == set(real) and q["options"] == real["options"] and q["facts"] == real["facts"]
    fact = shown_r["facts"][0]
    assert fact["id"] == "sells_ours" and fact["probing"] is True  # the first probing question
    assert shown_r["rules"][0]["id"] == "paying-reseller"  # the first rule with more than one condition
    assert shown_r["readings"] == [{**rules["readings"][0]}]  # a source's own reading, short enough to show whole
    assert shown_r["readings"][0]["answers"] == "Do they pay us?"
    assert list(shown_q["sources"]) == list(shown_r["sources"]) == ["ada"]


def test_the_formats_page_keeps_kb_text_as_text(tmp_path):
    tiny = hostile_kb(tmp_path)
    page = quiz_files(tiny, build_bank(tiny))["formats.md"]
    assert ATTACK not in page and "<script>alert" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page  # the bookshop's story, escaped in the excerpt
