"""The keys of the screen in front of the person (F1 or ?), read from the bindings themselves.

Nothing here lists keys by hand: every screen and widget of ConsultAid declares its keys with words for a
person (``Binding(..., description, tooltip=...)``), and :func:`keys_of` collects those of the screen on show,
its widgets and the app, as Textual would run them (the focused widget first). Textual's own generic bindings
("Scroll Left", "Focus Next") are left out: where ConsultAid relies on one, it declares it again in its own
words (see ``widgets/lists.py``).
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..widgets.lists import Reading

KEY_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "pageup": "Page Up",
    "pagedown": "Page Down",
    "home": "Home",
    "end": "End",
    "question_mark": "?",
}
"""How a key is written for a person (the footer's '⏎' and '^r' are for the eye that knows them)."""
KEYS_WIDTH = 17
"""The keys' column, as wide in every section so the descriptions line up."""


def key_words(key: str) -> str:
    """'ctrl+r' -> 'Ctrl+R', 'pagedown' -> 'Page Down', 'f1' -> 'F1', 'c' -> 'c'."""
    *modifiers, name = key.split("+")
    shown = KEY_NAMES.get(name, name.upper() if len(name) > 1 or modifiers else name)
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def _declared(node: DOMNode) -> list[Binding]:
    """The bindings that ConsultAid's own classes declare for this node (a subclass's bindings of a key
    replace its base's; one key may have several, the first allowed one runs), leaving out those Textual
    declares for every widget of a kind."""
    found: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        if not cls.__module__.startswith("consultaid.") or "BINDINGS" not in vars(cls):
            continue
        own: dict[str, list[Binding]] = {}
        for binding in Binding.make_bindings(vars(cls)["BINDINGS"]):
            own.setdefault(binding.key, []).append(binding)
        found.update(own)
    return [binding for bindings in found.values() for binding in bindings]


def _allowed(node: DOMNode, binding: Binding) -> bool:
    """Whether the binding would run now (its node's check_action does not hide it)."""
    action = binding.action.split("(", 1)[0]
    target: DOMNode = node
    if "." in action:
        namespace, action = action.split(".", 1)
        target = node.app if namespace == "app" else node.screen if namespace == "screen" else node
    return target.check_action(action, ()) is not False


Rows = list[tuple[str, str]]
"""(keys, what they do), one line each."""


def _rows(nodes: list[DOMNode], seen: set[str], *, priority_only: bool = False) -> Rows:
    """The keys the nodes declare, in order; a key already in ``seen`` (taken by a node before) is left
    out, and keys that do the same thing share a line."""
    rows: Rows = []
    for node in nodes:
        for binding in _declared(node):
            words = binding.tooltip or binding.description
            if priority_only and not binding.priority:
                continue
            if not words or binding.key in seen or not _allowed(node, binding):
                continue
            seen.add(binding.key)
            key = binding.key_display or key_words(binding.key)
            if rows and rows[-1][1] == words:
                rows[-1] = (f"{rows[-1][0]} {key}", words)
            else:
                rows.append((key, words))
    return rows


def keys_of(screen: Screen) -> list[tuple[str, Rows]]:
    """The keys of the screen, in sections (a heading, '' for the first, and its rows), in the order Textual
    tries them: the focused widget and the screen first; then each other part of the screen that has keys of
    its own (a list to reach with Tab); then the keys that work anywhere (the app's)."""
    focused = screen.focused
    chain: list[DOMNode] = []
    if focused is not None:
        chain.extend(n for n in focused.ancestors_with_self if isinstance(n, Widget) and n is not screen)
    chain.append(screen)
    seen: set[str] = set()
    sections: list[tuple[str, Rows]] = [("", _rows(chain, seen))]
    for widget in screen.query("*"):
        title = getattr(widget, "HELP_TITLE", None)
        if title and widget.focusable and widget not in chain:
            rows = _rows([widget], set())
            if rows:
                sections.append((f"In {title} (Tab to reach it)", rows))
    # Over a dialog, only the app's priority keys still reach the app (Textual stops at a modal screen).
    sections.append(("Anywhere", _rows([screen.app], seen, priority_only=screen.is_modal)))
    return [(heading, rows) for heading, rows in sections if rows]


class HelpScreen(Screen[None]):
    """The keys of the screen underneath, in ConsultAid's words; Esc (or F1, ?, Enter) closes it.

    | Key(s) | Description |
    | :- | :- |
    | escape, f1, ?, enter | Close the list of keys. |
    | up, down, pageup, pagedown | Scroll. |
    """

    HELP_TITLE = "the list of keys"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,enter", "close", "Close this list of keys"),
    ]

    def __init__(self, title: str, sections: list[tuple[str, Rows]]) -> None:
        super().__init__()
        self.title_words = title
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(f"Keys: {self.title_words}", id="help-title")
            with Reading(id="help-keys"):
                for heading, rows in self.sections:
                    if heading:
                        yield Static(f"{heading}:", classes="help-heading")
                    table = Table.grid(padding=(0, 2))
                    table.add_column(style="bold", no_wrap=True, min_width=KEYS_WIDTH)
                    table.add_column()
                    for key, words in rows:
                        table.add_row(key, words)
                    yield Static(table)
            yield Static("Esc closes this list and goes back to where you were.", id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss(None)
