"""quiz/bank.py on the tiny knowledge base: what each generator asks, what the gates refuse, soundness_problems and build.

The expected values are read off tests/fixtures/tiny/knowledge/ (two facts, four outcomes, five cases,
three sources) and typed in here; what the real knowledge base's bank says is tests/test_content_quiz.py.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest

from generator.decision import UNDECIDED
from generator.layout import anchors
from generator.model import AuthoredQuestion, Cell, Definition, Dimension, Fact, KnowledgeBase, QuizOption
from quiz.bank import (
    _distractors,
    _fair,
    build_bank,
    distinction_questions,
    left_out,
    probing_questions,
    questions,
)
from quiz.gates import content_words, echoes, gates, leaked_words, soundness_problems, teaching_problems
from quiz.question import LeftOut, Option, Question


def asked(made: list[Question | LeftOut]) -> list[Question]:
    """What a generator made that the quiz asks (not the questions it leaves out)."""
    return [q for q in made if isinstance(q, Question)]


OUTCOME_NAMES = {
    "customer": "Customer",
    "reseller": "Reseller",
    "both": "Reseller and customer",
    "bystander": "Not a customer",
    UNDECIDED: "Not decided yet",
}
NEXT_STEPS = {
    "customer": "Sell and serve.",
    "reseller": "Treat them with a customer's respect.",
    "both": "Keep the two roles apart.",
    "bystander": "Do not count them.",
}
CASES = {
    "bookshop": "customer",
    "dealer": "reseller",
    "dealer-with-support": "both",
    "visitor": "bystander",
    "new-account": UNDECIDED,
}
RULE_OF = {
    "bookshop": "customer",
    "dealer": "reseller",
    "dealer-with-support": "paying-reseller",
    "visitor": "bystander",
}


@pytest.fixture(scope="module")
def by_id(tiny_bank: list[Question]) -> dict[str, Question]:
    return {q.id: q for q in tiny_bank}


def texts(q: Question, ids: list[str] | None = None) -> list[str]:
    """The option texts of `q` (of the options `ids`, or of the right ones), in the order shown."""
    wanted = q.correct if ids is None else ids
    return [o.text for o in q.options if o.id in wanted]


def test_the_bank_holds_every_kind_and_leaves_out_what_fails_a_gate(tiny_bank) -> None:
    """33 questions, one of them hand-written (q-never-pays, topic kinds). Left out: what the guide says itself (synthesis plays, the b2b term), what has no
    distractor (the one partner kind) and what would fail a gate — Cy's stance ("a partner is never a
    customer": 'partner' is in the prompt and only in that answer), 'referral agency' ('agency'),
    'Someone who pays nothing' ('paying nothing'), the remedy 'Count only those who pay' ('Counting')."""
    assert Counter(q.kind for q in tiny_bank) == {
        "definition": 5,
        "perspective": 5,
        "scenario": 5,
        "first": 4,
        "playbook": 4,
        "pitfall": 3,
        "distinction": 2,
        "kind": 3,
        "probing": 2,
    }
    ids = {q.id for q in tiny_bank}
    assert len(ids) == len(tiny_bank) == 33 and "q-never-pays" in ids
    assert {f"scenario-{case}" for case in CASES} | {f"first-{case}" for case in CASES if case != "new-account"} <= ids
    assert {
        "perspective-ada",
        "perspective-ben",
        "perspective-position-sometimes",
        "perspective-position-always",
        "perspective-position-never",
        "kind-goal-sharer",
        "kind-referral-agency",
        "term-reseller",
        "term-lowest-price",
        "pitfall-partner-as-customer",
        "pitfall-counting-free-users",
        "pitfall-remedy-taking-resellers-for-granted",
        "probing-if-no-sells_ours",
        "probing-if-nothing-pays_us",
    } <= ids
    assert not ids & {
        "perspective-cy",
        "kind-reseller",
        "kind-free-rider",
        "term-b2b",
        "term-referral",
        "pitfall-remedy-counting-free-users",
        "playbook-customer-measure",
        "playbook-both-win",
        "first-new-account",
        "find-out-new-account",
    }


def test_nothing_vanishes_every_question_not_asked_is_left_out_with_a_reason(tiny, tiny_bank) -> None:
    """Each stance, pitfall and kind gives a question or a named reason; none disappears unnoticed."""
    skipped = {q.id: q.reason for q in left_out(tiny)}
    asked = {q.id for q in tiny_bank}
    assert not asked & set(skipped)
    expected = {f"perspective-{st.source}" for st in tiny.debate.stances}
    expected |= {f"pitfall-{p.id}" for p in tiny.pitfalls}
    expected |= {f"kind-{k.id}" for k in [*tiny.partner_kinds, *tiny.special_cases]}
    assert expected <= asked | set(skipped)
    assert skipped["perspective-cy"] == "prompt words found only in the right answer: partner"
    assert (
        skipped["kind-reseller"] == "fewer than two options to choose from"
    )  # the only partner kind: no other to offer
    assert skipped["term-referral"] == "prompt words found only in the right answer: agency"


def test_ids_name_their_subject_so_reordering_the_yaml_changes_no_question(tiny, by_id) -> None:
    reordered = replace(
        tiny,
        scenarios=tiny.scenarios[::-1],
        pitfalls=tiny.pitfalls[::-1],
        dimensions=tiny.dimensions[::-1],
        glossary=tiny.glossary[::-1],
        special_cases=tiny.special_cases[::-1],
        playbook=replace(tiny.playbook, plays=tiny.playbook.plays[::-1]),
    )
    again = {q.id: q for q in build_bank(reordered)}
    assert again == by_id


def test_each_case_is_a_classification_question_told_as_prose(tiny, by_id) -> None:
    stories = {sc.id: sc for sc in tiny.scenarios}
    for case, answer in CASES.items():
        q = by_id[f"scenario-{case}"]
        assert q.correct == [answer] and texts(q) == [OUTCOME_NAMES[answer]], case
        assert q.prompt == f"{stories[case].story}\nBy the decision guide, what is this relationship?"
        assert q.facts == stories[case].facts and q.topic == "classification"
        assert len(q.options) == 4 and {o.text for o in q.options} <= set(OUTCOME_NAMES.values())
        assert q.explanation.startswith(stories[case].reasoning)
        if case in RULE_OF:
            assert q.link == f"decision/#rule-{RULE_OF[case]}"
    assert by_id["scenario-dealer"].explanation == (
        "It earns by selling our product. They earn by selling our product and pay us nothing."
    )
    assert by_id["scenario-new-account"].facts == {"sells_ours": None, "pays_us": "directly"}


def test_another_sources_reading_is_named_attributed_and_never_the_answer(by_id) -> None:
    q = by_id["scenario-dealer-with-support"]
    assert q.correct == ["both"] and "customer" in {o.id for o in q.options}
    assert q.explanation.endswith(
        "Ben would call it “Customer” — answering “Do they pay us?”: Whoever pays is a customer."
    )
    assert q.sources == ["ada", "ben"]
    assert by_id["scenario-dealer"].sources == ["ada"]
    assert "Ben" not in by_id["scenario-bookshop"].explanation, "a reading that agrees with the rules is not shown"


def test_an_undecided_case_says_what_could_be_and_what_to_find_out(by_id) -> None:
    q = by_id["scenario-new-account"]
    assert q.correct == [UNDECIDED] and q.link == "decision/#fact-sells_ours"
    assert q.explanation == (
        "Paying makes it a customer at least; whether it resells decides the rest. "
        "From what is known it could be “Customer”, “Reseller and customer”. Find out first: "
        "Do they earn by selling our product to their own clients? Read the contract. "
        "(the guide's synthesis) "
        "Ben would call it “Customer” — answering “Do they pay us?”: Whoever pays is a customer."
    ), "a source's reading that the case meets is shown even while the rules are undecided"
    assert "first-new-account" not in by_id, "an undecided case has no first step"


def with_a_third_fact(tiny: KnowledgeBase) -> KnowledgeBase:
    """The tiny KB with a fact no rule needs, known in the undecided case: enough facts for the
    'which question first?' and 'which question switches …?' questions to have three options."""
    signed = Fact(
        id="signed",
        question="Have they signed an agreement about our product?",
        help="h",
        yes="y",
        no="n",
        how_to_find_out="Ask legal.",
        cites=["ada:5"],
    )
    d = replace(tiny.decision, facts=[*tiny.decision.facts, signed])
    scenarios = [replace(sc, facts={**sc.facts, "signed": False}) for sc in tiny.scenarios]
    return replace(tiny, decision=d, scenarios=scenarios)


def test_which_question_first_is_asked_with_the_cases_known_facts_as_distractors(tiny) -> None:
    richer = {q.id: q for q in build_bank(with_a_third_fact(tiny))}
    q = richer["find-out-new-account"]
    assert q.kind == "scenario" and q.correct == ["sells_ours"] and q.link == "decision/#fact-sells_ours"
    assert {o.id for o in q.options} == {"sells_ours", "pays_us", "signed"}
    assert texts(q) == ["Do they earn by selling our product to their own clients?"]
    assert q.facts == {"sells_ours": None, "pays_us": "directly", "signed": False}
    assert q.explanation.startswith(
        "Do they earn by selling our product to their own clients? decides between “Customer”, “Reseller and customer”."
    )


def test_first_steps_are_the_outcomes_next_steps(by_id) -> None:
    for case, outcome in CASES.items():
        if outcome == UNDECIDED:
            continue
        q = by_id[f"first-{case}"]
        assert q.correct == [outcome] and texts(q) == [NEXT_STEPS[outcome]], case
        assert {o.id: o.text for o in q.options} == NEXT_STEPS, "every option is an outcome's own next step"
        assert q.link == f"playbook/#{outcome}" and q.topic == "first-steps"
    assert by_id["first-dealer"].explanation == "This is “Reseller”. First step: Treat them with a customer's respect."
    assert by_id["first-visitor"].explanation == (
        "This is “Not a customer”. First step: Do not count them. (the guide's synthesis)"
    )


def test_only_case_questions_carry_facts_and_every_question_explains(tiny_bank) -> None:
    for q in tiny_bank:
        assert (q.facts is not None) == (q.kind in ("scenario", "first")), q.id
        assert q.explanation.strip() and len(set(q.correct)) == len(q.correct), q.id


def test_links_point_at_listed_sections(tiny, tiny_bank) -> None:
    pages = anchors(tiny)
    for q in tiny_bank:
        page, _, anchor = q.link.partition("#")
        assert page in pages, q.link
        assert anchor and anchor in pages[page], q.link


def test_perspectives_follow_the_stances(by_id) -> None:
    positions = ["sometimes", "always", "never"]
    for source, position in (("ada", "sometimes"), ("ben", "always")):
        q = by_id[f"perspective-{source}"]
        assert q.correct == [position] and q.link == f"debate/#{source}" and q.sources == [source]
        assert [o.id for o in q.options] == [position, *(p for p in positions if p != position)]
    assert by_id["perspective-ada"].prompt == "In the debate “Is a partner a customer?”, which position does Ada take?"
    assert by_id["perspective-ada"].explanation.endswith(
        "Other sources disagree. Ben: Yes — whoever pays is a customer; Cy: No — a partner is never a customer."
    )
    for position, holder in (("sometimes", "ada"), ("always", "ben"), ("never", "cy")):
        q = by_id[f"perspective-position-{position}"]
        assert q.correct == [holder] and {o.id for o in q.options} == {"ada", "ben", "cy"}
        assert {o.text for o in q.options} == {"Ada", "Ben", "Cy"} and q.link == "debate/#by-source"


def test_distinctions_ask_for_a_cited_side_among_cells_of_both(by_id) -> None:
    cells = {
        "money-customer": "Pays you the price you ask.",
        "money-partner": "Earns by selling your product.",
        "yardstick-customer": "What they pay you.",
        "yardstick-partner": "What they sell, not what they buy.",
    }
    for dim in ("money", "yardstick"):
        q = by_id[f"distinction-{dim}"]
        side = "customer" if "for a customer" in q.prompt else "partner"
        assert q.correct == [f"{dim}-{side}"] and q.link == f"comparison/#{dim}"
        assert all(o.text == cells[o.id] for o in q.options)
        assert f"{dim}-{'partner' if side == 'customer' else 'customer'}" in {o.id for o in q.options}
    # The yardstick's customer cell is the guide's synthesis: only its partner side is ever an answer.
    assert by_id["distinction-yardstick"].correct == ["yardstick-partner"]


def test_select_all_distinctions_group_fully_cited_dimensions(tiny) -> None:
    """Three fully cited dimensions or more make a 'select all of one side' question (the tiny KB has one)."""

    def dim(did: str, customer: str, partner: str) -> Dimension:
        return Dimension(
            id=did,
            name=did,
            summary="s",
            customer=Cell(text=customer, cites=["ada:3"]),
            partner=Cell(text=partner, cites=["ben:7"]),
        )

    extra = [
        dim("contract", "Signs an order form.", "Signs a resale deal."),
        dim("length", "One single purchase.", "Years of joint work."),
        dim("talk", "Support tickets only.", "Quarterly planning."),
        dim("value", "Pays list prices.", "Earns a margin."),
    ]
    found = {q.id: q for q in asked(distinction_questions(replace(tiny, dimensions=[*tiny.dimensions, *extra[:3]])))}
    q = found["distinction-select-contract"]  # contract, length, money, talk: in id order
    side = "customer" if "for a customer" in q.prompt else "partner"
    assert {o.id.rsplit("-", 1)[0] for o in q.options} == {"contract", "length", "money", "talk"}
    assert q.correct == [o.id for o in q.options if o.id.endswith(f"-{side}")] and q.multiple
    assert "yardstick" not in str(q.options), "a dimension with a synthesis cell is never in a select-all question"
    assert "distinction-select-contract" not in {x.id for x in asked(distinction_questions(tiny))}
    # Five: a group of four and one left over, too few alone, so it joins the group.
    five = [
        q
        for q in asked(distinction_questions(replace(tiny, dimensions=[*tiny.dimensions, *extra])))
        if "select" in q.id
    ]
    assert [q.id for q in five] == ["distinction-select-contract"]
    assert {o.id.rsplit("-", 1)[0] for o in five[0].options} == {"contract", "length", "money", "talk", "value"}


def test_playbook_questions_are_the_cited_plays_among_the_same_aspect(by_id) -> None:
    asked = {q.id for q in by_id.values() if q.kind == "playbook"}
    assert asked == {
        "playbook-customer-win",
        "playbook-reseller-win",
        "playbook-reseller-measure",
        "playbook-bystander-win",
    }, "the guide's synthesis plays are not asked"
    q = by_id["playbook-reseller-measure"]
    assert q.correct == ["reseller-measure"] and texts(q) == ["What they sell."]
    assert {o.id for o in q.options} == {"customer-measure", "reseller-measure", "both-measure", "bystander-measure"}
    assert q.prompt == "What you measure — what does the playbook recommend for “Reseller”, following Ben?"
    assert q.link == "playbook/#reseller" and q.sources == ["ben"]


def test_probing_if_no_offers_only_outcomes_out_of_reach(by_id) -> None:
    """Once 'sells ours' is no, only Customer and Not a customer remain: the wrong options are the
    next steps of Reseller and of Reseller and customer."""
    q = by_id["probing-if-no-sells_ours"]
    assert texts(q) == ["Not a reseller."] and q.link == "decision/#fact-sells_ours"
    assert sorted(o.id for o in q.options if o.id not in q.correct) == ["both", "reseller"]
    assert set(texts(q, ["both", "reseller"])) == {NEXT_STEPS["both"], NEXT_STEPS["reseller"]}
    assert "probing-if-no-pays_us" not in by_id, "only a fact with an if_no has one"


def test_a_choice_facts_answer_with_advice_gets_its_own_question(by_id) -> None:
    """pays_us is a choice fact; its answer 'nothing' carries `then`. Once they pay nothing, Customer and
    Reseller and customer are out of reach: their next steps are the wrong options."""
    q = by_id["probing-if-nothing-pays_us"]
    assert (
        q.prompt
        == "You ask “Do they pay us?” and the answer is “No — they pay us nothing”. What does the decision guide advise?"
    )
    assert texts(q) == ["Look at what else they do for us."] and q.link == "decision/#fact-pays_us"
    assert sorted(o.id for o in q.options if o.id not in q.correct) == ["both", "customer"]


def test_probing_pairs_name_the_fact_that_switches_them(tiny) -> None:
    """sells_ours (the probing fact) alone switches Customer ↔ Reseller and customer and Reseller ↔ Not a
    customer; pays_us (not probing) switches the other two pairs, which are therefore not asked."""
    found = {q.id: q for q in asked(probing_questions(with_a_third_fact(tiny)))}
    assert set(found) == {
        "probing-customer-vs-both",
        "probing-reseller-vs-bystander",
        "probing-if-no-sells_ours",
        "probing-if-nothing-pays_us",
    }
    for qid, a, b in (
        ("probing-customer-vs-both", "Customer", "Reseller and customer"),
        ("probing-reseller-vs-bystander", "Reseller", "Not a customer"),
    ):
        q = found[qid]
        assert q.correct == ["sells_ours"] and [o.id for o in q.options] == ["sells_ours", "pays_us", "signed"]
        assert f"between “{a}” and “{b}”" in q.prompt and q.link == "decision/#fact-sells_ours"
    made = probing_questions(tiny)
    assert not [q for q in made if "-vs-" in q.id and isinstance(q, Question)], "two facts make only two options"
    assert {q.id: q.reason.split(";")[0] for q in made if isinstance(q, LeftOut) and "-vs-" in q.id} == {
        "probing-customer-vs-both": "only 2 options (at least 3 unless it is a yes/no question)",
        "probing-reseller-vs-bystander": "only 2 options (at least 3 unless it is a yes/no question)",
    }


def test_pitfalls_and_kinds_answer_with_their_own_entry(by_id) -> None:
    q = by_id["pitfall-partner-as-customer"]
    assert q.prompt == "Which pitfall is this? Treating a firm that shares your goal as one more buyer."
    assert texts(q) == ["Selling to a partner"] and q.link == "pitfalls/#partner-as-customer"
    assert {o.id for o in q.options} == {"partner-as-customer", "taking-resellers-for-granted", "counting-free-users"}
    remedy = by_id["pitfall-remedy-taking-resellers-for-granted"]
    assert texts(remedy) == ["Respect them as you respect a customer."]
    kind = by_id["kind-referral-agency"]
    assert texts(kind) == ["Introducer"] and kind.link == "kinds/#referral-agency"
    assert {o.id for o in kind.options} == {"referral-agency", "goal-sharer", "free-rider"}, "special cases only"


def test_definitions_attribute_each_sources_sense(by_id) -> None:
    q = by_id["definition-ben-customer"]
    assert q.prompt == "According to Ben, what is a customer?" and q.correct == ["ben-customer"]
    assert {o.id for o in q.options} == {"ada-customer", "ben-customer", "cy-customer"}
    assert texts(q) == ["Every firm that pays you, whatever else it does for you."]
    term = by_id["term-reseller"]
    assert texts(term) == ["A firm that earns by selling your product."] and term.link == "glossary/#reseller"


def test_senses_of_partner_and_what_a_source_sets_aside(tiny) -> None:
    """With three sources defining 'partner', each setting a sense aside, the sense and 'excludes' questions
    exist; Ben's two senses make one 'which senses' question with two answers, and one definition question."""
    ben = Definition(
        id="ben-partner",
        term="partner",
        source="ben",
        sense="a paying reseller",
        text="A reseller that also pays you.",
        excludes="A firm that pays nothing is no partner.",
        cites=["ben:5"],
    )
    ben_too = Definition(
        id="ben-partner-too",
        term="partner",
        source="ben",
        sense="a respected seller",
        text="A seller you treat with respect.",
        cites=["ben:5"],
    )
    definitions = [
        replace(d, excludes="A buyer is never a partner.") if d.id == "cy-partner" else d for d in tiny.definitions
    ] + [ben, ben_too]
    found = {q.id: q for q in build_bank(replace(tiny, definitions=definitions))}
    both = found["definition-partner-sense-ben"]
    assert both.prompt == "In the guide's definitions, which senses of “partner” are attributed to Ben?"
    assert sorted(both.correct) == ["ben-partner", "ben-partner-too"] and both.multiple
    assert "definition-ben-partner-too" not in found, "one definition question per source and term"
    sense = found["definition-partner-sense-ada"]
    assert sense.correct == ["ada-partner"] and texts(sense) == ["reseller"]
    assert {o.id for o in sense.options} == {"ada-partner", "ben-partner", "ben-partner-too", "cy-partner"}
    excludes = found["definition-excludes-ada-partner"]
    assert texts(excludes) == ["Someone who pays nothing is no customer at all."]
    assert excludes.link == "definitions/#excluded-senses"
    assert {o.id for o in excludes.options} == {"ada-partner", "ben-partner", "cy-partner"}


