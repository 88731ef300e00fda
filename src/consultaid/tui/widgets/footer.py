"""KeysFooter: Textual's footer, keeping the keys that matter most when the terminal is narrow.

Textual's footer lays its keys out left to right and cuts off whatever does not fit, so at 60 columns the
results screen lost Export, Save and Quit: the keys listed last (the app's own) are the ones a person most
needs to find. This footer measures the keys first: when they do not all fit it switches to Textual's compact
style, and if they still do not fit it leaves out the least needed ones, never Quit, Save or Back. A screen's
other keys stay listed where they are used (on its buttons, its keys line, and the help screen).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A footer that keeps Quit, Save and Back (then the keys listed first) however narrow it is."""

    ALWAYS: ClassVar[tuple[str, ...]] = ("save_session", "request_quit")
    """Actions (without their namespace) always shown, last and in this order."""
    KEEP_FIRST: ClassVar[dict[str, int]] = {
        **dict.fromkeys(ALWAYS, 0),
        **dict.fromkeys(("back", "results", "choose_highlighted"), 1),
    }
    """Actions kept before any other, lowest number first; every other key is kept in the order the screen
    lists it, while there is room."""

    _laid_out_for = 0
    _resized_to = 0

    def compose(self) -> ComposeResult:
        composed: list[Widget] = list(super().compose())
        width = self._resized_to or self.app.size.width  # the footer spans the screen
        self._laid_out_for = width
        palette = [w for w in composed if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        keys = [w for w in composed if isinstance(w, FooterKey) and w not in palette]
        others = [w for w in composed if not isinstance(w, FooterKey)]  # group labels (none used today)
        compact = sum(self._width(key, compact=False) for key in keys + palette) >= width
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        room = width - 1 - sum(self._width(key, compact=compact) for key in palette)  # a space before it
        kept: list[FooterKey] = []
        for key in sorted(keys, key=lambda k: (self._rank(k), keys.index(k))):
            if self._rank(key) == 0 or sum(self._width(k, compact=compact) for k in [*kept, key]) <= room:
                kept.append(key)
        # The screen's own keys in its order, then Save and Quit, always last (where a person looks for them).
        yield from self._in_order([key for key in keys if key in kept])
        yield from others
        yield from palette

    def _in_order(self, keys: list[FooterKey]) -> list[FooterKey]:
        last = list(self.ALWAYS)
        return sorted(keys, key=lambda k: last.index(self._action(k)) if self._action(k) in last else -1)

    @staticmethod
    def _action(key: FooterKey) -> str:
        return key.action.rpartition(".")[2]

    def _rank(self, key: FooterKey) -> int:
        return self.KEEP_FIRST.get(self._action(key), len(self.KEEP_FIRST) + 1)

    @staticmethod
    def _width(key: FooterKey, *, compact: bool) -> int:
        """The cells a key takes: Textual pads the key by one on each side and the description by one on its
        right; the compact style pads neither but keeps one space between, and one column after each key."""
        text = cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0)
        return text + (1 if compact else 2)

    def on_resize(self, event: events.Resize) -> None:
        self._resized_to = event.size.width
        if self._bindings_ready and event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
