"""The decision aid around a Result: options side by side (doing nothing included), how each fits what matters
to the person, questions to ask, readiness, and a handover of which answers raised which cautions.

Like the engine, this is a pure function of (rulebook, answers, result): every word comes from the rulebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .rulebook.conditions import answer_tests

if TYPE_CHECKING:
    from .answers import Answers
    from .result import Result
    from .rulebook.book import Rulebook
    from .rulebook.model import Source

FIT_WORDS = {"good": "fits", "depends": "depends", "poor": "does not fit"}
FIT_MARKS = {"good": "✓", "depends": "~", "poor": "✗"}


@dataclass(frozen=True)
class PriorityFit:
    value: str
    label: str
    level: str  # good | depends | poor

    @property
    def words(self) -> str:
        return FIT_WORDS[self.level]

    @property
    def mark(self) -> str:
        return FIT_MARKS[self.level]


@dataclass(frozen=True)
class OptionView:
    """One option, procedure or 'no procedure', in the same detail as every other."""

    id: str
    name: str
    summary: str
    benefits: tuple[str, ...]
    downsides: tuple[str, ...]
    upkeep: str
    day_to_day: str
    fits: tuple[PriorityFit, ...] = ()
    without_treatment: tuple[tuple[str, str], ...] = ()  # (concern label, what usually happens)


@dataclass(frozen=True)
class ReadinessItem:
    question_id: str
    text: str
    answer: str | None  # the chosen option's label, None when not answered
    next_step: str | None


@dataclass(frozen=True)
class HandoverItem:
    """A caution, and the answers (question text and option label) that raised it."""

    caution_id: str
    title: str
    level: str
    answers: tuple[tuple[str, str], ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class DecisionAid:
    options: tuple[OptionView, ...]
    no_procedure: OptionView | None
    priorities: tuple[str, ...]
    general_questions: tuple[str, ...]
    procedure_questions: tuple[tuple[str, tuple[str, ...]], ...]
    readiness: tuple[ReadinessItem, ...]
    handover: tuple[HandoverItem, ...]
    sources: tuple[Source, ...] = field(default=())

    @property
    def ready(self) -> bool | None:
        """True when every readiness question was answered without a next step; None if some are
        unanswered."""
        if not self.readiness or any(item.answer is None for item in self.readiness):
            return None
        return not any(item.next_step for item in self.readiness)

    @property
    def next_steps(self) -> tuple[str, ...]:
        return tuple(item.next_step for item in self.readiness if item.next_step)


def build_decision_aid(rulebook: Rulebook, answers: Answers, result: Result) -> DecisionAid:
    """Everything beyond the bare result that a person takes to a consultation."""
    labels = {(q.id, o.id): o.label for q in rulebook.questions for o in q.options}
    priorities: tuple[str, ...] = ()
    if rulebook.values is not None:
        priorities = answers.get(rulebook.values.question, ())

    def fits_for(procedure: object | None) -> tuple[PriorityFit, ...]:
        values = rulebook.values
        if values is None:
            return ()
        out = []
        for value in priorities:
            fit = values.fits[value]
            level = fit.no_procedure if procedure is None else fit.of(procedure)  # type: ignore[arg-type]
            out.append(PriorityFit(value, labels[(values.question, value)], level))
        return tuple(out)

    options = []
    for suggestion in result.suggestions:
        p = rulebook.procedures[suggestion.id]
        options.append(
            OptionView(
                p.id,
                p.name,
                p.summary,
                tuple(p.benefits),
                tuple(p.downsides),
                p.upkeep,
                p.day_to_day,
                fits_for(p),
            )
        )

    no_procedure = None
    if rulebook.no_procedure is not None:
        n = rulebook.no_procedure
        notes = []
        for question in rulebook.questions:
            for option in answers.get(question.id, ()):
                if option in n.without_treatment:
                    notes.append((labels[(question.id, option)], n.without_treatment[option]))
        no_procedure = OptionView(
            "no-procedure",
            n.title,
            n.summary,
            tuple(n.benefits),
            tuple(n.downsides),
            n.upkeep,
            n.day_to_day,
            fits_for(None),
            tuple(notes),
        )

    readiness = []
    for question in rulebook.readiness_questions:
        chosen = answers.get(question.id, ())
        picked = next((o for o in question.options if chosen and o.id == chosen[0]), None)
        readiness.append(
            ReadinessItem(
                question.id,
                question.text,
                picked.label if picked else None,
                picked.next_step if picked else None,
            )
        )

    sources: list[Source] = list(rulebook.info.sources)
    for suggestion in result.suggestions:
        sources.extend(rulebook.procedures[suggestion.id].sources)
    for caution in result.cautions:
        sources.extend(rulebook.cautions[caution.id].sources)

    return DecisionAid(
        options=tuple(options),
        no_procedure=no_procedure,
        priorities=tuple(labels[(rulebook.values.question, v)] for v in priorities)
        if rulebook.values
        else (),
        general_questions=tuple(rulebook.consultation_questions),
        procedure_questions=tuple(
            (rulebook.procedures[s.id].name, tuple(rulebook.procedures[s.id].questions))
            for s in result.suggestions
        ),
        readiness=tuple(readiness),
        handover=handover(rulebook, answers, result),
        sources=tuple(dict.fromkeys(sources)),
    )


def handover(rulebook: Rulebook, answers: Answers, result: Result) -> tuple[HandoverItem, ...]:
    """For each caution, the person's answers that its rules looked at and found (for a counsellor's
    notes)."""
    rules = {r.id: r for r in rulebook.rules}
    labels = {(q.id, o.id): (q.text, o.label) for q in rulebook.questions for o in q.options}
    items = []
    for caution in result.cautions:
        found: dict[tuple[str, str], None] = {}
        for reason in caution.reasons:
            rule = rules.get(reason.rule)
            if rule is None:
                continue
            for test in answer_tests(rule.when):
                for option in test.options:
                    if option in answers.get(test.question, ()):
                        found[(test.question, option)] = None
        items.append(
            HandoverItem(
                caution.id,
                caution.title,
                caution.level,
                tuple(labels[atom] for atom in found),
                tuple(r.rule for r in caution.reasons),
            )
        )
    return tuple(items)
