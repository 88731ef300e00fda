"""The installed app in a real terminal: tmux runs `consultaid`, send-keys types, capture-pane reads the
screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

CONSULTAID = Path(sys.executable).with_name("consultaid")
# The greys of the 256-colour palette (tmux maps colours to it): black, white, the grey ramp, the cube's
# diagonal.
GREYS = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}
WAIT = 60.0
"""How long a terminal test waits at most for the screen to show something: an upper bound for a shared,
loaded machine (a start-up there can take ten seconds and more); each wait ends as soon as the screen shows
it."""

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="tmux is not installed (make test installs it)",
)


class Terminal:
    def __init__(
        self, command: str, *, width: int = 100, height: int = 30, env: dict[str, str] | None = None
    ):
        self.name = f"consultaid-test-{uuid.uuid4().hex[:8]}"
        self.socket = self.name  # a tmux server of its own: nothing shared with anyone else's sessions
        exports = " ".join(f"{k}={v}" for k, v in {"TEXTUAL_ANIMATIONS": "none", **(env or {})}.items())
        # The shell keeps the pane open after the app ends and prints its exit status for exit_status().
        script = f'env {exports} {command}; echo "[exit status $?]"; sleep 600'
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                "sh",
                "-c",
                script,
            ],
            check=True,
        )

    @property
    def tmux(self) -> list[str]:
        return ["tmux", "-L", self.socket]

    def screen(self, *, escapes: bool = False) -> str:
        args = [*self.tmux, "capture-pane", "-p", "-J", "-S", "-200", "-t", self.name] + (
            ["-e"] if escapes else []
        )
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def wait_for(self, *texts: str, timeout: float = WAIT) -> str:
        """The screen, as soon as it shows every one of the texts at once.

        Each capture is one moment of a screen that may be part-way through a redraw (a title drawn, the
        rest of the page not yet): so whatever a test goes on to read from the screen returned is named
        here, rather than looked for in a capture made when only the first text had appeared."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        screen = self.screen()
        missing = [text for text in texts if text not in screen]
        raise AssertionError(f"{missing!r} never appeared within {timeout:g} s; the screen shows:\n{screen}")

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        """Type the keys one by one, each in a write of its own. The pause only spaces the writes out: a key
        meant for another screen must wait for that screen (wait_for), since a key that arrives before its
        screen is refused on purpose (tests/test_keys_together.py)."""
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def write(self, *keys: str) -> None:
        """Send the keys in one write to the terminal, as a paste or a slow link delivers them."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def exit_status(self, timeout: float = WAIT) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = re.search(r"\[exit status (\d+)\]", self.screen())
            if found:
                return int(found.group(1))
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def test_walk_to_results_in_a_real_terminal(terminal):
    term = terminal(str(CONSULTAID))
    term.wait_for("questions. Content:")  # the rulebook has loaded behind the welcome
    term.keys("Enter")
    term.wait_for("Question 1 of 14")
    term.keys("Enter")  # goal: appearance
    term.wait_for("Question 2 of 14")
    term.keys("Enter")  # a wrong move: nothing chosen yet
    term.wait_for("Choose at least one option")
    term.keys("Down", "Down", "Down", "Space", "Enter")  # area: nose
    term.wait_for("Question 3 of 14")
    term.keys("Escape")  # back, then forward again
    term.wait_for("Question 2 of 14")
    term.keys("Enter")
    term.wait_for("Question 3 of 14")
    term.keys("Space", "Enter")  # concern: nose-shape
    term.wait_for("Question 4 of 14")
    # One key at a time, waiting for each question as a person would: a key that arrives before its
    # question is on screen is refused on purpose (tests/test_keys_together.py), so on a loaded machine a
    # fixed pause between keys would lose some of them.
    term.keys("Space", "Enter")  # motivation: for myself
    for number, keys in (
        (5, ["Enter"]),
        (6, ["Enter"]),
        (7, ["Enter"]),
        (8, ["Enter"]),
        (9, ["Down", "Enter"]),
    ):
        term.wait_for(f"Question {number} of 14")
        term.keys(*keys)
    term.wait_for("Question 10 of 14")
    term.keys("Down", "Enter")  # approach: open to surgery
    term.wait_for("Question 11 of 14")
    term.keys("Enter")  # health: optional, none chosen
    term.wait_for("Question 12 of 14")
    term.keys("Enter")  # turned-down: optional, skipped (Enter with nothing chosen)
    term.wait_for("Question 13 of 14")
    term.keys("Enter")  # abroad: optional, skipped
    term.wait_for("Question 14 of 14")
    term.keys("Enter")  # priorities: optional, none chosen
    screen = term.wait_for("Your summary to take to a consultation", "Nose reshaping (rhinoplasty)")
    assert "Nose reshaping (rhinoplasty)" in screen
    assert "Traceback" not in screen
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?")
    term.keys("y")
    assert term.exit_status() == 0


def test_no_color_and_a_small_terminal(terminal):
    term = terminal(str(CONSULTAID), width=80, height=24, env={"NO_COLOR": "1"})
    term.wait_for("questions. Content:")
    term.keys("Enter", "Enter")
    screen = term.wait_for("Question 2 of 14", "Next (Enter)", "Back (Esc)")
    assert "Next (Enter)" in screen and "Back (Esc)" in screen
    escaped = term.screen(escapes=True)
    truecolour = re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", escaped)
    palette = [int(n) for n in re.findall(r"[34]8;5;(\d+)", escaped)]
    assert truecolour or palette, "expected some styling to check"
    assert all(r == g == b for r, g, b in truecolour), "NO_COLOR should leave only shades of grey"
    assert all(n in GREYS for n in palette), (
        f"NO_COLOR should leave only shades of grey, got {sorted(set(palette))}"
    )
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?")
    term.keys("y")
    assert term.exit_status() == 0


def test_bad_answers_file_in_a_real_terminal(terminal, tmp_path):
    bad = tmp_path / "answers.yaml"
    bad.write_text("goal: looks\n")
    term = terminal(f"{CONSULTAID} --answers {bad}")
    assert term.exit_status() == 2
    screen = term.screen()
    assert "1:7: error: 'looks' is not an option of 'goal'" in screen and "Traceback" not in screen


def test_two_enters_in_one_write_keep_the_answers_right(terminal):
    """`send-keys Enter Enter` arrives as one write: the second Enter must not answer the next question."""
    term = terminal(f"{CONSULTAID} --counsellor", width=80, height=24)
    term.wait_for("questions. Content:")
    term.keys("Enter")
    term.wait_for("Question 1 of")
    term.write("Enter", "Enter")
    screen = term.wait_for("Question 2 of")
    time.sleep(0.5)  # give a stray second Enter time to do harm
    screen = term.screen()
    assert "Question 2 of" in screen and "Question 3 of" not in screen, screen
    term.write("Down", "Down", "Down", "Space", "Enter", "Enter")  # area: nose, then an Enter at once
    term.wait_for("Question 3 of", "Nose")
    time.sleep(0.5)
    screen = term.screen()
    assert "Question 3 of" in screen and "Traceback" not in screen, screen
    assert "Nose" in screen  # the concerns offered are the nose's
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?")
    term.keys("y")
    assert term.exit_status() == 0


def test_palette_and_page_key_in_one_write_do_not_end_the_app(terminal):
    term = terminal(str(CONSULTAID), width=80, height=24)
    term.wait_for("questions. Content:")
    term.write("C-p", "PageUp")  # Textual's OptionList pages before its list is laid out (KeyError)
    time.sleep(0.5)
    term.write("C-p", "PageDown", "PageUp", "Escape")
    time.sleep(0.5)
    term.write("Escape")
    screen = term.wait_for("questions. Content:")
    assert "Traceback" not in screen and "[exit status" not in screen, screen
    term.keys("C-q")
    assert term.exit_status() == 0


BURST_KEYS = [
    "Escape", "Enter", "Enter", "Space", "Space", "Up", "Down", "Down", "Left", "Right",
    "PageUp", "PageDown", "Tab", "BTab", "c", "r", "e", "?", "g", "k", "l", "C-p",
]  # fmt: skip
FAULTS = ("Traceback", "[exit status", "has to close")
"""What must never show: a traceback, the app gone (the shell's exit line), the unexpected-error dialog."""
COMPLETE = "\n".join(f"{question}: {answer}" for question, answer in {
    "goal": "appearance", "area": "[nose, chin]", "concern": "[nose-shape, chin-weak]",
    "motivation": "[for-myself]", "preoccupation": "daily-under-1h", "impact": "never",
    "considering": "over-1-year", "previous": "none", "age": "18-or-over", "approach": "open-to-surgery",
}.items())  # fmt: skip


LEFT = "[exit status 0]"
"""The shell's line after the app ended normally. With answers given, that happens only when the person
confirmed leaving (Quit from the palette, Tab to "Leave", Space): random keys can do that too. It is no fault
(a fault ends with status 1 and the message, a signal with 128 + its number): the burst carries on in a new
app, so that every seed still ends with the live-app checks."""


def left_as_asked(screen: str) -> bool:
    """The app ended because the person confirmed leaving (no traceback, no fault message)."""
    return LEFT in screen and not any(fault in screen for fault in ("Traceback", "has to close"))


def wait_until_gone(term: Terminal, text: str, timeout: float = WAIT) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        screen = term.screen()
        if text not in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} stayed; the screen shows:\n{screen}")


