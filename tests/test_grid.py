"""The comparison grid: the options shown and waiting side by side, with the rulebook's rows; built once in
the results view, laid out by text, Markdown, HTML and JSON; and what `rules check` says about it."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from consultaid import Answers, evaluate, load_rulebook
from consultaid.errors import RulebookError
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.report.text import render_text
from consultaid.rulebook.lint import lint
from consultaid.view import build_view
from consultaid.words import PERMANENCE_WORDS

from .conftest import BASE_ANSWERS, MINIMAL_BOOK, ROOT

ONE = {}
TWO = {"area": ["face"], "concern": ["face-sagging", "face-volume-loss"]}
FOUR = {"area": ["face", "skin"], "concern": ["face-sagging", "face-volume-loss", "skin-lines"]}
PEOPLE = {"one option": ONE, "two options": TWO, "four options": FOUR}


def summary_for(rulebook, changes) -> Summary:
    answers = Answers.validate({**BASE_ANSWERS, **changes}, rulebook)
    return Summary.build(rulebook, answers, created=dt.date(2026, 11, 27))


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_every_option_shown_and_waiting_is_a_column_and_every_row_is_the_rulebooks(rulebook, who):
    summary = summary_for(rulebook, PEOPLE[who])
    grid = summary.view.grid
    assert grid is not None
    assert grid.columns == tuple(o.name for o in summary.view.every_option)
    assert grid.column_ids == tuple(s.id for s in summary.result.suggestions) + ("no-procedure",)
    assert [r.id for r in grid.rows] == [r.id for r in rulebook.comparison.rows]
    assert [r.label for r in grid.rows] == [r.label for r in rulebook.comparison.rows]
    assert all(len(row.cells) == len(grid.columns) for row in grid.rows)
    assert len(grid.columns) == {"one option": 2, "two options": 3, "four options": 5}[who]


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_each_column_holds_its_options_own_recovery_permanence_risks_and_scars(rulebook, who):
    summary = summary_for(rulebook, PEOPLE[who])
    grid = summary.view.grid
    assert grid is not None
    for index, suggestion in enumerate(summary.result.suggestions):
        procedure = rulebook.procedures[suggestion.id]
        column = " ".join(cell.flat(" ") for _, cell in grid.column(index))
        assert procedure.recovery in column
        assert PERMANENCE_WORDS[procedure.permanence].capitalize() in column
        assert procedure.upkeep in column
        assert all(getattr(risk, "text", risk) in column for risk in procedure.risks)
        assert procedure.summary in column
        assert "Surgery." in column if procedure.surgical else "Not surgery." in column
        # nothing of another option's own data leaks into this column
        for other in summary.result.suggestions:
            if other.id != suggestion.id and rulebook.procedures[other.id].recovery != procedure.recovery:
                assert rulebook.procedures[other.id].recovery not in column
    waiting = " ".join(cell.flat(" ") for _, cell in grid.column(len(grid.columns) - 1))
    assert rulebook.no_procedure.summary in waiting and rulebook.no_procedure.upkeep in waiting
    assert all(text in waiting for text in rulebook.no_procedure.compare.values())


def test_no_cell_of_the_default_rulebook_is_empty(rulebook):
    for who in PEOPLE.values():
        grid = summary_for(rulebook, who).view.grid
        assert grid is not None
        for row in grid.rows:
            for cell in row.cells:
                assert cell.lines and "Not stated" not in cell.flat()


def _columns_in_text(text: str, grid) -> None:
    """Each row's label, then each option's name with its cell, in order (text wraps lines: compare words)."""
    words = " ".join(text.split())
    start = words.index("Compare the options side by side")
    at = start
    for row in grid.rows:
        at = words.index(row.label, at)
        for name, cell in zip(grid.columns, row.cells, strict=True):
            at = words.index(f"{name}:", at)
            for line in cell.lines:
                at = words.index(" ".join(line.split()), at)


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_suggest_text_shows_the_grid_row_by_row(rulebook, who):
    summary = summary_for(rulebook, PEOPLE[who])
    text = render_text(summary.view, rulebook)
    _columns_in_text(text, summary.view.grid)
    grid_part = text[text.index("Compare the options") : text.index("Options worth discussing")]
    assert all(len(line) <= 78 for line in grid_part.splitlines())
    # the grid comes before the option cards
    assert text.index("Compare the options side by side") < text.index("Options worth discussing")


def test_suggest_format_text_on_the_command_line_has_the_grid(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({**BASE_ANSWERS, **TWO}))
    out = subprocess.run(
        [sys.executable, "-m", "consultaid", "suggest", "--answers", str(answers), "--format", "text"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "Compare the options side by side (3 options)" in out.stdout
    assert "Recovery time" in out.stdout and "Main risks" in out.stdout


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_markdown_has_the_grid_as_one_table_with_a_column_per_option(rulebook, who):
    summary = summary_for(rulebook, PEOPLE[who])
    grid = summary.view.grid
    markdown = render(summary, "markdown")
    part = markdown[markdown.index("## Compare the options side by side") :]
    table = [line for line in part.splitlines()[2:] if line.startswith("|")][: len(grid.rows) + 2]
    header = table[0]
    for name in grid.columns:
        assert f"**{name}**" in header
    for line, row in zip(table[2:], grid.rows, strict=True):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert cells[0] == f"**{row.label}**"
        assert len(cells) == len(grid.columns) + 1
        for shown, cell in zip(cells[1:], row.cells, strict=True):
            for text in cell.lines:
                assert text.replace("|", "\\|") in shown


def test_html_prints_the_grid_on_a_page_of_its_own_with_every_cell(rulebook):
    summary = summary_for(rulebook, FOUR)
    page = render(summary, "html")
    assert '<h2 class="grid-title">Compare the options side by side</h2>' in page
    assert page.count('<table class="grid">') == 1
    assert "size: A4" in page and "break-before: page" in page
    grid_html = page[page.index('<table class="grid">') : page.index("</table>", page.index('class="grid"'))]
    import html as html_

    for row in summary.view.grid.rows:
        assert html_.escape(row.label) in grid_html
        for cell in row.cells:
            for text in cell.lines:
                assert html_.escape(text, quote=False) in grid_html
    # the two-column benefits tables are not grids
    assert page.count("<table>") >= len(summary.view.every_option)


def test_json_holds_the_grid(rulebook):
    summary = summary_for(rulebook, TWO)
    document = json.loads(render(summary, "json"))
    grid = document["comparison"]
    assert grid["columns"] == list(summary.view.grid.columns)
    assert [r["id"] for r in grid["rows"]] == [r.id for r in summary.view.grid.rows]


def test_nothing_matched_shows_no_grid_in_the_summaries(rulebook):
    summary = summary_for(rulebook, {"goal": "function", "area": ["face"], "concern": ["face-sagging"]})
    assert summary.view.nothing_matched
    assert "Compare the options" not in render(summary, "markdown")
    assert "Compare the options" not in render_text(summary.view, rulebook)


# --- the rulebook: rows, the options' own words, and the checks -----------------------------------------

COMPARISON = """comparison:
  rows:
    - {id: recovery, label: Recovery time, shows: [recovery]}
    - {id: public, label: On public health services}
