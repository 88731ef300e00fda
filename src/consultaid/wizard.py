"""The wizard's state, for every front end: which questions are asked, where the person is, and what
changing an answer drops.

Free of any user interface (the terminal app, the plain line-by-line mode and the web wizard all drive it), so
that the rules of moving through the questions can be read and tested on their own. Everything it knows about
questions comes from the rulebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .answers import Answers
from .errors import AnswersError
from .reflection import Reflection

if TYPE_CHECKING:
    from .rulebook.book import Rulebook
    from .rulebook.model import Option, Question


class AnswerRefused(ValueError):
    """An answer the question does not take (not asked, an option it does not offer, two for a single
    choice); the wizard's answers are left as they were."""

    def __init__(self, question_id: str, reasons: list[str]) -> None:
        super().__init__(f"answer to '{question_id}' refused: " + "; ".join(reasons))
        self.question_id = question_id
        self.reasons = reasons


@dataclass(frozen=True)
class Dropped:
    """What changing an answer took away from a later answer: some of its options, or all of it."""

    question: Question
    options: tuple[Option, ...]
    """The options taken off the answer, in the rulebook's order."""
    kept: tuple[Option, ...]
    """The options of the answer that still fit (none: the answer was cleared)."""
    still_asked: bool
    """False when the question itself is no longer asked."""

    def words(self) -> str:
        labels = ", ".join(f"“{o.label}”" for o in self.options)
        if not self.still_asked:
            return f"your answer to “{self.question.text}” ({labels}) no longer applies and was cleared"
        if not self.kept:
            return (
                f"your answer to “{self.question.text}” ({labels}) no longer fits and was cleared: please "
                "answer it again"
            )
        was = "was" if len(self.options) == 1 else "were"
        kept = ", ".join(f"“{o.label}”" for o in self.kept)
        return (
            f"{labels} {was} taken off your answer to “{self.question.text}”, as it no longer fits "
            f"(kept: {kept})"
        )


def dropped_notice(dropped: Sequence[Dropped]) -> str:
    """The notice after a change that dropped later answers: exactly what went, in words ('' if nothing)."""
    if not dropped:
        return ""
    parts = [d.words() for d in dropped]
    text = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
    return f"Because you changed an earlier answer, {text}."


