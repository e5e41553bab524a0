"""The question bank: sound, deterministic, and every answer recomputed here from the KB."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator import decision
from generator.knowledge import load
from generator.layout import anchors
from generator.model import AuthoredQuestion, KnowledgeBase, QuizOption
from quiz.bank import KIND_TOPIC, UNDECIDED, Option, Question, build_bank, gates, leaked_words, questions, validate


@pytest.fixture(scope="module")
def bank(kb: KnowledgeBase) -> list[Question]:
    return build_bank(kb)


def of_kind(bank: list[Question], kind: str) -> list[Question]:
    found = [q for q in bank if q.kind == kind]
    assert found, f"no {kind} questions"
    return found


def test_same_kb_gives_the_same_bank(kb, bank):
    again = build_bank(load())
    assert again == bank
    assert [q.id for q in again] == [q.id for q in bank]


def test_ids_are_unique(bank):
    ids = [q.id for q in bank]
    assert len(ids) == len(set(ids))


def test_ids_name_their_subject_not_their_position(kb, bank):
    ids = {q.id for q in bank}
    assert {f"scenario-{sc.id}" for sc in kb.scenarios} <= ids
    assert {q.id for q in bank if q.kind == "distinction" and "select" not in q.id} <= {f"distinction-{d.id}" for d in kb.dimensions}
    assert {q.id for q in bank if q.id.startswith("perspective-") and "position" not in q.id} <= {
        f"perspective-{st.source}" for st in kb.debate.stances}
    reordered = replace(kb, scenarios=kb.scenarios[::-1], pitfalls=kb.pitfalls[::-1],
                        dimensions=kb.dimensions[::-1])
    assert {q.id for q in build_bank(reordered)} == ids


def test_classification_questions_are_the_cases_told_as_prose(kb, bank):
    """One classification question per case, its prompt the case's story — no bullet lists of facts."""
    scenarios = {q.id: q for q in of_kind(bank, "scenario") if q.id.startswith("scenario-")}
    assert set(scenarios) == {f"scenario-{sc.id}" for sc in kb.scenarios}
    for sc in kb.scenarios:
        q = scenarios[f"scenario-{sc.id}"]
        assert q.prompt.startswith(sc.story) and "•" not in q.prompt
        assert q.facts == sc.facts


def test_scenario_answers_are_the_rules_answers(kb, bank):
    d = kb.decision
    cases = {sc.id: sc for sc in kb.scenarios}
    for q in of_kind(bank, "scenario"):
        v = decision.verdict(d, q.facts)
        if q.id.startswith("scenario-"):
            assert q.correct == [v.outcome or UNDECIDED], q.id
            assert cases[q.id.removeprefix("scenario-")].reasoning in q.explanation
            for rule in v.rules:
                assert set(rule.source_ids) <= set(q.sources), q.id
                if v.outcome:
                    assert rule.because in q.explanation
                if v.rule:  # other readings are named, attributed, never the answer
                    for alt in rule.alternatives:
                        assert alt.reading in q.explanation and alt.source in q.sources
                        assert f"According to {kb.source(alt.source).short}" in q.explanation
            assert len(q.options) == 4 and len({o.id for o in q.options}) == 4
        else:
            assert q.id.startswith("find-out-") and v.outcome is None
            assert q.correct == [v.find_out[0]], q.id
    undecided = [q for q in of_kind(bank, "scenario") if q.correct == [UNDECIDED]]
    assert undecided, "some cases' right answer is: not decided yet, find out first"
    # "Which question first?" is asked where it passes the gates; each one is an undecided case's.
    asked = [q for q in bank if q.id.startswith("find-out-")]
    assert asked and {q.id.removeprefix("find-out-") for q in asked} <= {q.id.removeprefix("scenario-") for q in undecided}


def test_first_steps_come_from_the_outcome_of_each_decided_case(kb, bank):
    d = kb.decision
    questions = of_kind(bank, "first")
    decided = [sc for sc in kb.scenarios if decision.verdict(d, sc.facts).outcome]
    assert {q.id for q in questions} <= {f"first-{sc.id}" for sc in decided} and len(questions) >= 10
    steps = {o.id: o.next_step for o in d.outcomes}
    for q in questions:
        outcome = decision.verdict(d, q.facts).outcome
        assert [o.text for o in q.options if o.id in q.correct] == [steps[outcome]]
        assert all(o.text == steps[o.id] for o in q.options)
        assert q.link == f"playbook/#{outcome}"


def test_no_question_describes_an_impossible_company(kb, bank):
    d = kb.decision
    for q in bank:
        if q.facts is not None:
            known = {f: v for f, v in q.facts.items() if v is not None}
            assert not decision.impossible(d, known), q.id


