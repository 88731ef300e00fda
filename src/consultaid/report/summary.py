"""What every summary holds, gathered once: the answers, the result, the decision aid and the date."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..decision import DecisionAid, build_decision_aid
from ..words import LEVEL_WORDS, PURPOSE_WORDS  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from ..answers import Answers
    from ..result import Result
    from ..rulebook.book import Rulebook


@dataclass(frozen=True)
class Summary:
    rulebook: Rulebook
    answers: Answers
    result: Result
    aid: DecisionAid
    created: _dt.date
    counsellor: bool = False

    @classmethod
    def build(
        cls,
        rulebook: Rulebook,
        answers: Answers,
        *,
        created: _dt.date | None = None,
        counsellor: bool = False,
    ) -> Summary:
        from ..engine import evaluate

        result = evaluate(rulebook, answers)
        return cls(
            rulebook,
            answers,
            result,
            build_decision_aid(rulebook, answers, result),
            created or _dt.date.today(),
            counsellor,
        )

    def answered(self) -> list[tuple[str, str]]:
        """(question text, chosen labels) for every answered question, in rulebook order."""
        out = []
        for question in self.rulebook.questions:
            chosen = self.answers.get(question.id, ())
            if chosen:
                labels = {o.id: o.label for o in question.options}
                out.append((question.text, "; ".join(labels[c] for c in chosen)))
        return out

    def not_answered(self) -> list[str]:
        """The text of each question that was asked but not answered (the result was made without it)."""
        return [self.rulebook.question(qid).text for qid in self.result.not_answered]
