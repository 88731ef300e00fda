"""In a real terminal (tmux): the scrollbar shows without colour and in the high-contrast theme, and at 60x20
the welcome, the results' footer and the export dialog show what a person needs."""

from __future__ import annotations

import re
import subprocess

import pytest

from .test_terminal import CONSULTAID, pytestmark  # noqa: F401 - skips without tmux (the `terminal` fixture: conftest.py)

ANSWERS = "goal: appearance\narea: [nose, chin]\nconcern: [nose-shape, chin-weak]\nmotivation: [for-myself]\n"
ANSWERS += "preoccupation: daily-under-1h\nimpact: never\nconsidering: over-1-year\nprevious: none\n"
ANSWERS += "age: 18-or-over\napproach: open-to-surgery\n"

SGR = re.compile(r"\x1b\[([0-9;]*)m")
CUBE = (0, 95, 135, 175, 215, 255)
BASIC = [(0, 0, 0), (128, 0, 0), (0, 128, 0), (128, 128, 0), (0, 0, 128), (128, 0, 128), (0, 128, 128)]
BASIC += [(192, 192, 192), (128, 128, 128), (255, 0, 0), (0, 255, 0), (255, 255, 0), (0, 0, 255)]
BASIC += [(255, 0, 255), (0, 255, 255), (255, 255, 255)]


def rgb(colour: tuple[str, ...] | None) -> tuple[int, int, int]:
    """A colour from an SGR sequence as red, green, blue. None is the terminal's own background (tmux's is
    black here)."""
    if colour is None:
        return (0, 0, 0)
    if colour[0] == "2":
        red, green, blue = (int(n) for n in colour[1:4])
        return (red, green, blue)
    n = int(colour[1])
    if n < 16:
        return BASIC[n]
    if n >= 232:
        grey = 8 + 10 * (n - 232)
        return (grey, grey, grey)
    n -= 16
    return (CUBE[n // 36], CUBE[n // 6 % 6], CUBE[n % 6])


def brightness(colour: tuple[str, ...] | None) -> float:
    red, green, blue = rgb(colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def backgrounds(line: str) -> list[tuple[str, ...] | None]:
    """The background of each cell of a `capture-pane -e` line (reverse video swaps in the foreground)."""
    foreground = background = None
    reverse = False
    cells: list[tuple[str, ...] | None] = []
    at = 0
    while at < len(line):
        found = SGR.match(line, at)
        if found:
            codes = found.group(1).split(";") if found.group(1) else ["0"]
            i = 0
            while i < len(codes):
                code = codes[i] or "0"
                if code in ("38", "48"):
                    size = 3 if codes[i + 1] == "5" else 5
                    colour = tuple(codes[i + 1 : i + size])
                    if code == "38":
                        foreground = colour
                    else:
                        background = colour
                    i += size
                    continue
                if code == "0":
                    foreground = background = None
                    reverse = False
                elif code == "7":
                    reverse = True
                elif code == "27":
                    reverse = False
                elif code == "39":
                    foreground = None
                elif code == "49":
                    background = None
                i += 1
            at = found.end()
            continue
        cells.append(foreground if reverse else background)
        at += 1
    return cells


def edge(term) -> list[tuple[str, ...] | None]:
    """The backgrounds of the last four cells of the first row of the screen."""
    shown = subprocess.run(
        [*term.tmux, "capture-pane", "-p", "-e", "-N", "-t", term.name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return backgrounds(shown.splitlines()[0])[-4:]


@pytest.mark.parametrize(
    ("env", "theme"),
    [({"NO_COLOR": "1"}, None), ({"NO_COLOR": "1"}, "high-contrast"), ({}, "high-contrast")],
    ids=["no-color", "no-color-high-contrast", "high-contrast"],
)
def test_the_scrollbar_thumb_stands_out_from_its_track(terminal, tmp_path, env, theme):
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    options = f" --theme {theme}" if theme else ""
    term = terminal(f"{CONSULTAID}{options} --answers {answers}", width=80, height=24, env=env)
    term.wait_for("Options worth discussing")
    term.wait_for("Quit")  # the footer is painted too
    top = edge(term)
    term.keys("End")  # the thumb goes to the bottom: at the top of the scrollbar, the track shows
    term.wait_for("press l to say which way you lean")  # the last lines of the results
    bottom = edge(term)
    changed = [column for column in range(len(top)) if top[column] != bottom[column]]
    assert changed, f"no scrollbar thumb to be seen at the right edge: {top}"
    thumb, track = top[changed[0]], bottom[changed[0]]
    assert abs(brightness(thumb) - brightness(track)) >= 100, (thumb, track)
    term.keys("C-q")
    term.wait_for("Leave ConsultAid?")
    term.keys("y")
    assert term.exit_status() == 0
