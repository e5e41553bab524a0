"""generator.linkcheck over small hand-made sites (it must catch each kind of break) and the real one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.linkcheck import base_path_of, check_site

ROOT = Path(__file__).resolve().parent.parent


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for path, body in pages.items():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<!doctype html><title>t</title>{body}", encoding="utf-8")
    return root


GOOD = {
    "index.html": '<h1 id="top">Home</h1><a href="a/">A</a> <a href="a/#sec">A sec</a> <a href="#top">top</a>'
    '<a href="https://example.org/">out</a> <a href="mailto:x@example.org">mail</a>'
    '<link rel="stylesheet" href="assets/s.css"><script src="/base/assets/s.js"></script>',
    "a/index.html": '<h2 id="sec">Sec</h2><a name="old"></a><a href="../#top">home</a> <a href="../a/#old">old</a>',
    "assets/s.css": "",
    "assets/s.js": "",
}


def test_a_sound_site_has_no_broken_link(tmp_path: Path) -> None:
    assert check_site(make_site(tmp_path, GOOD), "/base/") == []


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ('<a href="missing/">x</a>', "no such file"),
        ('<a href="../a/#nowhere">x</a>', "no element with id 'nowhere'"),
        ('<a href="#nowhere">x</a>', "no element with id 'nowhere'"),
        ('<img src="assets/missing.png" alt="">', "no such file"),
        ('<script src="/elsewhere/s.js"></script>', "leaves the site's base path"),
        ('<a href="../../etc/passwd">x</a>', "points above the site root"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: URL"),
    ],
)
def test_each_kind_of_break_is_reported(tmp_path: Path, link: str, reason: str) -> None:
    pages = dict(GOOD)
    pages["a/index.html"] += link
    broken = check_site(make_site(tmp_path, pages), "/base/")
    assert len(broken) == 1, broken
    assert broken[0].page == "a/index.html" and reason in broken[0].reason
    assert str(broken[0]).startswith("a/index.html: ")


def test_base_path_comes_from_site_url(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://org.github.io/repo\nhooks: [!ENV X]\n", encoding="utf-8")
    assert base_path_of(config, env={"SITE_URL": "https://ignored.example/other/"}) == "/repo/"
    config.write_text("site_name: x\n", encoding="utf-8")
    assert base_path_of(config, env={}) == "/"
    assert base_path_of(config, env={"SITE_URL": "https://docs.example.com/guide"}) == "/guide/"
    assert base_path_of(config, env={"GITHUB_REPOSITORY": "Acme/partner-guide"}) == "/partner-guide/"


def test_the_built_site_has_no_broken_link(built_site: Path) -> None:
    """The whole built site - generated pages, hand-written pages, 404, theme links, quiz pages."""
    broken = check_site(built_site, base_path_of(ROOT / "mkdocs.yml"))
    assert not broken, "\n".join(map(str, broken))


def test_cli_reports_and_fails(tmp_path: Path) -> None:
    pages = dict(GOOD)
    pages["index.html"] += '<a href="gone/">gone</a>'
    site = make_site(tmp_path / "site", pages)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://org.github.io/base/\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "assemble", "links", str(site), "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "index.html: gone/: no such file in the site" in result.stderr


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    pages = {**GOOD, "a/index.html": GOOD["a/index.html"] + '<section id="sec">again</section>'}
    broken = check_site(make_site(tmp_path, pages), "/base/")
    assert [(b.page, b.url) for b in broken] == [("a/index.html", "#sec")]
    assert "duplicate id" in broken[0].reason


def test_citations_are_checked_down_to_the_line(built_site: Path, tmp_path: Path) -> None:
    """Citations link to a line's entry (#line-N) on the source's page, so the checker checks that the
    entry exists: a copy of the site whose source page lost one entry reports every citation of it."""
    import re
    import shutil

    page = built_site / "sources" / "nikolov" / "index.html"
    cited = set(
        re.findall(
            r'href="(?:\.\./)*sources/nikolov/#(line-\d+)"',
            (built_site / "comparison" / "index.html").read_text(encoding="utf-8"),
        )
    )
    assert cited, "the comparison cites lines of Nikolov's article"
    line = sorted(cited)[0]
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    target = copy / "sources" / "nikolov" / "index.html"
    target.write_text(page.read_text(encoding="utf-8").replace(f'id="{line}"', 'id="gone"'), encoding="utf-8")
    broken = check_site(copy, base_path_of(ROOT / "mkdocs.yml"))
    assert broken and all(f"no element with id '{line}'" in b.reason for b in broken)
    assert "comparison/index.html" in {b.page for b in broken}
