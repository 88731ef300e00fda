"""A question that may be left unanswered is skipped by Enter with nothing chosen, never answered by it.

On a single-choice question Enter chooses the option pointed at. The optional questions ("Has a practitioner
ever said no to treating you?", "Are you thinking of having it done in another country?", the readiness
check) used to open pointing at their first option, so Enter to skip recorded "No" (or "Yes, I am ready")
for a person who gave no answer. They now open pointing at nothing and say how to skip; ↑ or ↓ points at an
option, and Enter then chooses it as on every other question.
"""

from __future__ import annotations

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.readiness import ReadinessScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.widgets.choice_list import ChoiceList

from .conftest import BASE_ANSWERS
from .test_tui import SIZE, go, shown_text, wait_for

SKIP = "You can skip this question: press Enter without choosing."


async def back_to(pilot, question_id: str) -> None:
    """From the results, Esc back through the questions to this one."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
    for _ in range(20):
        await go(pilot, "escape")
        if isinstance(app.screen, QuestionScreen) and app.screen.question_id == question_id:
            return
    raise AssertionError(f"never reached {question_id}")


async def test_enter_with_nothing_chosen_leaves_an_optional_single_choice_unanswered(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await back_to(pilot, "turned-down")
        choices = app.screen.query_one(ChoiceList)
        assert choices.highlighted is None  # nothing pointed at: the "›" is on no option
        assert "›" not in shown_text(choices)
        assert SKIP in shown_text(app.screen.query_one("#question-help"))
        await go(pilot, "enter")
        assert app.screen.question_id == "abroad"
        assert "turned-down" not in app.wizard.answers
        assert app.wizard.describe_answer(rulebook.question("turned-down")) == "(not answered)"
        # moving to an option points at it, and Enter then chooses it, as on any question
        await go(pilot, "down", "down", "enter")
        assert app.wizard.chosen("abroad") == ("not-sure",)
        assert app.screen.question_id == "priorities"


async def test_an_optional_question_answered_before_opens_at_its_answer_and_enter_keeps_it(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers={**BASE_ANSWERS, "turned-down": "yes"})
    async with app.run_test(size=SIZE) as pilot:
        await back_to(pilot, "turned-down")
        choices = app.screen.query_one(ChoiceList)
        assert choices.highlighted == 1 and "› (•) Yes" in shown_text(choices)
        await go(pilot, "enter")
        assert app.wizard.chosen("turned-down") == ("yes",)


async def test_a_required_question_still_opens_pointing_at_its_first_option(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter")  # welcome: start
        choices = app.screen.query_one(ChoiceList)
        assert choices.highlighted == 0
        assert SKIP not in shown_text(app.screen.query_one("#question-help"))


async def test_enter_through_the_readiness_check_answers_nothing(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await go(pilot, "r")
        assert isinstance(app.screen, ReadinessScreen)
        assert SKIP in shown_text(app.screen.query_one("#readiness-progress"))
        await go(pilot, *["enter"] * len(rulebook.readiness_questions))
        assert isinstance(app.screen, ResultsScreen)
        assert not {q.id for q in rulebook.readiness_questions} & set(app.wizard.answers)
        await go(pilot, "r", "down", "down", "enter")  # the second option: "No, not yet"
        assert app.wizard.chosen("ready-sure") == ("no",)


async def test_space_with_nothing_pointed_at_points_at_the_first_option_without_choosing_it(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await back_to(pilot, "turned-down")
        choices = app.screen.query_one(ChoiceList)
        await go(pilot, "space")
        assert choices.highlighted == 0 and choices.chosen == ()
        await go(pilot, "space")
        assert choices.chosen == ("no",)


TWO = {**BASE_ANSWERS, "area": ["face"], "concern": ["face-sagging", "face-volume-loss"]}


async def test_enter_on_the_leaning_question_without_choosing_says_nothing(rulebook):
    from consultaid.tui.screens.leaning import LeaningScreen

    app = ConsultAidApp(rulebook=rulebook, answers=TWO)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await go(pilot, "l")
        assert isinstance(app.screen, LeaningScreen)
        assert SKIP in shown_text(app.screen.query_one("#leaning-help"))
        await go(pilot, "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.reflection.leaning is None  # was: the first option, said for the person
        await go(pilot, "l", "down", "enter")  # pointing at the first option, Enter chooses it
        assert app.wizard.reflection.leaning == app.screen.aid.leaning_choices[0][0]


async def test_enter_in_the_knowledge_check_without_choosing_skips_the_statement(rulebook):
    from consultaid.tui.screens.knowledge import KnowledgeScreen

    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await go(pilot, "k")
        assert isinstance(app.screen, KnowledgeScreen)
        assert SKIP in shown_text(app.screen.query_one("#knowledge-progress"))
        await go(pilot, "enter")  # skipped: on to the second statement, nothing recorded
        assert app.screen.index == 1 and app.wizard.reflection.knowledge == {}
        await go(pilot, "down", "enter")  # True, pointed at and chosen
        assert app.wizard.reflection.knowledge == {app.screen.items[1].key: "true"}
