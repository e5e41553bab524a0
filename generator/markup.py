"""Knowledge-base text made safe for Markdown, and the Jinja environments that render it.

Knowledge-base text passes through Markdown after Jinja, so HTML escaping alone is not enough:
`markdown_text()` also makes Markdown punctuation inert. Page templates get it as their
`finalize` step, so every `{{ … }}` is escaped unless it is already `Markup` (a macro's output, or
an id passed through `anchor`). Kept apart from the pages' view model (pages.py), which only
chooses data.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import layout
from .layout import Page, Target, url_of
from .model import ID
from .text import one_line

if TYPE_CHECKING:
    from jinja2 import Environment  # imported where it is used: Jinja2 loads only when rendering

TEMPLATES = Path(__file__).parent / "templates"


# --- Escaping -------------------------------------------------------------------------------

_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]|"})
_BLOCK_MARKERS = "#>+-=:!?%~"  # only special at the start of a line (headings, lists, quotes …)
_NUMBERED = re.compile(r"^(\d+)([.)])")
_ID = re.compile(ID)


def markdown_text(value: object) -> Markup:
    """Text that stays text after Markdown: HTML-escaped, Markdown punctuation as numeric entities.

    Entities survive every context the pages use — paragraphs, headings with
    `{#id}`, table cells (`|`), list items, raw HTML and attribute values — and the
    browser shows the original characters. Hyphens and dots stay literal except
    at the start (where they would begin a list), so glossary tooltips still match.
    Whitespace runs become one space: a newline could start a block of its own.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = one_line(value, strip=False)
    body = text.lstrip(" ")
    lead, head = text[: len(text) - len(body)], ""
    if m := _NUMBERED.match(body):
        head, body = m.group(1) + f"&#{ord(m.group(2))};", body[m.end() :]
    elif body[:1] and body[0] in _BLOCK_MARKERS:
        head, body = f"&#{ord(body[0])};", body[1:]
    return Markup(lead + head + body.translate(_INERT))


def anchor(value: str) -> Markup:
    """An id used verbatim in URLs and `{#…}`; the model's id pattern makes that safe — re-checked here."""
    if not _ID.match(value):
        raise ValueError(f"not a safe id: {value!r}")
    return Markup(value)


class Links:
    """Every internal link a template writes, made from the page registry (layout.py): the
    templates name a page's section (`link.at("decision", "flowchart")`) or a knowledge-base item
    (`link.rule(r.id)`), never a path. Written from page `here`: a Markdown link relative to its
    file, or, for raw HTML (`up` given: the way up to the site root as the engine reads raw HTML),
    a URL (`up` "": relative to the page's own URL, as a browser reads links that no engine rewrites,
    such as those in <noscript>); `link.local` and `link.section` give the bare '#anchor' of a place on the page itself.

    A section must be one the registry promises for that page, so a link to a page or anchor that
    does not exist fails the render instead of reaching the link checker."""

    def __init__(self, pages: list[Page], here: str, up: str | None = None, local: bool = False):
        self._list = pages
        self._pages = {page.path.removesuffix(".md"): page for page in pages}
        self._here, self._up, self._local = here, up, local

    @property
    def local(self) -> Links:
        """The same builders for links within this page: the bare '#anchor' (a target on another
        page is a template bug and fails the render). A copy sharing the index of pages: building it
        anew for every local link cost pages × links."""
        twin = copy.copy(self)
        twin._local = True
        return twin

    def section(self, name: str) -> Markup:
        """'#name' for one of the sections the registry promises for this page."""
        return self.local.at(self._here.removesuffix(".md"), name)

    def to(self, target: Target) -> Markup:
        """`target` written from this page."""
        if target.anchor:
            anchor(target.anchor)  # ids reach the page verbatim: the model's id pattern, re-checked
        if self._local:
            if target.page != self._here or not target.anchor:
                raise ValueError(f"{target.url} is not a section of {self._here}")
            return Markup(target.fragment)
        if not _PATH.match(target.page):
            raise ValueError(f"not a safe page path: {target.page!r}")
        if self._up is None:
            return Markup(target.markdown(self._here))
        return Markup(target.href(self._up) if self._up else target.relative_url(url_of(self._here)))

    def at(self, page: str, section: str = "") -> Markup:
        """A page of the registry by its path without '.md' ('decision', 'quiz/study'), or one of
        the sections it promises."""
        found = self._pages.get(page)
        if found is None or (section and section not in found.anchors):
            raise ValueError(f"no page '{page}' with a section '{section}' in generator/layout.py's registry")
        return self.to(layout.at(found.path, section))

    def __getattr__(self, name: str) -> Callable[..., Markup]:
        """The item builders of layout.py (`link.rule(id)`, `link.source(id, line)` …), written from this page."""
        builder = _BUILDERS.get(name)
        if builder is None:
            raise AttributeError(name)
        return lambda *args: self.to(builder(*args))


