"""Issue #22 on the real knowledge base: each source's reading shown only where a case meets its test, the
classifier's gaps closed, and the statements that said more (or other) than the line they cite.

Each slip test names the wrong wording it guards against; they failed on the text before the fix.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from generator.decision import readings_for, verdict
from generator.model import KnowledgeBase, Record
from quiz.bank import build_bank
from quiz.feedback import other_readings
from quiz.question import Question


def strings(value: object) -> Iterator[str]:
    """Every text in a part of the model, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Record):
        for f in dataclasses.fields(value):  # type: ignore[arg-type]
            yield from strings(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


@pytest.fixture(scope="module")
def questions_by_id(kb: KnowledgeBase) -> dict[str, Question]:
    return {q.id: q for q in build_bank(kb)}


def every_text(kb: KnowledgeBase, bank: dict[str, Question]) -> list[str]:
    """The knowledge base's texts and the quiz's (prompts, options, explanations): where a slip is copied."""
    return [*strings(kb), *(t for q in bank.values() for t in (q.prompt, q.explanation, *(o.text for o in q.options)))]


def stance(kb: KnowledgeBase, source: str) -> str:
    return next(s.argument for s in kb.debate.stances if s.source == source)


def case(kb: KnowledgeBase, case_id: str) -> dict:
    return next(sc.facts for sc in kb.scenarios if sc.id == case_id)


# --- Each source's reading, where the case meets its test ------------------------------------


def test_the_bundle_that_ended_shows_no_reading_nikolovs_test_does_not_meet(kb) -> None:
    """It answers no to both of Nikolov's probing questions: his channel-partner reading is not shown."""
    assert readings_for(kb.decision, case(kb, "lapsed-bundle")) == []


def test_the_lapsed_reseller_shows_nikolovs_channel_partner_reading(kb) -> None:
    shown = readings_for(kb.decision, case(kb, "lapsed-reseller"))
    assert [(x.reading.id, x.status) for x in shown] == [("nikolov-channel-partner", "applies")]
    assert verdict(kb.decision, case(kb, "lapsed-reseller")).outcome == "customer"


def test_the_reseller_that_buys_says_which_question_each_label_answers(kb, questions_by_id) -> None:
    """The rules' channel partner answers Nikolov's question; the channel manager's customer answers 'who pays'."""
    facts = case(kb, "value-added-reseller")
    assert verdict(kb.decision, facts).outcome == "channel_partner"
    (shown,) = readings_for(kb.decision, facts)
    assert (shown.reading.source, shown.reading.outcome, shown.status) == ("channel-manager", "customer", "applies")
    assert "buy from us" in shown.reading.answers
    said = " ".join(other_readings(kb, facts))  # what the quiz's feedback appends (practice and assessment)
    assert (
        "The channel manager would call it “Customer” — answering “Do they buy from us, directly or through our distributors?”"
        in said
    )
    note = kb.debate.synthesis_note
    assert "who pays whom" in note and "whose revenue depends on whose" in note and "channel partner" in note
    assert (
        "a partner that pays you is also a customer in the money sense, and still needs partner methods — which is "
        "what the ColorMetrix author calls a hybrid" not in note
    )


def test_every_source_reading_cites_its_source_and_names_the_question_it_answers(kb) -> None:
    assert {r.source for r in kb.decision.readings} == {"nikolov", "channel-manager", "friedrichs"}
    for r in kb.decision.readings:
        assert r.source in r.source_ids and r.answers.endswith("?"), r.id


# --- The classifier's gaps: each one now has an answer and an outcome --------------------------


@pytest.mark.parametrize(
    "facts, outcome",
    [
        ({"sense": "job_title"}, "job_title"),
        ({"sense": "joint_venture"}, "joint_venture"),
        ({"sense": "internal_team"}, "internal_team"),
        (
            {
                "sense": "business",
                "we_buy": "other",
                "revenue_depends_on_ours": False,
                "change": "unchanged",
                "joint_offering": False,
                "pays_us": False,
            },
            "supplier",
        ),
        (
            {
                "sense": "business",
                "we_buy": "other",
                "revenue_depends_on_ours": False,
                "change": "unchanged",
                "joint_offering": True,
            },
            "hybrid",
        ),
        (
            {
                "sense": "business",
                "we_buy": "nothing",
                "revenue_depends_on_ours": True,
                "promotes_us": "no_our_branding",
                "change": "unchanged",
            },
            "channel_partner",
        ),
        (
            {
                "sense": "business",
                "we_buy": "nothing",
                "revenue_depends_on_ours": True,
                "promotes_us": "no_legal",
                "change": "unchanged",
            },
            "channel_partner",
        ),
        (
            {
                "sense": "business",
                "we_buy": "nothing",
                "revenue_depends_on_ours": False,
                "promotes_us": "no",
                "change": "to_collaborative",
                "joint_offering": False,
                "pays_us": True,
            },
            "hybrid",
        ),
    ],
)
def test_each_gap_of_the_classifier_is_decided(kb, facts, outcome) -> None:
    assert verdict(kb.decision, facts).outcome == outcome


def test_a_partners_non_critical_products_make_us_the_hybrid(kb) -> None:
    """ColorMetrix l. 10: buying a partner's technology products for use in our business — not Bundle partner."""
    rule = verdict(kb.decision, case(kb, "crm-vendor-bundle")).rule
    assert rule is not None and rule.outcome == "hybrid" and "colormetrix:10" in rule.cites


def test_a_known_reason_for_silence_says_what_follows(kb) -> None:
    for case_id, words in (("reseller-held-back-by-our-guidelines", "guidelines"), ("distributor-bound-by-law", "law")):
        rule = verdict(kb.decision, case(kb, case_id)).rule
        assert rule is not None and "nikolov:33" in rule.cites and words in rule.because and rule.synthesis


# --- Slips against the line cited ------------------------------------------------------------


def test_colormetrix_buying_their_products_makes_us_the_hybrid(kb, questions_by_id) -> None:
    """ColorMetrix l. 10: 'if we purchased their technology products ... We'd then become a hybrid to them'."""
    for text in every_text(kb, questions_by_id):
        assert "(or you buy theirs) it is a hybrid" not in text
        assert "or you buy theirs, the relationship is a hybrid" not in text
        assert "or also your supplier" not in text
    assert "you become the hybrid to them" in stance(kb, "colormetrix")
    assert "you become the hybrid to them" in questions_by_id["perspective-colormetrix"].explanation


def test_nikolov_the_hurdle_is_not_knowing_you_should(kb, questions_by_id) -> None:
    """Nikolov l. 15: 'the biggest hurdle is not the lack of ability to separate them, but the lack of knowledge that you should'."""
    assert not [t for t in every_text(kb, questions_by_id) if "skill many B2B firms lack" in t]
    assert "not for lack of the ability, but because they do not know that they should" in stance(kb, "nikolov")
    assert "do not know that they should" in questions_by_id["perspective-nikolov"].explanation


def test_friedrichs_onboarding_stays_a_comparison(kb, questions_by_id) -> None:
    """Friedrichs l. 20: 'more comparable to employee onboarding than customer onboarding' — never 'as you would an employee'."""
    for text in every_text(kb, questions_by_id):
        assert "onboard them as you would a new employee" not in text.lower()
        assert "the way you would onboard an employee." not in text
        assert "resembles employee onboarding" not in text
        assert "the way you would onboard a new employee" not in text
    assert "more as you would a new employee than a new customer" in kb.outcome("channel_partner").next_step
    keyed = [q for q in questions_by_id.values() if q.kind == "first" and "channel_partner" in q.correct]
    assert keyed, "some first-step question keys the channel partner's next step"
    for q in keyed:
        right = next(o.text for o in q.options if o.id in q.correct)
        assert "than a new customer" in right, q.id


def test_rosenshein_listen_to_customers_as_he_says_it(kb, questions_by_id) -> None:
    """Rosenshein l. 15: 'you should listen to them. If enough of your customers want something it's probably a good idea to add it'."""
    assert not [t for t in every_text(kb, questions_by_id) if "listen when enough" in t]
    play = next(p for p in kb.playbook.plays if p.id == "customer-market")
    cell = next(d.customer for d in kb.dimensions if "rosenshein:15" in d.customer.cites)
    point = next(k for s in kb.sources if s.id == "rosenshein" for k in s.key_points if 15 in k.lines)
    for text in (play.text, cell.text, point.text):
        assert "probably a good idea to add it" in text, text


def test_the_missing_points_are_covered(kb) -> None:
    """ColorMetrix l. 13 (confusing the two hurts selling) and the second half of Friedrichs l. 33."""
    lines = {(s.id, n) for s in kb.sources for k in s.key_points for n in k.lines}
    assert ("colormetrix", 13) in lines and ("friedrichs", 33) in lines
    friedrichs = next(s for s in kb.sources if s.id == "friedrichs")
    assert any("go-to-market" in k.text and "customer-centric" in k.text for k in friedrichs.key_points)


# --- The guide's synthesis, labelled as such ---------------------------------------------------


def test_no_claim_about_all_sources_is_cited_to_one(kb, questions_by_id) -> None:
    for text in every_text(kb, questions_by_id):
        assert "no source would call them a customer" not in text


def test_the_guides_own_advice_is_labelled_where_it_was_not(kb, questions_by_id) -> None:
    assert kb.outcome("strategic_partner").next_step_synthesis, "Manage them as a critical supplier …"
    plays = {p.id: p for p in kb.playbook.plays}
    assert plays["strategic-win"].synthesis and plays["investigate-onboard"].synthesis
    assert "playbook-strategic-win" not in questions_by_id and "playbook-investigate-onboard" not in questions_by_id, (
        "the quiz asked them 'following Nikolov'"
    )
    assert questions_by_id["first-chip-supplier"].explanation.endswith(
        "where their brand helps you. (the guide's synthesis)"
    )


def test_the_channel_checklist_says_the_channel_manager_disagrees(kb) -> None:
    steps = next(w.steps for w in kb.playbook.first_week if w.outcome == "channel_partner")
    respect = next(s for s in steps if "customer's respect" in s.text)
    assert "disagrees" in respect.text
