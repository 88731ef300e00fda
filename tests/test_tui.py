"""The wizard, driven with Textual's pilot: walking through, going back, refusals, results, leaving."""

from __future__ import annotations

import asyncio
import json

import pytest

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.confirm import ConfirmScreen
from consultaid.tui.screens.jump import JumpScreen
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.screens.welcome import WelcomeScreen
from consultaid.tui.widgets.cards import CautionCard, ProcedureCard
from consultaid.tui.widgets.choice_list import ChoiceList

from .conftest import BASE_ANSWERS, WAIT

SIZE = (80, 24)


def shown_text(widget) -> str:
    """What a widget shows, as one line of words (however it is wrapped or laid out in columns)."""
    from textual.geometry import Region

    lines = (strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))
    return " ".join(" ".join(lines).split())


async def wait_for(pilot, condition, timeout: float = WAIT) -> None:
    """Pause until the condition holds (the rulebook loads in a worker thread)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            stack = [type(s).__name__ for s in pilot.app.screen_stack]
            raise AssertionError(f"timed out after {timeout:g} s waiting for the app; its screens: {stack}")
        await pilot.pause(0.05)


def question_id(app) -> str:
    assert isinstance(app.screen, QuestionScreen), app.screen
    return app.screen.question_id


async def at_question(pilot, question: str) -> None:
    """Wait until the question is on screen with its own options, and they have the keyboard."""
    app = pilot.app

    def there() -> bool:
        screen = app.screen
        if not isinstance(screen, QuestionScreen) or screen.question_id != question:
            return False
        choices = screen.query(ChoiceList)
        return bool(choices) and choices.first().question_id == question and app.focused is choices.first()

    await wait_for(pilot, there)


async def go(pilot, *keys: str) -> None:
    """Press the keys one at a time, as a person types, each once the app has handled the one before (see
    conftest.py's pilot_waits_for_the_app), and wait until the app has handled the last."""
    await pilot.press(*keys)
    await pilot.pause()


NOSE_PERSON = [
    ("goal", ["enter"]),  # appearance (first option)
    ("area", ["down", "down", "down", "space", "enter"]),  # nose
    ("concern", ["space", "enter"]),  # nose-shape
    ("motivation", ["space", "enter"]),  # for-myself
    ("preoccupation", ["enter"]),  # rarely
    ("impact", ["enter"]),  # never
    ("considering", ["down", "down", "enter"]),  # over-1-year
    ("previous", ["enter"]),  # none
    ("age", ["down", "enter"]),  # 18-or-over
    ("approach", ["down", "enter"]),  # open-to-surgery
    ("health", ["enter"]),  # optional, none chosen
    ("turned-down", ["enter"]),  # no (the first option)
    ("abroad", ["enter"]),  # no (the first option)
    ("priorities", ["enter"]),  # optional, none chosen
]


async def walk_nose_person(pilot) -> None:
    """Welcome → fourteen questions for a calm adult thinking about the shape of their nose, each question's
    keys once that question is on screen (as a person reads it first)."""
    await wait_for(pilot, lambda: pilot.app.screen.query("#start"))  # the rulebook has loaded
    await go(pilot, "enter")  # welcome: start
    for question, keys in NOSE_PERSON:
        await at_question(pilot, question)
        await go(pilot, *keys)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResultsScreen))


