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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .rulebook.conditions import answer_tests
from .words import (
    DOWNTIME_WORDS,
    GIVEN_WORDS,
    HOW_MADE_PARTS,
    LEANING_NOT_SURE,
    LEVEL_WORDS,
    NOT_STATED,
    PERMANENCE_WORDS,
    PURPOSE_WORDS,
    SCARRING_WORDS,
    SEE_WHO,
    SPECIALISTS,
    SURGICAL_WORDS,
)

if TYPE_CHECKING:
    from .answers import Answers
    from .reflection import Reflection
    from .result import Reason, Result
    from .rulebook.book import Rulebook
    from .rulebook.glossary import Glossary
    from .rulebook.model import Chance, Comparison, NoProcedure, OptionDetail, Procedure, Risk, Source

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


PEOPLE = 100
"""A chance is drawn as a picture of this many people (10 rows of 10)."""
PICTURE_WIDTH = 10
PICTURE_MARKS = ("●", "◐", "○")
"""How a person in the picture is drawn, by shape (never colour alone): it happened; the range (it may have
happened, as the figure is a range); it did not happen."""
EVIDENCE_WORDS = {
    "one-study": "In one study",
    "several-studies": "Across several studies",
    "estimate": "By one estimate",
}
"""How a figure is introduced, by where it comes from: a study describes its own people, not the reader."""
NOT_KNOWN_WORDS = "How often is not known."


@dataclass(frozen=True)
class PictureView:
    """A chance as 100 people, 10 rows of 10: the low end of the range filled, the rest of the range drawn
    differently (it may have happened), everyone else empty. Every front end draws these counts; ``alt``
    says the same in words."""

    happened: int
    maybe: int
    """The uncertain part: people between the low and the high end of the range (0 for a single figure)."""
    alt: str
    rounded: bool = False
    """True when the figure is not a whole number of people in 100 (1.6 is drawn as 2): the key says
    "about"."""

    @property
    def did_not(self) -> int:
        return PEOPLE - self.happened - self.maybe

    def marks(self) -> tuple[int, ...]:
        """Each person in reading order, row by row: 0 it happened, 1 it may have, 2 it did not."""
        return (0,) * self.happened + (1,) * self.maybe + (2,) * self.did_not

    def rows(self, marks: tuple[str, str, str] = PICTURE_MARKS, gap: str = " ") -> tuple[str, ...]:
        """The picture as 10 lines of text, one mark per person."""
        people = [marks[k] for k in self.marks()]
        return tuple(gap.join(people[i : i + PICTURE_WIDTH]) for i in range(0, PEOPLE, PICTURE_WIDTH))

    def with_key(self, marks: tuple[str, str, str] = PICTURE_MARKS, gap: str = " ") -> tuple[str, ...]:
        """The picture's lines with its key beside the first rows (as a text summary draws it)."""
        key = self.key(marks)
        return tuple(
            row + (f"   {key[i]}" if i < len(key) else "") for i, row in enumerate(self.rows(marks, gap))
        )

    def key(self, marks: tuple[str, str, str] = PICTURE_MARKS) -> tuple[str, ...]:
        """What each kind of mark means, with how many people it stands for (the picture's legend)."""
        about = "about " if self.rounded else ""
        out = [f"{marks[0]} it happened ({about}{self.happened})"]
        if self.maybe:
            out.append(f"{marks[1]} the range: it may have happened ({about}{self.maybe})")
        out.append(f"{marks[2]} it did not happen ({about}{self.did_not})")
        return tuple(out)


@dataclass(frozen=True)
class ChanceView:
    """How often a risk happens, as data and in words: a range per 100 (or per 1,000 and more), among whom,
    over what time, from where. ``words`` is what every front end says; ``picture`` is None below 1 in 100,
    where ``picture_note`` says so instead of drawing nobody."""

    low: float
    high: float
    per: int
    population: str
    time: str
    evidence: str
    source: Source
    words: str
    picture: PictureView | None
    picture_note: str = ""


