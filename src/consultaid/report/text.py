"""The results as readable plain text, for ``consultaid suggest --format text`` and for terminals without
colour. It lays out the results view (:mod:`consultaid.view`) in the terminal app's order: critical points
first, an overview, the options with waiting beside them, the other points, what was left out."""

from __future__ import annotations

import textwrap

from ..rulebook.book import Rulebook
from ..view import CautionView, Grid, ResultsView
from ..words import KNOWLEDGE_TITLE, LEANING_QUESTION, NOT_ANSWERED, NOTHING_MATCHED


def _wrap(text: str, indent: str = "  ", width: int = 78) -> str:
    """Wrapped, with the lines after the first hanging under the text (not under a bullet)."""
    hang = " " * len(indent)
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=hang)


def _heading(lines: list[str], title: str) -> None:
    lines += [title, "-" * len(title)]


def _caution(lines: list[str], caution: CautionView, width: int) -> None:
    lines.append(f"[{caution.level_words}] {caution.title}")
    lines.append(_wrap(caution.text, width=width))
    for why in caution.why:
        lines.append(_wrap(f"Why: {why.because}", width=width))
    lines.append("")


def _grid(lines: list[str], grid: Grid, width: int) -> None:
    """The comparison grid, row by row: each question, then what every option says to it (columns do not fit
    a text line, and a screen reader reads it in this order too)."""
    _heading(lines, f"Compare the options side by side ({len(grid.columns)} options)")
    for row in grid.rows:
        lines.append(row.label)
        for name, cell in zip(grid.columns, row.cells, strict=True):
            lines.append(
                _wrap(f"{name}: {cell.text}" if cell.text else f"{name}:", indent="  * ", width=width)
            )
            lines += [_wrap(item, indent="      - ", width=width) for item in cell.items]
        lines.append("")


def render_text(view: ResultsView, rulebook: Rulebook, *, width: int = 78) -> str:
    """The whole result, in the order the terminal app shows it."""
    info = rulebook.info
    lines: list[str] = [f"ConsultAid summary ({info.title}, version {info.version})", ""]
    if view.critical:
        _heading(lines, "Critical points")
        for caution in view.critical:
            _caution(lines, caution, width)

    _heading(lines, "At a glance")
    lines += [_wrap(line, indent="* ", width=width) for line in view.overview()]
    lines.append("")

    if view.grid is not None and not view.nothing_matched:
        _grid(lines, view.grid, width)

    _heading(lines, "Options worth discussing at a consultation")
    if view.nothing_matched:
        lines += [_wrap(NOTHING_MATCHED, width=width), ""]
    for option in view.options:
        lines.append(f"* {option.name} ({'; '.join(option.kind)})")
        lines.append(_wrap(option.summary, width=width))
        lines.append(_wrap(f"How long it lasts: {option.lasts}", width=width))
        lines.append(_wrap(f"Recovery: {option.recovery}", width=width))
        for why in option.why:
            lines.append(_wrap(f"Why it is shown: {why.because}", width=width))
        lines.append("")
    if view.no_procedure is not None:
        waiting = view.no_procedure
        lines.append(f"* {waiting.name}")
        lines.append(_wrap(waiting.summary, width=width))
        for label, text in waiting.without_treatment:
            lines.append(_wrap(f"Without treatment ({label}): {text}", width=width))
        lines.append("")

    if view.others:
        _heading(lines, "Points to bear in mind")
        for caution in view.others:
            _caution(lines, caution, width)

    if view.left_out:
        _heading(lines, "Left out, as you asked")
        for name, because in view.left_out:
            lines.append(_wrap(f"{name}: {because}", indent="* ", width=width))
        lines.append("")
    if view.not_answered:
        _heading(lines, NOT_ANSWERED)
        for text in view.not_answered:
            lines.append(_wrap(text, indent="* ", width=width))
        lines.append("")
    if view.leaning_label:
        _heading(lines, LEANING_QUESTION)
        lines += [_wrap(f"You said: {view.leaning_label}", indent="", width=width), ""]
    if view.knowledge_answered:
        _heading(lines, KNOWLEDGE_TITLE)
        lines += [_wrap(view.knowledge_score(), indent="", width=width)]
        for item in view.knowledge_answered:
            verdict = "right" if item.right else "worth going over again"
            lines.append(
                _wrap(
                    f"{item.says} ({item.option}) You said: {item.given_words}. It is {item.truth.lower()} "
                    f"({verdict}): {item.explain}",
                    indent="* ",
                    width=width,
                )
            )
        lines.append("")
    lines.append(_wrap(view.notice, indent="", width=width))
    return "\n".join(lines).rstrip() + "\n"