def test_authored_questions_join_the_bank(tiny) -> None:
    authored = AuthoredQuestion(
        id="q-hand-written",
        topic="debate",
        prompt="Which source is a blog post?",
        options=[QuizOption(id="a", text="One"), QuizOption(id="b", text="Two"), QuizOption(id="c", text="Three")],
        correct=["a"],
        explanation="Because.",
        link="debate/#by-source",
        cites=["ben:3"],
    )
    richer = replace(tiny, quiz=replace(tiny.quiz, questions=[authored]))
    q = next(q for q in build_bank(richer) if q.id == "q-hand-written")
    assert (q.topic, q.kind, q.correct, q.sources, q.link) == (
        "debate",
        "perspective",
        ["a"],
        ["ben"],
        "debate/#by-source",
    )
    clashing = replace(tiny, quiz=replace(tiny.quiz, questions=[replace(authored, id="perspective-ada")]))
    with pytest.raises(ValueError, match="question 'perspective-ada': duplicate id"):
        build_bank(clashing)


def test_validate_reports_unsound_questions(tiny) -> None:
    bad = Question(
        id="x",
        topic="nowhere",
        kind="pitfall",
        prompt="?",
        options=[Option("a", "Same"), Option("b", "same ")],
        correct=["c"],
        explanation="",
        sources=["nobody"],
        link="pitfalls/",
    )
    lonely = Question(
        id="y",
        topic="pitfalls",
        kind="pitfall",
        prompt="?",
        options=[Option("a", "Alone")],
        correct=["a"],
        explanation="",
        sources=[],
        link="pitfalls/",
    )
    problems = soundness_problems(tiny, [bad, bad, lonely])
    assert [str(p) for p in problems] == [
        "question 'x': topic 'nowhere' is not in quiz.yml",
        "question 'x': options repeat",
        "question 'x': correct answers must be some of the options",
        "question 'x': needs sources, all of them known",
        "question 'x': duplicate id",
        "question 'x': topic 'nowhere' is not in quiz.yml",
        "question 'x': options repeat",
        "question 'x': correct answers must be some of the options",
        "question 'x': needs sources, all of them known",
        "question 'y': fewer than two options",
        "question 'y': needs sources, all of them known",
    ]
    assert soundness_problems(tiny, questions(tiny)[:3]) == []


