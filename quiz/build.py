"""Files the quiz adds to the site: question bank, rules, assets and pages.

Everything is computed from the knowledge base in memory; `assemble.tree`
hands the result to the engine (MkDocs or Zensical). The study sheet is the bank in printable form, so
it and questions.json can never disagree.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.layout import Doc, Page, Target, site_pages, url_of
from generator.markup import TEMPLATES as GUIDE_TEMPLATES
from generator.markup import Links, render_page_template, render_template
from generator.model import KnowledgeBase, Topic

from .bank import build_bank
from .bundle import bundle_js, minify_css
from .exchange import EXPORTS, exports
from .export import VERSION, dumps, excerpts, questions_data, rules_data
from .question import KIND_TOPIC, PRACTICE, Question
from .scorm import PACKAGE, package
from .scorm import page as package_page

TEMPLATE_FOLDERS = (Path(__file__).resolve().parent / "templates", GUIDE_TEMPLATES)
"""The quiz's own templates first, then the guide's (their shared macros)."""

HERE = Path(__file__).parent
ASSETS = HERE / "assets"
STUDY_PAGE, CLASSIFY_PAGE, QUIZ_PAGE = Doc.STUDY, Doc.CLASSIFY, Doc.QUIZ
FORMATS_PAGE = Doc.FORMATS  # documents the two data files, with excerpts of this build's own
BUNDLE_JS, BUNDLE_CSS = "quiz.min.js", "quiz.min.css"  # what the quiz page loads (quiz/bundle.py)

RawLinks = Literal["url", "file"]
"""How an engine reads a relative href/src in a page's raw HTML. MkDocs leaves raw HTML alone, so
the browser resolves it against the page's URL ("url"); Zensical rewrites it as if it were relative
to the Markdown file, as a Markdown link is ("file"). The two differ on every page not named
index.md (classify.md is served at classify/), so raw-HTML links are written through `root_from`."""


def root_from(doc: str, raw_links: RawLinks = "url") -> str:
    """The way up from page `doc` to the site root in a raw-HTML href/src, as the engine reads it:
    classify.md → "../" for MkDocs (URL classify/), "" for Zensical (file at the root)."""
    return "../" * (url_of(doc) if raw_links == "url" else doc).count("/")


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
    target: Target
    questions: list[StudyQuestion]


def target_of(link: str, pages: list[Page]) -> Target:
    """The registry's page and anchor behind a site link such as "decision/#rule-supplier" (the
    quiz topics' `link`s, which the checks have matched against the registry)."""
    url, _, anchor = link.partition("#")
    return Target(next(page.path for page in pages if page.url == url), anchor)


def study_topics(kb: KnowledgeBase, bank: list[Question], raw_links: RawLinks = "url") -> list[StudyTopic]:
    """The bank grouped by quiz topic, in quiz.yml's order, numbered through."""
    up = root_from(STUDY_PAGE, raw_links)
    pages = site_pages(kb)
    groups: list[StudyTopic] = []
    number = 0
    for topic in kb.quiz.topics:
        items = []
        for q in (q for q in bank if q.topic == topic.id):
            number += 1
            items.append(StudyQuestion(number, q, q.prompt.split("\n"), up + q.link))
        groups.append(StudyTopic(topic, target_of(topic.link, pages), items))
    return groups


def study_page(kb: KnowledgeBase, bank: list[Question], raw_links: RawLinks = "url") -> str:
    """quiz/study.md: the sheet's headings and text, each topic's questions as a raw HTML block.

    Raw HTML blocks are left alone by Python-Markdown (and so by both MkDocs and Zensical): the
    questions need no hook to splice them in after Markdown, and KB text in them stays text."""
    topics = study_topics(kb, bank, raw_links)
    labels = {s.id: s.short for s in kb.sources}
    pages = site_pages(kb)
    html = Links(pages, STUDY_PAGE, up=root_from(STUDY_PAGE, raw_links))
    questions = {
        group.topic.id: render_template(
            "study_questions.html.j2", TEMPLATE_FOLDERS, questions=group.questions, labels=labels, link=html
        )
        for group in topics
    }
    return render_page_template(
        "study.md.j2",
        TEMPLATE_FOLDERS,
        kb=kb,
        quiz=kb.quiz,
        topics=topics,
        questions=questions,
        total=len(bank),
        link=Links(pages, STUDY_PAGE),
    )