@pytest.mark.parametrize(
    ("seed", "answers", "first"),
    [
        (20261204, "goal: appearance", "Question 2 of"),
        (7, "goal: appearance", "Question 2 of"),
        (11, COMPLETE, "Your summary to take to a consultation"),
        (2026, COMPLETE, "Your summary to take to a consultation"),
    ],
    ids=["questions-a", "questions-b", "results-a", "results-b"],
)  # seeds whose keys never Tab to "Leave" and press Enter on it: that ends the app, as the person asked
def test_a_seeded_burst_of_random_keys_never_ends_the_app(terminal, tmp_path, seed, answers, first):
    """Random keys in few writes, from a question and from the results (the palette opened and paged in one
    write among them): never a traceback, the error dialog or the app gone, and afterwards the app still
    answers every key. Run in an empty folder, since Enter in a save or export dialog writes there."""
    import random

    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text(answers + "\n")
    work = tmp_path / "work"
    work.mkdir()
    command = f"sh -c 'cd {work} && exec {CONSULTAID} --answers {answers_file}'"
    term = terminal(command, width=80, height=24)
    term.wait_for(first)
    chance = random.Random(seed)
    for write in range(8):
        keys = [chance.choice(BURST_KEYS) for _ in range(chance.randint(4, 12))]
        if write == 0 or chance.random() < 0.5:  # the palette opened and paged in the same write
            keys += ["C-p", chance.choice(["PageUp", "PageDown"])]
        term.write(*keys)
        time.sleep(0.25)
        screen = term.screen()
        if left_as_asked(screen):  # the keys confirmed leaving (see LEFT): on with a new app
            term = terminal(command, width=80, height=24)
            term.wait_for(first)
            continue
        assert not any(fault in screen for fault in FAULTS), f"after {keys}:\n{screen}"
    # Alive and answering: close whatever is open, ask to leave, stay, then leave.
    term.keys("Escape", "Escape", "Escape", "Escape", "Escape", "Escape", pause=0.3)
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?")
    term.keys("n")
    screen = wait_until_gone(term, "Leave ConsultAid?")
    assert not any(fault in screen for fault in FAULTS), screen
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?")
    term.keys("y")
    assert term.exit_status() == 0
