"""Compare: the results view's grid, the options side by side, as many columns as the terminal has room for.

The row names stay at the left of every page; the columns page sideways (one option and its neighbour at
80 columns, three or more on a wider terminal). Nothing here decides what a cell says: the grid is built once
in :mod:`consultaid.view`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...safe import plain, visible
from ..widgets.footer import KeysFooter
from ..widgets.hanging import hanging

if TYPE_CHECKING:
    from ...view import Grid

LABEL_WIDTH = 14
"""The row names' column: short names, wrapped."""
MIN_COLUMN = 28
"""No option's column is narrower than this: below it, fewer columns show at once."""


def columns_per_page(width: int, columns: int) -> int:
    """How many options fit beside the row names at this terminal width (at least one)."""
    room = width - LABEL_WIDTH - 4  # padding and the table's separators
    return max(1, min(columns, room // (MIN_COLUMN + 3)))


class CompareScreen(Screen[None]):
    """The options side by side: a column per option and one for waiting, a row per question.

    | Key(s) | Description |
    | :- | :- |
    | right, left | The next or the previous options (when they do not all fit). |
    | up, down, pageup, pagedown | Scroll the rows. |
    | escape, g | Back to the results. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),  # the line at the top says: back to the results
        Binding("g", "back", "Back", show=False),
        Binding("right", "page(1)", "More options", priority=True),
        Binding("left", "page(-1)", "Previous", priority=True),
    ]

    def __init__(self, grid: Grid) -> None:
        super().__init__()
        self.grid = grid
        self.first = 0
        """The index of the first column on the page."""
        self.per_page = len(grid.columns)

    def compose(self) -> ComposeResult:
        yield Static(id="compare-where")
        yield Static(id="compare-head")
        with VerticalScroll(id="compare"):
            yield Static(id="compare-table")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._lay_out(self.app.size.width)
        self.query_one("#compare", VerticalScroll).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        self.per_page = columns_per_page(width, len(self.grid.columns))
        self.first = min(self.first, self._last_first())
        self._show()

    def _last_first(self) -> int:
        return max(0, len(self.grid.columns) - self.per_page)

    def _show(self) -> None:
        grid = self.grid
        shown = range(self.first, min(self.first + self.per_page, len(grid.columns)))
        total = len(grid.columns)
        if len(shown) == total:
            where = f"Compare the options side by side: all {total} options."
        else:
            more = self.first < self._last_first()
            keys = (
                "← → for the others."
                if self.first > 0 and more
                else ("→ for the next." if more else "← for the previous.")
            )
            span = f"{shown.start + 1}" if len(shown) == 1 else f"{shown.start + 1}-{shown.stop}"
            where = f"Options {span} of {total} side by side. {keys}"
        self.query_one("#compare-where", Static).update(plain(where + " Esc: back to the results."))
        # The options' names in a table of their own above the scrolling rows, so they stay in view too.
        self.query_one("#compare-head", Static).update(self._table(shown, head=True))
        self.query_one("#compare-table", Static).update(self._table(shown, head=False))
        self.refresh_bindings()

    def _table(self, shown: range, *, head: bool) -> Table:
        grid = self.grid
        table = Table(
            box=box.SIMPLE_HEAD,
            show_header=head,
            show_edge=False,
            show_lines=not head,
            expand=True,
            pad_edge=False,
            padding=(0, 1),
            header_style="bold",
        )
        table.add_column("Options:" if head else "", width=LABEL_WIDTH, style="bold")
        for i in shown:
            table.add_column(Text(visible(grid.columns[i])), ratio=1)
        if head:
            return table
        for row in grid.rows:
            cells = []
            for i in shown:
                cell = row.cells[i]
                # Each point's wrapped lines hang under its text, not under the bullet.
                parts: list[Text | Table] = [Text(visible(cell.text))] if cell.text else []
                parts += [hanging("• ", Text(visible(item))) for item in cell.items]
                cells.append(Group(*parts))
            table.add_row(Text(visible(row.label)), *cells)
        return table

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer offers → only when there are more options, ← only when there are earlier ones (a narrow
        # footer then has room for what works).
        if action == "page" and parameters:
            step = parameters[0]
            return self.first < self._last_first() if step == 1 else self.first > 0
        return True

    def action_page(self, step: int) -> None:
        first = max(0, min(self._last_first(), self.first + step * self.per_page))
        if first != self.first:
            self.first = first
            self._show()
            self.query_one("#compare", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()
