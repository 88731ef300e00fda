"""The summary as one self-contained, printable HTML page: no scripts, fonts, images or styles from
elsewhere."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

from ..safe import visible
from ..view import PEOPLE, PICTURE_WIDTH, PictureView
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
figure.chance { display: flex; flex-wrap: wrap; align-items: center; gap: .3em 1em; margin: .3em 0 .8em; }
figure.chance svg { width: 7.5em; height: 7.5em; flex: none; }
figure.chance figcaption { font-size: .9em; }
figure.chance figcaption span { display: block; }
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


def picture_svg(picture: PictureView, ident: str) -> str:
    """A picture of 100 people as an inline SVG: filled, half-filled and empty circles (shapes, never colour
    alone, drawn in the text colour so that a high-contrast or forced-colours page keeps them), with the
    picture's words as its accessible name."""
    title = f"{ident}-title"
    people = []
    for k, mark in enumerate(picture.marks()):
        x, y = 5 + 10 * (k % PICTURE_WIDTH), 5 + 10 * (k // PICTURE_WIDTH)
        people.append(_person(x, y, mark))
    return (
        f'<svg role="img" aria-labelledby="{title}" viewBox="0 0 {10 * PICTURE_WIDTH} '
        f'{10 * PEOPLE // PICTURE_WIDTH}">'
        f'<title id="{title}">{html.escape(visible(picture.alt))}</title>'
        f'<g fill="none" stroke="currentColor" stroke-width="1.2">{"".join(people)}</g></svg>'
    )


def _person(x: int, y: int, mark: int) -> str:
    """One person: 0 filled (it happened), 1 left half filled (the range), 2 an empty ring (it did not)."""
    ring = f'<circle cx="{x}" cy="{y}" r="3.6"/>'
    if mark == 0:
        return f'<circle cx="{x}" cy="{y}" r="3.6" fill="currentColor"/>'
    if mark == 1:
        return ring + f'<path d="M{x} {y - 3.6}A3.6 3.6 0 0 0 {x} {y + 3.6}Z" fill="currentColor"/>'
    return ring


def picture_figure(picture: PictureView, ident: str) -> str:
    """The picture and its key, as a figure: the key is hidden from screen readers, which read the
    picture's own words (the same counts) instead."""
    key = "".join(f"<span>{html.escape(visible(line))}</span>" for line in picture.key())
    return (
        f'<figure class="chance">{picture_svg(picture, ident)}'
        f'<figcaption aria-hidden="true">{key}</figcaption></figure>\n'
    )


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

    def fence(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # A picture of 100 people (its info string names it with this page's own random tag) is drawn;
        # any other fenced block is shown as code.
        found = re.fullmatch(r"(\S+)-(\d+)", tokens[idx].info.strip())
        pictures = env.get("pictures", [])
        if found and found[1] == env.get("tag") and int(found[2]) < len(pictures):
            return picture_figure(pictures[int(found[2])], f"{found[1]}-{found[2]}")
        return str(self.__class__.fence(self, tokens, idx, options, env))

    md.add_render_rule("fence", fence)
    md.add_render_rule("table_open", table_open)
    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("image", image)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    return md


def render_html(summary: Summary) -> str:
    """The Markdown summary as HTML: raw HTML off, no remote image, font, style or script."""
    # The tag is a digest of the summary itself: the same summary gives the same page, and no text in a
    # rulebook or answers file can name it (it would have to contain its own digest) to ask for a drawing.
    tag = "picture" + hashlib.sha256(render_markdown(summary).encode()).hexdigest()[:16]
    pictures: list[PictureView] = []

    def fence(picture: PictureView) -> str:
        pictures.append(picture)
        return f"{tag}-{len(pictures) - 1}"

    text = render_markdown(summary, fence)
    body = _markdown().render(text, {"tag": tag, "pictures": pictures})
    title = html.escape(f"ConsultAid summary, {summary.created:%d %B %Y}")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(summary.rulebook.info.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
