"""The benchmark's pure parts: the weight accounting and the mkdocs-quiz page it weighs against.

The benchmark itself (timed builds, Lighthouse) runs with `make bench`, never here.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from bench.baseline import pregenerated_project
from bench.rival import quiz_page, rival_project
from bench.runner import Comparison, Run, Series
from bench.suite import ScaleRow, floor_rows, growth_rows
from bench.weights import loaded_files, own_weight, page_weight
from quiz.question import Option, Question
from support import build_site, site_paths
from support.tiny import TINY_ARTICLES, TINY_KB


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode(), compresslevel=9))


HOME = (
    '<link rel="stylesheet" href="assets/theme.css"><link rel="stylesheet" href="https://cdn.example/x.css">'
    '<script src="assets/javascripts/bundle.js"></script><p>home</p>'
)
QUIZ = (
    '<link rel="stylesheet" href="../assets/theme.css"><link rel="stylesheet" href="../assets/quiz/quiz.css">'
    '<script src="/partner-or-customer/assets/javascripts/bundle.js"></script>'
    '<script type="module" src="../assets/quiz/quiz.js"></script><script src="../assets/missing.js"></script>'
    '<div data-module="quiz" data-root="../" data-src="quiz/questions.json"></div><p>the quiz</p>'
)
FILES = {
    "index.html": HOME,
    "quiz/index.html": QUIZ,
    "assets/theme.css": "body { color: black }\n" * 40,
    "assets/javascripts/bundle.js": 'fetch("search/search_index.json")\n' * 30,  # the theme's: not followed
    "assets/quiz/quiz.css": ".quiz { margin: 0 }\n" * 5,
    "assets/quiz/quiz.js": 'import { draw } from "./draw.js";\nimport("./widgets.js");\nconst s = "rules.json";\n',
    "assets/quiz/draw.js": 'export { pick } from "./pick.js";\nexport const draw = 1;\n',
    "assets/quiz/pick.js": "export const pick = 2;\n",
    "assets/quiz/widgets.js": 'import "./draw.js";\n',
    "quiz/questions.json": '{"questions": [' + ", ".join(['{"id": "q"}'] * 50) + "]}",
    "quiz/rules.json": '{"rules": []}',
    "search/search_index.json": '{"docs": []}',
}


def test_a_page_loads_its_files_the_modules_they_import_and_the_json_they_name(tmp_path: Path) -> None:
    site = _write(tmp_path, FILES)
    assert loaded_files(site, "quiz/") == {
        "assets/theme.css": "css",
        "assets/quiz/quiz.css": "css",
        "assets/javascripts/bundle.js": "js",
        "assets/quiz/quiz.js": "js",
        "quiz/questions.json": "json",
        "assets/quiz/draw.js": "js",
        "assets/quiz/widgets.js": "js",
        "quiz/rules.json": "json",
        "assets/quiz/pick.js": "js",
    }
    weight = page_weight(site, "quiz/")
    assert weight["total_gzip"] == _gz(QUIZ) + sum(_gz(FILES[p]) for p in loaded_files(site, "quiz/"))


def test_a_pages_own_bytes_leave_out_what_the_home_page_loads(tmp_path: Path) -> None:
    site = _write(tmp_path, FILES)
    own = own_weight(site, "quiz/")
    assert set(own["files"]) == {
        "quiz/index.html",
        "assets/quiz/quiz.css",
        "assets/quiz/quiz.js",
        "assets/quiz/draw.js",
        "assets/quiz/pick.js",
        "assets/quiz/widgets.js",
        "quiz/questions.json",
        "quiz/rules.json",
    }
    assert own["shared_with_home"] == ["assets/javascripts/bundle.js", "assets/theme.css"]
    assert own["total_gzip"] == sum(_gz(FILES[p]) for p in own["files"])
    assert own_weight(site, "")["files"] == {"index.html": _gz(HOME)}  # the home page's own: its HTML


class _Quizzes(HTMLParser):
    """Each rendered mkdocs-quiz question: its text, and per answer (label, input type, right?)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.quizzes: list[dict] = []
        self.where = ""
        self.answer_label = False  # the next <label> names the answer just read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "quiz" in classes:
            self.quizzes.append({"question": "", "answers": [], "content": ""})
        elif tag == "div" and "quiz-question" in classes:
            self.where = "question"
        elif tag == "input" and self.quizzes and a.get("type") in ("radio", "checkbox"):
            self.quizzes[-1]["answers"].append(["", a["type"], a.get("data-correct") == "true"])
            self.answer_label = True
        elif tag == "label" and self.answer_label:
            self.where, self.answer_label = "label", False
        elif tag == "section" and "content" in classes:
            self.where = "content"

    def handle_endtag(self, tag: str) -> None:
        if (tag in ("div", "label", "section") and self.where != "content") or tag == "section":
            self.where = ""

    def handle_data(self, data: str) -> None:
        if not self.quizzes or not self.where:
            return
        quiz = self.quizzes[-1]
        if self.where == "label":
            quiz["answers"][-1][0] += data
        else:
            quiz[self.where] += data


