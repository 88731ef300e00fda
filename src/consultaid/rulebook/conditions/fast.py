"""The engine's fast form of conditions: closures, bit-mask checks and the answer index, built once at load.

A compiled predicate takes the answers (question id -> frozenset of option ids) and, for rules that look at
the suggestions, the :class:`Outcome` of the first stage. Nothing is parsed at evaluation time. Each form here
is tested against the plain reading (:func:`consultaid.rulebook.conditions.holds`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from .structure import Atom

Predicate = Callable[[AnswerSets, "Outcome | None"], bool]
_EMPTY: frozenset[str] = frozenset()


def compile_condition(cond: Node) -> Predicate:
    """Turn a condition model into a closure; the tree is walked once, here, never during evaluation."""
    return Compiler().condition(cond)


class Compiler:
    """Compiles conditions into closures, specialised by shape, sharing one closure between equal tests.

    Evaluating a large rulebook is little else than calls to these closures, hence the specialised shapes (one
    option or several, two or three parts). A large rulebook also repeats a few hundred tests thousands of
    times: one closure for each distinct test means less to build at load and less memory to go through at
    evaluation. Use one compiler for a whole rulebook.
    """

    def __init__(self) -> None:
        self._tests: dict[tuple[str, tuple[str, ...]], Predicate] = {}

    def condition(self, cond: Node) -> Predicate:
        match cond:
            case AnswerTest():
                return self._test(cond.question, cond.options)
            case AllOf():
                return self.all_of(cond.all)
            case AnyOf():
                return self._any_of(cond.any)
            case Not():
                inner = self.condition(cond.not_)
                return lambda answers, outcome: not inner(answers, outcome)
            case Always():
                return lambda _answers, _outcome: True
            case WasSuggested():
                wanted = cond.suggested.matches
                return lambda _answers, outcome: (
                    outcome is not None and any(wanted(p) for p in outcome.suggested)
                )
            case WasLeftOut():
                gone = cond.left_out.matches
                return lambda _answers, outcome: (
                    outcome is not None and any(gone(p) for p in outcome.left_out)
                )
            case NothingSuggested():
                return lambda _answers, outcome: outcome is not None and not outcome.suggested
            case _:
                assert_never(cond)

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

    def all_of(self, conds: Sequence[Node]) -> Predicate:
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

    def _any_of(self, conds: Sequence[Node]) -> Predicate:
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


AtomCheck = Callable[[int], bool]


class AtomMasks:
    """Conditions on answers compiled to tests of one integer that has a bit for each (question, option) atom.

    The engine checks the index's shortlist this way: the answers become one integer per evaluation, and a
    part such as "goal is both and age is 18 or over" becomes ``answers & mask == mask``, one call doing
    integer arithmetic, where a :class:`Compiler` closure takes a call per part and a dictionary look-up per
    test. Equal checks share one closure. Bits are given out while compiling; afterwards the object is only
    read.
    """

    def __init__(self) -> None:
        self.bits: dict[tuple[str, str], int] = {}
        self._checks: dict[tuple[object, ...], AtomCheck] = {}

    def of_answers(self, answers: AnswerSets) -> int:
        """The answers as one integer (atoms no condition names have no bit and are left out)."""
        bits = self.bits
        found = 0
        for question, options in answers.items():
            for option in options:
                found |= bits.get((question, option), 0)
        return found

    def _mask(self, question: str, options: Sequence[str]) -> int:
        mask = 0
        for option in options:
            bit = self.bits.get((question, option))
            if bit is None:
                bit = self.bits[(question, option)] = 1 << len(self.bits)
            mask |= bit
        return mask

    def _some(self, cond: Node) -> int | None:
        """The mask of a test, or of ``any`` of tests: it holds when one of the bits is set. Else None."""
        match cond:
            case AnswerTest():
                return self._mask(cond.question, cond.options)
            case AnyOf():
                union = 0
                for part in cond.any:
                    mask = self._some(part)
                    if mask is None:
                        return None
                    union |= mask
                return union
            case AllOf() | Not() | Always() | WasSuggested() | WasLeftOut() | NothingSuggested():
                return None
            case _:
                assert_never(cond)

    def _shared(self, key: tuple[object, ...], make: Callable[[], AtomCheck]) -> AtomCheck:
        check = self._checks.get(key)
        if check is None:
            check = self._checks[key] = make()
        return check

    def condition(self, cond: Node) -> AtomCheck:
        some = self._some(cond)
        if some is not None:
            return self._shared(("some", some), lambda: lambda answers: answers & some != 0)
        match cond:
            case AllOf():
                return self.all_of(cond.all)
            case AnyOf():
                parts = tuple(self.condition(c) for c in cond.any)
                if len(parts) == 2:
                    first, second = parts
                    return lambda answers: first(answers) or second(answers)
                return lambda answers: any(p(answers) for p in parts)
            case Not():
                inner = self.condition(cond.not_)
                return lambda answers: not inner(answers)
            case Always():
                return lambda _answers: True
            case AnswerTest():  # pragma: no cover - a test always has a mask
                raise AssertionError("a test has a mask")
            case WasSuggested() | WasLeftOut() | NothingSuggested():
                raise TypeError(f"not a condition on answers alone: {cond!r}")
            case _:
                assert_never(cond)

    def all_of(self, conds: Sequence[Node]) -> AtomCheck:
        """Every one of the conditions holds, as at most one call: the answers must have every bit of one mask
        (single-option tests), no bit of another (``not`` of tests) and some bit of each of a few more."""
        every = none = 0
        some: list[int] = []
        others: list[AtomCheck] = []
        todo = list(conds)
        while todo:
            cond = todo.pop(0)
            if isinstance(cond, AllOf):
                todo[:0] = cond.all  # an 'all' inside an 'all' adds its parts
            elif isinstance(cond, AnswerTest) and len(cond.options) == 1:
                every |= self._mask(cond.question, cond.options)
            elif isinstance(cond, Not) and (mask := self._some(cond.not_)) is not None:
                none |= mask
            elif (mask := self._some(cond)) is not None:
                some.append(mask)
            elif isinstance(cond, Always):
                continue
            else:
                others.append(self.condition(cond))
        if others:
            masks, rest = tuple(some), tuple(others)
            return lambda answers: (
                answers & every == every
                and not answers & none
                and all(answers & m for m in masks)
                and all(p(answers) for p in rest)
            )
        key = ("all", every, none, *some)
        if not some:
            return self._shared(key, lambda: lambda answers: answers & every == every and not answers & none)
        if len(some) == 1:
            (one,) = some
            return self._shared(
                key,
                lambda: (
                    lambda answers: answers & every == every and not answers & none and answers & one != 0
                ),
            )
        if len(some) == 2:
            one, two = some
            return self._shared(
                key,
                lambda: (
                    lambda answers: (
                        answers & every == every
                        and not answers & none
                        and answers & one != 0
                        and answers & two != 0
                    )
                ),
            )
        masks = tuple(some)
        return self._shared(
            key,
            lambda: (
                lambda answers: (
                    answers & every == every and not answers & none and all(answers & m for m in masks)
                )
            ),
        )


Likelihood = Callable[[str, int], float]


def triggers(cond: Node, likelihood: Likelihood | None = None) -> frozenset[Atom] | None:
    """Answer atoms of which at least one must be present for the condition to hold, or None if unbounded.

    This is what lets evaluation skip rules that cannot fire: a rule is only tried when one of its trigger
    atoms is among the answers (rules with no bound, such as ``not`` or ``always``, are always tried). Of the
    parts of an ``all``, the one least likely to hold gives the atoms: ``likelihood(question, k)`` estimates
    how often a test of k options of that question holds (without it, the part with the fewest atoms is
    taken).
    """
    plan = index_plan(cond, likelihood)
    return None if plan is None else plan[0]


def index_plan(
    cond: Node, likelihood: Likelihood | None = None
) -> tuple[frozenset[Atom], tuple[Node, ...] | None] | None:
    """How to index a condition: (trigger atoms, what is left to check once one of them is among the answers).

    What is left is a tuple of conditions that must all hold as well (empty: the atom settles it, as for a
    test or
    ``any`` of tests), or None when the whole condition must be checked. None instead of a plan: unbounded.
    """
    found = _plan(cond, likelihood or (lambda _question, k: float(k)))
    return None if found is None else (found[0], found[2])


def _plan(
    cond: Node, likelihood: Likelihood
) -> tuple[frozenset[Atom], float, tuple[Node, ...] | None] | None:
    """(atoms, estimated likelihood of holding, what is left to check) or None if unbounded."""
    match cond:
        case AnswerTest():
            found = frozenset((cond.question, o) for o in cond.options)
            return found, likelihood(cond.question, len(cond.options)), ()
        case AllOf():
            plans = [(i, p) for i, p in enumerate(_plan(c, likelihood) for c in cond.all) if p is not None]
            if not plans:
                return None
            i, (found, odds, rest) = min(plans, key=lambda ip: (ip[1][1], len(ip[1][0]), ip[0]))
            if rest is None:
                return found, odds, None
            return found, odds, (*rest, *cond.all[:i], *cond.all[i + 1 :])
        case AnyOf():
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
        case Not() | Always() | WasSuggested() | WasLeftOut() | NothingSuggested():
            return None
        case _:
            assert_never(cond)
