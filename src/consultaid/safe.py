"""Text from files made safe to show: control characters become visible escapes, never terminal commands.

Answers, sessions, scenarios and rulebooks can come from anywhere. A value holding ``ESC[2J`` or an OSC
sequence would clear the screen or retitle the window if printed as it is, and a right-to-left override
would make the text read differently from what it is. Everything that prints or shows text read from a file
passes through :func:`visible` (the terminal) or :func:`plain` (the Textual screen, which also never reads
it as markup).
"""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text (bidi overrides and
# isolates, zero-width characters, line and paragraph separators, the byte order mark inside text).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
_UNSAFE_LINES = re.compile(f"[{_UNSAFE}]")
_UNSAFE_ONE_LINE = re.compile(f"[\t\n{_UNSAFE}]")

#: The longest text an error message echoes from a file; a 20 MB value is not worth printing in full.
MAX_ECHO = 200


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: Any, *, one_line: bool = False) -> str:
    """``text`` with every control character shown as an escape such as ``\\x1b``.

    Line breaks and tabs are kept unless ``one_line`` (for messages that must stay on one line). A carriage
    return is always escaped: it would let text overwrite what is before it on the line.
    """
    text = str(text)
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE_LINES
    return pattern.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with any control character left raw by ``ensure_ascii=False`` written as ``\\uXXXX``.

    JSON itself escapes only U+0000 to U+001F; DEL, the C1 controls and the format characters would reach a
    terminal that prints the file. The escapes are valid JSON, so the data read back is the same.
    """
    return _UNSAFE_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: Any, limit: int = MAX_ECHO) -> str:
    """``text`` cut to ``limit`` characters with a note of how much was left out."""
    text = str(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def quoted(text: Any, limit: int = 80) -> str:
    """“text”, on one line and cut to ``limit``: a saved value or a question's words inside a sentence."""
    return f"“{visible(shorten(text, limit), one_line=True)}”"


def has_control(text: str) -> re.Match[str] | None:
    """The first control character in ``text`` (line breaks and tabs allowed), or None."""
    return _UNSAFE_LINES.search(text)


def plain(text: Any) -> Any:
    """Text for a Textual widget: shown as it is (never read as markup), control characters visible."""
    from textual.content import Content

    return Content(visible(text))
