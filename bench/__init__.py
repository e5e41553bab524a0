"""The benchmark (`make bench`, `python -m bench`): build time, memory, scaling, page weight and
Lighthouse, each against a baseline built in the same run. See bench/README.md.

Modules: `runner` (timed builds in fresh processes), `baseline` (the plain Material twin),
`synthetic` (bigger knowledge bases), `weights` (bytes a page loads), `rival` (the same bank as an
mkdocs-quiz page), `lighthouse`, `server` (the site under its GitHub Pages sub-path), `report`
(rows and files), `suite` (what runs in which order). Nothing here imports the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def say(message: str) -> None:
    """Progress goes to stderr so stdout stays the table."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)