_PATH = re.compile(r"^([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.md$")
_BUILDERS: dict[str, Callable[..., Target]] = {
    f.__name__: f
    for f in (
        layout.definition,
        layout.dimension,
        layout.partner_kind,
        layout.stance,
        layout.fact,
        layout.rule,
        layout.outcome,
        layout.signal,
        layout.reading,
        layout.plays,
        layout.aspect,
        layout.checklist,
        layout.pitfall,
        layout.scenario,
        layout.term,
        layout.source,
        layout.listed_source,
        layout.question,
    )
}
"""The item builders a template may call through `Links`."""


def abbr_term(value: str) -> Markup:
    """A glossary term for `*[term]: …`, or '' when it cannot be written safely there."""
    text = one_line(value)
    return Markup(text if text and not set(text) & set("[]\\") else "")


def abbr_title(value: str) -> Markup:
    """A tooltip text for `*[term]: …`, raw on purpose.

    The abbr extension consumes the whole line and stores the text as a `title`
    attribute, which Markdown's serializer escapes; HTML-escaping here would show
    `&amp;` in the tooltip. Only line breaks (which would end the definition) and
    the two strings meaning "delete this abbreviation" are removed.
    """
    text = one_line(value)
    return Markup("" if text in ("''", '""') else text)


def _bytecode_cache() -> Any:
    """Compiled templates kept in .cache/jinja/ between builds: compiling them is most of the
    generator's cold-start cost. Jinja keys each entry by the template's source checksum, so an
    edited template is recompiled; a folder that cannot be written just means no cache."""
    from jinja2 import FileSystemBytecodeCache

    folder = Path(os.environ.get("PARTNER_CACHE") or Path(__file__).resolve().parent.parent / ".cache" / "jinja")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def environment(finalize: Callable[[Any], Any] | None = None, folders: Sequence[Path] = (TEMPLATES,)) -> Environment:
    """Jinja2 environment for Markdown templates found in `folders` (the guide's by default).

    Autoescaping is on for every template: KB text is HTML-escaped wherever it
    lands, so a `<script>` in the YAML stays text on the page. `finalize` (the
    page templates pass `markdown_text`) is applied to every printed expression.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(list(folders)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(md=markdown_text, anchor=anchor, abbr_term=abbr_term, abbr_title=abbr_title)
    return env


@functools.cache
def _shared(folders: tuple[Path, ...], page: bool) -> Environment:
    """One environment per set of template folders and kind, made on first use: compiling
    templates is the generator's main start-up cost, so every render shares it."""
    return environment(markdown_text if page else None, folders)


def render_template(name: str, folders: tuple[Path, ...] = (TEMPLATES,), /, **context: Any) -> str:
    """Render one template from `folders` (the guide's templates unless a caller, such as the quiz,
    brings its own) with the shared environment."""
    return _shared(folders, False).get_template(name).render(**context)


def render_page_template(name: str, folders: tuple[Path, ...] = (TEMPLATES,), /, **context: Any) -> str:
    """Render a guide page: like `render_template`, but every printed value is Markdown-inert."""
    return _shared(folders, True).get_template(name).render(**context)
