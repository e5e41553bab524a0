"""What the site says about itself: its version and commit in the footer (both engines), and the
address it is published at when mkdocs.yml names none (a fork's own GitHub Pages address)."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import yaml

from assemble.siteinfo import commit, footer, site_url, version
from assemble.zensical import write_project
from generator.model import KnowledgeBase
from support import REPO_ROOT


def test_the_version_is_pyprojects_and_packagejson_agrees() -> None:
    with (REPO_ROOT / "pyproject.toml").open("rb") as f:
        written = tomllib.load(f)["project"]["version"]
    assert version() == written
    assert json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))["version"] == written
    assert f"## {written}" in (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_commit_comes_from_github_or_the_checkout(tmp_path: Path) -> None:
    assert commit(env={"GITHUB_SHA": "0123456789ABCDEF0123456789abcdef01234567"}) == "0123456"
    assert commit(env={"GITHUB_SHA": "not-a-sha"}) is None
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    assert commit(env={}) == (head[:7] or None)
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "1.2.3"\n', encoding="utf-8")
    assert commit(tmp_path, env={}) is None  # not a git checkout: no commit, no error


def test_the_footer_names_version_and_commit(tmp_path: Path) -> None:
    sha = {"GITHUB_SHA": "abcdef0123456789"}
    assert footer("Built from sources.", env=sha) == f"Built from sources. Version {version()}, commit abcdef0."
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "1.2.3"\n', encoding="utf-8")
    assert footer(None, tmp_path, env={}) == "Version 1.2.3."


def test_site_url_the_maintainers_then_the_environments_then_the_repositorys() -> None:
    assert site_url("https://docs.acme.example/", {"SITE_URL": "https://x.example/"}) == "https://docs.acme.example/"
    assert (
        site_url(None, {"SITE_URL": "https://acme.example/guide", "GITHUB_REPOSITORY": "a/b"})
        == "https://acme.example/guide/"
    )
    assert site_url(None, {"GITHUB_REPOSITORY": "Acme/partner-guide"}) == "https://acme.github.io/partner-guide/"
    assert site_url("", {"GITHUB_REPOSITORY": "acme/acme.github.io"}) == "https://acme.github.io/"
    assert site_url(None, {}) is None
    assert site_url(None, {"GITHUB_REPOSITORY": "../etc"}) is None


def test_the_mkdocs_build_prints_version_commit_and_its_address(tiny_site: Path) -> None:
    home = (tiny_site / "index.html").read_text(encoding="utf-8")
    footer_text = re.search(r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>', home, re.S)
    assert footer_text and f"Version {version()}" in footer_text.group(1)
    sha = commit()
    assert sha is None or f"commit {sha}" in footer_text.group(1)
    assert '<link rel="canonical" href="https://example.github.io/partner-or-customer/">' in home  # SITE_URL


def test_the_zensical_project_gets_the_same_footer_and_address(tiny: KnowledgeBase, tmp_path: Path) -> None:
    project = write_project(REPO_ROOT / "mkdocs.yml", tiny, tmp_path)
    settings = yaml.safe_load(project.config.read_text(encoding="utf-8"))
    assert settings["copyright"] == footer(yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text())["copyright"])
    assert settings["site_url"] == "https://example.github.io/partner-or-customer/"


def test_mkdocs_yml_leaves_the_address_to_the_build() -> None:
    """example.github.io in mkdocs.yml put someone else's domain in every fork's canonical links."""
    assert "site_url" not in yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