def test_distractors_are_repaired_against_word_matching_and_a_telling_length() -> None:
    """Whatever the seed picks, a prompt word the right answer repeats brings in a pool option repeating it,
    and a right answer far longer than the picks brings in the pool's longest option."""
    right = Option("r", "Taking resellers for granted", "pitfall")
    pool = [
        Option(c, text, "pitfall")
        for c, text in (
            ("a", "Haste"),
            ("b", "Greed"),
            ("c", "Sloth"),
            ("d", "Pride"),
            ("e", "Envy"),
            ("f", "Ignoring a reseller's needs"),
        )
    ]
    for n in range(8):
        wrong = _distractors(f"q{n}", [right], pool, 2, "Which pitfall concerns resellers?")
        assert "f" in {o.id for o in wrong}, n
        q = Question(
            id=f"q{n}",
            topic="pitfalls",
            kind="pitfall",
            prompt="Which pitfall concerns resellers?",
            options=[right, *wrong],
            correct=["r"],
            explanation="",
            sources=[],
            link="",
        )
        assert leaked_words(q) == []
    long = [*pool[:5], Option("g", "Counting free users", "pitfall")]
    for n in range(8):
        assert "g" in {o.id for o in _distractors(f"q{n}", [right], long, 2, "Which pitfall is this?")}, n


