"""The first screen: what ConsultAid is and is not, privacy, the keys, and Start."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ...safe import plain
from ..widgets.footer import KeysFooter

if TYPE_CHECKING:
    from textual.widgets import Button

    from ...wizard import Wizard

ABOUT = """\
Answer a few short questions. You will then see the options worth discussing at a consultation, the points \
to bear in mind, and why each one is shown.

[b]Not medical advice.[/b] It does not diagnose anything and never tells you to have a procedure.
[b]Private.[/b] Nothing you enter is stored or sent anywhere unless you choose to save it."""

KEYS = "[b]Keys:[/b] ↑ ↓ move · Space choose · Enter next · Esc back · Ctrl+Q quit"


class WelcomeScreen(Screen[None]):
    """Shown at once, while the rulebook loads behind it: the app hands the rulebook down (`rulebook_ready`)
    and hears `Start` when the person asks to begin.

    The first frame is what a person reads first (what ConsultAid is, privacy, the keys) and is made quickly:
    the Start button is added where its place is kept once the question list has loaded (a button that could
    not yet be pressed would say no more than "Loading the question list…"), and takes the focus then; until
    then nothing needs it. No rule of the welcome depends on the height classes that the app's breakpoints
    give screens, so the welcome has none (setting them restyles every widget on the first resize).
    """

    AUTO_FOCUS = ""  # Start takes the focus when it appears
    VERTICAL_BREAKPOINTS = []  # noqa: RUF012 - Textual declares it so

    class Start(Message):
        """The person asked to begin the questions."""

    def __init__(self, wizard: Wizard | None = None) -> None:
        super().__init__()
        self._wizard = wizard

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("s", "start", "Start", show=False),
        Binding("i", "about", "How this guide was made"),
    ]

    def compose(self) -> ComposeResult:
        # The title and Start stay in view at any size (60x20 included); only the text between them scrolls.
        with Vertical(id="welcome-page"):
            with Center():
                yield Static(
                    "ConsultAid: prepare for a consultation about cosmetic or plastic surgery",
                    id="welcome-title",
                )
            with VerticalScroll(id="welcome"):
                yield Static(ABOUT, id="welcome-about")
                yield Static(KEYS, id="welcome-keys")
                yield Static("Loading the question list…", id="welcome-rulebook")
            with Center(id="welcome-foot"):
                yield Static(id="start-place")  # Start's place, until the question list has loaded
        yield KeysFooter()

    def on_mount(self) -> None:
        if self._wizard is not None:
            self._show(self._wizard)

    def rulebook_ready(self, wizard: Wizard) -> None:
        """The rulebook has loaded: show what it is and enable Start (at mount, if not up yet)."""
        self._wizard = wizard
        if self.is_mounted:
            self._show(wizard)

    def _show(self, wizard: Wizard) -> None:
        info = wizard.rulebook.info
        count = wizard.count_words()  # the wizard's own count, the N of its "Question 1 of N"
        self.query_one("#welcome-rulebook", Static).update(
            plain(
                f"{count[0].upper()}{count[1:]}. Content: {info.title} {info.version}, checked "
                f"{info.checked:%d %b %Y}, review due {info.review_due:%b %Y}.\n"
                f"Made by {info.made_by} Funded by {info.funded_by}\n"
                "Press i to read how this guide was made."
            )
        )
        for place in self.query("#start-place"):
            from textual.widgets import Button

            button = Button("Start (Enter)", id="start", variant="primary")
            self.query_one("#welcome-foot", Center).mount(button)
            place.remove()
            button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    def action_about(self) -> None:
        """How this guide was made (once the rulebook has loaded; before, say it is still loading)."""
        from ...view import about_view
        from .reading import AboutScreen

        if self._wizard is None:
            self.notify("The guide is still loading. Try again in a moment.", title="How this guide was made")
            return
        self.app.push_screen(AboutScreen(about_view(self._wizard.rulebook)))

    def action_start(self) -> None:
        # A quick second Enter can arrive while the first question is still being pushed: ignore it here.
        if self._wizard is not None and self.is_current:
            self.post_message(self.Start())
