"""Keys typed ahead on a busy machine: the installed app in tmux, with the processor kept busy.

On an idle machine Textual finishes building each screen before the next key arrives. On a loaded one (a slow
SSH link, a shared server) keys reach screens that are still opening or already closing: a Ctrl+P typed ahead
opened a second palette beside one being taken down, a save dialog closed before it had finished opening, the
palette paged a list not yet measured. Each of those ended the session. Here two busy processes slow the app
down while random keys arrive in bursts; the session must never end, nor show the fault message.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

import pytest

from .test_terminal import BURST_KEYS, CONSULTAID, left_as_asked  # the `terminal` fixture is in conftest.py

BUSY = "while True: pass"


@pytest.fixture
def busy_machine():
    hogs = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(os.cpu_count() or 2)]
    yield
    for hog in hogs:
        hog.kill()
        hog.wait()


@pytest.mark.parametrize("seed", [100, 114, 123, 205])
def test_keys_typed_ahead_on_a_busy_machine_never_end_the_session(terminal, busy_machine, tmp_path, seed):
    answers = tmp_path / "answers.yaml"
    answers.write_text("goal: appearance\n")
    work = tmp_path / "work"  # Enter in a save or export dialog writes here
    work.mkdir()
    command = f"sh -c 'cd {work} && exec {CONSULTAID} --answers {answers}'"
    term = terminal(command, width=80, height=24)
    term.wait_for("Question 2 of", timeout=60)
    chance = random.Random(seed)
    for _ in range(12):
        keys = [chance.choice([*BURST_KEYS, "g", "k", "l"]) for _ in range(chance.randint(4, 12))]
        if chance.random() < 0.5:
            keys += ["C-p", chance.choice(["PageUp", "PageDown"])]
        term.write(*keys)
        time.sleep(0.25)
        screen = term.screen()
        if left_as_asked(screen):  # the keys confirmed leaving: no fault; on with a new app
            term = terminal(command, width=80, height=24)
            term.wait_for("Question 2 of", timeout=60)
            continue
        assert "Traceback" not in screen and "[exit status" not in screen, f"after {keys}:\n{screen}"
        assert "has to close" not in screen, f"an unexpected error after {keys}:\n{screen}"
    # still alive and answering: leave as a person would
    term.keys("Escape", "Escape", "Escape", "Escape", "Escape", "Escape", pause=0.5)
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?", timeout=60)
    term.keys("y")
    assert term.exit_status(timeout=60) == 0
