"""Check what you know: the rulebook's true-or-false statements about the options shown, one at a time, each
answered with the rulebook's own short explanation. Optional; nothing changes in the results."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...safe import plain, visible
from ...words import KNOWLEDGE_TITLE
from ..widgets.choice_list import Choice, ChoiceList
from .dialog import Dialog
from .question import SKIP

if TYPE_CHECKING:
    from ...view import KnowledgeItem
    from ...wizard import Wizard

ANSWERS = (Choice("true", "True"), Choice("false", "False"), Choice("unsure", "Not sure"))
NEXT = "next"


class KnowledgeScreen(Dialog[bool]):
    """One statement at a time: answer it, read why, go on. Dismisses with True when anything was answered.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move between True, False and Not sure. |
    | enter | Answer (then Enter again for the next statement); with nothing chosen, skip it. |
    | escape | Stop (the answers given so far are kept). |
    """

    HELP_TITLE = "check what you know"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Stop", tooltip="Stop the check (the answers given so far are kept)")
    ]

    def __init__(self, wizard: Wizard, items: tuple[KnowledgeItem, ...]) -> None:
        super().__init__()
        self.wizard = wizard
        self.items = items
        self.index = 0
        self.answered = False
        self.is_dismissing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="knowledge"):
            yield Static(KNOWLEDGE_TITLE, id="dialog-title")
            yield Static(id="knowledge-progress")
            yield Static(id="knowledge-statement")
            yield ChoiceList(id="knowledge-choices")
            yield Static(id="knowledge-explain")

    def on_mount(self) -> None:
        self._ask()

    def _ask(self) -> None:
        item = self.items[self.index]
        self.query_one("#knowledge-progress", Static).update(
            plain(
                f"Statement {self.index + 1} of {len(self.items)}, about {item.option}. True or false? {SKIP}"
            )
        )
        self.query_one("#knowledge-statement", Static).update(plain(item.says))
        explain = self.query_one("#knowledge-explain", Static)
        explain.update("")
        explain.remove_class("-shown")
        given = self.wizard.reflection.knowledge.get(item.key)
        choices = self.query_one(ChoiceList)
        # Optional: Enter before moving to an answer skips the statement, never answers "True" for the person.
        choices.set_choices(
            list(ANSWERS), (given,) if given else (), multiple=False, question_id=item.key, optional=True
        )
        choices.focus()

    def _explain(self, item: KnowledgeItem, given: str) -> None:
        right = given == ("true" if item.answer else "false")
        verdict = "Right" if right else ("Not sure is fine" if given == "unsure" else "Not quite")
        parts: list[str | tuple[str, str]] = [
            (f"{verdict}: it is {item.truth.lower()}.", "bold"),
            "\n",
            visible(item.explain),
        ]
        if not right:
            parts += ["\n", ("Your summary lists it among the facts to go over again.", "italic")]
        explain = self.query_one("#knowledge-explain", Static)
        explain.update(Content.assemble(*parts))
        explain.add_class("-shown")
        last = self.index + 1 == len(self.items)
        choices = self.query_one(ChoiceList)
        label = "Finish" if last else "Next statement"
        choices.set_choices([Choice(NEXT, label)], (), multiple=False, question_id=f"{item.key}#{NEXT}")
        choices.focus()

    @on(ChoiceList.Confirmed)
    def _confirmed(self, event: ChoiceList.Confirmed) -> None:
        if self.is_dismissing:
            return
        item = self.items[self.index]
        if event.question_id == item.key and event.chosen:
            self.wizard.know(item.key, event.chosen[0])
            self.answered = True
            self._explain(item, event.chosen[0])
        elif event.question_id in (item.key, f"{item.key}#{NEXT}"):  # skipped, or read: the next one
            if self.index + 1 < len(self.items):
                self.index += 1
                self._ask()
            else:
                self.is_dismissing = True
                self.dismiss(self.answered)

    def action_stop(self) -> None:
        if not self.is_dismissing:
            self.is_dismissing = True
            self.dismiss(self.answered)