def test_every_question_is_sound(kb, bank):
    # The generators' own output, not build_bank's (which would already have refused a bad one).
    assert validate(kb, questions(kb)) == []
    topics = {t.id for t in kb.quiz.topics}
    for q in bank:
        option_ids = [o.id for o in q.options]
        texts = [" ".join(o.text.lower().split()) for o in q.options]
        assert len(q.options) >= 2, q.id
        assert len(set(option_ids)) == len(option_ids), q.id
        assert len(set(texts)) == len(texts), q.id
        assert q.correct and set(q.correct) <= set(option_ids), q.id
        assert len(set(q.correct)) == len(q.correct), q.id
        assert q.multiple == (len(q.correct) > 1), q.id
        assert q.topic in topics, q.id
        assert q.prompt.strip() and q.explanation.strip(), q.id
        assert (q.facts is not None) == (q.kind in ("scenario", "first")), q.id


def test_generated_kinds_teach_their_topic(kb, bank):
    # Each kind's topic is a quiz topic whose guide link is where that kind is taught.
    topics = {t.id: t for t in kb.quiz.topics}
    assert set(KIND_TOPIC.values()) <= set(topics), "a generated kind's topic is missing from quiz.yml"
    assert {q.kind for q in bank} >= set(KIND_TOPIC)
    assert any(q.multiple for q in of_kind(bank, "distinction"))


def test_sources_exist(kb, bank):
    known = {s.id for s in kb.sources}
    for q in bank:
        assert q.sources, q.id
        assert set(q.sources) <= known, q.id


def test_links_point_at_listed_sections(kb, bank):
    pages = anchors(kb)
    for q in bank:
        page, _, anchor = q.link.partition("#")
        assert page in pages, q.link
        assert anchor and anchor in pages[page], q.link


def test_a_stratified_draw_can_cover_every_topic(kb, bank):
    quiz = kb.quiz
    available = {t.id: sum(1 for q in bank if q.topic == t.id) for t in quiz.topics}
    assert all(n >= 1 for n in available.values()), available
    assert quiz.size >= len(quiz.topics)
    for topic, wanted in quiz.per_topic.items():
        assert wanted <= available[topic], topic
    assert sum(quiz.per_topic.get(t.id, 1) for t in quiz.topics) <= quiz.size


def test_perspectives_follow_the_stances(kb, bank):
    stances = kb.debate.stances
    positions = {p.id for p in kb.debate.positions}
    questions = of_kind(bank, "perspective")
    for st in stances:
        q = next(q for q in questions if q.id == f"perspective-{st.source}")
        assert q.correct == [st.position]
        assert {o.id for o in q.options} == positions
        assert q.link == f"debate/#{st.source}" and st.source in q.sources
    for pos in kb.debate.positions:
        holders = sorted({st.source for st in stances if st.position == pos.id})
        q = next((q for q in questions if q.id == f"perspective-position-{pos.id}"), None)
        if holders:
            assert q is not None and sorted(q.correct) == holders
            assert {o.id for o in q.options} == {st.source for st in stances}
        else:
            assert q is None
    for q in questions:  # attributed, never plain truth: each prompt names a source or asks for sources
        assert "debate" in q.prompt or "Who wrote" in q.prompt, q.id
        if set(q.correct) <= positions:
            source = q.id.removeprefix("perspective-")
            assert {st.position for st in stances if st.source == source} >= set(q.correct)


def test_distinctions_never_mix_sides(kb, bank):
    cells = {f"{d.id}-{side}": getattr(d, side) for d in kb.dimensions for side in ("customer", "partner")}
    for q in of_kind(bank, "distinction"):
        side = "customer" if "for a customer" in q.prompt else "partner"
        assert f"for a {side}" in q.prompt
        for o in q.options:
            assert o.text == cells[o.id].text
            if "select" in q.id:
                assert o.id.endswith(f"-{side}") == (o.id in q.correct), (q.id, o.id)
            else:  # the right cell is this dimension's; a same-side cell of another dimension is wrong
                dim = q.id.removeprefix("distinction-")
                assert (o.id == f"{dim}-{side}") == (o.id in q.correct), (q.id, o.id)
        assert all(not cells[c].synthesis for c in q.correct), q.id


def test_playbook_answers_are_the_plays(kb, bank):
    plays = {p.id: p for p in kb.playbook.plays}
    for q in of_kind(bank, "playbook"):
        play = plays[q.id.removeprefix("playbook-")]
        assert q.correct == [play.id] and play.cites
        assert kb.outcome(play.outcome).name in q.prompt
        for o in q.options:
            other = plays[o.id]
            assert other.aspect == play.aspect
            assert (other.outcome == play.outcome) == (o.id == play.id)