def test_fair_searches_the_pool_for_distractors_that_pass_the_gates() -> None:
    right = Option("r", "Taking resellers for granted", "pitfall")
    short = [Option("a", "Haste", "pitfall"), Option("b", "Greed", "pitfall")]  # the right answer is 5× as long
    pool = [*short, Option("c", "Counting free users", "pitfall"), Option("d", "Selling to a partner", "pitfall")]
    wrong = _fair("q", "Which pitfall is this?", [right], short, pool)
    assert wrong != short and {"c", "d"} & {o.id for o in wrong}
    q = Question(
        id="q",
        topic="",
        kind="",
        prompt="Which pitfall is this?",
        options=[right, *wrong],
        correct=["r"],
        explanation="",
        sources=[],
        link="",
    )
    assert teaching_problems(q) == []
    assert _fair("q", "Which pitfall is this?", [right], short, pool, tries=0) == short, "none tried: the first set"


# --- quality gates: each one refuses a bank made bad on purpose from the tiny KB's questions ------------


def refused(kb: KnowledgeBase, tiny_bank: list[Question], reason: str, qid: str | None = None) -> None:
    problems = [str(p) for p in gates(kb, tiny_bank)]
    assert any(reason in p and (qid is None or f"'{qid}'" in p) for p in problems), problems


