"""The app at small and large sizes (Pilot): nothing a person needs is cut off at 60x20 or 80x24, and text
is not stretched across a wide terminal."""

from __future__ import annotations

import pytest
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.compare import CompareScreen
from consultaid.tui.screens.files import ExportScreen
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.screens.welcome import WelcomeScreen

from .conftest import BASE_ANSWERS
from .test_tui import go, wait_for

SMALL = [(60, 20), (80, 24)]
FOUR = {
    **BASE_ANSWERS,
    "area": ["face", "skin"],
    "concern": ["face-sagging", "face-volume-loss", "skin-lines"],
}


def in_view(app: ConsultAidApp, widget) -> bool:
    """The widget is on the screen and nothing covers its middle (not scrolled away, not cut off)."""
    region = widget.region
    if not region or region.right > app.size.width or region.bottom > app.size.height:
        return False
    found, _ = app.screen.get_widget_at(*region.center)
    return found is widget or widget in found.ancestors


async def reach(pilot, where: str) -> None:
    """Go to one of the screens with a footer."""
    if where == "question":
        await go(pilot, "enter", "enter")  # start; goal: the first option
    elif where == "compare":
        await go(pilot, "g")


# (screen, answers given, the class of the screen reached)
SCREENS = [
    ("welcome", None, WelcomeScreen),
    ("question", None, QuestionScreen),
    ("results", FOUR, ResultsScreen),
    ("compare", FOUR, CompareScreen),
]


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("where", "answers", "kind"), SCREENS, ids=[s[0] for s in SCREENS])
async def test_the_footer_keeps_save_and_quit_and_cuts_nothing_off(rulebook, size, where, answers, kind):
    app = ConsultAidApp(rulebook=rulebook, answers=answers)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await reach(pilot, where)
        await wait_for(pilot, lambda: isinstance(app.screen, kind) and app.screen.query(FooterKey))
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
        palette = footer.query_one(".-command-palette", FooterKey)
        shown = [key.description for key in keys]
        assert "Quit" in shown, shown
        if where != "welcome":  # once there is an answer, Save is always there
            assert "Save" in shown, shown
        assert shown[-2:] == ["Save", "Quit"] or where == "welcome", shown
        for key in keys:  # every key whole, left of the palette key
            assert 0 <= key.region.x and key.region.right <= palette.region.x, (key.description, shown)
            assert key.region.width >= len(key.description), (key.description, key.region)


async def test_the_footer_shows_more_keys_when_there_is_room(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=FOUR)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.query(FooterKey))
        narrow = [key.description for key in app.screen.query(FooterKey)]
        await pilot.resize_terminal(120, 20)
        await pilot.pause()
        await pilot.pause()
        wide = [key.description for key in app.screen.query(FooterKey)]
        assert set(narrow) < set(wide) and {"Export", "Compare"} <= set(wide), (narrow, wide)


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_welcome_shows_its_title_and_start(rulebook, size):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=size) as pilot:
        # Start appears once the question list has loaded
        await wait_for(pilot, lambda: any(not button.disabled for button in app.screen.query("#start")))
        await pilot.pause()
        assert in_view(app, app.screen.query_one("#welcome-title"))
        assert in_view(app, app.screen.query_one("#start"))


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_export_dialog_shows_its_buttons(rulebook, size):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.pause()
        for part in ("#dialog-title", "#formats", "#path", "#cancel", "#write"):
            assert in_view(app, app.screen.query_one(part)), part
        # a name that cannot be written: the error shows, and the buttons stay in view with it
        await go(pilot, "tab")
        app.screen.query_one("#path").value = "/no-such-folder/summary.md"
        await go(pilot, "enter")
        await pilot.pause()
        for part in ("#path", "#dialog-error", "#cancel", "#write"):
            assert in_view(app, app.screen.query_one(part)), part


@pytest.mark.parametrize(("where", "answers", "kind"), SCREENS[:3], ids=[s[0] for s in SCREENS[:3]])
async def test_text_is_at_most_about_100_columns_wide_on_a_wide_terminal(rulebook, where, answers, kind):
    app = ConsultAidApp(rulebook=rulebook, answers=answers)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await reach(pilot, where)
        await wait_for(pilot, lambda: isinstance(app.screen, kind))
        await pilot.pause()
        texts = [w for w in app.screen.query(Static) if w.region and not w.has_class("-command-palette")]
        assert texts
        for widget in texts:
            assert widget.region.width <= 100, (widget, widget.region)
        # and centred: as much room on the left as on the right of the widest text
        widest = max(texts, key=lambda w: w.region.width)
        assert abs(widest.region.x - (200 - widest.region.right)) <= 2, widest.region


