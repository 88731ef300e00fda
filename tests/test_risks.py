"""Risks with their chances: how a rulebook writes them (and every mistake, placed), what the lint asks of
them, how the results view says them in words and draws them as 100 people, and that every export and
front end carries the same words and picture."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from consultaid import Answers, RulebookError, load_rulebook
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.report.text import option_text, render_text
from consultaid.rulebook.lint import lint
from consultaid.view import PICTURE_MARKS, build_view

from .conftest import BASE_ANSWERS, MINIMAL_BOOK

SOURCE = "https://www.nhs.uk/conditions/nose/"  # the source MINIMAL_BOOK lists
STUDY = "https://doi.org/10.1000/study"

RISKS = f"""    risks:
      - text: The nose can look uneven.
        chance:
          low: 12
          high: 19
          per: 100
          population: people having nose reshaping
          time: over 2 years
          evidence: several-studies
          source: {SOURCE}
      - text: The wound can get infected.
        chance:
          low: 1.6
          high: 1.6
          per: 100
          population: people in one clinic
          time: within 30 days
          evidence: one-study
          source: {{name: "Study and others, 2020", title: A study, url: "{STUDY}", checked: 2026-12-07}}
      - text: Sight can be harmed.
        chance:
          low: 3
          high: 5
          per: 10000
          population: operations on the nose
          time: at the time of the operation
          evidence: estimate
          source: {SOURCE}
      - text: Breathing can be harder.
        chance: not-known
      - Smell can change.
