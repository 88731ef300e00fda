"""Pick a question to change, with the answer given so far."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...safe import visible
from ..widgets.hanging import hanging
from ..widgets.options import Options
from .dialog import Dialog

if TYPE_CHECKING:
    from ...wizard import Wizard


class JumpScreen(Dialog["str | None"]):
    """Dismisses with the id of the question to change, or None.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move. |
    | enter | Change this answer. |
    | escape | Close. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.wizard = wizard

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="jump"):
            yield Static("Which answer would you like to change?", id="dialog-title")
            options = []
            asked = self.wizard.asked()
            width = len(f"{len(asked)}. ")  # the numbers' column: "9." and "10." line up
            for number, question in enumerate(asked, start=1):
                # The question and its answer hang under the question's first letter, however they wrap.
                prompt = Group(
                    hanging(
                        Text(f"{number}.", style="bold"),
                        Text(visible(question.text, one_line=True), style="bold"),
                        width=width,
                    ),
                    hanging(
                        " ",
                        Text(visible(self.wizard.describe_answer(question), one_line=True), style="dim"),
                        width=width,
                    ),
                )
                options.append(Option(prompt, id=question.id))
            yield Options(*options, id="jump-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
