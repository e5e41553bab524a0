"""Test support for tests/conftest.py and the test files (the benchmark never imports it).

With `tests/` on sys.path (pytest puts it there for conftest.py): `from support import build_site`,
`from support.server import SiteServer`, `from support.browser import run_axe`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from .articles import fixture_articles  # noqa: E402 - needs the repository on sys.path

ARTICLES = fixture_articles(REPO_ROOT / "knowledge")
"""Fixture articles for the real knowledge base (see support/articles.py): every test and every
build a test starts reads these, never the real articles, so a clean clone passes alone."""
os.environ["PARTNER_SOURCES"] = str(ARTICLES)
os.environ["PARTNER_LOCK"] = ""
"""No quotation lock: knowledge/quotations.lock was made from the real articles, and a lock that does not
match the articles present fails the check. tests/test_quotelock.py tests the lock on its own, and that
the committed lock covers the real knowledge base."""
SITE_URL = "https://example.github.io/partner-or-customer/"
"""The address the tests' builds are published at (mkdocs.yml names none: a build takes SITE_URL, as
the deploy workflow sets it), a GitHub Pages project site, so sub-path serving and Material's instant
navigation (which needs a site_url) are tested as deployed."""
os.environ.setdefault("SITE_URL", SITE_URL)


def build_site(
    config_dir: Path, dest: Path, timeout: float = 600, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` for the mkdocs.yml in `config_dir` into `dest`; never raises on failure.

    `env` adds to (or overrides) this process's environment, e.g. {"PARTNER_KB": ...}.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=config_dir,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def site_paths(site: Path) -> list[str]:
    """URL paths (relative to the site root) of every HTML page a build wrote, e.g. "quiz/study/"."""
    return [html.relative_to(site).as_posix().removesuffix("index.html") for html in sorted(site.rglob("*.html"))]


def build(out: Path, knowledge: Path | None = None, articles: Path | None = None) -> Path:
    """A real `mkdocs build --strict` of the project into `out`, optionally from another knowledge
    directory and articles; fails the test when the build fails."""
    env = {"PARTNER_KB": str(knowledge)} if knowledge else {}
    env |= {"PARTNER_SOURCES": str(articles)} if articles else {}
    result = build_site(REPO_ROOT, out, timeout=300, env=env or None)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


def leftovers(parent: Path) -> list[str]:
    """Temporary build folders (`.site-build-*`, Zensical's among them) left in `parent`."""
    from assemble.publish import BUILD_PREFIX

    return sorted(p.name for p in parent.iterdir() if p.name.startswith(BUILD_PREFIX))
