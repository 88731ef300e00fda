"""The engine's behaviours, one by one, through the public API on the default rulebook."""

from __future__ import annotations

import json

import pytest

from consultaid import Answers, AnswersError, evaluate

RED_FLAGS = [
    {"motivation": ["pressure-from-others"]},
    {"motivation": ["relationship"]},
    {"motivation": ["comparison"]},
    {"motivation": ["life-event"]},
    {"preoccupation": "daily-over-1h"},
    {"impact": "often"},
    {"previous": "unsatisfied"},
    {"previous": "several"},
]
# Contract 2: a planned course (top-ups, the stages of one reconstruction) is neutral, and several
# procedures count only when looks are part of the goal.
NOT_RED_FLAGS = [
    {"previous": "ongoing"},
    {"previous": "several", "goal": "function", "area": ["hands"], "concern": ["hand-function"]},
]


def test_contract_example_suggests_nose_and_chin_with_reasons(rulebook, person):
    result = evaluate(rulebook, person(area=["nose", "chin"], concern=["nose-shape", "chin-weak"]))
    assert result.suggestion_ids == ["rhinoplasty", "chin-augmentation"]
    chin = result.suggestions[1]
    assert {r.rule for r in chin.reasons} == {"chin-weak", "chin-with-nose"}
    assert "combined-facial-contouring" in result.caution_ids
    assert result.referral is False
    assert result.left_out == ()


def test_every_suggestion_and_caution_says_why(rulebook, person):
    result = evaluate(rulebook, person(motivation=["comparison"], considering="under-1-month"))
    for item in (*result.suggestions, *result.cautions):
        assert item.reasons, item.id
        for reason in item.reasons:
            assert reason.rule and reason.because.strip()


def test_not_medical_advice_is_always_shown(rulebook, person):
    assert "not-medical-advice" in evaluate(rulebook, person()).caution_ids
    nothing = person(goal="function", area=["face"], concern=["face-sagging"])
    assert "not-medical-advice" in evaluate(rulebook, nothing).caution_ids


def test_cautions_are_ordered_critical_then_warning_then_info(rulebook, person):
    result = evaluate(
        rulebook,
        person(age="under-18", motivation=["relationship"], area=["buttocks"], concern=["buttocks-larger"]),
    )
    ranks = {"critical": 0, "warning": 1, "info": 2}
    levels = [ranks[c.level] for c in result.cautions]
    assert levels == sorted(levels)
    assert result.cautions[0].level == "critical"


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: "-".join(str(v) for v in f.values()))
def test_each_red_flag_raises_the_counselling_referral(rulebook, person, flag):
    result = evaluate(rulebook, person(**flag))
    caution = result.caution("counselling-referral")
    assert caution is not None and caution.level == "critical"
    assert result.referral is True


def test_no_red_flag_means_no_referral(rulebook, person):
    result = evaluate(rulebook, person(motivation=["for-myself", "career", "health"]))
    assert "counselling-referral" not in result.caution_ids
    assert result.referral is False


def test_referral_is_true_exactly_when_the_referral_caution_shows(rulebook, person):
    for flag in [*RED_FLAGS, {}]:
        result = evaluate(rulebook, person(**flag))
        assert result.referral == ("counselling-referral" in result.caution_ids)


def test_under_18_is_critical(rulebook, person):
    result = evaluate(rulebook, person(age="under-18"))
    assert result.caution("under-18").level == "critical"


@pytest.mark.parametrize(
    "changes",
    [
        {"motivation": ["career"]},
        {"motivation": ["relationship"]},
        {"previous": "unsatisfied"},
        {"previous": "several"},
    ],
)
def test_expectations_caution(rulebook, person, changes):
    assert "expectations" in evaluate(rulebook, person(**changes)).caution_ids


def test_no_expectations_caution_for_a_calm_first_timer(rulebook, person):
    assert "expectations" not in evaluate(rulebook, person(previous="satisfied")).caution_ids


