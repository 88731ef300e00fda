"""The summary as one self-contained, printable HTML page: no scripts, fonts, images or styles from
elsewhere."""

from __future__ import annotations

import html
from typing import Any

from .markdown import GRID_TITLE, render_markdown
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
table.grid { font-size: .85em; table-layout: fixed; }
table.grid th, table.grid td { width: auto; }
table.grid tr > :first-child { width: 8em; }
code { font-size: .9em; }
a { color: #003d99; word-break: break-all; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  table, li { break-inside: avoid; }
  @page { size: A4; margin: 12mm; }
  h2.grid-title { break-before: page; }
  table.grid { font-size: 7.5pt; line-height: 1.3; }
  table.grid th, table.grid td { padding: .2em .3em; }
  a { color: #000; text-decoration: none; }
}
"""


def _markdown() -> Any:
    """CommonMark with raw HTML off (no text from a rulebook can inject markup), no remote content: an
    image becomes its description and address as text, and a link is a plain anchor that sends no referrer."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        alt = "".join(child.content for child in token.children or ())
        return html.escape(
            f"{alt} ({token.attrGet('src') or ''})" if alt else str(token.attrGet("src") or "")
        )

    def link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        href = str(tokens[idx].attrGet("href") or "")
        if not href.startswith(("https://", "http://", "mailto:")):
            return "<span>"  # only web and mail addresses are links; any other is shown as text
        tokens[idx].meta["anchor"] = True
        return f'<a href="{html.escape(href)}" rel="noreferrer noopener">'

    def link_close(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        depth = 0
        for token in reversed(tokens[:idx]):  # the matching link_open
            if token.type == "link_close":
                depth += 1
            elif token.type == "link_open":
                if depth == 0:
                    return "</a>" if token.meta.get("anchor") else "</span>"
                depth -= 1
        return "</span>"

    def table_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # A table of more than two columns is the comparison grid: it gets its own print layout.
        columns = 0
        for token in tokens[idx + 1 :]:
            if token.type == "th_open":
                columns += 1
            elif token.type == "tr_close":
                break
        return '<table class="grid">\n' if columns > 2 else "<table>\n"

    def heading_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tag = tokens[idx].tag
        inline = tokens[idx + 1] if idx + 1 < len(tokens) else None
        if tag == "h2" and inline is not None and inline.content == GRID_TITLE:
            return f'<{tag} class="grid-title">'
        return f"<{tag}>"

    md.add_render_rule("table_open", table_open)
    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("image", image)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    return md


def render_html(summary: Summary) -> str:
    """The Markdown summary as HTML: raw HTML off, no remote image, font, style or script."""
    body = _markdown().render(render_markdown(summary))
    title = html.escape(f"ConsultAid summary, {summary.created:%d %B %Y}")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(summary.rulebook.info.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
