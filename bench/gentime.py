"""`python -m bench.gentime`: time `load` + `docs_tree` once, in this fresh interpreter, and print
the seconds as JSON. Run by `bench.runner.generator_time`; imports are done before the clock
starts, templates compile inside it, as a build pays them."""

from __future__ import annotations

import json
import time

from assemble.tree import docs_tree
from generator.knowledge import KNOWLEDGE_DIR, load, sources_dir

from . import ROOT


def main() -> None:
    """One timing of the real knowledge base, read from where a build reads it."""
    t0 = time.perf_counter()
    kb = load(KNOWLEDGE_DIR, sources_dir())
    t1 = time.perf_counter()
    files = docs_tree(kb, ROOT / "docs").files
    t2 = time.perf_counter()
    print(json.dumps({"load": t1 - t0, "generate": t2 - t1, "files": len(files)}))


if __name__ == "__main__":
    main()
