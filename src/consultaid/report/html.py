"""The summary as one self-contained, printable HTML page: no scripts, fonts, images or styles from
elsewhere."""

from __future__ import annotations

import html

from .markdown import render_markdown
from .summary import Summary

STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #111; background: #fff; }
h1 { font-size: 1.6em; border-bottom: 2px solid #111; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; width: 50%; }
code { font-size: .9em; }
a { color: #003d99; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  table, li { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
}
"""


def render_html(summary: Summary) -> str:
    """Markdown rendered with raw HTML switched off, so no text from a rulebook can inject markup."""
    from markdown_it import MarkdownIt

    body = (
        MarkdownIt("commonmark", {"html": False, "linkify": False})
        .enable("table")
        .render(render_markdown(summary))
    )
    title = html.escape(f"ConsultAid summary, {summary.created:%d %B %Y}")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(summary.rulebook.info.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
