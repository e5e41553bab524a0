"""Files the quiz adds to the site: question bank, rules, assets and pages."""
from __future__ import annotations

from generator.model import KnowledgeBase


def quiz_files(kb: KnowledgeBase) -> dict[str, str]:
    """Site path → content. (Filled in by the quiz work.)"""
    return {}
