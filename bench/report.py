"""The table: one row per figure (this site, its baseline, the ratio, the goal, met?), and the files
it is written to (bench/results/bench.json with every raw run, bench/results/bench.md)."""

from __future__ import annotations

import json
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ROOT

GOALS = {
    "build_ratio": 1.2,
    "memory_ratio": 1.2,
    "weight_ratio": 0.8,
    "quiz_assets_kb": 10.0,
    "lighthouse": 1.0,
    "exponent": 1.0,
}


@dataclass
class Row:
    """One line of the table, already formatted."""

    metric: str
    site: str
    baseline: str
    ratio: str
    goal: str
    met: str


def ratio(a: float, b: float) -> str:
    """A / b as "1.23×", or n/a without a baseline."""
    return f"{a / b:.2f}×" if b else "n/a"


def met(ok: bool | None) -> str:
    """Yes / NO, or — for a row without a goal."""
    return "—" if ok is None else ("yes" if ok else "NO")


def exponent(t_small: float, t_big: float, n_small: float, n_big: float) -> float:
    """Growth exponent b in time ∝ size^b between two sizes (1 = linear): size is pages, or the
    knowledge base's factor."""
    return math.log(t_big / t_small) / math.log(n_big / n_small)


def table(rows: list[Row]) -> str:
    """A Markdown table (readable as plain text too)."""
    head = ["metric", "this site", "baseline", "ratio", "goal", "met?"]
    cells = [head] + [[r.metric, r.site, r.baseline, r.ratio, r.goal, r.met] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(c: list[str]) -> str:
        return "| " + " | ".join(x.ljust(w) for x, w in zip(c, widths)) + " |"

    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(c) for c in cells[1:]])


def git_revision() -> str:
    """The commit measured, marked when the work tree has uncommitted changes."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        return out.stdout.strip() + ("+uncommitted changes" if dirty.strip() else "")
    except OSError:
        return "unknown"


def footer(result: dict[str, Any], runs: int) -> list[str]:
    """Lines under the table: whether Lighthouse ran, what it flagged, how the figures were taken."""
    lh = result["lighthouse"]
    lines = [
        f"Lighthouse: {'ran' if lh.get('ran') else 'did NOT run'}"
        + (f" - {lh['reason']}" if not lh.get("ran") else f", served at {lh['server']}")
    ]
    failing = sorted(
        {
            f"{cat}: {audit}"
            for per_page in lh.get("failed_audits", {}).values()
            for cat, ids in per_page.items()
            for audit in ids
        }
    )
    if failing:
        lines.append("Lighthouse audits scoring < 0.9 somewhere: " + "; ".join(failing))
    if lh.get("errors"):
        lines.append("Lighthouse errors: " + "; ".join(lh["errors"]))
    lines += result.get("notes", [])
    lines.append(
        f"{runs} run(s) at ×1; medians; total bench time {result['meta']['bench_seconds']:.0f} s; "
        f"revision {result['meta']['revision']}"
    )
    return lines


def write(results: Path, result: dict[str, Any], text: str, lines: list[str]) -> None:
    """bench.json (everything, raw runs included) and bench.md (the table and its footer)."""
    results.mkdir(parents=True, exist_ok=True)
    (results / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (results / "bench.md").write_text(
        f"# Benchmark {result['meta']['date']}\n\n{text}\n\n" + "\n".join(f"- {line}" for line in lines) + "\n",
        encoding="utf-8",
    )