@dataclass(frozen=True)
class RiskView:
    """Something that can go wrong, and how often: ``how_often`` is the chance's words, or that no one
    knows."""

    text: str
    how_often: str
    chance: ChanceView | None = None

    @property
    def line(self) -> str:
        """The risk on one line with its chance where a source gives one (the comparison grid's cell); 'not
        known' is left to the option's details, so that the grid stays short."""
        return f"{self.text} {self.chance.words}" if self.chance is not None else self.text


def number(value: float) -> str:
    """A figure as people read it: 12, 1.6, 2,000 (no trailing '.0')."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _people(value: float, per: int) -> int:
    """How many of 100 people a figure per ``per`` stands for, rounded half up."""
    return int(value * PEOPLE / per + 0.5)


def chance_view(chance: Chance, sources: Sequence[Source] = ()) -> ChanceView:
    """A chance in words and as a picture. ``sources`` are the procedure's own, which a chance may name by
    address."""
    source = chance.source
    if isinstance(source, str):
        source = next(s for s in sources if s.url == source)
    low, high, per = chance.low, chance.high, chance.per
    if high == low:
        amount = f"about {number(low)}"
    elif low == 0:
        amount = f"up to {number(high)}"
    else:
        amount = f"about {number(low)} to {number(high)}"
    rare = high * PEOPLE / per < 1
    words = (
        f"{EVIDENCE_WORDS[chance.evidence]}, {amount} in {number(per)} {chance.population}"
        + (" (fewer than 1 in 100)" if rare and per != PEOPLE else "")
        + f", {chance.time} ({source.name})."
    )
    return ChanceView(
        low,
        high,
        per,
        chance.population,
        chance.time,
        chance.evidence,
        source,
        words,
        None if rare else _picture(low, high, per),
        "Fewer than 1 in 100: too few to show in a picture of 100 people." if rare else "",
    )


def _picture(low: float, high: float, per: int) -> PictureView:
    """A range of 1 in 100 or more as 100 people, with its words."""
    happened = _people(low, per)
    maybe = max(_people(high, per), 1) - happened
    rounded = any(value * PEOPLE / per != int(value * PEOPLE / per) for value in (low, high))
    about = "about " if rounded else ""
    alt = f"A picture of 100 people: it happened to {about}{happened} (filled)"
    if maybe:
        alt += f"; it may have happened to {about}{maybe} more, as the figure is a range (half-filled)"
    alt += f"; it did not happen to {about}{PEOPLE - happened - maybe} (empty)."
    return PictureView(happened, maybe, alt, rounded)


def risk_view(risk: Risk, sources: Sequence[Source] = ()) -> RiskView:
    """One risk as every front end shows it."""
    figure = risk.figure
    if figure is None:
        return RiskView(risk.text, NOT_KNOWN_WORDS)
    chance = chance_view(figure, sources)
    return RiskView(risk.text, chance.words, chance)


def risk_sources(procedure: Procedure) -> tuple[Source, ...]:
    """The procedure's sources, then any source a chance writes out for itself (each once)."""
    own = [
        r.figure.source
        for r in procedure.risks
        if r.figure is not None and not isinstance(r.figure.source, str)
    ]
    return tuple(dict.fromkeys([*procedure.sources, *own]))


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
    risks: tuple[RiskView, ...] = ()
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
class GridCell:
    """What one option says in answer to one row's question: a short text, then any list (risks)."""

    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """The text, then each item: what a layout shows, one after another."""
        return ((self.text,) if self.text else ()) + self.items

    def flat(self, separator: str = "; ") -> str:
        """The cell on one line (a table cell that cannot hold a list)."""
        return separator.join(self.lines)


@dataclass(frozen=True)
class GridRow:
    id: str
    label: str
    cells: tuple[GridCell, ...]
    """One per column, in the grid's column order."""


