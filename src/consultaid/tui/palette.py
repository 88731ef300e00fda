"""Textual's command palette, made safe against keys that arrive together (Textual 8.2).

- ``OptionList._move_page`` looks up the highlighted option's line before the list has been laid out, so
  PageUp or PageDown arriving in the same write as the key that opens the palette (``C-p PageUp``) ended the
  app with ``KeyError: 0``. The palette pages its list only once the list has a size.
- A second Enter queued behind the one that chose a command dismisses the palette again: ``dismiss`` pops
  whatever screen is on top (the person's question, or the last screen: ``ScreenStackError``) and runs the
  command twice. Once the palette is closing, further choices are ignored and it is never dismissed twice.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from .widgets.options import page


class Palette(CommandPalette):
    """The command palette (Ctrl+P)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page(-1)", "Previous page", show=False),
        Binding("pagedown", "page(1)", "Next page", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Textual's own page keys pass straight to the list (``command_list('page_up')``), ahead of ours:
        # turned off here, so PageUp and PageDown reach ``action_page``, which waits for the list's layout.
        if action == "command_list" and parameters and parameters[0] in ("page_up", "page_down"):
            return False
        return super().check_action(action, parameters)

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)  # once the list is laid out (see widgets/options.py)

    _dismissed = False

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:  # already closed: popping again would pop another screen
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _ignore_once_dismissed(self, event: Message) -> None:
        """Runs before Textual's own handlers (subclass first): a choice that arrives after the palette
        started closing goes no further."""
        if self._dismissed:
            event.stop()
            event.prevent_default()
