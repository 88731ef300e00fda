"""Conditions, compiled once at load into plain closures, and the facts about them that the loader needs.

A compiled predicate takes the answers (question id -> frozenset of option ids) and, for rules that look at the
suggestions, the :class:`Outcome` of the first stage. Nothing is parsed at evaluation time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Sequence

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
    return Compiler().condition(cond)


def compile_all(conds: Sequence[object]) -> Predicate:
    """A closure for "every one of these conditions holds" (true for none)."""
    return Compiler().all_of(conds)


class Compiler:
    """Compiles conditions into closures, specialised by shape, sharing one closure between equal tests.

    Evaluating a large rulebook is little else than calls to these closures, hence the specialised shapes (one
    option or several, two or three parts). A large rulebook also repeats a few hundred tests thousands of times:
    one closure for each distinct test means less to build at load and less memory to go through at evaluation.
    Use one compiler for a whole rulebook.
    """

    def __init__(self) -> None:
        self._tests: dict[tuple[str, tuple[str, ...]], Predicate] = {}

    def condition(self, cond: object) -> Predicate:
        if isinstance(cond, AnswerTest):
            return self._test(cond.question, cond.options)
        if isinstance(cond, AllOf):
            return self.all_of(cond.all)
        if isinstance(cond, AnyOf):
            return self._any_of(cond.any)
        if isinstance(cond, Not):
            inner = self.condition(cond.not_)
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

    def _test(self, question: str, options: tuple[str, ...]) -> Predicate:
        key = (question, tuple(options))
        found = self._tests.get(key)
        if found is None:
            if len(options) == 1:
                option = options[0]
                found = lambda answers, _outcome: option in answers.get(question, _EMPTY)  # noqa: E731
            else:
                wanted = frozenset(options)
                found = lambda answers, _outcome: not wanted.isdisjoint(answers.get(question, _EMPTY))  # noqa: E731
            self._tests[key] = found
        return found

    def all_of(self, conds: Sequence[object]) -> Predicate:
        parts = tuple(self.condition(c) for c in conds)
        if not parts:
            return lambda _answers, _outcome: True
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            first, second = parts
            return lambda answers, outcome: first(answers, outcome) and second(answers, outcome)
        if len(parts) == 3:
            first, second, third = parts
            return lambda answers, outcome: (
                first(answers, outcome) and second(answers, outcome) and third(answers, outcome)
            )
        return lambda answers, outcome: all(p(answers, outcome) for p in parts)

    def _any_of(self, conds: Sequence[object]) -> Predicate:
        parts = tuple(self.condition(c) for c in conds)
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            first, second = parts
            return lambda answers, outcome: first(answers, outcome) or second(answers, outcome)
        if len(parts) == 3:
            first, second, third = parts
            return lambda answers, outcome: (
                first(answers, outcome) or second(answers, outcome) or third(answers, outcome)
            )
        return lambda answers, outcome: any(p(answers, outcome) for p in parts)


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
    if isinstance(cond, AnswerTest):
        return False
    if isinstance(cond, (Suggested, LeftOut, NothingSuggested)):
        return True
    if isinstance(cond, AllOf):
        return any(looks_at_outcome(c) for c in cond.all)
    if isinstance(cond, AnyOf):
        return any(looks_at_outcome(c) for c in cond.any)
    if isinstance(cond, Not):
        return looks_at_outcome(cond.not_)
    return False


Atom = tuple[str, str]
Likelihood = Callable[[str, int], float]


def triggers(cond: object, likelihood: Likelihood | None = None) -> frozenset[Atom] | None:
    """Answer atoms of which at least one must be present for the condition to hold, or None if unbounded.

    This is what lets evaluation skip rules that cannot fire: a rule is only tried when one of its trigger
    atoms is among the answers (rules with no bound, such as ``not`` or ``always``, are always tried). Of the
    parts of an ``all``, the one least likely to hold gives the atoms: ``likelihood(question, k)`` estimates how
    often a test of k options of that question holds (without it, the part with the fewest atoms is taken).
    """
    plan = index_plan(cond, likelihood)
    return None if plan is None else plan[0]


def index_plan(
    cond: object, likelihood: Likelihood | None = None
) -> tuple[frozenset[Atom], tuple[object, ...] | None] | None:
    """How to index a condition: (trigger atoms, what is left to check once one of them is among the answers).

    What is left is a tuple of conditions that must all hold as well (empty: the atom settles it, as for a test or
    ``any`` of tests), or None when the whole condition must be checked. None instead of a plan: unbounded.
    """
    found = _plan(cond, likelihood or (lambda _question, k: float(k)))
    return None if found is None else (found[0], found[2])


def _plan(
    cond: object, likelihood: Likelihood
) -> tuple[frozenset[Atom], float, tuple[object, ...] | None] | None:
    """(atoms, estimated likelihood of holding, what is left to check) or None if unbounded."""
    if isinstance(cond, AnswerTest):
        atoms = frozenset((cond.question, o) for o in cond.options)
        return atoms, likelihood(cond.question, len(cond.options)), ()
    if isinstance(cond, AllOf):
        plans = [(i, p) for i, p in enumerate(_plan(c, likelihood) for c in cond.all) if p is not None]
        if not plans:
            return None
        i, (atoms, odds, rest) = min(plans, key=lambda ip: (ip[1][1], len(ip[1][0]), ip[0]))
        if rest is None:
            return atoms, odds, None
        return atoms, odds, (*rest, *cond.all[:i], *cond.all[i + 1:])
    if isinstance(cond, AnyOf):
        union: set[Atom] = set()
        total = 0.0
        settled = True
        for child in cond.any:
            p = _plan(child, likelihood)
            if p is None:
                return None
            union |= p[0]
            total += p[1]
            settled = settled and p[2] == ()
        return frozenset(union), total, () if settled else None
    return None
