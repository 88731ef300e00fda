"""Dialog: the base of ConsultAid's dialogs: it closes once, and it has the keys that work in any dialog.

Textual's ``Screen.dismiss`` hands the result to whoever opened the screen and pops the top screen, each time
it is called. Two keys that both close a dialog (Enter twice on the leaning question, Enter then Esc, n then
Esc) can arrive in one write, before the first has taken the dialog off the screen: the second call handed a
second result back (``InvalidStateError``, which ended the session) and popped the screen beneath the dialog.
Every ConsultAid dialog is a ``Dialog``: it closes once, and later requests to close do nothing.

Textual also stops at a modal screen when it looks for a key's binding (only the app's priority bindings reach
past it), so the app's F1, ? and Tab would do nothing in a dialog. Each dialog gets them here, in the same
words, and the list of keys (F1) reads them from here like any other binding.

A dialog covers the whole screen (dimmed behind it), footer included: the footer left showing beneath was
the screen behind's (Change, Compare, Export...), keys that do nothing while the dialog is open. Every dialog
has a footer of its own, listing the keys that work in it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, ScreenResultType

from ..widgets.footer import KeysFooter

HELP_AND_TAB: list[BindingType] = [
    Binding("f1,question_mark", "app.help", "Keys", tooltip="This list of keys", show=False),
    Binding("tab", "app.focus_next", "Next part", tooltip="Move between the parts of the screen", show=False),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous part",
        tooltip="Move between the parts of the screen",
        show=False,
    ),
]
"""The list of keys and Tab, in our words: the app's keys, and again every dialog's."""


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen over the one the person was on, dismissed at most once, with a typed result."""

    BINDINGS: ClassVar[list[BindingType]] = HELP_AND_TAB

    @on(events.Mount)
    def _own_footer(self) -> None:
        """The dialog's own keys along the bottom, over the footer of the screen behind (run as well as any
        on_mount of the dialog itself)."""
        self.mount(KeysFooter())

    closing = False
    """True once the dialog has handed back its result and is being taken off the screen."""

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if self.closing:
            return AwaitComplete.nothing()
        self.closing = True
        return super().dismiss(result)
