"""Saving a session part-way and resuming it, without ever reinterpreting an answer silently.

A session file holds the answers, where the person was, and the rulebook's id, version and a hash of its
content. Resuming against a changed rulebook says so, and lists the answers that no longer fit.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answers import Answers, salvage
from .errors import MAX_PROBLEMS, AnswersError, Problem, display_path
from .files import write_private
from .reflection import Reflection
from .safe import shorten
from .yamlfile import (
    DuplicateKey,
    Locator,
    check_limits,
    load_json,
    read_text,
    too_deep_before_parsing,
    value_problem,
)

if TYPE_CHECKING:
    from .rulebook.book import Rulebook

FORMAT = "consultaid-session"
FORMAT_VERSION = 1


def session_document(
    rulebook: Rulebook,
    answers: Answers,
    *,
    position: str | None = None,
    reflection: Reflection | None = None,
) -> dict[str, Any]:
    """The session as JSON data; the knowledge check's answers and the leaning are kept when given."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "saved": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "rulebook": {"id": rulebook.info.id, "version": rulebook.info.version, "sha256": rulebook.digest},
        "position": position,
        "answers": answers.to_document(rulebook),
    }
    if reflection:
        document["after_results"] = reflection.to_document()
    return document


def session_text(
    rulebook: Rulebook,
    answers: Answers,
    *,
    position: str | None = None,
    reflection: Reflection | None = None,
) -> str:
    document = session_document(rulebook, answers, position=position, reflection=reflection)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def save_session(
    path: str | Path,
    rulebook: Rulebook,
    answers: Answers,
    *,
    position: str | None = None,
    overwrite: bool = False,
    reflection: Reflection | None = None,
) -> Path:
    """Write the session file (owner-only, atomic; raises FileExists unless ``overwrite``)."""
    text = session_text(rulebook, answers, position=position, reflection=reflection)
    return write_private(path, text, overwrite=overwrite)


@dataclass(frozen=True)
class Resumed:
    answers: Answers
    position: str | None
    saved_rulebook: dict[str, str]
    rulebook_changed: bool
    not_kept: list[str] = field(default_factory=list)
    reflection: Reflection = field(default_factory=Reflection)
    """The knowledge check's answers and the leaning, as saved (what still fits the rulebook)."""

    def report(self, rulebook: Rulebook) -> str:
        """What the person should be told on resuming: nothing when all is as it was."""
        lines = []
        if self.rulebook_changed:
            was = self.saved_rulebook
            now = f"{rulebook.info.id} version {rulebook.info.version}"
            if "id" in was and "version" in was:
                lines.append(
                    f"This session was saved with {shorten(was['id'], 80)} "
                    f"version {shorten(was['version'], 40)}; "
                    f"the rulebook in use now is {now}, and its content has changed since."
                )
            else:
                lines.append(
                    "This session file does not say which rulebook it was saved with, so its answers were "
                    f"checked against the rulebook in use now ({now})."
                )
        if self.not_kept:
            lines.append(
                "These answers (or some of their choices) no longer fit and were not kept; please check them:"
            )
            lines.extend(f"  - {reason}" for reason in self.not_kept[:MAX_PROBLEMS])
            if len(self.not_kept) > MAX_PROBLEMS:
                lines.append(f"  - and {len(self.not_kept) - MAX_PROBLEMS} more")
        return "\n".join(lines)


def load_session(path: str | Path, rulebook: Rulebook) -> Resumed:
    """Read a session file; raise AnswersError (located) when the file itself is not a session."""
    file_path = Path(path)
    shown = display_path(file_path)
    text, problem = read_text(file_path)
    if problem is not None:
        raise AnswersError([problem], "cannot read the session")
    deep = too_deep_before_parsing(text or "", shown)
    if deep is not None:
        raise AnswersError([deep], "not a session")
    try:
        data = load_json(text or "")
    except DuplicateKey as exc:
        raise AnswersError(
            [Problem(shown, exc.line, exc.column, f"duplicate key '{exc.key}'")], "not a session"
        ) from None
    except RecursionError:
        raise AnswersError(
            [Problem(shown, 0, 0, "not a session file: nested too deeply")], "not a session"
        ) from None
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [Problem(shown, exc.lineno, exc.colno, f"not a session file: {exc.msg}")], "not a session"
        ) from None
    except ValueError as exc:  # an integer of more than 4300 digits
        raise AnswersError([value_problem(text or "", shown, exc)], "not a session") from None
    limit = check_limits(data, text or "", shown)
    if limit is not None:
        raise AnswersError([limit], "not a session")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnswersError(
            [Problem(shown, 1, 1, 'not a ConsultAid session file (no "format": "consultaid-session")')],
            "not a session",
        )
    version = data.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:  # not "1", true or 1.0: exactly the number
        line, column = Locator(text or "").locate(("format_version",)) if "format_version" in data else (1, 1)
        if type(version) is int and version > FORMAT_VERSION:
            message = (
                f"this session was saved by a newer ConsultAid (format {version}); "
                "update ConsultAid to open it"
            )
        else:
            got = "nothing" if "format_version" not in data else json.dumps(version)
            message = (
                f'"format_version" must be {FORMAT_VERSION} (the only session format), got {shorten(got, 40)}'
            )
        raise AnswersError([Problem(shown, line, column, message)], "not a session this ConsultAid reads")
    recorded = data.get("rulebook")
    saved = _rulebook_record(recorded)
    answers, not_kept = salvage(data.get("answers"), rulebook)
    changed = (saved.get("id"), saved.get("version"), saved.get("sha256")) != (
        rulebook.info.id,
        rulebook.info.version,
        rulebook.digest,
    )
    position = data.get("position") if isinstance(data.get("position"), str) else None
    reflection, set_aside = Reflection.from_document(data.get("after_results"), rulebook)
    if reflection.leaning is not None:
        from .engine import evaluate

        reflection, cleared = reflection.settle(evaluate(rulebook, answers))
        if cleared is not None:
            set_aside.append(
                f"the leaning towards '{cleared}': it is no longer among the options shown, so it was cleared"
            )
    return Resumed(answers, position, saved, changed, not_kept + set_aside, reflection)


def _rulebook_record(recorded: Any) -> dict[str, str]:
    """The saved rulebook's id, version and hash: only the ones given as texts (a file edited by hand, or
    made elsewhere, may have anything there)."""
    if not isinstance(recorded, dict):
        return {}
    return {key: recorded[key] for key in ("id", "version", "sha256") if isinstance(recorded.get(key), str)}