async def test_whole_wizard_for_one_person(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await walk_nose_person(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.answers.to_document(rulebook) == {
            **BASE_ANSWERS,
            "preoccupation": "rarely",
            "turned-down": "no",
            "abroad": "no",
        }
        assert app.screen.result.suggestion_ids == ["rhinoplasty"]
        cards = app.screen.query(ProcedureCard)
        assert [c.view.id for c in cards] == ["rhinoplasty"]
        assert {c.caution.id for c in app.screen.query(CautionCard)} == set(app.screen.result.caution_ids)


async def test_progress_and_question_come_from_the_rulebook(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter")
        screen = app.screen
        assert "Question 2 of 14" in str(screen.query_one("#progress").render())
        assert str(screen.query_one("#question-text").render()) == rulebook.question("area").text
        choices = screen.query_one(ChoiceList)
        assert choices.multiple and choices.option_count == len(rulebook.question("area").options)


async def test_next_is_refused_with_a_visible_reason(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter")
        assert question_id(app) == "area"
        await go(pilot, "enter")
        assert question_id(app) == "area"
        notice = app.screen.query_one("#notice")
        assert notice.has_class("-refused") and notice.display
        assert "Choose at least one option" in str(notice.render())
        await go(pilot, "space")
        assert not notice.has_class("-refused")
        await go(pilot, "enter")
        assert question_id(app) == "concern"


async def test_concern_offers_only_the_chosen_areas(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter", "down", "down", "down", "space", "down", "space", "enter")
        choices = app.screen.query_one(ChoiceList)
        assert [o.id for o in choices.options] == ["nose-shape", "nose-breathing", "chin-weak"]


async def test_going_back_and_changing_an_answer_drops_later_ones(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter", "down", "down", "down", "space", "enter")  # area: nose
        await go(pilot, "space", "enter")  # concern: nose-shape
        assert question_id(app) == "motivation"
        await go(pilot, "escape")
        assert question_id(app) == "concern"
        assert app.screen.query_one(ChoiceList).chosen == ("nose-shape",)
        await go(pilot, "escape")
        assert question_id(app) == "area"
        await go(pilot, "space", "down", "space", "enter")  # un-choose nose, choose chin
        assert question_id(app) == "concern"
        assert "concern" not in app.wizard.answers
        notice = str(app.screen.query_one("#notice").render())
        assert "no longer fits and was cleared" in notice
        assert rulebook.question("concern").text in notice
        assert [o.id for o in app.screen.query_one(ChoiceList).options] == ["chin-weak"]


async def test_back_from_the_first_question_returns_to_welcome(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter")
        assert question_id(app) == "goal"
        await go(pilot, "escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_nothing_matched_shows_a_plain_message(rulebook):
    answers = {**BASE_ANSWERS, "goal": "function", "area": ["face"], "concern": ["face-sagging"]}
    app = ConsultAidApp(rulebook=rulebook, answers=answers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.result.suggestions == ()
        assert "None of the procedures in this guide matched" in str(app.screen.query_one(".empty").render())
        assert "nothing-matched" in {c.caution.id for c in app.screen.query(CautionCard)}


async def test_change_an_answer_from_results_updates_them(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.result.suggestion_ids == ["rhinoplasty"]
        await go(pilot, "c")
        assert isinstance(app.screen, JumpScreen)
        await go(pilot, "down", "down", "down", "down", "down", "down", "down", "down", "down", "enter")
        assert question_id(app) == "approach"
        # approach: non-surgical-only; nothing else needs an answer, so straight back to the results
        await go(pilot, "up", "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.result.suggestion_ids == []
        assert [x.id for x in app.screen.result.left_out] == ["rhinoplasty"]
        assert "you asked for non-surgical options only" in shown_text(app.screen.query_one(".left-out"))


async def test_critical_cautions_stay_in_view_at_80x24(rulebook):
    answers = {
        **BASE_ANSWERS,
        "age": "under-18",
        "motivation": ["comparison"],
        "area": ["buttocks"],
        "concern": ["buttocks-larger"],
    }
    app = ConsultAidApp(rulebook=rulebook, answers=answers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        alerts = app.screen.query_one("#alerts")
        titles = [str(a.render()) for a in alerts.query(".alert")]
        assert len(titles) == 3 and all("CRITICAL" in t for t in titles)
        await go(pilot, "end")
        assert alerts.region.y == 0 and alerts.region.height >= 3  # docked: still on screen after scrolling


async def test_answers_file_goes_straight_to_results(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(BASE_ANSWERS))
    app = ConsultAidApp(answers_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.screen.result.suggestion_ids == ["rhinoplasty"]
        await go(pilot, "escape")
        assert question_id(app) == "priorities"


async def test_bad_answers_file_ends_the_app_with_a_located_message(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("goal: looks\n")
    app = ConsultAidApp(answers_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.return_code == 2)
    assert "answers.yaml:1:7: error: 'looks' is not an option of 'goal'" in app.error_text


async def test_bad_rulebook_ends_the_app_with_a_located_message(tmp_path):
    (tmp_path / "book.yaml").write_text("rules: [\n")
    app = ConsultAidApp(rules=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.return_code == 2)
    assert "book.yaml:2:1: error: not valid YAML" in app.error_text


async def test_quitting_with_answers_asks_first(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "enter", "enter")
        await go(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await go(pilot, "n")
        assert question_id(app) == "area"
        await go(pilot, "ctrl+c")
        assert isinstance(app.screen, ConfirmScreen)
        await go(pilot, "y")
    assert app.return_code == 0


async def test_quitting_without_answers_does_not_ask(rulebook):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "ctrl+q")
        # it leaves at once: no question is put first, and the app ends with success
        await wait_for(pilot, lambda: app.return_code is not None, timeout=5)
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0


async def test_high_contrast_theme_is_offered(rulebook):
    app = ConsultAidApp(rulebook=rulebook, theme="high-contrast")
    async with app.run_test(size=SIZE):
        assert app.theme == "high-contrast"
        assert app.current_theme.background == "#000000"
    other = ConsultAidApp(rulebook=rulebook)
    async with other.run_test(size=SIZE):
        titles = [c.title for c in other.get_system_commands(other.screen)]
        assert "High-contrast theme" in titles


@pytest.mark.parametrize("width,height", [(80, 24), (60, 20)])
async def test_question_screen_fits_small_terminals(rulebook, width, height):
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=(width, height)) as pilot:
        await go(pilot, "enter", "enter")
        for widget_id in ("#progress", "#question-text", "#choices", "#next", "#back"):
            region = app.screen.query_one(widget_id).region
            assert region.height > 0 and region.bottom <= height and region.right <= width, widget_id


async def test_partial_answers_file_opens_at_the_first_unanswered_question(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("goal: appearance\narea: [nose]\nconcern: [nose-shape]\n")
    app = ConsultAidApp(answers_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, QuestionScreen) and app.screen.query("#progress")
        )
        assert question_id(app) == "motivation"
        await go(pilot, "escape")
        assert question_id(app) == "concern"
        assert app.screen.query_one(ChoiceList).chosen == ("nose-shape",)


async def test_the_palette_offers_no_screenshot_of_health_information(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Export summary" in titles and "Save session" in titles


async def test_start_appears_focused_once_the_question_list_has_loaded(monkeypatch):
    """The welcome's first frame is its text; Start is added (in a place kept for it, so nothing moves) once
    the rulebook has loaded, and takes the focus. Until then nothing on the screen is a placeholder."""
    import threading

    import consultaid.rulebook.load as load

    release = threading.Event()
    real = load.load_rulebook

    def held(path=None):
        assert release.wait(10)
        return real(path)

    monkeypatch.setattr(load, "load_rulebook", held)
    app = ConsultAidApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        assert not screen.query("#start")
        place = screen.query_one("#start-place")
        assert shown_text(place) == "" and place.size.height == 3
        assert "Loading the question list" in shown_text(screen.query_one("#welcome-rulebook"))
        await pilot.press("enter")  # nothing to start yet: nothing happens
        await pilot.pause()
        assert app.screen is screen
        release.set()
        await wait_for(pilot, lambda: bool(screen.query("#start")))
        await pilot.pause()
        assert app.focused is screen.query_one("#start")
        assert not screen.query("#start-place")
        assert "questions. Content:" in shown_text(screen.query_one("#welcome-rulebook"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_nothing_on_the_welcome_depends_on_the_height_classes(rulebook):
    """The welcome takes none of the app's height breakpoint classes (so its first frame is not restyled on
    the first resize): right only while no rule that uses them styles anything the welcome shows."""
    import re
    from pathlib import Path

    import consultaid.tui.app as app_module

    css = Path(app_module.__file__).with_name("consultaid.tcss").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    classes = {name for _, name in ConsultAidApp.VERTICAL_BREAKPOINTS + ConsultAidApp.HORIZONTAL_BREAKPOINTS}
    selectors = [s.strip() for head in re.findall(r"([^{}]+)\{", css) for s in head.split(",")]
    pattern = re.compile("|".join(rf"\.{re.escape(c)}\b" for c in classes))
    using = [s for s in selectors if pattern.search(s)]
    assert using, "the test would prove nothing"
    assert WelcomeScreen.VERTICAL_BREAKPOINTS == [] and not WelcomeScreen.HORIZONTAL_BREAKPOINTS
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        for selector in using:
            styled = pattern.sub("", selector).strip()
            assert not app.screen.query(styled), f"{selector} would style the welcome's {styled}"


async def test_keys_reach_their_screens_even_when_pilot_takes_the_app_for_idle(rulebook, monkeypatch):
    """On a loaded machine Pilot's idle guess (processor time against the clock) takes a process that is
    only waiting for its turn for one with nothing left to do. With that guess always 'idle', keys pressed
    in one press() still each reach the screen they are meant for (conftest.py's pilot_waits_for_the_app):
    without it they answered goal 'both' and lost the area."""
    import textual.app
    import textual.pilot

    async def looks_idle(*args, **kwargs) -> None:
        await asyncio.sleep(0)

    monkeypatch.setattr(textual.app, "wait_for_idle", looks_idle)
    monkeypatch.setattr(textual.pilot, "wait_for_idle", looks_idle)
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "down", "down", "down", "space", "enter")  # goal, area: nose
        await pilot.pause()
        assert dict(app.wizard.answers) == {"goal": ("appearance",), "area": ("nose",)}
        assert question_id(app) == "concern"
