"""The loaded rulebook: checked, cross-referenced and compiled, ready for the engine and every front end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..yamlfile import Locator
from .compiled import CompiledRulebook
from .conditions import AnswerSets, Outcome
from .model import (
    Caution,
    Comparison,
    Exclusion,
    GlossaryEntry,
    NoProcedure,
    Option,
    Procedure,
    Question,
    Register,
    Rule,
    RulebookInfo,
    Values,
)

if TYPE_CHECKING:
    from .glossary import Glossary


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
    registers: Mapping[str, Register] = field(default_factory=dict)
    """The kinds of specialist to look for, by id, in the order declared."""
    who_to_look_for: str | None = None
    """What holds for every practitioner, said once above the registers."""
    comparison: Comparison | None = None
    """The rows of the side-by-side comparison of the options (None: the rulebook declares none)."""
    glossary: tuple[GlossaryEntry, ...] = ()
    """Words a reader may not know, each with its plain explanation, in the order declared."""
    hard_words: tuple[str, ...] = ()
    """Words the lint expects the glossary to explain wherever a text uses them."""
    origins: Mapping[tuple[str, ...], Origin] = field(default_factory=dict, repr=False)
    """Where each item was written, keyed ``(section, id)``, ``("options", question, option)`` or
    ``("rulebook",)``; used by the authoring tools (lint, scenario tests) to point at lines."""
    _questions_by_id: Mapping[str, Question] = field(init=False, repr=False)
    compiled: CompiledRulebook = field(init=False, repr=False)
    """The one compiled form of what is declared above: what the engine runs, and what ``explain`` asks."""

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "procedures", MappingProxyType(dict(self.procedures)))
        put(self, "cautions", MappingProxyType(dict(self.cautions)))
        put(self, "registers", MappingProxyType(dict(self.registers)))
        put(self, "_questions_by_id", MappingProxyType({q.id: q for q in self.questions}))
        put(
            self,
            "compiled",
            CompiledRulebook(self.questions, self.procedures, self.cautions, self.rules, self.exclusions),
        )

    @cached_property
    def words(self) -> Glossary:
        """The glossary, ready to find its words in any text (built on first use)."""
        from .glossary import Glossary

        return Glossary(self.glossary)

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
        return self.compiled.is_asked(question if isinstance(question, str) else question.id, answers)

    def option_offered(self, question_id: str, option_id: str, answers: AnswerSets) -> bool:
        return self.compiled.option_offered(question_id, option_id, answers)

    def offered_options(self, question: Question, answers: AnswerSets) -> list[Option]:
        """The options of a question that are offered given the other answers."""
        return [o for o in question.options if self.option_offered(question.id, o.id, answers)]

    # -- rules -----------------------------------------------------------------------------------------------

    def holding_rules(self, answers: AnswerSets, outcome: Outcome | None = None) -> frozenset[str]:
        """The ids of the rules whose condition holds, judged as the engine judges them (rules on the
        suggestions against ``outcome``; without one, they do not hold)."""
        return self.compiled.holding(answers, outcome)

    def __repr__(self) -> str:
        return (
            f"<Rulebook {self.info.id} {self.info.version}: {len(self.questions)} questions, "
            f"{len(self.procedures)} procedures, {len(self.cautions)} cautions, {len(self.rules)} rules>"
        )
