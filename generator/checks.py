"""Cross-reference and coverage checks that a schema alone cannot express."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .articles import Articles, quote_problem
from .cited import cited_items, quoted_items
from .decision import (
    UNDECIDED,
    all_answer_combinations,
    all_fact_combinations,
    classify,
    impossible,
    matching_rules,
    plausible_completions,
    verdict,
)
from .errors import Problem
from .layout import Claim, anchor_claims, anchors, first_week_slug
from .load import DataPath, LoadedKnowledge
from .model import AuthoredQuestion, Cited, Fact, KnowledgeBase, Outcome, Rule, Value
from .quotelock import REFRESH, QuoteLock, article_fingerprint, changed_lines, fingerprint


class _Reporter:
    def __init__(self, loaded: LoadedKnowledge):
        self.loaded = loaded
        self.problems: list[Problem] = []

    def __call__(self, loc: DataPath, message: str) -> None:
        path, line = self.loaded.locate(loc)
        self.problems.append(Problem(path, line, message))


def _duplicates(report: _Reporter, section: DataPath, ids: Iterable[str], what: str, key: str = "id") -> None:
    seen: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in seen:
            report(section + (i, key), f"duplicate {what} {key} '{item_id}' (first at item {seen[item_id]})")
        else:
            seen[item_id] = i


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'nikolov'?)' for a misspelt id, '' when no known id is close: an unknown id is
    mostly a typo, and the message should name the fix."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _synonyms_are_not_terms(report: _Reporter, kb: KnowledgeBase) -> None:
    """A synonym that is another entry's term would publish that word as meaning this one (the glossary
    would say "customer" is another word for channel partner); compared as the term check compares."""
    terms = {t.term.lower(): t.id for t in kb.glossary}
    for i, entry in enumerate(kb.glossary):
        for j, name in enumerate(entry.also_called):
            other = terms.get(name.lower())
            if other is not None and other != entry.id:
                report(
                    ("glossary", i, "also_called", j),
                    f"synonym '{name}' is the term of another glossary entry ({other}): one word cannot name two entries",
                )


def _cites(report: _Reporter, loc: DataPath, item: Cited, sources: set[str]) -> None:
    for j, (sid, _) in enumerate(item.citations):
        if sid not in sources:
            report(loc + ("cites", j), f"citation to unknown source '{sid}'" + did_you_mean(sid, sources))


def check(kb: KnowledgeBase, loaded: LoadedKnowledge, articles: Articles | None = None) -> list[Problem]:
    """Every problem in a schema-valid knowledge base, located at its YAML line."""
    report = _Reporter(loaded)
    d = kb.decision
    source_ids = {s.id for s in kb.sources}
    fact_ids = [f.id for f in d.facts]
    outcome_ids = {o.id for o in d.outcomes}
    aspect_ids = {a.id for a in kb.playbook.aspects}
    topic_ids = {t.id for t in kb.quiz.topics}

    loc: DataPath
    for loc, ids, what in [
        (("sources",), [s.id for s in kb.sources], "source"),
        (("definitions",), [x.id for x in kb.definitions], "definition"),
        (("dimensions",), [x.id for x in kb.dimensions], "dimension"),
        (("partner_kinds",), [x.id for x in kb.partner_kinds], "partner kind"),
        (("special_cases",), [x.id for x in kb.special_cases], "special case"),
        (("debate", "positions"), [x.id for x in kb.debate.positions], "position"),
        (("decision", "facts"), fact_ids, "fact"),
        (("decision", "outcomes"), [o.id for o in d.outcomes], "outcome"),
        (("decision", "rules"), [r.id for r in d.rules], "rule"),
        (("decision", "signals"), [s.id for s in d.signals], "signal"),
        (("decision", "readings"), [r.id for r in d.readings], "reading"),
        (("playbook", "aspects"), [a.id for a in kb.playbook.aspects], "aspect"),
        (("playbook", "plays"), [p.id for p in kb.playbook.plays], "play"),
        (("pitfalls",), [p.id for p in kb.pitfalls], "pitfall"),
        (("glossary",), [t.id for t in kb.glossary], "glossary"),
        (("scenarios",), [s.id for s in kb.scenarios], "scenario"),
        (("quiz", "topics"), [t.id for t in kb.quiz.topics], "topic"),
        (("quiz", "questions"), [q.id for q in kb.quiz.questions], "question"),
    ]:
        _duplicates(report, loc, ids, what)
    _duplicates(report, ("glossary",), [t.term.lower() for t in kb.glossary], "glossary", key="term")
    _synonyms_are_not_terms(report, kb)

    if articles is not None and articles.folder is not None:
        _quotations(report, kb, articles)
        if articles.lock is not None:
            _lock_matches(report, articles.lock, articles)
    elif articles is not None and articles.lock is not None:
        _quotations_from_lock(report, kb, articles.lock)

    for loc, item in cited_items(kb):
        _cites(report, loc, item, source_ids)

    def need_source(loc: DataPath, sid: str) -> None:
        if sid not in source_ids:
            report(loc, f"unknown source '{sid}'" + did_you_mean(sid, source_ids))

    for i, x in enumerate(kb.definitions):
        need_source(("definitions", i, "source"), x.source)
    position_ids = {p.id for p in kb.debate.positions}
    for i, st in enumerate(kb.debate.stances):
        need_source(("debate", "stances", i, "source"), st.source)
        if st.position not in position_ids:
            report(
                ("debate", "stances", i, "position"),
                f"unknown position '{st.position}'" + did_you_mean(st.position, position_ids),
            )
    for section, items in (("partner_kinds", kb.partner_kinds), ("special_cases", kb.special_cases)):
        for i, k in enumerate(items):
            if k.outcome is not None and k.outcome not in outcome_ids:
                report((section, i, "outcome"), f"unknown outcome '{k.outcome}'" + did_you_mean(k.outcome, outcome_ids))

    facts_by_id = {f.id: f for f in d.facts}
    values_ok = True
    for i, rule in enumerate(d.rules):
        for fact in rule.when:
            if fact not in fact_ids:
                report(
                    ("decision", "rules", i, "when", fact),
                    f"rule '{rule.id}' names unknown fact '{fact}'" + did_you_mean(fact, fact_ids),
                )
            else:
                values_ok &= _answers(
                    report, ("decision", "rules", i, "when", fact), facts_by_id[fact], rule.when[fact]
                )
        if rule.outcome not in outcome_ids:
            report(
                ("decision", "rules", i, "outcome"),
                f"rule '{rule.id}' leads to unknown outcome '{rule.outcome}'" + did_you_mean(rule.outcome, outcome_ids),
            )
    readings_ok = True
    for i, r in enumerate(d.readings):
        loc = ("decision", "readings", i)
        need_source(loc + ("source",), r.source)
        if r.outcome not in outcome_ids:
            readings_ok = False
            report(loc + ("outcome",), f"unknown outcome '{r.outcome}'" + did_you_mean(r.outcome, outcome_ids))
        if r.source not in r.source_ids and not r.synthesis:
            report(
                loc + ("cites",), f"reading '{r.id}' is {r.source}'s: cite the lines of {r.source} that state its test"
            )
        for fact in r.when:
            if fact not in fact_ids:
                readings_ok = False
                report(
                    loc + ("when", fact), f"reading '{r.id}' names unknown fact '{fact}'" + did_you_mean(fact, fact_ids)
                )
            else:
                readings_ok &= _answers(report, loc + ("when", fact), facts_by_id[fact], r.when[fact])

    # coverage needs known facts and answers
    rules_ok = values_ok and all(fact in fact_ids for rule in d.rules for fact in rule.when)
    covered = False
    if rules_ok:
        before = len(report.problems)
        _coverage(report, kb)
        covered = len(report.problems) == before  # gaps or overlaps: checks built on coverage would only echo them

    used = Counter(r.outcome for r in d.rules)
    for i, o in enumerate(d.outcomes):
        if not used[o.id]:
            report(("decision", "outcomes", i, "id"), f"outcome '{o.id}' is reached by no rule")

    for i, play in enumerate(kb.playbook.plays):
        if play.outcome not in outcome_ids:
            report(
                ("playbook", "plays", i, "outcome"),
                f"unknown outcome '{play.outcome}'" + did_you_mean(play.outcome, outcome_ids),
            )
        if play.aspect not in aspect_ids:
            report(
                ("playbook", "plays", i, "aspect"),
                f"unknown aspect '{play.aspect}'" + did_you_mean(play.aspect, aspect_ids),
            )
    _duplicates(
        report,
        ("playbook", "first_week"),
        [first_week_slug(w.outcome) for w in kb.playbook.first_week],
        "first-week checklist (page first-week/…/) for outcome",
        "outcome",
    )
    for i, week in enumerate(kb.playbook.first_week):
        if week.outcome not in outcome_ids:
            report(
                ("playbook", "first_week", i, "outcome"),
                f"unknown outcome '{week.outcome}'" + did_you_mean(week.outcome, outcome_ids),
            )

    facts_ok = True
    for i, sc in enumerate(kb.scenarios):
        unknown = [f for f in sc.facts if f not in fact_ids]
        for f in unknown:
            report(
                ("scenarios", i, "facts", f), f"scenario '{sc.id}' names unknown fact '{f}'" + did_you_mean(f, fact_ids)
            )
        missing = [f for f in fact_ids if f not in sc.facts]
        if missing:
            report(("scenarios", i, "facts"), f"scenario '{sc.id}' does not answer: {', '.join(missing)}")
        bad = [
            f
            for f, v in sc.facts.items()
            if f in facts_by_id
            and v is not None
            and not _answers(report, ("scenarios", i, "facts", f), facts_by_id[f], v)
        ]
        facts_ok = facts_ok and not unknown and not missing and not bad
        if sc.expect is not None and sc.expect not in outcome_ids | {UNDECIDED}:
            report(
                ("scenarios", i, "expect"),
                f"unknown outcome '{sc.expect}'" + did_you_mean(sc.expect, outcome_ids | {UNDECIDED}),
            )
    if rules_ok:
        _answers_notes_and_cases(report, kb, check_scenarios=facts_ok, covered=covered, readings_ok=readings_ok)

    claims = anchor_claims(kb)
    _anchor_collisions(report, kb, claims)
    page_anchors = anchors(kb, claims)
    for key in kb.quiz.per_topic:
        if key not in topic_ids:
            report(("quiz", "per_topic", key), f"unknown topic '{key}'" + did_you_mean(key, topic_ids))
    for i, topic in enumerate(kb.quiz.topics):
        _link(report, ("quiz", "topics", i, "link"), topic.link, page_anchors)
    _quiz_settings(report, kb)
    for i, q in enumerate(kb.quiz.questions):
        loc = ("quiz", "questions", i)
        _authored_question(report, loc, q)
        if q.topic not in topic_ids:
            report(loc + ("topic",), f"unknown topic '{q.topic}'" + did_you_mean(q.topic, topic_ids))
        option_ids = [o.id for o in q.options]
        _duplicates(report, loc + ("options",), option_ids, "option")
        for j, c in enumerate(q.correct):
            if c not in option_ids:
                report(loc + ("correct", j), f"correct answer '{c}' is not one of the options")
        _link(report, loc + ("link",), q.link, page_anchors)
    return report.problems


AUTHORED_PREFIX = "q-"
"""Hand-written question ids start with this; generated ones never do, so the two cannot collide."""


def _quiz_settings(report: _Reporter, kb: KnowledgeBase) -> None:
    """A round must be able to keep its promises: one question from each topic, each quota met."""
    quiz = kb.quiz
    topics = len([t for t in quiz.topics if quiz.per_topic.get(t.id, 1) > 0])  # a quota of 0: no promise
    if quiz.size < topics:
        report(
            ("quiz", "size"),
            f"a round of {quiz.size} question(s) cannot hold one from each of the "
            f"{topics} topics: make size at least {topics}",
        )
    known = {t.id for t in quiz.topics}  # a quota for an unknown topic is reported on its own
    needed = sum(n for key, n in quiz.per_topic.items() if key in known) + sum(
        1 for t in quiz.topics if t.id not in quiz.per_topic
    )
    for key, count in quiz.per_topic.items():
        if count < 0:
            report(("quiz", "per_topic", key), f"per_topic '{key}' must be 0 (no minimum) or more (got {count})")
    if quiz.per_topic and needed > quiz.size:
        first = next(iter(quiz.per_topic))
        report(
            ("quiz", "per_topic", first),
            f"the quotas (per_topic, and one from every other topic) need "
            f"{needed} questions, more than a round's size of {quiz.size}",
        )


def _authored_question(report: _Reporter, loc: DataPath, q: AuthoredQuestion) -> None:
    """What the bank would refuse in a hand-written question, said where the editor wrote it."""
    if not q.id.startswith(AUTHORED_PREFIX):
        report(
            loc + ("id",),
            f"a hand-written question's id starts with '{AUTHORED_PREFIX}' (e.g. "
            f"'{AUTHORED_PREFIX}{q.id}'), so it cannot clash with a generated question's",
        )
    seen: dict[str, str] = {}
    for j, option in enumerate(q.options):
        text = " ".join(option.text.casefold().split())
        if text in seen:
            report(loc + ("options", j, "text"), f"option '{option.id}' repeats the text of option '{seen[text]}'")
        else:
            seen[text] = option.id
    if not q.cites:
        report(
            loc + ("cites",),
            "a quiz question must cite the source its answer rests on ('cites'): the "
            "quiz asks what the sources say, and the guide's own synthesis is not a fact to test",
        )


RESERVED_SOURCE_IDS = frozenset({"index"})
"""Source ids that would name a page the site already has (sources/index.html lists them all)."""

RESERVED_CHECKLIST_SLUGS = frozenset({"index"})
"""Checklist page names the site already has (first-week/index.html lists the checklists)."""


def _anchor_collisions(report: _Reporter, kb: KnowledgeBase, claims: dict[str, list[Claim]]) -> None:
    """Refuse ids that would give two elements of one page the same HTML id, or overwrite a page."""
    for i, src in enumerate(kb.sources):
        if src.id in RESERVED_SOURCE_IDS:
            report(
                ("sources", i, "id"),
                f"source id '{src.id}' is reserved: sources/{src.id}.html is the list of sources; choose another id",
            )
    for i, week in enumerate(kb.playbook.first_week):
        if first_week_slug(week.outcome) in RESERVED_CHECKLIST_SLUGS:
            report(
                ("playbook", "first_week", i, "outcome"),
                f"outcome id '{week.outcome}' is reserved for a first-week checklist: first-week/"
                f"{first_week_slug(week.outcome)}.html is the list of checklists; rename the outcome",
            )
    for page, claimed in claims.items():
        first: dict[str, DataPath | None] = {}
        for anchor, loc in claimed:
            if anchor not in first:
                first[anchor] = loc
                continue
            earlier = first[anchor]
            where = loc if loc is not None else earlier
            if where is None:
                continue  # two fixed sections: a template bug, caught by the link checker's duplicate ids
            other = "a fixed section of the page" if earlier is None or loc is None else _describe_loc(earlier)
            report(where, f"id '{anchor}' is already used on the page /{page} by {other}: choose another id")


def _describe_loc(loc: DataPath) -> str:
    """'decision.outcomes item 2' for a data path, so a collision names both sides."""
    section = ".".join(str(p) for p in loc if isinstance(p, str) and p != "id")
    index = next((p for p in reversed(loc) if isinstance(p, int)), None)
    return f"{section} item {index + 1}" if index is not None else section


def _readings_differ(report: _Reporter, kb: KnowledgeBase) -> None:
    """A source's reading is shown only where it differs from the rules, so one that names the outcome
    of every rule it can meet ("Not a customer → Not a customer") is no other reading, and one whose test
    no company can meet is never shown: both are refused at the reading."""
    d = kb.decision
    outcomes = {o.id: o.name for o in d.outcomes}
    for i, r in enumerate(d.readings):
        met = {classify(d, c).id: classify(d, c) for c in plausible_completions(d, r.when)}
        if not met:
            report(
                ("decision", "readings", i, "when"), f"reading '{r.id}': no combination that can exist meets its test"
            )
        elif all(rule.outcome == r.outcome for rule in met.values()):
            names = ", ".join(f"'{rid}'" for rid in met)
            report(
                ("decision", "readings", i, "outcome"),
                f"reading '{r.id}' names the rules' own outcome '{outcomes.get(r.outcome, r.outcome)}' wherever "
                f"its test is met (rules {names}): it is no other reading — drop it, or narrow its test to where "
                "the source disagrees",
            )


def _answers_notes_and_cases(
    report: _Reporter, kb: KnowledgeBase, check_scenarios: bool, covered: bool, readings_ok: bool = True
) -> None:
    """The decision model's "not sure" answers, notes, plausibility and cases.

    Every combination of yes / no / not sure is decided or says what to find out;
    notes name signals, special cases and pitfalls that exist; declared impossible
    combinations name real facts and leave every rule reachable; each case's outcome
    (or its "find out first") is what the rules compute from its facts.
    """
    d = kb.decision
    fact_ids = {f.id for f in d.facts}
    refs = {
        "signals": {s.id for s in d.signals},
        "special_cases": {k.id for k in kb.special_cases},
        "pitfalls": {p.id for p in kb.pitfalls},
    }
    noted: list[tuple[str, Sequence[Outcome | Rule]]] = [("outcomes", d.outcomes), ("rules", d.rules)]
    for section, items in noted:
        for i, item in enumerate(items):
            for field, known in refs.items():
                for j, ref in enumerate(getattr(item.notes, field) if item.notes else []):
                    if ref not in known:
                        report(
                            ("decision", section, i, "notes", field, j),
                            f"{section[:-1]} '{item.id}' notes unknown {field.replace('_', ' ')[:-1]} '{ref}'",
                        )
    imp_ok = True
    facts_by_id = {f.id: f for f in d.facts}
    for i, imp in enumerate(d.impossible):
        for f in imp.when:
            if f not in fact_ids:
                imp_ok = False
                report(
                    ("decision", "impossible", i, "when", f),
                    f"impossible combination names unknown fact '{f}'" + did_you_mean(f, fact_ids),
                )
            else:
                imp_ok &= _answers(report, ("decision", "impossible", i, "when", f), facts_by_id[f], imp.when[f])
    if not covered:
        return
    readings_ok = readings_ok and imp_ok
    if imp_ok:
        for i, rule in enumerate(d.rules):
            if not any(rule in matching_rules(d, c) for c in plausible_completions(d, rule.when)):
                report(("decision", "rules", i, "when"), f"rule '{rule.id}' applies only to impossible combinations")
        if readings_ok:
            _readings_differ(report, kb)
    for combo in all_answer_combinations(d):
        v = verdict(d, combo)
        if len(v.outcomes) > 1 and not v.find_out:
            report(("decision", "rules"), f"undecided with nothing to find out: {_shown(combo)}")
    if not check_scenarios or not imp_ok:
        return
    for i, sc in enumerate(kb.scenarios):
        answered = {f: v for f, v in sc.facts.items() if v is not None}
        if impossible(d, answered):
            why = d.impossible[impossible(d, answered)[0]].why
            report(("scenarios", i, "facts"), f"scenario '{sc.id}' describes an impossible company: {why}")
            continue
        v = verdict(d, sc.facts)
        got = v.outcome or UNDECIDED
        if sc.expect is not None and sc.expect != got:
            report(("scenarios", i, "expect"), f"scenario '{sc.id}' expects '{sc.expect}' but the rules give '{got}'")
        if got == UNDECIDED and sc.find_out is not None and (not v.find_out or v.find_out[0] != sc.find_out):
            first = v.find_out[0] if v.find_out else "nothing"
            report(
                ("scenarios", i, "find_out"),
                f"scenario '{sc.id}' expects to find out '{sc.find_out}' first but the rules say '{first}'",
            )
        elif got != UNDECIDED and sc.find_out is not None:
            report(("scenarios", i, "find_out"), f"scenario '{sc.id}' is decided; it has nothing to find out")


def _link(report: _Reporter, loc: DataPath, link: str, page_anchors: dict[str, set[str]]) -> None:
    page, _, anchor = link.partition("#")
    if page not in page_anchors:
        report(loc, f"link '{link}' points to no generated page")
    elif anchor and anchor not in page_anchors[page]:
        report(loc, f"link '{link}' points to a missing section")


def _quotations(report: _Reporter, kb: KnowledgeBase, articles: Articles) -> None:
    """Every quotation the site shows — a source's own list, a definition's, a stance's — stands word
    for word on its line of that source's article, and every cited line exists in its article."""
    for i, src in enumerate(kb.sources):
        if src.id in articles.unreadable:
            report(("sources", i, "file"), articles.unreadable[src.id])
    texts = articles.found
    for loc, source_id, quote in quoted_items(kb):
        if source_id in texts:  # an unknown or missing source is reported on its own
            why = quote_problem(quote.text, quote.line, texts[source_id])
            if why:
                report(loc, why)
    for loc, item in cited_items(kb):
        for j, (sid, line) in enumerate(item.citations):
            if line is not None and sid in texts and line > len(texts[sid].lines):
                report(
                    loc + ("cites", j),
                    f"citation '{item.cites[j]}': line {line} is past the end of "
                    f"{texts[sid].file} ({len(texts[sid].lines)} lines)",
                )


