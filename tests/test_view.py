"""One results view, laid out by every front end: the same options (waiting included), the same cautions in
the same order, the same handover words, nothing a renderer adds or drops."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from click.testing import CliRunner

from consultaid import Answers, evaluate
from consultaid.cli import cli
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.report.text import render_text
from consultaid.view import build_view

from .conftest import BASE_ANSWERS, ROOT

PEOPLE = {
    "nose and chin": {"area": ["nose", "chin"], "concern": ["nose-shape", "chin-weak"]},
    "critical": {
        "motivation": ["comparison", "for-myself"],
        "impact": "often",
        "preoccupation": "daily-over-1h",
    },
    "nothing matched": {"goal": "function", "area": ["face"], "concern": ["face-sagging"]},
    "non-surgical only": {"approach": "non-surgical-only"},
}


def answers_for(rulebook, changes):
    return Answers.validate({**BASE_ANSWERS, **changes}, rulebook)


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_text_markdown_and_json_show_every_option_and_caution_of_the_view(rulebook, who):
    answers = answers_for(rulebook, PEOPLE[who])
    summary = Summary.build(rulebook, answers, created=dt.date(2026, 11, 27), counsellor=True)
    view = summary.view
    assert view.no_procedure is not None and view.every_option[-1] is view.no_procedure
    text = render_text(view, rulebook)
    markdown = render(summary, "markdown")
    document = render(summary, "json")
    for option in view.every_option:  # waiting stands beside the procedures in every layout
        assert option.name in text and f"### {option.name}" in markdown and option.name in document
    for caution in view.cautions:
        assert caution.title in text and caution.title in markdown
    # critical first, in the same order everywhere
    titles = [c.title for c in view.cautions]
    assert sorted(titles, key=text.index) == titles
    # the handover names the rules behind each caution, in the counsellor's Markdown as in the TUI
    for point in view.handover:
        assert point.raised_by in markdown
        assert all(f"`{rule}`" in markdown for rule in point.rules)


def test_suggest_text_shows_waiting_as_an_option_beside_the_others(rulebook):
    runner = CliRunner()
    out = runner.invoke(cli, ["suggest", "--answers", str(ROOT / "examples" / "nose-and-chin.yaml")])
    assert out.exit_code == 0, out.output
    options = out.output.split("Options worth discussing")[1]
    assert f"* {rulebook.no_procedure.title}" in options.split("Points to bear in mind")[0]
    assert "At a glance" in out.output


def test_the_notice_comes_from_the_rulebook(rulebook):
    summary = Summary.build(rulebook, answers_for(rulebook, {}))
    assert summary.view.notice == rulebook.info.notice
    assert rulebook.info.notice in render(summary, "markdown").replace("\n", " ")


def test_the_readiness_note_does_not_read_as_a_green_light_under_a_critical_caution(rulebook):
    ready = {q.id: "yes" for q in rulebook.readiness_questions}
    calm = build_view(rulebook, a := answers_for(rulebook, ready), evaluate(rulebook, a))
    assert calm.ready and not calm.critical
    assert calm.readiness_note().endswith("Take this summary to your consultation.")
    worried = answers_for(rulebook, {**PEOPLE["critical"], **ready})
    view = build_view(rulebook, worried, evaluate(rulebook, worried))
    assert view.ready and view.critical
    note = view.readiness_note()
    assert "Take this summary" not in note and view.critical[0].title in note
    assert str(len(rulebook.readiness_questions)) in note  # the count comes from the rulebook, not "four"


def test_the_tui_results_lay_out_the_same_view(rulebook):
    from consultaid.tui.app import ConsultAidApp
    from consultaid.tui.widgets.cards import CautionCard, NoProcedureCard, ProcedureCard

    from .test_tui import wait_for

    answers = answers_for(rulebook, PEOPLE["critical"])
    view = build_view(rulebook, answers, evaluate(rulebook, answers))

    async def run():
        app = ConsultAidApp(rulebook=rulebook, answers=answers)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(
                pilot, lambda: app.screen.query(ProcedureCard) or app.screen.query(NoProcedureCard)
            )
            cards = [c.view.name for c in app.screen.query(ProcedureCard)]
            cards += [c.view.name for c in app.screen.query(NoProcedureCard)]
            cautions = [c.caution.title for c in app.screen.query(CautionCard)]
            return cards, cautions

    cards, cautions = asyncio.run(run())
    assert cards == [o.name for o in view.every_option]
    assert cautions == [c.title for c in view.cautions]