@dataclass(frozen=True)
class Grid:
    """The options side by side: a column per option shown, then waiting; a row per question the rulebook's
    comparison asks. Every front end lays out this one grid (pages of columns, one option per page, a
    table)."""

    columns: tuple[str, ...]
    """The options' names, waiting last."""
    column_ids: tuple[str, ...]
    rows: tuple[GridRow, ...]

    def column(self, index: int) -> tuple[tuple[str, GridCell], ...]:
        """(row label, cell) for one option: the grid turned into one option's page."""
        return tuple((row.label, row.cells[index]) for row in self.rows)

    def row(self, row_id: str) -> GridRow:
        return next(row for row in self.rows if row.id == row_id)


@dataclass(frozen=True)
class KnowledgeItem:
    """One true-or-false statement about an option shown (or waiting), and what the person answered."""

    key: str
    option: str
    """The option's name."""
    says: str
    answer: bool
    explain: str
    given: str | None = None
    """'true', 'false' or 'unsure'; None when not answered."""

    @property
    def right(self) -> bool | None:
        """Whether the answer was right (None when not answered; 'not sure' is not right)."""
        if self.given is None:
            return None
        return self.given == ("true" if self.answer else "false")

    @property
    def truth(self) -> str:
        return "True" if self.answer else "False"

    @property
    def given_words(self) -> str:
        return GIVEN_WORDS[self.given] if self.given else "Not answered"


@dataclass(frozen=True)
class WordView:
    """A word of the glossary that the results use, and what it means."""

    term: str
    means: str


@dataclass(frozen=True)
class AboutView:
    """What the guide is and how it was made: who wrote it, how evidence was chosen, how and when it is
    checked again, and what happens after a safety alert. Every summary shows it, and the welcome screens
    offer it."""

    title: str
    version: str
    checked: _dt.date
    review_due: _dt.date
    made_by: str
    funded_by: str
    parts: tuple[tuple[str, str], ...] = ()
    """(heading, text) for each part of 'how_made' the rulebook declares, in order."""

    @property
    def dates(self) -> str:
        """'ConsultAid default rulebook, version 2026.12.0. Content checked 4 December 2026; next full
        review due by December 2027.'"""
        return (
            f"{self.title}, version {self.version}. Content checked {self.checked.day} "
            f"{self.checked:%B %Y}; next full review due by {self.review_due:%B %Y}."
        )

    @property
    def credits(self) -> str:
        return f"Made by {self.made_by} Funded by {self.funded_by}"


