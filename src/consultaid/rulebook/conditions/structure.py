"""What a condition is made of: its nodes with their places, the answer tests it names, whether it looks at
the suggestions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from .nodes import AllOf, Always, AnswerTest, AnyOf, Node, Not, NothingSuggested, WasLeftOut, WasSuggested

Place = tuple[str | int, ...]
"""Where a node sits inside its condition, as the YAML spells it: ``("all", 0, "not")``."""

Atom = tuple[str, str]
"""One (question, option) pair that a test names."""


def walk(cond: Node, place: Place = ()) -> Iterator[tuple[Node, Place]]:
    """Every node of the condition, itself first, with its place (so the loader can point at its line)."""
    yield cond, place
    match cond:
        case AllOf():
            for i, part in enumerate(cond.all):
                yield from walk(part, (*place, "all", i))
        case AnyOf():
            for i, part in enumerate(cond.any):
                yield from walk(part, (*place, "any", i))
        case Not():
            yield from walk(cond.not_, (*place, "not"))
        case AnswerTest() | Always() | WasSuggested() | WasLeftOut() | NothingSuggested():
            pass
        case _:
            assert_never(cond)


def answer_tests(cond: Node) -> Iterator[AnswerTest]:
    """The tests of answers inside the condition, in the order they are written."""
    for node, _ in walk(cond):
        if isinstance(node, AnswerTest):
            yield node


def atoms(cond: Node) -> frozenset[Atom]:
    """Every (question, option) the condition names: whether it holds depends on these answers alone (and,
    for conditions on the suggestions, on the outcome)."""
    return frozenset((test.question, option) for test in answer_tests(cond) for option in test.options)


def looks_at_outcome(cond: Node) -> bool:
    """True when the condition depends on what was suggested, so it must run after the suggestions settle."""
    match cond:
        case AnswerTest() | Always():
            return False
        case WasSuggested() | WasLeftOut() | NothingSuggested():
            return True
        case AllOf():
            return any(looks_at_outcome(part) for part in cond.all)
        case AnyOf():
            return any(looks_at_outcome(part) for part in cond.any)
        case Not():
            return looks_at_outcome(cond.not_)
        case _:
            assert_never(cond)
