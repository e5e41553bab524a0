"""Benchmark: build time, generator share, memory, scaling, Lighthouse and page weight.

Every performance figure is a RATIO against a baseline measured in the same run on
the same machine: a plain Material site (same theme, features and Markdown
extensions, no hooks) with as many pages of comparable text as this site's build
output. Absolute seconds vary between machines; the ratios are what to compare.
See bench/README.md for what each number means.

Usage: python scripts/bench.py [--runs N] [--quick] [--factors 1,10,100] [--timeout S] [--no-lighthouse]
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]
from synthetic_kb import make_synthetic  # noqa: E402  (a sibling script, not a package)
from tests.support.server import PREFIX, SiteServer  # noqa: E402  (the tests' server: same sub-path)

RESULTS = ROOT / "bench" / "results"
LIGHTHOUSE_PAGES = {"home": "", "comparison": "comparison/", "quiz": "quiz/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
GOALS = {"build_ratio": 1.2, "memory_ratio": 1.2, "weight_ratio": 1.15, "quiz_assets_kb": 10.0, "lighthouse": 1.0, "exponent": 1.0}


def say(message: str) -> None:
    """Progress goes to stderr so stdout stays the table."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- Builds ------------------------------------------------------------------------------------

class BuildFailed(RuntimeError):
    """A build exited non-zero: there is nothing meaningful to time."""


@dataclass
class Run:
    """One clean `mkdocs build` in its own process."""

    seconds: float  # wall clock, process start to exit
    cpu: float  # user + system CPU seconds of the child
    max_rss_mb: float  # peak resident memory of the child
    timed_out: bool = False  # killed at the time limit: every figure is a lower bound


