"""Partner or Customer? — knowledge base to MkDocs guide.

Data flows one way: load (YAML + line index) → model (typed records,
validated by typed.py) → checks
(cross-references, rule coverage) → pages (Jinja2). The quiz package reads the
same model, so the guide and the quiz cannot disagree.
"""
