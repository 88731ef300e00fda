"""The web wizard's form: what one request says, checked against the rulebook before anything is done.

The answers travel in the page as hidden fields (``a:QUESTION`` = ``OPTION``, once per chosen option), so the
server keeps nothing. A request can be forged, so every request is checked as an answers file is
(:meth:`consultaid.answers.Answers.validate`): an unknown field, question or option, an answer to a question
that is not asked, two answers to a single choice, or a step the wizard does not take is :class:`Forged`,
which the app turns into a plain error page with status 400.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..answers import Answers
from ..errors import AnswersError
from ..safe import shorten, visible
from ..wizard import Wizard

if TYPE_CHECKING:
    from ..rulebook.book import Rulebook

#: The largest form accepted (a full set of answers is about 2 kB) and the most fields in it.
MAX_BODY = 64 * 1024
MAX_FIELDS = 500

ANSWER_PREFIX = "a:"
KNOWLEDGE_PREFIX = "k:"
"""A knowledge-check answer: ``k:facelift/1`` = ``true``, ``false`` or ``unsure`` (empty: not answered)."""
NO_ANSWER = ""
"""The value of the "No answer" radio button of an optional single choice (and of a statement): without
it, a radio button once chosen could not be unchosen without JavaScript."""
FORMATS = {
    "markdown": ("text/markdown; charset=utf-8", ".md"),
    "html": ("text/html; charset=utf-8", ".html"),
    "fhir": ("application/fhir+json; charset=utf-8", ".fhir.json"),
}
STEPS = ("start", "next", "back", "results", "readiness", "leaning", "knowledge", "knowledge-done")
CHANGE = "change:"


class Forged(ValueError):
    """A request that the pages never send: refused with status 400 and the reasons, nothing done."""

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = [visible(shorten(r), one_line=True) for r in reasons]
        super().__init__("; ".join(self.reasons))


@dataclass(frozen=True)
class Step:
    """One checked request: the answers so far, the question the page showed (if any) with what was
    chosen on it, and where to go."""

    wizard: Wizard
    counsellor: bool
    at: str | None
    choice: tuple[str, ...]
    go: str
    fmt: str | None = None


def parse_fields(body: bytes) -> list[tuple[str, str]]:
    """The fields of an ``application/x-www-form-urlencoded`` body, or Forged."""
    if len(body) > MAX_BODY:
        raise Forged([f"the form is larger than {MAX_BODY // 1024} kB"])
    try:
        text = body.decode("utf-8")
        return urllib.parse.parse_qsl(
            text, keep_blank_values=True, strict_parsing=False, max_num_fields=MAX_FIELDS, errors="strict"
        )
    except UnicodeDecodeError:
        raise Forged(["the form is not UTF-8 text"]) from None
    except ValueError:
        raise Forged([f"the form has more than {MAX_FIELDS} fields"]) from None


def _one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name, [])
    if len(values) > 1:
        raise Forged([f"the field '{name}' is given {len(values)} times"])
    return values[0] if values else None


def parse_step(rulebook: Rulebook, pairs: list[tuple[str, str]], *, download: bool = False) -> Step:
    """Check every field against the rulebook; raise Forged for anything the pages would not send."""
    answers: dict[str, list[str]] = {}
    knowledge: dict[str, list[str]] = {}
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        if name.startswith(ANSWER_PREFIX):
            answers.setdefault(name[len(ANSWER_PREFIX) :], []).append(value)
        elif name.startswith(KNOWLEDGE_PREFIX):
            knowledge.setdefault(name[len(KNOWLEDGE_PREFIX) :], []).append(value)
        elif name in ("at", "choice", "go", "mode", "fmt", "lean"):
            fields.setdefault(name, []).append(value)
        else:
            raise Forged([f"unknown field '{name}'"])
    mode = _one(fields, "mode")
    if mode not in (None, "", "counsellor"):
        raise Forged([f"unknown mode '{mode}'"])
    fmt = _one(fields, "fmt")
    if download:
        if fmt not in FORMATS:
            raise Forged([f"unknown format '{fmt}'; the formats are: {', '.join(FORMATS)}"])
        if set(fields) - {"mode", "fmt", "lean"}:
            raise Forged(["a download takes only the answers, the mode and the format"])
    elif fmt is not None:
        raise Forged(["a format is only for a download"])
    try:
        checked = Answers.validate(answers, rulebook, source="the form", complete=download)
    except AnswersError as exc:
        raise Forged(p.message for p in exc.problems) from None
    wizard = Wizard(rulebook, checked)
    counsellor = mode == "counsellor"
    lean = _one(fields, "lean")
    if lean is not None and lean != NO_ANSWER:  # the leaning page's "No answer": none
        wizard.lean(_checked_leaning(wizard, lean))
    for key, answer in _checked_knowledge(wizard, knowledge).items():
        wizard.know(key, answer)

    if download:
        return Step(wizard, counsellor, None, (), "download", fmt)

    go = _one(fields, "go") or ""
    if go not in STEPS and not go.startswith(CHANGE):
        raise Forged([f"unknown step '{go}'"])
    if go.startswith(CHANGE) and not rulebook.has_question(go[len(CHANGE) :]):
        raise Forged([f"there is no question '{go[len(CHANGE) :]}'"])
    at = _one(fields, "at")
    choice = tuple(fields.get("choice", []))
    if at is None:
        if choice:
            raise Forged(["a choice was sent without the question it answers"])
        if go in ("next", "back"):
            raise Forged([f"the step '{go}' needs the question it starts from"])
    elif not wizard.is_asked(at):
        raise Forged([f"the question '{at}' is not asked with these answers"])
    if at is not None and NO_ANSWER in choice:
        question = rulebook.question(at)
        if question.required or question.kind != "single" or choice != (NO_ANSWER,):
            raise Forged(["'No answer' is only for an optional question with one answer, and alone"])
        choice = ()
    return Step(wizard, counsellor, at, choice, go)


def _checked_leaning(wizard: Wizard, lean: str) -> str:
    """A leaning must be to an option these answers show, to waiting, or 'not sure' (else Forged)."""
    from ..engine import evaluate
    from ..reflection import NOT_SURE, WAITING

    shown = {s.id for s in evaluate(wizard.rulebook, wizard.answers).suggestions}
    if not shown or lean not in shown | {WAITING, NOT_SURE}:
        raise Forged([f"'{lean}' is not one of the options shown with these answers"])
    return lean


def _checked_knowledge(wizard: Wizard, fields: dict[str, list[str]]) -> dict[str, str]:
    """Knowledge-check answers, each to a statement of this rulebook with a known answer (else Forged).

    Read as a saved session's are (:meth:`Reflection.from_document`), so an answer about an option that
    changed answers no longer show is kept, as the terminal app keeps it; the summaries show only the
    statements about the options shown. An empty value is the "No answer" radio button: nothing kept.
    """
    from ..reflection import Reflection

    given: dict[str, str] = {}
    for key, values in fields.items():
        if len(values) > 1:
            raise Forged([f"the statement '{key}' is answered {len(values)} times"])
        if values[0] != NO_ANSWER:
            given[key] = values[0]
    reflection, reasons = Reflection.from_document({"knowledge": given}, wizard.rulebook)
    if reasons:
        raise Forged(reasons)
    return dict(reflection.knowledge)


def hidden_fields(
    wizard: Wizard, counsellor: bool, *, lean: bool = True, asked: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """The hidden fields that carry the answers (the leaning, the knowledge-check answers, the mode) to the
    next request; ``lean=False`` and ``asked`` leave out what the page asks again in its own fields."""
    out = [(ANSWER_PREFIX + q, option) for q, chosen in wizard.answers.items() for option in chosen]
    if lean and wizard.reflection.leaning is not None:
        out.append(("lean", wizard.reflection.leaning))
    out += [(KNOWLEDGE_PREFIX + k, a) for k, a in wizard.reflection.knowledge.items() if k not in asked]
    if counsellor:
        out.append(("mode", "counsellor"))
    return out
