"""`python -m assemble check|build|serve|schema|links` — validate the knowledge base, build the site
safely (with MkDocs or Zensical), serve it with Zensical, regenerate knowledge/schema.json for
editors, or check a built site's internal links."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .engines import ENGINES, MKDOCS


def main(argv: list[str] | None = None) -> int:
    """The command line: parse `argv` and run one subcommand; the return value is the exit status."""
    parser = argparse.ArgumentParser(prog="python -m assemble", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate the knowledge base and report path:line problems")
    chk.add_argument("--knowledge", type=Path, default=None, help="knowledge directory (default: knowledge/)")
    chk.add_argument(
        "--left-out",
        action="store_true",
        help="list the generated questions the quiz does not ask, each with the reason",
    )
    chk.add_argument(
        "--require-articles",
        action="store_true",
        help="fail when the quotations cannot be verified: no articles and no quotation lock",
    )
    chk.add_argument(
        "--locked",
        action="store_true",
        help="never rewrite knowledge/quotations.lock; fail when it is out of date (CI with the articles)",
    )
    lck = sub.add_parser(
        "lock",
        help="verify every citation and quotation against the articles and rewrite "
        "knowledge/quotations.lock from them, also after an article changed (make lock)",
    )
    lck.add_argument("--knowledge", type=Path, default=None, help="knowledge directory (default: knowledge/)")
    bld = sub.add_parser("build", help="build into a temporary directory, swap into --site-dir on success")
    bld.add_argument("--site-dir", type=Path, default=Path("site"))
    bld.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    bld.add_argument("--engine", choices=ENGINES, default=MKDOCS, help="MkDocs + Material (default) or Zensical")
    srv = sub.add_parser(
        "serve", help="serve with Zensical, rebuilt when a knowledge file changes (make serve ENGINE=zensical)"
    )
    srv.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    srv.add_argument("--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    srv.add_argument(
        "--work", type=Path, default=None, help="where the project Zensical serves is kept (default: .zensical-serve/)"
    )
    sch = sub.add_parser("schema", help="regenerate knowledge/schema.json from the models")
    sch.add_argument("--output", type=Path, default=None, help="where to write (default: knowledge/schema.json)")
    sch.add_argument("--check", action="store_true", help="only report whether the file is up to date (exit 1 if not)")
    lnk = sub.add_parser("links", help="check every internal link and anchor of a built site")
    lnk.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    lnk.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="where site_url gives the base path")
    args = parser.parse_args(argv)

    if args.command == "links":
        from generator.linkcheck import base_path_of, check_site

        if not (args.site_dir / "index.html").is_file():
            print(f"{args.site_dir}: no built site here (run `make site` first)", file=sys.stderr)
            return 2
        broken = check_site(args.site_dir, base_path_of(args.config))
        for link in broken:
            print(link, file=sys.stderr)
        print(f"{len(broken)} broken link(s) in {args.site_dir}", file=sys.stderr if broken else sys.stdout)
        return 1 if broken else 0

    if args.command == "serve":
        from .serve import serve

        return serve(args.config, args.dev_addr, args.work)

    if args.command == "schema":
        from generator.schema import SCHEMA_PATH, render, write

        output = args.output or SCHEMA_PATH
        if args.check:
            current = output.read_text(encoding="utf-8") if output.is_file() else None
            if current != render():
                print(f"{output} is out of date: run `python -m assemble schema`", file=sys.stderr)
                return 1
            print(f"{output} is up to date")
            return 0
        print(f"{'wrote' if write(output) else 'unchanged:'} {output}")
        return 0

    if args.command == "lock":
        from generator.knowledge import KNOWLEDGE_DIR, sources_dir

        from .report import load_or_report, update_lock

        knowledge = args.knowledge or KNOWLEDGE_DIR
        checked = load_or_report(knowledge, "the lock was not written", use_lock=False)
        if checked is None:
            return 1
        kb, articles = checked
        if articles.folder is None:
            print(
                f"`make lock` needs the source articles: none found at {sources_dir()} (set PARTNER_SOURCES "
                "to their folder)",
                file=sys.stderr,
            )
            return 1
        print(articles.status())
        return 0 if update_lock(kb, articles, knowledge, replace=True) != "off" else 1

    if args.command == "check":
        from generator.knowledge import KNOWLEDGE_DIR
        from generator.text import one_line

        from .report import announce, load_or_report, update_lock

        knowledge = args.knowledge or KNOWLEDGE_DIR
        checked = load_or_report(knowledge, "fix them and run `make check` again")
        if checked is None:
            return 1
        kb, articles = checked
        print(
            f"knowledge base OK: {len(kb.sources)} sources, {len(kb.dimensions)} dimensions, "
            f"{len(kb.decision.rules)} rules, {len(kb.scenarios)} scenarios"
        )
        from quiz.bank import questions
        from quiz.verify import left_out_places, thin_topics

        placed = left_out_places(kb)
        print(
            f"quiz: {len(questions(kb))} questions"
            + (
                ""
                if not placed
                else f"; {len(placed)} more left out, as they would not teach:"
                if args.left_out
                else f"; {len(placed)} more left out, as they would not teach (--left-out lists them: where, what, why)"
            )
        )
        if args.left_out:
            from generator.load import load_knowledge

            loaded = load_knowledge(knowledge, root=knowledge.parent)
            for q, where in placed:
                path, line = loaded.locate(where)
                print(f'  {path}:{line}: {q.id} (topic {q.topic}): "{one_line(q.prompt)}" — {q.reason}')
        for topic, asked, dropped in thin_topics(kb):
            print(
                f"quiz: topic '{topic}' is left with {asked} question{'' if asked == 1 else 's'}"
                f"{f' ({dropped} left out)' if dropped else ''}: every round asks about it, so learners meet the "
                "same ones; reword what is left out (--left-out) or add more of its kind"
            )
        verified = announce(articles)
        locked = update_lock(kb, articles, knowledge, write=not args.locked)
        return 0 if (verified or not args.require_articles) and locked != "out of date" else 1

    from .publish import build_atomically

    return build_atomically(args.config, args.site_dir, args.engine)


if __name__ == "__main__":
    sys.exit(main())
