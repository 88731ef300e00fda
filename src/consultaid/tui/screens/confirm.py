"""A yes/no question in a dialog, answered with a typed result: ``ConfirmScreen(...)`` dismisses with a
bool."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ...safe import plain
from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Ask before doing something that cannot be undone.

    | Key(s) | Description |
    | :- | :- |
    | y | Yes. |
    | n, escape | No. |
    | left, right, tab | Move between the buttons. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("left,right", "app.focus_previous", show=False),
    ]

    def __init__(self, title: str, text: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._title, self._text, self._yes, self._no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._title), id="dialog-title")
            yield Static(plain(self._text), id="dialog-text")
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self._no} (n)", id="no", variant="primary")
                yield Button(f"{self._yes} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class MessageScreen(Dialog[None]):
    """Something the person must read before going on; Enter or Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title, self._text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._title), id="dialog-title")
            with VerticalScroll(id="dialog-body"):
                yield Static(plain(self._text), id="dialog-text")
            with Horizontal(id="dialog-buttons"):
                yield Button("OK (Enter)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