"""


def test_a_row_that_shows_nothing_takes_each_options_own_words(write_rules):
    text = MINIMAL_BOOK.replace(
        "    scarring: small\n", '    scarring: small\n    compare: {public: "Sometimes, for breathing."}\n'
    )
    book = load_rulebook(write_rules({"book.yaml": text + COMPARISON}))
    answers = Answers.validate(
        {"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]}, book, complete=False
    )
    view = build_view(book, answers, evaluate(book, answers))
    assert view.grid is not None
    assert view.grid.row("public").cells[0].text == "Sometimes, for breathing."
    assert view.grid.row("recovery").cells[0].text == "Two weeks."
    assert not [p for p in lint(book) if "comparison" in p.message]


def test_an_option_without_words_for_a_row_is_flagged_with_the_row_and_what_to_add(write_rules):
    folder = write_rules({"book.yaml": MINIMAL_BOOK + COMPARISON})
    problems = [p for p in lint(load_rulebook(folder)) if "comparison" in p.message]
    assert [p.message for p in problems] == [
        "procedure 'rhinoplasty' has no comparison words for row 'public' (On public health services): its "
        "column would say nothing there; add them under it, as 'compare: {public: ...}'"
    ]
    assert problems[0].line == MINIMAL_BOOK.lstrip("\n").splitlines().index("  - id: rhinoplasty") + 1
    out = subprocess.run(
        [sys.executable, "-m", "consultaid", "rules", "check", str(folder), "--strict"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "no comparison words for row 'public'" in out.stderr


def test_a_rulebook_without_comparison_rows_is_flagged(write_rules):
    problems = lint(load_rulebook(write_rules({"book.yaml": MINIMAL_BOOK})))
    assert any("declares no comparison rows" in p.message for p in problems)


def test_words_for_a_row_that_does_not_exist_are_an_error_with_the_place(write_rules):
    text = MINIMAL_BOOK.lstrip("\n").replace(
        "    scarring: small\n", "    scarring: small\n    compare: {publik: Sometimes.}\n"
    )
    with pytest.raises(RulebookError) as caught:
        load_rulebook(write_rules({"book.yaml": text + COMPARISON}))
    (problem,) = caught.value.problems
    assert problem.message == "'publik' is not a row of the comparison rows (did you mean 'public'?)"
    line = text.splitlines().index("    compare: {publik: Sometimes.}") + 1
    assert (problem.line, problem.column) == (line, 15)


def test_a_row_field_that_does_not_exist_is_an_error(write_rules):
    bad = COMPARISON.replace("shows: [recovery]", "shows: [recovery-time]")
    with pytest.raises(RulebookError) as caught:
        load_rulebook(write_rules({"book.yaml": MINIMAL_BOOK + bad}))
    assert "recovery-time" in str(caught.value.problems[0]) or "recovery" in caught.value.problems[0].message


def test_the_schema_knows_the_comparison_and_the_options_words(rulebook):
    from consultaid.rulebook.schema import rulebook_schema

    schema = rulebook_schema()
    assert "comparison" in schema["properties"]
    defs = schema["$defs"]
    assert "compare" in defs["Procedure"]["properties"] and "compare" in defs["NoProcedure"]["properties"]
    assert "recovery" in json.dumps(defs["ComparisonRow"])
    assert load_rulebook(ROOT / "rules").comparison is not None


# --- the exports' grids against the result ------------------------------------------------------------------


class _TableCells(__import__("html.parser").parser.HTMLParser):
    """The text of each cell of the summary's grid table (``<table class="grid">``), row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "grid") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data + " ")


