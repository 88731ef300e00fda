"""Why a rule fired or did not, in plain words: ``consultaid explain`` and the rule coverage of ``rules
test``.

The engine only reports what fired (each suggestion and caution names its rules). An author also asks "why did
this rule *not* fire?", and the answer is the part of its condition that failed, said against the answers
given: "needs concern to include nose-shape; you answered: chin-weak". Whether a rule holds is asked of
the rulebook's own compiled form, the one the engine runs (rules that look at the suggestions are judged
against the engine's result); the words come from :mod:`consultaid.rulebook.conditions.words`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..answers import Answers
from ..engine import evaluate
from ..result import Result
from ..rulebook.book import Rulebook
from ..rulebook.conditions import Outcome
from ..rulebook.conditions.words import why_not
from ..rulebook.model import Rule


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
    held = rulebook.holding_rules(facts, outcome)
    out = []
    for rule in rulebook.rules:
        if rule.id in held:
            out.append(RuleTrace(rule, True, left_out={p: left[p] for p in rule.suggest if p in left}))
        else:
            out.append(RuleTrace(rule, False, tuple(why_not(rule.when, rulebook, facts, outcome))))
    return out