@dataclass
class Wizard:
    rulebook: Rulebook
    answers: Answers = field(default_factory=Answers)
    reflection: Reflection = field(default_factory=Reflection)
    """After the results: the knowledge check's answers and which way the person leans (optional)."""
    leaning_cleared: str | None = None
    """The name of the option a leaning pointed to, when changing an answer took that option away (for a
    notice; the front end clears it once shown)."""
    _change_from: tuple[frozenset[str], Answers] | None = field(default=None, init=False, repr=False)
    """While changing an answer from the results: the questions asked and the answers before the change."""
    _asked_for: tuple[Answers, tuple[Question, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """The questions asked, and the answers they were worked out for: answers are immutable (a change
    makes new ones), so while the same answers are held the list is the same, and a page that asks for it
    several times (position, next, back, the index) works it out once."""

    def asked(self) -> list[Question]:
        """The wizard's questions asked with the current answers, in rulebook order (readiness comes
        later)."""
        known = self._asked_for
        if known is not None and known[0] is self.answers:
            return list(known[1])
        sets: dict[str, frozenset[str]] = {}
        out = []
        for question in self.rulebook.intake_questions:
            if self.rulebook.is_asked(question, sets):
                out.append(question)
                if question.id in self.answers:
                    sets[question.id] = self.answers.sets[question.id]
        self._asked_for = (self.answers, tuple(out))
        return out

    def sequence(self, question_id: str) -> list[Question]:
        """The questions that ``question_id`` is asked among: the asked intake questions, or the readiness
        check (asked once the person has seen the options), in rulebook order."""
        if self.rulebook.question(question_id).stage == "readiness":
            return list(self.rulebook.readiness_questions)
        return self.asked()

    def count_words(self) -> str:
        """How many questions the wizard asks, as the welcome screen says it: the same number as the
        'of N' of :meth:`position` ("14 questions"), or "about 12 questions" when some questions are asked
        only for some answers (the number can change as the person answers)."""
        total = len(self.asked())
        varies = any(q.when is not None for q in self.rulebook.intake_questions)
        words = f"{total} question{'s' if total != 1 else ''}"
        return f"about {words}" if varies else words

    def position(self, question_id: str) -> tuple[int, int]:
        """(number, total) for 'Question 3 of 10' (readiness questions count among themselves)."""
        ids = [q.id for q in self.sequence(question_id)]
        return ids.index(question_id) + 1, len(ids)

    def first(self) -> Question:
        return self.asked()[0]

    def first_readiness(self) -> Question | None:
        readiness = self.rulebook.readiness_questions
        return readiness[0] if readiness else None

    def is_asked(self, question_id: str) -> bool:
        """Whether the person can be on this question now (a readiness question always can)."""
        if not self.rulebook.has_question(question_id):
            return False
        return any(q.id == question_id for q in self.sequence(question_id))

    def after(self, question_id: str) -> Question | None:
        """The next question of the same sequence (intake or readiness), or None after the last."""
        asked = self.sequence(question_id)
        ids = [q.id for q in asked]
        index = ids.index(question_id)
        return asked[index + 1] if index + 1 < len(asked) else None

    def before(self, question_id: str) -> Question | None:
        """The question before in the same sequence, or None on the first."""
        asked = self.sequence(question_id)
        ids = [q.id for q in asked]
        index = ids.index(question_id)
        return asked[index - 1] if index > 0 else None

    def offered(self, question: Question) -> list[Option]:
        return self.rulebook.offered_options(question, self.answers.sets)

    def chosen(self, question_id: str) -> tuple[str, ...]:
        return self.answers.get(question_id, ())

    def answer(self, question_id: str, chosen: Sequence[str]) -> list[Dropped]:
        """Record an answer; return what it took away from later answers that no longer fit (options, or
        whole answers), in question order.

        The answer is checked as an answers file is (:meth:`Answers.validate`), against the answers to the
        questions before it: raises :class:`AnswerRefused`, storing nothing, when the question is not asked or
        does not offer every option chosen. An empty choice removes the answer.
        """
        chosen = self._checked(question_id, tuple(chosen))
        changed = self.answers.with_answer(question_id, chosen)
        settled, dropped = changed.settle(self.rulebook)
        self.answers = settled
        self._settle_leaning()
        asked = {q.id for q in self.asked()}
        out = []
        for qid in dropped:
            if qid == question_id:
                continue
            question = self.rulebook.question(qid)
            before, after = set(changed.get(qid, ())), set(settled.get(qid, ()))
            out.append(
                Dropped(
                    question,
                    tuple(o for o in question.options if o.id in before - after),
                    tuple(o for o in question.options if o.id in after),
                    qid in asked,
                )
            )
        return out

    # -- changing an answer from the results ----------------------------------------------------------------

    def begin_change(self) -> None:
        """The person goes back from the results to change an answer: remember what was asked and answered,
        so that only the questions the change makes newly needed are asked before the results again."""
        self._change_from = (frozenset(q.id for q in self.asked()), self.answers)

    def end_change(self) -> None:
        self._change_from = None

    @property
    def changing(self) -> bool:
        return self._change_from is not None

    def newly_needed(self) -> list[Question]:
        """While changing from the results: the questions to ask before showing the results again, in order.

        A question is needed when it is asked now but was not before the change, when the change offers it
        options it did not offer before (another area brings that area's concerns), when it had an answer
        that the change cleared, or when it is required and has no answer. A later answer that only lost
        some options (the rest still fit) is not asked again: the notice names what was taken off."""
        if self._change_from is None:
            return [q for q in self.asked() if q.required and not self.chosen(q.id)]
        was_asked, was_answered = self._change_from
        needed = []
        for question in self.asked():
            offered = {o.id for o in self.offered(question)}
            offered_before = {o.id for o in self.rulebook.offered_options(question, was_answered.sets)}
            unanswered = not self.chosen(question.id)
            if (
                question.id not in was_asked
                or offered - offered_before
                or (unanswered and (question.id in was_answered or question.required))
            ):
                needed.append(question)
        return needed

    def lean(self, leaning: str | None) -> None:
        """Record which way the person leans (an option shown, waiting or not sure), or clear it (None)."""
        self.reflection = self.reflection.lean(leaning)
        self.leaning_cleared = None

    def know(self, key: str, answer: str) -> None:
        """Record an answer to a knowledge-check statement ('true', 'false' or 'unsure')."""
        self.reflection = self.reflection.know(key, answer)

    def _settle_leaning(self) -> None:
        """A leaning towards an option that the changed answers no longer show is cleared, with a notice."""
        if self.reflection.leaning is None:
            return
        from .engine import evaluate

        self.reflection, cleared = self.reflection.settle(evaluate(self.rulebook, self.answers))
        if cleared is not None:
            procedure = self.rulebook.procedures.get(cleared)
            self.leaning_cleared = procedure.name if procedure is not None else cleared

    def _checked(self, question_id: str, chosen: tuple[str, ...]) -> tuple[str, ...]:
        """The answer in the rulebook's option order, once it is known to fit (else AnswerRefused)."""
        if not self.rulebook.has_question(question_id):
            raise AnswerRefused(question_id, [f"there is no question '{question_id}'"])
        if not chosen:
            return chosen
        trial: dict[str, list[str]] = {}
        for question in self.rulebook.questions:
            if question.id == question_id:
                break
            if question.id in self.answers:
                trial[question.id] = list(self.answers[question.id])
        trial[question_id] = list(chosen)
        try:
            checked = Answers.validate(trial, self.rulebook, complete=False)
        except AnswersError as exc:
            raise AnswerRefused(question_id, [p.message for p in exc.problems]) from None
        return checked[question_id]

    def missing_reason(self, question: Question) -> str | None:
        """Why the person may not go on yet, or None when they may."""
        if question.required and not self.chosen(question.id):
            if question.kind == "multiple":
                return "Choose at least one option to go on: move with ↑ ↓ and press Space to choose."
            return "Choose an option to go on: move with ↑ ↓ and press Enter or Space."
        return None

    def first_unanswered(self) -> Question | None:
        """The first asked, required question without an answer (None once the answers are complete)."""
        for question in self.asked():
            if question.required and not self.chosen(question.id):
                return question
        return None

    def first_unanswered_or(self, question_id: str | None) -> str:
        """Where to carry on: the first unanswered question, else the given one, else the first."""
        gap = self.first_unanswered()
        if gap is not None:
            return gap.id
        asked = {q.id for q in self.asked()}
        return question_id if question_id in asked else self.first().id

    def still_to_answer(self) -> str | None:
        """What must be answered before the results can be shown, in words (None once complete)."""
        missing = [
            (number, question)
            for number, question in enumerate(self.asked(), start=1)
            if question.required and not self.chosen(question.id)
        ]
        if not missing:
            return None
        total = len(self.asked())
        number, question = missing[0]
        where = f"question {number} of {total}, “{question.text}”"
        if len(missing) == 1:
            return f"The results come once every question is answered: {where}, still needs an answer."
        return (
            f"The results come once every question is answered: {len(missing)} questions still need an "
            f"answer, the first is {where}."
        )

    @property
    def complete(self) -> bool:
        return self.first_unanswered() is None

    def describe_answer(self, question: Question) -> str:
        """The chosen options' labels, for lists of answers."""
        labels = {o.id: o.label for o in question.options}
        chosen = self.chosen(question.id)
        return "; ".join(labels.get(c, c) for c in chosen) if chosen else "(not answered)"

    def next_stop(self, question_id: str) -> Step:
        """Where going on from this question leads, once its answer is recorded: the next question asked,
        else (at the end) the first required question still unanswered, else the results.

        While changing an answer from the results (:meth:`begin_change`), only the questions the change made
        newly needed are stops (:meth:`newly_needed`): with none left, straight back to the results."""
        if self.changing:
            order = [q.id for q in self.asked()]
            here = order.index(question_id) if question_id in order else -1
            later = [q for q in self.newly_needed() if order.index(q.id) > here]
            if later:
                return Step(later[0])
        else:
            following = self.after(question_id)
            if following is not None:
                return Step(following)
        gap = self.first_unanswered()
        return Step(gap, gap=True) if gap is not None else Step(None)


@dataclass(frozen=True)
class Step:
    """The next place in the wizard: a question, or the results (``question`` None)."""

    question: Question | None
    gap: bool = False
    """True when the question was passed earlier and still needs an answer (say so: :data:`GAP_NOTICE`)."""


GAP_NOTICE = "This question still needs an answer."