def asset(name: str) -> str:
    """A file from quiz/assets, as text."""
    return (ASSETS / name).read_text(encoding="utf-8")


def bundle() -> tuple[str, str]:
    """The quiz page's script (quiz.js and all it imports) and stylesheet, bundled and minified."""
    return bundle_js("quiz.js", asset), minify_css(asset("quiz.css"))


DOWNLOADS = {"scorm": PACKAGE, **{kind: path for kind, path in zip(("qti", "moodle", "gift"), EXPORTS)}}
"""The files the quiz page offers for an LMS, by name, as site paths."""


def download_links(doc: str) -> dict[str, str]:
    """The downloads as Markdown links from page `doc` (they are files, not pages: no registry entry)."""
    return {kind: posixpath.relpath(path, posixpath.dirname(doc) or ".") for kind, path in DOWNLOADS.items()}


def downloads(kb: KnowledgeBase, bank: list[Question] | None = None, guide: str | None = None) -> dict[str, bytes]:
    """Site path → bytes of the binary downloads: the SCORM 1.2 package of the assessment, whose
    links to the guide go to `guide` (the site's published address) when it is known."""
    bank = build_bank(kb) if bank is None else bank
    js, css = bundle()
    return {
        PACKAGE: package(
            kb,
            {
                "index.html": package_page(kb, BUNDLE_JS, BUNDLE_CSS, guide),
                "questions.json": dumps(questions_data(kb, bank)),
                BUNDLE_JS: js,
                BUNDLE_CSS: css,
            },
        )
    }


def quiz_files(kb: KnowledgeBase, bank: list[Question] | None = None, raw_links: RawLinks = "url") -> dict[str, str]:
    """Site path → content for the quiz's data, pages and assets; raw-HTML links as the engine reads them."""
    bank = build_bank(kb) if bank is None else bank
    questions, rules = questions_data(kb, bank), rules_data(kb)
    pages = site_pages(kb)

    def links(doc: str) -> dict[str, Links]:
        """A quiz page's Markdown links, and the links of its <noscript> (which both engines leave
        alone, so the browser reads them against the page's URL)."""
        return {"link": Links(pages, doc), "noscript": Links(pages, doc, up="")}

    js, css = bundle()
    return {
        "quiz/questions.json": dumps(questions),
        "quiz/rules.json": dumps(rules),
        # The study sheet publishes answers: the practice pool only. The assessment pool is held out.
        STUDY_PAGE: study_page(kb, [q for q in bank if q.pool == PRACTICE], raw_links),
        QUIZ_PAGE: render_template(
            "quiz.md.j2",
            TEMPLATE_FOLDERS,
            kb=kb,
            quiz=kb.quiz,
            assessment=kb.assessment,
            bundle_js=BUNDLE_JS,
            bundle_css=BUNDLE_CSS,
            downloads=download_links(QUIZ_PAGE),
            **links(QUIZ_PAGE),
        ),
        CLASSIFY_PAGE: render_template(
            "classify.md.j2",
            TEMPLATE_FOLDERS,
            kb=kb,
            quiz=kb.quiz,
            root=root_from(CLASSIFY_PAGE, raw_links),
            **links(CLASSIFY_PAGE),
        ),
        FORMATS_PAGE: render_template(
            "formats.md.j2",
            TEMPLATE_FOLDERS,
            version=VERSION,
            kinds=list(KIND_TOPIC),
            urls=questions["urls"],
            **dict(zip(("questions_example", "rules_example"), excerpts(questions, rules))),
        ),
        "assets/quiz/quiz.css": asset("quiz.css"),
        f"assets/quiz/{BUNDLE_JS}": js,
        f"assets/quiz/{BUNDLE_CSS}": css,
        **exports(questions),
        # The ES modules: quiz.js and classify.js are the pages' entry points, importing the rest.
        **{f"assets/quiz/{js.name}": asset(js.name) for js in sorted(ASSETS.glob("*.js"))},
    }
