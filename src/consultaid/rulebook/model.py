"""What a rulebook is: strict pydantic models for the YAML that clinicians edit.

Every model forbids unknown keys, so a misspelt key is an error with a place rather than a silently ignored
line. Conditions are a small tagged union chosen by which key a mapping has (``all``, ``any``, ``not`` ...);
a mapping with any other single key is a test of one question's answer.

These models describe the *text* of the rulebook. Cross-references (does the option exist, does the procedure
exist) are checked by :mod:`consultaid.rulebook.load`, which knows every file at once.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, StringConstraints, Tag, model_validator

from .base import (
    _TYPE_NAMES,
    LEVEL_RANK,
    Downtime,
    FitLevel,
    Id,
    Level,
    OneOrMany,
    Permanence,
    Purpose,
    Scarring,
    Strict,
    Text,
)
from .conditions.nodes import Condition, ProcedureFilter

__all__ = ["LEVEL_RANK", "Condition", "Id", "Level", "ProcedureFilter", "Strict", "Text"]

# The condition language lives in .conditions; a rule, question or option holds one of its nodes.


# ------------------------------------------------------------------------------------------------------------
# Sections
# ------------------------------------------------------------------------------------------------------------


WebAddress = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class Source(Strict):
    """Public guidance a fact comes from, and the day somebody checked it still says so."""

    name: Text
    title: Text
    url: WebAddress
    checked: _dt.date


class HowMade(Strict):
    """How the content was made: what a decision aid owes its readers so they can judge whether to trust it
    (the IPDAS criteria on who made it, its evidence, its review and its updates). Every summary shows it."""

    who: Text = Field(
        description="Who wrote the content, who paid for it, and whether a clinician signed it."
    )
    evidence: Text = Field(description="How the evidence was chosen, and what was left out as too weak.")
    review: Text = Field(description="How and when the content is checked again.")
    safety_alerts: Text = Field(
        description="What happens when a regulator issues a safety alert about a procedure or product "
        "(the update policy)."
    )


class RulebookInfo(Strict):
    id: Id
    version: Text
    title: Text
    contract: Literal["consultaid-1", "consultaid-2"] | None = Field(
        default=None,
        description="Set to consultaid-1 or consultaid-2 when this rulebook keeps that rule contract's ids "
        "(questions, options, procedures, cautions and their levels), "
        "so that `rules check` holds it to them.",
    )
    language: Text = "en"
    made_by: Text
    funded_by: Text
    checked: _dt.date
    review_due: _dt.date
    sources: list[Source] = []
    notice: Text = Field(
        default="This is not medical advice and not a diagnosis.",
        description="What every summary says first about what it is and is not, and whom to see "
        "(in the rulebook's own words, for its country).",
    )
    how_made: HowMade | None = Field(
        default=None,
        description="How the content was made: who wrote it, how evidence was chosen, how and when it is "
        "reviewed, and what happens after a safety alert. Every summary includes it.",
    )


class Option(Strict):
    id: Id
    label: Text
    help: Text | None = None
    when: Condition | None = None
    next_step: Text | None = Field(
        default=None,
        description="For readiness questions: the plain next step shown when this option is chosen.",
    )
    neutral: bool = Field(
        default=False,
        description="True for an answer that on purpose leads to nothing (such as 'for-myself'): "
        "no rule needs to name it, and the lint does not warn that no rule mentions it.",
    )


class Question(Strict):
    id: Id
    kind: Literal["single", "multiple"]
    text: Text
    help: Text
    required: bool = True
    stage: Literal["intake", "readiness"] = Field(
        default="intake",
        description="intake: asked in the wizard's flow; "
        "readiness: asked once the person has seen the options.",
    )
    when: Condition | None = None
    options: Annotated[list[Option], Field(min_length=1)]


GridField = Literal[
    "summary", "surgical", "recovery", "lasts", "permanence", "upkeep", "scarring", "downtime", "risks"
]
"""What an option says about itself that a comparison row can show (waiting has only some of them)."""


class ComparisonRow(Strict):
    """One question people ask, asked of every option alike: a row of the side-by-side comparison."""

    id: Id
    label: Text = Field(description="The row's name, shown beside its cells (short: it stays in view).")
    shows: list[GridField] = Field(
        default=[],
        description="What the row shows of each option's own data (for example [recovery], or "
        "[permanence, upkeep]). An option's own words for the row ('compare:' under it) follow; a row that "
        "shows nothing needs them from every option.",
    )


class Comparison(Strict):
    """The options side by side: the rows, in order. The columns are the options shown, then waiting."""

    rows: Annotated[list[ComparisonRow], Field(min_length=1)]

    def missing(self, item: OptionDetail) -> list[ComparisonRow]:
        """The rows for which this option (a procedure, or waiting) has nothing to say: none of the fields
        the row shows exist for it, and it gives no words of its own."""
        return [
            row
            for row in self.rows
            if row.id not in item.compare and not any(hasattr(item, name) for name in row.shows)
        ]


class StatementAbout(Strict):
    """What a knowledge-check statement says about the option's own data (so its answer can be checked)."""

    surgical: bool | None = Field(
        default=None, description="The statement says the option is (true) or is not (false) surgery."
    )
    permanence: OneOrMany[Permanence] | None = Field(
        default=None, description="The statement says the option's permanence is this one (or one of these)."
    )