def build(project: Path, out: Path, env: dict[str, str] | None = None, timeout: float = 1e9,
          command: list[str] | None = None) -> Run:
    """`python -m mkdocs build -q -d out` (or `command` + out) in a fresh process; os.wait4 gives that
    child's rusage (its own waited-for children, e.g. Zensical under `generator build`, included)."""
    shutil.rmtree(out, ignore_errors=True)
    # Bytecode is cached as on a user's machine (the warm-up build writes it): installed packages
    # ship theirs, so forbidding it would charge only this project's own modules a recompile.
    full_env = {k: v for k, v in os.environ.items() if k not in ("PARTNER_KB", "PYTHONDONTWRITEBYTECODE")}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        argv = [*command, str(out)] if command else [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
        proc = subprocess.Popen(argv,
                                cwd=project, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                timed_out = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 and not timed_out:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace").strip().splitlines()[-15:]
            raise BuildFailed(f"{' '.join(argv[1:4])} in {project} exited {proc.returncode}:\n  " + "\n  ".join(tail))
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, timed_out)  # maxrss: KiB


@dataclass
class Series:
    """Repeated runs of one build; medians are what the table shows."""

    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        return statistics.median(r.max_rss_mb for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)


# --- What a built page contains, and a plain page just like it --------------------------------------

@dataclass
class Table:
    rows: int = 0
    cols: int = 0
    words: int = 0


@dataclass
class PageProfile:
    """The shape of one built page's content: enough to write a comparable plain Markdown page."""

    doc: str  # Markdown path the plain site uses, giving the same URL
    words: int = 0  # outside tables
    headings: int = 0  # h2-h6
    tables: list[Table] = field(default_factory=list)


class _ContentParser(HTMLParser):
    """Words, headings and tables inside Material's <article> (the page content, not the chrome)."""

    def __init__(self, profile: PageProfile):
        super().__init__(convert_charrefs=True)
        self.p = profile
        self.depth = 0  # nesting inside <article>
        self.skip = 0  # inside <script>/<style>
        self.table: Table | None = None
        self.row_cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            self.p.headings += 1
        elif tag == "table":
            self.table = Table()
        elif tag == "tr" and self.table:
            self.table.rows += 1
            self.row_cells = 0
        elif tag in ("td", "th") and self.table:
            self.row_cells += 1
            self.table.cols = max(self.table.cols, self.row_cells)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag == "table" and self.table:
            self.p.tables.append(self.table)
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            n = len(data.split())
            if self.table:
                self.table.words += n
            else:
                self.p.words += n


def profile_site(site: Path) -> list[PageProfile]:
    """One profile per built page (every index.html; 404.html is the theme's own)."""
    profiles = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        profile = PageProfile("index.md" if rel == "." else f"{rel}/index.md")
        _ContentParser(profile).feed(html.read_text(encoding="utf-8"))
        profiles.append(profile)
    return profiles


def _vocabulary(sources: Path) -> list[str]:
    """Words of the real source articles, so plain pages have text of the same kind."""
    words: list[str] = []
    for path in sorted(sources.glob("*.txt")) if sources.is_dir() else []:
        words += re.findall(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]", path.read_text(encoding="utf-8"))
    return words or "partners and customers differ in who pays whom and why it matters".split()


class _Words:
    """An endless, deterministic stream of vocabulary words."""

    def __init__(self, vocabulary: list[str]):
        self.vocabulary, self.i = vocabulary, 0

    def take(self, n: int) -> str:
        out = [self.vocabulary[(self.i + j) % len(self.vocabulary)] for j in range(max(n, 1))]
        self.i += max(n, 1)
        return " ".join(out)


def plain_markdown(profile: PageProfile, words: _Words) -> str:
    """A page with the profile's word count, heading count and tables, in plain Markdown."""
    parts = [f"# {words.take(3).capitalize()}\n"]
    sections = profile.headings + 1
    per_section = max(profile.words // sections, 1)
    tables = list(profile.tables)
    for s in range(sections):
        if s:
            parts.append(f"## {words.take(3).capitalize()}\n")
        left = per_section
        while left > 0:
            n = min(left, 60)
            parts.append(words.take(n) + ".\n")
            left -= n
        if tables and (s >= sections - len(tables) or s == sections - 1):
            t = tables.pop(0)
            cols, rows = max(t.cols, 1), max(t.rows, 2)
            cell = max(t.words // (rows * cols), 1)
            lines = ["| " + " | ".join(words.take(cell) for _ in range(cols)) + " |",
                     "|" + " --- |" * cols]
            lines += ["| " + " | ".join(words.take(cell) for _ in range(cols)) + " |" for _ in range(rows - 1)]
            parts.append("\n".join(lines) + "\n")
    while tables:  # more tables than sections
        t = tables.pop(0)
        cols = max(t.cols, 1)
        parts.append("| " + " | ".join(["x"] * cols) + " |\n|" + " --- |" * cols + "\n"
                     + "".join("| " + " | ".join(words.take(max(t.words // (max(t.rows, 2) * cols), 1))
                                                 for _ in range(cols)) + " |\n" for _ in range(max(t.rows, 2) - 1)))
    return "\n".join(parts)


def plain_project(profiles: list[PageProfile], dest: Path, sources: Path) -> Path:
    """A throwaway Material project: this mkdocs.yml without hooks/nav, and one plain page per profile."""
    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "nav", "watch", "docs_dir", "site_dir"):
        config.pop(key, None)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:  # the same theme overrides (partials/search.html)
        shutil.copytree(ROOT / custom_dir, dest / custom_dir)
    for path in (ROOT / "docs").rglob("*"):  # the same static assets (site.css), none of the pages
        if path.is_file() and path.suffix != ".md":
            target = docs / path.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    words = _Words(_vocabulary(sources))
    for profile in profiles:
        target = docs / profile.doc
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(profile, words), encoding="utf-8")
    return dest


# --- Site vs plain, interleaved ------------------------------------------------------------------

def scale_profiles(profiles: list[PageProfile], k: int) -> list[PageProfile]:
    """Estimated profiles of a site k times bigger: per-source pages multiply, every other page grows k-fold.

    Used only when this site's own build timed out, so the plain baseline can still be built.
    """
    out: list[PageProfile] = []
    for p in profiles:
        if p.doc.startswith("sources/") and p.doc != "sources/index.md":
            out.append(p)
            out += [replace(p, doc=p.doc.replace("/index.md", f"-s{j}/index.md")) for j in range(2, k + 1)]
        else:
            out.append(PageProfile(p.doc, p.words * k, p.headings * k,
                                   [Table(t.rows * k, t.cols, t.words * k) for t in p.tables]))
    return out


@dataclass
class Comparison:
    label: str
    pages: int
    site: Series
    plain: Series
    plain_pages: int
    profiles: list[PageProfile]
    estimated: str = ""  # why the plain site's profile is an estimate, if it is


def compare(label: str, runs: int, work: Path, env: dict[str, str], sources: Path, *, warmup: bool,
            timeout: float = 1e9, fallback: tuple[list[PageProfile], int] | None = None) -> tuple[Comparison, Path]:
    """Build this site and its plain twin `runs` times each, alternating so drift hits both alike.

    With `warmup`, one untimed build of each comes first (its output gives the page profile);
    without it, the first timed build of this site is also the one profiled. A build of this
    site that passes `timeout` is killed and stands as a lower bound; the plain twin is then
    built from `fallback` (a smaller size's profiles, scaled).
    """
    site_out = work / f"{label}-site"
    site, plain = Series(), Series()
    say(f"{label}: building this site{' (warm-up)' if warmup else ''} …")
    first = build(ROOT, site_out, env, timeout)
    estimated = ""
    if first.timed_out:
        site.runs.append(first)
        say(f"{label}: this site's build passed the {timeout:.0f} s limit and was stopped")
        if fallback is None:
            raise BuildFailed(f"{label}: build timed out after {timeout:.0f} s and no profile to fall back on")
        profiles = scale_profiles(*fallback)
        estimated = f"plain site estimated from a smaller build's pages ×{fallback[1]} (this site timed out)"
    else:
        if not warmup:
            site.runs.append(first)
        profiles = profile_site(site_out)
    kept = work / f"{label}-site-kept"
    shutil.rmtree(kept, ignore_errors=True)
    if site_out.exists():
        site_out.rename(kept)
    project = plain_project(profiles, work / f"{label}-plain-project", sources)
    plain_out = work / f"{label}-plain"
    if warmup:
        build(project, plain_out)
    for i in range(runs):
        if len(site.runs) <= i and not site.timed_out:
            site.runs.append(build(ROOT, site_out, env, timeout))
        plain.runs.append(build(project, plain_out))
        mine = site.runs[min(i, len(site.runs) - 1)]
        say(f"{label}: run {i + 1}/{runs}: this site {mine.seconds:.2f} s{' (stopped)' if mine.timed_out else ''}"
            f" (cpu {mine.cpu:.2f}), plain {plain.runs[i].seconds:.2f} s (cpu {plain.runs[i].cpu:.2f})")
    plain_pages = len(list(plain_out.rglob("index.html")))
    return Comparison(label, len(profiles), site, plain, plain_pages, profiles, estimated), kept


def engine_times(runs: int, work: Path) -> dict[str, Series]:
    """`python -m generator build --engine E` for both engines, alternating, after one warm-up each."""
    out = {"mkdocs": Series(), "zensical": Series()}
    command = lambda engine: [sys.executable, "-m", "generator", "build", "--engine", engine, "--site-dir"]  # noqa: E731
    for engine in out:
        build(ROOT, work / f"engine-{engine}", command=command(engine))
    for i in range(runs):
        for engine, series in out.items():
            series.runs.append(build(ROOT, work / f"engine-{engine}", command=command(engine)))
        say(f"engines: run {i + 1}/{runs}: mkdocs {out['mkdocs'].runs[-1].seconds:.2f} s, "
            f"zensical {out['zensical'].runs[-1].seconds:.2f} s")
    for engine in out:
        shutil.rmtree(work / f"engine-{engine}", ignore_errors=True)
    return out


GENERATOR_SNIPPET = """
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from generator.knowledge import KNOWLEDGE_DIR, SOURCES_DIR, load
from generator.site import docs_tree
t0 = time.perf_counter()
kb = load(KNOWLEDGE_DIR, Path(os.environ.get("PARTNER_SOURCES") or SOURCES_DIR))
t1 = time.perf_counter()
files = docs_tree(kb, Path(sys.argv[1]) / "docs").files
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "generate": t2 - t1, "files": len(files)}))
"""


def generator_time(runs: int) -> list[dict[str, float]]:
    """load + docs_tree timed inside a fresh interpreter each run: cold, as the build pays it."""
    results = []
    env = {k: v for k, v in os.environ.items() if k != "PARTNER_KB"}
    for i in range(runs):
        out = subprocess.run([sys.executable, "-c", GENERATOR_SNIPPET, str(ROOT)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=900)
        if out.returncode != 0:
            raise BuildFailed(f"generator timing failed:\n{out.stderr.strip()[-2000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        say(f"generator run {i + 1}/{runs}: load {results[-1]['load']:.3f} s + generate {results[-1]['generate']:.3f} s")
    return results


# --- Page weight ----------------------------------------------------------------------------------

class _Assets(HTMLParser):
    """Stylesheets, scripts and JSON files a page references."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.json: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"] or "")
        root = a.get("data-root") or ""  # the quiz resolves data-src against data-root
        for value in a.values():
            if value and re.fullmatch(r"[\w./-]+\.json", value):
                self.json.append(posixpath.join(root, value) if root and not value.startswith("/") else value)


def _local(site: Path, page_url: str, ref: str) -> str | None:
    """Site-relative path of a same-origin reference made from `page_url`, or None if off-origin."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path if parts.path.startswith("/") else posixpath.join("/" + page_url, parts.path)
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path.startswith(PREFIX.strip("/") + "/"):
        path = path[len(PREFIX.strip("/")) + 1:]
    return path if (site / path).is_file() else None


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_weight(site: Path, page_url: str) -> dict[str, Any]:
    """gzip -9 bytes of the page's HTML and every same-origin CSS/JS/JSON it loads."""
    html_path = site / page_url / "index.html"
    parser = _Assets()
    parser.feed(html_path.read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    for kind, refs in (("css", parser.css), ("js", parser.js), ("json", parser.json)):
        for ref in refs:
            if (path := _local(site, page_url, ref) or (_local(site, "", ref) if kind == "json" else None)):
                files.setdefault(path, kind)
    for path, kind in list(files.items()):  # JSON a (non-theme) script fetches, resolved against the page
        if kind == "js" and not path.startswith("assets/javascripts/"):
            text = (site / path).read_text(encoding="utf-8", errors="replace")
            for ref in re.findall(r"""["'`]([\w./-]+\.json)["'`]""", text):
                if (found := _local(site, page_url, ref)) is not None:
                    files.setdefault(found, "json")
    items = {page_url + "index.html": gz(html_path.read_bytes())}
    items.update({path: gz((site / path).read_bytes()) for path in files})
    return {"page": "/" + page_url, "total_gzip": sum(items.values()), "files": items, "kinds": files}


def weights(site: Path) -> dict[str, Any]:
    """The quiz page against a plain guide page, and the quiz's own JS+CSS."""
    guide, quiz = page_weight(site, "comparison/"), page_weight(site, "quiz/")
    if "quiz/questions.json" not in quiz["files"] and (site / "quiz/questions.json").is_file():
        quiz["files"]["quiz/questions.json"] = gz((site / "quiz/questions.json").read_bytes())  # fetched by quiz.js
        quiz["total_gzip"] = sum(quiz["files"].values())
        quiz["note"] = "questions.json added: no reference to it was found in the page or its scripts"
    own = {p: n for p, n in quiz["files"].items()
           if p.startswith("assets/quiz/") and p.endswith((".js", ".css"))}
    if not own:
        own = {p.relative_to(site).as_posix(): gz(p.read_bytes())
               for p in sorted((site / "assets" / "quiz").glob("*")) if p.suffix in (".js", ".css")}
    return {"guide": guide, "quiz": quiz, "quiz_assets": own, "quiz_assets_gzip": sum(own.values())}


# --- Lighthouse ------------------------------------------------------------------------------------

def lighthouse(site: Path, presets: list[str], work: Path) -> dict[str, Any]:
    """Lighthouse scores (0-1) per page and preset, or why they could not be taken."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not binary.exists():
        return {"ran": False, "reason": f"lighthouse not installed ({binary} missing; run `make browser`)"}
    if not Path(chrome).exists():
        return {"ran": False, "reason": f"no Chromium at {chrome}"}
    server = SiteServer(site).start()
    results: dict[str, Any] = {"ran": True, "scores": {}, "errors": [],
                               "server": f"{server.base_url} (tests/support/server.py, gzip like GitHub Pages)"}
    try:
        for preset in presets:
            for name, page in LIGHTHOUSE_PAGES.items():
                report = work / f"lh-{name}-{preset}.json"
                cmd = [str(binary), server.url(page), "--quiet", "--output=json", f"--output-path={report}",
                       f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
                if preset == "desktop":
                    cmd.append("--preset=desktop")
                say(f"lighthouse {name} ({preset}) …")
                try:
                    done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True,
                                          text=True, timeout=240)
                    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
                except (subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
                    done, data = None, None
                    results["errors"].append(f"{name}/{preset}: {type(exc).__name__}")
                if data is None:
                    if done is not None:
                        results["errors"].append(f"{name}/{preset}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
                    continue
                scores = {c: (data["categories"].get(c) or {}).get("score") for c in CATEGORIES}
                results["scores"][f"{name}/{preset}"] = scores
                results.setdefault("failed_audits", {})[f"{name}/{preset}"] = _failed(data)
                say(f"  {name} ({preset}): " + ", ".join(f"{c} {_score(s)}" for c, s in scores.items()))
    finally:
        server.stop()
    return results


def _failed(report: dict[str, Any]) -> dict[str, list[str]]:
    """Per category, the weighted audits that did not pass: what to fix to raise the score."""
    audits = report.get("audits", {})
    return {cid: [ref["id"] for ref in cat.get("auditRefs", [])
                  if ref.get("weight") and (audits.get(ref["id"], {}).get("score") is not None)
                  and audits[ref["id"]]["score"] < 0.9]
            for cid, cat in report.get("categories", {}).items()}


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{round(value * 100)}"


# --- Report ---------------------------------------------------------------------------------------

@dataclass
class Row:
    metric: str
    site: str
    baseline: str
    ratio: str
    goal: str
    met: str


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "n/a"


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "NO")


def exponent(t_small: float, t_big: float, n_small: int, n_big: int) -> float:
    """Growth exponent b in time ∝ pages^b between two sizes (1 = linear)."""
    return math.log(t_big / t_small) / math.log(n_big / n_small)


def table(rows: list[Row]) -> str:
    """A Markdown table (readable as plain text too)."""
    head = ["metric", "this site", "baseline", "ratio", "goal", "met?"]
    cells = [head] + [[r.metric, r.site, r.baseline, r.ratio, r.goal, r.met] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    line = lambda c: "| " + " | ".join(x.ljust(w) for x, w in zip(c, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(c) for c in cells[1:]])


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        return out.stdout.strip() + ("+uncommitted changes" if dirty.strip() else "")
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement at ×1 (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs, desktop Lighthouse only")
    parser.add_argument("--factors", default="1,10,100", help="synthetic knowledge-base sizes (default 1,10,100)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="stop a synthetic build after this many seconds (default 180, --quick 120)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary build directories")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else max(args.runs, 1)
    if args.timeout is None:
        args.timeout = 120.0 if args.quick else 180.0
    factors = sorted({int(f) for f in args.factors.split(",") if f.strip()} | {1})
    sources = Path(os.environ.get("PARTNER_SOURCES") or ROOT.parent / "shared" / "sources")
    work = Path(tempfile.mkdtemp(prefix="partner-bench-"))
    started = time.perf_counter()
    result: dict[str, Any] = {
        "meta": {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "revision": git_revision(),
                 "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
                 "runs": runs, "quick": args.quick, "factors": factors, "work_dir": str(work)}}
    try:
        rows = run_all(args, runs, factors, sources, work, result)
    except BuildFailed as exc:
        say(f"FAILED: {exc}")
        say("nothing to benchmark until the site builds; no results written")
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result["meta"]["bench_seconds"] = round(time.perf_counter() - started, 1)
    result["rows"] = [asdict(r) for r in rows]
    text = table(rows)
    lh = result["lighthouse"]
    footer = [f"Lighthouse: {'ran' if lh.get('ran') else 'did NOT run'}"
              + (f" - {lh['reason']}" if not lh.get("ran") else f", served at {lh['server']}")]
    failing = sorted({f"{cat}: {audit}" for per_page in lh.get("failed_audits", {}).values()
                      for cat, ids in per_page.items() for audit in ids})
    if failing:
        footer.append("Lighthouse audits scoring < 0.9 somewhere: " + "; ".join(failing))
    if lh.get("errors"):
        footer.append("Lighthouse errors: " + "; ".join(lh["errors"]))
    footer.append(f"{runs} run(s) at ×1; medians; total bench time {result['meta']['bench_seconds']:.0f} s; "
                  f"revision {result['meta']['revision']}")
    print(text)
    print("\n".join(footer))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "bench.md").write_text(f"# Benchmark {result['meta']['date']}\n\n{text}\n\n"
                                      + "\n".join(f"- {line}" for line in footer) + "\n", encoding="utf-8")
    say(f"wrote {RESULTS / 'bench.json'} and bench.md")
    return 0


def runs_for(factor: int, runs: int) -> int:
    """Fewer runs for bigger sites, to stay within the time budget (×10: half, ×100 and up: one)."""
    if factor <= 1:
        return runs
    return max(1, runs // 2) if factor <= 10 else 1


def run_all(args: argparse.Namespace, runs: int, factors: list[int], sources: Path, work: Path,
            result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []

    # 1 + 3: this site against a plain site of the same size
    base, site_dir = compare("x1", runs, work, {}, sources, warmup=True)
    result["build"] = {"pages": base.pages, "plain_pages": base.plain_pages,
                       "site": [asdict(r) for r in base.site.runs], "plain": [asdict(r) for r in base.plain.runs]}
    build_goal, memory_goal = GOALS["build_ratio"], GOALS["memory_ratio"]
    rows.append(Row(f"full build, wall s (median of {runs}; {base.pages} pages)", f"{base.site.seconds:.2f}",
                    f"{base.plain.seconds:.2f}", _ratio(base.site.seconds, base.plain.seconds),
                    f"≤ {build_goal}×", _met(base.site.seconds <= build_goal * base.plain.seconds)))
    rows.append(Row("full build, CPU s (user+sys of the build)", f"{base.site.cpu:.2f}", f"{base.plain.cpu:.2f}",
                    _ratio(base.site.cpu, base.plain.cpu), f"≤ {build_goal}×",
                    _met(base.site.cpu <= build_goal * base.plain.cpu)))
    rows.append(Row("peak memory (max RSS) of the build, MB", f"{base.site.max_rss_mb:.0f}",
                    f"{base.plain.max_rss_mb:.0f}", _ratio(base.site.max_rss_mb, base.plain.max_rss_mb),
                    f"≤ {memory_goal}×", _met(base.site.max_rss_mb <= memory_goal * base.plain.max_rss_mb)))

    # 1b: `make site` with either engine (the atomic build: validation included) against the same baseline
    engines = engine_times(runs, work)
    result["engines"] = {name: [asdict(r) for r in series.runs] for name, series in engines.items()}
    for name, label in (("mkdocs", "make site (MkDocs + Material)"), ("zensical", "make site ENGINE=zensical")):
        series = engines[name]
        rows.append(Row(f"{label}, wall s (median of {runs})", f"{series.seconds:.2f}", f"{base.plain.seconds:.2f}",
                        _ratio(series.seconds, base.plain.seconds), "—", "—"))
        rows.append(Row(f"  {label}, CPU s", f"{series.cpu:.2f}", f"{base.plain.cpu:.2f}",
                        _ratio(series.cpu, base.plain.cpu), "—", "—"))

    # 2: the generator's share
    gen = generator_time(runs)
    gen_s = statistics.median(g["load"] + g["generate"] for g in gen)
    result["generator"] = {"runs": gen, "median_seconds": gen_s, "share_of_wall": gen_s / base.site.seconds,
                           "share_of_cpu": gen_s / base.site.cpu}
    rows.append(Row("generator: load + docs_tree, s", f"{gen_s:.2f}",
                    f"{base.site.seconds:.2f} wall / {base.site.cpu:.2f} cpu",
                    f"{gen_s / base.site.seconds:.0%} / {gen_s / base.site.cpu:.0%}", "—", "—"))

    # 4: scaling with synthetic knowledge bases (×1 is the real knowledge base: the runs above)
    scaling = [{"factor": 1, "pages": base.pages, "runs": runs, "site_s": base.site.seconds, "site_cpu": base.site.cpu,
                "plain_s": base.plain.seconds, "plain_cpu": base.plain.cpu, "site_rss_mb": base.site.max_rss_mb,
                "plain_rss_mb": base.plain.max_rss_mb, "timed_out": False, "estimated": "",
                "note": "the real knowledge base (same runs as above)"}]
    previous = base
    for factor in factors:
        if factor == 1:
            continue
        n = runs_for(factor, runs)
        kb_dir, src_dir = make_synthetic(factor, work / f"kb-x{factor}")
        say(f"×{factor}: synthetic knowledge base written ({len(list(src_dir.glob('*.txt')))} sources); {n} run(s)")
        step = factor // scaling[-1]["factor"]
        cmp_, kept = compare(f"x{factor}", n, work, {"PARTNER_KB": str(kb_dir), "PARTNER_SOURCES": str(src_dir)},
                             sources, warmup=False, timeout=args.timeout, fallback=(previous.profiles, step))
        shutil.rmtree(kept, ignore_errors=True)
        scaling.append({"factor": factor, "pages": cmp_.pages, "runs": n, "site_s": cmp_.site.seconds,
                        "site_cpu": cmp_.site.cpu, "plain_s": cmp_.plain.seconds, "plain_cpu": cmp_.plain.cpu,
                        "site_rss_mb": cmp_.site.max_rss_mb, "plain_rss_mb": cmp_.plain.max_rss_mb,
                        "timed_out": cmp_.site.timed_out, "estimated": cmp_.estimated})
        if cmp_.site.timed_out:
            break  # a bigger site would only time out too
        previous = cmp_
    result["scaling"] = scaling
    for s in scaling:
        low = "≥ " if s["timed_out"] else ""
        pages = f"{'~' if s['estimated'] else ''}{s['pages']} pages"
        rows.append(Row(f"build ×{s['factor']} ({pages}, {s['runs']} run(s)), wall s",
                        f"{low}{s['site_s']:.1f}" + (" (stopped)" if s["timed_out"] else ""),
                        f"{s['plain_s']:.1f}", low + _ratio(s["site_s"], s["plain_s"]), "—", "—"))
        rows.append(Row(f"  ×{s['factor']}: CPU ms per page", f"{low}{1000 * s['site_cpu'] / s['pages']:.0f}",
                        f"{1000 * s['plain_cpu'] / s['pages']:.0f}", low + _ratio(s["site_cpu"], s["plain_cpu"]),
                        "—", "—"))
    for a, b in zip(scaling, scaling[1:]):
        e_site = exponent(a["site_cpu"], b["site_cpu"], a["pages"], b["pages"])
        e_plain = exponent(a["plain_cpu"], b["plain_cpu"], a["pages"], b["pages"])
        low = "≥ " if b["timed_out"] else ""
        ok = e_site <= max(GOALS["exponent"], e_plain) + 0.05
        result.setdefault("growth", []).append({"from": a["factor"], "to": b["factor"], "site_exponent": e_site,
                                                "plain_exponent": e_plain, "lower_bound": b["timed_out"]})
        rows.append(Row(f"growth ×{a['factor']}→×{b['factor']}: CPU ∝ pages^b, b =", f"{low}{e_site:.2f}",
                        f"{e_plain:.2f}", "—", "b ≤ 1 (or ≤ baseline)", _met(False if b["timed_out"] else ok)))

    # 6: page weight
    w = weights(site_dir)
    result["weights"] = w
    ratio = w["quiz"]["total_gzip"] / w["guide"]["total_gzip"]
    rows.append(Row("page weight gzip -9, KB: /quiz/ vs /comparison/", f"{w['quiz']['total_gzip'] / 1024:.1f}",
                    f"{w['guide']['total_gzip'] / 1024:.1f}", f"{ratio:.2f}×", f"≤ {GOALS['weight_ratio']}×",
                    _met(ratio <= GOALS["weight_ratio"])))
    own = w["quiz_assets_gzip"] / 1024
    rows.append(Row("quiz JS+CSS gzip -9, KB", f"{own:.1f}", "—", "—", f"< {GOALS['quiz_assets_kb']:.0f}",
                    _met(own < GOALS["quiz_assets_kb"]) if w["quiz_assets"] else "NO (not found)"))

    # 5: Lighthouse
    if args.no_lighthouse:
        result["lighthouse"] = {"ran": False, "reason": "skipped (--no-lighthouse)"}
    else:
        result["lighthouse"] = lighthouse(site_dir, ["desktop"] if args.quick else ["desktop", "mobile"], work)
    lh = result["lighthouse"]
    if not lh.get("ran"):
        say(f"Lighthouse did not run: {lh['reason']}")
        rows.append(Row("Lighthouse", "not run", "—", "—", f"= {_score(GOALS['lighthouse'])}", "—"))
    for key, scores in lh.get("scores", {}).items():
        values = [v for v in scores.values() if v is not None]
        rows.append(Row(f"Lighthouse {key}: perf/a11y/bp/seo", "/".join(_score(v) for v in scores.values()),
                        "—", "—", f"each = {_score(GOALS['lighthouse'])}",
                        _met(len(values) == len(CATEGORIES) and min(values) >= GOALS["lighthouse"])))
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
