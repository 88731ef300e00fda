"""Shared fixtures: the default rulebook, a way to write small rulebooks, and answers for typical people."""

from __future__ import annotations

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
