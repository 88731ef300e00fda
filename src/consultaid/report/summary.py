"""What every summary holds, gathered once: the answers, the result, the results view and the date."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..view import ResultsView, build_view
from ..words import LEVEL_WORDS, PURPOSE_WORDS  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from ..answers import Answers
    from ..reflection import Reflection
    from ..result import Result
    from ..rulebook.book import Rulebook


@dataclass(frozen=True)
class Summary:
    rulebook: Rulebook
    answers: Answers
    result: Result
    view: ResultsView
    created: _dt.date
    counsellor: bool = False
    reflection: Reflection | None = None
    """The knowledge check's answers and the leaning, when the person gave them (the view shows them)."""

    @classmethod
    def build(
        cls,
        rulebook: Rulebook,
        answers: Answers,
        *,
        created: _dt.date | None = None,
        counsellor: bool = False,
        reflection: Reflection | None = None,
    ) -> Summary:
        from ..engine import evaluate

        result = evaluate(rulebook, answers)
        return cls(
            rulebook,
            answers,
            result,
            build_view(rulebook, answers, result, reflection),
            created or _dt.date.today(),
            counsellor,
            reflection,
        )