class Statement(Strict):
    """A true-or-false statement for the knowledge check, with the rulebook's own short explanation."""

    says: Text
    answer: bool = Field(description="true when the statement is right, false when it is wrong.")
    explain: Text = Field(description="Why it is true or false, in a sentence or two.")
    about: StatementAbout | None = Field(
        default=None,
        description="What the statement says about the option's own data, so that `rules check` can see "
        "that its answer agrees with it (for example {permanence: temporary} for 'the effect wears off').",
    )


class OptionDetail(Strict):
    """What every option shows alike, so that each (doing nothing included) is described in equal detail."""

    benefits: Annotated[list[Text], Field(min_length=1)]
    downsides: Annotated[list[Text], Field(min_length=1)]
    upkeep: Text
    day_to_day: Text
    downtime: Downtime
    scarring: Scarring
    compare: dict[Id, Text] = Field(
        default_factory=dict,
        description="The option's own words for rows of the comparison, by row id (for example "
        "'public: Usually not, when it is for looks alone.').",
    )
    knowledge: list[Statement] = Field(
        default=[],
        description="Three to five true-or-false statements for the knowledge check, each with its answer "
        "and a short explanation.",
    )


# ------------------------------------------------------------------------------------------------------------
# Risks and how often they happen
# ------------------------------------------------------------------------------------------------------------

NOT_KNOWN = "not-known"
"""What a risk's ``chance`` says when no checked source gives a figure (shown as "how often is not known")."""

PER = (100, 1000, 10000, 100000)
"""The counts a chance may be given per: 100 for most, 1,000 and more for rare risks (so no one writes
0.02 in 100, which people misread)."""

Evidence = Literal["one-study", "several-studies", "estimate"]
"""Where a figure comes from, so every front end words it honestly: one study describes the people in that
study ("in one study ..."), never "your risk"."""


def _tag_by_kind(text_tag: str, data_tag: str) -> Any:
    """A discriminator for a field written either as words or as a mapping: the YAML's own shape picks the
    branch, so a mistake gets that branch's message only (not one per branch of a union)."""

    def tag(value: Any) -> str | None:
        if isinstance(value, str):
            return text_tag
        if isinstance(value, (dict, Strict)):
            return data_tag
        return None

    return tag


SourceRef = Annotated[
    Annotated[WebAddress, Tag("address")] | Annotated[Source, Tag("source")],
    Discriminator(
        _tag_by_kind("address", "source"),
        custom_error_type="source_ref",
        custom_error_message="expected the web address (url) of one of the procedure's sources, "
        "or a source of its own (name, title, url, checked)",
    ),
]
"""A chance's source: the ``url`` of one of the procedure's own ``sources`` (checked when the rulebook loads),
or a source written out in full."""