def _lock_matches(report: _Reporter, lock: QuoteLock, articles: Articles) -> None:
    """Where the articles are present, the lock must have been made from these very articles: one made
    from another version vouches for lines that may have moved."""
    for sid, locked in sorted(lock.articles.items()):
        article = articles.found.get(sid)
        if article is None:
            continue  # a source no longer in the knowledge base, or an unreadable file: reported on its own
        if article_fingerprint(article) != locked.sha256:
            changed = changed_lines(lock, sid, article)
            lines = f"cited line(s) {', '.join(map(str, changed))} changed" if changed else "no cited line changed"
            report.problems.append(
                Problem(
                    lock.shown,
                    lock.line_of(sid),
                    (
                        f"the article of '{sid}' ({article.file}) is not the one this lock was verified against on "
                        f"{lock.verified} ({lines}): check those citations and quotations, then run `make lock`"
                    ),
                )
            )


def _quotations_from_lock(report: _Reporter, kb: KnowledgeBase, lock: QuoteLock) -> None:
    """Without the articles: every quotation and cited line is one the lock says the check found."""
    stamp = f"{lock.shown} (verified {lock.verified})"
    usable: dict[str, str] = {}  # source id -> its file, for the sources the lock covers
    for i, src in enumerate(kb.sources):
        locked = lock.articles.get(src.id)
        if locked is None:
            report(
                ("sources", i, "id"),
                f"source '{src.id}' is not in {stamp}: its quotations and citations "
                f"must be checked against its article; {REFRESH}",
            )
        elif locked.file != src.file:
            report(
                ("sources", i, "file"),
                f"file '{src.file}' is not the article {stamp} was made from ('{locked.file}'); {REFRESH}",
            )
        else:
            usable[src.id] = src.file
    for loc, sid, quote in quoted_items(kb):
        if sid not in usable:
            continue
        mark = fingerprint(quote.text)
        entry = lock.lines.get(f"{sid}:{quote.line}")
        if entry is not None and mark in entry.quotes:
            continue
        elsewhere = sorted(
            int(key.rpartition(":")[2])
            for key, e in lock.lines.items()
            if key.rpartition(":")[0] == sid and mark in e.quotes
        )
        if elsewhere:
            report(
                loc, f"quotation not on line {quote.line} of {usable[sid]}: found on line {elsewhere[0]} (per {stamp})"
            )
        else:
            report(
                loc,
                f"quotation not verified: {stamp} has no such quotation on line {quote.line} of "
                f"{usable[sid]} (new or changed since); {REFRESH}",
            )
    for loc, item in cited_items(kb):
        for j, (sid, line) in enumerate(item.citations):
            if line is None or sid not in usable or f"{sid}:{line}" in lock.lines:
                continue
            total = lock.articles[sid].lines
            if line > total:
                report(
                    loc + ("cites", j),
                    f"citation '{item.cites[j]}': line {line} is past the end of "
                    f"{usable[sid]} ({total} lines, per {stamp})",
                )
            else:
                report(
                    loc + ("cites", j),
                    f"citation '{item.cites[j]}' is not covered by {stamp}: a new or "
                    f"changed line number must be checked against the article; {REFRESH}",
                )


