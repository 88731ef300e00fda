"""The building blocks of every rulebook model: strict models, ids, plain text, one-or-many fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Level = Literal["info", "warning", "critical"]
Purpose = Literal["cosmetic", "reconstructive", "either"]
Permanence = Literal["permanent", "long-lasting", "temporary"]
Downtime = Literal["none", "days", "weeks", "months"]
Scarring = Literal["none", "possible", "small", "visible"]
"""What scars an option leaves: none; none planned but scarring is a risk (a laser); small; visible."""
FitLevel = Literal["good", "depends", "poor"]

LEVEL_RANK: dict[str, int] = {"critical": 0, "warning": 1, "info": 2}


class Strict(BaseModel):
    """Base for every rulebook model: unknown keys are errors, and models are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


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


_T = TypeVar("_T")

if TYPE_CHECKING:
    OneOrMany = tuple[_T, ...]
    """``OneOrMany[Id]``: one value or a list of them in the YAML, a non-empty tuple once loaded."""
else:

    class OneOrMany:
        def __class_getitem__(cls, item: Any) -> Any:
            return one_or_many(item)
