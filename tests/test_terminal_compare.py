"""In a real terminal at 80x24 (tmux, on a server of its own: `tmux -L grid-...`): from the results to the
options side by side, across its pages and back; NO_COLOR leaves it readable (only greys)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import BASE_ANSWERS
from .test_terminal import CONSULTAID, GREYS, Terminal, pytestmark  # noqa: F401 - skips without tmux

FOUR = {
    **BASE_ANSWERS,
    "area": ["face", "skin"],
    "concern": ["face-sagging", "face-volume-loss", "skin-lines"],
}


class GridTerminal(Terminal):
    @property
    def tmux(self) -> list[str]:
        return ["tmux", "-L", f"grid-{self.name}"]


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "four.json"
    path.write_text(json.dumps(FOUR))
    return path


def test_walk_from_the_results_to_the_grid_across_its_pages_and_back(answers_file):
    term = GridTerminal(f"{CONSULTAID} --answers {answers_file}", width=80, height=24, env={"NO_COLOR": "1"})
    try:
        term.wait_for("Your summary to take to a consultation")
        term.keys("g")
        screen = term.wait_for(
            "Options 1-2 of 5 side by side",
            "→ More options",  # the footer may be painted a moment later
            "Facelift (rhytidectomy)",
            "Recovery time",
            "What it is",
        )
        assert "Options 1-2 of 5 side by side" in screen
        assert "Facelift (rhytidectomy)" in screen and "Recovery time" in screen and "What it is" in screen
        escaped = term.screen(escapes=True)
        truecolour = re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", escaped)
        palette = [int(n) for n in re.findall(r"[34]8;5;(\d+)", escaped)]
        assert all(r == g == b for r, g, b in truecolour) and all(n in GREYS for n in palette)
        term.keys("Right")
        screen = term.wait_for("Options 3-4 of 5 side by side", "Anti-wrinkle injections", "Recovery time")
        assert "Recovery time" in screen
        term.keys("Right")
        term.wait_for("Options 4-5 of 5 side by side", "Waiting, or no procedure")
        term.keys("PageDown", "PageDown")
        screen = term.wait_for("On public", "Options:")  # the last row, its name still beside its cells
        assert "Options:" in screen  # the options' names stay in view above the rows
        term.keys("Left")
        term.wait_for("Options 2-3 of 5 side by side")
        term.keys("Escape")
        screen = term.wait_for("Your summary to take to a consultation")
        assert "Traceback" not in screen
        term.keys("C-q")
        term.wait_for("Leave ConsultAid?")
        term.keys("y")
        assert term.exit_status() == 0
    finally:
        term.close()
