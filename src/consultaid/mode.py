"""Which front end the environment asks for: plain ``consultaid`` decides it before the terminal app starts.

Kept apart from the plain mode itself (:mod:`consultaid.plain`) and free of imports, so that the check costs
the terminal app's start-up nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

_OFF = ("", "0", "no", "false", "off")


def chosen_by_environment(env: Mapping[str, str] | None = None) -> bool:
    """True when the environment asks for plain output: ``TERM=dumb``, or ``ACCESSIBLE`` set (to anything
    but 0, no, false or off)."""
    env = os.environ if env is None else env
    if env.get("TERM", "") == "dumb":
        return True
    return env.get("ACCESSIBLE", "").strip().lower() not in _OFF
