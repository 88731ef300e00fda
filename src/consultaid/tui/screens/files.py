"""Writing files, only when asked: a session to carry on later, or a summary to take along.

Both dialogs write atomically with owner-only permissions, and ask before replacing an existing file.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...report import FORMAT_LABELS
from ...safe import plain, visible
from ..widgets.lists import FormatList
from .confirm import ConfirmScreen
from .dialog import Dialog

if TYPE_CHECKING:
    from ...wizard import Wizard


def today() -> _dt.date:
    """Today's date, for default file names (one place, so tests can fix the clock)."""
    return _dt.date.today()


FORMAT_CHOICES = list(FORMAT_LABELS.items())


class _WriteDialog(Dialog[Path | None]):
    """A file name, then write; asks before replacing a file. Subclasses say what text to write.

    Dismisses with the path written, or None when nothing was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "write", "Write the file", show=False),
        Binding("escape", "cancel", "Cancel", tooltip="Close without writing anything"),
    ]
    TITLE_TEXT = ""
    INTRO = ""
    ACTION = "Save"

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.wizard = wizard

    def default_name(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def compose_choices(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.TITLE_TEXT, id="dialog-title")
            yield Static(plain(self.INTRO), id="dialog-text")
            yield from self.compose_choices()
            yield Input(self.default_name(), id="path", placeholder="file name")
            yield Static(id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button(f"{self.ACTION} (Enter)", id="write", variant="primary")

    def on_mount(self) -> None:
        self.first_focus().focus()

    def first_focus(self) -> Widget:
        return self.query_one("#path", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.write()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A new name: an error about the old one no longer applies."""
        event.stop()
        self._clear_error()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "write":
            self.write()
        else:
            self.dismiss(None)

    def action_write(self) -> None:
        self.write()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _clear_error(self) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update("")
        error.remove_class("-shown")

    def _error(self, message: str) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update(plain(message))
        error.add_class("-shown")
        # On a short terminal the dialog scrolls: bring the error and the buttons under it into view.
        dialog = self.query_one("#dialog")
        self.call_after_refresh(dialog.scroll_end, animate=False)

    def write(self, *, overwrite: bool = False) -> None:
        from ...files import FileExists, expand, write_private

        if self.closing:  # a second Enter that came with the one that wrote: written once is enough
            return
        name = self.query_one("#path", Input).value.strip()
        if not name:
            self._error("Type a file name first.")
            return
        try:
            path = expand(name)
        except OSError as exc:
            self._error(f"Could not write {name}: {exc.strerror or exc}")
            return
        try:
            written = write_private(path, self.text(), overwrite=overwrite)
        except FileExists:

            def decided(replace: bool | None) -> None:
                if replace:
                    self.write(overwrite=True)

            self.app.push_screen(
                ConfirmScreen(
                    "Replace the file?", f"{path} already exists. Replace it?", yes="Replace", no="Keep it"
                ),
                decided,
            )
            return
        except OSError as exc:
            self._error(f"Could not write {path}: {exc.strerror or exc}")
            return
        self.app.notify(
            visible(f"Saved {written.resolve()}. Only you can read it."), title=self.ACTION, markup=False
        )
        self.dismiss(written)


class SaveSessionScreen(_WriteDialog):
    """Save the answers so far, to carry on with `consultaid --resume FILE`."""

    HELP_TITLE = "save your session"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "write", "Save to this file (the name can be changed first)", show=False),
    ]

    TITLE_TEXT = "Save your session"
    INTRO = (
        "Your answers so far are saved to this file, readable by you only. Carry on later with "
        "consultaid --resume FILE. It holds health information: keep it somewhere private."
    )

    def __init__(self, wizard: Wizard, *, position: str | None = None) -> None:
        super().__init__(wizard)
        self.position = position

    def default_name(self) -> str:
        return f"consultaid-session-{today():%Y-%m-%d}.json"

    def text(self) -> str:
        from ...session import session_text

        return session_text(
            self.wizard.rulebook,
            self.wizard.answers,
            position=self.position,
            reflection=self.wizard.reflection,
        )


class ExportScreen(_WriteDialog):
    """Export the summary to take along, in the format chosen."""

    HELP_TITLE = "export a summary"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "write", "Export to this file (Tab to change the name first)", show=False),
    ]

    TITLE_TEXT = "Export a summary to take along"
    INTRO = (
        "Choose a format (↑ ↓) and press Enter to export. To change the file name first, press Tab. "
        "The file is readable by you only."
    )
    ACTION = "Export"

    def __init__(self, wizard: Wizard, *, counsellor: bool = False) -> None:
        super().__init__(wizard)
        self.counsellor = counsellor
        self.format = "markdown"

    def compose_choices(self) -> ComposeResult:
        yield FormatList(*[Option(label, id=fmt) for fmt, label in FORMAT_CHOICES], id="formats")

    def first_focus(self) -> Widget:
        formats = self.query_one("#formats", OptionList)
        formats.highlighted = 0
        return formats

    def default_name(self) -> str:
        from ...report import SUFFIXES

        return f"consultaid-summary-{today():%Y-%m-%d}{SUFFIXES[self.format]}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._use_format(event.option.id or "markdown")

    def _use_format(self, fmt: str) -> None:
        path = self.query_one("#path", Input)
        follow = path.value == self.default_name()
        self.format = fmt
        if follow:
            path.value = self.default_name()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a format exports in that format (the name follows the format unless it was changed)."""
        event.stop()
        self._use_format(event.option.id or "markdown")
        self.write()

    def text(self) -> str:
        from ...report import render
        from ...report.summary import Summary

        summary = Summary.build(
            self.wizard.rulebook,
            self.wizard.answers,
            counsellor=self.counsellor,
            reflection=self.wizard.reflection,
        )
        return render(summary, self.format)
