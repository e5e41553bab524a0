"""`make serve ENGINE=zensical`: the site previewed by Zensical's live-reloading server, the
project it shows rewritten whenever a watched file changes. A broken knowledge base is reported the
way a build reports it (report.load_or_report) and the last good site stays served.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.knowledge import knowledge_dir, sources_dir

from .report import load_or_report
from .zensical import Project, ZensicalFailed, write_project, zensical_command

SERVE_DIR = ".zensical-serve"  # beside mkdocs.yml; gitignored, removed by `make clean`
WATCHED = ("knowledge", "docs", "overrides", "generator/templates", "quiz/templates", "quiz/assets", "mkdocs.yml")


def sync(staged: Path, live: Path) -> list[str]:
    """Make `live` a copy of `staged`, writing only files whose bytes changed and deleting the ones
    that went away, so Zensical's own watcher rebuilds just what changed; the paths touched."""
    touched = []
    new = {p.relative_to(staged) for p in staged.rglob("*") if p.is_file()}
    old = {p.relative_to(live) for p in live.rglob("*") if p.is_file()} if live.exists() else set()
    for rel in sorted(old - new):
        if rel.parts[0] != "site":  # Zensical's own output
            (live / rel).unlink()
            touched.append(rel.as_posix())
    for folder in sorted(p.relative_to(staged) for p in staged.rglob("*") if p.is_dir()):
        (live / folder).mkdir(parents=True, exist_ok=True)  # an empty overrides/ is still a theme dir
    for rel in sorted(new):
        data = (staged / rel).read_bytes()
        target = live / rel
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            touched.append(rel.as_posix())
    return touched


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any watched file is edited, added or removed."""
    found: list[tuple[str, int, int]] = []
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        found += [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files]
    return tuple(found)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def serve(config: Path, dev_addr: str = "127.0.0.1:8000", work: Path | None = None, interval: float = 0.5) -> int:
    """Materialise the project into `work` (default .zensical-serve/), run `zensical serve` on it
    (which live-reloads the browser), and re-materialise whenever a watched file changes: the
    knowledge base, the hand-written docs, templates, assets, overrides or mkdocs.yml. A broken
    knowledge base prints its problems and keeps the last good site served."""
    here = config.resolve().parent
    work = (work or here / SERVE_DIR).absolute()
    watched = [knowledge_dir(config), sources_dir()] + [here / name for name in WATCHED[1:]]

    def rebuild() -> bool:
        checked = load_or_report(knowledge_dir(config), "still serving the last good site")
        if checked is None:
            return False
        kb, _ = checked
        staged = work.with_name(work.name + "-staged")
        shutil.rmtree(staged, ignore_errors=True)
        staged.mkdir(parents=True)
        try:
            write_project(config, kb, staged)
            changed = sync(staged, work)
        except (OSError, ValueError, ZensicalFailed) as exc:
            print(f"could not write the site's sources: {exc}", file=sys.stderr)
            return False
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        print(f"docs tree up to date ({len(changed)} file(s) changed)", flush=True)
        return True

    if not rebuild():
        return 1
    project = Project(work)
    signal.signal(signal.SIGTERM, _stop)  # a terminated serve takes its Zensical child with it
    child = subprocess.Popen(zensical_command(project, "serve", "--dev-addr", dev_addr), cwd=work)
    stamp = _stamp(watched)
    try:
        while child.poll() is None:
            time.sleep(interval)
            now = _stamp(watched)
            if now != stamp:
                stamp = now
                rebuild()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
    return child.returncode or 0
