"""One view of a result, for every front end: the sections of the results in the order people read them,
every option (waiting included) in the same detail, the cautions critical first, how each option fits what
matters to the person, the questions to ask, the readiness check, the handover and the sources.

The terminal app, the plain mode, the web wizard and the text, Markdown, HTML and JSON summaries only lay
this out; none of them goes back to the rulebook or the result for words of its own. Like the engine,
building it is a pure function of (rulebook, answers, result), and every clinical word comes from the
rulebook.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .rulebook.conditions import answer_tests
from .words import LEVEL_WORDS, PERMANENCE_WORDS, PURPOSE_WORDS, SEE_WHO, SPECIALISTS

if TYPE_CHECKING:
    from .answers import Answers
    from .result import Reason, Result
    from .rulebook.book import Rulebook
    from .rulebook.model import Procedure, Source

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
class Why:
    """Why something is shown: the rule's words, and the rule's id (front ends show it to counsellors)."""

    because: str
    rule: str


@dataclass(frozen=True)
class CautionView:
    id: str
    level: str  # critical | warning | info
    title: str
    text: str
    why: tuple[Why, ...]
    referral: bool = False

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS[self.level]


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
    waiting: bool = False
    """True for 'waiting, or no procedure', which stands beside the procedures."""
    kind: tuple[str, ...] = ()
    """What sort of option it is, in words: ("Surgery", "cosmetic", "permanent"); empty for waiting."""
    why: tuple[Why, ...] = ()
    lasts: str = ""
    recovery: str = ""
    risks: tuple[str, ...] = ()
    practitioner: str = ""
    registers: tuple[str, ...] = ()
    """The names of the kinds of specialist to look for; 'Who to look for' says once how to check each."""
    questions: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    review_due: _dt.date | None = None


@dataclass(frozen=True)
class RegisterView:
    """A kind of specialist to look for, how to check one in the UK and the US, and the options it is for."""

    id: str
    name: str
    who: str
    uk: str
    us: str
    options: tuple[str, ...]


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

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS[self.level]

    @property
    def raised_by(self) -> str:
        """The answers that raised it, in words (every front end says it alike)."""
        return (
            "; ".join(f"{q} {a}" for q, a in self.answers) or "shown to everyone, or because of the options"
        )


@dataclass(frozen=True)
class ResultsView:
    """Everything the results show, in reading order: what a person takes to a consultation."""

    options: tuple[OptionView, ...]
    """The procedures worth discussing, in rulebook order (never ranked)."""
    no_procedure: OptionView | None
    """Waiting, or no procedure: always beside the options, in the same detail."""
    priorities: tuple[str, ...]
    general_questions: tuple[str, ...]
    procedure_questions: tuple[tuple[str, tuple[str, ...]], ...]
    readiness: tuple[ReadinessItem, ...]
    handover: tuple[HandoverItem, ...]
    sources: tuple[Source, ...] = field(default=())
    cautions: tuple[CautionView, ...] = ()
    """Critical first, then warnings, then notes; each level in rulebook order."""
    left_out: tuple[tuple[str, str], ...] = ()
    """(procedure name, why it was left out), for the ones the person's preferences left out."""
    answered: tuple[tuple[str, str], ...] = ()
    """(question, the chosen options' labels) for every answered question, in rulebook order."""
    not_answered: tuple[str, ...] = ()
    """Questions asked but not answered: the result was made without them."""
    nothing_matched: bool = False
    referral: bool = False
    notice: str = ""
    """What the summary is and is not, and whom to see: the rulebook's words."""
    who_to_look_for: tuple[RegisterView, ...] = ()
    """The kinds of specialist the options name, each once, in rulebook order."""
    who_to_look_for_note: str = ""
    """What holds for every practitioner, said once (empty when the rulebook says nothing)."""

    @property
    def every_option(self) -> tuple[OptionView, ...]:
        """The options, then waiting: the columns of a comparison, the cards of the results."""
        return self.options + ((self.no_procedure,) if self.no_procedure is not None else ())

    @property
    def critical(self) -> tuple[CautionView, ...]:
        return tuple(c for c in self.cautions if c.level == "critical")

    @property
    def others(self) -> tuple[CautionView, ...]:
        return tuple(c for c in self.cautions if c.level != "critical")

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

    @property
    def readiness_started(self) -> bool:
        return any(item.answer is not None for item in self.readiness)

    def readiness_note(self) -> str | None:
        """What the readiness answers mean once all are answered with no next step; None otherwise."""
        if self.ready is not True:
            return None
        count = len(self.readiness)
        said = "You said yes to both." if count == 2 else f"You said yes to all {count}."
        if self.critical:
            return (
                f"{said} A critical point still stands ({'; '.join(c.title for c in self.critical)}): "
                "talk it through as it says before you decide."
            )
        return f"{said} Take this summary to your consultation."

    def overview(self) -> tuple[str, ...]:
        """One line per option and per caution: the whole picture before the details."""
        lines = [f"Option: {o.name}" + (f" ({', '.join(o.kind)})" if o.kind else "") for o in self.options]
        if self.no_procedure is not None:
            lines.append(f"Option: {self.no_procedure.name}")
        lines += [f"{c.level_words}: {c.title}" for c in self.cautions]
        return tuple(lines)


