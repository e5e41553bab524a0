"""The site assembly, on top of the rest: the docs tree both engines build (tree.py), the atomic
build (publish.py) with its loading and reporting (report.py) and engines (engines.py), the
Zensical project (zensical.py) and preview (serve.py), and the command line
(`python -m assemble check|build|serve|links|schema`).

Packages import one way: `generator` (the knowledge model, its checks, the guide renderer) at the
bottom, `quiz` (the question bank, beside the renderer) above it, and this package on top; the
MkDocs hooks (hooks.py) call it.
"""
