"""Files the quiz adds to the site: question bank, rules, assets and pages.

Everything is computed from the knowledge base in memory; `generator.site`
hands the result to MkDocs. The study sheet is the bank in printable form, so
it and questions.json can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.model import KnowledgeBase, Topic
from generator.pages import anchors, render_page_template, render_template

from .bank import Question, build_bank, source_label
from .export import questions_json, rules_json

HERE = Path(__file__).parent
ASSETS = HERE / "assets"
STUDY_PAGE = "quiz/study.md"
STUDY_UP = "../../"  # from the study page's URL (quiz/study/) up to the site root


@dataclass(frozen=True)
class StudyQuestion:
    """A question as the study sheet shows it: numbered, prompt split into lines, link as a URL."""

    number: int
    question: Question
    lines: list[str]
    href: str  # URL relative to the study page's URL, e.g. "../../decision/#rule-supplier"


@dataclass(frozen=True)
class StudyTopic:
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


def study_topics(kb: KnowledgeBase, bank: list[Question]) -> list[StudyTopic]:
    """The bank grouped by quiz topic, in quiz.yml's order, numbered through."""
    page_urls = set(anchors(kb))
    groups: list[StudyTopic] = []
    number = 0
    for topic in kb.quiz.topics:
        items = []
        for q in (q for q in bank if q.topic == topic.id):
            number += 1
            items.append(StudyQuestion(number, q, q.prompt.split("\n"), STUDY_UP + q.link))
        page, anchor = relative_doc(topic.link, page_urls)
        groups.append(StudyTopic(topic, page, anchor, items))
    return groups


def study_page(kb: KnowledgeBase, bank: list[Question]) -> str:
    """quiz/study.md: the sheet's headings and text, each topic's questions as a raw HTML block.

    Raw HTML blocks are left alone by Python-Markdown (and so by both MkDocs and Zensical): the
    questions need no hook to splice them in after Markdown, and KB text in them stays text."""
    topics = study_topics(kb, bank)
    labels = {s.id: source_label(s) for s in kb.sources}
    questions = {group.topic.id: render_template("study_questions.html.j2", questions=group.questions,
                                                 labels=labels, up=STUDY_UP)
                 for group in topics}
    return render_page_template("study.md.j2", kb=kb, quiz=kb.quiz, topics=topics, questions=questions,
                                total=len(bank))


def asset(name: str) -> str:
    """A file from quiz/assets, as text."""
    return (ASSETS / name).read_text(encoding="utf-8")


def quiz_files(kb: KnowledgeBase, bank: list[Question] | None = None) -> dict[str, str]:
    """Site path → content for the quiz's data, pages and assets."""
    bank = build_bank(kb) if bank is None else bank
    return {
        "quiz/questions.json": questions_json(kb, bank),
        "quiz/rules.json": rules_json(kb),
        STUDY_PAGE: study_page(kb, bank),
        "quiz/index.md": render_template("quiz.md.j2", kb=kb, quiz=kb.quiz),
        "classify.md": render_template("classify.md.j2", kb=kb, quiz=kb.quiz),
        "assets/quiz/quiz.js": asset("quiz.js"),
        "assets/quiz/quiz.css": asset("quiz.css"),
    }
