"""What the benchmark runs, in order, and the rows each part adds to the table.

1. this site vs its plain twin (wall, CPU, memory); 2. `make site` with each engine; 3. the
generator's share; 4. synthetic ×F knowledge bases and the growth exponent; 5. the quiz page's
own bytes vs the same bank as an mkdocs-quiz page, and the quiz's JS+CSS; 6. Lighthouse.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
from dataclasses import asdict
from itertools import pairwise
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from assemble.engines import MKDOCS, ZENSICAL
from generator.knowledge import sources_dir

from . import say
from .lighthouse import CATEGORIES, lighthouse, score_text
from .report import GOALS, Row, exponent, met, ratio
from .rival import bank_page, rival_project
from .runner import BuildFailed, Comparison, build, compare, engine_times, generator_time
from .synthetic import make_synthetic
from .weights import gz, own_weight, page_weight

LEAN = {"embed_source": False, "confetti": False}  # mkdocs-quiz options that only add bytes


class ScaleRow(TypedDict):
    """One size of the scaling run as results/*.json records it: this site's and its plain twin's figures."""

    factor: int
    pages: int
    runs: int
    site_s: float
    site_cpu: float
    plain_s: float
    plain_cpu: float
    site_rss_mb: float
    plain_rss_mb: float
    timed_out: bool
    estimated: str
    note: NotRequired[str]


def runs_for(factor: int, runs: int) -> int:
    """Fewer runs for bigger sites, to stay within the time budget (×10: half, ×100 and up: one)."""
    if factor <= 1:
        return runs
    return max(1, runs // 2) if factor <= 10 else 1


def build_rows(base: Comparison, runs: int) -> list[Row]:
    """Full build of this site against the plain site of the same size."""
    goal, memory_goal = GOALS["build_ratio"], GOALS["memory_ratio"]
    site, plain = base.site, base.plain
    return [
        Row(
            f"full build, wall s (median of {runs}; {base.pages} pages)",
            f"{site.seconds:.2f}",
            f"{plain.seconds:.2f}",
            ratio(site.seconds, plain.seconds),
            f"≤ {goal}×",
            met(site.seconds <= goal * plain.seconds),
        ),
        Row(
            "full build, CPU s (user+sys of the build)",
            f"{site.cpu:.2f}",
            f"{plain.cpu:.2f}",
            ratio(site.cpu, plain.cpu),
            f"≤ {goal}×",
            met(site.cpu <= goal * plain.cpu),
        ),
        Row(
            "peak memory (max RSS) of the build, MB",
            f"{site.max_rss_mb:.0f}",
            f"{plain.max_rss_mb:.0f}",
            ratio(site.max_rss_mb, plain.max_rss_mb),
            f"≤ {memory_goal}×",
            met(site.max_rss_mb <= memory_goal * plain.max_rss_mb),
        ),
    ]


def floor_rows(base: Comparison) -> list[Row]:
    """The full build split in two, when the run measured the floor: this site's own pages built
    with no hooks (what any build of them pays, against the plain twin's plain pages), and the
    rest, what the build code adds (the full build minus the floor)."""
    if not base.floor.runs:
        return []
    floor, plain = base.floor.cpu, base.plain.cpu
    code = max(base.site.cpu - floor, 0.0)
    return [
        Row(
            "  its pages alone (pre-generated, no hooks), CPU s",
            f"{floor:.2f}",
            f"{plain:.2f}",
            ratio(floor, plain),
            "—",
            "—",
        ),
        Row(
            "  the build code (full build − pages alone), CPU s",
            f"{code:.2f}",
            f"{plain:.2f}",
            ratio(code, plain),
            "—",
            "—",
        ),
    ]


def engine_rows(base: Comparison, runs: int, work: Path, result: dict[str, Any]) -> list[Row]:
    """`make site` with MkDocs and with Zensical (the atomic build, validation included)."""
    engines = engine_times(runs, work)
    result["engines"] = {name: [asdict(r) for r in series.runs] for name, series in engines.items()}
    rows = []
    for name, label in ((MKDOCS, "make site (MkDocs + Material)"), (ZENSICAL, f"make site ENGINE={ZENSICAL}")):
        series = engines[name]
        rows.append(
            Row(
                f"{label}, wall s (median of {runs})",
                f"{series.seconds:.2f}",
                f"{base.plain.seconds:.2f}",
                ratio(series.seconds, base.plain.seconds),
                "—",
                "—",
            )
        )
        rows.append(
            Row(
                f"  {label}, CPU s",
                f"{series.cpu:.2f}",
                f"{base.plain.cpu:.2f}",
                ratio(series.cpu, base.plain.cpu),
                "—",
                "—",
            )
        )
    return rows


def generator_rows(base: Comparison, runs: int, result: dict[str, Any]) -> list[Row]:
    """Load + docs_tree as a share of the full build."""
    gen = generator_time(runs)
    gen_s = statistics.median(g["load"] + g["generate"] for g in gen)
    result["generator"] = {
        "runs": gen,
        "median_seconds": gen_s,
        "share_of_wall": gen_s / base.site.seconds,
        "share_of_cpu": gen_s / base.site.cpu,
    }
    return [
        Row(
            "generator: load + docs_tree, s",
            f"{gen_s:.2f}",
            f"{base.site.seconds:.2f} wall / {base.site.cpu:.2f} cpu",
            f"{gen_s / base.site.seconds:.0%} / {gen_s / base.site.cpu:.0%}",
            "—",
            "—",
        )
    ]


def scaling_rows(
    args: argparse.Namespace,
    base: Comparison,
    runs: int,
    factors: list[int],
    sources: Path,
    work: Path,
    result: dict[str, Any],
) -> list[Row]:
    """Synthetic knowledge bases F times bigger, each against its own plain twin (×1: the runs above)."""
    scaling: list[ScaleRow] = [
        {
            "factor": 1,
            "pages": base.pages,
            "runs": runs,
            "site_s": base.site.seconds,
            "site_cpu": base.site.cpu,
            "plain_s": base.plain.seconds,
            "plain_cpu": base.plain.cpu,
            "site_rss_mb": base.site.max_rss_mb,
            "plain_rss_mb": base.plain.max_rss_mb,
            "timed_out": False,
            "estimated": "",
            "note": "the real knowledge base (same runs as above)",
        }
    ]
    previous = base
    for factor in factors:
        if factor == 1:
            continue
        n = runs_for(factor, runs)
        kb_dir, src_dir = make_synthetic(factor, work / f"kb-x{factor}", sources_dir=sources)
        say(f"×{factor}: synthetic knowledge base written ({len(list(src_dir.glob('*.txt')))} sources); {n} run(s)")
        step = factor // scaling[-1]["factor"]
        cmp_, kept = compare(
            f"x{factor}",
            n,
            work,
            {"PARTNER_KB": str(kb_dir), "PARTNER_SOURCES": str(src_dir)},
            sources,
            warmup=False,
            timeout=args.timeout,
            fallback=(previous.profiles, step),
        )
        shutil.rmtree(kept, ignore_errors=True)
        scaling.append(
            {
                "factor": factor,
                "pages": cmp_.pages,
                "runs": n,
                "site_s": cmp_.site.seconds,
                "site_cpu": cmp_.site.cpu,
                "plain_s": cmp_.plain.seconds,
                "plain_cpu": cmp_.plain.cpu,
                "site_rss_mb": cmp_.site.max_rss_mb,
                "plain_rss_mb": cmp_.plain.max_rss_mb,
                "timed_out": cmp_.site.timed_out,
                "estimated": cmp_.estimated,
            }
        )
        if cmp_.site.timed_out:
            break  # a bigger site would only time out too
        previous = cmp_
    result["scaling"] = scaling
    rows = []
    for s in scaling:
        low = "≥ " if s["timed_out"] else ""
        pages = f"{'~' if s['estimated'] else ''}{s['pages']} pages"
        rows.append(
            Row(
                f"build ×{s['factor']} ({pages}, {s['runs']} run(s)), wall s",
                f"{low}{s['site_s']:.1f}" + (" (stopped)" if s["timed_out"] else ""),
                f"{s['plain_s']:.1f}",
                low + ratio(s["site_s"], s["plain_s"]),
                "—",
                "—",
            )
        )
        rows.append(
            Row(
                f"  ×{s['factor']}: CPU ms per page",
                f"{low}{1000 * s['site_cpu'] / s['pages']:.0f}",
                f"{1000 * s['plain_cpu'] / s['pages']:.0f}",
                low + ratio(s["site_cpu"], s["plain_cpu"]),
                "—",
                "—",
            )
        )
    return rows + growth_rows(scaling, result)


def growth_rows(scaling: list[ScaleRow], result: dict[str, Any]) -> list[Row]:
    """Between each two sizes: how CPU time grew against the knowledge base's size and against pages
    (recorded in result["growth"] too)."""
    rows: list[Row] = []
    for a, b in pairwise(scaling):
        e_site = exponent(a["site_cpu"], b["site_cpu"], a["pages"], b["pages"])
        e_plain = exponent(a["plain_cpu"], b["plain_cpu"], a["pages"], b["pages"])
        low = "≥ " if b["timed_out"] else ""
        ok = e_site <= max(GOALS["exponent"], e_plain) + 0.05
        result.setdefault("growth", []).append(
            {
                "from": a["factor"],
                "to": b["factor"],
                "site_exponent": e_site,
                "plain_exponent": e_plain,
                "lower_bound": b["timed_out"],
            }
        )
        # The issue's own measure: cost against the knowledge base's size (the factor). Pages grow
        # more slowly than the content (a page lists ten times as many cases), so the pages row below
        # is the stricter one, and the plain site's exponent there says how much of it the theme makes.
        k_site = exponent(a["site_cpu"], b["site_cpu"], a["factor"], b["factor"])
        k_plain = exponent(a["plain_cpu"], b["plain_cpu"], a["factor"], b["factor"])
        result["growth"][-1].update(site_exponent_kb=k_site, plain_exponent_kb=k_plain)
        rows.append(
            Row(
                f"growth ×{a['factor']}→×{b['factor']}: CPU ∝ KB size^k, k =",
                f"{low}{k_site:.2f}",
                f"{k_plain:.2f}",
                "—",
                "k ≤ 1",
                met(False if b["timed_out"] else k_site <= GOALS["exponent"] + 0.05),
            )
        )
        rows.append(
            Row(
                f"growth ×{a['factor']}→×{b['factor']}: CPU ∝ pages^b, b =",
                f"{low}{e_site:.2f}",
                f"{e_plain:.2f}",
                "—",
                "b ≤ 1 (or ≤ baseline)",
                met(False if b["timed_out"] else ok),
            )
        )
    return rows


def quiz_weight(site: Path) -> dict[str, Any]:
    """The quiz page's own bytes on this site (what /quiz/ loads that the home page does not)."""
    own = own_weight(site, "quiz/")
    if "quiz/questions.json" not in own["files"] and (site / "quiz/questions.json").is_file():
        own["files"]["quiz/questions.json"] = gz((site / "quiz/questions.json").read_bytes())  # fetched by quiz.js
        own["total_gzip"] = sum(own["files"].values())
        own["note"] = "questions.json added: no reference to it was found in the page or its scripts"
    return own


def _shipped_questions(site: Path) -> int | None:
    """How many questions the built site's questions.json holds (None when it cannot be read)."""
    try:
        data = json.loads((site / "quiz" / "questions.json").read_text(encoding="utf-8"))
        return len(data["questions"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def weight_rows(site: Path, work: Path, result: dict[str, Any]) -> list[Row]:
    """The quiz page against the same bank on an mkdocs-quiz page, built now; and the quiz's JS+CSS."""
    ours = quiz_weight(site)
    page, questions = bank_page()
    rivals: dict[str, dict[str, Any]] = {}
    notes = result.setdefault("notes", [])
    for name, options in (("default", None), ("lean", LEAN)):
        project = rival_project(page, work / f"mkdocs-quiz-{name}-project", options)
        out = work / f"mkdocs-quiz-{name}"
        say(f"mkdocs-quiz page ({questions} questions, {'default options' if options is None else options}) …")
        try:
            run = build(project, out)
        except BuildFailed as exc:  # e.g. an old venv without the plugin: say so, measure the rest
            notes.append(f"mkdocs-quiz page ({name}) NOT built: {exc}")
            continue
        rivals[name] = {
            **own_weight(out, "quiz/"),
            "options": options or "defaults",
            "build_seconds": round(run.seconds, 2),
        }
    result["weights"] = {"ours": ours, "mkdocs_quiz": rivals, "questions": questions}
    shipped = _shipped_questions(site)
    if shipped != questions:
        notes.append(f"Weight: the site's questions.json holds {shipped} questions, the mkdocs-quiz page {questions}")
    if ours.get("note"):
        notes.append(f"Weight: {ours['note']}")
    parts = ", ".join(f"{p} {n / 1024:.1f}" for p, n in ours["files"].items())
    notes.append(f"Quiz page's own bytes (gzip -9, KB): {parts}")
    goal, mine = GOALS["weight_ratio"], ours["total_gzip"]
    rows = []
    for name, label, goal_text in (
        ("default", f"quiz page's own bytes gzip -9, KB: /quiz/ vs mkdocs-quiz ({questions} questions)", f"≤ {goal}×"),
        ("lean", "  vs mkdocs-quiz with embed_source and confetti off", "—"),
    ):
        if name not in rivals:
            rows.append(Row(label, f"{mine / 1024:.1f}", "not built", "—", goal_text, "—"))
            continue
        theirs = rivals[name]["total_gzip"]
        rows.append(
            Row(
                label,
                f"{mine / 1024:.1f}",
                f"{theirs / 1024:.1f}",
                ratio(mine, theirs),
                goal_text,
                met(mine <= goal * theirs) if name == "default" else "—",
            )
        )
    assets = {
        p: n
        for p, n in page_weight(site, "quiz/")["files"].items()
        if p.startswith("assets/quiz/") and p.endswith((".js", ".css"))
    }
    result["weights"]["quiz_assets"] = assets
    kb = sum(assets.values()) / 1024
    rows.append(
        Row(
            "quiz JS+CSS gzip -9, KB",
            f"{kb:.1f}",
            "—",
            "—",
            f"< {GOALS['quiz_assets_kb']:.0f}",
            met(kb < GOALS["quiz_assets_kb"]) if assets else "NO (not found)",
        )
    )
    return rows


def lighthouse_rows(args: argparse.Namespace, site: Path, work: Path, result: dict[str, Any]) -> list[Row]:
    """Scores per page and preset, or one row saying Lighthouse did not run."""
    if args.no_lighthouse:
        result["lighthouse"] = {"ran": False, "reason": "skipped (--no-lighthouse)"}
    else:
        result["lighthouse"] = lighthouse(site, ["desktop"] if args.quick else ["desktop", "mobile"], work)
    lh = result["lighthouse"]
    rows = []
    if not lh.get("ran"):
        say(f"Lighthouse did not run: {lh['reason']}")
        rows.append(Row("Lighthouse", "not run", "—", "—", f"= {score_text(GOALS['lighthouse'])}", "—"))
    for key, scores in lh.get("scores", {}).items():
        values = [v for v in scores.values() if v is not None]
        rows.append(
            Row(
                f"Lighthouse {key}: perf/a11y/bp/seo",
                "/".join(score_text(v) for v in scores.values()),
                "—",
                "—",
                f"each = {score_text(GOALS['lighthouse'])}",
                met(len(values) == len(CATEGORIES) and min(values) >= GOALS["lighthouse"]),
            )
        )
    return rows


def run_all(args: argparse.Namespace, runs: int, factors: list[int], work: Path, result: dict[str, Any]) -> list[Row]:
    """Every part in order; the ×1 build of the real knowledge base is weighed and served to Lighthouse."""
    sources = sources_dir()
    base, site = compare("x1", runs, work, {}, sources, warmup=True, floor=True)
    result["build"] = {
        "pages": base.pages,
        "plain_pages": base.plain_pages,
        "site": [asdict(r) for r in base.site.runs],
        "plain": [asdict(r) for r in base.plain.runs],
        "floor": [asdict(r) for r in base.floor.runs],
    }
    rows = build_rows(base, runs) + floor_rows(base)
    if not args.no_engines:
        rows += engine_rows(base, runs, work, result)
    rows += generator_rows(base, runs, result)
    rows += scaling_rows(args, base, runs, factors, sources, work, result)
    rows += weight_rows(site, work, result)
    rows += lighthouse_rows(args, site, work, result)
    return rows
