"""Benchmark: build time, generator share, memory, scaling, page weight and Lighthouse.

Every performance figure is a RATIO against a baseline measured in the same run on the same
machine: a plain Material site (same theme, features and Markdown extensions, no hooks) with as
many pages of comparable text as this site's build output, and for the quiz page's weight the
same question bank as an mkdocs-quiz page. Absolute figures vary between machines; the ratios
are what to compare. See bench/README.md for what each number means.

Usage: python -m bench [--runs N] [--quick] [--factors 1,10,100] [--timeout S] [--no-lighthouse]
       [--no-engines] [--keep]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import RESULTS, say
from .report import footer, git_revision, table, write
from .runner import BuildFailed
from .suite import run_all


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line (see the module docstring and bench/README.md)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement at ×1 (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs, desktop Lighthouse only")
    parser.add_argument("--factors", default="1,10,100", help="synthetic knowledge-base sizes (default 1,10,100)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="stop a synthetic build after this many seconds (default 180, --quick 120)",
    )
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-engines", action="store_true", help="skip the `make site` rows of both engines")
    parser.add_argument("--keep", action="store_true", help="keep the temporary build directories")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run, print the table to stdout, write bench/results/; 1 when the site does not build."""
    args = parse(argv)
    runs = 2 if args.quick else max(args.runs, 1)
    if args.timeout is None:
        args.timeout = 120.0 if args.quick else 180.0
    factors = sorted({int(f) for f in args.factors.split(",") if f.strip()} | {1})
    work = Path(tempfile.mkdtemp(prefix="partner-bench-"))
    started = time.perf_counter()
    result: dict[str, Any] = {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "revision": git_revision(),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "runs": runs,
            "quick": args.quick,
            "factors": factors,
            "work_dir": str(work),
        }
    }
    try:
        rows = run_all(args, runs, factors, work, result)
    except BuildFailed as exc:
        say(f"FAILED: {exc}")
        say("nothing to benchmark until the site builds; no results written")
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result["meta"]["bench_seconds"] = round(time.perf_counter() - started, 1)
    result["rows"] = [asdict(r) for r in rows]
    text, lines = table(rows), footer(result, runs)
    print(text)
    print("\n".join(lines))
    write(RESULTS, result, text, lines)
    say(f"wrote {RESULTS / 'bench.json'} and bench.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
