"""The results: the engine's Result rendered as it is, critical points first and always in view."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..widgets.cards import LEVEL_WORDS, CautionCard, ProcedureCard

if TYPE_CHECKING:
    from ...result import Result
    from ..wizard import Wizard


class ResultsScreen(Screen[None]):
    """What is worth discussing, what to bear in mind, what was left out, and why.

    | Key(s) | Description |
    | :- | :- |
    | up, down, pageup, pagedown | Scroll. |
    | c | Change an answer (the results update). |
    | escape | Back to the last question. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("c", "change", "Change an answer"),
    ]

    def __init__(self, wizard: "Wizard") -> None:
        super().__init__()
        from ...engine import evaluate

        self.wizard = wizard
        self.result: "Result" = evaluate(wizard.rulebook, wizard.answers)

    def compose(self) -> ComposeResult:
        result, rulebook = self.result, self.wizard.rulebook
        critical = [c for c in result.cautions if c.level == "critical"]
        others = [c for c in result.cautions if c.level != "critical"]
        if critical:
            with Vertical(id="alerts"):
                for caution in critical:
                    yield Static(Content.assemble((f" {LEVEL_WORDS['critical'].upper()} ", "reverse bold"), " ",
                                                  (caution.title, "bold")), classes="alert")
        with VerticalScroll(id="results"):
            yield Static("Your summary to take to a consultation", id="results-title")
            count = len(result.suggestions)
            overview = (f"{count} option{'s' if count != 1 else ''} worth discussing · "
                        f"{len(result.cautions)} point{'s' if len(result.cautions) != 1 else ''} to bear in mind. "
                        "Press c to change an answer, Esc to go back.")
            yield Static(Content(overview), id="overview")
            for caution in critical:
                yield CautionCard(caution)
            yield Static("Options worth discussing", classes="section-title")
            if not result.suggestions:
                yield Static(Content("None of the procedures in this guide matched your answers. "
                                     "The points below say where to go from here."), classes="empty")
            for suggestion in result.suggestions:
                yield ProcedureCard(suggestion, rulebook.procedures[suggestion.id])
            if result.left_out:
                yield Static("Left out, as you asked", classes="section-title")
                for item in result.left_out:
                    yield Static(Content(f"• {rulebook.procedures[item.id].name}: {item.because}"),
                                 classes="left-out")
            if others:
                yield Static("Points to bear in mind", classes="section-title")
                for caution in others:
                    yield CautionCard(caution)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_change(self) -> None:
        from .jump import JumpScreen

        def chosen(question_id: str | None) -> None:
            if question_id:
                self.app.start_wizard(question_id)  # type: ignore[attr-defined]

        self.app.push_screen(JumpScreen(self.wizard), chosen)
