"""ChoiceList: the options of one question, single or multiple choice, all by keyboard.

The marker says what is chosen in text, not only in colour: ``(•)`` and ``( )`` for a single choice, ``[x]``
and ``[ ]`` for several.

Every message names the question its options belong to (``question_id``): keys that arrive together (a paste,
a slow link) can be handled after the list has moved on to the next question, and the screen must then be able
to tell a stale choice from a current one.

On a single-choice question Enter chooses the option pointed at and goes on. A question that may be left
unanswered (``optional``) opens with no option pointed at while nothing is chosen: Enter then goes on
leaving it unanswered, and ↑ or ↓ points at an option, which Enter then chooses as on any other question.
(Pointing at the first option from the start made Enter record it: "Has a practitioner ever said no to
treating you?" answered "No" for a person who only meant to skip it.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.option_list import Option

from ...safe import visible
from .hanging import hanging
from .lists import list_keys
from .options import Options

MARKER_WIDTH = 6
"""The pointer and the marker before each label: "› [x] "."""


@dataclass(frozen=True)
class Choice:
    """One option as the list shows it: the id the answers use, its label and an optional help line."""

    id: str
    label: str
    help: str | None = None


class ChoiceList(Options):
    """A list of options to choose from.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move between options. |
    | space | Choose the highlighted option (for several-choice questions, choose or un-choose it). |
    | enter | Single choice: choose the highlighted option and go on. Several: go on with what is chosen. |

    A question that may be left unanswered shows no highlight until the person moves to an option, so that
    Enter with nothing chosen leaves it unanswered.
    """

    HELP_TITLE = "the options"
    BINDINGS: ClassVar[list[BindingType]] = [
        *list_keys("options"),
        Binding(
            "space",
            "choose_highlighted",
            "Choose",
            tooltip="Choose the highlighted option (when several can be chosen: choose it or un-choose it)",
            show=True,
        ),
        Binding(
            "enter",
            "confirm",
            "Next",
            tooltip="Go on (when one option is chosen: choose the highlighted one and go on)",
            show=True,
        ),
    ]

    @dataclass
    class Changed(Message):
        """The chosen options changed."""

        choice_list: ChoiceList
        question_id: str | None
        chosen: tuple[str, ...]

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    @dataclass
    class Confirmed(Message):
        """The person pressed Enter to go on with what is chosen."""

        choice_list: ChoiceList
        question_id: str | None
        chosen: tuple[str, ...]

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._choices: list[Choice] = []
        self._chosen: list[str] = []
        self.multiple = False
        self.question_id: str | None = None
        """The question whose options are shown (carried by every message)."""

    @property
    def chosen(self) -> tuple[str, ...]:
        """The chosen option ids, in the order the options are listed."""
        order = [c.id for c in self._choices]
        return tuple(sorted(self._chosen, key=order.index))

    def set_choices(
        self,
        choices: Sequence[Choice],
        chosen: Sequence[str],
        *,
        multiple: bool,
        question_id: str | None = None,
        optional: bool = False,
    ) -> None:
        """Show a new question's options, with what was chosen before. An ``optional`` single-choice question
        with nothing chosen points at no option, so that Enter leaves it unanswered."""
        self.question_id = question_id
        self._choices = list(choices)
        ids = {c.id for c in self._choices}
        self._chosen = [c for c in chosen if c in ids]
        self.multiple = multiple
        self.clear_options()
        self.add_options([Option(self._prompt(c), id=c.id) for c in self._choices])
        first = next((i for i, c in enumerate(self._choices) if c.id in self._chosen), None)
        if first is None and not (optional and not multiple):  # Enter never chooses for several
            first = 0
        self.highlighted = first if self._choices else None

    def _marker(self, choice: Choice) -> str:
        on = choice.id in self._chosen
        if self.multiple:
            return "[x]" if on else "[ ]"
        return "(•)" if on else "( )"

    def _prompt(self, choice: Choice, index: int | None = None) -> Group | Table:
        pointer = "› " if index is not None and index == self.highlighted else "  "
        marker = Text.assemble(pointer, (f"{self._marker(choice)} ", "bold"))
        # The label and its help line hang under the label's first letter, however they wrap.
        head = hanging(marker, Text(visible(choice.label)))
        if choice.help:
            return Group(head, hanging(" " * MARKER_WIDTH, Text(visible(choice.help), style="dim")))
        return head

    def _refresh_prompts(self) -> None:
        for index, choice in enumerate(self._choices):
            self.replace_option_prompt_at_index(index, self._prompt(choice, index))

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Point at the highlighted option with a "›" too, so the cursor shows without colour."""
        super().watch_highlighted(highlighted)
        if self._choices and self.option_count == len(self._choices):
            self._refresh_prompts()

    def choose(self, option_id: str) -> None:
        """Choose an option (or, for several-choice questions, un-choose it if it was chosen)."""
        if self.multiple:
            if option_id in self._chosen:
                self._chosen.remove(option_id)
            else:
                self._chosen.append(option_id)
        else:
            self._chosen = [option_id]
        self._refresh_prompts()
        self.post_message(self.Changed(self, self.question_id, self.chosen))

    def _highlighted_id(self) -> str | None:
        if self.highlighted is None or not self._choices:
            return None
        return self._choices[self.highlighted].id

    def action_choose_highlighted(self) -> None:
        if self.highlighted is None and self._choices:  # nothing pointed at yet: point at the first option
            self.highlighted = 0
            return
        option_id = self._highlighted_id()
        if option_id is not None:
            self.choose(option_id)

    def action_select(self) -> None:
        """A mouse click chooses, like Space."""
        self.action_choose_highlighted()

    def action_confirm(self) -> None:
        option_id = self._highlighted_id()
        if not self.multiple and option_id is not None and option_id not in self._chosen:
            self.choose(option_id)
        self.post_message(self.Confirmed(self, self.question_id, self.chosen))
