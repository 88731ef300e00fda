"""Counsellor mode beside a patient at 80 columns: readable question titles in the list, the question on
screen marked in text, a key to the list and one to the handover, and the handover naming the rules behind
each point in every export."""

from __future__ import annotations

import html
import json
import re

import pytest
from textual.geometry import Region

from consultaid import Answers
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.report.text import handover_text
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.widgets.cards import CautionCard, ProcedureCard
from consultaid.tui.widgets.choice_list import ChoiceList

from .conftest import BASE_ANSWERS
from .test_tui import go

SIZE = (80, 24)
CAUTIONS = {**BASE_ANSWERS, "motivation": ["comparison"], "age": "under-18"}


def index_text(app) -> list[str]:
    """The lines of the question list as the terminal shows them, without the border and its padding."""
    index = app.screen.query_one("#question-index")
    lines = index.render_lines(Region(0, 0, index.size.width, index.size.height))
    return [line.text.strip("│╭╮╰╯─").removeprefix(" ").rstrip() for line in lines]


def numbered(lines: list[str], number: int) -> int:
    """The index of the line where question ``number`` starts ('▶ 2. …' or '  2. …', numbers aligned)."""
    return next(i for i, line in enumerate(lines) if re.match(rf"[▶ ] +{number}\. ", line))


async def test_the_question_list_shows_whole_titles_at_80_columns(rulebook):
    app = ConsultAidApp(rulebook=rulebook, counsellor=True)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter")
        lines = index_text(app)
        shown = " ".join(" ".join(lines).replace("▶", "").split())
        assert "…" not in shown
        for number, question in enumerate(app.wizard.asked()[:3], start=1):
            assert f"{number}. {question.text}" in shown, (question.text, lines)
        # a wrapped title hangs under its first word, not under the number
        second = numbered(lines, 2)
        start = lines[second].index("Which")
        assert lines[second + 1][:start].strip() == "" and lines[second + 1][start] != " ", lines


async def test_the_question_on_screen_is_marked_in_text(rulebook):
    app = ConsultAidApp(rulebook=rulebook, counsellor=True)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter")
        marked = [line for line in index_text(app) if "▶" in line]
        assert len(marked) == 1 and re.match(r"▶ +1\. What would you", marked[0]), marked
        await go(pilot, "enter")  # goal answered: on to the second question
        marked = [line for line in index_text(app) if "▶" in line]
        assert len(marked) == 1 and re.match(r"▶ +2\. Which parts", marked[0]), marked


async def test_ctrl_l_goes_to_the_list_and_back_and_is_in_the_footer(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS, counsellor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "escape")
        assert isinstance(app.screen, QuestionScreen)
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
        assert "ctrl+l" in shown
        await go(pilot, "ctrl+l")
        assert app.screen.focused.id == "question-index"
        await go(pilot, "home", "enter")
        assert app.screen.question_id == "goal"
        await go(pilot, "ctrl+l", "ctrl+l")
        assert isinstance(app.screen.focused, ChoiceList)


async def test_without_counsellor_mode_there_is_no_list_key_and_no_handover_key(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "h" not in app.screen.active_bindings
        await go(pilot, "escape")
        assert "ctrl+l" not in app.screen.active_bindings


async def test_h_jumps_to_the_handover(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=CAUTIONS, counsellor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        results = app.screen.query_one("#results")
        title = app.screen.query_one("#handover-title")
        assert not results.region.contains_region(title.region)  # many pages down at first
        await go(pilot, "h")
        await pilot.pause()
        assert results.region.contains_region(title.region)
        assert "h the handover" in str(app.screen.query_one("#keys-hint").render())


# --- the handover in every export names the rules behind each point --------------------------------------


@pytest.fixture
def summary(rulebook):
    answers = Answers.validate(CAUTIONS, rulebook)
    return Summary.build(rulebook, answers, counsellor=True)


def handover_lines(text: str, start: str, end: str | None) -> list[str]:
    part = text.split(start, 1)[1]
    if end:
        part = part.split(end, 1)[0]
    return [line for line in part.splitlines() if line.strip()]


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_every_export_names_the_rules_behind_each_point(summary, fmt):
    items = summary.view.handover
    assert any(item.level == "critical" for item in items)
    if fmt == "text":
        text = handover_text(summary.view, width=2000)  # one line per point
    else:
        text = render(summary, fmt)
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    section = text.split("Handover: which answers raised which points", 1)[1]
    for item in items:
        line = next(line for line in section.splitlines() if item.title in line)
        for rule in item.rules:
            assert rule in line, (fmt, item.title, line)


def test_the_json_export_gives_the_rules_of_each_point(summary):
    data = json.loads(render(summary, "json"))
    by_id = {item["caution_id"]: item["rules"] for item in data["handover"]}
    assert by_id == {item.caution_id: list(item.rules) for item in summary.view.handover}
    assert by_id["counselling-referral"] == ["comparison"]


# --- the results: the whole picture first -------------------------------------------------------------------


async def test_the_overview_is_on_the_first_screen_and_each_line_goes_to_its_details(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=CAUTIONS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        overview = screen.query_one("#overview")
        items = screen.aid.overview_items()
        assert overview.option_count == len(items)
        assert overview.region.bottom <= SIZE[1] - 1, "the overview runs past the first screen"
        # before the first card: the whole picture, then the details
        cards = [*screen.query(CautionCard), *screen.query(ProcedureCard)]
        assert all(overview.region.bottom < card.region.y for card in cards)
        results = screen.query_one("#results")
        for number, (line, _) in enumerate(items):
            await go(pilot, "home", "tab", "home", *["down"] * number, "enter")  # home: the first line
            card = screen._details[number]
            assert results.has_focus
            assert card.region.y in range(results.region.y, results.region.y + 4), line
            title = card.caution.title if isinstance(card, CautionCard) else card.view.name
            assert title in line
