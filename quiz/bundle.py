"""The quiz page's scripts and styles as one minified file each, made at build time.

The sources stay small ES modules (tested one by one under Node); the page loads the bundle, one
request instead of ten, minified by the maintained PyPI minifiers rjsmin and rcssmin — no npm
needed, so `make site` still runs with Python alone. Bundling needs no parser: the modules keep to
one plain subset of ES module syntax — `import { a, b as c } from "./x.js";` on a line of its own,
`export function` / `export const` — and anything else fails the build, naming the module.
Each module becomes a function scope returning its exports, so private names cannot collide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import rcssmin
import rjsmin

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w.-]+\.js)";?[ \t]*$', re.M)
_EXPORT = re.compile(r"^export\s+(function|const|let)\s+([\w$]+)", re.M)
_OTHER = re.compile(r"^\s*(?:import|export)\b|\bimport\s*\(", re.M)


class BundleError(ValueError):
    """A module uses syntax the bundler does not handle (it would otherwise ship broken)."""


@dataclass(frozen=True)
class Module:
    """One source module: its own imports (module name, [(imported, local)]) and exported names."""

    name: str
    body: str
    imports: list[tuple[str, list[tuple[str, str]]]]
    exports: list[str]


def _var(name: str) -> str:
    """The bundle's variable holding module `name`'s exports: "draw.js" → "$m_draw"."""
    return "$m_" + re.sub(r"\W", "_", name.removesuffix(".js"))


def parse(name: str, text: str) -> Module:
    """Module `name`, with its imports turned into reads of other modules' variables."""
    imports: list[tuple[str, list[tuple[str, str]]]] = []

    def imported(match: re.Match[str]) -> str:
        names = []
        for part in (p.strip() for p in match.group(1).split(",")):
            if part:
                source, _, local = part.partition(" as ")
                names.append((source.strip(), (local or source).strip()))
        imports.append((match.group(2), names))
        return (
            "const { "
            + ", ".join(s if s == lo else f"{s}: {lo}" for s, lo in names)
            + " } = "
            + _var(match.group(2))
            + ";"
        )

    body = _IMPORT.sub(imported, text)
    exports = [m.group(2) for m in _EXPORT.finditer(body)]
    body = _EXPORT.sub(lambda m: f"{m.group(1)} {m.group(2)}", body)
    if (other := _OTHER.search(body)) is not None:
        line = text[: text.find(other.group(0).strip())].count("\n") + 1 if other.group(0).strip() in text else 0
        raise BundleError(
            f"quiz/assets/{name}:{line}: the bundler handles only 'import {{ … }} from \"./x.js\";' "
            "and 'export function|const|let'"
        )
    return Module(name, body, imports, exports)


def bundle_js(entry: str, read: Callable[[str], str]) -> str:
    """Module `entry` and every module it imports, dependencies first, minified; `read(name)` gives a source."""
    order: list[Module] = []
    seen: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise BundleError(f"quiz/assets/{name}: import cycle {' -> '.join((*path, name))}")
        if name in seen:
            return
        seen.add(name)
        module = parse(name, read(name))
        for dep, _ in module.imports:
            visit(dep, (*path, name))
        order.append(module)

    visit(entry, ())
    chunks = []
    for module in order:
        if module.name == entry:
            chunks.append("{\n" + module.body + "\n}")
        else:
            chunks.append(
                f"const {_var(module.name)} = (() => {{\n{module.body}\nreturn {{ {', '.join(module.exports)} }};\n}})();"
            )
    return str(rjsmin.jsmin("\n".join(chunks))) + "\n"


def minify_css(text: str) -> str:
    """A stylesheet without comments and needless spaces."""
    return str(rcssmin.cssmin(text)) + "\n"
