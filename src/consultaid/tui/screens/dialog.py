"""Dialog: a modal screen that closes once, however many keys arrive together.

Textual's ``Screen.dismiss`` hands the result to whoever opened the screen and pops the top screen, each time
it is called. Two keys that both close a dialog (Enter twice on the leaning question, Enter then Esc, n then
Esc) can arrive in one write, before the first has taken the dialog off the screen: the second call handed a
second result back (``InvalidStateError``, which ended the session) and popped the screen beneath the dialog.
Every ConsultAid dialog is a ``Dialog``: it closes once, and later requests to close do nothing.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen that is dismissed at most once."""

    closing = False
    """True once the dialog has handed back its result and is being taken off the screen."""

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if self.closing:
            return AwaitComplete.nothing()
        self.closing = True
        return super().dismiss(result)
