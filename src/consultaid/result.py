"""The engine's result: what every front end renders (results screen, summaries, ``suggest --format json``).

Its JSON form is fixed by the rule contract, so scripts written against one version keep working.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    # The engine builds results from the checked rulebook with model_construct (there is nothing to validate)
    # and to_json writes them without pydantic's serializer, so a command that prints a result builds no
    # pydantic validator or serializer: building the first one costs a fresh process about a tenth of its
    # time (pydantic looks for plugins among every installed package). tests/test_engine.py checks results
    # against pydantic's own validation and JSON.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Reason(_Frozen):
    """Why an item is in the result: the rule that put it there, and that rule's words to the person."""

    rule: str
    because: str


class RulebookRef(_Frozen):
    id: str
    version: str


class Suggestion(_Frozen):
    id: str
    name: str
    surgical: bool
    purpose: Literal["cosmetic", "reconstructive", "either"]
    permanence: Literal["permanent", "long-lasting", "temporary"]
    reasons: tuple[Reason, ...]


class CautionPoint(_Frozen):
    id: str
    level: Literal["info", "warning", "critical"]
    title: str
    text: str
    reasons: tuple[Reason, ...]


class LeftOut(_Frozen):
    id: str
    because: str


class Result(_Frozen):
    """Suggestions worth discussing, caution points (critical first), what was left out and why."""

    rulebook: RulebookRef
    suggestions: tuple[Suggestion, ...]
    cautions: tuple[CautionPoint, ...]
    left_out: tuple[LeftOut, ...]
    referral: bool
    not_answered: tuple[str, ...] = ()
    """Ids of questions that were asked but not answered (optional questions, or questions added since the
    answers were written): the result is made without them, and says so."""

    def to_json(self, *, indent: int | None = 2) -> str:
        """The result in the contract's JSON form: what ``model_dump_json(indent=indent)`` gives."""
        import json

        separators = (",", ": ") if indent is not None else (",", ":")
        return json.dumps(_plain(self), indent=indent, ensure_ascii=False, separators=separators)

    def caution(self, caution_id: str) -> CautionPoint | None:
        return next((c for c in self.cautions if c.id == caution_id), None)

    @property
    def suggestion_ids(self) -> list[str]:
        return [s.id for s in self.suggestions]

    @property
    def caution_ids(self) -> list[str]:
        return [c.id for c in self.cautions]


def _plain(value: Any) -> Any:
    """A result (or any part of it) as JSON data: each model as its fields in declared order, tuples as
    lists; texts, numbers and true/false as they are."""
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value
