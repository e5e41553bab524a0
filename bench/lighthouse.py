"""Lighthouse scores for the home page, a guide page and the quiz, served as on GitHub Pages.

`node_modules/.bin/lighthouse` (from `make browser`) drives the system Chromium against the
built site served by `bench.server.SiteServer` under the project sub-path, gzip included.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import ROOT, say
from .server import SiteServer

LIGHTHOUSE_PAGES = {"home": "", "comparison": "comparison/", "quiz": "quiz/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse(site: Path, presets: list[str], work: Path) -> dict[str, Any]:
    """Lighthouse scores (0-1) per page and preset, or why they could not be taken."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not binary.exists():
        return {"ran": False, "reason": f"lighthouse not installed ({binary} missing; run `make browser`)"}
    if not Path(chrome).exists():
        return {"ran": False, "reason": f"no Chromium at {chrome}"}
    server = SiteServer(site).start()
    results: dict[str, Any] = {
        "ran": True,
        "scores": {},
        "errors": [],
        "server": f"{server.base_url} (bench/server.py, gzip like GitHub Pages)",
    }
    try:
        for preset in presets:
            for name, page in LIGHTHOUSE_PAGES.items():
                report = work / f"lh-{name}-{preset}.json"
                cmd = [
                    str(binary),
                    server.url(page),
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    f"--chrome-flags={CHROME_FLAGS}",
                ]
                if preset == "desktop":
                    cmd.append("--preset=desktop")
                say(f"lighthouse {name} ({preset}) …")
                try:
                    done = subprocess.run(
                        cmd, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, timeout=240
                    )
                    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
                except (subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
                    done, data = None, None
                    results["errors"].append(f"{name}/{preset}: {type(exc).__name__}")
                if data is None:
                    if done is not None:
                        results["errors"].append(
                            f"{name}/{preset}: exit {done.returncode}: {done.stderr.strip()[-300:]}"
                        )
                    continue
                scores = {c: (data["categories"].get(c) or {}).get("score") for c in CATEGORIES}
                results["scores"][f"{name}/{preset}"] = scores
                results.setdefault("failed_audits", {})[f"{name}/{preset}"] = _failed(data)
                say(f"  {name} ({preset}): " + ", ".join(f"{c} {score_text(s)}" for c, s in scores.items()))
    finally:
        server.stop()
    return results


def _failed(report: dict[str, Any]) -> dict[str, list[str]]:
    """Per category, the weighted audits that did not pass: what to fix to raise the score."""
    audits = report.get("audits", {})
    return {
        cid: [
            ref["id"]
            for ref in cat.get("auditRefs", [])
            if ref.get("weight")
            and (audits.get(ref["id"], {}).get("score") is not None)
            and audits[ref["id"]]["score"] < 0.9
        ]
        for cid, cat in report.get("categories", {}).items()
    }


def score_text(value: float | None) -> str:
    """A 0-1 score as Lighthouse shows it (×100), or n/a."""
    return "n/a" if value is None else f"{round(value * 100)}"