def build_view(rulebook: Rulebook, answers: Answers, result: Result) -> ResultsView:
    """The results as every front end shows them."""
    labels = {(q.id, o.id): o.label for q in rulebook.questions for o in q.options}
    priorities: tuple[str, ...] = ()
    if rulebook.values is not None:
        priorities = answers.get(rulebook.values.question, ())

    def fits_for(procedure: Procedure | None) -> tuple[PriorityFit, ...]:
        values = rulebook.values
        if values is None:
            return ()
        out = []
        for value in priorities:
            fit = values.fits[value]
            level = fit.no_procedure if procedure is None else fit.of(procedure)
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
                kind=(
                    "Surgery" if p.surgical else "Not surgery",
                    PURPOSE_WORDS[p.purpose],
                    PERMANENCE_WORDS[p.permanence],
                ),
                why=_why(suggestion.reasons),
                lasts=p.lasts,
                recovery=p.recovery,
                risks=tuple(p.risks),
                practitioner=p.practitioner,
                registers=tuple(rulebook.registers[r].name for r in p.registers),
                questions=tuple(p.questions),
                sources=tuple(p.sources),
                review_due=p.review_due,
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
            waiting=True,
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
    registers = who_to_look_for(rulebook, result)
    for register in registers:
        sources.extend(rulebook.registers[register.id].sources)

    answered = []
    for question in rulebook.questions:
        chosen = answers.get(question.id, ())
        if chosen:
            answered.append((question.text, "; ".join(labels[(question.id, c)] for c in chosen)))

    return ResultsView(
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
        cautions=tuple(
            CautionView(c.id, c.level, c.title, c.text, _why(c.reasons), rulebook.cautions[c.id].referral)
            for c in result.cautions
        ),
        left_out=tuple((rulebook.procedures[x.id].name, x.because) for x in result.left_out),
        answered=tuple(answered),
        not_answered=tuple(rulebook.question(q).text for q in result.not_answered),
        nothing_matched=not result.suggestions,
        referral=result.referral,
        notice=rulebook.info.notice,
        who_to_look_for=registers,
        who_to_look_for_note=(rulebook.who_to_look_for or "") if result.suggestions else "",
    )


def who_to_look_for(rulebook: Rulebook, result: Result) -> tuple[RegisterView, ...]:
    """Each kind of specialist that a suggestion names, once, with the suggestions it is for."""
    used: dict[str, list[str]] = {}
    for suggestion in result.suggestions:
        procedure = rulebook.procedures[suggestion.id]
        for rid in procedure.registers:
            used.setdefault(rid, []).append(procedure.name)
    return tuple(
        RegisterView(r.id, r.name, r.who, r.uk, r.us, tuple(used[r.id]))
        for r in rulebook.registers.values()
        if r.id in used
    )


def who_line(option: OptionView) -> str:
    """The option's 'who to look for' in one line: its own words, then the kinds of specialist it names."""
    if not option.registers:
        return option.practitioner
    return f"{option.practitioner} {SPECIALISTS}: {'; '.join(option.registers)} ({SEE_WHO})."


def _why(reasons: tuple[Reason, ...]) -> tuple[Why, ...]:
    return tuple(Why(r.because, r.rule) for r in reasons)


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
