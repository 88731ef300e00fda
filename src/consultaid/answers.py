"""Answers: what a person said, checked against the rulebook that asked.

An answers document maps a question id to one option id (single choice) or a list of option ids (multiple
choice), as YAML or JSON. Unknown questions or options, several options for a single-choice question, answers
to a question (or an option) whose condition does not hold, and missing required answers are all errors with a
place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import MAX_PROBLEMS, AnswersError, Problem, did_you_mean, display_path, few_hints
from .yamlfile import Locator, describe, parse, read_text

if TYPE_CHECKING:
    from .rulebook.book import Rulebook
    from .rulebook.model import Question


class Answers(Mapping[str, tuple[str, ...]]):
    """An immutable mapping from question id to the chosen option ids, in the order the rulebook lists them.

    Build one with :meth:`Answers.validate` (or :func:`load_answers` for a file); constructing it directly
    does not check anything and is meant for code that already holds valid answers.
    """

    __slots__ = ("_data", "_sets")

    def __init__(self, data: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self._data: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {q: tuple(opts) for q, opts in (data or {}).items() if opts}
        )
        self._sets = MappingProxyType({q: frozenset(v) for q, v in self._data.items()})

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Answers({dict(self._data)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Answers):
            return dict(self._data) == dict(other._data)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items())))

    @property
    def sets(self) -> Mapping[str, frozenset[str]]:
        """The answers as sets, the form conditions are evaluated against."""
        return self._sets

    def to_document(self, rulebook: Rulebook) -> dict[str, str | list[str]]:
        """The answers as an answers document: one id for a single choice, a list for a multiple choice."""
        out: dict[str, str | list[str]] = {}
        for question in rulebook.questions:
            if question.id in self._data:
                chosen = self._data[question.id]
                out[question.id] = chosen[0] if question.kind == "single" else list(chosen)
        return out

    def with_answer(self, question_id: str, options: tuple[str, ...] | list[str]) -> Answers:
        """A copy with one answer replaced (an empty choice removes it). Nothing is checked here."""
        data = dict(self._data)
        if options:
            data[question_id] = tuple(options)
        else:
            data.pop(question_id, None)
        return Answers(data)

    def settle(self, rulebook: Rulebook) -> tuple[Answers, list[str]]:
        """Drop answers that no longer fit after an earlier answer changed.

        Goes through the questions in order: an answer to a question that is no longer asked is dropped, and
        so is any chosen option that is no longer offered. Returns the settled answers and the ids of
        questions whose answers were dropped or trimmed, so the person can be told.
        """
        kept: dict[str, tuple[str, ...]] = {}
        changed: list[str] = []
        for question in rulebook.questions:
            chosen = self._data.get(question.id)
            if not chosen:
                continue
            current = MappingProxyType({q: frozenset(v) for q, v in kept.items()})
            if not rulebook.is_asked(question, current):
                changed.append(question.id)
                continue
            still = tuple(o for o in chosen if rulebook.option_offered(question.id, o, current))
            if still != chosen:
                changed.append(question.id)
            if still:
                kept[question.id] = still
        return Answers(kept), changed

    @classmethod
    @few_hints()  # a document of thousands of unknown ids: only the problems listed get a suggestion
    def validate(
        cls,
        data: Any,
        rulebook: Rulebook,
        *,
        source: str = "<answers>",
        locator: Locator | None = None,
        complete: bool = True,
    ) -> Answers:
        """Check a mapping of answers against the rulebook and return :class:`Answers`, or raise AnswersError.

        With ``complete`` (the default), every required question that is asked must have an answer.
        """
        problems: list[Problem] = []

        def report(path: tuple[str | int, ...], message: str, *, at_key: bool = False) -> None:
            # past MAX_PROBLEMS the problem is only counted (AnswersError keeps the first ones): not placed
            placed = locator is not None and len(problems) < MAX_PROBLEMS
            line, column = locator.locate(path, at_key=at_key) if placed and locator else (0, 0)
            problems.append(Problem(source, line, column, message))

        if data is None:
            data = {}
        if not isinstance(data, dict):
            report((), f"expected a mapping of question ids to answers, got {describe(data)}")
            raise AnswersError(problems, "the answers do not fit the rulebook")

        question_ids = [q.id for q in rulebook.questions]
        raw: dict[str, tuple[str, ...]] = {}
        partial: dict[str, frozenset[str]] = {}  # the valid part of a flawed answer, so no knock-on errors
        for key, value in data.items():
            if not isinstance(key, str) or not rulebook.has_question(key):
                report((key,), f"unknown question '{key}'{did_you_mean(str(key), question_ids)}", at_key=True)
                continue
            question = rulebook.question(key)
            if isinstance(value, str):
                chosen: list[Any] = [value]
            elif isinstance(value, list):
                chosen = value
            else:
                what = "an option id" if question.kind == "single" else "an option id or a list of option ids"
                report((key,), f"'{key}' needs {what}, got {describe(value)}")
                continue
            option_ids = [o.id for o in question.options]
            good: list[str] = []
            for i, option in enumerate(chosen):
                where = (key, i) if isinstance(value, list) else (key,)
                if not isinstance(option, str):
                    report(where, f"'{key}' needs option ids, got {describe(option)}")
                elif option not in option_ids:
                    report(
                        where,
                        f"'{option}' is not an option of '{key}'{did_you_mean(option, option_ids)}"
                        f"; the options are: {', '.join(option_ids)}",
                    )
                elif option in good:
                    report(where, f"'{option}' is given twice for '{key}'")
                else:
                    good.append(option)
            if question.kind == "single" and len(set(map(str, chosen))) > 1:
                report((key,), f"'{key}' takes one answer, but {len(chosen)} were given")
                continue
            if not chosen:
                report((key,), f"'{key}' has an empty list; leave it out or choose at least one option")
                continue
            partial[key] = frozenset(good)
            if good and len(good) == len(chosen):
                order = {o: i for i, o in enumerate(option_ids)}
                raw[key] = tuple(sorted(good, key=order.__getitem__))

        # Conditions, in question order, so that each is judged on the answers to earlier questions.
        sets: dict[str, frozenset[str]] = {}
        bad_keys = {str(k) for k in data} - set(raw)
        for question in rulebook.questions:
            chosen_ = raw.get(question.id)
            asked = rulebook.is_asked(question, sets)
            if chosen_ is None:
                if asked and question.required and complete and question.id not in bad_keys:
                    report((), f"missing an answer to '{question.id}' ({question.text})")
                if question.id in partial:
                    sets[question.id] = partial[question.id]
                continue
            if not asked:
                report(
                    (question.id,),
                    f"'{question.id}' is not asked with these answers, so it cannot be answered",
                    at_key=True,
                )
                continue
            for option in chosen_:
                if not rulebook.option_offered(question.id, option, sets):
                    index = _index_in(data.get(question.id), option)
                    report(
                        (question.id,) + index,
                        f"'{option}' is not offered for '{question.id}' with these answers"
                        f"{_condition_hint(rulebook, question.id, option)}",
                    )
            sets[question.id] = frozenset(chosen_)
        if problems:
            raise AnswersError(problems, "the answers do not fit the rulebook")
        return cls({q.id: raw[q.id] for q in rulebook.questions if q.id in raw})


@few_hints()  # thousands of answers no longer asked: a suggestion for the first ones only
def salvage(data: Any, rulebook: Rulebook) -> tuple[Answers, list[str]]:
    """Keep every answer that still fits the rulebook and say plainly why each other one was not kept.

    Used when resuming a saved session against a rulebook that may have changed: nothing is reinterpreted, an
    answer either fits as it was given or is set aside with the reason.
    """
    if not isinstance(data, dict):
        return Answers(), ["the saved answers are not a mapping of questions to answers"]
    kept: dict[str, Any] = {}
    reasons: list[str] = []
    known = {q.id for q in rulebook.questions}
    for key in data:
        if key not in known:
            reasons.append(f"'{key}': this question is no longer asked{did_you_mean(str(key), known)}")
    for question in rulebook.questions:
        if question.id not in data:
            continue
        value = data[question.id]
        problems = _problems({**kept, question.id: value}, rulebook)
        if not problems:
            kept[question.id] = value
            continue
        if question.kind == "multiple" and isinstance(value, list) and len(value) <= _MAX_SALVAGED:
            # A multiple choice keeps the options that still fit: one option gone from the rulebook does
            # not take the others with it.
            still, dropped = _options_that_fit(kept, question, value, rulebook)
            if still:
                labels = {o.id: o.label for o in question.options}
                shown = ", ".join(f"“{labels[o]}”" for o in still)
                reasons.extend(
                    f"'{question.id}': {why}; kept your other choices ({shown})" for why in dropped
                )
                kept[question.id] = still
                continue
            if value and all(_gone(question, option) for option in value):  # every one of them gone
                reasons.extend(f"'{question.id}': {why}" for why in dropped)
                continue
        gone = _gone(question, value)
        reasons.extend(
            [f"'{question.id}': {gone}"] if gone else [f"'{question.id}': {p.message}" for p in problems]
        )
    return Answers.validate(kept, rulebook, complete=False), reasons


#: A saved multiple choice longer than this is not gone through option by option (no question has so many).
_MAX_SALVAGED = 200


def _gone(question: Question, option: Any) -> str | None:
    """Why a saved option is not kept when the rulebook no longer has it (None when it still does)."""
    ids = [o.id for o in question.options]
    if isinstance(option, str) and option not in ids:
        return f"'{option}' is no longer one of its options{did_you_mean(option, ids)}"
    return None


def _problems(document: dict[str, Any], rulebook: Rulebook) -> list[Problem]:
    try:
        Answers.validate(document, rulebook, complete=False)
    except AnswersError as exc:
        return exc.problems
    return []


def _options_that_fit(
    kept: dict[str, Any], question: Question, chosen: list[Any], rulebook: Rulebook
) -> tuple[list[Any], list[str]]:
    """The chosen options that still fit, one at a time in the order saved, and why each other one did not."""
    still: list[Any] = []
    dropped: list[str] = []
    for option in chosen:
        gone = _gone(question, option)
        if gone:
            dropped.append(gone)
            continue
        problems = _problems({**kept, question.id: [*still, option]}, rulebook)
        if problems:
            dropped.extend(p.message for p in problems)
        else:
            still.append(option)
    return still, list(dict.fromkeys(dropped))


def _index_in(value: Any, option: str) -> tuple[int, ...]:
    if isinstance(value, list) and option in value:
        return (value.index(option),)
    return ()


def _condition_hint(rulebook: Rulebook, question_id: str, option_id: str) -> str:
    """' (it is offered when area includes nose)' for the usual one-question option condition."""
    from .rulebook.conditions import AnswerTest

    option = next(o for o in rulebook.question(question_id).options if o.id == option_id)
    if isinstance(option.when, AnswerTest):
        return f" (it is offered when '{option.when.question}' includes {' or '.join(option.when.options)})"
    return ""


def load_answers(path: str | Path, rulebook: Rulebook, *, complete: bool = True) -> Answers:
    """Read a YAML or JSON answers file and validate it against the rulebook (see
    :meth:`Answers.validate`)."""
    file_path = Path(path)
    shown = display_path(file_path)
    text, problem = read_text(file_path)
    if problem is not None:
        raise AnswersError([problem], "cannot read the answers")
    assert text is not None
    data, problem = parse(text, shown, json_only=file_path.suffix.lower() == ".json")
    if problem is not None:
        raise AnswersError([problem], "the answers are not valid")
    if data is None:
        raise AnswersError([Problem(shown, 1, 1, "the answers file is empty")], "the answers file is empty")
    return Answers.validate(data, rulebook, source=shown, locator=Locator(text), complete=complete)