def _coverage(report: _Reporter, kb: KnowledgeBase) -> None:
    """Rules must be exhaustive and non-overlapping: exactly one rule for every fact combination."""
    d = kb.decision
    gaps = []
    overlapping: set[str] = set()
    for combo in all_fact_combinations(d):
        found = matching_rules(d, combo)
        shown = _shown(combo)
        if not found:
            gaps.append((combo, shown))
        elif len(found) > 1:
            i = d.rules.index(found[1])
            names = " and ".join(f"'{r.id}'" for r in found)
            overlapping |= {r.id for r in found}
            report(("decision", "rules", i, "when"), f"rules {names} overlap on: {shown}")
    for combo, shown in gaps:
        near = _nearest_rule(d.rules, combo, overlapping)
        if near is None:
            report(("decision", "rules"), f"no rule covers: {shown}")
            continue
        i, differing = near
        asks = ", ".join(f"{f}={_answer(d.rules[i].when[f])}" for f in differing)
        report(
            ("decision", "rules", i, "when"),
            f"no rule covers: {shown} (the nearest rule, '{d.rules[i].id}', asks {asks})",
        )


def _answer(value: object) -> str:
    """An answer as the checks print it: yes / no for a yes/no fact, the option otherwise."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return " or ".join(_answer(v) for v in value)
    return "not sure" if value is None else str(value)


def _nearest_rule(
    rules: Sequence[Rule], combo: Mapping[str, object], overlapping: set[str]
) -> tuple[int, list[str]] | None:
    """The rule that misses `combo` by the fewest facts (and, among those, agrees with it on the most),
    with the facts it misses on: where a gap is reported, as the rule edited last is most often the one
    that stopped covering it. Among equals, one that now overlaps another rule, as a moved rule does —
    the later, which the overlap is blamed on too; then the first."""
    best: tuple[tuple[int, int, int, int], int, list[str]] | None = None
    for i, rule in enumerate(rules):
        differing = [f for f, want in rule.when.items() if not _accepts(want, combo.get(f))]
        moved = rule.id in overlapping
        key = (len(differing), len(differing) - len(rule.when), 0 if moved else 1, -i if moved else i)
        if differing and (best is None or key < best[0]):
            best = (key, i, differing)
    return None if best is None else (best[1], best[2])


def _accepts(want: object, answer: object) -> bool:
    """Whether a rule's condition on one fact (a value, or a list of values) accepts the answer."""
    return answer in want if isinstance(want, list | tuple) else answer == want


