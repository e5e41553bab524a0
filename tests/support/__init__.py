"""Test support shared by tests/conftest.py and scripts/bench.py.

With `tests/` on sys.path (pytest puts it there for conftest.py): `from support import build_site`,
`from support.server import SiteServer`, `from support.browser import run_axe`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def build_site(config_dir: Path, dest: Path, timeout: float = 600,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
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
