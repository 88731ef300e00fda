"""The installed app in a real terminal (tmux, a server of its own), keys sent as a person or a paste sends
them: an unexpected fault, every way out, the list of keys, counsellor mode and a resumed session."""

from __future__ import annotations

import json
import os
import shlex
import stat
import sys
import time

import pytest

from .conftest import BASE_ANSWERS
from .test_terminal import CONSULTAID, Terminal, pytestmark  # noqa: F401 - skips without tmux

CAUTIONS = {**BASE_ANSWERS, "motivation": ["comparison"], "age": "under-18"}


class WizardTerminal(Terminal):
    @property
    def tmux(self) -> list[str]:
        return ["tmux", "-L", f"wizard-{self.name}"]

    def painted(self, text: str) -> str:
        """The text, once the whole screen is painted: the footer comes a moment after the first lines on a
        busy machine, and a key sent before the screen is up can go to the one before."""
        self.wait_for(text)
        return self.wait_for("palette")

    def gone(self, text: str, timeout: float = 20.0) -> str:
        """The screen once the text has left it (a dialog closed)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} is still on the screen:\n{self.screen()}")


@pytest.fixture
def term():
    opened: list[Terminal] = []

    def open_(*args, **kwargs) -> Terminal:
        opened.append(WizardTerminal(*args, **kwargs))
        return opened[-1]

    yield open_
    for t in opened:
        t.close()


def answers_file(tmp_path, answers) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    return str(path)


def test_an_unexpected_fault_offers_to_save_and_gives_the_details_after_the_terminal_is_back(term, tmp_path):
    """A fault planted in the installed app's code (c on the results): a plain message and the usual save
    dialog; once the terminal is restored, what happened and the details are printed; exit status 1."""
    plant = (
        "import sys; from consultaid.tui.screens.results import ResultsScreen; "
        "ResultsScreen.action_change = lambda self: 1 / 0; "
        "from consultaid.cli import main; sys.argv[0] = 'consultaid'; main()"
    )
    work = tmp_path / "work"
    work.mkdir()
    answers = answers_file(tmp_path, BASE_ANSWERS)
    inner = f"cd {work} && exec {sys.executable} -c {shlex.quote(plant)} --answers {answers}"
    command = f"sh -c {shlex.quote(inner)}"
    t = term(command, width=80, height=24)
    t.painted("Your summary to take to a consultation")
    t.keys("c")
    screen = t.wait_for("Sorry: ConsultAid has to close")
    assert "Save my answers (s)" in screen and "Traceback" not in screen
    t.keys("s")
    t.wait_for("Save your session")
    t.keys("Enter")
    assert t.exit_status() == 1
    screen = t.screen()
    saved = next(work.glob("consultaid-session-*.json"))
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
    assert "consultaid: an unexpected error stopped the wizard. Your answers were saved" in screen
    assert "ZeroDivisionError" in screen  # the details, on stderr once the app has left the screen
    assert screen.index("an unexpected error stopped") < screen.index("ZeroDivisionError")


@pytest.mark.parametrize("way", ["C-q", "C-c", "palette"])
def test_every_way_out_asks_the_same_question(term, tmp_path, way):
    t = term(f"{CONSULTAID} --answers {answers_file(tmp_path, BASE_ANSWERS)}", width=80, height=24)
    t.painted("Your summary to take to a consultation")
    if way == "palette":
        t.keys("C-p")
        t.wait_for("Search for commands")
        t.write("q", "u", "i", "t")
        t.wait_for("Leave ConsultAid (it asks first")
        t.keys("Enter")
    else:
        t.keys(way)
    screen = t.wait_for("Leave ConsultAid?")
    assert "If you leave now, unsaved answers are gone." in screen
    t.keys("n")
    t.gone("Leave ConsultAid?")
    t.keys("C-q")
    t.wait_for("Leave ConsultAid?")
    t.keys("y")
    assert t.exit_status() == 0


def test_the_list_of_keys_opens_on_f1_and_question_mark_and_esc_closes_it(term):
    t = term(str(CONSULTAID), width=80, height=24)
    t.wait_for("questions. Content:")
    t.keys("Enter")
    t.painted("Question 1 of")
    t.keys("F1")
    screen = t.wait_for("Keys: a question")
    assert "Move between the options" in screen and "Scroll Left" not in screen
    t.keys("Escape")
    t.painted("Question 1 of")
    t.write("?")
    t.wait_for("Keys: a question")
    t.write("Escape", "Down", "Enter")  # closed, then the keys go to the question again
    screen = t.wait_for("Question 2 of")
    assert "Traceback" not in screen
    t.keys("C-q")
    t.wait_for("Leave ConsultAid?")
    t.keys("y")
    assert t.exit_status() == 0


def test_counsellor_mode_at_80_columns(term, tmp_path):
    t = term(f"{CONSULTAID} --counsellor --answers {answers_file(tmp_path, CAUTIONS)}", width=80, height=24)
    t.painted("Your summary to take to a consultation")
    t.keys("h")
    screen = t.wait_for("Handover: which answers raised which points")
    assert "(rules: comparison)" in screen
    t.keys("Escape")
    t.painted("Question 14 of 14")
    t.wait_for("▶ 14. What matters")  # the question on screen, marked in text
    t.keys("C-l", "Home")
    t.wait_for("1. What would you")
    t.wait_for("change?")  # the title wraps under itself, whole
    t.keys("Enter")
    t.wait_for("Question 1 of 14")
    t.wait_for("▶  1. What would you")
    t.keys("C-q")
    t.wait_for("Leave ConsultAid?")
    t.keys("y")
    assert t.exit_status() == 0


def test_a_complete_saved_session_carries_on_at_the_results(term, tmp_path):
    from consultaid import Answers, load_rulebook
    from consultaid.session import save_session

    rulebook = load_rulebook()
    path = save_session(tmp_path / "s.json", rulebook, Answers.validate(BASE_ANSWERS, rulebook))
    t = term(f"{CONSULTAID} --resume {path}", width=80, height=24)
    screen = t.painted("Your summary to take to a consultation")
    assert "Question" not in screen
    t.keys("C-q")
    t.wait_for("Leave ConsultAid?")
    t.keys("y")
    assert t.exit_status() == 0


def test_an_answers_file_given_to_resume_is_refused_before_any_screen(term, tmp_path):
    t = term(f"{CONSULTAID} --resume {answers_file(tmp_path, BASE_ANSWERS)}", width=80, height=24)
    assert t.exit_status() == 2
    screen = t.screen()
    assert "this is an answers file" in screen and "consultaid --answers" in screen
    assert "questions. Content:" not in screen


def test_two_enters_in_one_write_on_the_first_question_answer_it_once(term):
    """Outside counsellor mode too: Enter Enter in one write answers question 1 and shows question 2 with
    its own options (it used to skip to question 3 with an empty list, storing an answer on the wrong
    question)."""
    t = term(str(CONSULTAID), width=80, height=24)
    t.wait_for("questions. Content:")
    t.keys("Enter")
    t.painted("Question 1 of")
    t.write("Enter", "Enter")
    t.wait_for("Question 2 of")
    screen = t.wait_for("Face")  # the areas: question 2's own options
    assert "Question 3 of" not in screen and "Traceback" not in screen
    t.keys("Escape")
    screen = t.wait_for("Question 1 of")
    assert (
        "(•) To change how a part of my body looks" in screen or "(•)" in screen
    )  # question 1 kept its answer
    t.keys("C-q")
    t.wait_for("Leave ConsultAid?")
    t.keys("y")
    assert t.exit_status() == 0
