"""The terminal app after the results: compare the options side by side (g), check what you know (k), and say
which way you are leaning (l). Pilot tests of behaviour; snapshots are in test_snapshots.py."""

from __future__ import annotations

from textual.geometry import Region

from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.compare import CompareScreen, columns_per_page
from consultaid.tui.screens.knowledge import KnowledgeScreen
from consultaid.tui.screens.leaning import LeaningScreen
from consultaid.tui.screens.results import ResultsScreen

from .conftest import BASE_ANSWERS
from .test_tui import go
from .test_tui_decision import text_of

ONE = BASE_ANSWERS
TWO = {**BASE_ANSWERS, "area": ["face"], "concern": ["face-sagging", "face-volume-loss"]}
FOUR = {
    **BASE_ANSWERS,
    "area": ["face", "skin"],
    "concern": ["face-sagging", "face-volume-loss", "skin-lines"],
}


def words(widget) -> str:
    """What a widget shows, with its line breaks as spaces."""
    return " ".join(text_of(widget).split())


def shown_text(screen: CompareScreen) -> str:
    return "\n".join(
        text_of(screen.query_one(f"#{name}")) for name in ("compare-where", "compare-head", "compare-table")
    )


async def test_g_opens_the_grid_and_escape_goes_back_to_the_results(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=TWO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        await go(pilot, "g")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.grid is results.aid.grid
        await go(pilot, "escape")
        assert app.screen is results


async def test_at_80_columns_the_options_page_sideways_and_every_column_is_reached(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=FOUR)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go(pilot, "g")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        grid = screen.grid
        assert screen.per_page == 2 and len(grid.columns) == 5
        seen: list[str] = []
        pages = 0
        while True:
            text = " ".join(shown_text(screen).split())
            assert "What it is" in text and "Recovery time" in text and "Main risks" in text  # rows in view
            for i in range(screen.first, screen.first + screen.per_page):
                first_words = " ".join(grid.columns[i].split()[:2])
                assert first_words in text
                seen.append(grid.column_ids[i])
            pages += 1
            if screen.first == max(0, len(grid.columns) - screen.per_page):
                break
            await go(pilot, "right")
        assert set(seen) == set(grid.column_ids) and pages == 3
        assert "← for the previous" in text
        await go(pilot, "left")
        assert screen.first == 1
        await go(pilot, "left", "left")
        assert screen.first == 0  # no further than the first


async def test_at_120_columns_three_options_show_at_once_and_one_option_needs_no_paging(rulebook):
    assert columns_per_page(120, 5) == 3 and columns_per_page(80, 5) == 2 and columns_per_page(40, 5) == 1
    app = ConsultAidApp(rulebook=rulebook, answers=ONE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go(pilot, "g")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.per_page == 2 == len(screen.grid.columns)
        assert "all 2 options" in shown_text(screen)
        await go(pilot, "right")
        assert screen.first == 0


async def test_the_grid_shows_rulebook_text_as_text_never_markup(write_rules):
    from consultaid import load_rulebook

    from .conftest import MINIMAL_BOOK

    text = MINIMAL_BOOK.replace(
        "    scarring: small\n", '    scarring: small\n    compare: {public: "[bold red]Loud[/] words"}\n'
    )
    rows = "comparison:\n  rows:\n    - {id: public, label: Public}\n"
    book = load_rulebook(write_rules({"book.yaml": text + rows}))
    app = ConsultAidApp(
        rulebook=book, answers={"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go(pilot, "g")
        assert "[bold red]Loud[/] words" in shown_text(app.screen)


async def test_the_knowledge_check_answers_each_statement_and_the_results_list_what_to_go_over(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=ONE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.screen.aid.knowledge[0]
        await go(pilot, "k")
        assert isinstance(app.screen, KnowledgeScreen)
        assert first.says in words(app.screen.query_one("#knowledge-statement"))
        # nothing is pointed at first (Enter alone skips): ↓ points at True, ↓ ↓ at False
        await go(pilot, *(["down", "down"] if first.answer else ["down"]), "enter")
        explain = words(app.screen.query_one("#knowledge-explain"))
        assert "Not quite" in explain and first.explain.split()[1] in explain
        await go(pilot, "enter")  # next statement
        second = app.screen.items[1]
        assert second.says in words(app.screen.query_one("#knowledge-statement"))
        await go(pilot, "down", "down", "down", "enter")  # not sure
        assert "Not sure is fine" in words(app.screen.query_one("#knowledge-explain"))
        await go(pilot, "escape")  # stop: the answers so far are kept
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert app.wizard.reflection.knowledge == {
            first.key: "false" if first.answer else "true",
            second.key: "unsure",
        }
        summary = words(results.query_one("#knowledge-summary"))
        assert "You answered 2 of" in summary and "Worth going over again" in summary


async def test_the_leaning_question_offers_the_options_shown_waiting_and_not_sure(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=TWO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        labels = [label for _, label in app.screen.aid.leaning_choices]
        await go(pilot, "l")
        assert isinstance(app.screen, LeaningScreen)
        await pilot.pause()
        choices = app.screen.query_one("#leaning-choices")
        listed = "\n".join(s.text for s in choices.render_lines(Region(0, 0, *choices.outer_size)))
        for label in labels:
            assert label.split(" (")[0] in listed
        assert labels[-2:] == ["Waiting, or no procedure", "Not sure yet"]
        await go(pilot, "down", "down", "enter")  # the second option: fillers (nothing is pointed at first)
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.reflection.leaning == "dermal-fillers"
        assert "You said: Filler injections" in words(app.screen.query_one("#leaning-summary"))
        await go(pilot, "l", "escape")  # leaving the question changes nothing
        await pilot.pause()
        assert app.wizard.reflection.leaning == "dermal-fillers"


async def test_changing_an_answer_clears_the_leaning_with_a_notice_on_the_results(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=TWO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.wizard.lean("dermal-fillers")
        await go(pilot, "c")  # change an answer: the same wizard the question screens drive
        app.wizard.answer("concern", ["face-sagging"])  # fillers are no longer shown
        await go(pilot, "escape")
        app.show_results()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        notice = words(results.query_one("#leaning-cleared"))
        assert "Your leaning towards Filler injections" in notice and "no longer among the options" in notice
        assert app.wizard.reflection.leaning is None and app.wizard.leaning_cleared is None


async def test_the_counsellor_handover_names_the_leaning_and_the_facts_to_go_over_again(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=TWO, counsellor=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        facelift = rulebook.procedures["facelift"].knowledge[0]
        app.wizard.know("facelift/1", "true" if not facelift.answer else "false")  # a wrong answer
        app.wizard.know(
            "facelift/2", "true" if rulebook.procedures["facelift"].knowledge[1].answer else "false"
        )
        app.wizard.lean("facelift")
        app.show_results()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert "Which way are you leaning? Facelift" in words(results.query_one("#handover-leaning"))
        facts = words(results.query_one("#handover-facts"))
        assert facelift.says in facts and rulebook.procedures["facelift"].knowledge[1].says not in facts


async def test_at_120x40_four_options_show_three_at_a_time_with_the_row_names_on_every_page(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=FOUR)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go(pilot, "g")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.per_page == 3 and len(screen.grid.columns) == 5
        text = " ".join(shown_text(screen).split())
        assert "Options 1-3 of 5 side by side" in text and "→ for the next" in text
        assert all(" ".join(row.label.split()[:2]) in text for row in screen.grid.rows)  # every row name
        await go(pilot, "right")
        assert screen.first == 2  # the last page: options 3 to 5, waiting last
        text = " ".join(shown_text(screen).split())
        assert "Options 3-5 of 5" in text and "Waiting, or no procedure" in text
        assert all(" ".join(row.label.split()[:2]) in text for row in screen.grid.rows)
        await go(pilot, "escape")
        assert isinstance(app.screen, ResultsScreen)
