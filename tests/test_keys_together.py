"""Keys that arrive together (a paste, a slow SSH link): the answers stay right and the app stays up.

Pilot's ``press`` waits for the app between keys; these tests post the key events in one go instead, the way a
terminal delivers keys that came in one write, so a key can be handled after the screen has moved on.
"""

from __future__ import annotations

import pytest
from textual import events

from consultaid.answers import Answers
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.readiness import ReadinessScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.widgets.choice_list import ChoiceList

from .conftest import BASE_ANSWERS

SIZE = (80, 24)
CHARACTERS = {"enter": "\r", "space": " ", "escape": "\x1b", "tab": "\t"}


async def burst(pilot, *keys: str) -> None:
    """Deliver the keys at once, as one write to the terminal would, then let the app settle."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))
    for _ in range(3):
        await pilot.pause()


def assert_answers_fit(app) -> None:
    """Every stored answer is one the rulebook accepts, as an answers file would be checked."""
    wizard = app.wizard
    document = {q: list(options) for q, options in wizard.answers.items()}
    assert Answers.validate(document, wizard.rulebook, complete=False) == wizard.answers
    asked = {q.id for q in wizard.asked()} | {q.id for q in wizard.rulebook.readiness_questions}
    assert set(wizard.answers) <= asked, "an answer to a question that is not asked"


def assert_screen_matches(app) -> None:
    """The question on screen shows its own options, and is one that is asked."""
    screen = app.screen
    if not isinstance(screen, QuestionScreen):
        return
    question = app.wizard.rulebook.question(screen.question_id)
    assert question.id in {q.id for q in app.wizard.asked()}
    choices = screen.query_one(ChoiceList)
    assert choices.question_id == question.id
    assert [o.id for o in choices.options] == [o.id for o in app.wizard.offered(question)]


@pytest.mark.parametrize("counsellor", [False, True], ids=["person", "counsellor"])
async def test_two_enters_at_once_on_every_question(rulebook, counsellor):
    ids = [q.id for q in rulebook.intake_questions]
    for index, question_id in enumerate(ids):
        given = {k: v for k, v in BASE_ANSWERS.items() if k in ids[:index]}
        app = ConsultAidApp(rulebook=rulebook, answers=given or None, counsellor=counsellor)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if not given:
                await pilot.press("enter")  # welcome: start
            for _ in ids:  # from the results, back to an optional question
                if isinstance(app.screen, QuestionScreen) and app.screen.question_id == question_id:
                    break
                await pilot.press("escape")
            assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == question_id
            await burst(pilot, "enter", "enter")
            assert_answers_fit(app)
            assert_screen_matches(app)
            if isinstance(app.screen, QuestionScreen):
                number, _ = app.wizard.position(app.screen.question_id)
                assert number <= index + 3, "a question was skipped"
            # The app is still alive and answers keys.
            await burst(pilot, "escape")
            assert_answers_fit(app)
            assert_screen_matches(app)


async def test_two_enters_on_the_first_question_store_the_first_answer_only(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await burst(pilot, "enter", "enter")
        assert dict(app.wizard.answers) == {"goal": ("appearance",)}
        assert app.screen.question_id == "area"
        # the second Enter was dropped as meant for the question left behind, not refused on this one
        assert not app.screen.query_one("#notice").has_class("-refused")
        assert [o.id for o in app.screen.query_one(ChoiceList).options] == [
            o.id for o in rulebook.question("area").options
        ]


async def test_a_burst_of_keys_through_the_whole_wizard(rulebook):
    app = ConsultAidApp(rulebook=rulebook, counsellor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for _ in range(12):
            await burst(pilot, "space", "enter", "enter", "down", "space", "enter")
            assert_answers_fit(app)
            assert_screen_matches(app)
        assert isinstance(app.screen, (QuestionScreen, ResultsScreen))


async def test_enters_at_once_in_the_readiness_check(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, ReadinessScreen)
        # ↓ ↓ points at "No, not yet" (the questions open pointing at nothing); the other Enters skip
        await burst(pilot, "down", "down", "enter", "enter", "enter", "enter", "enter", "enter")
        assert_answers_fit(app)  # an Enter handled after its question was left behind is dropped, not stored
        assert isinstance(app.screen, (ReadinessScreen, ResultsScreen))
        readiness = {q.id for q in rulebook.readiness_questions}
        assert {q for q in app.wizard.answers if q in readiness} <= readiness
        assert app.wizard.chosen("ready-sure") == ("no",)


TWO_OPTIONS = {**BASE_ANSWERS, "area": ["face"], "concern": ["face-sagging", "face-volume-loss"]}


@pytest.mark.parametrize(
    ("opening", "after"),
    [
        ("l", ResultsScreen),  # the leaning: nothing chosen, it closes saying nothing
        ("e", ResultsScreen),  # export: the first format
        ("ctrl+s", ResultsScreen),  # save the session
        ("ctrl+q", ResultsScreen),  # leave? the focused No
        ("c", QuestionScreen),  # the answers to change: the first question
    ],
    ids=["leaning", "export", "save", "quit", "change"],
)
async def test_two_enters_in_a_dialog_close_it_once(rulebook, tmp_path, monkeypatch, opening, after):
    """Two Enters in one write, each choosing in a dialog: it closes once and nothing beneath it goes (the
    second choice handed back a second result, InvalidStateError, and popped the screen below)."""
    monkeypatch.chdir(tmp_path)  # export and save write here
    app = ConsultAidApp(rulebook=rulebook, answers=TWO_OPTIONS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press(opening)
        await burst(pilot, "enter", "enter")
        for _ in range(5):
            await pilot.pause()
        assert app.crash_details is None, app.crash_details
        assert app.is_running and isinstance(app.screen, after), app.screen_stack
        assert [type(s) for s in app.screen_stack].count(ResultsScreen) <= 1
        assert len(list(tmp_path.iterdir())) <= 1  # written once, never a second time over the first
