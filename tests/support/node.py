"""Node.js for the tests that run JavaScript outside the browser (`node --test`, the rules parity check)."""

from __future__ import annotations

import os
import shutil

import pytest


def require_node() -> str:
    """The `node` on PATH; a missing one fails the test under CI and skips it elsewhere (like Chromium)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail(
                "node is missing: the JavaScript tests must run in CI (scripts/ensure-browser.sh installs it)",
                pytrace=False,
            )
        pytest.skip("node is missing: run `make browser` to install it")
    return node
