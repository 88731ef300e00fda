"""The decision aid in the wizard: readiness, exports, saving and resuming, counsellor mode."""

from __future__ import annotations

import os
import stat

from consultaid import Answers
from consultaid.session import save_session
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.confirm import ConfirmScreen, MessageScreen
from consultaid.tui.screens.files import ExportScreen, SaveSessionScreen
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.readiness import ReadinessScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.widgets.cards import NoProcedureCard, ProcedureCard

from .conftest import BASE_ANSWERS
from .test_tui import at_question, go, question_id, wait_for

SIZE = (80, 24)


def text_of(widget) -> str:
    """What a widget shows on screen, as plain text."""
    from textual.geometry import Region

    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


async def test_results_show_no_procedure_and_questions_to_ask(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers={**BASE_ANSWERS, "priorities": ["avoid-surgery"]})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        assert len(screen.query(NoProcedureCard)) == 1
        card = screen.query_one(ProcedureCard)
        assert card.view is not None and card.view.fits[0].level == "poor"
        titles = [str(s.render()) for s in screen.query(".section-title")]
        assert "Questions to ask at the consultation" in titles and "Are you ready to decide?" in titles


async def test_readiness_check_from_results_updates_next_steps(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "r")
        assert isinstance(app.screen, ReadinessScreen)
        await go(pilot, "enter")  # sure: yes
        await go(pilot, "down", "enter")  # informed: no
        await go(pilot, "enter", "enter")  # values, support: yes
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.answers["ready-informed"] == ("no",)
        assert app.screen.aid.ready is False
        steps = text_of(app.screen.query_one("#next-steps"))
        assert "Read through each option again" in steps


async def test_export_dialog_writes_a_private_file_and_asks_before_replacing(rulebook, tmp_path):
    app = ConsultAidApp(rulebook=rulebook, answers=BASE_ANSWERS)
    target = tmp_path / "mine.html"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        await go(pilot, "down", "tab")  # HTML, then the file name
        app.screen.query_one("#path").value = str(target)
        await go(pilot, "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert target.read_text().startswith("<!DOCTYPE html>")
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        target.write_text("old")
        await go(pilot, "e", "down", "tab")
        app.screen.query_one("#path").value = str(target)
        await go(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await go(pilot, "n")
        assert target.read_text() == "old"
        assert isinstance(app.screen, ExportScreen)
        await go(pilot, "enter", "y")
        assert target.read_text().startswith("<!DOCTYPE html>")


async def test_save_and_resume_a_session(tmp_path):
    """Saved with the default rulebook as the resumed app loads it (not the tests' copy loaded at the start
    of the run): a rule file changed in between would, rightly, put the 'has changed since' message first."""
    target = tmp_path / "session.json"
    app = ConsultAidApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#start"))  # the rulebook loads in a worker
        await go(pilot, "enter")
        await at_question(pilot, "goal")
        await go(pilot, "enter")  # goal: appearance
        await at_question(pilot, "area")
        await go(pilot, "down", "down", "down", "space", "enter")  # area: nose
        await at_question(pilot, "concern")
        await go(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSessionScreen) and app.screen.query("#path"))
        app.screen.query_one("#path").value = str(target)
        await go(pilot, "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SaveSessionScreen))
        assert question_id(app) == "concern"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    resumed = ConsultAidApp(resume_path=target)
    async with resumed.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot, lambda: isinstance(resumed.screen, QuestionScreen) and resumed.screen.query("#progress")
        )
        assert question_id(resumed) == "concern"
        assert dict(resumed.wizard.answers) == {"goal": ("appearance",), "area": ("nose",)}


async def test_resuming_against_a_changed_rulebook_tells_the_person(rulebook, tmp_path):
    answers = Answers.validate(
        {"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]}, rulebook, complete=False
    )
    path = save_session(tmp_path / "s.json", rulebook, answers)
    text = path.read_text().replace(rulebook.digest, "0" * 64).replace('"nose-shape"', '"nose-shapes"')
    path.write_text(text)
    app = ConsultAidApp(resume_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, MessageScreen) and app.screen.query("#dialog-text")
        )
        await pilot.pause()
        message = " ".join(text_of(app.screen.query_one("#dialog-text")).split())
        assert "has changed since" in message and "nose-shapes" in message
        await go(pilot, "enter")
        assert question_id(app) == "concern"
        assert "concern" not in app.wizard.answers


async def test_counsellor_mode_jumps_between_questions_and_shows_rules(rulebook):
    app = ConsultAidApp(
        rulebook=rulebook, answers={**BASE_ANSWERS, "motivation": ["comparison"]}, counsellor=True
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "(rule comparison)" in " ".join(str(s.render()) for s in app.screen.query(".card-why"))
        handover = text_of(app.screen.query_one("#handover"))
        assert "counselling-referral" in handover
        await go(pilot, "escape")
        index = app.screen.query_one("#question-index")
        assert index.option_count == len(app.wizard.asked())
        index.focus()
        await go(pilot, "home", "enter")
        assert question_id(app) == "goal"


async def test_an_older_answers_file_shows_what_the_results_were_made_without(rulebook):
    """A contract-1 answers file has no health, turned-down or abroad answers: the results say so, and the
    person can answer them from there (the results then follow the new answers)."""
    from textual.widgets import OptionList

    from consultaid import load_answers
    from consultaid.tui.screens.jump import JumpScreen

    from .conftest import ROOT

    answers = load_answers(ROOT / "examples" / "nose-and-chin.yaml", rulebook)
    app = ConsultAidApp(rulebook=rulebook, answers=answers)
    async with app.run_test(size=(100, 60)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.screen.result.suggestion_ids == ["rhinoplasty", "chin-augmentation"]
        listed = text_of(app.screen.query_one("#not-answered"))
        for qid in ("health", "turned-down", "abroad"):
            assert rulebook.question(qid).text in listed
        assert "Press c to answer any of them" in listed
        await go(pilot, "c")
        assert isinstance(app.screen, JumpScreen)
        jump = app.screen.query_one("#jump-list", OptionList)
        ids = [jump.get_option_at_index(i).id for i in range(jump.option_count)]
        jump.highlighted = ids.index("health")
        await go(pilot, "enter")
        assert question_id(app) == "health"
        await go(pilot, "space", "enter")  # smoking, the first option
        assert isinstance(app.screen, ResultsScreen)
        assert "smoking" in app.screen.result.caution_ids
        listed = text_of(app.screen.query_one("#not-answered"))
        assert rulebook.question("health").text not in listed
        assert rulebook.question("abroad").text in listed