def about_view(rulebook: Rulebook) -> AboutView:
    """The guide's own description, from the rulebook's 'rulebook:' section."""
    info = rulebook.info
    parts: tuple[tuple[str, str], ...] = ()
    if info.how_made is not None:
        parts = tuple((heading, getattr(info.how_made, name)) for name, heading in HOW_MADE_PARTS.items())
    return AboutView(
        info.title, info.version, info.checked, info.review_due, info.made_by, info.funded_by, parts
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
    grid: Grid | None = None
    """The options side by side (None when the rulebook declares no comparison rows)."""
    knowledge: tuple[KnowledgeItem, ...] = ()
    """The knowledge check: every statement about the options shown and waiting, with what was answered."""
    leaning: str | None = None
    """Which way the person is leaning: an option's id, 'no-procedure' or 'not-sure' (None: not said)."""
    leaning_choices: tuple[tuple[str, str], ...] = ()
    """(id, label) of what one can lean to: each option shown, waiting, and 'not sure yet'."""
    words: tuple[WordView, ...] = ()
    """The glossary's words that the results use anywhere, in the glossary's order, each with its meaning."""
    about: AboutView | None = None
    """How the guide was made (None only for a view built without a rulebook)."""
    glossary: Glossary | None = field(default=None, compare=False, repr=False)
    """The rulebook's glossary, so that a summary can ask which words its own text uses."""

    def words_used(self, *texts: str) -> tuple[WordView, ...]:
        """The glossary's words that these texts use (a summary's own text, which may show less than the
        whole view), each with its meaning."""
        if self.glossary is None:
            return ()
        return tuple(WordView(e.term, e.means) for e in self.glossary.used_in(texts))

    def texts(self) -> tuple[str, ...]:
        """Every text the results show a person, in no particular order: what the glossary is looked up in.
        (Ids, rule names and sources are not shown as text to read.)"""
        out: list[str] = [self.notice, *self.general_questions, *self.not_answered]
        for option in self.every_option:
            out += [option.name, option.summary, *option.benefits, *option.downsides, option.upkeep]
            out += [option.day_to_day, option.lasts, option.recovery, option.practitioner]
            out += [text for risk in option.risks for text in (risk.text, risk.how_often)]
            out += [*option.registers, *option.questions, *(why.because for why in option.why)]
            out += [text for pair in option.without_treatment for text in pair]
            out += [fit.label for fit in option.fits]
        for caution in self.cautions:
            out += [caution.title, caution.text, *(why.because for why in caution.why)]
        for register in self.who_to_look_for:
            out += [register.name, register.who, register.uk, register.us]
        out.append(self.who_to_look_for_note)
        out += [text for pair in self.left_out for text in pair]
        out += [text for pair in self.answered for text in pair]
        for item in self.readiness:
            out += [item.text, item.answer or "", item.next_step or ""]
        for knowledge in self.knowledge:
            out += [knowledge.says, knowledge.explain]
        if self.grid is not None:
            for row in self.grid.rows:
                out.append(row.label)
                out += [line for cell in row.cells for line in cell.lines]
        if self.about is not None:
            out += [text for _, text in self.about.parts]
        return tuple(text for text in out if text)

    @property
    def leaning_label(self) -> str | None:
        return dict(self.leaning_choices).get(self.leaning) if self.leaning else None

    @property
    def knowledge_answered(self) -> tuple[KnowledgeItem, ...]:
        return tuple(item for item in self.knowledge if item.given is not None)

    @property
    def to_go_over(self) -> tuple[KnowledgeItem, ...]:
        """Statements answered wrongly or with 'not sure': the facts to go over again at the consultation."""
        return tuple(item for item in self.knowledge if item.given is not None and not item.right)

    def knowledge_score(self) -> str:
        """'You answered 5 of 12 statements; 4 were right.'"""
        answered = self.knowledge_answered
        right = sum(1 for item in answered if item.right)
        return (
            f"You answered {len(answered)} of {len(self.knowledge)} statements; "
            f"{right} {'was' if right == 1 else 'were'} right."
        )

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
        return tuple(line for line, _ in self.overview_items())

    def overview_items(self) -> tuple[tuple[str, OptionView | CautionView], ...]:
        """The overview's lines with the option or caution each one stands for (the plain mode numbers
        them, to show an item's details on request)."""
        items: list[tuple[str, OptionView | CautionView]] = [
            (f"Option: {o.name}" + (f" ({', '.join(o.kind)})" if o.kind else ""), o) for o in self.options
        ]
        if self.no_procedure is not None:
            items.append((f"Option: {self.no_procedure.name}", self.no_procedure))
        items += [(f"{c.level_words}: {c.title}", c) for c in self.cautions]
        return tuple(items)


def build_view(
    rulebook: Rulebook, answers: Answers, result: Result, reflection: Reflection | None = None
) -> ResultsView:
    """The results as every front end shows them (with the knowledge check and the leaning, when given)."""
    from .reflection import NOT_SURE, WAITING, Reflection, statement_key

    reflection = reflection or Reflection()
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
                risks=tuple(risk_view(r, p.sources) for r in p.risks),
                practitioner=p.practitioner,
                registers=tuple(rulebook.registers[r].name for r in p.registers),
                questions=tuple(p.questions),
                sources=risk_sources(p),
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
        sources.extend(risk_sources(rulebook.procedures[suggestion.id]))
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

    shown: list[tuple[str, str, OptionDetail]] = [
        (s.id, rulebook.procedures[s.id].name, rulebook.procedures[s.id]) for s in result.suggestions
    ]
    if rulebook.no_procedure is not None:
        shown.append((WAITING, rulebook.no_procedure.title, rulebook.no_procedure))
    knowledge = tuple(
        KnowledgeItem(
            statement_key(oid, k),
            name,
            statement.says,
            statement.answer,
            statement.explain,
            reflection.knowledge.get(statement_key(oid, k)),
        )
        for oid, name, item in shown
        for k, statement in enumerate(item.knowledge)
    )
    choices = tuple((oid, name) for oid, name, _ in shown) + ((NOT_SURE, LEANING_NOT_SURE),)
    leaning = reflection.leaning if reflection.leaning in dict(choices) else None

    view = ResultsView(
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
        grid=None
        if rulebook.comparison is None
        else build_grid(
            rulebook.comparison,
            [rulebook.procedures[s.id] for s in result.suggestions],
            rulebook.no_procedure,
            {o.id: tuple(r.line for r in o.risks) for o in options},
        ),
        knowledge=knowledge,
        leaning=leaning,
        leaning_choices=choices,
        about=about_view(rulebook),
        glossary=rulebook.words,
    )
    return replace(view, words=view.words_used(*view.texts()))


def _shown(
    item: Procedure | NoProcedure, name: str, risks: tuple[str, ...] | None = None
) -> str | tuple[str, ...] | None:
    """What a row's field says for one option, in words; None when the option has no such data (waiting
    has no recovery, risks or permanence of its own: its 'compare:' words say it)."""
    if name == "surgical":
        surgical = getattr(item, "surgical", None)
        return None if surgical is None else SURGICAL_WORDS[surgical]
    if name == "permanence":
        permanence = getattr(item, "permanence", None)
        return None if permanence is None else PERMANENCE_WORDS[permanence].capitalize() + "."
    if name == "scarring":
        return SCARRING_WORDS[item.scarring]
    if name == "downtime":
        return DOWNTIME_WORDS[item.downtime]
    if name == "risks":
        return risks if hasattr(item, "risks") else None
    value = getattr(item, name, None)
    return value if isinstance(value, str) else None


def build_grid(
    comparison: Comparison,
    procedures: list[Procedure],
    no_procedure: NoProcedure | None,
    risks: Mapping[str, tuple[str, ...]] | None = None,
) -> Grid:
    """The comparison grid for these procedures (and waiting): each cell is what the row shows of the
    option's own data, then the option's own words for the row. ``risks`` are the procedures' risks as the
    results say them, one line each (with the chance where known); by default their plain text."""
    items: list[tuple[str, str, Procedure | NoProcedure]] = [(p.id, p.name, p) for p in procedures]
    if no_procedure is not None:
        items.append(("no-procedure", no_procedure.title, no_procedure))
    rows = []
    for row in comparison.rows:
        cells = []
        for oid, _, item in items:
            texts: list[str] = []
            lists: list[str] = []
            for name in row.shows:
                said = (risks or {}).get(oid)
                if said is None and name == "risks":
                    own = getattr(item, "sources", ())
                    said = tuple(risk_view(r, own).line for r in getattr(item, "risks", ()))
                value = _shown(item, name, said)
                if isinstance(value, tuple):
                    lists.extend(value)
                elif value:
                    texts.append(value)
            own = item.compare.get(row.id)
            if own:
                texts.append(own)
            cell = GridCell(" ".join(texts), tuple(lists))
            cells.append(cell if cell.lines else GridCell(NOT_STATED))
        rows.append(GridRow(row.id, row.label, tuple(cells)))
    return Grid(tuple(name for _, name, _ in items), tuple(i for i, _, _ in items), tuple(rows))


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