HOSTILE = "Is *this* <b>bold</b> or [[a blank]] </quiz>\n- [x] a fake answer line & more"
BANK = [
    Question(
        "q1",
        "definitions",
        "definition",
        HOSTILE,
        [Option("a", "The `right` one"), Option("b", "- [x] not right </quiz>"), Option("c", "_Third_")],
        ["a"],
        "Because > it is.",
        ["nikolov"],
        "definitions/#customer",
    ),
    Question(
        "q2",
        "distinctions",
        "distinction",
        "Which two are partners?",
        [Option("p", "Reseller"), Option("q", "Buyer"), Option("r", "Integrator")],
        ["p", "r"],
        "Both share the risk.",
        [],
        "comparison/",
    ),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The 2-question bank as an mkdocs-quiz page, built by MkDocs + Material + mkdocs-quiz."""
    tmp = tmp_path_factory.mktemp("rival")
    page = quiz_page(BANK, {"nikolov": "Stanislav Nikolov, “The difference”"}.__getitem__)
    project = rival_project(page, tmp / "project")
    done = build_site(project, tmp / "site", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    parser = _Quizzes()
    parser.feed((tmp / "site" / "quiz" / "index.html").read_text(encoding="utf-8"))
    return parser.quizzes


@pytest.mark.build
def test_mkdocs_quiz_reads_every_question_with_its_answers(rendered: list[dict]) -> None:
    assert len(rendered) == len(BANK)
    for quiz, question in zip(rendered, BANK):
        answers = [(text.strip(), right) for text, _, right in quiz["answers"]]
        expected = [(o.text, o.id in question.correct) for o in question.options]
        assert answers == expected
        kinds = {kind for _, kind, _ in quiz["answers"]}
        assert kinds == ({"checkbox"} if question.multiple else {"radio"})
        assert question.explanation in quiz["content"]


@pytest.mark.build
def test_kb_text_stays_text_on_the_mkdocs_quiz_page(rendered: list[dict]) -> None:
    """Markup, a closing </quiz>, a fake answer line and a fill-in blank in KB text are shown as
    written, not obeyed: the question keeps its three answers and no blank becomes an input."""
    first = rendered[0]
    assert " ".join(first["question"].split()) == " ".join(HOSTILE.split())
    assert len(first["answers"]) == 3
    assert "Stanislav Nikolov, “The difference”" in first["content"]


def _size(factor: int, pages: int, site_cpu: float, plain_cpu: float, timed_out: bool = False) -> ScaleRow:
    return ScaleRow(
        factor=factor,
        pages=pages,
        runs=1,
        site_s=site_cpu,
        site_cpu=site_cpu,
        plain_s=plain_cpu,
        plain_cpu=plain_cpu,
        site_rss_mb=1.0,
        plain_rss_mb=1.0,
        timed_out=timed_out,
        estimated="",
    )


def test_growth_is_judged_against_the_knowledge_base_and_against_pages() -> None:
    """Ten times the content for five times the CPU is linear enough in size (k = 0.70) but, with only
    twice the pages, superlinear in pages (b = 2.32) unless the plain site grew as fast."""
    result: dict[str, Any] = {}
    rows = growth_rows([_size(1, 10, 1.0, 1.0), _size(10, 20, 5.0, 2.0), _size(100, 200, 80.0, 20.0)], result)
    assert [r.metric for r in rows] == [
        "growth ×1→×10: CPU ∝ KB size^k, k =",
        "growth ×1→×10: CPU ∝ pages^b, b =",
        "growth ×10→×100: CPU ∝ KB size^k, k =",
        "growth ×10→×100: CPU ∝ pages^b, b =",
    ]
    assert [(r.site, r.baseline, r.met) for r in rows] == [
        ("0.70", "0.30", "yes"),
        ("2.32", "1.00", "NO"),
        ("1.20", "1.00", "NO"),
        ("1.20", "1.00", "NO"),
    ]
    assert [round(g["site_exponent_kb"], 2) for g in result["growth"]] == [0.7, 1.2]


def test_growth_to_a_stopped_build_is_a_lower_bound_and_never_met() -> None:
    rows = growth_rows([_size(1, 10, 1.0, 1.0), _size(10, 100, 2.0, 10.0, timed_out=True)], {})
    assert [(r.site, r.met) for r in rows] == [("≥ 0.30", "NO"), ("≥ 0.30", "NO")]


def _series(*cpu: float) -> Series:
    return Series([Run(seconds=c, cpu=c, max_rss_mb=1.0) for c in cpu])


def test_the_floor_splits_the_build_into_its_pages_and_the_build_code() -> None:
    """Full build 3 s, its pages alone 2 s, the plain twin 1 s: the pages cost 2× the plain ones,
    the build code 1 s (1×). Without a floor series there is nothing to split."""
    base = Comparison("x1", 1, _series(3.0, 3.2, 2.8), _series(1.0, 1.0, 1.0), 1, [], floor=_series(2.0, 2.1, 1.9))
    assert [(r.site, r.baseline, r.ratio) for r in floor_rows(base)] == [
        ("2.00", "1.00", "2.00×"),
        ("1.00", "1.00", "1.00×"),
    ]
    assert floor_rows(Comparison("x1", 1, _series(3.0), _series(1.0), 1, [])) == []


@pytest.mark.build
def test_the_floor_project_builds_this_sites_pages_with_no_hooks(
    tmp_path: Path, tiny_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The floor is the same pages, not cheaper ones: the project has no hooks, and plain MkDocs
    builds from it every page the site's own build writes, tooltips included."""
    monkeypatch.setenv("PARTNER_KB", str(TINY_KB))
    monkeypatch.setenv("PARTNER_SOURCES", str(TINY_ARTICLES))
    project = pregenerated_project(tmp_path / "floor")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config
    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert site_paths(tmp_path / "out") == site_paths(tiny_site)
    tooltips = [
        (site / "scenarios" / "index.html").read_text(encoding="utf-8").count("<abbr")
        for site in (tmp_path / "out", tiny_site)
    ]
    assert tooltips[0] == tooltips[1] > 0
