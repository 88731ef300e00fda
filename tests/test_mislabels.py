"""Labels that contradict the text: what the clinical review found, each fixed in the default rulebook, and
the lint that finds their kind."""

from __future__ import annotations

from consultaid import Answers, evaluate, load_rulebook
from consultaid.rulebook.lint import lint
from consultaid.view import build_view

from .test_lint import CLEAN, only, place


def view_for(rulebook, person, **answers):
    chosen = Answers.validate(person(**answers), rulebook)
    return build_view(rulebook, chosen, evaluate(rulebook, chosen))


# --- the lint ---------------------------------------------------------------------------------------------


def test_no_scar_while_the_risks_say_it_can_scar_is_flagged(write_rules):
    text = CLEAN.replace("    scarring: small\n", "    scarring: none\n").replace(
        "risks: [Breathing problems.]", "risks: [Breathing problems., It can leave scars.]"
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "procedure 'rhinoplasty' says 'scarring: none', but its risks say it can scar "
        "('It can leave scars.'): use 'scarring: possible' (no cuts, but it can scar), 'small' or 'visible'"
    )
    assert problem.line == place(text, "scarring: none")[0]


def test_a_scar_the_option_treats_is_not_a_scar_it_leaves(write_rules):
    text = CLEAN.replace("    scarring: small\n", "    scarring: none\n").replace(
        "risks: [Breathing problems.]", 'risks: ["It cannot remove a scar, only improve it."]'
    )
    assert lint(load_rulebook(write_rules({"book.yaml": text}))) == []


def test_possible_scarring_is_a_label_of_its_own(write_rules):
    text = CLEAN.replace("    scarring: small\n", "    scarring: possible\n").replace(
        "risks: [Breathing problems.]", "risks: [It can leave scars.]"
    )
    assert lint(load_rulebook(write_rules({"book.yaml": text}))) == []


def test_a_caution_that_quotes_a_study_without_a_source_is_flagged(write_rules):
    text = CLEAN.replace(
        "text: Surgery is permanent.", "text: Surgery is permanent. A 2020 study found this in most people."
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "caution 'permanence' quotes research ('study') but lists no source: add it under 'sources:' "
        "(name, title, address, the date you read it)"
    )
    assert problem.line == place(text, "A 2020 study")[0]


# --- the default rulebook ---------------------------------------------------------------------------------


def test_laser_is_not_labelled_scar_free(rulebook, person):
    laser = rulebook.procedures["laser-resurfacing"]
    assert laser.scarring == "possible" and any("scar" in r.text for r in laser.risks)
    view = view_for(
        rulebook,
        person,
        area=["skin"],
        concern=["skin-texture"],
        approach="non-surgical-only",
        priorities=["few-scars"],
    )
    (option,) = [o for o in view.options if o.id == "laser-resurfacing"]
    assert [(f.label, f.level) for f in option.fits] == [("As few scars as possible", "depends")]
    cell = view.grid.row("scars").cells[view.grid.column_ids.index("laser-resurfacing")]
    assert cell.text == "No cuts, but it can leave scars."


def test_the_temporary_results_caution_comes_only_with_an_option_that_wears_off(rulebook, person):
    # Laser resurfacing is long-lasting: the caution that results wear off is shown only when an option whose
    # permanence is 'temporary' is among the options (never because of the laser).
    assert rulebook.procedures["laser-resurfacing"].permanence == "long-lasting"
    for concern in ("skin-texture", "skin-lines"):
        view = view_for(rulebook, person, area=["skin"], concern=[concern], approach="non-surgical-only")
        assert "laser-resurfacing" in [o.id for o in view.options]
        temporary = [o.id for o in view.options if rulebook.procedures[o.id].permanence == "temporary"]
        shown = [c for c in view.cautions if c.id == "temporary-results"]
        assert bool(shown) == bool(temporary), (concern, temporary)
        if shown:
            assert "some treatments" in shown[0].text


def test_the_lower_body_lift_study_is_cited(rulebook):
    procedure = rulebook.procedures["lower-body-lift"]
    cited = [s for s in procedure.sources if "jprasurg.com" in s.url]
    assert [str(s.checked) for s in cited] == ["2026-12-07"] and "158 people" in cited[0].title
    (common,) = [r for r in procedure.risks if r.text.startswith("Problems are common")]
    assert common.figure is not None and "jprasurg.com" in str(common.figure.source)
    # Every figure a risk gives names a source the procedure lists.
    urls = {s.url for s in procedure.sources}
    assert all(str(r.figure.source) in urls for r in procedure.risks if r.figure is not None)


def test_every_caution_that_quotes_research_lists_it(rulebook):
    assert {s.url for s in rulebook.cautions["bbl-risk"].sources} >= {"https://doi.org/10.1093/asj/sjx004"}
    assert rulebook.cautions["under-18"].sources