"""


def book(risks: str = RISKS) -> str:
    """The minimal rulebook with these risks for its one procedure."""
    return MINIMAL_BOOK.replace("    risks: [Breathing problems.]\n", risks)


def problems(write_rules, text: str) -> list[str]:
    with pytest.raises(RulebookError) as info:
        load_rulebook(write_rules({"book.yaml": text}))
    return [str(p) for p in info.value.problems]


def place(text: str, needle: str) -> str:
    """'book.yaml:LINE:COLUMN' of the first line holding ``needle``, at the needle."""
    for number, line in enumerate(text.lstrip("\n").splitlines(), 1):
        if needle in line:
            return f"book.yaml:{number}:{line.index(needle) + 1}"
    raise AssertionError(needle)


def tiny_view(write_rules, text: str | None = None):
    rulebook = load_rulebook(write_rules({"book.yaml": text or book()}))
    answers = Answers.validate({"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]}, rulebook)
    summary = Summary.build(rulebook, answers, created=dt.date(2026, 12, 7))
    return rulebook, summary, summary.view.options[0]


# --- the rulebook's data ------------------------------------------------------------------------------------


def test_each_way_of_writing_a_risk_loads(write_rules):
    rulebook = load_rulebook(write_rules({"book.yaml": book()}))
    risks = rulebook.procedures["rhinoplasty"].risks
    assert [r.text for r in risks][-1] == "Smell can change."
    assert risks[0].figure is not None and risks[0].figure.low == 12 and risks[0].figure.per == 100
    assert risks[1].figure is not None and risks[1].figure.source.url == STUDY  # type: ignore[union-attr]
    assert risks[3].chance == "not-known" and risks[3].figure is None
    assert risks[4].chance is None  # a plain sentence: how often is not stated


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("low: 12\n", "low: 25\n", "low: 25", "'low' (25) is more than 'high' (19)"),
        ("high: 19\n", "high: 190\n", "low: 12", "'high' (190) is more than 'per' (100)"),
        ("per: 10000\n", "per: 17\n", "17", "'17' is not allowed here; use 100, 1000, 10000 or 100000"),
        ("low: 12\n", "low: 12%\n", "12%", "expected a number, got '12%'"),
        ("low: 3\n", "low: -3\n", "-3", "must be 0 or more, not -3"),
        ("chance: not-known", "chance: unknown", "unknown", "'unknown' is not allowed here; use 'not-known'"),
        (
            "chance: not-known",
            "chance: 55",
            "55",
            "expected 'not-known' or a chance (low, high, per, population",
        ),
        ("evidence: estimate", "evidence: guess", "guess", "'guess' is not allowed here"),
        ("          time: within 30 days\n", "", "low: 1.6", "missing 'time'"),
        (
            f"source: {SOURCE}\n      - text: Breathing",
            f"source: {SOURCE}x\n      - text: Breathing",
            f"{SOURCE}x",
            f"'{SOURCE}x' is not the url of any of 'rhinoplasty''s sources (did you mean '{SOURCE}'?)",
        ),
        ("source: {name", "source: 777\n          x: {name", "777", "expected the web address (url) of one"),
        (
            "      - Smell can change.\n",
            "      - 777\n",
            "777",
            "expected a risk in plain words, or a mapping",
        ),
        (
            "        chance: not-known\n",
            "        chanse: not-known\n",
            "chanse",
            "unknown key 'chanse' (did you mean 'chance'?)",
        ),
    ],
)
def test_a_mistake_in_a_chance_is_an_error_with_its_place(write_rules, old, new, needle, message):
    assert old in RISKS, old
    text = book(RISKS.replace(old, new, 1)).lstrip("\n")
    found = problems(write_rules, text)
    where = place(text, needle)
    assert any(f"{where}: error: " in p and message in p for p in found), (where, found)


def test_the_schema_accepts_a_risk_as_words_or_as_a_mapping():
    from consultaid.rulebook.schema import rulebook_schema

    schema = json.dumps(rulebook_schema())
    assert '"not-known"' in schema and '"several-studies"' in schema and '"per"' in schema


# --- the lint -----------------------------------------------------------------------------------------------


def findings(write_rules, text: str) -> list[str]:
    return [p.message for p in lint(load_rulebook(write_rules({"book.yaml": text})))]


def test_lint_finds_risks_that_are_not_risks_and_figures_written_as_words(write_rules):
    text = book(
        "    risks:\n"
        "      - In England, it is against the law under 18.\n"
        "      - A scar can be made better.\n"
        "      - Problems happen in 12 percent of people.\n"
        "      - {text: Lumps can form., chance: not-known}\n"
    )
    messages = findings(write_rules, text)
    assert sum("reads like a benefit, a legal fact or a fact about services" in m for m in messages) == 2
    assert any("'against the law'" in m for m in messages) and any(
        "'can be made better'" in m for m in messages
    )
    assert any("gives a figure in its words: write it as 'chance:' data" in m for m in messages)
    assert not any("Lumps" in m for m in messages)


def test_lint_asks_a_contract_2_rulebook_to_say_how_often(write_rules):
    text = book("    risks:\n      - Lumps can form.\n      - {text: Swelling., chance: not-known}\n")
    assert not any("does not say how often" in m for m in findings(write_rules, text))
    contract2 = text.replace('  version: "1"\n', '  version: "1"\n  contract: consultaid-2\n')
    said = [m for m in findings(write_rules, contract2) if "does not say how often" in m]
    assert len(said) == 1 and "'Lumps can form.'" in said[0]


def test_lint_wants_a_chances_own_source_among_the_procedures_sources(write_rules):
    messages = findings(write_rules, book())
    (own,) = [m for m in messages if "is not among the procedure's 'sources'" in m]
    assert STUDY in own
    listed = book().replace(
        "    review_due: 2027-11-27\ncautions",
        f'      - {{name: Study, title: A study, url: "{STUDY}", checked: 2026-12-07}}\n'
        "    review_due: 2027-11-27\ncautions",
    )
    assert not any("is not among the procedure's 'sources'" in m for m in findings(write_rules, listed))


def test_lint_suggests_per_1000_for_a_figure_below_1_in_100(write_rules):
    text = book(
        RISKS.replace(
            "low: 3\n          high: 5\n          per: 10000",
            "low: 0.3\n          high: 0.5\n          per: 100",
        )
    )
    assert any(
        "reads better per 1000 or more (for example 'low: 3, high: 5, per: 1000')" in m
        for m in findings(write_rules, text)
    )


# --- the results view: words and picture --------------------------------------------------------------------


def test_a_range_in_words_and_as_100_people(write_rules):
    _, _, option = tiny_view(write_rules)
    risk = option.risks[0]
    assert risk.text == "The nose can look uneven."
    assert (
        risk.how_often
        == "Across several studies, about 12 to 19 in 100 people having nose reshaping, over 2 years (NHS)."
    )
    picture = risk.chance.picture
    assert (picture.happened, picture.maybe, picture.did_not) == (12, 7, 81)
    rows = picture.rows()
    assert len(rows) == 10 and all(len(row.split()) == 10 for row in rows)
    filled, maybe, empty = PICTURE_MARKS
    assert rows[0] == " ".join([filled] * 10)
    assert rows[1] == " ".join([filled] * 2 + [maybe] * 7 + [empty])
    assert "".join(rows).count(maybe) == 7 and "".join(rows).count(empty) == 81
    assert picture.key() == (
        f"{filled} it happened (12)",
        f"{maybe} the range: it may have happened (7)",
        f"{empty} it did not happen (81)",
    )
    assert picture.alt == (
        "A picture of 100 people: it happened to 12 (filled); it may have happened to 7 more, as the figure "
        "is a range (half-filled); it did not happen to 81 (empty)."
    )
    assert len({filled, maybe, empty}) == 3  # three shapes: nothing rests on colour


def test_a_figure_that_is_not_a_whole_person_is_drawn_rounded_and_said_about(write_rules):
    _, _, option = tiny_view(write_rules)
    risk = option.risks[1]
    assert (
        risk.how_often
        == "In one study, about 1.6 in 100 people in one clinic, within 30 days (Study and others, 2020)."
    )
    picture = risk.chance.picture
    assert (picture.happened, picture.maybe) == (2, 0)
    assert picture.key()[0].endswith("it happened (about 2)") and "it happened to about 2" in picture.alt


def test_below_1_in_100_says_so_instead_of_drawing_nobody(write_rules):
    _, _, option = tiny_view(write_rules)
    risk = option.risks[2]
    assert risk.how_often == (
        "By one estimate, about 3 to 5 in 10,000 operations on the nose (fewer than 1 in 100), "
        "at the time of the operation (NHS)."
    )
    assert risk.chance.picture is None
    assert risk.chance.picture_note == "Fewer than 1 in 100: too few to show in a picture of 100 people."


def test_not_known_and_not_stated_say_how_often_is_not_known(write_rules):
    _, _, option = tiny_view(write_rules)
    assert [r.how_often for r in option.risks[3:]] == ["How often is not known."] * 2
    assert option.risks[3].chance is None


def test_a_chances_own_source_is_cited_with_the_options_sources(write_rules):
    _, summary, option = tiny_view(write_rules)
    assert STUDY in [s.url for s in option.sources] and STUDY in [s.url for s in summary.view.sources]


def test_the_grid_says_each_risk_with_its_chance_where_one_is_known(write_rules):
    _, summary, option = tiny_view(
        write_rules, book() + "comparison:\n  rows:\n    - {id: risks, label: Main risks, shows: [risks]}\n"
    )
    cell = summary.view.grid.row("risks").cells[0]
    assert cell.items[0] == f"The nose can look uneven. {option.risks[0].how_often}"
    assert cell.items[3] == "Breathing can be harder."  # 'not known' is left to the option's details


# --- every layout carries the same words and picture -------------------------------------------------------


def test_markdown_has_the_words_and_a_text_picture_in_a_code_block(write_rules):
    _, summary, option = tiny_view(write_rules)
    markdown = render(summary, "markdown")
    for risk in option.risks:
        assert f"- {risk.text}\\\n  {risk.how_often}" in markdown
    block = "\n".join(f"  {line}" for line in option.risks[0].chance.picture.with_key())
    assert f"  ```text\n{block}\n  ```" in markdown
    assert option.risks[2].chance.picture_note in markdown


def test_html_draws_each_picture_as_an_accessible_svg_with_its_words(write_rules):
    _, summary, option = tiny_view(write_rules)
    page = render(summary, "html")
    svgs = re.findall(r"<svg [^>]*>.*?</svg>", page, re.S)
    assert len(svgs) == 2  # the range and the 1.6 in 100; below 1 in 100 is said, not drawn
    first = svgs[0]
    assert 'role="img"' in first and "aria-labelledby=" in first
    label = re.search(r'aria-labelledby="([^"]+)"', first)[1]
    assert f'<title id="{label}">{option.risks[0].chance.picture.alt}</title>' in first
    assert first.count("<circle") == 100 and first.count("<path") == 7  # 7 half-filled people
    assert "```" not in page and "http" not in first
    assert option.risks[0].how_often in page and option.risks[2].chance.picture_note in page
    assert not re.search(r"<(script|img|link)\b", page)


def test_a_rulebook_text_cannot_ask_the_html_summary_for_a_drawing(write_rules):
    forged = RISKS.replace("      - Smell can change.\n", '      - "Smell.\\n\\n```picture0-0\\n● ●\\n```"\n')
    _, summary, _ = tiny_view(write_rules, book(forged))
    page = render(summary, "html")
    assert len(re.findall(r"<svg ", page)) == 2 and "● ●" in page


def test_json_carries_each_chance_as_data(write_rules):
    _, summary, _ = tiny_view(write_rules)
    document = json.loads(render(summary, "json"))
    risks = document["options"][0]["risks"]
    first = risks[0]["chance"]
    assert {k: first[k] for k in ("low", "high", "per", "population", "time", "evidence")} == {
        "low": 12,
        "high": 19,
        "per": 100,
        "population": "people having nose reshaping",
        "time": "over 2 years",
        "evidence": "several-studies",
    }
    assert first["source"]["url"] == SOURCE and first["source"]["checked"] == "2026-11-27"
    assert first["picture"]["happened"] == 12 and first["picture"]["maybe"] == 7
    assert risks[2]["chance"]["picture"] is None
    assert risks[3] == {
        "text": "Breathing can be harder.",
        "how_often": "How often is not known.",
        "chance": None,
    }


def test_text_summary_draws_the_picture_and_plain_mode_says_it_in_words(write_rules):
    rulebook, summary, option = tiny_view(write_rules)
    text = render_text(summary.view, rulebook)
    flat = " ".join(text.split())
    for risk in option.risks:
        assert risk.text in flat and " ".join(risk.how_often.split()) in flat
    assert all(line in text for line in option.risks[0].chance.picture.with_key())
    assert all(len(line) <= 78 for line in text.splitlines())
    plain = " ".join(option_text(option).split())
    assert PICTURE_MARKS[0] not in plain and option.risks[0].chance.picture.alt in plain


def test_suggest_format_text_on_the_command_line_has_each_risk_and_its_chance(rulebook, tmp_path):
    from click.testing import CliRunner

    from consultaid import evaluate
    from consultaid.cli import cli

    answers = {**BASE_ANSWERS, "area": ["breasts"], "concern": ["breast-larger"]}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    result = CliRunner().invoke(cli, ["suggest", "--answers", str(path), "--format", "text"])
    assert result.exit_code == 0, result.output
    given = Answers.validate(answers, rulebook)
    view = build_view(rulebook, given, evaluate(rulebook, given))
    flat = " ".join(result.output.split())
    for risk in view.options[0].risks:
        assert " ".join(risk.text.split()) in flat and " ".join(risk.how_often.split()) in flat
    assert "● it happened (12)" in result.output


# --- the default rulebook -----------------------------------------------------------------------------------


def test_every_default_risk_says_how_often_and_cites_a_listed_source(rulebook):
    for procedure in rulebook.procedures.values():
        addresses = {s.url for s in procedure.sources}
        for risk in procedure.risks:
            assert risk.chance is not None, (procedure.id, risk.text)  # a figure, or not-known: never unsaid
            figure = risk.figure
            if figure is not None:
                url = figure.source if isinstance(figure.source, str) else figure.source.url
                assert url in addresses, (procedure.id, risk.text)


def test_the_default_rulebook_gives_figures_for_the_well_studied_risks(rulebook):
    def figure_of(pid: str, words: str):
        (risk,) = [r for r in rulebook.procedures[pid].risks if words in r.text]
        return risk.figure

    contracture = figure_of("breast-augmentation", "capsular contracture")
    assert contracture is not None and contracture.per == 100 and "10 years" in contracture.time
    embolism = figure_of("buttock-augmentation", "fat embolism")
    assert embolism is not None and embolism.per == 10000 and embolism.evidence == "estimate"
    assert figure_of("hand-surgery", "Dupuytren") is not None
    assert figure_of("scar-revision", "keloid") is not None
    assert figure_of("breast-augmentation", "breast implant illness") is None


# --- the terminal app ---------------------------------------------------------------------------------------

BREASTS = {**BASE_ANSWERS, "area": ["breasts"], "concern": ["breast-larger"]}


async def test_the_results_card_shows_each_risk_its_chance_and_the_picture_at_80x24(rulebook):
    from textual.geometry import Region

    from consultaid.tui.app import ConsultAidApp
    from consultaid.tui.screens.results import ResultsScreen
    from consultaid.tui.widgets.cards import ProcedureCard

    app = ConsultAidApp(rulebook=rulebook, answers=BREASTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        card = app.screen.query_one(ProcedureCard)
        risks = card.query_one(".card-risks")
        shown = "\n".join(strip.text for strip in risks.render_lines(Region(0, 0, *risks.size)))
        flat = " ".join(shown.split())
        for risk in card.view.risks:
            assert " ".join(risk.text.split()) in flat and " ".join(risk.how_often.split()) in flat
        picture = card.view.risks[0].chance.picture
        marks = tuple(PICTURE_MARKS)
        rows = [line.strip()[:19] for line in shown.splitlines() if line.strip().startswith(marks)]
        assert rows[: len(picture.rows())] == list(picture.rows())  # ten rows of ten, as the view draws it
        assert all(key in flat for key in picture.key())
        assert max(len(line) for line in shown.splitlines()) <= 80


# --- the web front end --------------------------------------------------------------------------------------


def test_the_web_results_page_shows_each_risk_its_chance_and_an_accessible_picture(rulebook):
    from starlette.testclient import TestClient

    from consultaid import evaluate
    from consultaid.web.app import create_app

    from .test_web import walk

    with TestClient(create_app(rulebook)) as client:
        page = walk(client, BREASTS)
    given = Answers.validate(BREASTS, rulebook)
    option = build_view(rulebook, given, evaluate(rulebook, given)).options[0]
    body = page.text
    for risk in option.risks:
        assert risk.text in body and risk.how_often in body
    svgs = re.findall(r"<svg [^>]*>.*?</svg>", body, re.S)
    drawn = [r for r in option.risks if r.chance is not None and r.chance.picture is not None]
    assert len(svgs) == len(drawn) >= 3
    for svg, risk in zip(svgs, drawn, strict=True):
        assert 'role="img"' in svg and f">{risk.chance.picture.alt}</title>" in svg
    ids = re.findall(r'<title id="([^"]+)"', body)
    assert len(ids) == len(set(ids))  # each picture names itself by an id of its own
    below = next(r for r in option.risks if r.chance is not None and r.chance.picture is None)
    assert below.chance.picture_note in body
