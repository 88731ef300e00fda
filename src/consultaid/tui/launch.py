"""Start the wizard from the command line: check the theme, run the app, report errors on the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
            from ..safe import shorten, visible

            shown = visible(shorten(theme, 60), one_line=True)
            print(
                f"consultaid: unknown theme '{shown}'{did_you_mean(theme, known)}; "
                f"choose one of: {', '.join(known)}",
                file=sys.stderr,
            )
            return 2
    from .app import ConsultAidApp

    app = ConsultAidApp(
        rules=rules, answers_path=answers, resume_path=resume, counsellor=counsellor, theme=theme
    )
    _terminal_in_utf8()
    with _ended_by_signals(app):
        app.run()
    if app.error_text:
        from ..safe import visible

        print(visible(app.error_text), file=sys.stderr)
    return app.return_code or 0


def _terminal_in_utf8() -> None:
    """Write to the terminal in UTF-8 whatever the locale says.

    Textual draws with Unicode (borders, arrows, the middle dot between keys) and reads keys as UTF-8. With
    ``LC_ALL=C`` and ``PYTHONUTF8=0`` the terminal streams are ASCII, and every such character would reach
    the screen as a literal escape such as ``\\xb7``. A C locale is nearly always a setting left unchanged
    on a terminal that shows UTF-8 (Python itself assumes so unless told otherwise); on a terminal that
    truly cannot, ``--plain`` is the way in.
    """
    for stream in (sys.__stdout__, sys.__stderr__):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


GRACE_SECONDS = 5.0
"""How long a signalled app may take to give the terminal back before the process ends without it."""


@contextlib.contextmanager
def _ended_by_signals(app: Any, grace: float = GRACE_SECONDS) -> Iterator[None]:
    """SIGTERM or SIGHUP ends the app as quitting does, so the terminal is given back as it was (no
    alternate screen, no mouse tracking), with exit status 128 + the signal's number.

    Giving the terminal back means writing to it, and after SIGHUP there may be no terminal left: Textual's
    writer thread can die on the closed terminal and its shutdown then waits for it forever, leaving a
    process that holds the person's answers in memory with nobody to see it (seen with tmux kill-server).
    So the process ends regardless once ``grace`` seconds have passed, or at once on a second signal.
    """
    signalled: list[int] = []

    def handler(signum: int, frame: Any) -> None:
        if signalled:  # asked twice: stop waiting for a tidy exit
            os._exit(128 + signalled[0])
        signalled.append(signum)
        watchdog = threading.Timer(grace, os._exit, args=(128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(lambda: app.exit(return_code=128 + signum))

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {name: signal.signal(getattr(signal, name), handler) for name in names}
    try:
        yield
    finally:
        for name, old in previous.items():
            signal.signal(getattr(signal, name), old)
