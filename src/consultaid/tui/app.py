"""ConsultAidApp: holds the rulebook and the answers, and moves between the screens.

The welcome screen paints first; the rulebook (pydantic, YAML, every check) loads in a worker thread behind
it, started only once the first frame is on the terminal (the worker's imports would otherwise hold the GIL
while the welcome screen is being laid out), so start-up feels as quick as Textual itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from .screens.dialog import HELP_AND_TAB

if TYPE_CHECKING:
    from ..answers import Answers
    from ..rulebook.book import Rulebook
    from ..session import Resumed
    from ..wizard import Wizard
    from .screens.question import QuestionScreen
    from .screens.results import ResultsScreen
    from .screens.welcome import WelcomeScreen

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    dark=True,
    variables={
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "border": "#ffffff",
        "border-blurred": "#aaaaaa",
        "input-selection-background": "#ffff00 40%",
        # A yellow scrollbar thumb on a grey track (Textual's default is a dim blend of the two).
        "scrollbar": "#ffff00",
        "scrollbar-hover": "#ffff99",
        "scrollbar-active": "#ffffff",
        "scrollbar-background": "#333333",
        "scrollbar-background-hover": "#333333",
        "scrollbar-background-active": "#333333",
        "scrollbar-corner-color": "#333333",
    },
)


class ConsultAidApp(App[None]):
    """The wizard: welcome, one question at a time, then the results."""

    CSS_PATH = "consultaid.tcss"
    TITLE = "ConsultAid"
    SUB_TITLE = "prepare for a consultation"
    ENABLE_COMMAND_PALETTE = True
    VERTICAL_BREAKPOINTS = [(0, "-short"), (25, "-tall")]  # noqa: RUF012 - Textual declares it so
    """Screens under 25 rows get the class -short (the stylesheet makes dialogs more compact there): at 80x24
    a dialog has 23 rows above its own footer, and the export dialog with a "Could not write" error needs
    more than that with its blank lines."""
    BINDINGS: ClassVar[list[BindingType]] = [
        *HELP_AND_TAB,
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            tooltip="All commands, to search by name",
            show=False,
            priority=True,
        ),
        # Save shows in every footer once there is something to save (see check_action).
        Binding("ctrl+s", "save_session", "Save", tooltip="Save your answers to a file, to carry on later"),
        Binding(
            "ctrl+q",
            "request_quit",
            "Quit",
            tooltip="Leave ConsultAid (it asks first if you have answered anything)",
            priority=True,
        ),
        Binding(
            "ctrl+c",
            "request_quit",
            "Quit",
            tooltip="Leave ConsultAid (it asks first if you have answered anything)",
            show=False,
            priority=True,
        ),
    ]

    def __init__(
        self,
        *,
        rules: Path | None = None,
        answers_path: Path | None = None,
        resume_path: Path | None = None,
        rulebook: Rulebook | None = None,
        answers: Answers | dict[str, Any] | None = None,
        resumed: Resumed | None = None,
        counsellor: bool = False,
        theme: str | None = None,
    ) -> None:
        """``rulebook`` with ``answers`` or ``resumed`` (already read and checked, as the command line does so
        that a bad file is reported before the app starts), or the paths for the app to read behind the
        welcome screen."""
        super().__init__()
        self.counsellor = counsellor
        self._resume_path = resume_path
        self._resumed = resumed
        self.register_theme(HIGH_CONTRAST)
        if theme:
            self.theme = theme
        self._rules_path = rules
        self._answers_path = answers_path
        self._initial_answers = answers
        self.rulebook: Rulebook | None = rulebook
        self.wizard: Wizard | None = None
        self.error_text: str | None = None
        """Set when the app ends because of a rulebook or answers error; the launcher prints it."""

    # -- start-up --------------------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The welcome screen is the app's first screen (cheaper than an empty screen with the welcome on
        top)."""
        from .screens.welcome import WelcomeScreen

        return WelcomeScreen(self.wizard)

    def on_mount(self) -> None:
        if self.rulebook is not None:
            self._rulebook_loaded(self.rulebook, self._initial_answers)

    def on_ready(self) -> None:
        """The first frame is displayed: now read the rulebook, unless it was handed over."""
        if self.rulebook is None:
            self._load_in_background()

    @work(thread=True, exclusive=True, group="load")
    def _load_in_background(self) -> None:
        """Read and check the rulebook (and any answers file) without holding up the first paint."""
        from ..errors import ConsultAidError, in_file_order
        from ..rulebook.load import load_rulebook
        from ..session import open_files, problems_summary

        try:
            rulebook = load_rulebook(self._rules_path)
            answers, self._resumed = open_files(
                rulebook, answers=self._answers_path, resume=self._resume_path
            )
        except ConsultAidError as exc:
            text = "\n".join(str(p) for p in in_file_order(exc.problems))
            text += "\n" + problems_summary(exc, session=self._resume_path is not None)
            self.call_from_thread(self._load_failed, text)
            return
        except Exception as exc:
            self.call_from_thread(
                self._load_failed, f"consultaid: could not start: {exc.__class__.__name__}: {exc}"
            )
            return
        self.call_from_thread(self._rulebook_loaded, rulebook, answers)

    def _load_failed(self, text: str) -> None:
        self.error_text = text
        self.exit(return_code=2)

    def _rulebook_loaded(self, rulebook: Rulebook, answers: Answers | dict[str, Any] | None) -> None:
        from ..answers import Answers
        from ..wizard import Wizard

        self.rulebook = rulebook
        resumed = self._resumed
        if resumed is not None:
            answers = resumed.answers
        if answers is not None and not isinstance(answers, Answers):
            answers = Answers.validate(answers, rulebook, complete=False)
        self.wizard = Wizard(rulebook, answers or Answers())
        from .screens.welcome import WelcomeScreen

        if isinstance(self.screen, WelcomeScreen):
            self.screen.rulebook_ready(self.wizard)
        if resumed is not None:
            self.wizard.reflection = resumed.reflection
            where = self.wizard.resume_at(resumed.position)
            if where is None:
                self.show_results(replace_welcome=True)
            else:
                self.start_wizard(where)
            notice = resumed.report(rulebook)
            if notice:
                from .screens.confirm import MessageScreen

                self.push_screen(MessageScreen("Your saved session", notice))
        elif answers:
            gap = self.wizard.first_unanswered()
            if gap is None:
                self.show_results(replace_welcome=True)
            else:
                self.start_wizard(gap.id)

    # -- moving between screens: the screens ask by message, the app decides ---------------------------------

    def on_welcome_screen_start(self, message: WelcomeScreen.Start) -> None:
        message.stop()
        if self.wizard is not None:
            self.start_wizard()

    def on_question_screen_finished(self, message: QuestionScreen.Finished) -> None:
        message.stop()
        self.show_results(notice=message.notice)

    def on_results_screen_change_answer(self, message: ResultsScreen.ChangeAnswer) -> None:
        message.stop()
        self.start_wizard(message.question_id, change=True)

    def start_wizard(self, question_id: str | None = None, *, change: bool = False) -> None:
        """Show the question screen, at the given question or the first one; ``change``: a question chosen
        on the results, after which only newly needed questions are asked before the results again."""
        from .screens.question import QuestionScreen

        assert self.wizard is not None
        target = question_id or self.wizard.first().id
        found = next((s for s in self.screen_stack if isinstance(s, QuestionScreen)), None)
        if found is None:
            found = QuestionScreen(self.wizard, target, counsellor=self.counsellor)
            self.push_screen(found)
        else:
            while self.screen is not found:
                self.pop_screen()
        if change:
            found.begin_change(target)
        else:
            found.end_change()
            found.show_question(target)

    def show_results(
        self, *, replace_welcome: bool = False, focus: str | None = None, notice: str = ""
    ) -> None:
        from .screens.question import QuestionScreen
        from .screens.results import ResultsScreen

        assert self.wizard is not None and self.rulebook is not None
        if replace_welcome and not any(isinstance(s, QuestionScreen) for s in self.screen_stack):
            last = self.wizard.asked()[-1].id
            self.push_screen(QuestionScreen(self.wizard, last, counsellor=self.counsellor))
        if isinstance(self.screen, ResultsScreen):
            self.pop_screen()
        for screen in self.screen_stack:
            if isinstance(screen, QuestionScreen):
                screen.end_change()
        self.wizard.end_change()
        self.push_screen(ResultsScreen(self.wizard, counsellor=self.counsellor, focus=focus, notice=notice))

    # -- saving and exporting (only ever when asked) ---------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Save shows in every footer (and the list of keys) once there is something to save (False hides it;
        # before any answer there is nothing to keep).
        if action == "save_session":
            return self.wizard is not None and bool(self.wizard.answers)
        return True

    def action_save_session(self) -> None:
        from .screens.files import SaveSessionScreen

        if self.wizard is not None:
            self.push_screen(SaveSessionScreen(self.wizard, position=self._position()))

    def action_export_summary(self) -> None:
        from .screens.files import ExportScreen

        if self.wizard is not None:
            self.push_screen(ExportScreen(self.wizard, counsellor=self.counsellor))

    def _position(self) -> str | None:
        """Where the person is, for a saved session: the question on screen, or None on the results (and
        the dialogs above them)."""
        from .screens.question import QuestionScreen
        from .screens.results import ResultsScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, ResultsScreen):
                return None
            if isinstance(screen, QuestionScreen):
                return screen.question_id
        return None

    # -- unexpected errors: a plain message and a chance to save, never a traceback on the screen ----------

    crash_details: str | None = None
    """The details of an unexpected error (printed to stderr once the terminal is restored)."""

    async def on_event(self, event: events.Event) -> None:
        # Keys and their actions run here: an error in one would otherwise end the app's own message loop.
        try:
            await super().on_event(event)
        except Exception as error:
            if not self._rescue(error):
                raise

    def _handle_exception(self, error: Exception) -> None:
        """Textual's handler for an error in any screen or widget (it would end the app with a traceback)."""
        if not self._rescue(error):
            super()._handle_exception(error)

    def _rescue(self, error: Exception) -> bool:
        """Keep the app up long enough to offer saving the answers; False when Textual should handle it (an
        error while already rescuing, or before the app runs)."""
        if self.is_running and self._left_behind(error):
            self.log.error("ignored a fault in a screen already left, or in the command palette", error)
            return True
        if self.crash_details is not None or not self.is_running:
            return False
        import traceback

        self.crash_details = "".join(traceback.format_exception(error)).rstrip()
        if self.wizard is None or not self.wizard.answers:
            self._leave_after_error(None, answers=False)
        else:
            self.call_later(self._offer_to_save)
        return True

    def _left_behind(self, error: BaseException) -> bool:
        """True when the fault arose in a screen the person has already left, or inside Textual's command
        palette: neither holds or changes an answer, so the session goes on.

        Keys typed ahead reach screens while Textual is still building or removing them: a dialog closed by
        Esc before its mount handler ran (that handler finds no widgets), or the palette paging a list not yet
        measured, closing twice, or searching after it closed (Textual 8.2). Ending the session for those
        would lose every answer for nothing. A fault in a screen that is still open is not left behind: it
        gets the plain message and the offer to save.
        """
        from textual.command import CommandList, CommandPalette
        from textual.widget import Widget

        stack = self.screen_stack
        pending: list[BaseException] = [error]
        seen: set[int] = set()
        while pending:
            fault = pending.pop()
            if id(fault) in seen:
                continue
            seen.add(id(fault))
            pending += [e for e in (fault.__cause__, fault.__context__, getattr(fault, "error", None)) if e]
            trace = fault.__traceback__
            while trace is not None:
                owner = trace.tb_frame.f_locals.get("self")
                trace = trace.tb_next
                if isinstance(owner, CommandPalette | CommandList):
                    return True
                if isinstance(owner, Screen) and owner not in stack:
                    return True
                if isinstance(owner, Widget) and not isinstance(owner, Screen) and not owner.is_attached:
                    return True
        return False

    def _offer_to_save(self) -> None:
        from .screens.crash import CrashScreen

        assert self.wizard is not None
        self.push_screen(
            CrashScreen(self.wizard, position=self._position()),
            lambda saved: self._leave_after_error(saved, answers=True),
        )

    def _leave_after_error(self, saved: Path | None, *, answers: bool) -> None:
        if saved is not None:
            kept = f"Your answers were saved to {saved.resolve()}: carry on with consultaid --resume {saved}."
        elif answers:
            kept = "Your answers were not saved."
        else:
            kept = "No answers had been given."
        self.error_text = (
            f"consultaid: an unexpected error stopped the wizard. {kept}\n"
            "This is a fault in ConsultAid; the details below help to fix it:\n"
            f"{self.crash_details}"
        )
        self.exit(return_code=1)

    # -- leaving ---------------------------------------------------------------------------------------------

    def action_request_quit(self) -> None:
        """Quit, asking first when answers have been given (nothing is saved unless asked)."""
        from .screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return
        if self.wizard is None or not self.wizard.answers:
            self.exit()
            return

        def decided(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Leave ConsultAid?",
                "Your answers are not saved anywhere unless you saved them (Ctrl+S). "
                "If you leave now, unsaved answers are gone.",
                yes="Leave",
                no="Stay",
            ),
            decided,
        )

    def action_command_palette(self) -> None:
        """Textual's palette, with page keys that cannot end the app (see palette.py)."""
        from textual.command import CommandPalette

        from .palette import Palette

        if not self.use_command_palette or self.crash_details is not None:
            return  # on the way out after a fault, only saving and leaving are offered
        if any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            return  # one palette at a time
        # No fixed id (Textual gives its own '--command-palette'): a palette still being taken down after it
        # closed would clash with the new one's id, which ended the app when Ctrl+P was typed ahead.
        self.push_screen(Palette())

    def action_help(self) -> None:
        """The keys of the screen in front of the person, in ConsultAid's words (F1 or ?)."""
        from .screens.help import HelpScreen, keys_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        title = getattr(screen, "HELP_TITLE", "this screen")
        self.push_screen(HelpScreen(title, keys_of(screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands, in ConsultAid's words. Textual's own are left out or said again: its
        "Keys" panel lists generic bindings ("Scroll Left"), "Maximize" is for programmers, and its
        "Screenshot" would write the screen (health information) to disk readable by others."""
        yield SystemCommand("Keys", "The keys of this screen, and what they do (F1 or ?)", self.action_help)
        yield SystemCommand(
            "Quit", "Leave ConsultAid (it asks first if you have answered anything)", self.action_request_quit
        )
        yield SystemCommand("Theme", "Choose the colours", self.action_change_theme)
        if self.wizard is not None and self.wizard.answers:
            yield SystemCommand(
                "Save session",
                "Save your answers so far to a file, to carry on later",
                self.action_save_session,
            )
        from .screens.results import ResultsScreen

        if isinstance(screen, ResultsScreen):
            yield SystemCommand(
                "Export summary",
                "Write a summary to take to a consultation (Markdown, HTML, JSON or FHIR)",
                self.action_export_summary,
            )
            count = len(screen.aid.readiness)
            if count:
                yield SystemCommand(
                    "Readiness check",
                    f"{count} question{'s' if count != 1 else ''}: are you ready to decide? (r)",
                    screen.action_readiness,
                )
            yield SystemCommand("Compare the options", "The options side by side (g)", screen.action_compare)
            yield SystemCommand(
                "Check what you know",
                "True-or-false statements about the options (k)",
                screen.action_knowledge,
            )
            yield SystemCommand(
                "Which way are you leaning?", "One optional question (l)", screen.action_leaning
            )
        if self.theme != "high-contrast":
            yield SystemCommand(
                "High-contrast theme", "Switch to the high-contrast theme", self._high_contrast
            )

    def _high_contrast(self) -> None:
        self.theme = "high-contrast"