def test_surgical_suggestion_brings_permanence_cooling_off_and_practitioner(rulebook, person):
    ids = evaluate(rulebook, person()).caution_ids
    assert {"permanence", "cooling-off", "qualified-practitioner"} <= set(ids)


def test_quick_decision_brings_cooling_off_even_without_surgery(rulebook, person):
    answers = person(
        area=["skin"], concern=["skin-texture"], approach="non-surgical-only", considering="under-1-month"
    )
    result = evaluate(rulebook, answers)
    assert result.caution("cooling-off").reasons[0].rule == "quick-decision"


def test_non_surgical_suggestion_brings_temporary_results_not_permanence(rulebook, person):
    result = evaluate(rulebook, person(area=["face"], concern=["face-volume-loss"]))
    assert result.suggestion_ids == ["dermal-fillers"]
    assert "temporary-results" in result.caution_ids
    assert "permanence" not in result.caution_ids
    assert "qualified-practitioner" in result.caution_ids


def test_buttock_augmentation_brings_the_fat_transfer_caution(rulebook, person):
    result = evaluate(rulebook, person(area=["buttocks"], concern=["buttocks-larger"]))
    assert "buttock-augmentation" in result.suggestion_ids
    assert result.caution("bbl-risk").level == "critical"


def test_no_fat_transfer_caution_when_buttock_augmentation_is_left_out(rulebook, person):
    result = evaluate(
        rulebook, person(area=["buttocks"], concern=["buttocks-larger"], approach="non-surgical-only")
    )
    assert "bbl-risk" not in result.caution_ids
    assert [x.id for x in result.left_out] == ["buttock-augmentation"]


def test_non_surgical_only_moves_surgery_to_left_out_with_the_reason(rulebook, person):
    answers = person(
        area=["skin", "nose"], concern=["skin-lines", "nose-shape"], approach="non-surgical-only"
    )
    result = evaluate(rulebook, answers)
    assert all(not s.surgical for s in result.suggestions)
    assert set(result.suggestion_ids) == {"botulinum-toxin", "dermal-fillers", "laser-resurfacing"}
    assert [x.id for x in result.left_out] == ["rhinoplasty"]
    assert result.left_out[0].because == "you asked for non-surgical options only"
    assert "permanence" not in result.caution_ids


def test_everything_left_out_says_so(rulebook, person):
    result = evaluate(rulebook, person(approach="non-surgical-only"))
    assert result.suggestions == ()
    assert "all-left-out" in result.caution_ids
    assert "nothing-matched" not in result.caution_ids


def test_left_out_is_empty_without_a_preference(rulebook, person):
    assert evaluate(rulebook, person(approach="unsure")).left_out == ()


def test_nothing_matched_points_to_a_gp(rulebook, person):
    result = evaluate(rulebook, person(goal="function", area=["face"], concern=["face-sagging"]))
    assert result.suggestions == ()
    caution = result.caution("nothing-matched")
    assert caution is not None and "GP" in caution.text
    assert "qualified-practitioner" not in result.caution_ids


def test_goal_unsure_still_shows_options_with_a_note(rulebook, person):
    result = evaluate(rulebook, person(goal="unsure"))
    assert result.suggestion_ids == ["rhinoplasty"]
    assert "goal-unsure" in result.caution_ids


@pytest.mark.parametrize("goal", ["function", "both"])
def test_function_goal_points_to_the_reconstructive_route(rulebook, person, goal):
    result = evaluate(rulebook, person(goal=goal, area=["hands"], concern=["hand-function"]))
    assert result.suggestion_ids == ["hand-therapy", "hand-surgery"]  # care without surgery beside surgery
    assert "reconstructive-route" in result.caution_ids


def test_reconstructive_suggestion_points_to_the_reconstructive_route(rulebook, person):
    result = evaluate(rulebook, person(goal="appearance", area=["breasts"], concern=["breast-rebuild"]))
    assert result.suggestion_ids == ["breast-reconstruction"]
    assert "reconstructive-route" in result.caution_ids


