"""Helpers for tests that run a real development server (`mkdocs serve`, `zensical serve`) on 127.0.0.1."""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Callable

import pytest


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 10) -> str | None:
    """The page, or None when the server does not answer within `timeout` seconds (a hung request) or fails."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(check: Callable[[], str | None], what: str, timeout: float = 90) -> str:
    """Poll `check()` (returns text or None) until it gives text; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found is not None:
            return found
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)