class Chance(Strict):
    """How often a risk happens, as a checked source gives it: a range of people per 100 (or per 1,000 and
    more for rare risks), among whom, over what time, and from which source."""

    low: Annotated[float, Field(ge=0, strict=True)] = Field(
        description="The low end of the range (the same as 'high' for a single figure)."
    )
    high: Annotated[float, Field(ge=0, strict=True)] = Field(description="The high end of the range.")
    per: Literal[100, 1000, 10000, 100000] = Field(
        description="Out of how many people: 100, or 1000 (10000, 100000) where the figure is small."
    )
    population: Text = Field(
        description="Who it was measured in, as it reads after 'about 12 in 100': for example 'women having "
        "implants for looks for the first time'."
    )
    time: Text = Field(description="Over what time: for example 'over 10 years' or 'within 3 months'.")
    evidence: Evidence = Field(
        description="one-study: a single study or series ('in one study'); several-studies: a review or "
        "pooled results ('across several studies'); estimate: an official or expert estimate."
    )
    source: SourceRef

    @model_validator(mode="after")
    def _a_range(self) -> Chance:
        if self.low > self.high:
            raise ValueError(f"'low' ({_number(self.low)}) is more than 'high' ({_number(self.high)})")
        if self.high > self.per:
            raise ValueError(f"'high' ({_number(self.high)}) is more than 'per' ({self.per})")
        return self


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


ChanceOrNotKnown = Annotated[
    Annotated[Literal["not-known"], Tag("words")] | Annotated[Chance, Tag("chance")],
    Discriminator(
        _tag_by_kind("words", "chance"),
        custom_error_type="chance",
        custom_error_message="expected 'not-known' or a chance (low, high, per, population, time, "
        "evidence, source)",
    ),
]


class Risk(Strict):
    """Something that can go wrong, in plain words, and how often it happens (or that no one knows)."""

    text: Text = Field(description="What can go wrong, in plain words (never a benefit or a legal fact).")
    chance: ChanceOrNotKnown | None = Field(
        default=None,
        description="How often: a chance (low, high, per, population, time, evidence, source), or "
        "'not-known' when no checked source gives a figure. Left out, it reads as not known too, and "
        "`rules check` asks for it in a contract-2 rulebook.",
    )

    @property
    def figure(self) -> Chance | None:
        """The chance, when a source gives one."""
        return self.chance if isinstance(self.chance, Chance) else None


def _risk_in_words(value: Any) -> Any:
    """A risk written as plain text (as contract-1 rulebooks do) is a risk whose chance is not stated."""
    if isinstance(value, str):
        return {"text": value}
    if isinstance(value, (dict, Risk)):
        return value
    raise ValueError(
        "expected a risk in plain words, or a mapping such as {text: ..., chance: not-known}, "
        f"got {_TYPE_NAMES.get(type(value), type(value).__name__)}"
    )


RiskItem = Annotated[Risk, BeforeValidator(_risk_in_words, json_schema_input_type=Text | Risk)]


class Procedure(OptionDetail):
    id: Id
    name: Text
    summary: Text
    surgical: bool
    purpose: Purpose
    permanence: Permanence
    lasts: Text
    recovery: Text
    risks: Annotated[list[RiskItem], Field(min_length=1)] = Field(
        description="What can go wrong: each a plain sentence, or {text: ..., chance: ...} with how often "
        "it happens (or chance: not-known)."
    )
    practitioner: Text
    registers: list[Id] = Field(
        default=[],
        description="The kinds of specialist to look for (ids from the 'registers' section), the most usual "
        "first: every summary names them on the option and says once how to check one.",
    )
    groups: list[Id] = Field(
        default=[],
        description="Named groups the procedure belongs to (for example body-contouring), so that a rule "
        "can name a kind of procedure ('suggested: {group: body-contouring}') rather than list ids that a "
        "new procedure would have to be added to.",
    )
    questions: Annotated[list[Text], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]
    review_due: _dt.date


