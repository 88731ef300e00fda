"""Lists and reading panes with their keys declared in ConsultAid's words.

Textual's own widgets describe their keys in a programmer's words ("Scroll Up", "Select", "Page Down"), and
the help screen (F1) lists what each widget on screen declares. These subclasses change no behaviour: they
bind the same keys to the same actions, described as a person would say them, so that the help can be built
from the bindings themselves and never drift from what the keys do. The lists are ``Options``, whose page
keys wait until the list is laid out.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from .options import Options


def list_keys(items: str, enter: str | None = None) -> list[BindingType]:
    """The keys of a list of ``items``, Enter doing ``enter`` (each pair shares its words, so the help puts
    them on one line: "↑ ↓ Move between the options"). Without ``enter``, the list binds Enter itself."""
    keys: list[BindingType] = [
        Binding("up", "cursor_up", f"Move between the {items}", show=False),
        Binding("down", "cursor_down", f"Move between the {items}", show=False),
        Binding("pageup", "page_up", f"Move a page up or down the {items}", show=False),
        Binding("pagedown", "page_down", f"Move a page up or down the {items}", show=False),
        Binding("home", "first", f"Go to the first or the last of the {items}", show=False),
        Binding("end", "last", f"Go to the first or the last of the {items}", show=False),
    ]
    if enter is not None:
        keys.append(Binding("enter", "select", enter, show=False))
    return keys


class QuestionIndex(Options):
    """Counsellor mode: every question with its answer, to jump between."""

    HELP_TITLE = "the list of questions"
    BINDINGS: ClassVar[list[BindingType]] = list_keys("questions", "Open the highlighted question")


class AnswerList(Options):
    """The answers given so far, to choose one to change."""

    BINDINGS: ClassVar[list[BindingType]] = list_keys("answers", "Change the highlighted answer")


class FormatList(Options):
    """The formats a summary can be exported in."""

    BINDINGS: ClassVar[list[BindingType]] = list_keys("formats", "Export in the highlighted format")


class OverviewList(Options):
    """The results at a glance: a line per option and per point to bear in mind."""

    BINDINGS: ClassVar[list[BindingType]] = list_keys(
        "lines of the overview", "Go to the details of this line"
    )


class Reading(VerticalScroll):
    """Text to read that may run past the bottom of the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up or down a line", show=False),
        Binding("down", "scroll_down", "Scroll up or down a line", show=False),
        Binding("pageup", "page_up", "Scroll up or down a page", show=False),
        Binding("pagedown", "page_down", "Scroll up or down a page", show=False),
        Binding("home", "scroll_home", "Go to the top or the end", show=False),
        Binding("end", "scroll_end", "Go to the top or the end", show=False),
    ]
