"""The decision aid: doing nothing beside the options, equal detail, priorities, readiness, questions to
ask."""

from __future__ import annotations

from consultaid import Answers, evaluate
from consultaid.view import build_view

from .conftest import BASE_ANSWERS


def aid_for(rulebook, **changes):
    answers = Answers.validate({**BASE_ANSWERS, **changes}, rulebook)
    result = evaluate(rulebook, answers)
    return build_view(rulebook, answers, result), result


def test_no_procedure_is_always_an_option_with_notes_for_the_chosen_concerns(rulebook):
    aid, _ = aid_for(rulebook, area=["nose", "chin"], concern=["nose-shape", "chin-weak"])
    view = aid.no_procedure
    assert view is not None and view.benefits and view.downsides
    assert [label for label, _ in view.without_treatment] == [
        o.label for o in rulebook.question("concern").options if o.id in ("nose-shape", "chin-weak")
    ]


def test_no_procedure_shows_even_when_nothing_matched(rulebook):
    aid, result = aid_for(rulebook, goal="function", area=["face"], concern=["face-sagging"])
    assert result.suggestions == () and aid.no_procedure is not None
    assert aid.no_procedure.without_treatment


def test_every_procedure_has_benefits_and_downsides_in_equal_number(rulebook):
    for procedure in rulebook.procedures.values():
        assert len(procedure.benefits) == len(procedure.downsides), procedure.id
        assert procedure.upkeep and procedure.day_to_day
    n = rulebook.no_procedure
    assert len(n.benefits) == len(n.downsides)


def test_every_concern_has_a_without_treatment_note(rulebook):
    concerns = {o.id for o in rulebook.question("concern").options}
    assert concerns == set(rulebook.no_procedure.without_treatment)


def test_fits_follow_the_chosen_priorities(rulebook):
    aid, _ = aid_for(
        rulebook,
        area=["skin", "nose"],
        concern=["skin-lines", "nose-shape"],
        priorities=["avoid-surgery", "few-scars"],
    )
    fits = {view.id: {f.value: f.level for f in view.fits} for view in aid.options}
    assert fits["rhinoplasty"]["avoid-surgery"] == "poor"
    assert fits["botulinum-toxin"]["avoid-surgery"] == "good"
    assert fits["botulinum-toxin"]["few-scars"] == "good"
    assert {f.value: f.level for f in aid.no_procedure.fits} == {"avoid-surgery": "good", "few-scars": "good"}
    assert aid.priorities == ("Avoiding surgery", "As few scars as possible")


def test_no_priorities_means_no_fits_and_no_ranking(rulebook):
    aid, result = aid_for(rulebook, area=["skin"], concern=["skin-lines"])
    assert all(view.fits == () for view in aid.options)
    assert [view.id for view in aid.options] == result.suggestion_ids  # rulebook order, never re-ranked


def test_questions_to_ask_gather_general_and_each_procedure(rulebook):
    aid, _ = aid_for(rulebook, area=["nose", "chin"], concern=["nose-shape", "chin-weak"])
    assert aid.general_questions == rulebook.consultation_questions and len(aid.general_questions) >= 5
    names = [name for name, _ in aid.procedure_questions]
    assert names == [rulebook.procedures["rhinoplasty"].name, rulebook.procedures["chin-augmentation"].name]


def test_readiness_any_no_gives_next_steps(rulebook):
    aid, _ = aid_for(rulebook)
    assert len(aid.readiness) == 4 and aid.ready is None
    aid, _ = aid_for(
        rulebook,
        **{"ready-sure": "yes", "ready-informed": "no", "ready-values": "yes", "ready-support": "yes"},
    )
    assert aid.ready is False
    (step,) = aid.next_steps
    informed = rulebook.question("ready-informed")
    assert step == next(o.next_step for o in informed.options if o.id == "no")
    aid, _ = aid_for(rulebook, **{q.id: "yes" for q in rulebook.readiness_questions})
    assert aid.ready is True and aid.next_steps == ()


def test_readiness_answers_are_optional_for_a_complete_answers_file(rulebook):
    assert Answers.validate(BASE_ANSWERS, rulebook)  # no readiness or priorities: still complete


def test_readiness_idea_is_credited(rulebook):
    assert any("SURE" in s.title for s in rulebook.info.sources)


def test_handover_lists_the_answers_behind_each_caution(rulebook):
    aid, _ = aid_for(rulebook, motivation=["comparison", "for-myself"], impact="often")
    referral = next(h for h in aid.handover if h.caution_id == "counselling-referral")
    labels = {answer for _, answer in referral.answers}
    motivation = {o.id: o.label for o in rulebook.question("motivation").options}
    impact = {o.id: o.label for o in rulebook.question("impact").options}
    assert labels == {motivation["comparison"], impact["often"]}
    assert set(referral.rules) == {"comparison", "stops-daily-life"}


def test_sources_include_the_suggested_procedures_with_dates(rulebook):
    aid, _ = aid_for(rulebook)
    urls = {s.url for s in aid.sources}
    assert {s.url for s in rulebook.procedures["rhinoplasty"].sources} <= urls
    assert all(s.checked for s in aid.sources)
