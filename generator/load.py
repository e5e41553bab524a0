"""Read knowledge/*.yml into plain data plus an index from data paths to YAML lines.

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys and
forgets where each value came from. We compose the node tree ourselves, refuse
duplicate keys, and remember the line of every node so that validation errors
can point at `file:line`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import KnowledgeBaseError, Problem

DataPath = tuple[str | int, ...]


@dataclass
class LoadedKnowledge:
    """Raw data of every file, which file each top-level key came from, and node lines."""

    data: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # top-level key -> display path
    lines: dict[str, dict[DataPath, int]] = field(default_factory=dict)  # display path -> index
    directory: str = "knowledge"  # display path of the knowledge directory itself

    def locate(self, loc: DataPath) -> tuple[str, int]:
        """Map a data path to (file, line), using the longest known prefix.

        A section no file defines belongs to no file: blame the directory, not
        whichever file happens to sort first.
        """
        if not loc or loc[0] not in self.origin:
            return self.directory, 1
        path = self.origin[str(loc[0])]
        index = self.lines[path]
        for end in range(len(loc), 0, -1):
            line = index.get(tuple(loc[:end]))
            if line is not None:
                return path, line
        return path, 1


def _construct(
    node: yaml.Node, path: DataPath, index: dict[DataPath, int], display: str, problems: list[Problem]
) -> Any:
    """Turn a composed node into Python data, recording the 1-based line of every node."""
    index.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or key_node.tag not in (
                "tag:yaml.org,2002:str",
                "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:bool",
            ):
                problems.append(Problem(display, key_node.start_mark.line + 1, "mapping keys must be plain names"))
                continue
            if key in result:
                problems.append(
                    Problem(
                        display, key_node.start_mark.line + 1, f"duplicate key '{key}' (an earlier value would be lost)"
                    )
                )
                continue
            index[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, path + (key,), index, display, problems)
            index[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), index, display, problems) for i, item in enumerate(node.value)]
    value = _scalar(node)
    return _text(value, node, display, problems) if isinstance(value, str) else value


_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Control, bidi and zero-width characters: invisible in an editor's diff, yet they can reorder
a title on screen (U+202E) or make two identical-looking terms different."""


def _text(value: str, node: yaml.Node, display: str, problems: list[Problem]) -> str:
    """Text as one form (NFC), so terms that look the same are the same; invisible characters refused."""
    if m := _INVISIBLE.search(value):
        char = m.group()
        name = unicodedata.name(char, "a control character")
        problems.append(
            Problem(
                display,
                node.start_mark.line + 1,
                f"text contains the invisible character U+{ord(char):04X} ({name}): delete it",
            )
        )
    return unicodedata.normalize("NFC", value)


_SCALARS = yaml.SafeLoader("")  # constructs scalars only: no state worth keeping between them


def _scalar(node: yaml.Node) -> Any:
    """Resolve a scalar with the safe loader's own rules (bool, int, null, str …)."""
    try:
        return _SCALARS.construct_object(node, deep=True)
    finally:
        _SCALARS.constructed_objects.clear()


def _syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """Line and message for a YAML syntax error, pointing where the fix most likely goes.

    PyYAML marks where it gave up; for a bracket or quote left open that is some
    later line, while the opening itself is the context mark — so point there.
    """
    problem = exc.problem_mark.line + 1 if exc.problem_mark else None
    context = exc.context_mark.line + 1 if exc.context_mark else None
    what = exc.problem or exc.context
    if context is None or problem is None or context == problem:
        return problem or context or 1, f"YAML syntax error: {what}"
    inside = (exc.context or "").removeprefix("while parsing ").removeprefix("while scanning ")
    if context < problem and ("flow" in inside or "quoted" in inside):
        closer = "quote" if "quoted" in inside else "bracket"
        return context, (
            f"YAML syntax error: {inside} opened on this line is not closed "
            f"(missing {closer}?): {what} on line {problem}"
        )
    return problem, f"YAML syntax error: {what} (in {inside} that starts on line {context})"


def _refused_character(char: str) -> str:
    """What the YAML reader refused, named the way _text names an invisible character (YAML's own
    message gives a position in the whole text, which no editor shows)."""
    name = unicodedata.name(char, "a control character")
    return f"text contains the character U+{ord(char):04X} ({name}), which YAML does not allow: delete it"


# libyaml's composer gives the same nodes and marks, about ten times faster than the pure-Python one.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 32
"""Deepest nesting of lists and mappings a knowledge file may use: the real one needs six, and
PyYAML's composer (and ours) recurse, so thousands of `[` would end in a crash, not a message."""

_PLAIN_TAGS = frozenset({None, "!"})  # no tag, or the non-specific tag of a quoted scalar


