"""Dialog: the base of ConsultAid's dialogs, with the keys that work in any of them.

Textual stops at a modal screen when it looks for a key's binding (only the app's priority bindings reach
past it), so the app's F1, ? and Tab would do nothing in a dialog. Each dialog gets them here, in the same
words, and the list of keys (F1) reads them from here like any other binding.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

Result = TypeVar("Result")

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


class Dialog(ModalScreen[Result]):
    """A dialog over the screen the person was on; it dismisses with a typed result."""

    BINDINGS: ClassVar[list[BindingType]] = HELP_AND_TAB
