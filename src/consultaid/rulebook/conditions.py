"""Conditions, compiled once at load into plain closures, and the facts about them that the loader needs.

A compiled predicate takes the answers (question id -> frozenset of option ids) and, for rules that look at the
suggestions, the :class:`Outcome` of the first stage. Nothing is parsed at evaluation time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

from .model import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    LeftOut,
    Not,
    NothingSuggested,
    Procedure,
    Suggested,
)

AnswerSets = Mapping[str, frozenset[str]]
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Outcome:
    """What the first stage settled: the procedures suggested and the ones left out, in rulebook order."""

    suggested: tuple[Procedure, ...] = ()
    left_out: tuple[Procedure, ...] = ()


Predicate = Callable[[AnswerSets, "Outcome | None"], bool]
_EMPTY: frozenset[str] = frozenset()


def compile_condition(cond: object) -> Predicate:
    """Turn a condition model into a closure; the tree is walked once, here, never during evaluation."""
    if isinstance(cond, AnswerTest):
        question, wanted = cond.question, frozenset(cond.options)
        return lambda answers, _outcome: not answers.get(question, _EMPTY).isdisjoint(wanted)
    if isinstance(cond, AllOf):
        parts = tuple(compile_condition(c) for c in cond.all)
        return lambda answers, outcome: all(p(answers, outcome) for p in parts)
    if isinstance(cond, AnyOf):
        parts = tuple(compile_condition(c) for c in cond.any)
        return lambda answers, outcome: any(p(answers, outcome) for p in parts)
    if isinstance(cond, Not):
        inner = compile_condition(cond.not_)
        return lambda answers, outcome: not inner(answers, outcome)
    if isinstance(cond, Always):
        return lambda _answers, _outcome: True
    if isinstance(cond, Suggested):
        match = cond.suggested.matches
        return lambda _answers, outcome: outcome is not None and any(match(p) for p in outcome.suggested)
    if isinstance(cond, LeftOut):
        match = cond.left_out.matches
        return lambda _answers, outcome: outcome is not None and any(match(p) for p in outcome.left_out)
    if isinstance(cond, NothingSuggested):
        return lambda _answers, outcome: outcome is not None and not outcome.suggested
    raise TypeError(f"not a condition: {cond!r}")  # pragma: no cover - the models admit nothing else


def walk(cond: object, path: Path = ()) -> Iterator[tuple[object, Path]]:
    """Every condition node with its path inside the YAML (as the loader needs it to point at a line)."""
    yield cond, path
    if isinstance(cond, AllOf):
        for i, child in enumerate(cond.all):
            yield from walk(child, path + ("all", i))
    elif isinstance(cond, AnyOf):
        for i, child in enumerate(cond.any):
            yield from walk(child, path + ("any", i))
    elif isinstance(cond, Not):
        yield from walk(cond.not_, path + ("not",))


def looks_at_outcome(cond: object) -> bool:
    """True when the condition depends on what was suggested, so it must run after the suggestions settle."""
    return any(isinstance(node, (Suggested, LeftOut, NothingSuggested)) for node, _ in walk(cond))


def triggers(cond: object) -> frozenset[tuple[str, str]] | None:
    """Answer atoms of which at least one must be present for the condition to hold, or None if unbounded.

    This is what lets evaluation skip rules that cannot fire: a rule is only tried when one of its trigger
    atoms is among the answers (rules with no bound, such as ``not`` or ``always``, are always tried).
    """
    if isinstance(cond, AnswerTest):
        return frozenset((cond.question, o) for o in cond.options)
    if isinstance(cond, AllOf):
        bounded = [t for t in (triggers(c) for c in cond.all) if t is not None]
        return min(bounded, key=len) if bounded else None
    if isinstance(cond, AnyOf):
        union: set[tuple[str, str]] = set()
        for child in cond.any:
            t = triggers(child)
            if t is None:
                return None
            union |= t
        return frozenset(union)
    return None
