"""Carrying on a saved session (--resume): where it opens, and what it says when something no longer fits,
in the words the wizard used, before any screen is drawn when the file cannot be used at all."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from consultaid import Answers
from consultaid.session import load_session, save_session
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.confirm import MessageScreen
from consultaid.tui.screens.files import SaveSessionScreen
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.wizard import Wizard

from .conftest import BASE_ANSWERS
from .test_tui import go, wait_for

SIZE = (80, 24)


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def saved(tmp_path, rulebook, answers, position):
    checked = Answers.validate(answers, rulebook, complete=False)
    return save_session(tmp_path / "s.json", rulebook, checked, position=position)


# --- where a session carries on -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers,position,expected",
    [
        (BASE_ANSWERS, None, None),  # saved on the results: the results
        (BASE_ANSWERS, "priorities", None),  # saved on the last question, all answered: the results
        (BASE_ANSWERS, "no-such-question", None),
        (BASE_ANSWERS, "concern", "concern"),  # saved part-way back through the questions: there
        ({"goal": "appearance", "area": ["nose"]}, None, "concern"),  # not complete: the first gap
        ({"goal": "appearance", "area": ["nose"]}, "goal", "concern"),
    ],
)
def test_where_a_session_carries_on(rulebook, answers, position, expected):
    wizard = Wizard(rulebook, Answers.validate(answers, rulebook, complete=False))
    assert wizard.resume_at(position) == expected


@pytest.mark.parametrize("position", [None, "priorities"])
async def test_a_complete_session_opens_at_the_results(rulebook, tmp_path, position):
    path = saved(tmp_path, rulebook, BASE_ANSWERS, position)
    app = ConsultAidApp(resume_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await go(pilot, "escape")  # the last question is still one step back
        assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == "priorities"


async def test_saving_on_the_results_records_the_results_as_the_place(rulebook, tmp_path):
    target = tmp_path / "mine.json"
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await go(pilot, "ctrl+s")
        assert isinstance(app.screen, SaveSessionScreen)
        app.screen.query_one("#path").value = str(target)
        await go(pilot, "enter")
    assert json.loads(target.read_text())["position"] is None


def test_plain_mode_carries_a_complete_session_on_at_the_results(rulebook, tmp_path):
    path = saved(tmp_path, rulebook, BASE_ANSWERS, None)
    out = subprocess.run(
        [sys.executable, "-m", "consultaid", "--plain", "--resume", str(path)],
        input="q\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Your summary to take to a consultation" in out.stdout
    assert "Question 1 of" not in out.stdout


# --- what no longer fits, in words -------------------------------------------------------------------------


def resumed_report(tmp_path, rulebook, **changes):
    path = saved(tmp_path, rulebook, BASE_ANSWERS, None)
    data = json.loads(path.read_text())
    data["answers"].update(changes)
    path.write_text(json.dumps(data))
    resumed = load_session(path, rulebook)
    return resumed, resumed.report(rulebook)


def test_an_answer_that_is_not_a_choice_is_named_by_its_question(tmp_path, rulebook):
    resumed, report = resumed_report(tmp_path, rulebook, concern=["face"])
    assert "concern" not in resumed.answers
    question = rulebook.question("concern").text
    assert f"“{question}”: “face” is not among its choices now." in report
    assert "'concern'" not in report and "is not an option" not in report


def test_a_choice_no_longer_offered_is_named_by_its_label(tmp_path, rulebook):
    resumed, report = resumed_report(tmp_path, rulebook, concern=["nose-shape", "chin-weak"])
    assert resumed.answers["concern"] == ("nose-shape",)  # the choice that still fits is kept
    labels = {o.id: o.label for o in rulebook.question("concern").options}
    assert (
        f"“{labels['chin-weak']}” is not offered with your other answers now. Your other choices were kept "
        f"(“{labels['nose-shape']}”)."
    ) in report
    assert "chin-weak" not in report


def test_two_answers_to_a_single_choice_are_named_by_their_labels(tmp_path, rulebook):
    _, report = resumed_report(tmp_path, rulebook, goal=["appearance", "function"])
    labels = {o.id: o.label for o in rulebook.question("goal").options}
    assert f"takes one answer, but several were saved (“{labels['appearance']}”, “{labels['function']}”)" in (
        report
    )


def test_an_answer_to_a_question_no_longer_asked_is_said_plainly(tmp_path, rulebook):
    _, report = resumed_report(tmp_path, rulebook, colour=["blue"])
    assert "An answer to a question that is no longer asked (saved as “colour”)." in report


async def test_the_app_shows_what_no_longer_fits_in_words(tmp_path, rulebook):
    path = saved(tmp_path, rulebook, BASE_ANSWERS, None)
    data = json.loads(path.read_text())
    data["answers"]["concern"] = ["face"]
    path.write_text(json.dumps(data))
    app = ConsultAidApp(resume_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, MessageScreen) and app.screen.query("#dialog-text")
        )
        await pilot.pause()
        text = " ".join(str(app.screen.query_one("#dialog-text").render()).split())
        assert "“face” is not among its choices now" in text and "'concern'" not in text
        await go(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == "concern"


# --- a file that is not a session: said before anything is drawn --------------------------------------------


@pytest.mark.parametrize(
    "name,text", [("answers.yaml", "goal: appearance\narea: [nose]\n"), ("a.json", None)]
)
def test_an_answers_file_given_to_resume_says_to_use_answers(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text if text is not None else json.dumps(BASE_ANSWERS))
    result = run("--resume", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert (
        f"{name}:1:1: error: this is an answers file (questions and their answers), not a saved session: "
        f"to open it, use consultaid --answers {name}"
    ) in result.stderr
    assert "Expecting value" not in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr, "a screen was drawn before the error"


def test_a_file_that_is_neither_says_what_a_session_is(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes for the consultation\n")
    result = run("--resume", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "not a saved session: a session is the JSON file ConsultAid writes when you save" in result.stderr
    assert "consultaid: the saved session has 1 problem" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr


def test_a_bad_answers_file_is_reported_before_any_screen_is_drawn(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("goal: looks\n")
    result = run("--answers", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "answers.yaml:1:7: error: 'looks' is not an option of 'goal'" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr, "a screen was drawn before the error"