def test_probing_answers_are_recomputed_from_the_rules(kb, bank):
    d = kb.decision
    names = {o.id: o.name for o in d.outcomes}
    pairs = [q for q in of_kind(bank, "probing") if "-vs-" in q.id]
    assert pairs
    for q in pairs:
        a, b = q.id.removeprefix("probing-").split("-vs-")
        assert names[a] in q.prompt and names[b] in q.prompt
        expected = []
        for fact in d.facts:
            for combo in decision.all_fact_combinations(d):
                flipped = {**combo, fact.id: not combo[fact.id]}
                if {decision.classify(d, combo).outcome, decision.classify(d, flipped).outcome} == {a, b}:
                    expected.append(fact.id)
                    break
        assert sorted(q.correct) == sorted(expected), q.id
        assert {o.id for o in q.options} == {f.id for f in d.facts}
        assert any(d.facts[[f.id for f in d.facts].index(c)].probing for c in q.correct)


def test_if_no_distractors_are_out_of_reach(kb, bank):
    d = kb.decision
    asked = [q for q in of_kind(bank, "probing") if q.id.startswith("probing-if-no-")]
    assert {q.id for q in asked} <= {f"probing-if-no-{f.id}" for f in d.facts if f.if_no}
    for q in asked:
        fact = next(f for f in d.facts if q.id == f"probing-if-no-{f.id}")
        assert [o.text for o in q.options if o.id in q.correct] == [fact.if_no]
        reached = {decision.classify(d, c).outcome for c in decision.all_fact_combinations(d) if not c[fact.id]}
        wrong = [o.id for o in q.options if o.id not in q.correct]
        assert wrong and not set(wrong) & reached


def test_pitfalls_kinds_and_definitions_answer_with_their_own_entry(kb, bank):
    pitfalls = {p.id: p for p in kb.pitfalls}
    for q in of_kind(bank, "pitfall"):
        p = pitfalls[q.correct[0]]
        assert q.link == f"pitfalls/#{p.id}"
        assert (p.description in q.prompt) or (p.name in q.prompt)
    kinds = {k.id: k for k in [*kb.partner_kinds, *kb.special_cases]}
    for q in of_kind(bank, "kind"):
        k = kinds[q.correct[0]]
        assert k.description in q.prompt and q.link == f"kinds/#{k.id}"
    definitions = {x.id: x for x in kb.definitions}
    for q in of_kind(bank, "definition"):
        if q.id.startswith("definition-partner-sense-"):
            source = q.id.removeprefix("definition-partner-sense-")
            assert sorted(q.correct) == sorted(x.id for x in kb.definitions
                                               if x.source == source and x.term == "partner")
        elif q.id.startswith("definition-excludes-"):
            assert [o.text for o in q.options if o.id in q.correct] == [definitions[q.correct[0]].excludes]
        elif q.id.startswith("definition-"):
            x = definitions[q.id.removeprefix("definition-")]
            assert q.correct == [x.id] and f"According to {kb.source(x.source).short}," in q.prompt
            for o in q.options:  # other sources' definitions of the same term: attributed, never one side as fact
                other = definitions[o.id]
                assert other.term == x.term and o.text == other.text
                assert (other.source == x.source) == (o.id == x.id)
    assert any(q.correct == ["out_of_scope"] for q in bank), "a case asks for the sense the sources set aside"


def test_authored_questions_join_the_bank(kb):
    authored = AuthoredQuestion(id="hand-written", topic="debate", prompt="Which source is a blog post?",
                                options=[QuizOption(id="a", text="One"), QuizOption(id="b", text="Two"),
                                         QuizOption(id="c", text="Three")],
                                correct=["a"], explanation="Because.", link="debate/#by-source",
                                cites=["colormetrix:1"])
    richer = replace(kb, quiz=replace(kb.quiz, questions=[authored]))
    q = next(q for q in build_bank(richer) if q.id == "hand-written")
    assert (q.topic, q.kind, q.correct, q.sources, q.link) == ("debate", "perspective", ["a"], ["colormetrix"],
                                                               "debate/#by-source")
    clash = replace(authored, id=build_bank(kb)[0].id)
    clashing = replace(kb, quiz=replace(kb.quiz, questions=[clash]))
    with pytest.raises(ValueError, match="duplicate id"):
        build_bank(clashing)


def test_validate_reports_unsound_questions(kb):
    bad = Question(id="x", topic="nowhere", kind="pitfall", prompt="?", options=[Option("a", "Same"),
                   Option("b", "same ")], correct=["c"], explanation="", sources=["nobody"], link="pitfalls/")
    problems = "\n".join(map(str, validate(kb, [bad, bad])))
    assert {p.question for p in validate(kb, [bad, bad])} == {"x"}
    for expected in ("duplicate id", "topic 'nowhere'", "options repeat", "correct answers", "sources"):
        assert expected in problems


# --- quality gates: each one refuses a bad bank ---------------------------------------------------

