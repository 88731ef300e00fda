"""Shared fixtures: the default rulebook, a way to write small rulebooks, and answers for typical people."""

from __future__ import annotations

import asyncio
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from consultaid import load_rulebook

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"

BASE_ANSWERS: dict[str, Any] = {
    "goal": "appearance",
    "area": ["nose"],
    "concern": ["nose-shape"],
    "motivation": ["for-myself"],
    "preoccupation": "daily-under-1h",
    "impact": "never",
    "considering": "over-1-year",
    "previous": "none",
    "age": "18-or-over",
    "approach": "open-to-surgery",
}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Default file names carry the date: fix it, so snapshots do not change from one day to the next."""
    import datetime as dt

    import consultaid.tui.screens.files as files

    monkeypatch.setattr(files, "today", lambda: dt.date(2026, 11, 27))


WAIT = 30.0
"""How long a test waits at most for the app: an upper bound for a shared, loaded machine; every wait ends as
soon as what it waits for has happened."""


def _busy(app) -> bool:
    """Whether the app, a screen or a widget has a message still to handle, or the screen shown is not yet
    mounted (a screen being pushed or composed, and each widget it mounts, has its own messages queued).

    Reads Textual's message pumps (8.x: each pump's queue, the message it has peeked at, its callbacks for
    after the current message); a Textual that renamed them fails every Pilot test here at once, loudly."""
    if not app.is_running or not app.screen_stack:
        return False  # ended, or ending: nothing more will be handled
    pumps = [app]
    for screen in app.screen_stack:
        pumps.extend(screen.walk_children(with_self=True))
    if any(
        pump._message_queue.qsize() or pump._pending_message is not None or pump._next_callbacks
        for pump in pumps
    ):
        return True
    return not app.screen.is_mounted


async def settle(pilot, timeout: float = WAIT) -> None:
    """Wait until the app has handled every key and message so far, and the screen it shows is mounted.

    Pilot's own pauses guess that the app is done when the process stops using the processor; on a loaded
    machine a process that is only waiting for its turn looks idle too, and the next key then reached the
    screen being left (where the app ignores it on purpose) instead of the one being opened, or a check
    read a screen not yet composed. Past the timeout the test goes on, and its own checks say what is
    wrong."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    quiet = 0
    while quiet < 3 and loop.time() < end:  # idle three times running: nothing was about to be posted
        await asyncio.sleep(0.01)
        quiet = 0 if _busy(pilot.app) else quiet + 1


@pytest.fixture(autouse=True)
def pilot_waits_for_the_app(monkeypatch):
    """Every Pilot press and pause (the tests' own and snap_compare's) waits for the app itself: keys are
    pressed one at a time, each once the app has handled the one before, and a pause without a delay ends
    once the app has handled everything (see settle). Tests that mean keys to arrive together post them as
    events instead (tests/test_keys_together.py)."""
    from textual.pilot import Pilot

    press, pause = Pilot.press, Pilot.pause

    async def press_each_once_handled(self, *keys: str) -> None:
        for key in keys:
            await press(self, key)
            await settle(self)

    async def pause_until_handled(self, delay: float | None = None) -> None:
        await pause(self, delay)
        if delay is None:
            await settle(self)

    monkeypatch.setattr(Pilot, "press", press_each_once_handled)
    monkeypatch.setattr(Pilot, "pause", pause_until_handled)


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook(RULES)


@pytest.fixture
def person() -> Callable[..., dict[str, Any]]:
    """Answers for a calm adult with one nose concern, with any answers replaced by keyword."""

    def make(**changes: Any) -> dict[str, Any]:
        answers = dict(BASE_ANSWERS)
        for key, value in changes.items():
            answers[key.replace("_", "-") if key not in BASE_ANSWERS else key] = value
        return {k: v for k, v in answers.items() if v is not None}

    return make


MINIMAL_BOOK = """
rulebook:
  id: tiny
  version: "1"
  title: Tiny rulebook
  made_by: tests
  funded_by: nobody
  checked: 2026-11-27
  review_due: 2027-11-27
  how_made:
    who: Written for the tests.
    evidence: Made up for the tests.
    review: Never reviewed.
    safety_alerts: None are followed.
questions:
  - id: goal
    kind: single
    text: What is your goal?
    help: Choose one.
    options:
      - {id: appearance, label: Looks}
      - {id: function, label: Function}
  - id: area
    kind: multiple
    text: Which area?
    help: Choose all that apply.
    options:
      - {id: nose, label: Nose}
      - {id: chin, label: Chin}
  - id: concern
    kind: multiple
    text: What concern?
    help: Choose all that apply.
    options:
      - {id: nose-shape, label: Nose shape, when: {area: nose}}
      - {id: chin-weak, label: Weak chin, when: {area: chin}}
procedures:
  - id: rhinoplasty
    name: Nose reshaping
    summary: Reshapes the nose.
    surgical: true
    purpose: either
    permanence: permanent
    lasts: Permanent.
    recovery: Two weeks.
    risks: [Breathing problems.]
    benefits: [A different nose.]
    downsides: [A scar inside the nose.]
    upkeep: None.
    day_to_day: A splint for a week.
    downtime: weeks
    scarring: small
    practitioner: A plastic surgeon.
    questions: ["How many do you do?"]
    sources:
      - {name: NHS, title: Nose reshaping, url: "https://www.nhs.uk/conditions/nose/", checked: 2026-11-27}
    review_due: 2027-11-27
cautions:
  - {id: permanence, level: warning, title: Permanent, text: Surgery is permanent.}
rules:
  - id: nose-shape
    when:
      all:
        - goal: appearance
        - concern: nose-shape
    suggest: [rhinoplasty]
    because: You want a different nose.
"""


@pytest.fixture
def write_rules(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML files into a fresh rulebook folder: write_rules(**{"book.yaml": text}) -> folder."""

    def write(files: dict[str, str] | None = None, **named: str) -> Path:
        folder = tmp_path / "rules"
        folder.mkdir(exist_ok=True)
        for name, text in {**(files or {}), **named}.items():
            (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return folder

    return write


@pytest.fixture
def terminal():
    """Opens the installed app in tmux (see tests/test_terminal.py's Terminal); closes each one opened."""
    from .test_terminal import Terminal

    opened: list[Terminal] = []

    def open_(*args, **kwargs) -> Terminal:
        opened.append(Terminal(*args, **kwargs))
        return opened[-1]

    yield open_
    for t in opened:
        t.close()
