"""Renderings of a Result for people and programs: plain text, and summaries to take along.

``render(summary, fmt)`` picks the format; each renderer is imported only when used.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .summary import Summary

FORMATS = ("markdown", "html", "json", "fhir")
SUFFIXES = {"markdown": ".md", "html": ".html", "json": ".json", "fhir": ".fhir.json"}
#: How each format is offered to people, in every front end alike.
FORMAT_LABELS = {
    "markdown": "Markdown (.md): easy to read as plain text",
    "html": "HTML (.html): one page to open in a browser and print",
    "json": "JSON (.json): for other programs",
    "fhir": "FHIR (.fhir.json): for clinic record systems",
}


def render(summary: Summary, fmt: str) -> str:
    """The summary in ``fmt``; control characters from any file are shown as escapes, never raw."""
    from ..safe import json_visible, visible

    text = _render(summary, fmt)
    return json_visible(text) if fmt in ("json", "fhir") else visible(text)


def _render(summary: Summary, fmt: str) -> str:
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(summary)
    if fmt == "html":
        from .html import render_html

        return render_html(summary)
    if fmt == "json":
        from .jsondoc import render_json

        return render_json(summary)
    if fmt == "fhir":
        from .fhir import questionnaire_response

        return (
            json.dumps(
                questionnaire_response(summary.rulebook, summary.answers, leaning=summary.view.leaning),
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    raise ValueError(f"unknown format {fmt!r}")
