"""A valid knowledge base ×factor, for measuring how the build scales with content.

Why clone instead of inventing: cloned items keep the real text lengths, so pages
grow the way real content would. Every copy k ≥ 2 gets its own sources (with their
own article files, byte-for-byte copies so quoted lines still match) and suffixed
ids, and its items cite those sources. The decision model (facts, outcomes, rules),
the debate positions, playbook aspects and quiz topics stay as they are, so rules
stay exhaustive and quiz links keep pointing at real anchors.

Usage: python -m bench.synthetic FACTOR DEST  (prints the kb and sources dirs)
"""

from __future__ import annotations

import copy
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem
from generator.knowledge import KNOWLEDGE_DIR
from generator.knowledge import sources_dir as default_sources_dir
from generator.load import load_file

Item = dict[str, Any]


def _read(path: Path) -> dict[str, Any]:
    """One knowledge file as the project's own loader reads it (a fact's `yes:`/`no:` keys stay the
    names written, where plain safe_load would turn them into booleans)."""
    problems: list[Problem] = []
    data, _ = load_file(path, path.name, problems)
    if problems:
        raise ValueError("\n".join(map(str, problems)))
    return data


class _Copy:
    """Renames one copy's ids and source references (copy 1 is the original, unchanged)."""

    def __init__(self, k: int, source_ids: set[str]):
        self.k = k
        self.source_ids = source_ids

    def id(self, value: str) -> str:
        return value if self.k == 1 else f"{value}-x{self.k}"

    def label(self, value: str) -> str:
        return value if self.k == 1 else f"{value} ({self.k})"

    def source(self, value: str) -> str:
        return self.id(value) if value in self.source_ids else value

    def cites(self, item: Item) -> None:
        """Point `cites` at this copy's sources, keeping line numbers."""
        if "cites" in item:
            item["cites"] = [self.source(c.split(":")[0]) + c[len(c.split(":")[0]) :] for c in item["cites"]]

    def item(
        self, item: Item, *, label: str | None = None, refs: tuple[str, ...] = (), also: tuple[str, ...] = ()
    ) -> Item:
        """A deep copy with a suffixed id, optional suffixed label fields and mapped references.

        `also` names further fields a quiz prompt is made of (a story, a description): each copy's
        differs, so the bank's no-duplicate-prompts gate holds at every factor."""
        new = copy.deepcopy(item)
        if "id" in new:
            new["id"] = self.id(new["id"])
        for field in (label, *also):
            if field and field in new:
                new[field] = self.label(new[field])
        for ref in refs:
            if ref in new:
                new[ref] = self.source(new[ref])
        self.cites(new)
        return new


def _source(c: _Copy, src: Item) -> Item:
    new = c.item(src, label="title")
    if c.k > 1:
        stem, _, ext = src["file"].rpartition(".")
        new["file"] = f"{stem}_x{c.k}.{ext}"
        new["short"] = f"{src['short']} {c.k}"
        if src["author"].lower() == "unnamed":
            new["author_note"] = f"{src.get('author_note', '')} (copy {c.k})".strip()
        else:
            new["author"] = f"{src['author']}-{c.k}"
    return new


def _dimension(c: _Copy, dim: Item) -> Item:
    new = c.item(dim, label="name")
    c.cites(new["customer"])
    c.cites(new["partner"])
    return new


def _clone_list(
    items: list[Item], factor: int, source_ids: set[str], make: Callable[[_Copy, Item], Item]
) -> list[Item]:
    return [make(_Copy(k, source_ids), item) for k in range(1, factor + 1) for item in items]


def scale(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """The knowledge base (all sections merged) with every content list ×factor."""
    out = copy.deepcopy(data)
    sids = {s["id"] for s in data["sources"]}
    simple: dict[str, Callable[[_Copy, Item], Item]] = {
        "sources": _source,
        "definitions": lambda c, x: c.item(x, refs=("source",)),
        "dimensions": _dimension,
        "partner_kinds": lambda c, x: c.item(x, label="name", also=("description",)),
        "special_cases": lambda c, x: c.item(x, label="name", also=("description",)),
        "pitfalls": lambda c, x: c.item(x, label="name", also=("description",)),
        "glossary": lambda c, x: c.item(x, label="term"),
        "scenarios": lambda c, x: c.item(x, label="title", also=("story",)),
    }
    for section, make in simple.items():
        if section in out:
            out[section] = _clone_list(data[section], factor, sids, make)
    out["debate"]["stances"] = _clone_list(
        data["debate"]["stances"], factor, sids, lambda c, x: c.item(x, refs=("source",))
    )
    out["playbook"]["plays"] = _clone_list(data["playbook"]["plays"], factor, sids, lambda c, x: c.item(x))
    if data["quiz"].get("questions"):
        out["quiz"]["questions"] = _clone_list(data["quiz"]["questions"], factor, sids, lambda c, x: c.item(x))
    return out


def make_synthetic(
    factor: int, dest: Path, knowledge_dir: Path = KNOWLEDGE_DIR, sources_dir: Path | None = None
) -> tuple[Path, Path]:
    """Write the ×factor knowledge base and its article files under `dest`; return (kb_dir, sources_dir).

    The articles are copied from `sources_dir`, by default the folder a build reads
    (`generator.knowledge.sources_dir()`).
    """
    sources_dir = sources_dir or default_sources_dir()
    if factor < 1:
        raise ValueError("factor must be at least 1")
    kb_dir, src_dir = dest / "knowledge", dest / "sources"
    kb_dir.mkdir(parents=True, exist_ok=True)
    src_dir.mkdir(parents=True, exist_ok=True)
    files = {p.name: _read(p) for p in sorted(knowledge_dir.glob("*.yml"))}
    merged = {key: value for data in files.values() for key, value in data.items()}
    scaled = scale(merged, factor)
    for name, data in files.items():  # same sections in the same files as the real KB
        part = {key: scaled[key] for key in data}
        (kb_dir / name).write_text(
            yaml.safe_dump(part, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
        )
    originals = {s["id"]: s["file"] for s in merged["sources"]}
    for src in scaled["sources"]:
        base = src["id"].rsplit("-x", 1)[0] if src["id"] not in originals else src["id"]
        shutil.copyfile(sources_dir / originals[base], src_dir / src["file"])
    return kb_dir, src_dir


def main(argv: list[str]) -> int:
    """Command line: write a synthetic knowledge base; prints the environment that selects it."""
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    kb_dir, src_dir = make_synthetic(int(argv[0]), Path(argv[1]))
    print(f"PARTNER_KB={kb_dir} PARTNER_SOURCES={src_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
