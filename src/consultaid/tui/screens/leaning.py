"""Which way are you leaning? One optional question after the results: an option shown, waiting, or not sure
yet. It changes nothing in the results; every summary records it, so the consultation can start from there."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...safe import plain
from ...words import LEANING_QUESTION
from ..widgets.choice_list import Choice, ChoiceList
from .dialog import Dialog
from .question import SKIP

if TYPE_CHECKING:
    from ...view import ResultsView

HELP = (
    "Optional. Your summary records it, so the consultation can start from there. "
    "It changes nothing in the results, and you can change it at any time. " + SKIP
)


class LeaningScreen(Dialog["str | None"]):
    """Dismisses with the chosen id, or None when left with Escape (nothing changes).

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move. |
    | enter | Choose (with nothing chosen: leave without changing it). |
    | escape | Leave without changing it. |
    """

    HELP_TITLE = "which way you are leaning"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave", tooltip="Close without changing what you said")
    ]

    def __init__(self, view: ResultsView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="leaning"):
            yield Static(LEANING_QUESTION, id="dialog-title")
            yield Static(plain(HELP), id="leaning-help")
            yield ChoiceList(id="leaning-choices")

    def on_mount(self) -> None:
        choices = self.query_one(ChoiceList)
        choices.set_choices(
            [Choice(oid, label) for oid, label in self.view.leaning_choices],
            (self.view.leaning,) if self.view.leaning else (),
            multiple=False,
            question_id="leaning",
            optional=True,  # Enter before moving to an option leaves it unsaid, never the first option
        )
        choices.focus()

    @on(ChoiceList.Confirmed)
    def _confirmed(self, event: ChoiceList.Confirmed) -> None:
        if event.question_id == "leaning":
            self.dismiss(event.chosen[0] if event.chosen else None)  # nothing chosen: nothing changes

    def action_leave(self) -> None:
        self.dismiss(None)
