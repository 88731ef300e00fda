"""What a person says once they have seen the options: their answers to the knowledge check, and which way
they are leaning. Both are optional, neither changes the results, and every summary records them.

Kept apart from :class:`consultaid.answers.Answers` on purpose: answers decide the results, these only record
how the person stands with them. Free of any user interface, like the wizard that holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .yamlfile import describe

if TYPE_CHECKING:
    from .result import Result
    from .rulebook.book import Rulebook
    from .rulebook.model import OptionDetail

WAITING = "no-procedure"
"""The leaning (and the knowledge-check key prefix) for waiting, or no procedure."""
NOT_SURE = "not-sure"
"""The leaning of someone who is not sure yet."""
KNOWLEDGE_ANSWERS = ("true", "false", "unsure")
"""What a person may answer to a statement: true, false, or not sure."""


def statement_key(option_id: str, index: int) -> str:
    """The key of an option's statement in saved sessions: 'facelift/1' for its first."""
    return f"{option_id}/{index + 1}"


def statements_of(rulebook: Rulebook, option_id: str) -> OptionDetail | None:
    """The procedure (or waiting) whose statements carry this option id."""
    if option_id == WAITING:
        return rulebook.no_procedure
    return rulebook.procedures.get(option_id)


@dataclass(frozen=True)
class Reflection:
    """The knowledge check's answers by statement key, and the leaning (an option id, WAITING or NOT_SURE)."""

    leaning: str | None = None
    knowledge: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "knowledge", MappingProxyType(dict(self.knowledge)))

    def __bool__(self) -> bool:
        return self.leaning is not None or bool(self.knowledge)

    def lean(self, leaning: str | None) -> Reflection:
        return replace(self, leaning=leaning)

    def know(self, key: str, answer: str) -> Reflection:
        if answer not in KNOWLEDGE_ANSWERS:
            raise ValueError(f"a statement is answered with one of {', '.join(KNOWLEDGE_ANSWERS)}")
        return replace(self, knowledge={**self.knowledge, key: answer})

    def settle(self, result: Result) -> tuple[Reflection, str | None]:
        """Clear a leaning towards an option that is no longer shown; return the option's id when it was."""
        if self.leaning in (None, WAITING, NOT_SURE) or self.leaning in {s.id for s in result.suggestions}:
            return self, None
        return replace(self, leaning=None), self.leaning

    def to_document(self) -> dict[str, Any]:
        return {"leaning": self.leaning, "knowledge": dict(self.knowledge)}

    @classmethod
    def from_document(cls, data: Any, rulebook: Rulebook) -> tuple[Reflection, list[str]]:
        """Read what a session saved; keep what still fits the rulebook and say why the rest was not kept."""
        reasons: list[str] = []
        if data is None:
            return cls(), reasons
        if not isinstance(data, dict):
            return cls(), ["the saved leaning and knowledge check are not a mapping; they were not kept"]
        leaning = data.get("leaning")
        if leaning is not None and (
            not isinstance(leaning, str)
            or (leaning not in (WAITING, NOT_SURE) and leaning not in rulebook.procedures)
        ):
            what = (
                f"the leaning '{leaning}' is"
                if isinstance(leaning, str)
                else f"the leaning is {describe(leaning)},"
            )
            reasons.append(f"{what} not an option of this rulebook; it was not kept")
            leaning = None
        kept: dict[str, str] = {}
        knowledge = data.get("knowledge") or {}
        if not isinstance(knowledge, dict):
            reasons.append("the saved knowledge check is not a mapping; it was not kept")
            knowledge = {}
        for key, answer in knowledge.items():
            option, _, number = str(key).rpartition("/")
            item = statements_of(rulebook, option)
            if item is None or not number.isdigit() or not 1 <= int(number) <= len(item.knowledge):
                reasons.append(f"'{key}': this knowledge-check statement is no longer in the rulebook")
            elif answer not in KNOWLEDGE_ANSWERS:
                reasons.append(f"'{key}': '{answer}' is not an answer (true, false or unsure)")
            else:
                kept[str(key)] = answer
        return cls(leaning, kept), reasons
