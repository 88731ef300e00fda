"""The loaded rulebook: checked, cross-referenced and compiled, ready for the engine and every front end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..result import Reason
from ..yamlfile import Locator
from .conditions import AnswerSets, AtomCheck, AtomMasks, Compiler, Predicate, index_plan, looks_at_outcome
from .model import Caution, Exclusion, NoProcedure, Option, Procedure, Question, Rule, RulebookInfo, Values


@dataclass(frozen=True, eq=False)
class Origin:
    """Where an item of the rulebook was written, so that a finding about it can name a line later.

    Keeping the file's :class:`Locator` (which holds the text and parses it for line numbers only on demand)
    means a loaded rulebook can point at its own lines without the slow round-trip parse on the happy path.
    """

    file: str
    path: tuple[str | int, ...]
    locator: Locator | None = None

    def locate(self, *sub: str | int, at_key: bool = False) -> tuple[str, int, int]:
        """(file, line, column) of this item, or of ``sub`` inside it; line and column are 0 when unknown."""
        if self.locator is None:
            return self.file, 0, 0
        line, column = self.locator.locate(self.path + sub, at_key=at_key)
        return self.file, line, column


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    position: int
    predicate: Predicate
    reason: Reason | None = None
    """The rule's reason as results show it, built once (results share it; it is immutable)."""


@dataclass(frozen=True)
class CompiledExclusion:
    exclusion: Exclusion
    predicate: Predicate


