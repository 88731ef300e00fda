"""One question at a time, as the rulebook declares it, with progress, back and next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ...safe import plain, visible
from ...wizard import GAP_NOTICE, AnswerRefused, Step, dropped_notice
from ..widgets.choice_list import Choice, ChoiceList
from ..widgets.footer import KeysFooter
from ..widgets.hanging import hanging
from ..widgets.lists import QuestionIndex

if TYPE_CHECKING:
    from ...wizard import Wizard

REFUSED = "That choice does not belong to this question, so it was not kept. Please choose again."
SKIP = "You can skip this question: press Enter without choosing."
"""Said under every question that may be left unanswered: there Enter with nothing chosen goes on without an
answer (no option is pointed at until the person moves to one)."""


def help_words(help_text: str | None, *, optional: bool) -> str:
    """The question's help, followed by how to skip it when it may be left unanswered."""
    return " ".join(part for part in (help_text, SKIP if optional else None) if part)


def progress_bar(number: int, total: int, width: int = 20) -> str:
    filled = round(width * number / total) if total else 0
    return "█" * filled + "░" * (width - filled)


class QuestionScreen(Screen[None]):
    """Asks one question; Enter (or Next) goes on, Esc (or Back) goes back.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move between the options. |
    | space | Choose an option. |
    | enter | Go on to the next question. |
    | escape | Go back to the previous question. |
    | ctrl+r | See the results, once every question is answered. |
    """

    class Finished(Message):
        """Every question that is asked has an answer: the app shows the results (with the notice, if any,
        of what the last change dropped)."""

        def __init__(self, notice: str = "") -> None:
            super().__init__()
            self.notice = notice

    HELP_TITLE = "a question"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="Go back to the question before (or to the results, if you came from them)",
        ),
        Binding("ctrl+r", "results", "Results", tooltip="See the results (every question is answered)"),
        # Before every question is answered Ctrl+R is not in the footer; pressed anyway, it says what is left.
        Binding(
            "ctrl+r",
            "results_not_yet",
            "Results",
            tooltip="See the results, once every question is answered (it says which are left)",
            show=False,
        ),
        Binding("ctrl+l", "question_list", "Questions", tooltip="Go to the list of questions, or back again"),
    ]

    def __init__(self, wizard: Wizard, question_id: str, *, counsellor: bool = False) -> None:
        super().__init__()
        self.wizard = wizard
        self.counsellor = counsellor
        """Counsellor mode: the list of every question and its answer beside the question."""
        self.question_id = question_id
        self._pending: tuple[str, ...] | None = None
        self._change_start: str | None = None
        """While changing an answer from the results: the question chosen to change."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="question-layout"):
            if self.counsellor:
                yield QuestionIndex(id="question-index")
            yield from self._panel()
        yield KeysFooter()

    def _panel(self) -> ComposeResult:
        with Vertical(id="question-panel"):
            yield Static(id="progress")
            yield Static(id="question-text")
            yield Static(id="question-help")
            yield ChoiceList(id="choices")
            yield Static(id="notice")
            with Horizontal(id="nav"):
                yield Button("Back (Esc)", id="back", compact=True)
                yield Button("Next (Enter)", id="next", variant="primary", compact=True)

    def _refresh_index(self) -> None:
        """Counsellor mode: every question with its answer, to jump between (Ctrl+L or Tab to the list, Enter
        to go). Titles wrap under themselves rather than being cut; the question on screen is marked with ▶
        as well as the highlight, so it shows without colour."""
        if not self.counsellor:
            return
        index = self.query_one("#question-index", OptionList)
        asked = self.wizard.asked()
        index.clear_options()
        digits = len(str(len(asked)))
        width = len(f"▶ {len(asked)}. ")  # the marker and the numbers (right-aligned) in one column
        for number, question in enumerate(asked, start=1):
            here = question.id == self.question_id
            prompt = Group(
                hanging(
                    Text(f"{'▶' if here else ' '} {number:>{digits}}.", style="bold"),
                    Text(visible(question.text, one_line=True), style="bold" if here else ""),
                    width=width,
                ),
                hanging(
                    " ",
                    Text(visible(self.wizard.describe_answer(question), one_line=True), style="dim"),
                    width=width,
                ),
            )
            index.add_option(Option(prompt, id=question.id))
        index.highlighted = [q.id for q in asked].index(self.question_id)

    @on(OptionList.OptionSelected, "#question-index")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self.question_id:
            notice = self._commit()
            if notice is None:
                self._refuse()
                return
            target = event.option.id
            if target not in {q.id for q in self.wizard.asked()}:  # the answer just saved took it away
                target = self.wizard.first_unanswered_or(None)
            self.show_question(target, notice=notice)

    _composed = False

    def on_mount(self) -> None:
        if not self.query("#progress"):  # the app is closing before this screen was composed: nothing to show
            return
        self._composed = True
        self.show_question(self.question_id, notice=self._early_notice)

    _early_notice = ""

    # -- showing ---------------------------------------------------------------------------------------------

    def show_question(self, question_id: str, *, notice: str = "") -> None:
        question = self.wizard.rulebook.question(question_id)
        self.question_id = question_id
        self._pending = None
        if not self._composed:  # asked to move before the screen is up: on_mount shows it
            self._early_notice = notice
            return
        number, total = self.wizard.position(question_id)
        self.query_one("#progress", Static).update(
            Content.assemble((f"Question {number} of {total}", "bold"), "  ", progress_bar(number, total))
        )
        self.query_one("#question-text", Static).update(plain(question.text))
        self.query_one("#question-help", Static).update(
            plain(help_words(question.help, optional=not question.required))
        )
        choices = self.query_one(ChoiceList)
        choices.set_choices(
            [Choice(o.id, o.label, o.help) for o in self.wizard.offered(question)],
            self.wizard.chosen(question_id),
            multiple=question.kind == "multiple",
            question_id=question_id,
            optional=not question.required,
        )
        self._set_notice(notice)
        if self.wizard.changing:
            last = self.wizard.next_stop(question_id).question is None
        else:
            last = self.wizard.after(question_id) is None
        forward = self.query_one("#next", Button)
        forward.label = "See results (Enter)" if last else "Next (Enter)"
        forward.refresh(layout=True)
        back = self.query_one("#back", Button)
        back.label = "Back to results (Esc)" if self._back_to_results() else "Back (Esc)"
        back.refresh(layout=True)  # a longer label needs a wider button
        self._refresh_index()
        self.refresh_bindings()
        choices.focus()

    def _set_notice(self, text: str, *, refused: bool = False) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(plain(text))
        notice.set_class(bool(text), "-shown")
        notice.set_class(refused, "-refused")

    # -- answering -------------------------------------------------------------------------------------------

    @on(ChoiceList.Changed)
    def _changed(self, event: ChoiceList.Changed) -> None:
        if event.question_id != self.question_id:  # a key meant for a question already left behind
            return
        self._pending = event.chosen
        if self.query_one("#notice", Static).has_class("-refused"):
            self._set_notice("")

    @on(ChoiceList.Confirmed)
    def _confirmed(self, event: ChoiceList.Confirmed) -> None:
        if event.question_id != self.question_id:  # an Enter that arrived with the one that moved on
            return
        self._pending = event.chosen
        self.action_next()

    def _commit(self) -> str | None:
        """Record the pending answer; return a notice naming any later answers this change cleared, or None
        when the wizard refused the answer (it does not fit this question; nothing was stored)."""
        if self._pending is None:
            return ""
        pending, self._pending = self._pending, None
        try:
            dropped = self.wizard.answer(self.question_id, pending)
        except AnswerRefused:
            return None
        return dropped_notice(dropped)

    def _refuse(self) -> None:
        """Stay on this question and say that the choice was not kept."""
        self.show_question(self.question_id)
        self._set_notice(REFUSED, refused=True)
        self.app.bell()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            self.action_next()
        elif event.button.id == "back":
            self.action_back()

    def action_next(self) -> None:
        question = self.wizard.rulebook.question(self.question_id)
        if self._pending is not None:
            chosen = self._pending
        else:
            chosen = self.wizard.chosen(self.question_id)
        if question.required and not chosen:
            reason = self.wizard.missing_reason(question) or ""
            self._set_notice(reason, refused=True)
            self.app.bell()
            return
        notice = self._commit()
        if notice is None:
            self._refuse()
            return
        self._go(self.wizard.next_stop(self.question_id), notice)

    def _go(self, step: Step, notice: str) -> None:
        if step.question is None:
            self.post_message(self.Finished(notice))
            return
        if step.gap:
            notice = (notice + " " if notice else "") + GAP_NOTICE
        self.show_question(step.question.id, notice=notice)

    def begin_change(self, question_id: str) -> None:
        """Open a question chosen on the results: after it, only newly needed questions, then the results."""
        self.wizard.begin_change()
        self._change_start = question_id
        self.show_question(question_id)

    def end_change(self) -> None:
        self.wizard.end_change()
        self._change_start = None

    def _back_to_results(self) -> bool:
        """Esc on the question chosen from the results returns there (keeping the choice, as Back does)."""
        return self.wizard.changing and self.question_id == self._change_start

    def _show_results_or_gap(self, notice: str) -> None:
        gap = self.wizard.first_unanswered()
        self._go(Step(gap, gap=True) if gap is not None else Step(None), notice)

    def action_back(self) -> None:
        if self._back_to_results():
            notice = self._commit()
            if notice is None:
                self._refuse()
                return
            self._go(self.wizard.next_stop(self.question_id), notice)
            return
        notice = self._commit()
        if notice is None:
            self._refuse()
            return
        previous = self.wizard.before(self.question_id)
        if previous is None:
            self.app.pop_screen()
            return
        self.show_question(previous.id, notice=notice)

    def action_results(self) -> None:
        question = self.wizard.rulebook.question(self.question_id)
        if self._pending is not None and (self._pending or not question.required):
            notice = self._commit()
        else:
            notice = ""
        if notice is None:
            self._refuse()
            return
        self._show_results_or_gap(notice)

    def action_results_not_yet(self) -> None:
        """Ctrl+R before the results can be shown: say which questions still need an answer."""
        if (
            self._pending
        ):  # this answer may be the last one missing: keep it, then show the results or the gap
            self.action_results()
            return
        self._set_notice(self.wizard.still_to_answer() or "", refused=True)
        self.app.bell()

    def action_question_list(self) -> None:
        """Counsellor mode: to the list of questions, or back to the options from it."""
        index = self.query_one("#question-index", OptionList)
        if index.has_focus:
            self.query_one(ChoiceList).focus()
        else:
            index.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key from the footer (and Textual does not run it): Ctrl+R shows "Results" only once
        # every question is answered; before that the other Ctrl+R binding says what is missing.
        if action == "results":
            return self.wizard.complete
        if action == "results_not_yet":
            return not self.wizard.complete
        if action == "question_list":
            return self.counsellor
        return True
