"""Why a rule fired or did not, in plain words: ``consultaid explain`` and the rule coverage of ``rules
test``.

The engine only reports what fired (each suggestion and caution names its rules). An author also asks "why did
this rule *not* fire?", and the answer is the part of its condition that failed, said against the answers
given: "needs concern to include nose-shape; you answered: chin-weak". Rules are judged with the same compiled
conditions the engine uses, and rules that look at the suggestions are judged against the engine's result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..answers import Answers
from ..engine import evaluate
from ..result import Result
from ..rulebook.book import Rulebook
from ..rulebook.conditions import Outcome, compile_condition, looks_at_outcome
from ..rulebook.model import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    LeftOut,
    Not,
    NothingSuggested,
    ProcedureFilter,
    Rule,
    Suggested,
)


@dataclass(frozen=True)
class RuleTrace:
    """One rule judged against one person's answers."""

    rule: Rule
    fired: bool
    why_not: tuple[str, ...] = ()
    """When it did not fire: each failed part of its condition, in plain words."""
    left_out: Mapping[str, str] = field(default_factory=dict)
    """When it fired: procedures it suggests that an exclusion left out, with the exclusion's reason."""


def outcome_of(rulebook: Rulebook, result: Result) -> Outcome:
    """The first stage's outcome, rebuilt from a result, for judging rules that look at the suggestions."""
    return Outcome(
        suggested=tuple(rulebook.procedures[s.id] for s in result.suggestions),
        left_out=tuple(rulebook.procedures[x.id] for x in result.left_out),
    )


def trace(rulebook: Rulebook, answers: Answers, result: Result | None = None) -> list[RuleTrace]:
    """Every rule, in rulebook order, with whether it fired for these answers and, if not, why not."""
    if result is None:
        result = evaluate(rulebook, answers)
    facts = answers.sets
    outcome = outcome_of(rulebook, result)
    left = {x.id: x.because for x in result.left_out}
    out = []
    for rule in rulebook.rules:
        seen = outcome if looks_at_outcome(rule.when) else None
        if compile_condition(rule.when)(facts, seen):
            out.append(RuleTrace(rule, True, left_out={p: left[p] for p in rule.suggest if p in left}))
        else:
            out.append(RuleTrace(rule, False, tuple(_why_not(rule.when, rulebook, facts, outcome))))
    return out


# ------------------------------------------------------------------------------------------------------------
# conditions in words
# ------------------------------------------------------------------------------------------------------------


def _either(options: tuple[str, ...] | list[str]) -> str:
    options = list(options)
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


def _test(rulebook: Rulebook, test: AnswerTest, *, negated: bool = False) -> str:
    qid = test.question
    single = rulebook.has_question(qid) and rulebook.question(qid).kind == "single"
    verb = (
        ("not to be " if negated else "to be ")
        if single
        else ("not to include " if negated else "to include ")
    )
    return f"{qid} {verb}{_either(test.options)}"


def _answered(rulebook: Rulebook, qid: str, facts: Mapping[str, frozenset[str]]) -> str:
    if qid in facts:
        question = rulebook.question(qid)
        chosen = [o.id for o in question.options if o.id in facts[qid]]
        return f"you answered: {', '.join(chosen)}"
    if not rulebook.is_asked(qid, facts):
        return f"'{qid}' was not asked"
    return f"you did not answer '{qid}'"


def _filter(flt: ProcedureFilter) -> str:
    parts = []
    if flt.id is not None:
        parts.append(_either(flt.id))
    if flt.surgical is not None:
        parts.append("surgical" if flt.surgical else "not surgical")
    if flt.purpose is not None:
        parts.append(f"{_either(flt.purpose)} in purpose")
    if flt.permanence is not None:
        parts.append(_either(flt.permanence))
    return " and ".join(parts) if parts else "any procedure"


def _wanted(flt: ProcedureFilter, done: str, thing: str) -> str:
    """ "rhinoplasty to be suggested", "something to be left out", "a suggestion that is surgical"."""
    if flt == ProcedureFilter():
        return f"something to be {done}"
    if flt.id is not None and flt == ProcedureFilter(id=flt.id):
        return f"{_either(flt.id)} to be {done}"
    return f"{thing} that is {_filter(flt)}"


def _procedures(items: tuple[object, ...]) -> str:
    return ", ".join(p.id for p in items) if items else "nothing"  # type: ignore[attr-defined]


def say(cond: object, rulebook: Rulebook) -> str:
    """A condition read aloud, such as "goal to be appearance or both"."""
    if isinstance(cond, AnswerTest):
        return _test(rulebook, cond)
    if isinstance(cond, AllOf):
        return "all of (" + "; ".join(say(c, rulebook) for c in cond.all) + ")"
    if isinstance(cond, AnyOf):
        return "any of (" + "; ".join(say(c, rulebook) for c in cond.any) + ")"
    if isinstance(cond, Not):
        if isinstance(cond.not_, AnswerTest):
            return _test(rulebook, cond.not_, negated=True)
        return "not (" + say(cond.not_, rulebook) + ")"
    if isinstance(cond, Always):
        return "always"
    if isinstance(cond, Suggested):
        return _wanted(cond.suggested, "suggested", "a suggestion")
    if isinstance(cond, LeftOut):
        return _wanted(cond.left_out, "left out", "a left-out procedure")
    if isinstance(cond, NothingSuggested):
        return "nothing to be suggested"
    return str(cond)  # pragma: no cover


def _holds(cond: object, facts: Mapping[str, frozenset[str]], outcome: Outcome) -> bool:
    return compile_condition(cond)(facts, outcome)


def _why_not(
    cond: object, rulebook: Rulebook, facts: Mapping[str, frozenset[str]], outcome: Outcome
) -> list[str]:
    """The failed parts of a condition that does not hold, each as "needs ...; you answered: ..."."""
    if isinstance(cond, AnswerTest):
        return [f"needs {_test(rulebook, cond)}; {_answered(rulebook, cond.question, facts)}"]
    if isinstance(cond, AllOf):
        out: list[str] = []
        for part in cond.all:
            if not _holds(part, facts, outcome):
                out.extend(_why_not(part, rulebook, facts, outcome))
        return out
    if isinstance(cond, AnyOf):
        reasons = [r for part in cond.any for r in _why_not(part, rulebook, facts, outcome)]
        return ["needs at least one of these, and none holds: " + " | ".join(reasons)]
    if isinstance(cond, Not):
        inner = cond.not_
        if isinstance(inner, AnswerTest):
            return [
                f"needs {_test(rulebook, inner, negated=True)}; {_answered(rulebook, inner.question, facts)}"
            ]
        if isinstance(inner, NothingSuggested):
            return ["needs something to be suggested; nothing was"]
        return [f"needs this not to hold, but it does: {say(inner, rulebook)}"]
    if isinstance(cond, Suggested):
        return [
            f"needs {_wanted(cond.suggested, 'suggested', 'a suggestion')}; suggested: "
            f"{_procedures(outcome.suggested)}"
        ]
    if isinstance(cond, LeftOut):
        return [
            f"needs {_wanted(cond.left_out, 'left out', 'a left-out procedure')}; left out: "
            f"{_procedures(outcome.left_out)}"
        ]
    if isinstance(cond, NothingSuggested):
        return [f"needs nothing to be suggested; suggested: {_procedures(outcome.suggested)}"]
    return [f"needs {say(cond, rulebook)}"]  # pragma: no cover - 'always' always holds
