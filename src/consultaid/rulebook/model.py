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

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    StringConstraints,
    Tag,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Level = Literal["info", "warning", "critical"]
Purpose = Literal["cosmetic", "reconstructive", "either"]
Permanence = Literal["permanent", "long-lasting", "temporary"]
Downtime = Literal["none", "days", "weeks", "months"]
Scarring = Literal["none", "small", "visible"]
FitLevel = Literal["good", "depends", "poor"]

LEVEL_RANK: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}


class Strict(BaseModel):
    """Base for every rulebook model: unknown keys are errors, and models are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    dict: "a mapping",
    type(None): "nothing",
}


def _as_tuple(value: Any) -> Any:
    """Accept one value or a list of values, and keep them as a tuple."""
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if isinstance(value, str):
        return (value,)
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    raise ValueError(f"expected one value or a list of values, got {got}")


def one_or_many(item: Any) -> Any:
    """A field written as one value or a list of them; always held as a non-empty tuple."""
    return Annotated[
        tuple[item, ...],
        Field(min_length=1),
        BeforeValidator(_as_tuple, json_schema_input_type=item | list[item]),
    ]


# ------------------------------------------------------------------------------------------------------------
# Conditions
# ------------------------------------------------------------------------------------------------------------

OneOrMany = one_or_many(Id)


class AnswerTest(RootModel[dict[str, OneOrMany]]):
    """``question: option`` or ``question: [options]``: holds when the answer includes any of the options."""

    root: Annotated[dict[str, OneOrMany], Field(min_length=1, max_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _one_question(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) > 1:
            keys = ", ".join(str(k) for k in data)
            raise ValueError(
                f"a test names one question, but this one names {len(data)} ({keys}); "
                "to require several, list them under 'all:'"
            )
        return data

    @property
    def question(self) -> str:
        return next(iter(self.root))

    @property
    def options(self) -> tuple[str, ...]:
        return self.root[self.question]


class ProcedureFilter(Strict):
    """Properties a procedure must all have; each may be one value or a list of accepted values."""

    id: one_or_many(Id) | None = None
    surgical: bool | None = None
    purpose: one_or_many(Purpose) | None = None
    permanence: one_or_many(Permanence) | None = None
    downtime: one_or_many(Downtime) | None = None
    scarring: one_or_many(Scarring) | None = None

    def matches(self, procedure: Procedure) -> bool:
        return (
            (self.id is None or procedure.id in self.id)
            and (self.surgical is None or procedure.surgical == self.surgical)
            and (self.purpose is None or procedure.purpose in self.purpose)
            and (self.permanence is None or procedure.permanence in self.permanence)
            and (self.downtime is None or procedure.downtime in self.downtime)
            and (self.scarring is None or procedure.scarring in self.scarring)
        )


class AllOf(Strict):
    all: Annotated[list[Condition], Field(min_length=1)]


class AnyOf(Strict):
    any: Annotated[list[Condition], Field(min_length=1)]


class Not(Strict):
    not_: Condition = Field(alias="not")


class Always(Strict):
    always: Literal[True]


class Suggested(Strict):
    suggested: ProcedureFilter


class LeftOut(Strict):
    left_out: ProcedureFilter = Field(alias="left-out")


class NothingSuggested(Strict):
    nothing_suggested: Literal[True] = Field(alias="nothing-suggested")


_TAG_KEYS = ("all", "any", "not", "always", "suggested", "left-out", "nothing-suggested")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in _TAG_KEYS:
            if key in value:
                return key
        return "answer"
    if isinstance(value, BaseModel):
        return _MODEL_TAGS.get(type(value))
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Always, Tag("always")]
    | Annotated[Suggested, Tag("suggested")]
    | Annotated[LeftOut, Tag("left-out")]
    | Annotated[NothingSuggested, Tag("nothing-suggested")]
    | Annotated[AnswerTest, Tag("answer")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition must be a mapping, such as 'goal: appearance' or 'all: [...]'",
    ),
]

_MODEL_TAGS: dict[type, str] = {
    AllOf: "all",
    AnyOf: "any",
    Not: "not",
    Always: "always",
    Suggested: "suggested",
    LeftOut: "left-out",
    NothingSuggested: "nothing-suggested",
    AnswerTest: "answer",
}

for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()


# ------------------------------------------------------------------------------------------------------------
# Sections
# ------------------------------------------------------------------------------------------------------------


class Source(Strict):
    """Public guidance a fact comes from, and the day somebody checked it still says so."""

    name: Text
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
    checked: _dt.date


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


class OptionDetail(Strict):
    """What every option shows alike, so that each (doing nothing included) is described in equal detail."""

    benefits: Annotated[list[Text], Field(min_length=1)]
    downsides: Annotated[list[Text], Field(min_length=1)]
    upkeep: Text
    day_to_day: Text
    downtime: Downtime
    scarring: Scarring


class Procedure(OptionDetail):
    id: Id
    name: Text
    summary: Text
    surgical: bool
    purpose: Purpose
    permanence: Permanence
    lasts: Text
    recovery: Text
    risks: Annotated[list[Text], Field(min_length=1)]
    practitioner: Text
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


SECTIONS = ("questions", "procedures", "cautions", "rules", "exclusions")
SINGLE_SECTIONS = ("rulebook", "no_procedure", "values", "consultation_questions")