@dataclass(frozen=True, eq=False)
class Rulebook:
    """Everything a rulebook declares, plus what the engine needs to evaluate it quickly.

    Build one with :func:`consultaid.load_rulebook`; it is immutable and safe to share between threads.
    """

    info: RulebookInfo
    questions: tuple[Question, ...]
    procedures: Mapping[str, Procedure]
    cautions: Mapping[str, Caution]
    rules: tuple[Rule, ...]
    exclusions: tuple[Exclusion, ...] = ()
    files: tuple[str, ...] = ()
    digest: str = ""
    no_procedure: NoProcedure | None = None
    values: Values | None = None
    consultation_questions: tuple[str, ...] = ()
    origins: Mapping[tuple[str, ...], Origin] = field(default_factory=dict, repr=False)
    """Where each item was written, keyed ``(section, id)``, ``("options", question, option)`` or
    ``("rulebook",)``; used by the authoring tools (lint, scenario tests) to point at lines."""
    _questions_by_id: Mapping[str, Question] = field(init=False, repr=False)
    _question_predicates: Mapping[str, Predicate] = field(init=False, repr=False)
    _option_predicates: Mapping[tuple[str, str], Predicate] = field(init=False, repr=False)
    _first_stage: tuple[CompiledRule, ...] = field(init=False, repr=False)
    _unbounded: tuple[int, ...] = field(init=False, repr=False)  # places in _first_stage
    _index: Mapping[tuple[str, str], tuple[int, ...]] = field(init=False, repr=False)  # atom -> places
    _masks: AtomMasks = field(init=False, repr=False)
    _checks: tuple[AtomCheck | None, ...] = field(init=False, repr=False)  # what the index leaves to check
    _targets: tuple[tuple[str, str], ...] = field(
        init=False, repr=False
    )  # ("suggest", id) or ("caution", id)
    # by place: the rule's reason and the targets it adds it to
    _effects: tuple[tuple[Reason, tuple[int, ...]], ...] = field(init=False, repr=False)
    _second_stage: tuple[CompiledRule, ...] = field(init=False, repr=False)
    _exclusions: tuple[CompiledExclusion, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "procedures", MappingProxyType(dict(self.procedures)))
        put(self, "cautions", MappingProxyType(dict(self.cautions)))
        put(self, "_questions_by_id", MappingProxyType({q.id: q for q in self.questions}))
        compile_condition = Compiler().condition  # one for the whole rulebook: equal tests share a closure
        put(self, "_question_predicates", {q.id: compile_condition(q.when) for q in self.questions if q.when})
        put(
            self,
            "_option_predicates",
            {
                (q.id, o.id): compile_condition(o.when)
                for q in self.questions
                for o in q.options
                if o.when is not None
            },
        )
        first: list[CompiledRule] = []
        second: list[CompiledRule] = []
        unbounded: list[int] = []
        index: dict[tuple[str, str], list[int]] = {}
        # How often a test of k options holds, roughly: what the index uses to pick, among the parts of an
        # 'all', the part whose answers are rarest (a test of one concern among 24 rather than of one goal
        # among 4).
        shares = {q.id: (1.0 if q.kind == "single" else 2.0) / len(q.options) for q in self.questions}

        def likelihood(question: str, k: int) -> float:
            return min(1.0, k * shares.get(question, 1.0))

        # Once the index has found a rule through one of its atoms, what is left to check: nothing (None) for
        # a test or 'any' of tests, the other parts of an 'all', the whole condition for rules it cannot find.
        masks = AtomMasks()
        checks: list[AtomCheck | None] = []
        for position, rule in enumerate(self.rules):
            reason = Reason(rule=rule.id, because=rule.because)
            if looks_at_outcome(rule.when):
                second.append(CompiledRule(rule, position, compile_condition(rule.when), reason))
                continue
            first.append(CompiledRule(rule, position, compile_condition(rule.when), reason))
            plan = index_plan(rule.when, likelihood)
            if plan is None:
                checks.append(masks.condition(rule.when))
                unbounded.append(len(first) - 1)
            else:
                atoms, rest = plan
                checks.append(
                    masks.condition(rule.when) if rest is None else masks.all_of(rest) if rest else None
                )
                for atom in atoms:
                    index.setdefault(atom, []).append(len(first) - 1)
        put(self, "_first_stage", tuple(first))
        # The engine's hot loop reads these flat tuples rather than following each rule's objects.
        put(self, "_masks", masks)
        put(self, "_checks", tuple(checks))
        targets = {
            t: i
            for i, t in enumerate(
                [*(("suggest", p) for p in self.procedures), *(("caution", c) for c in self.cautions)]
            )
        }
        effects = []
        for c in first:
            wanted = [("suggest", p) for p in c.rule.suggest] + [("caution", x) for x in c.rule.caution]
            effects.append((c.reason, tuple(targets.setdefault(t, len(targets)) for t in wanted)))
        put(self, "_targets", tuple(targets))
        put(self, "_effects", tuple(effects))
        put(self, "_second_stage", tuple(second))
        put(self, "_unbounded", tuple(unbounded))
        put(self, "_index", {atom: tuple(found) for atom, found in index.items()})
        put(
            self,
            "_exclusions",
            tuple(CompiledExclusion(e, compile_condition(e.when)) for e in self.exclusions),
        )

    # -- questions -------------------------------------------------------------------------------------------

    def origin(self, *key: str) -> Origin:
        """Where the item with this key was written (an unplaced origin for items built in code)."""
        return self.origins.get(tuple(key)) or Origin(self.files[0] if self.files else "", ())

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    @property
    def intake_questions(self) -> tuple[Question, ...]:
        """The questions of the wizard's flow."""
        return tuple(q for q in self.questions if q.stage == "intake")

    @property
    def readiness_questions(self) -> tuple[Question, ...]:
        """The questions asked once the person has seen the options (are they ready to decide?)."""
        return tuple(q for q in self.questions if q.stage == "readiness")

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions_by_id

    def is_asked(self, question: Question | str, answers: AnswerSets) -> bool:
        """Whether the question's own condition holds for these answers (questions without one always do)."""
        qid = question if isinstance(question, str) else question.id
        predicate = self._question_predicates.get(qid)
        return predicate is None or predicate(answers, None)

    def option_offered(self, question_id: str, option_id: str, answers: AnswerSets) -> bool:
        predicate = self._option_predicates.get((question_id, option_id))
        return predicate is None or predicate(answers, None)

    def offered_options(self, question: Question, answers: AnswerSets) -> list[Option]:
        """The options of a question that are offered given the other answers."""
        return [o for o in question.options if self.option_offered(question.id, o.id, answers)]

    # -- what the engine uses --------------------------------------------------------------------------------

    def _candidates(self, answers: AnswerSets) -> list[int]:
        """Places in ``_first_stage`` of the rules that could fire for these answers, in rulebook order."""
        found = set(self._unbounded)
        index = self._index
        for question, options in answers.items():
            for option in options:
                places = index.get((question, option))
                if places is not None:
                    found.update(places)
        return sorted(found)

    def candidate_rules(self, answers: AnswerSets) -> list[CompiledRule]:
        """First-stage rules that could fire for these answers, in rulebook order (an index, not a scan)."""
        first = self._first_stage
        return [first[i] for i in self._candidates(answers)]

    def _fired(self, answers: AnswerSets) -> list[int]:
        """Places in ``_first_stage`` of the rules whose condition holds, in rulebook order."""
        found = self._masks.of_answers(answers)
        checks = self._checks
        return [i for i in self._candidates(answers) if (check := checks[i]) is None or check(found)]

    def fired_rules(self, answers: AnswerSets) -> list[CompiledRule]:
        """First-stage rules whose condition holds for these answers, in rulebook order."""
        first = self._first_stage
        return [first[i] for i in self._fired(answers)]

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

    @property
    def second_stage_rules(self) -> tuple[CompiledRule, ...]:
        return self._second_stage

    @property
    def compiled_exclusions(self) -> tuple[CompiledExclusion, ...]:
        return self._exclusions

    def __repr__(self) -> str:
        return (
            f"<Rulebook {self.info.id} {self.info.version}: {len(self.questions)} questions, "
            f"{len(self.procedures)} procedures, {len(self.cautions)} cautions, {len(self.rules)} rules>"
        )
