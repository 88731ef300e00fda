"""The engine's result: what every front end renders (results screen, summaries, ``suggest --format json``).

Its JSON form is fixed by the rule contract, so scripts written against one version keep working.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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
        return self.model_dump_json(indent=indent)

    def caution(self, caution_id: str) -> CautionPoint | None:
        return next((c for c in self.cautions if c.id == caution_id), None)

    @property
    def suggestion_ids(self) -> list[str]:
        return [s.id for s in self.suggestions]

    @property
    def caution_ids(self) -> list[str]:
        return [c.id for c in self.cautions]
