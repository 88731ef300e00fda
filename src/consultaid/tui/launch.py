"""Start the wizard from the command line: check the theme, run the app, report errors on the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

EXTRA_THEMES = ("high-contrast",)


def launch(
    *,
    rules: Path | None,
    answers: Path | None = None,
    resume: Path | None = None,
    counsellor: bool = False,
    theme: str | None = None,
) -> int:
    """Run the app and return the exit status (2 for a rulebook, answers, session or flag problem)."""
    if theme is not None:
        from textual.theme import BUILTIN_THEMES

        known = sorted({*BUILTIN_THEMES, *EXTRA_THEMES})
        if theme not in known:
            from ..errors import did_you_mean

            print(
                f"consultaid: unknown theme '{theme}'{did_you_mean(theme, known)}; "
                f"choose one of: {', '.join(known)}",
                file=sys.stderr,
            )
            return 2
    from .app import ConsultAidApp

    app = ConsultAidApp(
        rules=rules, answers_path=answers, resume_path=resume, counsellor=counsellor, theme=theme
    )
    app.run()
    if app.error_text:
        print(app.error_text, file=sys.stderr)
    return app.return_code or 0
