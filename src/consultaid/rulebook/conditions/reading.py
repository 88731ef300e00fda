"""The plain reading of a condition: what it means, as docs/rulebook.md states it.

This is the reference that every faster or derived form (the engine's closures and bit masks, the index, the
solver's circuit, the words of ``explain``) is tested against. It is also what a front end may call for one
condition at a time; the engine uses the compiled form of a whole rulebook instead.
"""

from __future__ import annotations

from typing import assert_never

from .nodes import (
    AllOf,
    Always,
    AnswerSets,
    AnswerTest,
    AnyOf,
    Node,
    Not,
    NothingSuggested,
    Outcome,
    WasLeftOut,
    WasSuggested,
)

_NONE: frozenset[str] = frozenset()


def holds(cond: Node, answers: AnswerSets, outcome: Outcome | None = None) -> bool:
    """Whether the condition holds for these answers (and, for conditions on the suggestions, this outcome;
    without one, nothing has been settled yet and such a part does not hold)."""
    match cond:
        case AnswerTest():
            chosen = answers.get(cond.question, _NONE)
            return any(option in chosen for option in cond.options)
        case AllOf():
            return all(holds(part, answers, outcome) for part in cond.all)
        case AnyOf():
            return any(holds(part, answers, outcome) for part in cond.any)
        case Not():
            return not holds(cond.not_, answers, outcome)
        case Always():
            return True
        case WasSuggested():
            return outcome is not None and any(cond.suggested.matches(p) for p in outcome.suggested)
        case WasLeftOut():
            return outcome is not None and any(cond.left_out.matches(p) for p in outcome.left_out)
        case NothingSuggested():
            return outcome is not None and not outcome.suggested
        case _:
            assert_never(cond)