def test_gate_duplicate_prompts(tiny, by_id) -> None:
    one, two = by_id["pitfall-partner-as-customer"], by_id["pitfall-counting-free-users"]
    assert gates(tiny, [one, two]) == []
    copied = replace(two, prompt="  which pitfall is THIS? Treating a firm that shares your goal as one more buyer.")
    refused(tiny, [one, copied], "same prompt as question 'pitfall-partner-as-customer'", "pitfall-counting-free-users")


def test_gate_at_least_three_options_unless_yes_no(tiny, by_id) -> None:
    q = by_id["pitfall-partner-as-customer"]
    two = replace(q, options=[o for o in q.options if o.id != "counting-free-users"])
    refused(tiny, [two], "only 2 options", "pitfall-partner-as-customer")
    yes_no = replace(q, options=[Option("y", "Yes", "answer"), Option("n", "no.", "answer")], correct=["y"])
    assert gates(tiny, [yes_no]) == []


def test_gate_no_prompt_word_only_in_the_right_answer(tiny, by_id) -> None:
    """Cy's stance: 'partner' is in the prompt and only in the right answer — why perspective-cy is not asked."""
    ben = by_id["perspective-ben"]
    cy = replace(ben, id="perspective-cy", prompt=ben.prompt.replace("Ben", "Cy"), correct=["never"])
    assert leaked_words(cy) == ["partner"]
    refused(tiny, [cy], "prompt words found only in the right answer: partner", "perspective-cy")
    assert leaked_words(ben) == []
    # Plurals and possessives are one word, and a word echoes another it starts: "KPIs" leaks "kpi".
    kpis = replace(
        ben,
        prompt="KPIs — which does the comparison give for a partner's team?",
        options=[
            Option("p", "Partnership KPIs", "cell"),
            Option("s", "Sales figures", "cell"),
            Option("r", "Revenue targets", "cell"),
        ],
        correct=["p"],
    )
    assert leaked_words(kpis) == ["kpi", "partner"]
    fair = replace(kpis, options=[*kpis.options[:2], Option("k", "Sales KPIs for a partner", "cell")])
    assert leaked_words(fair) == []