def test_function_concerns_count_whatever_the_goal(rulebook, person):
    result = evaluate(rulebook, person(goal="function", area=["nose"], concern=["nose-breathing"]))
    assert result.suggestion_ids == ["rhinoplasty"]


def test_looks_only_concern_does_not_match_a_function_goal(rulebook, person):
    result = evaluate(rulebook, person(goal="function"))
    assert result.suggestion_ids == []


def test_suggestions_follow_rulebook_order_and_are_not_repeated(rulebook, person):
    answers = person(area=["skin", "cheeks"], concern=["skin-lines", "cheek-flat"])
    result = evaluate(rulebook, answers)
    ids = result.suggestion_ids
    assert len(ids) == len(set(ids))
    declared = list(rulebook.procedures)
    assert ids == sorted(ids, key=declared.index)
    fillers = next(s for s in result.suggestions if s.id == "dermal-fillers")
    assert {r.rule for r in fillers.reasons} == {"skin-lines", "cheek-flat"}


def test_evaluate_is_pure_and_repeatable(rulebook, person):
    answers = person(motivation=["comparison"])
    first = evaluate(rulebook, answers)
    second = evaluate(rulebook, Answers.validate(answers, rulebook))
    assert first == second
    assert first.to_json() == second.to_json()


def test_plain_mapping_is_validated(rulebook, person):
    with pytest.raises(AnswersError) as info:
        evaluate(rulebook, person(goal="looks"))
    assert "'looks' is not an option of 'goal'" in str(info.value)


def test_json_matches_the_contract_shape(rulebook, person):
    data = json.loads(
        evaluate(
            rulebook,
            person(
                approach="non-surgical-only", area=["skin", "nose"], concern=["skin-texture", "nose-shape"]
            ),
        ).to_json()
    )
    assert set(data) == {"rulebook", "suggestions", "cautions", "left_out", "referral", "not_answered"}
    assert data["rulebook"] == {"id": "consultaid-default", "version": rulebook.info.version}
    assert set(data["suggestions"][0]) == {"id", "name", "surgical", "purpose", "permanence", "reasons"}
    assert set(data["cautions"][0]) == {"id", "level", "title", "text", "reasons"}
    assert set(data["cautions"][0]["reasons"][0]) == {"rule", "because"}
    assert data["left_out"] == [{"id": "rhinoplasty", "because": "you asked for non-surgical options only"}]
    assert isinstance(data["referral"], bool)


@pytest.mark.parametrize("answers", NOT_RED_FLAGS, ids=lambda f: "-".join(str(v) for v in f.values()))
def test_a_planned_course_or_the_stages_of_a_repair_raise_no_referral(rulebook, person, answers):
    result = evaluate(rulebook, person(**answers))
    assert "counselling-referral" not in result.caution_ids and result.referral is False
    assert "expectations" not in result.caution_ids


def test_counselling_referral_says_where_to_get_help_at_once(rulebook, person):
    text = evaluate(rulebook, person(impact="often")).caution("counselling-referral").text
    for number in ("116 123", "111", "0800 1111", "988", "13 11 14", "0477 13 11 14", "999", "911", "000"):
        assert number in text, number


def test_under_18_injections_and_implants_for_looks_are_left_out_with_the_reason(rulebook, person):
    result = evaluate(
        rulebook,
        person(age="under-18", area=["skin", "breasts"], concern=["skin-lines", "breast-larger"]),
    )
    left = {x.id: x.because for x in result.left_out}
    assert set(left) == {"botulinum-toxin", "dermal-fillers", "breast-augmentation"}
    assert all("not offered to under-18s for their looks" in why for why in left.values())
    # the law on injections is named for the injections; surgery says why in its own words
    assert "against the law" in left["dermal-fillers"] and "against the law" in left["botulinum-toxin"]
    assert (
        "against the law" not in left["breast-augmentation"]
        and "still growing" in left["breast-augmentation"]
    )
    assert not {"botulinum-toxin", "dermal-fillers", "breast-augmentation"} & set(result.suggestion_ids)


