"""Start-up for ``consultaid`` without a command (the wizard is being built; for now, an example summary)."""

from __future__ import annotations

from pathlib import Path


def launch(*, rules: Path | None, answers: Path | None, theme: str | None) -> int:
    from ..cli import _load_answers, _load_rulebook
    from ..engine import evaluate
    from ..report.text import render_text

    rulebook = _load_rulebook(rules)
    example = answers or Path(__file__).resolve().parents[3] / "examples" / "nose-and-chin.yaml"
    print(render_text(evaluate(rulebook, _load_answers(example, rulebook)), rulebook), end="")
    return 0