class Caution(Strict):
    id: Id
    level: Level
    title: Text
    text: Text
    referral: bool = Field(
        default=False,
        description="True for the caution that means 'talk this through with a GP or counsellor first'; "
        "the result's 'referral' flag is true exactly when such a caution shows.",
    )
    sources: list[Source] = Field(
        default=[],
        description="Where the caution's facts come from, listed in every summary that shows it.",
    )


class Register(Strict):
    """A kind of specialist to look for, and how to check one in the UK and in the US."""

    id: Id
    name: Text
    who: Text = Field(description="What these specialists do, in a sentence or two.")
    uk: Text = Field(description="How to check one in the UK (the register or body that lists them).")
    us: Text = Field(description="How to check one in the US (the board that certifies them).")
    sources: list[Source] = []


class GlossaryEntry(Strict):
    """A word a reader may not know, and what it means in plain words."""

    term: Text = Field(
        description="The word as the texts write it (matched whole, in any case, with an -s or "
        "-es plural; a term written in capitals, such as GMC, is matched in capitals only)."
    )
    also: list[Text] = Field(
        default=[],
        description="Other forms that mean the same and are matched like the term (a US spelling, an odd "
        "plural).",
    )
    means: Text = Field(description="What it means, in a short plain sentence or two.")

    @property
    def id(self) -> str:
        """The term in lower case: no two entries may share it."""
        return self.term.lower()


class Rule(Strict):
    id: Id
    when: Condition
    suggest: list[Id] = []
    caution: list[Id] = []
    because: Text

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        if not self.suggest and not self.caution:
            raise ValueError("a rule must 'suggest' procedures, raise a 'caution', or both")
        return self


class Exclusion(Strict):
    id: Id
    when: Condition
    exclude: ProcedureFilter
    because: Text


class NoProcedure(OptionDetail):
    """Waiting, or no procedure: always shown beside the suggestions, in the same detail."""

    title: Text
    summary: Text
    without_treatment: dict[Id, Text] = Field(
        default_factory=dict,
        description="What usually happens without treatment, by option id (for example by concern).",
    )


class Fit(Strict):
    """How options fit one priority: procedures matching 'good' fit it, 'poor' do not, the rest depend."""

    good: ProcedureFilter | None = None
    poor: ProcedureFilter | None = None
    no_procedure: FitLevel = Field(alias="no-procedure")

    def of(self, procedure: Procedure) -> str:
        if self.good is not None and self.good.matches(procedure):
            return "good"
        if self.poor is not None and self.poor.matches(procedure):
            return "poor"
        return "depends"


class Values(Strict):
    """What matters to the person: the options of one (multiple-choice) question, and how each option fits."""

    question: Id
    fits: dict[Id, Fit]


class RuleFile(Strict):
    """One YAML file of the rulebook: any of the sections, each optional."""

    rulebook: RulebookInfo | None = None
    questions: list[Question] = []
    procedures: list[Procedure] = []
    cautions: list[Caution] = []
    rules: list[Rule] = []
    exclusions: list[Exclusion] = []
    no_procedure: NoProcedure | None = None
    values: Values | None = None
    consultation_questions: list[Text] = []
    comparison: Comparison | None = None
    registers: list[Register] = []
    who_to_look_for: Text | None = Field(
        default=None,
        description="What holds for every practitioner, said once in every summary above the registers of "
        "the options shown (checks of the clinic, other countries, unregistered sellers).",
    )
    glossary: list[GlossaryEntry] = Field(
        default=[],
        description="Words a reader may not know, each with a short plain explanation: every front end and "
        "summary explains the ones its text uses.",
    )
    hard_words: list[Text] = Field(
        default=[],
        description="Words the lint looks for in every text: one a text uses that the glossary does not "
        "explain is a warning.",
    )


SECTIONS = ("questions", "procedures", "cautions", "rules", "exclusions", "registers", "glossary")
SINGLE_SECTIONS = (
    "rulebook",
    "no_procedure",
    "values",
    "consultation_questions",
    "comparison",
    "who_to_look_for",
    "hard_words",
)
