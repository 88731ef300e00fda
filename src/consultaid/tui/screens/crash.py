"""When something goes wrong inside ConsultAid: say so plainly, and let the person keep their answers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from .dialog import Dialog

if TYPE_CHECKING:
    from ...wizard import Wizard

CRASH_TEXT = (
    "Something went wrong inside ConsultAid and it has to close. This is a fault in ConsultAid, not in "
    "anything you did. Your answers are still here: save them to a file to carry on later with "
    "consultaid --resume FILE. Nothing is saved unless you choose to."
)


class CrashScreen(Dialog["Path | None"]):
    """Dismisses with the path of the saved session, or None to leave without saving.

    | Key(s) | Description |
    | :- | :- |
    | s | Save your answers, then leave. |
    | q | Leave without saving. |
    | left, right, tab | Move between the buttons. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save and leave"),
        Binding("q", "leave", "Leave without saving"),
        Binding("left,right", "app.focus_previous", show=False),
    ]

    def __init__(self, wizard: Wizard, *, position: str | None = None) -> None:
        super().__init__()
        self.wizard = wizard
        self.position = position

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="crash"):
            yield Static("Sorry: ConsultAid has to close", id="dialog-title")
            yield Static(Content(CRASH_TEXT), id="dialog-text")
            with Horizontal(id="dialog-buttons"):
                yield Button("Leave without saving (q)", id="leave")
                yield Button("Save my answers (s)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_leave()

    def action_save(self) -> None:
        from .files import SaveSessionScreen

        def saved(path: Path | None) -> None:
            if path is not None:
                self.dismiss(path)

        self.app.push_screen(SaveSessionScreen(self.wizard, position=self.position), saved)

    def action_leave(self) -> None:
        self.dismiss(None)
