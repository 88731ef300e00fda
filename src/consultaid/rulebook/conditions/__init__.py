"""The condition language, in one place.

- :mod:`.nodes`: the kinds of condition (strict pydantic models, one per kind) and :data:`Node`, their union.
- :mod:`.reading`: :func:`holds`, the plain reading every other form is tested against.
- :mod:`.structure`: what a condition is made of (:func:`walk`, :func:`answer_tests`, :func:`atoms`,
  :func:`looks_at_outcome`).
- :mod:`.fast`: the engine's compiled forms (closures, bit masks, the answer index).
- :mod:`.words`: a condition in plain words, and why it does not hold.

Every use of a condition is one function with a ``match`` over :data:`Node` ending in ``assert_never``: a new
kind of condition is added to :mod:`.nodes`, and the type checker names every use that does not handle it.
"""

from .fast import (
    AtomCheck,
    AtomMasks,
    Compiler,
    Likelihood,
    Predicate,
    compile_condition,
    index_plan,
    triggers,
)
from .nodes import (
    AllOf,
    Always,
    AnswerSets,
    AnswerTest,
    AnyOf,
    Condition,
    Node,
    Not,
    NothingSuggested,
    Outcome,
    ProcedureFilter,
    WasLeftOut,
    WasSuggested,
)
from .reading import holds
from .structure import Atom, Place, answer_tests, atoms, looks_at_outcome, walk

__all__ = [
    "AllOf",
    "Always",
    "AnswerSets",
    "AnswerTest",
    "AnyOf",
    "Atom",
    "AtomCheck",
    "AtomMasks",
    "Compiler",
    "Condition",
    "Likelihood",
    "Node",
    "Not",
    "NothingSuggested",
    "Outcome",
    "Place",
    "Predicate",
    "ProcedureFilter",
    "WasLeftOut",
    "WasSuggested",
    "answer_tests",
    "atoms",
    "compile_condition",
    "holds",
    "index_plan",
    "looks_at_outcome",
    "triggers",
    "walk",
]
