"""Screens that must not confuse: one true question count, the readiness note under a critical caution."""

from __future__ import annotations

import re

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.wizard import Wizard

from .conftest import BASE_ANSWERS, MINIMAL_BOOK
from .test_tui import SIZE, go, wait_for

CRITICAL = {**BASE_ANSWERS, "age": "under-18", "motivation": ["comparison"]}


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_the_welcome_count_is_the_wizards_question_1_of_n(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Content:" in text(app.screen, "#welcome-rulebook"))
        welcome = text(app.screen, "#welcome-rulebook")
        said = re.match(r"(\d+) questions\. ", welcome)
        assert said, welcome
        await go(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
        progress = text(app.screen, "#progress")
        assert f"Question 1 of {said.group(1)} " in progress
        # and it is the number of questions in the flow, not every question of the rulebook
        assert int(said.group(1)) == len(rulebook.intake_questions) < len(rulebook.questions)


def test_a_count_that_depends_on_the_answers_says_about(write_rules):
    from consultaid import load_rulebook

    book = MINIMAL_BOOK.replace(
        "  - id: concern\n    kind: multiple\n",
        "  - id: concern\n    kind: multiple\n    when: {area: nose}\n",
    )
    rulebook = load_rulebook(write_rules(**{"book.yaml": book}))
    wizard = Wizard(rulebook)
    assert wizard.count_words() == f"about {len(wizard.asked())} questions"
    assert Wizard(load_rulebook(write_rules(**{"book.yaml": MINIMAL_BOOK}))).count_words() == "3 questions"


async def test_all_yes_to_readiness_is_no_green_light_under_a_critical_caution(rulebook):
    ready = {q.id: "yes" for q in rulebook.readiness_questions}
    app = ConsultAidApp(rulebook=rulebook, answers={**CRITICAL, **ready})
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.screen.aid.critical
        note = text(app.screen, "#next-steps")
        assert "Take this summary to your consultation" not in note
        assert "critical point still stands" in note


def test_the_exported_summary_gives_the_same_readiness_note(rulebook):
    from consultaid.answers import Answers
    from consultaid.report import render
    from consultaid.report.summary import Summary

    ready = {q.id: "yes" for q in rulebook.readiness_questions}
    answers = Answers.validate({**CRITICAL, **ready}, rulebook)
    markdown = render(Summary.build(rulebook, answers), "markdown")
    readiness = markdown.split("## Are you ready to decide?")[1].split("\n## ")[0]
    assert "critical point still stands" in readiness
    assert "Take this summary" not in readiness


def footer_keys(screen) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [key.description for key in screen.query(FooterKey)]


async def test_ctrl_r_is_not_offered_until_everything_is_answered_and_says_what_is_missing(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter")  # welcome, goal: appearance
        assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == "area"
        assert "Results" not in footer_keys(app.screen)
        await go(pilot, "ctrl+r")
        notice = text(app.screen, "#notice")
        assert app.screen.question_id == "area"
        assert "question 2 of 14" in notice and rulebook.question("area").text in notice, notice
    complete = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with complete.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(complete.screen, ResultsScreen))
        await go(pilot, "escape")
        assert isinstance(complete.screen, QuestionScreen)
        assert "Results" in footer_keys(complete.screen)
        await go(pilot, "ctrl+r")
        assert isinstance(complete.screen, ResultsScreen)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_enter_on_the_export_dialog_exports_and_the_toast_names_the_full_path(
    rulebook, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await go(pilot, "e", "down", "enter")  # HTML, Enter: exported under the name shown
        written = tmp_path / "consultaid-summary-2026-11-27.html"
        assert isinstance(app.screen, ResultsScreen)
        assert written.read_text().startswith("<!DOCTYPE html>")
        assert any(str(written.resolve()) in n for n in notices(app)), notices(app)
        await go(pilot, "e", "tab")  # Markdown, the name field
        app.screen.query_one("#path").value = "mine.md"
        await go(pilot, "enter")  # Enter in the name field exports too
        assert (tmp_path / "mine.md").read_text().startswith("#")
        assert any(str((tmp_path / "mine.md").resolve()) in n for n in notices(app))


async def test_a_could_not_write_error_clears_when_the_name_changes(rulebook, tmp_path):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await go(pilot, "e", "tab")
        app.screen.query_one("#path").value = str(tmp_path / "no-such-folder" / "x.md")
        await go(pilot, "enter")
        error = app.screen.query_one("#dialog-error")
        assert "Could not write" in str(error.render()) and error.display
        await go(pilot, "backspace")
        assert not error.display and str(error.render()) == ""


# -- changing an answer from the results ------------------------------------------------------------------

NOSE_AND_CHIN = {**BASE_ANSWERS, "area": ["nose", "chin"], "concern": ["nose-shape", "chin-weak"]}


async def change_from_results(pilot, app, question: str) -> None:
    """c on the results, then the question to change, picked from the list."""
    await go(pilot, "c")
    order = [q.id for q in app.wizard.asked()]
    await go(pilot, *["down"] * order.index(question), "enter")
    assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == question


async def test_a_change_that_needs_nothing_else_returns_to_the_results(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await change_from_results(pilot, app, "considering")
        assert "See results" in str(app.screen.query_one("#next").label)
        await go(pilot, "home", "enter")  # a new answer, and nothing after it needs one
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.answers["considering"] == (rulebook.question("considering").options[0].id,)
        assert not app.screen.query("#change-notice")  # nothing was dropped, nothing to say
        # Esc on the question chosen goes back to the results too, keeping what was chosen
        await change_from_results(pilot, app, "approach")
        assert "Back to results" in str(app.screen.query_one("#back").label)
        await go(pilot, "up", "space", "escape")
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.answers["approach"] == ("non-surgical-only",)


async def test_untick_one_area_drops_only_the_concerns_of_that_area_and_says_which(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=NOSE_AND_CHIN)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await change_from_results(pilot, app, "area")
        chin = [o.id for o in app.wizard.offered(rulebook.question("area"))].index("chin")
        await go(pilot, "home", *["down"] * chin, "space", "enter")  # un-tick the chin
        assert isinstance(app.screen, ResultsScreen)  # the nose concern still fits: nothing to ask
        assert app.wizard.answers["concern"] == ("nose-shape",)
        notice = text(app.screen, "#change-notice")
        assert "“Chin: it looks small or sits far back” was taken off your answer to" in notice, notice
        assert "kept: “Nose: its shape or size”" in notice
        assert "cleared" not in notice


async def test_a_change_that_clears_a_later_answer_asks_only_that_question(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await change_from_results(pilot, app, "area")
        offered = [o.id for o in app.wizard.offered(rulebook.question("area"))]
        nose, chin = offered.index("nose"), offered.index("chin")
        await go(pilot, "home", *["down"] * nose, "space", *["down"] * (chin - nose), "space", "enter")
        assert app.screen.question_id == "concern"  # cleared, so newly needed
        notice = text(app.screen, "#notice")
        assert "(“Nose: its shape or size”) no longer fits and was cleared" in notice, notice
        await go(pilot, "space", "enter")  # chin-weak, the only concern offered now
        assert isinstance(app.screen, ResultsScreen)  # not on through motivation, age, ...
        assert app.wizard.answers["concern"] == ("chin-weak",)


def test_newly_asked_questions_are_the_ones_walked_through(write_rules):
    from consultaid import load_rulebook

    book = MINIMAL_BOOK.replace(
        "  - id: concern\n    kind: multiple\n",
        "  - id: concern\n    kind: multiple\n    when: {area: nose}\n",
    )
    rulebook = load_rulebook(write_rules(**{"book.yaml": book}))
    wizard = Wizard(rulebook)
    wizard.answer("goal", ["appearance"])
    wizard.answer("area", ["chin"])
    assert wizard.complete
    wizard.begin_change()
    wizard.answer("goal", ["function"])
    assert wizard.next_stop("goal").question is None  # nothing new: back to the results
    wizard.answer("area", ["chin", "nose"])
    assert [q.id for q in wizard.newly_needed()] == ["concern"]  # asked now, and not before
    assert wizard.next_stop("area").question.id == "concern"
    wizard.answer("concern", ["nose-shape"])
    assert wizard.next_stop("concern").question is None


async def test_ticking_another_area_asks_the_concerns_again_for_its_new_options(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await change_from_results(pilot, app, "area")
        chin = [o.id for o in app.wizard.offered(rulebook.question("area"))].index("chin")
        await go(pilot, "home", *["down"] * chin, "space", "enter")
        assert app.screen.question_id == "concern"  # the chin's concerns are new options here
        offered = [o.id for o in app.wizard.offered(rulebook.question("concern"))]
        await go(pilot, "home", *["down"] * offered.index("chin-weak"), "space", "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.answers["concern"] == ("nose-shape", "chin-weak")
