"""Snapshots of the screens at 80x24 (accept a deliberate change with `pytest --snapshot-update`)."""

from __future__ import annotations

import pytest

from consultaid.tui.app import ConsultAidApp

from .conftest import BASE_ANSWERS

SIZE = (80, 24)
SMALL = (60, 20)


@pytest.fixture
def app_factory(rulebook):
    def make(**kwargs):
        return ConsultAidApp(rulebook=rulebook, **kwargs)

    return make


class TestWizardSnapshots:
    def test_welcome(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=SIZE)

    def test_single_choice_question(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=SIZE, press=["enter", "down"])

    def test_multiple_choice_question(self, snap_compare, app_factory):
        assert snap_compare(
            app_factory(),
            terminal_size=SIZE,
            press=["enter", "enter", "down", "down", "down", "space", "down", "space"],
        )

    def test_refused_next(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=SIZE, press=["enter", "enter", "enter"])


class TestResultsSnapshots:
    def test_results_with_critical_cautions(self, snap_compare, app_factory):
        answers = {
            **BASE_ANSWERS,
            "age": "under-18",
            "motivation": ["comparison"],
            "area": ["buttocks"],
            "concern": ["buttocks-larger"],
        }
        assert snap_compare(app_factory(answers=answers), terminal_size=SIZE)

    def test_results_high_contrast(self, snap_compare, app_factory):
        answers = {
            **BASE_ANSWERS,
            "approach": "non-surgical-only",
            "area": ["skin", "nose"],
            "concern": ["skin-texture", "nose-shape"],
        }
        assert snap_compare(app_factory(answers=answers, theme="high-contrast"), terminal_size=SIZE)

    def test_results_card_with_a_picture_of_100_people(self, snap_compare, app_factory):
        """A risk with its chance in words and as a picture of 100 people (a range: filled, half-filled,
        empty), scrolled into view on the breast enlargement card."""
        answers = {**BASE_ANSWERS, "area": ["breasts"], "concern": ["breast-larger"]}

        async def show_the_third_risk(pilot):
            await pilot.pause()
            risks = pilot.app.screen.query_one(".card-risks")
            risks.scroll_visible(top=True, animate=False)
            await pilot.pause()
            for _ in range(28):  # down to the third risk, a range (about 20 to 40 in 100)
                await pilot.press("down")
            await pilot.pause()

        assert snap_compare(app_factory(answers=answers), terminal_size=SIZE, run_before=show_the_third_risk)

    def test_quit_dialog(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=BASE_ANSWERS), terminal_size=SIZE, press=["ctrl+q"])


class TestDecisionAidSnapshots:
    def test_readiness_dialog(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=BASE_ANSWERS), terminal_size=SIZE, press=["r"])

    def test_export_dialog(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=BASE_ANSWERS), terminal_size=SIZE, press=["e"])

    def test_counsellor_question_screen(self, snap_compare, app_factory):
        assert snap_compare(
            app_factory(answers=BASE_ANSWERS, counsellor=True), terminal_size=SIZE, press=["escape"]
        )

    def test_results_with_priorities(self, snap_compare, app_factory):
        answers = {
            **BASE_ANSWERS,
            "area": ["skin"],
            "concern": ["skin-texture"],
            "priorities": ["avoid-surgery", "quick-recovery"],
        }
        assert snap_compare(app_factory(answers=answers), terminal_size=SIZE, press=["pagedown"])


class TestRobustnessSnapshots:
    @pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
    def test_unexpected_error_message(self, snap_compare, app_factory, monkeypatch, size):
        from consultaid.tui.screens.results import ResultsScreen

        def fail(self):
            raise RuntimeError("a fault planted by the test")

        monkeypatch.setattr(ResultsScreen, "action_change", fail)
        assert snap_compare(app_factory(answers=BASE_ANSWERS), terminal_size=size, press=["c"])


class TestHelpAndOverviewSnapshots:
    """The list of keys (F1 or ?), the results' overview, the counsellor's question list."""

    @pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
    def test_keys_of_a_question(self, snap_compare, app_factory, size):
        assert snap_compare(app_factory(), terminal_size=size, press=["enter", "enter", "f1"])

    def test_keys_of_the_results_in_counsellor_mode(self, snap_compare, app_factory):
        assert snap_compare(
            app_factory(answers=BASE_ANSWERS, counsellor=True), terminal_size=SIZE, press=["question_mark"]
        )

    @pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
    def test_results_overview_with_a_line_chosen(self, snap_compare, app_factory, size):
        answers = {**BASE_ANSWERS, "motivation": ["comparison"], "age": "under-18"}
        assert snap_compare(app_factory(answers=answers), terminal_size=size, press=["tab", "down", "down"])

    @pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
    def test_counsellor_question_list_at_the_start(self, snap_compare, app_factory, size):
        assert snap_compare(app_factory(counsellor=True), terminal_size=size, press=["enter", "enter"])


TWO = {**BASE_ANSWERS, "area": ["face"], "concern": ["face-sagging", "face-volume-loss"]}
FOUR = {
    **BASE_ANSWERS,
    "area": ["face", "skin"],
    "concern": ["face-sagging", "face-volume-loss", "skin-lines"],
}


class TestCompareSnapshots:
    """The options side by side (g), the knowledge check (k) and the leaning question (l)."""

    def test_grid_80x24_first_page(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=FOUR), terminal_size=SIZE, press=["g"])

    def test_grid_80x24_last_page_scrolled(self, snap_compare, app_factory):
        assert snap_compare(
            app_factory(answers=FOUR), terminal_size=SIZE, press=["g", "right", "right", "pagedown"]
        )

    def test_grid_120x40(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=FOUR), terminal_size=(120, 40), press=["g"])

    def test_grid_120x40_high_contrast(self, snap_compare, app_factory):
        assert snap_compare(
            app_factory(answers=TWO, theme="high-contrast"), terminal_size=(120, 40), press=["g"]
        )

    def test_knowledge_check_explained(self, snap_compare, app_factory):
        assert snap_compare(
            app_factory(answers=BASE_ANSWERS), terminal_size=SIZE, press=["k", "down", "down", "enter"]
        )

    def test_leaning_question(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=TWO), terminal_size=SIZE, press=["l"])


SMALL = (60, 20)
WIDE = (200, 50)


class TestSizesSnapshots:
    """60x20: the title and Start, the whole export dialog, Save and Quit in the footer; 200x50: lines of at
    most about 100 columns, centred; wrapped lines hang under their text at every size."""

    def test_welcome_60x20(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=SMALL)

    def test_question_60x20(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=SMALL, press=["enter", "down"])

    def test_results_60x20(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=FOUR), terminal_size=SMALL, press=["pagedown"])

    def test_export_dialog_60x20(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=BASE_ANSWERS), terminal_size=SMALL, press=["e"])

    def test_change_answer_list_60x20(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=FOUR), terminal_size=SMALL, press=["c"])

    def test_welcome_200x50(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=WIDE)

    def test_question_200x50(self, snap_compare, app_factory):
        assert snap_compare(app_factory(), terminal_size=WIDE, press=["enter", "down"])

    def test_results_200x50(self, snap_compare, app_factory):
        assert snap_compare(app_factory(answers=FOUR), terminal_size=WIDE, press=["pagedown"])
