"""Files the quiz adds to the site: question bank, rules, assets and pages.

Everything is computed from the knowledge base in memory; `assemble.tree`
hands the result to the engine (MkDocs or Zensical). The study sheet is the bank in printable form, so
it and questions.json can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from generator.layout import anchors
from generator.markup import TEMPLATES as GUIDE_TEMPLATES
from generator.markup import render_page_template, render_template
from generator.model import KnowledgeBase, Topic

from .bank import build_bank
from .export import VERSION, dumps, excerpts, questions_data, rules_data
from .question import Question

TEMPLATE_FOLDERS = (Path(__file__).resolve().parent / "templates", GUIDE_TEMPLATES)
"""The quiz's own templates first, then the guide's (their shared macros)."""

HERE = Path(__file__).parent
ASSETS = HERE / "assets"
STUDY_PAGE = "quiz/study.md"
CLASSIFY_PAGE = "classify.md"
FORMATS_PAGE = "formats.md"  # documents the two data files, with excerpts of this build's own

RawLinks = Literal["url", "file"]
"""How an engine reads a relative href/src in a page's raw HTML. MkDocs leaves raw HTML alone, so
the browser resolves it against the page's URL ("url"); Zensical rewrites it as if it were relative
to the Markdown file, as a Markdown link is ("file"). The two differ on every page not named
index.md (classify.md is served at classify/), so raw-HTML links are written through `root_from`."""


def root_from(doc: str, raw_links: RawLinks = "url") -> str:
    """The way up from page `doc` to the site root in a raw-HTML href/src, as the engine reads it:
    classify.md → "../" for MkDocs (URL classify/), "" for Zensical (file at the root)."""
    depth = doc.count("/")
    if raw_links == "url" and PurePosixPath(doc).name != "index.md":
        depth += 1
    return "../" * depth


@dataclass(frozen=True)
class StudyQuestion:
    """A question as the study sheet shows it: numbered, prompt split into lines, link as a URL."""

    number: int
    question: Question
    lines: list[str]
    href: str  # raw-HTML link from the study page, e.g. "../../decision/#rule-supplier" (see root_from)


@dataclass(frozen=True)
class StudyTopic:
    """One topic of the study list: the guide page and anchor to read, and the questions that test it."""

    topic: Topic
    page: str
    anchor: str
    questions: list[StudyQuestion]


def doc_path(url: str, page_urls: set[str]) -> str:
    """The Markdown file behind a site URL: "decision/" → "decision.md", "sources/" → "sources/index.md"."""
    if url == "" or any(other != url and other.startswith(url) for other in page_urls):
        return f"{url}index.md"
    return f"{url.rstrip('/')}.md"


def relative_doc(link: str, page_urls: set[str], from_doc: str = STUDY_PAGE) -> tuple[str, str]:
    """(Markdown path relative to `from_doc`, anchor) for a site link such as "decision/#rule-supplier"."""
    url, _, anchor = link.partition("#")
    up = "../" * from_doc.count("/")
    return up + doc_path(url, page_urls), anchor


def study_topics(kb: KnowledgeBase, bank: list[Question], raw_links: RawLinks = "url") -> list[StudyTopic]:
    """The bank grouped by quiz topic, in quiz.yml's order, numbered through."""
    up = root_from(STUDY_PAGE, raw_links)
    page_urls = set(anchors(kb))
    groups: list[StudyTopic] = []
    number = 0
    for topic in kb.quiz.topics:
        items = []
        for q in (q for q in bank if q.topic == topic.id):
            number += 1
            items.append(StudyQuestion(number, q, q.prompt.split("\n"), up + q.link))
        page, anchor = relative_doc(topic.link, page_urls)
        groups.append(StudyTopic(topic, page, anchor, items))
    return groups


def study_page(kb: KnowledgeBase, bank: list[Question], raw_links: RawLinks = "url") -> str:
    """quiz/study.md: the sheet's headings and text, each topic's questions as a raw HTML block.

    Raw HTML blocks are left alone by Python-Markdown (and so by both MkDocs and Zensical): the
    questions need no hook to splice them in after Markdown, and KB text in them stays text."""
    topics = study_topics(kb, bank, raw_links)
    labels = {s.id: s.short for s in kb.sources}
    questions = {group.topic.id: render_template("study_questions.html.j2", TEMPLATE_FOLDERS, questions=group.questions,
                                                 labels=labels, up=root_from(STUDY_PAGE, raw_links))
                 for group in topics}
    return render_page_template("study.md.j2", TEMPLATE_FOLDERS, kb=kb, quiz=kb.quiz, topics=topics, questions=questions,
                                total=len(bank))


def asset(name: str) -> str:
    """A file from quiz/assets, as text."""
    return (ASSETS / name).read_text(encoding="utf-8")


def quiz_files(kb: KnowledgeBase, bank: list[Question] | None = None,
               raw_links: RawLinks = "url") -> dict[str, str]:
    """Site path → content for the quiz's data, pages and assets; raw-HTML links as the engine reads them."""
    bank = build_bank(kb) if bank is None else bank
    questions, rules = questions_data(kb, bank), rules_data(kb)
    return {
        "quiz/questions.json": dumps(questions),
        "quiz/rules.json": dumps(rules),
        STUDY_PAGE: study_page(kb, bank, raw_links),
        "quiz/index.md": render_template("quiz.md.j2", TEMPLATE_FOLDERS, kb=kb, quiz=kb.quiz),
        CLASSIFY_PAGE: render_template("classify.md.j2", TEMPLATE_FOLDERS, kb=kb, quiz=kb.quiz,
                                       root=root_from(CLASSIFY_PAGE, raw_links)),
        FORMATS_PAGE: render_template("formats.md.j2", TEMPLATE_FOLDERS, version=VERSION,
                                      **dict(zip(("questions_example", "rules_example"), excerpts(questions, rules)))),
        "assets/quiz/quiz.css": asset("quiz.css"),
        # The ES modules: quiz.js and classify.js are the pages' entry points, importing the rest.
        **{f"assets/quiz/{js.name}": asset(js.name) for js in sorted(ASSETS.glob("*.js"))},
    }
