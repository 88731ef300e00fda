"""Two pages to read and go back from: the words the results use, explained (the rulebook's glossary), and
how this guide was made. Nothing here decides what they say: the results view and the rulebook do."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...safe import plain, visible
from ...words import HOW_MADE_TITLE, WORDS_USED

if TYPE_CHECKING:
    from ...view import AboutView, WordView


class _ReadingScreen(Screen[None]):
    """A title over a page of text that scrolls; Escape (or the screen's own key) goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to where you were")
    ]
    HELP_TITLE = "a page to read"

    TITLE_TEXT = ""
    SCROLL_ID = "reading"

    def compose(self) -> ComposeResult:
        yield Static(plain(self.TITLE_TEXT + " (Esc: back)"), classes="reading-title")
        with VerticalScroll(id=self.SCROLL_ID, classes="reading"):
            yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_back(self) -> None:
        self.app.pop_screen()


class WordsScreen(_ReadingScreen):
    """The words the results use that a person may not know, each with what it means.

    | Key(s) | Description |
    | :- | :- |
    | up, down, pageup, pagedown | Scroll. |
    | escape, w | Back to the results. |
    """

    HELP_TITLE = "the words explained"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to results", tooltip="Back to the results"),
        Binding("w", "back", "Back", tooltip="Back to the results", show=False),
    ]
    TITLE_TEXT = f"{WORDS_USED} in your results"
    SCROLL_ID = "words"

    def __init__(self, words: tuple[WordView, ...]) -> None:
        super().__init__()
        self.words = words

    def body(self) -> ComposeResult:
        if not self.words:
            yield Static(plain("Your results use no words from this guide's list of harder words."))
            return
        for word in self.words:
            yield Static(Content.styled(visible(word.term), "bold"), classes="word-term")
            yield Static(plain(word.means), classes="word-means")


class AboutScreen(_ReadingScreen):
    """How this guide was made: who wrote it, how the evidence was chosen, how and when it is checked again,
    what happens after a safety alert, and its version and dates.

    | Key(s) | Description |
    | :- | :- |
    | up, down, pageup, pagedown | Scroll. |
    | escape, i | Back. |
    """

    HELP_TITLE = "how this guide was made"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to where you were"),
        Binding("i", "back", "Back", tooltip="Back to where you were", show=False),
    ]
    TITLE_TEXT = HOW_MADE_TITLE
    SCROLL_ID = "about"

    def __init__(self, about: AboutView) -> None:
        super().__init__()
        self.about = about

    def body(self) -> ComposeResult:
        about = self.about
        yield Static(plain(about.dates), classes="reading-part")
        for heading, text in about.parts:
            yield Static(
                Content.assemble((visible(heading), "bold"), "\n", visible(text)), classes="reading-part"
            )
        yield Static(plain(about.credits), classes="reading-part")
