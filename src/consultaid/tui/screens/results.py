"""The results: the engine's Result rendered as it is, critical points first and always in view."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ...safe import plain, visible
from ...words import (
    HOW_MADE_TITLE,
    KNOWLEDGE_TITLE,
    LEANING_QUESTION,
    LEFT_OUT,
    NOT_ANSWERED,
    NOTHING_MATCHED,
    WHO_TO_LOOK_FOR,
    WORDS_USED,
)
from ..widgets.cards import CautionCard, NoProcedureCard, ProcedureCard, RegisterCard, bulleted
from ..widgets.footer import KeysFooter
from ..widgets.hanging import hanging

if TYPE_CHECKING:
    from ...result import Result
    from ...wizard import Wizard


class ResultsScreen(Screen[None]):
    """What is worth discussing, what to bear in mind, what was left out, and why.

    | Key(s) | Description |
    | :- | :- |
    | up, down, pageup, pagedown | Scroll. |
    | c | Change an answer (the results update). |
    | g | Compare the options side by side. |
    | k | Check what you know: true-or-false statements about the options (optional). |
    | l | Which way are you leaning? (optional) |
    | w | The words the results use that a person may not know, explained. |
    | i | How this guide was made. |
    | escape | Back to the last question. |
    """

    class ChangeAnswer(Message):
        """The person chose an answer to change: the app opens that question."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("c", "change", "Change"),  # the keys line says: c change an answer
        Binding("g", "compare", "Compare"),
        Binding("k", "knowledge", "Check what you know", show=False),
        Binding("l", "leaning", "Which way you lean", show=False),
        Binding("w", "words", "Words explained", show=False),
        Binding("i", "about", "How this guide was made", show=False),
        Binding("r", "app.readiness", "Ready?"),
        Binding("e", "app.export_summary", "Export"),
    ]

    def __init__(
        self, wizard: Wizard, *, counsellor: bool = False, focus: str | None = None, notice: str = ""
    ) -> None:
        super().__init__()
        self.change_notice = notice
        """What the answer just changed took away from later answers ('' when nothing)."""
        self.focus_section = focus
        from ...engine import evaluate
        from ...view import build_view

        self.wizard = wizard
        self.counsellor = counsellor
        self.result: Result = evaluate(wizard.rulebook, wizard.answers)
        self.aid = build_view(wizard.rulebook, wizard.answers, self.result, wizard.reflection)
        self.leaning_cleared = wizard.leaning_cleared
        wizard.leaning_cleared = None  # told once, here

    def compose(self) -> ComposeResult:
        view = self.aid
        if view.critical:
            with Vertical(id="alerts"):
                for caution in view.critical:
                    yield Static(
                        Content.assemble(
                            (f" {caution.level_words.upper()} ", "reverse bold"),
                            " ",
                            (visible(caution.title), "bold"),
                        ),
                        classes="alert",
                    )
        with VerticalScroll(id="results"):
            yield Static("Your summary to take to a consultation", id="results-title")
            if self.change_notice:
                yield Static(plain(self.change_notice), id="change-notice")
            if self.leaning_cleared:
                yield Static(
                    plain(
                        f"Your leaning towards {self.leaning_cleared} was cleared: with your changed "
                        "answers, it is no longer among the options shown. Press l to choose again."
                    ),
                    id="leaning-cleared",
                )
            yield Static(
                Content(
                    "Keys: g compare the options side by side · k check what you know · l which way you "
                    "lean · w words explained · c change an answer · r are you ready? · e export a summary · "
                    "i how this guide was made · Esc back."
                ),
                id="keys-hint",
            )
            yield Static(bulleted("At a glance (the details follow):", list(view.overview())), id="overview")
            show_rules = self.counsellor
            for caution in view.critical:
                yield CautionCard(caution, show_rules=show_rules)
            yield Static("Options worth discussing", classes="section-title")
            if view.nothing_matched:
                yield Static(
                    Content(f"{NOTHING_MATCHED} The points below say where to go from here."),
                    classes="empty",
                )
            for option in view.options:
                yield ProcedureCard(option, show_rules=show_rules)
            if view.no_procedure is not None:
                yield NoProcedureCard(view.no_procedure)
            if view.left_out:
                yield Static(LEFT_OUT, classes="section-title")
                for name, because in view.left_out:
                    yield Static(hanging("• ", Text(visible(f"{name}: {because}"))), classes="left-out")
            if view.not_answered:
                # Answers prepared before a question existed (an older answers file): say what the results
                # were made without, and how to answer now, rather than mistake a missing answer for a no.
                yield Static(NOT_ANSWERED, classes="section-title", id="not-answered-title")
                yield Static(
                    bulleted("", view.not_answered, "Press c to answer any of them: the results update."),
                    id="not-answered",
                )
            if view.others:
                yield Static("Points to bear in mind", classes="section-title")
                for caution in view.others:
                    yield CautionCard(caution, show_rules=show_rules)
            if view.who_to_look_for:
                yield Static(WHO_TO_LOOK_FOR, classes="section-title", id="who-to-look-for")
                if view.who_to_look_for_note:
                    yield Static(plain(view.who_to_look_for_note), classes="questions")
                for register in view.who_to_look_for:
                    yield RegisterCard(register)
            yield from self._questions_to_ask()
            yield from self._readiness()
            yield from self._knowledge()
            yield from self._leaning()
            yield from self._words_and_about()
            if self.counsellor:
                yield from self._handover()
        yield KeysFooter()

    def _questions_to_ask(self) -> ComposeResult:
        aid = self.aid
        if not aid.general_questions and not aid.procedure_questions:
            return
        yield Static("Questions to ask at the consultation", classes="section-title")
        if aid.general_questions:
            yield Static(bulleted("Of any practitioner:", aid.general_questions), classes="questions")
        for name, questions in aid.procedure_questions:
            yield Static(bulleted(f"About {name}:", questions), classes="questions")

    def _readiness(self) -> ComposeResult:
        aid = self.aid
        if not aid.readiness:
            return
        yield Static("Are you ready to decide?", classes="section-title", id="readiness-title")
        if not aid.readiness_started:
            yield Static(
                Content(
                    f"{len(aid.readiness)} short questions check whether you feel ready to decide. Press r "
                    "to answer them (nothing is saved unless you choose to)."
                ),
                id="readiness-summary",
            )
            return
        lines = [f"{item.text} {item.answer or 'Not answered yet'}" for item in aid.readiness]
        yield Static(bulleted("Your answers (press r to change them):", lines), id="readiness-summary")
        if aid.next_steps:
            yield Static(bulleted("Next steps:", aid.next_steps), id="next-steps")
        elif (note := aid.readiness_note()) is not None:
            yield Static(plain(note), id="next-steps")

    def _knowledge(self) -> ComposeResult:
        aid = self.aid
        if not aid.knowledge or aid.nothing_matched:
            return
        yield Static(KNOWLEDGE_TITLE, classes="section-title", id="knowledge-title")
        if not aid.knowledge_answered:
            yield Static(
                plain(
                    f"{len(aid.knowledge)} true-or-false statements check the key facts about these options. "
                    "Press k to try them (optional)."
                ),
                id="knowledge-summary",
            )
            return
        lines = [
            f"{item.option}: {item.says} It is {item.truth.lower()}. {item.explain}"
            for item in aid.to_go_over
        ]
        footer = "Press k to go through them again."
        if lines:
            yield Static(
                bulleted(f"{aid.knowledge_score()} Worth going over again:", lines, footer),
                id="knowledge-summary",
            )
        else:
            yield Static(plain(f"{aid.knowledge_score()} {footer}"), id="knowledge-summary")

    def _leaning(self) -> ComposeResult:
        aid = self.aid
        if aid.nothing_matched:
            return
        yield Static(LEANING_QUESTION, classes="section-title", id="leaning-title")
        if aid.leaning_label:
            text = f"You said: {aid.leaning_label}. Your summary records it. Press l to change it."
        else:
            text = "Optional: press l to say which way you lean now, or that you are not sure yet."
        yield Static(plain(text), id="leaning-summary")

    def _words_and_about(self) -> ComposeResult:
        aid = self.aid
        if aid.words:
            yield Static(WORDS_USED, classes="section-title", id="words-title")
            terms = ", ".join(word.term for word in aid.words)
            yield Static(
                plain(
                    f"Words in your results that this guide explains: {terms}. Press w to read their meaning."
                ),
                id="words-summary",
            )
        if aid.about is not None:
            yield Static(HOW_MADE_TITLE, classes="section-title", id="about-title")
            yield Static(
                plain(
                    f"{aid.about.dates} Press i to read who wrote it, how the evidence was chosen, "
                    "how it is checked and what happens after a safety alert."
                ),
                id="about-summary",
            )

    def _handover(self) -> ComposeResult:
        yield Static("Handover: which answers raised which points", classes="section-title")
        lines = []
        for item in self.aid.handover:
            lines.append(
                f"{item.level_words}: {item.title} [{item.caution_id}] ← {item.raised_by} "
                f"(rules: {', '.join(item.rules)})"
            )
        yield Static(bulleted("", lines), id="handover")
        aid = self.aid
        yield Static(plain(f"{LEANING_QUESTION} {aid.leaning_label or 'Not said'}"), id="handover-leaning")
        if aid.to_go_over:
            facts = [
                f"{item.option}: “{item.says}” Answered {item.given_words.lower()}; it is "
                f"{item.truth.lower()}. {item.explain}"
                for item in aid.to_go_over
            ]
            yield Static(
                bulleted("Facts to go over again (from the knowledge check):", facts), id="handover-facts"
            )

    def on_mount(self) -> None:
        results = self.query_one("#results", VerticalScroll)
        results.focus()
        if self.focus_section:
            target = self.query(f"#{self.focus_section}")
            if target:
                self.call_after_refresh(results.scroll_to_widget, target.first(), animate=False, top=True)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_knowledge(self) -> None:
        from .knowledge import KnowledgeScreen

        if not self.aid.knowledge or self.aid.nothing_matched:
            self.notify("There are no statements to check for these results.", title=KNOWLEDGE_TITLE)
            return

        def done(answered: bool | None) -> None:
            if answered:
                self.app.show_results(focus="knowledge-title")  # type: ignore[attr-defined]

        self.app.push_screen(KnowledgeScreen(self.wizard, self.aid.knowledge), done)

    def action_leaning(self) -> None:
        from .leaning import LeaningScreen

        if self.aid.nothing_matched:
            return

        def done(leaning: str | None) -> None:
            if leaning is not None and leaning != self.aid.leaning:
                self.wizard.lean(leaning)
                self.app.show_results(focus="leaning-title")  # type: ignore[attr-defined]

        self.app.push_screen(LeaningScreen(self.aid), done)

    def action_words(self) -> None:
        from .reading import WordsScreen

        self.app.push_screen(WordsScreen(self.aid.words))

    def action_about(self) -> None:
        from .reading import AboutScreen

        if self.aid.about is not None:
            self.app.push_screen(AboutScreen(self.aid.about))

    def action_compare(self) -> None:
        from .compare import CompareScreen

        if self.aid.grid is not None and not self.aid.nothing_matched:
            self.app.push_screen(CompareScreen(self.aid.grid))
        else:
            self.notify("There are no options to compare.", title="Compare")

    def action_change(self) -> None:
        from .jump import JumpScreen

        def chosen(question_id: str | None) -> None:
            if question_id:
                self.post_message(self.ChangeAnswer(question_id))

        self.app.push_screen(JumpScreen(self.wizard), chosen)