def test_leaked_words_are_the_prompt_words_echoed_by_the_right_answers_and_no_wrong_one() -> None:
    """The gate works option by option (cached per prompt and option); for every question it must
    equal the definition on the pooled words: echoed by the right options' words, not the wrong ones'."""
    words = ["partner", "partners", "partnership", "KPIs", "kpi", "customer's", "customers", "revenue", "rev", "the"]
    rng = random.Random(21)
    for n in range(2000):
        options = [Option(f"o{i}", " ".join(rng.choices(words, k=rng.randint(0, 4))), "cell") for i in range(4)]
        correct = [o.id for o in rng.sample(options, rng.randint(1, 2))]
        q = Question(f"q{n}", "", "", " ".join(rng.choices(words, k=5)), options, correct, "", [], "")
        right = frozenset().union(*(content_words(o.text) for o in options if o.id in correct))
        wrong = frozenset().union(*(content_words(o.text) for o in options if o.id not in correct))
        expected = sorted(w for w in content_words(q.prompt) if echoes(w, right) and not echoes(w, wrong))
        assert leaked_words(q) == expected, q


def test_gate_right_answer_not_much_longer(tiny, by_id) -> None:
    q = by_id["pitfall-partner-as-customer"]
    long = replace(
        q,
        options=[
            Option("partner-as-customer", "A" * 46, "pitfall"),
            Option("b", "B" * 30, "pitfall"),
            Option("c", "C" * 10, "pitfall"),
        ],
    )
    refused(tiny, [long], "1.5× as long as the longest wrong one", "pitfall-partner-as-customer")
    fine = replace(long, options=[Option("partner-as-customer", "A" * 45, "pitfall"), *long.options[1:]])
    assert gates(tiny, [fine]) == []


