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
