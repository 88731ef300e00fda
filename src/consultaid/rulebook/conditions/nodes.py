"""The kinds of condition: strict pydantic models, one per kind, chosen by the key a mapping has.

``all``, ``any`` and ``not`` combine conditions; ``always`` holds; ``suggested``, ``left-out`` and
``nothing-suggested`` look at what the first stage settled; a mapping with any other single key is a test of
one question's answer (``goal: appearance``). :data:`Node` is the union of the kinds: every use of a
condition is one function with a ``match`` over it that ends in ``assert_never``, so the type checker names
each use that a new kind misses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from ..base import Downtime, Id, OneOrMany, Permanence, Purpose, Scarring, Strict

if TYPE_CHECKING:
    from ..model import Procedure

AnswerSets = Mapping[str, frozenset[str]]
"""Answers as the conditions read them: question id -> the option ids chosen."""


def _one_entry(schema: dict[str, Any]) -> None:
    """The JSON Schema of a test: an object of exactly one entry (question id: option ids)."""
    schema.pop("properties", None)
    schema.update(minProperties=1, maxProperties=1)


class AnswerTest(BaseModel):
    """``question: option`` or ``question: [options]``: holds when the answer includes any of the options."""

    # The question id is the mapping's one key, so a test is a model whose only data is its one extra entry,
    # validated as option ids (pydantic's typed __pydantic_extra__). Not a RootModel: merely importing
    # pydantic.RootModel builds a validator, and a command that gets the prebuilt default rulebook (see
    # rulebook/prebuilt.py) builds none at all.
    model_config = ConfigDict(extra="allow", defer_build=True, json_schema_extra=_one_entry)

    __pydantic_extra__: dict[str, OneOrMany[Id]] = Field(init=False)

    @model_validator(mode="before")
    @classmethod
    def _one_question(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data:
            raise PydanticCustomError("too_short", "a test names a question", {"min_length": 1})
        if isinstance(data, dict) and len(data) > 1:
            keys = ", ".join(str(k) for k in data)
            raise ValueError(
                f"a test names one question, but this one names {len(data)} ({keys}); "
                "to require several, list them under 'all:'"
            )
        return data

    @property
    def root(self) -> dict[str, tuple[str, ...]]:
        """The one entry: {question id: option ids}."""
        return self.__pydantic_extra__

    @property
    def question(self) -> str:
        return next(iter(self.root))

    @property
    def options(self) -> tuple[str, ...]:
        return self.root[self.question]


class ProcedureFilter(Strict):
    """Properties a procedure must all have; each may be one value or a list of accepted values."""

    id: OneOrMany[Id] | None = None
    group: OneOrMany[Id] | None = None
    surgical: bool | None = None
    purpose: OneOrMany[Purpose] | None = None
    permanence: OneOrMany[Permanence] | None = None
    downtime: OneOrMany[Downtime] | None = None
    scarring: OneOrMany[Scarring] | None = None

    def matches(self, procedure: Procedure) -> bool:
        return (
            (self.id is None or procedure.id in self.id)
            and (self.group is None or any(g in self.group for g in procedure.groups))
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


class WasSuggested(Strict):
    """``suggested: {filter}``: holds when a suggestion (after exclusions) matches the filter."""

    model_config = ConfigDict(title="Suggested")  # the name the published schema gives it

    suggested: ProcedureFilter


class WasLeftOut(Strict):
    """``left-out: {filter}``: holds when a procedure that an exclusion left out matches the filter."""

    model_config = ConfigDict(title="LeftOut")  # the name the published schema gives it

    left_out: ProcedureFilter = Field(alias="left-out")


class NothingSuggested(Strict):
    nothing_suggested: Literal[True] = Field(alias="nothing-suggested")


Node = AnswerTest | AllOf | AnyOf | Not | Always | WasSuggested | WasLeftOut | NothingSuggested
"""Every kind of condition: what a ``match`` over a condition must cover."""

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
    | Annotated[WasSuggested, Tag("suggested")]
    | Annotated[WasLeftOut, Tag("left-out")]
    | Annotated[NothingSuggested, Tag("nothing-suggested")]
    | Annotated[AnswerTest, Tag("answer")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition must be a mapping, such as 'goal: appearance' or 'all: [...]'",
    ),
]
"""A condition as a rulebook field declares it (parsed by which key the mapping has)."""

_MODEL_TAGS: dict[type, str] = {
    AllOf: "all",
    AnyOf: "any",
    Not: "not",
    Always: "always",
    WasSuggested: "suggested",
    WasLeftOut: "left-out",
    NothingSuggested: "nothing-suggested",
    AnswerTest: "answer",
}


@dataclass(frozen=True)
class Outcome:
    """What the first stage settled, for the conditions that look at it: the procedures suggested and the
    ones left out, in rulebook order."""

    suggested: tuple[Procedure, ...] = ()
    left_out: tuple[Procedure, ...] = ()
