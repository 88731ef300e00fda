"""Reading level, texts cut short, home-page sources and how the content was made: what `rules check` says
about them, and `rules reading`."""

from __future__ import annotations

import subprocess
import sys

from consultaid import load_rulebook
from consultaid.rulebook.lint import MAX_READING_AGE, lint, reading_age, reading_level

from .conftest import RULES
from .test_lint import CLEAN, findings, only, place


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, timeout=60
    )


# --- reading age ------------------------------------------------------------------------------------------


def test_reading_age_is_the_flesch_kincaid_grade_plus_five():
    # 6 words, 1 sentence, 6 syllables: 0.39 x 6 + 11.8 x 1 - 15.59 = -1.45, so age 3.55.
    assert round(reading_age("The cat sat on the mat."), 2) == 3.55
    # Terms in brackets after plain words are for reference: they do not count.
    assert reading_age("Nose reshaping (rhinoplasty) is surgery.") == reading_age(
        "Nose reshaping is surgery."
    )


def test_a_text_above_the_limit_is_flagged_with_its_level(write_rules):
    hard = (
        "Consultations concerning reconstructive procedures considerably emphasise functional restoration "
        "which practitioners evaluate individually before recommending appropriate interventions to every "
        "single patient and family."
    )
    text = CLEAN.replace("text: Surgery is permanent.", f"text: {hard}")
    problem = only(write_rules, text)
    age = reading_age(hard)
    assert age > MAX_READING_AGE
    assert problem.message == (
        f"hard to read: reading age {age:.1f} (Flesch-Kincaid grade {age - 5:.1f}); aim for 12 or below: "
        "use shorter sentences and shorter words"
    )
    assert problem.line == place(text, "Consultations")[0]


def test_a_short_text_is_not_judged_by_its_level(write_rules):
    assert (
        findings(write_rules, CLEAN.replace("text: Surgery is permanent.", "text: Anaesthetic recovery."))
        == []
    )


def test_check_prints_the_rulebooks_reading_level_and_reading_lists_each_text(write_rules):
    folder = write_rules({"book.yaml": CLEAN})
    out = run("rules", "check", str(folder))
    level = reading_level(load_rulebook(folder))
    assert out.returncode == 0 and out.stdout.splitlines()[-1] == level.describe()
    assert level.describe().startswith(
        f"Reading age {level.age:.1f} (Flesch-Kincaid grade {level.grade:.1f}) over"
    )
    assert level.describe().endswith("texts; none above 12.")
    out = run("rules", "reading", str(folder), "--all")
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and lines[-1] == level.describe()
    assert any(
        "book.yaml" in line and "Reshapes the nose." in line and line.startswith("  age ") for line in lines
    )
    ages = [float(line.split()[1]) for line in lines[:-1]]
    assert ages == sorted(ages, reverse=True), "hardest first"


def test_reading_marks_the_texts_above_the_limit(write_rules):
    hard = (
        "Consultations concerning reconstructive procedures considerably emphasise functional restoration "
        "which practitioners evaluate individually before recommending appropriate interventions to every "
        "single patient and family."
    )
    folder = write_rules({"book.yaml": CLEAN.replace("text: Surgery is permanent.", f"text: {hard}")})
    out = run("rules", "reading", str(folder))
    first, *_, last = out.stdout.splitlines()
    assert first.startswith("! age ") and "Consultations concerning" in first
    assert last.endswith("texts; 1 text above 12.")
    assert all(" words " in line for line in out.stdout.splitlines()[:-1])


def test_the_default_rulebook_reads_at_about_age_12_or_below():
    level = reading_level(load_rulebook(RULES))
    assert level.age <= 10 and level.over == ()


# --- a text cut short -------------------------------------------------------------------------------------


def test_a_text_that_ends_mid_sentence_is_flagged(write_rules):
    text = CLEAN.replace("upkeep: None.", "upkeep: Surgery for loose skin is best done once weight an")
    problem = only(write_rules, text)
    assert problem.message == (
        "the text ends mid-sentence ('...in is best done once weight an'): end it with a full stop, "
        "a question mark or an exclamation mark (was it cut short?)"
    )
    assert problem.line == place(text, "upkeep: Surgery")[0]


def test_names_labels_titles_and_exclusion_reasons_need_no_full_stop(write_rules):
    text = CLEAN.replace("text: Surgery is permanent.", "text: Surgery is permanent!").replace(
        "help: Choose one.", 'help: "Choose one (or the closest)."'
    )
    assert findings(write_rules, text) == []


def test_a_question_ending_with_a_question_mark_is_finished(write_rules):
    assert findings(write_rules, CLEAN.replace("What is your goal?", "What is your goal?)")) == []
    problem = only(write_rules, CLEAN.replace("text: What is your goal?", "text: What is your goal"))
    assert problem.message.startswith("the text ends mid-sentence ('...What is your goal')")


# --- sources ------------------------------------------------------------------------------------------------


def test_a_source_address_that_is_a_home_page_is_flagged(write_rules):
    for home in ("https://baaps.org.uk/", "https://www.nhs.uk", "https://example.org/index.html"):
        text = CLEAN.replace("https://www.nhs.uk/conditions/nose/", home)
        problem = only(write_rules, text)
        assert problem.message == (
            f"the source address '{home}' is a home page: give the address of the page the facts come from "
            "(and the date you read it)"
        )
        assert problem.line == place(text, home)[0]


def test_no_source_of_the_default_rulebook_is_a_home_page():
    assert not [p for p in lint(load_rulebook(RULES)) if "home page" in p.message]


# --- how the content was made -----------------------------------------------------------------------------


def test_a_rulebook_that_does_not_say_how_it_was_made_is_flagged(write_rules):
    start = CLEAN.index("  how_made:")
    end = CLEAN.index("questions:")
    text = CLEAN[:start] + CLEAN[end:]
    problem = only(write_rules, text)
    assert problem.message.startswith("the rulebook does not say how its content was made: add 'how_made:'")
    assert problem.line == place(text, "id: tiny")[0]


def test_a_missing_part_of_how_it_was_made_is_a_located_error(write_rules):
    from consultaid.errors import RulebookError

    text = CLEAN.replace("    safety_alerts: None are followed.\n", "")
    folder = write_rules({"book.yaml": text})
    try:
        load_rulebook(folder)
    except RulebookError as exc:
        (problem,) = exc.problems
    assert str(problem).endswith(
        f"book.yaml:{place(text, 'how_made:')[0] + 1}:5: error: missing 'safety_alerts'"
    )


def test_the_default_rulebook_says_how_it_was_made_honestly(rulebook):
    made = rulebook.info.how_made
    assert made is not None
    assert "open-source" in made.who and "No doctor or other clinician has checked it" in made.who
    assert "safety alert" in made.safety_alerts and "new version" in made.safety_alerts
    assert "once a year" in made.review
