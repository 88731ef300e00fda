"""The list of keys (F1 or ?): the keys of the screen in front of the person, in ConsultAid's words, read from
the bindings themselves; and a command palette that speaks the same words."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.compare import CompareScreen
from consultaid.tui.screens.confirm import ConfirmScreen
from consultaid.tui.screens.files import ExportScreen
from consultaid.tui.screens.help import HelpScreen, key_words
from consultaid.tui.screens.jump import JumpScreen
from consultaid.tui.screens.knowledge import KnowledgeScreen
from consultaid.tui.screens.leaning import LeaningScreen
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.readiness import ReadinessScreen
from consultaid.tui.screens.reading import AboutScreen, WordsScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.screens.welcome import WelcomeScreen

from .conftest import BASE_ANSWERS
from .test_tui import go, wait_for

SIZE = (80, 24)
# Textual's own words for its generic bindings: none of them is shown to the person.
TEXTUAL_WORDS = {
    "Scroll Up", "Scroll Down", "Scroll Left", "Scroll Right", "Scroll Home", "Scroll End", "Page Up",
    "Page Down", "Page Left", "Page Right", "Focus Next", "Focus Previous", "Select", "First", "Last", "Up",
    "Down", "Press", "palette", "Copy selected text", "Maximize", "Minimize",
}  # fmt: skip


def text_of(sections) -> str:
    return "\n".join(f"{key}  {words}" for _, rows in sections for key, words in rows)


def declared(screen) -> dict[str, str]:
    """The words of every binding the screen's class declares itself, by key (whatever its widgets add),
    leaving out those it does not offer now (h for the handover outside counsellor mode)."""
    words = {}
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        action = binding.action.split("(")[0]
        if "." not in action and screen.check_action(action, ()) is False:
            continue
        if binding.tooltip or binding.description:
            words[binding.tooltip or binding.description] = binding.key
    return words


async def help_text(pilot) -> str:
    app = pilot.app
    under = app.screen
    await go(pilot, "f1")
    assert isinstance(app.screen, HelpScreen)
    text = text_of(app.screen.sections)
    assert app.screen.title_words == type(under).HELP_TITLE
    await go(pilot, "escape")
    assert app.screen is under
    return text


def assert_own_words(text: str) -> None:
    words = {line.split("  ", 1)[1].strip() for line in text.splitlines()}
    assert not words & TEXTUAL_WORDS, words & TEXTUAL_WORDS


async def test_f1_and_question_mark_list_the_keys_of_a_question_and_esc_closes(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter")  # goal answered; on 'area'
        before = dict(app.wizard.answers)
        for key in ("f1", "question_mark"):
            await go(pilot, key)
            assert isinstance(app.screen, HelpScreen)
            text = text_of(app.screen.sections)
            assert "Move between the options" in text and "Choose the highlighted option" in text
            assert "Esc" in text and "Go back to the question before" in text
            assert_own_words(text)
            await go(pilot, "escape")
            assert isinstance(app.screen, QuestionScreen) and app.screen.question_id == "area"
        assert dict(app.wizard.answers) == before  # looking at the keys changes nothing


async def test_ctrl_r_is_described_as_it_works_now(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter")
        assert "once every question is answered (it says which are left)" in await help_text(pilot)
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "escape")
        assert "See the results (every question is answered)" in await help_text(pilot)


@pytest.mark.parametrize(
    "keys,screen",
    [
        ((), ResultsScreen),
        (("escape",), QuestionScreen),
        (("g",), CompareScreen),
        (("k",), KnowledgeScreen),
        (("l",), LeaningScreen),
        (("r",), ReadinessScreen),
        (("c",), JumpScreen),
        (("e",), ExportScreen),
        (("ctrl+q",), ConfirmScreen),
        (("w",), WordsScreen),
        (("i",), AboutScreen),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else "-".join(v) or "results",
)
async def test_every_screen_lists_what_its_own_bindings_declare(rulebook, keys, screen):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if keys:
            await go(pilot, *keys)
        assert isinstance(app.screen, screen)
        text = await help_text(pilot)
        shown = declared(app.screen)  # of the question's two Ctrl+R bindings, the one that runs now
        keys = {key for line in text.splitlines() for key in line.split("  ", 1)[0].split(" ")}
        for words, key in shown.items():
            # in the screen's words, or the key is the focused widget's (it runs first: Enter on a list)
            assert words in text or key_words(key) in keys, f"{words!r} is missing from {screen.__name__}"
        assert_own_words(text)


async def test_the_welcome_screen_lists_start_and_no_save_before_any_answer(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = await help_text(pilot)
        assert "Start the questions" in text and "Ctrl+S" not in text


async def test_the_export_dialog_lists_its_keys_and_question_mark_types_in_the_name(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "e")
        text = await help_text(pilot)
        assert "Move between the formats" in text and "Export in the highlighted format" in text
        await go(pilot, "tab", "end", "question_mark")
        assert isinstance(app.screen, ExportScreen)  # a ? in a file name is a character, not the help
        assert app.screen.query_one("#path").value.endswith("?")


async def test_the_counsellor_list_has_its_keys_in_its_own_section(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS, counsellor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "escape")
        await go(pilot, "f1")
        headings = [heading for heading, _ in app.screen.sections]
        assert "In the list of questions (Tab to reach it)" in headings
        assert "Open the highlighted question" in text_of(app.screen.sections)


async def test_the_list_of_keys_fits_80x24_and_scrolls(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "question_mark")
        for part in ("#help-title", "#help-keys", "#help-close"):
            region = app.screen.query_one(part).region
            assert region.height > 0 and region.bottom <= SIZE[1] and region.right <= SIZE[0], part
        keys = app.screen.query_one("#help-keys")
        await go(pilot, "end")
        assert keys.scroll_y == keys.max_scroll_y


async def test_the_palette_speaks_consultaids_words_and_its_keys_open_the_list(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Maximize" not in commands and "Screenshot" not in commands
        assert commands["Keys"] == "The keys of this screen, and what they do (F1 or ?)"
        assert "as soon as possible" not in commands["Quit"]
        await go(pilot, "ctrl+p")
        await pilot.press(*"keys")
        await pilot.pause(0.3)  # the palette searches in a worker
        await go(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await go(pilot, "escape")
        assert isinstance(app.screen, ResultsScreen)
