"""The readiness check: the rulebook's readiness questions, asked once the person has seen the options."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ...safe import plain
from ..widgets.choice_list import Choice, ChoiceList
from .dialog import Dialog
from .question import help_words

if TYPE_CHECKING:
    from ...wizard import Wizard


class ReadinessScreen(Dialog[bool]):
    """One readiness question at a time; dismisses with True when any answer changed.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move. |
    | enter | Choose and go on. |
    | escape | Stop (answers given so far are kept). |
    """

    HELP_TITLE = "are you ready to decide?"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Stop", tooltip="Stop the questions (the answers given so far are kept)")
    ]

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.questions = list(wizard.rulebook.readiness_questions)
        self.index = 0
        self.changed = False
        self.is_dismissing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="readiness"):
            yield Static("Are you ready to decide?", id="dialog-title")
            yield Static(id="readiness-progress")
            yield Static(id="readiness-text")
            yield ChoiceList(id="readiness-choices")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        question = self.questions[self.index]
        self.query_one("#readiness-progress", Static).update(
            plain(
                f"Question {self.index + 1} of {len(self.questions)}. "
                + help_words(question.help, optional=not question.required)
            )
        )
        self.query_one("#readiness-text", Static).update(plain(question.text))
        choices = self.query_one(ChoiceList)
        choices.set_choices(
            [Choice(o.id, o.label, o.help) for o in question.options],
            self.wizard.chosen(question.id),
            multiple=question.kind == "multiple",
            question_id=question.id,
            optional=not question.required,
        )
        choices.focus()

    @on(ChoiceList.Confirmed)
    def _confirmed(self, event: ChoiceList.Confirmed) -> None:
        question = self.questions[self.index]
        if event.question_id != question.id or self.is_dismissing:  # a key meant for an earlier question
            return
        if event.chosen and event.chosen != self.wizard.chosen(question.id):
            self.wizard.answer(question.id, event.chosen)
            self.changed = True
        if self.index + 1 < len(self.questions):
            self.index += 1
            self._show()
        else:
            self.is_dismissing = True
            self.dismiss(self.changed)

    def action_stop(self) -> None:
        self.dismiss(self.changed)
