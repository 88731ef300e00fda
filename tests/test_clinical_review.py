"""The clinical review of the default rulebook (issue 11): what a clinician signing it checked in the words
people read, through the command line and the results view. The logic faults have scenarios in
rules/tests/; these are the faults in what the words say."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from consultaid import Answers, evaluate
from consultaid.cli import cli
from consultaid.view import build_view

from .conftest import BASE_ANSWERS


def suggest_text(tmp_path, **answers: Any) -> str:
    """``consultaid suggest --format text`` for the calm adult's answers with these changed, on one line."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**BASE_ANSWERS, **answers}))
    result = CliRunner().invoke(cli, ["suggest", "--answers", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def risk_words(rulebook, procedure: str, starts: str) -> str:
    """The risk of ``procedure`` whose text starts with ``starts``, with its chance, as the results say it."""
    concern = {"buttock-augmentation": ("buttocks", "buttocks-larger")}[procedure]
    given = Answers.validate({**BASE_ANSWERS, "area": [concern[0]], "concern": [concern[1]]}, rulebook)
    view = build_view(rulebook, given, evaluate(rulebook, given))
    (option,) = [o for o in view.options if o.id == procedure]
    (risk,) = [r for r in option.risks if r.text.startswith(starts)]
    return f"{risk.text} {risk.how_often}"


def test_the_2025_botulism_cases_are_not_all_put_down_to_unlicensed_products(rulebook):
    # UKHSA: 41 cases after cosmetic injections; MOST had products not licensed in the UK. "41 people became
    # ill this way" (from unlicensed products) said more than the source does.
    (risk,) = [r for r in rulebook.procedures["botulinum-toxin"].risks if "41 people" in r.text]
    assert "Most had been given products not licensed in the UK" in risk.text
    assert "became ill this way" not in risk.text


def test_the_buttock_fat_transfer_figure_says_it_counts_deaths(rulebook):
    # Mofid 2017 gives deaths per operation. "2.9 to 5 in 10,000 operations ..., counting deaths" could be
    # read as how often fat reaches the lungs at all.
    words = risk_words(rulebook, "buttock-augmentation", "Fat injected into the buttock muscle")
    assert "about 2.9 to 5 in 10,000 operations moving fat to the buttocks ended in death" in words


def test_the_counselling_referral_gives_the_checked_crisis_numbers(tmp_path):
    # Fault 5: someone in crisis is told where to get help at once (clinical-facts-2, section 6).
    text = suggest_text(tmp_path, motivation=["comparison"])
    for number in (
        "call Samaritans free on 116 123, at any hour",
        "call NHS 111 at any hour and choose the mental health option",
        "call Childline free on 0800 1111.",
        "call or text 988, free, at any hour",
        "Lifeline on 13 11 14 or text 0477 13 11 14, at any hour",
        "call 999 in the UK, 911 in the US or 000 in Australia",
    ):
        assert number in text
    # 'At any hour' only where a checked source gives the hours: the facts give none for Childline.
    assert "get help at once, free, at any hour" not in text
    assert "116 123" not in suggest_text(tmp_path)  # only with the referral


def test_a_teenage_boy_asking_about_his_chest_learns_that_growth_in_puberty_usually_settles(tmp_path):
    # Breast growth in boys at puberty is common and usually settles within about 6 months to 2 years (MSD
    # Manual): a 16-year-old shown male breast reduction should hear that beside the operation.
    text = suggest_text(tmp_path, age="under-18", area=["chest"], concern=["chest-enlarged"])
    assert "Male breast reduction (gynaecomastia surgery)" in text
    assert "during puberty is common. It usually settles by itself within about 6 months to 2 years" in text
