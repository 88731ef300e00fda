"""A Result as readable plain text, for ``consultaid suggest --format text`` and for terminals without
colour."""

from __future__ import annotations

import textwrap

from ..result import Result
from ..rulebook.book import Rulebook
from ..words import LEVEL_WORDS, PURPOSE_WORDS


def _wrap(text: str, indent: str = "  ", width: int = 78) -> str:
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent)


def render_text(result: Result, rulebook: Rulebook, *, width: int = 78) -> str:
    """The whole result: caution points first (critical at the top), then suggestions, then what was left
    out."""
    lines: list[str] = [f"ConsultAid summary ({rulebook.info.title}, version {rulebook.info.version})", ""]
    lines.append("Points to bear in mind")
    lines.append("-" * 22)
    for caution in result.cautions:
        lines.append(f"[{LEVEL_WORDS[caution.level]}] {caution.title}")
        lines.append(_wrap(caution.text, width=width))
        for reason in caution.reasons:
            lines.append(_wrap(f"Why: {reason.because}", width=width))
        lines.append("")

    lines.append("Options worth discussing at a consultation")
    lines.append("-" * 42)
    if not result.suggestions:
        lines.append(_wrap("None of the procedures in this guide matched your answers.", width=width))
        lines.append("")
    for suggestion in result.suggestions:
        procedure = rulebook.procedures[suggestion.id]
        kind = "surgery" if suggestion.surgical else "not surgery"
        lines.append(f"* {suggestion.name} ({kind}; {PURPOSE_WORDS[suggestion.purpose]})")
        lines.append(_wrap(procedure.summary, width=width))
        lines.append(_wrap(f"How long it lasts: {procedure.lasts}", width=width))
        lines.append(_wrap(f"Recovery: {procedure.recovery}", width=width))
        for reason in suggestion.reasons:
            lines.append(_wrap(f"Why it is shown: {reason.because}", width=width))
        lines.append("")

    if result.left_out:
        lines.append("Left out, as you asked")
        lines.append("-" * 22)
        for item in result.left_out:
            lines.append(
                _wrap(f"{rulebook.procedures[item.id].name}: {item.because}", indent="* ", width=width)
            )
        lines.append("")
    if result.not_answered:
        lines.append("Not answered (the results were made without these)")
        lines.append("-" * 50)
        for qid in result.not_answered:
            lines.append(_wrap(rulebook.question(qid).text, indent="* ", width=width))
        lines.append("")
    lines.append(
        _wrap(
            "This is not medical advice. Take this summary to a consultation with a qualified "
            "practitioner or your GP.",
            indent="",
            width=width,
        )
    )
    return "\n".join(lines).rstrip() + "\n"
