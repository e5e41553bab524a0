"""Timed builds, each in a fresh process, and the site-vs-plain comparison that alternates them.

Every figure comes from `os.wait4` on the child (wall time around it, CPU and peak memory from
its rusage), so nothing the bench itself does is counted.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from assemble.engines import ENGINES

from . import ROOT, say
from .baseline import PageProfile, plain_project, pregenerated_project, profile_site, scale_profiles


class BuildFailed(RuntimeError):
    """A build exited non-zero: there is nothing meaningful to time."""


@dataclass
class Run:
    """One clean `mkdocs build` in its own process."""

    seconds: float  # wall clock, process start to exit
    cpu: float  # user + system CPU seconds of the child
    max_rss_mb: float  # peak resident memory of the child
    timed_out: bool = False  # killed at the time limit: every figure is a lower bound


def build(
    project: Path, out: Path, env: dict[str, str] | None = None, timeout: float = 1e9, command: list[str] | None = None
) -> Run:
    """`python -m mkdocs build -q -d out` (or `command` + out) in a fresh process; os.wait4 gives that
    child's rusage (its own waited-for children, e.g. Zensical under `assemble build`, included)."""
    shutil.rmtree(out, ignore_errors=True)
    # Bytecode is cached as on a user's machine (the warm-up build writes it): installed packages
    # ship theirs, so forbidding it would charge only this project's own modules a recompile.
    full_env = {k: v for k, v in os.environ.items() if k not in ("PARTNER_KB", "PYTHONDONTWRITEBYTECODE")}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        argv = [*command, str(out)] if command else [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
        proc = subprocess.Popen(argv, cwd=project, env=full_env, stdout=log, stderr=subprocess.STDOUT)
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
        """Median wall-clock seconds."""
        return statistics.median(r.seconds for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        """Median peak memory, MB."""
        return statistics.median(r.max_rss_mb for r in self.runs)

    @property
    def cpu(self) -> float:
        """Median user + system CPU seconds."""
        return statistics.median(r.cpu for r in self.runs)

    @property
    def timed_out(self) -> bool:
        """Whether any run was stopped at the limit."""
        return any(r.timed_out for r in self.runs)


@dataclass
class Comparison:
    """The site and its plain twin at one size: both series and the page profiles used."""

    label: str
    pages: int
    site: Series
    plain: Series
    plain_pages: int
    profiles: list[PageProfile]
    estimated: str = ""  # why the plain site's profile is an estimate, if it is
    floor: Series = field(default_factory=Series)  # this site's pages pre-generated, no hooks (with `floor`)


def compare(
    label: str,
    runs: int,
    work: Path,
    env: dict[str, str],
    sources: Path,
    *,
    warmup: bool,
    timeout: float = 1e9,
    fallback: tuple[list[PageProfile], int] | None = None,
    floor: bool = False,
) -> tuple[Comparison, Path]:
    """Build this site and its plain twin `runs` times each, alternating so drift hits both alike.

    With `warmup`, one untimed build of each comes first (its output gives the page profile);
    without it, the first timed build of this site is also the one profiled. A build of this
    site that passes `timeout` is killed and stands as a lower bound; the plain twin is then
    built from `fallback` (a smaller size's profiles, scaled). With `floor`, a third series
    alternates with them: this site's own pages, pre-generated, built with no hooks
    (baseline.pregenerated_project), which splits the ratio into what the pages cost and what the
    build code adds.
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
    floor_series = Series()
    floor_project = pregenerated_project(work / f"{label}-floor-project") if floor else None
    floor_out = work / f"{label}-floor"
    if warmup:
        build(project, plain_out)
        if floor_project is not None:
            build(floor_project, floor_out)
    for i in range(runs):
        if len(site.runs) <= i and not site.timed_out:
            site.runs.append(build(ROOT, site_out, env, timeout))
        plain.runs.append(build(project, plain_out))
        if floor_project is not None:
            floor_series.runs.append(build(floor_project, floor_out))
        mine = site.runs[min(i, len(site.runs) - 1)]
        say(
            f"{label}: run {i + 1}/{runs}: this site {mine.seconds:.2f} s{' (stopped)' if mine.timed_out else ''}"
            f" (cpu {mine.cpu:.2f}), plain {plain.runs[i].seconds:.2f} s (cpu {plain.runs[i].cpu:.2f})"
            + (f", its pages alone (cpu {floor_series.runs[i].cpu:.2f})" if floor_series.runs else "")
        )
    plain_pages = len(list(plain_out.rglob("index.html")))
    return Comparison(label, len(profiles), site, plain, plain_pages, profiles, estimated, floor_series), kept


def engine_times(runs: int, work: Path) -> dict[str, Series]:
    """`python -m assemble build --engine E` for both engines, alternating, after one warm-up each."""
    out = {engine: Series() for engine in ENGINES}

    def command(engine: str) -> list[str]:
        return [sys.executable, "-m", "assemble", "build", "--engine", engine, "--site-dir"]

    for engine in out:
        build(ROOT, work / f"engine-{engine}", command=command(engine))
    for i in range(runs):
        for engine, series in out.items():
            series.runs.append(build(ROOT, work / f"engine-{engine}", command=command(engine)))
        say(
            f"engines: run {i + 1}/{runs}: mkdocs {out['mkdocs'].runs[-1].seconds:.2f} s, "
            f"zensical {out['zensical'].runs[-1].seconds:.2f} s"
        )
    for engine in out:
        shutil.rmtree(work / f"engine-{engine}", ignore_errors=True)
    return out


def generator_time(runs: int) -> list[dict[str, float]]:
    """Load + docs_tree timed inside a fresh interpreter each run (`python -m bench.gentime`):
    cold, as the build pays it."""
    results = []
    env = {k: v for k, v in os.environ.items() if k != "PARTNER_KB"}
    for i in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.gentime"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
        if out.returncode != 0:
            raise BuildFailed(f"generator timing failed:\n{out.stderr.strip()[-2000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        say(
            f"generator run {i + 1}/{runs}: load {results[-1]['load']:.3f} s + generate {results[-1]['generate']:.3f} s"
        )
    return results
