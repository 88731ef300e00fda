"""The one compiled form of a rulebook: built once at load from what the rulebook declares, read by the
engine (every evaluation) and by the authoring tools (``explain``, ``rules test``), so both judge a rule the
same way.

First-stage rules (on the answers alone) are found through an index from (question, option) atoms to the rules
they can trigger, then checked as bit masks of the answers; rules the index cannot bound are always checked.
Second-stage rules (on what was suggested) and exclusions are closures. Questions' and options' own conditions
are closures too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..result import Reason
from .conditions import (
    AnswerSets,
    AtomCheck,
    AtomMasks,
    Compiler,
    Outcome,
    Predicate,
    index_plan,
    looks_at_outcome,
)
from .model import Exclusion, Question, Rule


@dataclass(frozen=True)
class CompiledRule:
    """A second-stage rule: its closure, and its reason as results show it (built once, shared)."""

    rule: Rule
    predicate: Predicate
    reason: Reason


@dataclass(frozen=True)
class CompiledExclusion:
    exclusion: Exclusion
    predicate: Predicate


class CompiledRulebook:
    """What the engine runs. Built by :func:`compile_rulebook`; only read afterwards (safe to share)."""

    __slots__ = (
        "_checks",
        "_effects",
        "_first_rules",
        "_index",
        "_masks",
        "_options",
        "_places",
        "_questions",
        "_targets",
        "_unbounded",
        "exclusions",
        "second_stage",
    )

    def __init__(
        self,
        questions: Sequence[Question],
        procedures: Iterable[str],
        cautions: Iterable[str],
        rules: Sequence[Rule],
        exclusions: Sequence[Exclusion],
    ) -> None:
        compile_condition = Compiler().condition  # one for the whole rulebook: equal tests share a closure
        self._questions: Mapping[str, Predicate] = MappingProxyType(
            {q.id: compile_condition(q.when) for q in questions if q.when}
        )
        self._options: Mapping[tuple[str, str], Predicate] = MappingProxyType(
            {
                (q.id, o.id): compile_condition(o.when)
                for q in questions
                for o in q.options
                if o.when is not None
            }
        )
        # How often a test of k options holds, roughly: what the index uses to pick, among the parts of an
        # 'all', the part whose answers are rarest (a test of one concern among 24 rather than of one goal
        # among 4).
        shares = {q.id: (1.0 if q.kind == "single" else 2.0) / len(q.options) for q in questions}

        def likelihood(question: str, k: int) -> float:
            return min(1.0, k * shares.get(question, 1.0))

        # Once the index has found a rule through one of its atoms, what is left to check: nothing (None) for
        # a test or 'any' of tests, the other parts of an 'all', the whole condition for rules it cannot find.
        masks = AtomMasks()
        first: list[Rule] = []
        second: list[CompiledRule] = []
        checks: list[AtomCheck | None] = []
        unbounded: list[int] = []
        index: dict[tuple[str, str], list[int]] = {}
        places: dict[str, tuple[bool, int]] = {}
        for rule in rules:
            if looks_at_outcome(rule.when):
                places[rule.id] = (False, len(second))
                second.append(CompiledRule(rule, compile_condition(rule.when), _reason(rule)))
                continue
            place = len(first)
            places[rule.id] = (True, place)
            first.append(rule)
            plan = index_plan(rule.when, likelihood)
            if plan is None:
                checks.append(masks.condition(rule.when))
                unbounded.append(place)
            else:
                atoms, rest = plan
                checks.append(
                    masks.condition(rule.when) if rest is None else masks.all_of(rest) if rest else None
                )
                for atom in atoms:
                    index.setdefault(atom, []).append(place)
        # The hot loop reads these flat tuples rather than following each rule's objects.
        targets = {
            t: i
            for i, t in enumerate(
                [*(("suggest", p) for p in procedures), *(("caution", c) for c in cautions)]
            )
        }
        effects = []
        for rule in first:
            wanted = [("suggest", p) for p in rule.suggest] + [("caution", x) for x in rule.caution]
            effects.append((_reason(rule), tuple(targets.setdefault(t, len(targets)) for t in wanted)))
        self._first_rules: tuple[Rule, ...] = tuple(first)
        self._masks = masks
        self._checks: tuple[AtomCheck | None, ...] = tuple(checks)
        self._unbounded: tuple[int, ...] = tuple(unbounded)
        self._index: Mapping[tuple[str, str], tuple[int, ...]] = {a: tuple(f) for a, f in index.items()}
        self._targets: tuple[tuple[str, str], ...] = tuple(targets)
        self._effects: tuple[tuple[Reason, tuple[int, ...]], ...] = tuple(effects)
        self._places: Mapping[str, tuple[bool, int]] = places
        self.second_stage: tuple[CompiledRule, ...] = tuple(second)
        self.exclusions: tuple[CompiledExclusion, ...] = tuple(
            CompiledExclusion(e, compile_condition(e.when)) for e in exclusions
        )

    # -- questions -------------------------------------------------------------------------------------------

    def is_asked(self, question_id: str, answers: AnswerSets) -> bool:
        predicate = self._questions.get(question_id)
        return predicate is None or predicate(answers, None)

    def option_offered(self, question_id: str, option_id: str, answers: AnswerSets) -> bool:
        predicate = self._options.get((question_id, option_id))
        return predicate is None or predicate(answers, None)

    # -- the first stage -------------------------------------------------------------------------------------

    def _candidates(self, answers: AnswerSets) -> list[int]:
        """Places of the first-stage rules that could fire for these answers, in rulebook order."""
        found = set(self._unbounded)
        index = self._index
        for question, options in answers.items():
            for option in options:
                places = index.get((question, option))
                if places is not None:
                    found.update(places)
        return sorted(found)

    def _fired(self, answers: AnswerSets) -> list[int]:
        """Places of the first-stage rules whose condition holds, in rulebook order."""
        found = self._masks.of_answers(answers)
        checks = self._checks
        return [i for i in self._candidates(answers) if (check := checks[i]) is None or check(found)]

    def candidate_rules(self, answers: AnswerSets) -> list[Rule]:
        """First-stage rules that could fire for these answers, in rulebook order (an index, not a scan)."""
        return [self._first_rules[i] for i in self._candidates(answers)]

    def fired_rules(self, answers: AnswerSets) -> list[Rule]:
        """First-stage rules whose condition holds for these answers, in rulebook order."""
        return [self._first_rules[i] for i in self._fired(answers)]

    def gather(self, answers: AnswerSets) -> tuple[dict[str, list[Reason]], dict[str, list[Reason]]]:
        """What the first-stage rules that hold for these answers do: procedure id -> the reasons suggesting
        it, and caution id -> the reasons raising it, each list in rulebook order."""
        slots: list[list[Reason]] = [[] for _ in self._targets]
        effects = self._effects
        for i in self._fired(answers):
            reason, targets = effects[i]
            for target in targets:
                slots[target].append(reason)
        suggested: dict[str, list[Reason]] = {}
        raised: dict[str, list[Reason]] = {}
        for (kind, item), reasons in zip(self._targets, slots, strict=True):
            if reasons:
                (suggested if kind == "suggest" else raised)[item] = reasons
        return suggested, raised

    # -- any rule --------------------------------------------------------------------------------------------

    def holding(self, answers: AnswerSets, outcome: Outcome | None) -> frozenset[str]:
        """The ids of the rules that hold, judged exactly as the engine judges them: first-stage rules by the
        index and masks, second-stage ones against ``outcome`` (without one, none of them holds)."""
        held = {self._first_rules[i].id for i in self._fired(answers)}
        if outcome is not None:
            held.update(c.rule.id for c in self.second_stage if c.predicate(answers, outcome))
        return frozenset(held)

    def is_first_stage(self, rule_id: str) -> bool:
        return self._places[rule_id][0]


def _reason(rule: Rule) -> Reason:
    return Reason.model_construct(rule=rule.id, because=rule.because)