def _screen(text: str, display: str, problems: list[Problem], loader: Any = None) -> bool:
    """Refuse what plain data never needs before anything is built: aliases and anchors (a few
    lines of them expand to gigabytes), explicit tags (custom or Python types), nesting deeper
    than MAX_DEPTH and a second document. Events are read iteratively, so this pass cannot
    itself blow the stack; it returns True when the text is safe to compose."""
    before, depth, documents = len(problems), 0, 0
    for event in yaml.parse(text, Loader=loader or _COMPOSER):
        assert event.start_mark is not None  # the parser marks every event; the stubs allow None
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.append(
                    Problem(
                        display,
                        line,
                        "a second YAML document ('---') in one file: "
                        "each knowledge file holds one document; remove the '---' or "
                        "move that part into a file of its own",
                    )
                )
                break
        elif isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(display, line, f"YAML alias '*{event.anchor}' is not allowed: write the value out in full")
            )
        elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if event.anchor is not None:
                problems.append(
                    Problem(
                        display,
                        line,
                        f"YAML anchor '&{event.anchor}' is not allowed: "
                        "knowledge files hold plain data, without anchors or aliases",
                    )
                )
            if event.tag not in _PLAIN_TAGS:
                problems.append(
                    Problem(
                        display,
                        line,
                        f"YAML tag '{event.tag}' is not allowed: knowledge "
                        "files hold plain text, numbers, lists and mappings (remove the "
                        "tag; put text in quotes)",
                    )
                )
            if not isinstance(event, yaml.ScalarEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(
                        Problem(
                            display,
                            line,
                            f"lists and mappings nested more than {MAX_DEPTH} "
                            "levels deep: the knowledge base never needs that many",
                        )
                    )
                    break
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        if len(problems) - before >= 20:  # a file full of aliases says so without listing each one
            break
    return len(problems) == before


def load_file(path: Path, display: str, problems: list[Problem]) -> tuple[dict[str, Any], dict[DataPath, int]]:
    """Load one YAML file; syntax and encoding errors become problems, not exceptions."""
    index: dict[DataPath, int] = {}
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(display, 1, f"cannot read this file: {exc.strerror or exc}"))
        return {}, index
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, line, f"file is not valid UTF-8 (byte {exc.start})"))
        return {}, index
    try:
        try:
            safe = _screen(text, display, problems)
        except yaml.YAMLError:  # rare: read again in pure Python for its fuller, familiar messages
            safe = _screen(text, display, problems, yaml.SafeLoader)
        if not safe:
            return {}, index
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        line, message = _syntax_error(exc)
        lines = text.splitlines()
        if 0 < line <= len(lines) and len(lines[line - 1]) > _MAX_KEY and ":" in lines[line - 1][_MAX_KEY:]:
            message = (
                f"a key of more than {_MAX_KEY} characters on this line: YAML allows no longer keys "
                "(shorten it, or put a long text after a short key)"
            )
        problems.append(Problem(display, line, message))
        return {}, index
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. NUL
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        # the reader stops at the first such character; its offset counts bytes under libyaml and
        # characters under PyYAML, so find the character itself
        at = max(text.find(char), 0)
        problems.append(Problem(display, text.count("\n", 0, at) + 1, _refused_character(char)))
        return {}, index
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: other reader errors
        problems.append(Problem(display, 1, f"YAML error: {exc}"))
        return {}, index
    if node is None:
        problems.append(Problem(display, 1, "file is empty"))
        return {}, index
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(display, node.start_mark.line + 1, "top level must be a mapping of section names"))
        return {}, index
    data = _construct(node, (), index, display, problems)
    return data, index


_MAX_KEY = 1024  # PyYAML's limit for a plain key; past it the parser's own message is a riddle

KNOWLEDGE_SUFFIX = ".yml"
ALLOWED_OTHER = frozenset({"schema.json", "quotations.lock"})
"""Generated beside the data: the editors' schema and the quotation lock (generator/quotelock.py)."""


def ignored(name: str) -> bool:
    """Files an editor or the OS leaves beside the data: hidden files (`.#x.yml` lock files among
    them), backups (`x.yml~`) and autosaves (`#x.yml#`). Everything else is read or refused."""
    return name.startswith((".", "#")) or name.endswith("~")


def _entries(directory: Path, display_of: Any, problems: list[Problem]) -> list[Path]:
    """The knowledge files of `directory`; anything else that is not ignored is a problem, because
    a `glossary.yaml` that is silently skipped loses every term it holds."""
    files = []
    for path in sorted(directory.iterdir()):
        name = path.name
        if ignored(name) or name in ALLOWED_OTHER:
            continue
        display = display_of(path)
        suffix = path.suffix
        if suffix == KNOWLEDGE_SUFFIX:
            if path.is_symlink() and not path.exists():
                problems.append(Problem(display, 1, "a broken symbolic link: point it at a file or delete it"))
            elif not path.is_file():
                problems.append(Problem(display, 1, "not a file (a directory?): knowledge files must be plain files"))
            else:
                files.append(path)
        elif suffix.lower() in (".yml", ".yaml"):
            problems.append(
                Problem(
                    display,
                    1,
                    f"knowledge files must end in '{KNOWLEDGE_SUFFIX}': rename it "
                    f"to {path.stem}{KNOWLEDGE_SUFFIX} (this file is not read)",
                )
            )
        else:
            problems.append(
                Problem(
                    display,
                    1,
                    "unknown file in the knowledge directory: only *.yml "
                    "knowledge files (and schema.json, quotations.lock) belong here",
                )
            )
    return files


def load_knowledge(directory: Path, root: Path | None = None) -> LoadedKnowledge:
    """Load every `*.yml` in `directory`; raise KnowledgeBaseError listing all problems."""
    root = root or directory.parent
    problems: list[Problem] = []
    loaded = LoadedKnowledge()
    try:
        loaded.directory = str(directory.relative_to(root))
    except ValueError:
        loaded.directory = str(directory)

    def display_of(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    if not directory.is_dir():
        raise KnowledgeBaseError([Problem(str(directory), 1, "the knowledge directory does not exist")])
    files = _entries(directory, display_of, problems)
    if not files and not problems:
        raise KnowledgeBaseError([Problem(str(directory), 1, "no *.yml files in the knowledge base")])
    for path in files:
        display = display_of(path)
        data, index = load_file(path, display, problems)
        loaded.lines[display] = index
        for key, value in data.items():
            if key in loaded.data:
                problems.append(
                    Problem(
                        display, index.get((key,), 1), f"section '{key}' is already defined in {loaded.origin[key]}"
                    )
                )
                continue
            loaded.data[key] = value
            loaded.origin[key] = display
    if problems:
        raise KnowledgeBaseError(problems)
    return loaded
