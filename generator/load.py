"""Read knowledge/*.yml into plain data plus an index from data paths to YAML lines.

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys and
forgets where each value came from. We compose the node tree ourselves, refuse
duplicate keys, and remember the line of every node so that validation errors
can point at `file:line`.
"""
from __future__ import annotations

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


def _construct(node: yaml.Node, path: DataPath, index: dict[DataPath, int], display: str,
               problems: list[Problem]) -> Any:
    """Turn a composed node into Python data, recording the 1-based line of every node."""
    index.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or key_node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
                                                   "tag:yaml.org,2002:bool"):
                problems.append(Problem(display, key_node.start_mark.line + 1,
                                        "mapping keys must be plain names"))
                continue
            if key in result:
                problems.append(Problem(display, key_node.start_mark.line + 1,
                                        f"duplicate key '{key}' (an earlier value would be lost)"))
                continue
            index[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, path + (key,), index, display, problems)
            index[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), index, display, problems)
                for i, item in enumerate(node.value)]
    return _scalar(node)


_SCALARS = yaml.SafeLoader("")  # constructs scalars only: no state worth keeping between them


def _scalar(node: yaml.ScalarNode) -> Any:
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
        return context, (f"YAML syntax error: {inside} opened on this line is not closed "
                         f"(missing {closer}?): {what} on line {problem}")
    return problem, f"YAML syntax error: {what} (in {inside} that starts on line {context})"


# libyaml's composer gives the same nodes and marks, about ten times faster than the pure-Python one.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: Path, display: str, problems: list[Problem]) -> tuple[dict[str, Any], dict[DataPath, int]]:
    """Load one YAML file; syntax and encoding errors become problems, not exceptions."""
    index: dict[DataPath, int] = {}
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(Problem(display, line, f"file is not valid UTF-8 (byte {exc.start})"))
        return {}, index
    try:
        try:
            node = yaml.compose(text, Loader=_COMPOSER)
        except yaml.YAMLError:  # rare: compose again in pure Python for its fuller, familiar messages
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line, message = _syntax_error(exc)
        problems.append(Problem(display, line, message))
        return {}, index
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: other reader errors
        problems.append(Problem(display, 1, f"YAML error: {exc}"))
        return {}, index
    if node is None:
        problems.append(Problem(display, 1, "file is empty"))
        return {}, index
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(display, node.start_mark.line + 1,
                                "top level must be a mapping of section names"))
        return {}, index
    data = _construct(node, (), index, display, problems)
    return data, index


def load_knowledge(directory: Path, root: Path | None = None) -> LoadedKnowledge:
    """Load every `*.yml` in `directory`; raise KnowledgeBaseError listing all problems."""
    root = root or directory.parent
    problems: list[Problem] = []
    loaded = LoadedKnowledge()
    try:
        loaded.directory = str(directory.relative_to(root))
    except ValueError:
        loaded.directory = str(directory)
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise KnowledgeBaseError([Problem(str(directory), 1, "no *.yml files in the knowledge base")])
    for path in files:
        try:
            display = str(path.relative_to(root))
        except ValueError:
            display = str(path)
        data, index = load_file(path, display, problems)
        loaded.lines[display] = index
        for key, value in data.items():
            if key in loaded.data:
                problems.append(Problem(display, index.get((key,), 1),
                                        f"section '{key}' is already defined in {loaded.origin[key]}"))
                continue
            loaded.data[key] = value
            loaded.origin[key] = display
    if problems:
        raise KnowledgeBaseError(problems)
    return loaded
