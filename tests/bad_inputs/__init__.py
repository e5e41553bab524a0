"""A catalogue of malformed knowledge bases, each one small edit away from the real one.

Every `NN-name.yml` here is one case:

    description: what an editor did wrong
    file: decision.yml              # the knowledge file to change
    replace:                        # text substitutions; each `old` must occur exactly once
      - {old: "...", new: "..."}
    # or  content: "whole new file text"
    # or  bytes_hex: "…"            (raw bytes, for encodings that are not UTF-8)
    # or  delete: true
    # or  rename: "glossary.yaml"   (the file under another name)
    # or  symlink: "/nonexistent"   (the file replaced by a symbolic link to that target)
    # or  directory: true           (a directory where the file would be)
    # or  article: {file: NAME.txt, bytes_hex: "…"}  or  {file: NAME.txt, symlink: /etc/passwd}
    #           (one of the fixture articles replaced; the knowledge base is unchanged)
    expect: {path: knowledge/decision.yml, at: "text on that line", message: "substring of the message"}
    # or  expect: {…, at: "id: supplier", nth: 2, …}   (the second line holding that text)
    # or  expect: {…, line: 83, …}   (a number, for a file the case writes whole)

`at` names the line by a text found on exactly one line of that file as the case leaves it, so a
rewording elsewhere in the real knowledge base does not move the line a case expects.

Cases are edits of a copy of the real knowledge/ rather than hand-made fixtures so that
they cannot drift from the schema: an `old` text that no longer matches fails loudly.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).resolve().parent
REPO_ROOT = CATALOGUE.parents[1]
KNOWLEDGE = REPO_ROOT / "knowledge"
_KINDS = ("replace", "content", "bytes_hex", "delete", "rename", "symlink", "directory", "article")


@dataclass(frozen=True)
class Case:
    """One malformed knowledge base and the problem it must produce."""

    name: str
    description: str
    file: str
    change: dict[str, Any]
    path: str
    line: int
    message: str

    @property
    def where(self) -> str:
        """The `path:line` prefix an editor would jump to."""
        return f"{self.path}:{self.line}"


def load_case(case_file: Path) -> Case:
    """Read one case file, refusing unknown keys or more than one kind of change."""
    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    allowed = {"description", "file", "expect", *_KINDS}
    if set(data) - allowed:
        raise ValueError(f"{case_file.name}: unknown keys {sorted(set(data) - allowed)}")
    kinds = [k for k in _KINDS if k in data]
    if len(kinds) != 1:
        raise ValueError(f"{case_file.name}: needs exactly one of {', '.join(_KINDS)}, has {kinds}")
    expect = data["expect"]
    line = (
        int(expect["line"])
        if "line" in expect
        else _line_of(case_file.name, data, expect["path"], expect["at"], int(expect.get("nth", 0)))
    )
    return Case(
        name=case_file.stem,
        description=data["description"],
        file=data["file"],
        change={k: data[k] for k in kinds},
        path=expect["path"],
        line=line,
        message=expect["message"],
    )


def _line_of(case_name: str, data: dict[str, Any], path: str, at: str, nth: int) -> int:
    """The one line of `path` (as the case leaves it) on which the text `at` stands — or, with
    `nth`, the nth of the lines that hold it (a duplicated id stands on two)."""
    name = path.removeprefix("knowledge/")
    text = (KNOWLEDGE / name).read_text(encoding="utf-8")
    if name == data["file"]:
        for item in data.get("replace", []):
            text = text.replace(item["old"], item["new"], 1)
    hits = [n for n, line in enumerate(text.split("\n"), 1) if at in line]
    if nth:
        if len(hits) < nth:
            raise ValueError(f"{case_name}: expect.at {at!r} stands on {len(hits)} lines of {path}, not {nth}")
        return hits[nth - 1]
    if len(hits) != 1:
        raise ValueError(f"{case_name}: expect.at {at!r} stands on {len(hits)} lines of {path}, not one")
    return hits[0]


def all_cases() -> list[Case]:
    """Every case in the catalogue, in file-name order."""
    return [load_case(p) for p in sorted(CATALOGUE.glob("[0-9]*.yml"))]


def copy_knowledge(dest_root: Path) -> Path:
    """A copy of the real knowledge/ at `dest_root/knowledge` (so paths read `knowledge/…`)."""
    directory = dest_root / "knowledge"
    shutil.copytree(KNOWLEDGE, directory)
    return directory


def replace_once(path: Path, old: str, new: str) -> None:
    """Substitute `old` by `new` in a file, insisting `old` occurs exactly once."""
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"{path.name}: expected the text to replace exactly once, found {count}: {old!r}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def articles_for(case: Case, dest_root: Path, articles: Path) -> Path:
    """The articles folder `case` is checked against: a copy of `articles`, changed if the case says so."""
    folder = dest_root / "articles"
    shutil.copytree(articles, folder)
    change = case.change.get("article")
    if change:
        target = folder / change["file"]
        target.unlink()
        if "bytes_hex" in change:
            target.write_bytes(bytes.fromhex(change["bytes_hex"]))
        else:
            target.symlink_to(change["symlink"])
    return folder


def materialise(case: Case, dest_root: Path) -> Path:
    """Write the broken knowledge base of `case` under `dest_root`; return its directory."""
    directory = copy_knowledge(dest_root)
    target = directory / case.file
    if "article" in case.change:
        return directory
    if not target.is_file() and not {"content", "bytes_hex", "directory", "symlink"} & set(case.change):
        raise AssertionError(f"{case.name}: knowledge file {case.file} does not exist")
    if "replace" in case.change:
        for item in case.change["replace"]:
            replace_once(target, item["old"], item["new"])
    elif "content" in case.change:
        target.write_text(case.change["content"], encoding="utf-8")
    elif "bytes_hex" in case.change:
        target.write_bytes(bytes.fromhex(case.change["bytes_hex"]))
    elif "rename" in case.change:
        target.rename(directory / case.change["rename"])
    elif "symlink" in case.change:
        target.unlink(missing_ok=True)
        target.symlink_to(case.change["symlink"])
    elif "directory" in case.change:
        target.unlink(missing_ok=True)
        target.mkdir()
    else:
        target.unlink()
    return directory