def test_gate_distractors_of_the_same_type(tiny, by_id) -> None:
    q = by_id["pitfall-partner-as-customer"]
    mixed = replace(q, options=[*q.options[:2], replace(q.options[2], category="source")])
    refused(tiny, [mixed], "options of different types (pitfall, source)", "pitfall-partner-as-customer")
    untyped = replace(q, options=[*q.options[:2], replace(q.options[2], category="")])
    refused(tiny, [untyped], "options of different types (pitfall, untyped)", "pitfall-partner-as-customer")


def test_gate_source_questions_at_most_a_tenth(tiny, tiny_bank) -> None:
    """The three 'which sources take …?' questions are 3 of 33 in the tiny bank; 3 of 29 is too many."""
    who = [q for q in tiny_bank if q.id.startswith("perspective-position-")]
    others = [q for q in tiny_bank if q not in who]
    assert len(who) == 3 and len(others) == 30
    refused(tiny, others[:26] + who, "3 of 29 questions answer with a source (at most 10%)")
    assert gates(tiny, others[:27] + who) == [], "3 of 30 is a tenth"


def test_gate_a_round_of_twelve_holds_five_case_questions(tiny, tiny_bank) -> None:
    """The tiny round (11) is below the gate; at 12, per_topic classification 3 and one first-steps make 4."""
    twelve = replace(tiny, quiz=replace(tiny.quiz, size=12))
    refused(
        twelve,
        tiny_bank,
        "a round of 12 is sure of only 4 case questions (topics classification, first-steps; at least 5)",
    )
    assert [p.setting for p in gates(twelve, tiny_bank)] == ["per_topic"]
    enough = replace(twelve, quiz=replace(twelve.quiz, per_topic={"classification": 4}))
    assert gates(enough, tiny_bank) == []


def test_build_fails_naming_the_question_and_the_reason(tiny) -> None:
    authored = AuthoredQuestion(
        id="q-two-options",
        topic="debate",
        prompt="Is it one or the other?",
        options=[QuizOption(id="a", text="One"), QuizOption(id="b", text="Other")],
        correct=["a"],
        explanation="Because.",
        link="debate/#by-source",
        cites=["ben:3"],
    )
    with pytest.raises(ValueError, match=r"question 'q-two-options': only 2 options"):
        build_bank(replace(tiny, quiz=replace(tiny.quiz, questions=[authored])))
