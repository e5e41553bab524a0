"""Text as the project reads it: one module for the ways text is made comparable or put on one
line, and for the short form of a question, so the checks, the pages and the quiz cannot drift.

Two normal forms, on purpose: `one_line` is for display (what a reader sees keeps its curly quotes
and its case); `comparable` is for deciding whether two texts say the same (a quotation against its
article, two quiz options or prompts against each other).
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \x02/\x03 are Markdown's stash markers
_SPACE = re.compile(r"\s+")
_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_GLOSS = re.compile(r"\s[-–—]\s")


def one_line(value: object, strip: bool = True) -> str:
    """Display text on one line: control characters dropped, whitespace runs (newlines too) made one
    space — a newline could end a Markdown construct."""
    text = _SPACE.sub(" ", _CONTROL.sub("", str(value)))
    return text.strip() if strip else text


def comparable(text: str, fold_case: bool = False) -> str:
    """Text as a reader compares it: one Unicode form, straight quotes, single spaces, and (when
    `fold_case`) case ignored."""
    same = " ".join(unicodedata.normalize("NFC", text).translate(_PUNCTUATION).split())
    return same.casefold() if fold_case else same


def short_question(question: str) -> str:
    """A question up to its first dash-separated gloss, as headings and quiz options show it:
    'Do they pay us? — money flows from them to us' → 'Do they pay us?'."""
    head = _GLOSS.split(question, maxsplit=1)[0].rstrip(" ?")
    return f"{head}?"