def good(qid: str, prompt: str = "", **changes) -> Question:
    """A question that passes every gate; `changes` break it in one way."""
    fields = dict(id=qid, topic="pitfalls", kind="pitfall", prompt=prompt or f"Which pitfall is number {qid}?",
                  options=[Option("a", "Trusting a logo", "pitfall"), Option("b", "Counting free users", "pitfall"),
                           Option("c", "Asking too late", "pitfall")],
                  correct=["a"], explanation="Because.", sources=["nikolov"], link="pitfalls/")
    return Question(**{**fields, **changes})


def small(kb):
    """The knowledge base with a round too small for the case-share gate, to test the other gates alone."""
    return replace(kb, quiz=replace(kb.quiz, size=3))


def refused(kb, bank: list[Question], reason: str, qid: str | None = None) -> None:
    problems = [str(p) for p in gates(kb, bank)]
    assert any(reason in p and (qid is None or f"'{qid}'" in p) for p in problems), problems


def test_a_sound_bank_passes_every_gate(kb, bank):
    assert gates(kb, bank) == []
    assert gates(small(kb), [good(f"q{i}") for i in range(3)]) == []


def test_gate_duplicate_prompts(kb):
    refused(small(kb), [good("one", "Same words?"), good("two", "Same  words?")], "same prompt as question 'one'", "two")


def test_gate_at_least_three_options_unless_yes_no(kb):
    two = [Option("a", "Trusting a logo", "pitfall"), Option("b", "Counting free users", "pitfall")]
    refused(small(kb), [good("two", options=two)], "only 2 options", "two")
    yes_no = [Option("y", "Yes", "answer"), Option("n", "No", "answer")]
    assert gates(small(kb), [good("yn", options=yes_no, correct=["y"])]) == []


def test_gate_no_prompt_word_only_in_the_right_answer(kb):
    leaky = good("kpis", "KPIs — which of these does the comparison give for a partner?",
                 options=[Option("p", "Partnership KPIs", "cell"), Option("s", "Sales figures", "cell"),
                          Option("r", "Revenue targets", "cell")], correct=["p"])
    assert leaked_words(leaky) == ["kpi", "partner"]
    refused(small(kb), [leaky], "prompt words found only in the right answer: kpi, partner", "kpis")
    fair = good("kpis", leaky.prompt, options=[*leaky.options[:2], Option("k", "Sales KPIs for a partner", "cell")],
                correct=["p"])
    assert leaked_words(fair) == []


def test_gate_right_answer_not_much_longer(kb):
    long = good("long", options=[Option("a", "A" * 46, "pitfall"), Option("b", "B" * 30, "pitfall"),
                                 Option("c", "C" * 10, "pitfall")])
    refused(small(kb), [long], "1.5× as long as the longest wrong one", "long")
    assert gates(small(kb), [good("ok", options=[Option("a", "A" * 45, "pitfall"), *long.options[1:]])]) == []


def test_gate_distractors_of_the_same_type(kb):
    mixed = good("mixed", options=[Option("a", "Trusting a logo", "pitfall"), Option("b", "Nikolov", "source"),
                                   Option("c", "Asking too late", "pitfall")])
    refused(small(kb), [mixed], "options of different types (pitfall, source)", "mixed")


def test_gate_source_questions_at_most_a_tenth(kb):
    sources = [Option("nikolov", "Nikolov", "source"), Option("rosenshein", "Rosenshein", "source"),
               Option("friedrichs", "Friedrichs", "source")]
    bank = [good(f"q{i}") for i in range(9)] + [good("who1", "Who says A?", options=sources, correct=["nikolov"]),
                                                 good("who2", "Who says B?", options=sources, correct=["friedrichs"])]
    refused(small(kb), bank, "2 of 11 questions answer with a source (at most 10%)")
    assert gates(small(kb), bank[:-1]) == []


def test_gate_a_round_holds_five_case_questions(kb, bank):
    fewer = replace(kb, quiz=replace(kb.quiz, per_topic={"classification": 2}))
    refused(fewer, bank, "is sure of only 3 case questions")


def test_build_fails_naming_the_question_and_the_reason(kb):
    authored = AuthoredQuestion(id="two-options", topic="debate", prompt="Is it one or the other?",
                                options=[QuizOption(id="a", text="One"), QuizOption(id="b", text="Other")],
                                correct=["a"], explanation="Because.", link="debate/#by-source", cites=["colormetrix:1"])
    with pytest.raises(ValueError, match=r"question 'two-options': only 2 options"):
        build_bank(replace(kb, quiz=replace(kb.quiz, questions=[authored])))


def test_case_questions_are_a_large_share(kb, bank):
    cases = [q for q in bank if q.kind in ("scenario", "first")]
    assert len(cases) >= len(kb.scenarios) and {q.topic for q in cases} <= {"classification", "first-steps"}
    assert sum(kb.quiz.per_topic.get(t, 1) for t in {"classification", "first-steps"}) >= 5
