"""The site's Markdown extensions as mkdocs.yml lists them, for tests that render Markdown the way
the build does (read with the project's own reader of its config, assemble.zensical.read_config)."""

from __future__ import annotations

from typing import Any

from assemble.zensical import read_config

from . import REPO_ROOT


def site_extensions() -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The extension names in mkdocs.yml's order, and each one's options ({} when it has none)."""
    names: list[Any] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in read_config(REPO_ROOT / "mkdocs.yml")["markdown_extensions"]:
        name, opts = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = opts or {}
    return names, options
