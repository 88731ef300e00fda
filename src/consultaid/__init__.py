"""ConsultAid: an offline decision aid for people considering cosmetic or plastic surgery.

The public API, for programs that call the engine::

    from consultaid import load_rulebook, load_answers, evaluate

    rulebook = load_rulebook()                      # the default rulebook, or load_rulebook("path/to/rules")
    answers = load_answers("answers.yaml", rulebook)
    result = evaluate(rulebook, answers)            # pure: no I/O, same answers give the same result
    print(result.to_json())

Names are imported lazily, so ``import consultaid`` stays cheap for the app's start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Answers",
    "AnswersError",
    "ConsultAidError",
    "Problem",
    "Result",
    "Rulebook",
    "RulebookError",
    "__version__",
    "evaluate",
    "load_answers",
    "load_rulebook",
]

_LAZY = {
    "Answers": "consultaid.answers",
    "load_answers": "consultaid.answers",
    "evaluate": "consultaid.engine",
    "Result": "consultaid.result",
    "Rulebook": "consultaid.rulebook.book",
    "load_rulebook": "consultaid.rulebook.load",
    "Problem": "consultaid.errors",
    "ConsultAidError": "consultaid.errors",
    "RulebookError": "consultaid.errors",
    "AnswersError": "consultaid.errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from .answers import Answers, load_answers
    from .engine import evaluate
    from .errors import AnswersError, ConsultAidError, Problem, RulebookError
    from .result import Result
    from .rulebook.book import Rulebook
    from .rulebook.load import load_rulebook


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'consultaid' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
