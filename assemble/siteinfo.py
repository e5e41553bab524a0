"""What the site says about itself: the version and commit it was built from (in every page's
footer) and the address it is published at (`site_url`), for both engines.

No request leaves the machine: the version is read from pyproject.toml, the commit from the
environment GitHub sets (`GITHUB_SHA`) or from the local git checkout, and the address from
mkdocs.yml, `SITE_URL` or the repository's name, so a fork publishes under its own address
without editing a file.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from collections.abc import Mapping
from pathlib import Path

from generator.linkcheck import site_url

__all__ = ["commit", "footer", "site_url", "version"]

ROOT = Path(__file__).resolve().parent.parent
_VERSION = re.compile(r"\d+\.\d+\.\d+(?:[-.+][0-9A-Za-z.]+)?")
_COMMIT = re.compile(r"[0-9a-f]{7,40}")


def version(root: Path = ROOT) -> str:
    """The project's version: pyproject.toml's [project].version, the one place it is written."""
    with (root / "pyproject.toml").open("rb") as f:
        found = str(tomllib.load(f)["project"]["version"])
    if not _VERSION.fullmatch(found):
        raise ValueError(f"pyproject.toml: version '{found}' is not a version like 1.2.3")
    return found


def commit(root: Path = ROOT, env: Mapping[str, str] | None = None) -> str | None:
    """The short commit the site is built from: GitHub's `GITHUB_SHA`, else the checkout's HEAD,
    else None (a copy outside git, or no git installed)."""
    env = os.environ if env is None else env
    sha = env.get("GITHUB_SHA", "").strip().lower()
    if not sha:
        try:
            sha = subprocess.run(
                ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
    return sha[:7] if _COMMIT.fullmatch(sha) else None


def footer(copyright_text: str | None, root: Path = ROOT, env: Mapping[str, str] | None = None) -> str:
    """The footer line both engines print (their `copyright` setting): the maintainer's text, then
    which version and commit this build is."""
    sha = commit(root, env)
    built = f"Version {version(root)}" + (f", commit {sha}" if sha else "") + "."
    return f"{copyright_text.strip()} {built}" if copyright_text and copyright_text.strip() else built