def test_repair_for_a_child_is_not_told_to_wait(rulebook, person):
    result = evaluate(
        rulebook,
        person(age="under-18", goal="function", area=["scars-burns"], concern=["burn-tightness"]),
    )
    assert "under-18" not in result.caution_ids and "young-person" in result.caution_ids
    assert "cooling-off" not in result.caution_ids and result.left_out == ()


def test_a_contract_1_answers_file_still_gives_a_result_and_says_what_it_did_not_answer(rulebook):
    from consultaid import load_answers

    from .conftest import ROOT

    answers = load_answers(ROOT / "examples" / "nose-and-chin.yaml", rulebook)
    result = evaluate(rulebook, answers)
    assert result.suggestion_ids == ["rhinoplasty", "chin-augmentation"]
    assert {"health", "turned-down", "abroad", "priorities"} <= set(result.not_answered)
    assert not set(result.not_answered) & set(answers)


def test_the_summaries_name_the_questions_a_contract_1_file_did_not_answer(rulebook):
    from consultaid import load_answers
    from consultaid.report.markdown import render_markdown
    from consultaid.report.summary import Summary

    from .conftest import ROOT

    answers = load_answers(ROOT / "examples" / "nose-and-chin.yaml", rulebook)
    text = render_markdown(Summary.build(rulebook, answers))
    assert "Not answered" in text
    assert rulebook.question("health").text in text and rulebook.question("abroad").text in text


def test_a_caution_lists_its_sources_in_the_summary(rulebook, person):
    from consultaid.report.markdown import render_markdown
    from consultaid.report.summary import Summary

    answers = Answers.validate(person(health=["smoking"]), rulebook)
    summary = Summary.build(rulebook, answers)
    assert "smoking" in summary.result.caution_ids
    assert "https://doi.org/10.1001/archsurg.2012.5" in render_markdown(summary)


def _scenario_answers(rulebook):
    """Every scenario's answers in the default rulebook's own tests: people of every kind."""
    from consultaid.authoring.scenarios import load_scenarios, scenario_files

    from .conftest import RULES

    return [loaded.answers for loaded in load_scenarios(scenario_files(RULES / "tests"), rulebook)]


def test_results_are_what_pydantic_would_validate_and_write(rulebook):
    """The engine builds results without validating them and to_json writes them without pydantic's
    serializer (a command then builds no pydantic validator at all): both give exactly what pydantic's own
    validation and JSON give, for every scenario of the default rulebook."""
    from consultaid.result import Result

    people = _scenario_answers(rulebook)
    assert len(people) > 20
    for answers in people:
        result = evaluate(rulebook, answers)
        assert Result.model_validate(result.model_dump()) == result
        assert result.to_json() == result.model_dump_json(indent=2)
        assert result.to_json(indent=None) == result.model_dump_json()


def test_results_json_escapes_text_as_pydantic_does():
    from consultaid.result import CautionPoint, Reason, Result, RulebookRef, Suggestion

    tricky = 'quote " backslash \\ tab \t newline \n escape \x1b nul \x00 del \x7f é 中 😀 \u2028 </script> /'
    reason = Reason(rule="r", because=tricky)
    result = Result(
        rulebook=RulebookRef(id="x", version=tricky),
        suggestions=(
            Suggestion(
                id="p",
                name=tricky,
                surgical=True,
                purpose="either",
                permanence="permanent",
                reasons=(reason,),
            ),
        ),
        cautions=(
            CautionPoint(id="c", level="critical", title=tricky, text=tricky, reasons=(reason, reason)),
        ),
        left_out=(),
        referral=False,
        not_answered=("a", tricky),
    )
    assert result.to_json() == result.model_dump_json(indent=2)
    assert result.to_json(indent=None) == result.model_dump_json()
    assert result.to_json(indent=4) == result.model_dump_json(indent=4)