def _shown(combo: Mapping[str, Value | None]) -> str:
    """A combination of answers as an editor reads it: 'sense=business, pays_us=yes, change=not sure'."""
    return ", ".join(f"{k}={_answer(x)}" for k, x in combo.items())


def _answers(report: _Reporter, loc: DataPath, fact: Fact, given: Value | list[Value]) -> bool:
    """A rule's, an impossible combination's or a case's answer to `fact` is one it can have: true or
    false for a yes/no fact, an option id for a choice fact; a list names each answer once."""
    values = given if isinstance(given, list) else [given]
    ok = True
    if isinstance(given, list) and not given:
        report(loc, f"an empty list of answers to '{fact.id}' accepts nothing: name at least one")
        return False
    seen: list[Value] = []
    for x in values:
        if any(type(x) is type(y) and x == y for y in seen):
            report(loc, f"the answer {_word(x)} to '{fact.id}' is listed twice")
            ok = False
        seen.append(x)
        if not any(type(x) is type(v) and x == v for v in fact.values):
            allowed = ", ".join(_word(v) for v in fact.values)
            hint = (
                " — YAML reads a bare yes/no as true/false: put the option id in quotes"
                if fact.choice and isinstance(x, bool)
                else ""
            )
            report(loc, f"{_word(x)} is not an answer to '{fact.id}' (its answers: {allowed}){hint}")
            ok = False
    return ok


def _word(x: Value) -> str:
    """An answer as written in YAML: true/false, or the option id in quotes."""
    return ("true" if x else "false") if isinstance(x, bool) else f"'{x}'"
