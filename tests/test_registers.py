"""Who to look for: the kinds of specialist each procedure names, declared once in the rulebook and said once
in every summary (TUI, text, Markdown, HTML, JSON)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from consultaid import Answers, RulebookError, evaluate, load_rulebook
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.report.text import render_text
from consultaid.rulebook.lint import lint
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.widgets.cards import ProcedureCard, RegisterCard
from consultaid.view import build_view

from .conftest import BASE_ANSWERS, MINIMAL_BOOK

FACE = {
    **BASE_ANSWERS,
    "area": ["nose", "chin", "eyes"],
    "concern": ["nose-shape", "chin-weak", "eyelid-hooding"],
}


def view_for(rulebook, answers):
    parsed = Answers.validate(answers, rulebook)
    return build_view(rulebook, parsed, evaluate(rulebook, parsed))


@pytest.mark.parametrize(
    ("procedure", "register"),
    [
        ("blepharoplasty", "oculoplastic-surgeons"),
        ("rhinoplasty", "ent-facial-plastic-surgeons"),
        ("rhinoplasty", "plastic-surgeons"),
        ("chin-augmentation", "oral-maxillofacial-surgeons"),
        ("breast-reconstruction", "oncoplastic-breast-surgeons"),
        ("laser-resurfacing", "dermatologists"),
        ("hand-surgery", "hand-surgeons"),
        ("dermal-fillers", "registered-practitioners"),
    ],
)
def test_each_procedure_names_the_right_specialists(rulebook, procedure, register):
    assert register in rulebook.procedures[procedure].registers


def test_every_procedure_names_a_register_with_uk_and_us_checks(rulebook):
    for procedure in rulebook.procedures.values():
        assert procedure.registers, procedure.id
        for rid in procedure.registers:
            register = rulebook.registers[rid]
            assert register.uk and register.us and register.who


def test_no_surgical_card_repeats_the_general_paragraph(rulebook):
    note = rulebook.who_to_look_for
    assert note and "Care Quality Commission" in note
    for procedure in rulebook.procedures.values():
        assert "Care Quality Commission" not in procedure.practitioner, procedure.id
        assert "national equivalent" not in procedure.practitioner, procedure.id


def test_the_view_lists_each_register_once_with_the_options_it_is_for(rulebook):
    view = view_for(rulebook, FACE)
    ids = [r.id for r in view.who_to_look_for]
    assert len(ids) == len(set(ids))
    assert ids[0] == "plastic-surgeons"  # rulebook order
    assert {"oculoplastic-surgeons", "ent-facial-plastic-surgeons", "oral-maxillofacial-surgeons"} <= set(ids)
    plastic = view.who_to_look_for[0]
    assert len(plastic.options) == 3
    assert "dermatologists" not in ids  # named by no option shown
    eyelids = next(o for o in view.options if o.id == "blepharoplasty")
    assert eyelids.registers[0].startswith("Oculoplastic")
    assert view.who_to_look_for_note == rulebook.who_to_look_for


def test_nothing_suggested_names_no_register(rulebook):
    view = view_for(
        rulebook, {**BASE_ANSWERS, "goal": "function", "area": ["face"], "concern": ["face-sagging"]}
    )
    assert view.who_to_look_for == () and view.who_to_look_for_note == ""


def summary_of(rulebook, answers):
    return Summary.build(rulebook, Answers.validate(answers, rulebook), created=dt.date(2026, 12, 4))


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_every_summary_says_the_general_paragraph_once_and_each_register_once(rulebook, fmt):
    summary = summary_of(rulebook, FACE)
    rendered = render_text(summary.view, rulebook) if fmt == "text" else render(summary, fmt)
    text = " ".join(rendered.split())
    note = " ".join(rulebook.who_to_look_for.split())
    assert text.count(note) == 1
    assert "Who to look for" in text
    for rid in ("plastic-surgeons", "oculoplastic-surgeons", "oral-maxillofacial-surgeons"):
        register = rulebook.registers[rid]
        assert text.count(" ".join(register.uk.split())) == 1, rid
        assert " ".join(register.us.split()) in text
    assert "Specialists to look for" in text


def test_json_summary_holds_the_registers_and_each_options_specialists(rulebook):
    document = json.loads(render(summary_of(rulebook, FACE), "json"))
    who = document["who_to_look_for"]
    assert who["note"] == rulebook.who_to_look_for
    assert {r["id"] for r in who["registers"]} >= {"plastic-surgeons", "oculoplastic-surgeons"}
    assert all(set(r) == {"id", "name", "who", "uk", "us", "options"} for r in who["registers"])
    nose = next(o for o in document["options"] if o["id"] == "rhinoplasty")
    assert nose["registers"] == [
        rulebook.registers[r].name for r in rulebook.procedures["rhinoplasty"].registers
    ]
    # register sources are listed with the others
    assert "https://www.abplasticsurgery.org/public/faqs/" in {s["url"] for s in document["sources"]}


async def test_results_screen_shows_a_card_per_register(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=FACE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        cards = list(app.screen.query(RegisterCard))
        assert [c.register.id for c in cards] == [r.id for r in app.screen.aid.who_to_look_for]
        assert app.screen.query_one("#who-to-look-for")
        nose = next(c for c in app.screen.query(ProcedureCard) if c.view.id == "rhinoplasty")
        assert nose.view.registers


BOOK_WITH_REGISTERS = (
    MINIMAL_BOOK.replace(
        "    practitioner: A plastic surgeon.\n",
        "    practitioner: A plastic surgeon.\n    registers: [plastic]\n",
    )
    + """
registers:
  - {id: plastic, name: Plastic surgeons, who: They reshape., uk: Check the register., us: Check the board.}
  - {id: unused, name: Nobody, who: Nobody at all., uk: Nothing., us: Nothing.}
who_to_look_for: Check whoever treats you.
"""
)


def test_an_unknown_register_is_an_error_with_a_place(write_rules):
    folder = write_rules(
        **{"book.yaml": BOOK_WITH_REGISTERS.replace("registers: [plastic]", "registers: [plastik]")}
    )
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    problem = next(p for p in caught.value.problems if "plastik" in p.message)
    assert "unknown register 'plastik'" in problem.message and "did you mean 'plastic'" in problem.message
    assert problem.line > 0


def test_lint_warns_of_a_register_no_procedure_names(write_rules):
    book = load_rulebook(write_rules(**{"book.yaml": BOOK_WITH_REGISTERS}))
    messages = [p.message for p in lint(book)]
    assert any("no procedure names the register 'unused'" in m for m in messages)
    assert not any("'plastic'" in m for m in messages)
    assert book.who_to_look_for == "Check whoever treats you."
