"""Text after a marker (a bullet, a check box, a number), whose wrapped lines hang under the text.

Rich and Textual wrap a line back to its first column, so a long option or bullet point would continue under
its marker and the list would be hard to scan. One grid of two columns keeps every wrapped line under the
start of its text: each list in the app (the question's options, the answers to change, benefits and
downsides, bullet points) draws its markers with this one function.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text


def hanging(marker: str | Text, text: RenderableType, *, width: int | None = None) -> Table:
    """``marker`` then ``text``; wrapped lines of ``text`` start under its own first character.

    ``width`` sets the marker's column (for markers of different widths in one list, such as "9." and
    "10."), else the marker's own width."""
    marker_text = marker if isinstance(marker, Text) else Text(marker)
    grid = Table.grid()
    grid.add_column(width=width if width is not None else cell_len(marker_text.plain), no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(marker_text, text)
    return grid
