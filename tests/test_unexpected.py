"""Unexpected errors and ways out: a plain message and a chance to save, never a traceback on the screen."""

from __future__ import annotations

import asyncio
import os
import stat

from textual import events

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.confirm import ConfirmScreen
from consultaid.tui.screens.crash import CrashScreen
from consultaid.tui.screens.files import SaveSessionScreen
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.screens.welcome import WelcomeScreen
from consultaid.wizard import Wizard

from .conftest import BASE_ANSWERS, WAIT, settle
from .test_tui import go, wait_for

SIZE = (80, 24)


async def until(condition, timeout: float = WAIT) -> None:
    """Wait without Pilot's pauses, which wait for every widget of the screen (one that failed never
    answers)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        assert loop.time() < end, "timed out waiting for the app"
        await asyncio.sleep(0.05)


async def palette_offers(pilot, title: str) -> None:
    """Wait until the palette's search (a worker) has put the command first and highlighted it, so that
    Enter runs that command: a fixed pause let Enter reach a list still empty on a loaded machine."""
    from textual.command import CommandList, CommandPalette

    def first_is_it() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, CommandPalette):
            return False
        commands = screen.query_one(CommandList)
        if not commands.option_count or commands.highlighted != 0:
            return False
        return str(commands.get_option_at_index(0).prompt).startswith(title)

    await wait_for(pilot, first_is_it)


def fail(*args, **kwargs):
    raise RuntimeError("a fault planted by the test")


async def test_a_fault_in_a_key_action_offers_to_save_the_session(rulebook, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ResultsScreen, "action_change", fail)
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "c")
        await wait_for(pilot, lambda: isinstance(app.screen, CrashScreen))
        await go(pilot, "s")
        assert isinstance(app.screen, SaveSessionScreen)
        await go(pilot, "enter")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    saved = tmp_path / "consultaid-session-2026-11-27.json"
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
    assert '"goal": "appearance"' in saved.read_text()
    assert f"saved to {saved.name}" in app.error_text or str(saved) in app.error_text
    assert "RuntimeError: a fault planted by the test" in app.error_text  # the details, for stderr
    assert "Traceback" in app.error_text


async def test_a_fault_in_a_screen_handler_offers_to_save_too(rulebook, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter")  # goal answered
        assert isinstance(app.screen, QuestionScreen)
        monkeypatch.setattr(Wizard, "answer", fail)
        for key, character in (("space", " "), ("enter", "\r")):  # 'area' fails in the screen's handler
            app.post_message(events.Key(key, character))
        await until(lambda: isinstance(app.screen, CrashScreen))
        app.post_message(events.Key("q", "q"))
        await until(lambda: app.return_code is not None)
    assert app.return_code == 1
    assert "were not saved" in app.error_text
    assert list(tmp_path.iterdir()) == []  # nothing written unless asked


async def test_a_fault_before_any_answer_ends_with_a_plain_message(rulebook, monkeypatch):
    monkeypatch.setattr(WelcomeScreen, "action_start", fail)
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(events.Key("enter", "\r"))
        await until(lambda: app.return_code is not None)
    assert app.return_code == 1
    assert app.error_text.startswith("consultaid: an unexpected error")
    assert "RuntimeError: a fault planted by the test" in app.error_text


async def test_quit_from_the_palette_asks_like_ctrl_q(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "ctrl+p")
        await pilot.press(*"quit")
        await palette_offers(pilot, "Quit")  # the palette searches in a worker
        await go(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await go(pilot, "n")
        assert isinstance(app.screen, ResultsScreen)
    assert app.return_code in (None, 0)


async def test_palette_and_page_keys_at_once_do_not_end_the_app(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("ctrl+p", "pageup", "pagedown", "pageup"):
            app.post_message(events.Key(key, None))
        for _ in range(3):
            await pilot.pause()
        await go(pilot, "escape")
        assert isinstance(app.screen, ResultsScreen)
        await go(pilot, "ctrl+p", "down", "pagedown", "pageup", "escape")
        assert isinstance(app.screen, ResultsScreen)


async def test_enters_at_once_in_the_palette_run_the_command_once(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "ctrl+p")
        await pilot.press(*"save session")
        await palette_offers(pilot, "Save session")  # the palette searches in a worker
        for _ in range(4):
            app.post_message(events.Key("enter", "\r"))
        await until(lambda: isinstance(app.screen, SaveSessionScreen))
        await settle(pilot)  # every Enter handled: any extra one would have done its harm by now
        names = [type(s).__name__ for s in app.screen_stack]
        assert names == ["WelcomeScreen", "QuestionScreen", "ResultsScreen", "SaveSessionScreen"], names
        await go(pilot, "escape")
        assert isinstance(app.screen, ResultsScreen)


async def test_the_palette_cannot_open_twice_or_over_the_fault_message(rulebook, monkeypatch, tmp_path):
    """A fault while the palette is open puts the message over it; Ctrl+P pressed then (keys typed ahead)
    must not open a second palette, which ended the app with a traceback (two screens with one id)."""
    from textual.command import CommandPalette

    monkeypatch.chdir(tmp_path)
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        app.action_command_palette()  # a second Ctrl+P arriving before the first palette is up
        assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
        app.call_later(fail)
        await until(lambda: isinstance(app.screen, CrashScreen))
        for _ in range(2):
            app.post_message(events.Key("ctrl+p", None))
        await pilot.pause()
        assert isinstance(app.screen, CrashScreen)
        assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
        app.post_message(events.Key("q", "q"))
        await until(lambda: app.return_code is not None)
    assert app.return_code == 1
    assert "RuntimeError: a fault planted by the test" in app.error_text


async def test_keys_typed_ahead_into_a_closing_dialog_do_not_end_the_session(rulebook, monkeypatch, tmp_path):
    """Ctrl+S and Esc in one write: the save dialog can close before it has finished opening. Whatever
    Textual then trips over in the dialog the person already left, the session goes on, with no fault
    message and nothing written."""
    monkeypatch.chdir(tmp_path)
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = dict(app.wizard.answers)
        for _ in range(5):
            for key in ("ctrl+s", "escape", "ctrl+s", "escape"):
                app.post_message(events.Key(key, None))
            await pilot.pause(0.2)
        await settle(pilot)
        assert app.crash_details is None
        assert not isinstance(app.screen, CrashScreen | SaveSessionScreen)
        assert dict(app.wizard.answers) == before
    assert list(tmp_path.iterdir()) == []


async def test_a_fault_inside_the_command_palette_leaves_the_answers_alone(rulebook, monkeypatch):
    """Textual's palette pages, searches and closes on its own: a fault in there (keys typed ahead of its
    layout) never touches an answer, so it does not end the session."""
    from consultaid.tui.palette import Palette

    def broken_page(self, direction: int) -> None:
        raise KeyError(0)  # as OptionList._move_page raises before the list is measured

    monkeypatch.setattr(Palette, "action_page", broken_page)
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "ctrl+p")
        await go(pilot, "pageup", "pagedown")
        await pilot.pause()
        assert isinstance(app.screen, Palette)
        assert app.crash_details is None
        await go(pilot, "escape")
        assert isinstance(app.screen, ResultsScreen)
        await go(pilot, "c")  # the session goes on
        assert app.crash_details is None
