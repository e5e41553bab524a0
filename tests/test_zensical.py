"""assemble.zensical: the same site built with Zensical — the project it builds is the docs tree
MkDocs renders; same pages and data at the same URLs, no broken link, atomic like the MkDocs
build; `serve` rebuilds on a knowledge edit; and in real headless Chromium a quiz round, a
classification, search, glossary terms, hostile text kept inert and axe-core (0 violations on
every page, both colour schemes). Browser helpers come from the MkDocs build's own tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from assemble import publish
from assemble.siteinfo import version
from assemble.tree import docs_tree
from assemble.zensical import MATERIAL_ONLY, write_project
from generator.knowledge import KNOWLEDGE_DIR
from generator.linkcheck import base_path_of, check_site
from generator.model import KnowledgeBase
from quiz.build import CLASSIFY_PAGE, STUDY_PAGE
from support import ARTICLES, REPO_ROOT, leftovers, site_paths
from support.browser import axe_every_page, checked_page, open_page, page_problems
from support.server import SiteServer
from support.serving import free_port, get, wait_for
from support.widgets import (
    RESULT,
    SCORE,
    TERM,
    answer_all,
    assert_inert,
    definition_of,
    open_quiz,
    open_tool,
    play,
    start,
    term_text,
)

TIER = "build"  # Zensical builds; the other tests are marked `browser` or `unit`

DOCS = REPO_ROOT / "docs"


def publish_site(
    dest: Path,
    engine: str,
    cwd: Path = REPO_ROOT,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m assemble build --engine <engine> --site-dir <dest>`, as `make site ENGINE=…` runs it."""
    base = {k: v for k, v in os.environ.items() if k != "PARTNER_KB"}  # PARTNER_SOURCES: the fixture articles
    return subprocess.run(
        [sys.executable, "-m", "assemble", "build", "--engine", engine, "--site-dir", str(dest)],
        cwd=cwd,
        env={**base, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with Zensical through the atomic build (`make site ENGINE=zensical`)."""
    dest = tmp_path_factory.mktemp("zensical") / "site"
    result = publish_site(dest, "zensical")
    if result.returncode != 0:
        pytest.fail(
            f"the Zensical build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False
        )
    assert "with zensical" in result.stdout
    return dest


@pytest.fixture(scope="module")
def zensical_server(zensical_site: Path) -> Iterator[SiteServer]:
    with SiteServer(zensical_site) as server:
        yield server


@pytest.fixture
def zpage(browser: Browser, zensical_server: SiteServer) -> Iterator[Page]:
    """Like conftest's `page`, on the Zensical build: off-origin requests and page errors fail the test."""
    with checked_page(browser, zensical_server.origin) as page:
        yield page


# --- The project Zensical builds -------------------------------------------------------------------


@pytest.mark.unit
def test_the_project_is_the_docs_tree_mkdocs_renders(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Every page on disk is the tree's page with its tooltips; the config is mkdocs.yml minus the hooks."""
    project = write_project(REPO_ROOT / "mkdocs.yml", kb, tmp_path / "z")
    tree = docs_tree(kb, DOCS, raw_links="file")
    written = {p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*") if p.is_file()}
    hand_written = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()}
    assert written == hand_written | set(tree.files) | set(tree.binaries)
    assert tree.binaries  # the SCORM package
    for path in written:
        expected = tree.files.get(path)
        if path in tree.binaries:
            expected = tree.binaries[path]
        elif expected is None:
            expected = (DOCS / path).read_bytes()
            if path.endswith(".md"):
                expected = tree.page_markdown(path, expected.decode("utf-8")).encode("utf-8")
        elif path.endswith(".md"):
            expected = tree.page_markdown(path, expected).encode("utf-8")
        elif isinstance(expected, str):
            expected = expected.encode("utf-8")
        assert (project.docs / path).read_bytes() == expected, path
    assert set(tree.abbreviations) == {p for p in written if p.endswith(".md")} - {"glossary.md"}

    ours = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    theirs = yaml.safe_load(project.config.read_text(encoding="utf-8"))
    assert "hooks" not in theirs and "watch" not in theirs
    assert theirs["nav"] == tree.nav and theirs["docs_dir"] == "docs" and theirs["site_dir"] == "site"
    for key in set(ours) - {"hooks", "watch", "theme", "copyright"}:
        assert theirs[key] == ours[key], key
    assert theirs["copyright"].startswith(ours["copyright"] + " Version ")  # assemble.siteinfo.footer
    assert theirs["theme"] == {**ours["theme"], "variant": "classic", "custom_dir": "overrides"}
    overrides = {
        p.relative_to(project.root / "overrides").as_posix()
        for p in (project.root / "overrides").rglob("*")
        if p.is_file()
    }
    source = {
        p.relative_to(REPO_ROOT / "overrides").as_posix() for p in (REPO_ROOT / "overrides").rglob("*") if p.is_file()
    }
    assert overrides == source - MATERIAL_ONLY


@pytest.mark.unit
def test_the_engines_trees_differ_only_in_raw_html_links(kb: KnowledgeBase) -> None:
    """One tree for both engines; the only difference is how far up raw-HTML href/src go on the two
    pages not named index.md that have them (Zensical reads them per file, MkDocs per URL)."""
    mkdocs, zensical = docs_tree(kb, DOCS), docs_tree(kb, DOCS, raw_links="file")
    assert mkdocs.nav == zensical.nav and mkdocs.abbreviations == zensical.abbreviations
    assert set(mkdocs.files) == set(zensical.files)
    differ = {p for p in mkdocs.files if mkdocs.files[p] != zensical.files[p]}
    assert differ == {STUDY_PAGE, CLASSIFY_PAGE}
    assert zensical.files[STUDY_PAGE].replace('="../', '="../../') == mkdocs.files[STUDY_PAGE]
    classify = zensical.files[CLASSIFY_PAGE]
    for attr in ('href="assets/', 'src="assets/'):
        classify = classify.replace(attr, attr.replace('="', '="../'))
    assert classify == mkdocs.files[CLASSIFY_PAGE]


# --- The build ---------------------------------------------------------------------------------------


def test_same_pages_at_the_same_urls_and_the_same_data(zensical_site: Path, built_site: Path) -> None:
    assert site_paths(zensical_site) == site_paths(built_site)
    modules = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "assets/quiz").glob("*.js"))
    assert "assets/quiz/quiz.js" in modules and "assets/quiz/classify.js" in modules, modules
    for data in ("quiz/questions.json", "quiz/rules.json", "assets/quiz/quiz.css", "assets/site.css", *modules):
        assert (zensical_site / data).read_bytes() == (built_site / data).read_bytes(), data


def test_the_footer_names_version_and_commit(zensical_site: Path, built_site: Path) -> None:
    """Both engines print the same footer line: mkdocs.yml's copyright, the version, the commit."""

    def footer(site: Path) -> str:
        found = re.search(
            r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>',
            (site / "index.html").read_text(encoding="utf-8"),
            re.S,
        )
        assert found, site
        return found.group(1)

    assert f"Version {version()}" in footer(zensical_site)
    assert footer(zensical_site) == footer(built_site)


def test_no_broken_link_or_anchor(zensical_site: Path) -> None:
    broken = check_site(zensical_site, base_path_of(REPO_ROOT / "mkdocs.yml"))
    assert [str(b) for b in broken] == []


def test_search_indexes_the_guide_but_not_the_technical_pages(zensical_site: Path) -> None:
    items = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    pages = {item["location"].split("#")[0] for item in items}
    assert not any(p.startswith(("quiz/", "formats/")) for p in pages), "technical pages stay out of search"
    assert {"", "comparison/", "decision/", "sources/nikolov/"} <= pages


@pytest.fixture
def tiny_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-written docs plus one page, and a previously published site; the real knowledge base."""
    shutil.copytree(DOCS, tmp_path / "docs")
    (tmp_path / "docs" / "extra.md").write_text("# Extra\n\nBack [home](index.md).\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Tiny\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sentinel.txt").write_text("previous site\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNER_KB", str(KNOWLEDGE_DIR))
    monkeypatch.setenv("PARTNER_SOURCES", str(ARTICLES))
    return tmp_path


def test_success_replaces_the_site(tiny_project: Path) -> None:
    assert publish.build_atomically(Path("mkdocs.yml"), Path("site"), "zensical") == 0
    assert not (tiny_project / "site" / "sentinel.txt").exists()
    assert (tiny_project / "site" / "extra" / "index.html").is_file() and (
        tiny_project / "site" / "decision" / "index.html"
    ).is_file()
    assert leftovers(tiny_project) == []


def test_a_zensical_failure_keeps_the_old_site(tiny_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny_project / "mkdocs.yml").write_text("site_name: Tiny\ntheme:\n  name: no-such-theme\n")
    assert publish.build_atomically(Path("mkdocs.yml"), Path("site"), "zensical") == 1
    assert (tiny_project / "site" / "sentinel.txt").read_text() == "previous site\n"
    assert sorted(p.name for p in (tiny_project / "site").iterdir()) == ["sentinel.txt"]
    assert leftovers(tiny_project) == []
    err = capsys.readouterr().err
    assert "zensical build exited" in err and "no-such-theme" in err and "left unchanged" in err


@pytest.mark.unit
def test_a_broken_knowledge_base_stops_before_zensical(
    tiny_project: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from assemble import zensical

    broken = tmp_path_factory.mktemp("kb")
    (broken / "sources.yml").write_text("sources: {\n")
    monkeypatch.setenv("PARTNER_KB", str(broken))
    monkeypatch.setattr(zensical, "run_build", lambda *a: pytest.fail("Zensical must not run"))
    assert publish.build_atomically(Path("mkdocs.yml"), Path("site"), "zensical") == 1
    assert (tiny_project / "site" / "sentinel.txt").read_text() == "previous site\n"
    assert "sources.yml:" in capsys.readouterr().err


@pytest.mark.unit
def test_an_unknown_engine_is_refused(tiny_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert publish.build_atomically(Path("mkdocs.yml"), Path("site"), "hugo") == 2
    assert (tiny_project / "site" / "sentinel.txt").exists()
    assert "unknown engine" in capsys.readouterr().err


def test_serve_rebuilds_when_a_knowledge_file_changes(tmp_path: Path) -> None:
    """`make serve ENGINE=zensical`: an edit to a knowledge file reaches the served page; a broken
    one is reported and the last good site stays served; stopping serve stops Zensical too."""
    kb_dir = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, kb_dir)
    port = free_port()
    glossary = f"http://127.0.0.1:{port}{base_path_of(REPO_ROOT / 'mkdocs.yml')}glossary/"
    base = {k: v for k, v in os.environ.items() if k != "PARTNER_KB"}
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assemble",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=REPO_ROOT,
        env={**base, "PARTNER_KB": str(kb_dir)},
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: get(glossary), "the first build")
        path = kb_dir / "glossary.yml"
        text = path.read_text(encoding="utf-8")
        marker = "Zqxserve"
        assert 'definition: "' in text
        path.write_text(text.replace('definition: "', f'definition: "{marker} ', 1), encoding="utf-8")
        wait_for(lambda: ((page := get(glossary)) and marker in page and page) or None, "the edit to be served")
        path.write_text("glossary: [\n", encoding="utf-8")
        wait_for(
            lambda: "still serving the last good site" in (tmp_path / "serve.log").read_text() or None,
            "the broken knowledge base to be reported",
        )
        assert marker in (get(glossary) or "")
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()
    assert wait_for(lambda: "down" if get(glossary) is None else None, "Zensical to stop", timeout=15)
    assert "glossary.yml:" in (tmp_path / "serve.log").read_text()


# --- In the browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zbank(zensical_site: Path) -> dict:
    """The built questions.json, questions also indexed by id (as test_quiz_browser's `bank`)."""
    data = json.loads((zensical_site / "quiz" / "questions.json").read_text(encoding="utf-8"))
    data["by_id"] = {q["id"]: q for q in data["questions"]}
    return data


@pytest.mark.browser
def test_a_quiz_round(zpage: Page, zensical_server: SiteServer, zbank: dict) -> None:
    open_quiz(zpage, zensical_server)
    ids = start(zpage)
    assert len(ids) == zbank["config"]["size"]
    play(zpage, zbank, lambda i, qid: i % 2 == 0)
    right = (len(ids) + 1) // 2
    expect(zpage.locator(SCORE)).to_have_attribute("data-score", str(round(100 * right / len(ids))))


@pytest.mark.browser
def test_a_classification(zpage: Page, zensical_server: SiteServer, kb: KnowledgeBase) -> None:
    from generator import decision

    scenario = kb.scenarios[0]
    rule = decision.classify(kb.decision, scenario.facts)
    open_tool(zpage, zensical_server)
    asked = answer_all(zpage, scenario.facts, len(kb.decision.facts))
    assert asked == [fact for fact, _ in decision.path(kb.decision, scenario.facts)]
    assert zpage.locator(RESULT).get_attribute("data-rule") == rule.id


@pytest.mark.browser
def test_search_finds_a_guide_page_from_a_named_dialog(zpage: Page, zensical_server: SiteServer) -> None:
    """Zensical's own search (Material's partial is not used): a named modal dialog, a combobox,
    results that lead into the guide."""
    zpage.goto(zensical_server.url("comparison/"), wait_until="networkidle")
    expect(zpage.locator("[data-md-component=search]")).to_have_attribute("aria-label", "Search")
    dialog = zpage.locator("dialog[open]")  # the modal the header's search button opens
    # Zensical's search renders its (closed) dialog when it mounts and listens for Ctrl+K from an
    # effect that runs a frame or more later: on a busy machine a press right after the load came
    # before the listener (CI-like run: the dialog never opened). Wait for the mount, then press
    # until the listener takes it; a shortcut that never works still fails below.
    expect(zpage.locator("dialog")).to_be_attached()
    for _ in range(20):
        zpage.keyboard.press("Control+k")
        try:
            dialog.wait_for(state="visible", timeout=500)
            break
        except PlaywrightTimeoutError:
            continue
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-label", "Search")
    expect(dialog).to_have_attribute("aria-modal", "true")
    box = dialog.get_by_role("combobox", name="Search")
    expect(box).to_be_focused()
    box.fill("reseller")
    first = dialog.get_by_role("listbox", name="Search results").get_by_role("option").first
    expect(first).to_be_visible()
    assert first.get_attribute("href").startswith(zensical_server.base_url)
    zpage.keyboard.press("Enter")
    expect(zpage).not_to_have_url(zensical_server.url("comparison/"))
    expect(zpage.locator("article h1").first).to_be_visible()


@pytest.mark.browser
def test_the_palette_toggle_switches_schemes_and_remembers(zpage: Page, zensical_server: SiteServer) -> None:
    """Dark mode by the header's toggle (not only by the OS preference), kept across pages."""
    zpage.emulate_media(color_scheme="light")
    zpage.goto(zensical_server.url("comparison/"), wait_until="networkidle")
    body = zpage.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    zpage.locator("label[title='Switch to dark mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    zpage.goto(zensical_server.url("decision/"))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    zpage.locator("label[title='Switch to light mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.mark.browser
def test_glossary_terms_show_their_definition_also_after_instant_navigation(
    zpage: Page, zensical_server: SiteServer, kb: KnowledgeBase
) -> None:
    """docs/assets/terms.js (site-wide extra_javascript) under Zensical's theme, whose instant
    navigation swaps pages without a reload."""
    zpage.goto(zensical_server.url(""), wait_until="networkidle")  # instant navigation set up
    zpage.evaluate("() => { window.__samePage = true }")
    zpage.locator("nav.md-nav--primary a[href$='comparison/']").first.click()
    expect(zpage).to_have_url(zensical_server.url("comparison/"))
    assert zpage.evaluate("() => window.__samePage === true"), "Zensical did not navigate instantly"
    # The URL changes first and the page is swapped in later, and the home page has a term too:
    # read the terms once the comparison page (its table) is in.
    expect(zpage.locator("article .poc-compare")).to_be_attached()
    term = zpage.locator(TERM).first
    expect(term).to_be_visible()
    assert zpage.locator("article abbr[title]").count() == 0
    term.hover()
    tip = term.locator(".pc-term__tip")
    expect(tip).to_be_visible()
    assert tip.inner_text() == definition_of(kb, term_text(zpage))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser: Browser, zensical_server: SiteServer, zensical_site: Path, scheme: str) -> None:
    paths = site_paths(zensical_site)
    assert len(paths) >= 20
    failures = axe_every_page(browser, zensical_server, paths, scheme)
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_hostile_knowledge_stays_inert_under_zensicals_theme(
    browser: Browser, hostile, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The hostile knowledge base of test_injection_browser, built with Zensical: its theme and
    scripts (nav, titles, search, tooltips) must show the markup as text too, on every page."""
    directory, _ = hostile
    dest = tmp_path_factory.mktemp("zensical-hostile") / "site"
    result = publish_site(dest, "zensical", env={"PARTNER_KB": str(directory)})
    assert result.returncode == 0, result.stderr
    dialogs: list[str] = []
    with SiteServer(dest) as server, open_page(browser, server.origin) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in site_paths(dest):
            page.goto(server.url(path))
            quiet = path in ("formats/", "404.html", "quiz/", "classify/")  # no KB text before use
            assert_inert(page, dialogs, f"/{path}", shows_text=not quiet)
        page.goto(server.url("comparison/"), wait_until="networkidle")  # the theme's scripts ready
        page.locator(".md-search__button").click()
        page.locator("dialog[open] [role=combobox]").fill("alert")
        expect(page.locator("dialog[open] [role=option]").first).to_be_visible()
        assert dialogs == [] and page.evaluate("() => document.querySelectorAll('#evil, [onmouseover]').length") == 0
        problems = page_problems(page, server.origin)
    assert not problems, "\n".join(problems)