def _exported_columns(text: str, fmt: str) -> list[str]:
    """Each column of the exported grid as one text (its header, then every row's cell), read back from
    the file as a person's program would: the Markdown table's cells, or the HTML table's."""
    if fmt == "markdown":
        lines = text[text.index("## Compare the options side by side") :].splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("|"))
        end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
        table = [line for line in lines[start:end] if not line.startswith("|---")]
        rows = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in table]
        rows = [[c.replace("\\|", "|").replace("**", "") for c in row] for row in rows]
    else:
        parser = _TableCells()
        parser.feed(text)
        rows = parser.rows
    width = len(rows[0])
    assert all(len(row) == width for row in rows), rows
    return [" ".join(row[i] for row in rows) for i in range(1, width)]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_every_exported_grid_holds_each_options_recovery_permanence_and_risks_in_its_own_column(
    rulebook, who, fmt
):
    summary = summary_for(rulebook, PEOPLE[who])
    columns = _exported_columns(render(summary, fmt), fmt)
    suggestions = summary.result.suggestions
    assert len(columns) == len(suggestions) + 1  # every option the result shows, then waiting
    for suggestion, column in zip(suggestions, columns, strict=False):
        procedure = rulebook.procedures[suggestion.id]
        assert column.startswith(procedure.name)  # the header: the column is this option's
        assert procedure.recovery in column, (suggestion.id, column)
        assert PERMANENCE_WORDS[suggestion.permanence].capitalize() in column, (suggestion.id, column)
        for risk in procedure.risks:
            assert getattr(risk, "text", risk) in column, (suggestion.id, risk)
        for other in suggestions:
            if other.id != suggestion.id and rulebook.procedures[other.id].recovery != procedure.recovery:
                assert rulebook.procedures[other.id].recovery not in column
    waiting = columns[-1]
    assert waiting.startswith(rulebook.no_procedure.title) and rulebook.no_procedure.upkeep in waiting
