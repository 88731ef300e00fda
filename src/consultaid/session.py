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
from .errors import MAX_PROBLEMS, AnswersError, ConsultAidError, Problem, display_path
from .files import write_private
from .reflection import Reflection
from .safe import shorten, visible
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
                then = visible(shorten(was["version"], 40), one_line=True)
                versions = (
                    f" (version {then} then, {rulebook.info.version} now)"
                    if then != rulebook.info.version
                    else ""
                )
                lines.append(f"ConsultAid's content has changed since this session was saved{versions}.")
            else:
                lines.append(
                    "This session file does not say which rulebook it was saved with, so its answers were "
                    f"checked against the rulebook in use now ({now})."
                )
        if self.not_kept:
            lines.append(
                "These answers (or some of their choices) no longer fit and were not kept; the wizard asks "
                "again where it needs to:"
            )
            lines.extend(f"  - {reason}" for reason in self.not_kept[:MAX_PROBLEMS])
            if len(self.not_kept) > MAX_PROBLEMS:
                lines.append(f"  - and {len(self.not_kept) - MAX_PROBLEMS} more")
        return "\n".join(lines)


def _answers_file(text: str, rulebook: Rulebook) -> bool:
    """Whether the text reads as an answers file (question ids and their answers, YAML or JSON)."""
    from .yamlfile import parse

    data, problem = parse(text, "<session>")
    return problem is None and isinstance(data, dict) and any(rulebook.has_question(str(k)) for k in data)


def _use_answers(shown: str) -> Problem:
    from .safe import visible

    return Problem(
        shown,
        1,
        1,
        "this is an answers file (questions and their answers), not a saved session: to open it, use "
        f"consultaid --answers {visible(shown, one_line=True)}",
    )


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
        if _answers_file(text or "", rulebook):
            raise AnswersError([_use_answers(shown)], "an answers file") from None
        raise AnswersError(
            [
                Problem(
                    shown,
                    exc.lineno,
                    exc.colno,
                    f"not a saved session: a session is the JSON file ConsultAid writes when you save your "
                    f"answers, and this file is not JSON ({exc.msg})",
                )
            ],
            "not a session",
        ) from None
    except ValueError as exc:  # an integer of more than 4300 digits
        raise AnswersError([value_problem(text or "", shown, exc)], "not a session") from None
    limit = check_limits(data, text or "", shown)
    if limit is not None:
        raise AnswersError([limit], "not a session")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        if _answers_file(text or "", rulebook):
            raise AnswersError([_use_answers(shown)], "an answers file")
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
            procedure = rulebook.procedures.get(cleared)
            name = procedure.name if procedure is not None else cleared
            set_aside.append(
                f"Your leaning towards {name} was cleared: with these answers, it is no longer among the "
                "options shown."
            )
    return Resumed(answers, position, saved, changed, not_kept + set_aside, reflection)


def _rulebook_record(recorded: Any) -> dict[str, str]:
    """The saved rulebook's id, version and hash: only the ones given as texts (a file edited by hand, or
    made elsewhere, may have anything there)."""
    if not isinstance(recorded, dict):
        return {}
    return {key: recorded[key] for key in ("id", "version", "sha256") if isinstance(recorded.get(key), str)}


def open_files(
    rulebook: Rulebook, *, answers: Path | None = None, resume: Path | None = None
) -> tuple[Answers | None, Resumed | None]:
    """The prepared answers (``--answers``, possibly only some) or the saved session (``--resume``) that the
    wizard starts from, checked against the rulebook; raises AnswersError with every problem, located."""
    from .answers import load_answers

    # A counsellor may prepare only some answers: the wizard asks the rest.
    prepared = load_answers(answers, rulebook, complete=False) if answers is not None else None
    resumed = load_session(resume, rulebook) if resume is not None else None
    return prepared, resumed


def problems_summary(error: ConsultAidError, *, session: bool = False) -> str:
    """The line after the problems: what had them and how many ('consultaid: the answers have 2 problems')."""
    from .errors import RulebookError

    count = error.count
    if isinstance(error, RulebookError):
        what = "the rulebook has"
    else:
        what = "the saved session has" if session else "the answers have"
    return f"consultaid: {what} {count} problem{'s' if count != 1 else ''}"
