"""The start-up baseline: the smallest Textual app that paints one line (benchmarks/startup.py times it)."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bare textual app: first screen painted")


if __name__ == "__main__":
    Bare().run()