# -- wrapped lines hang under their text, not under the marker before it -------------------------------------

LONG_LABEL = "Looks, " + "and a label long enough to wrap at sixty columns " * 2
LONG_HELP = (
    "A help line that is also long enough to wrap onto a second line and a third one at sixty columns."
)
LONG_BENEFIT = "A different nose, said at such length that it has to wrap in its column of the card."


def shown_lines(widget) -> list[str]:
    from textual.geometry import Region

    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


def assert_hangs(lines: list[str], marker: str) -> int:
    """Every line that does not start with the marker (a regular expression) starts under the text after
    the last marker; returns how many wrapped lines were checked."""
    import re

    text_column = None
    checked = 0
    for line in lines:
        found = re.search(marker, line)
        if found:
            text_column = found.end()
            continue
        body = line.rstrip(" │▎")
        stripped = body.lstrip(" │▊")
        if not stripped or text_column is None:
            continue
        assert len(body) - len(stripped) == text_column, (line, text_column, "\n".join(lines))
        checked += 1
    return checked


async def test_options_and_their_help_hang_under_the_label(write_rules):
    from consultaid import load_rulebook

    from .conftest import MINIMAL_BOOK

    book = MINIMAL_BOOK.replace("label: Looks}", f"label: {LONG_LABEL!r}}}").replace(
        "label: Function}", f"label: Function, help: {LONG_HELP!r}}}"
    )
    app = ConsultAidApp(rulebook=load_rulebook(write_rules(**{"book.yaml": book})))
    async with app.run_test(size=(60, 20)) as pilot:
        await go(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
        lines = shown_lines(app.screen.query_one("#choices"))
        assert assert_hangs(lines, r"[› ] [(][ •][)] ") >= 4, "\n".join(lines)


async def test_the_answers_to_change_hang_under_the_question(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=FOUR)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await go(pilot, "c")
        lines = shown_lines(app.screen.query_one("#jump-list"))
        assert assert_hangs(lines, r"\d+\. +") >= 4, "\n".join(lines)


async def test_benefits_and_downsides_hang_under_their_text(write_rules):
    from consultaid import load_rulebook

    from .conftest import MINIMAL_BOOK

    book = MINIMAL_BOOK.replace("benefits: [A different nose.]", f"benefits: [{LONG_BENEFIT!r}]").replace(
        "downsides: [A scar inside the nose.]", f"downsides: [{LONG_BENEFIT!r}]"
    )
    answers = {"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]}
    app = ConsultAidApp(rulebook=load_rulebook(write_rules(**{"book.yaml": book})), answers=answers)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.pause()
        table = app.screen.query_one(".card-table")
        half = table.size.width // 2
        lines = shown_lines(table)
        for side, marker in ((slice(0, half), r"^\+ "), (slice(half, None), r"^ *- ")):
            column = [line[side] for line in lines]
            assert assert_hangs(column, marker) >= 1, "\n".join(lines)


# The keys that open a dialog from the results (the crash message has its own test, in test_unexpected).
DIALOG_KEYS = ["r", "e", "c", "ctrl+s", "ctrl+q", "l", "k"]


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", DIALOG_KEYS)
async def test_a_dialog_shows_its_own_keys_along_the_bottom_not_the_screen_behind(rulebook, size, key):
    """The footer of the results (Change, Compare, Export...) showed beneath every dialog, listing keys that
    do nothing while it is open: the bottom line is now the dialog's, with the keys that work in it."""
    from consultaid.tui.screens.dialog import Dialog

    app = ConsultAidApp(rulebook=rulebook, answers=FOUR)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.query(FooterKey))
        behind = {k.description for k in app.screen.query(FooterKey)} - {"Save", "Quit", "palette"}
        await go(pilot, key)
        dialog = app.screen
        assert isinstance(dialog, Dialog), dialog
        await wait_for(pilot, lambda: dialog.query(FooterKey))
        await pilot.pause()
        bottom = app.size.height - 1
        for x in (1, app.size.width // 2):
            found, _ = dialog.get_widget_at(x, bottom)
            assert isinstance(found, Footer) or any(isinstance(a, Footer) for a in found.ancestors), (
                x,
                found,
            )
            assert found.screen is dialog
        shown = {k.description for k in dialog.query(FooterKey)}
        works = {b.binding.description for b in dialog.active_bindings.values()}
        assert shown and shown <= works, (shown, works)
        assert not shown & behind, shown & behind
