"""The wizard's state on its own: any sequence of answers, changes and steps back keeps every answer valid.

A hypothesis state machine answers questions (the one the person is on, or any other, with options the
question offers or not), goes back, jumps to a question to change it, and checks after each step that the
stored answers are what an answers file would be allowed to hold, and that nothing is stored for a question
that is not asked.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from consultaid import load_rulebook
from consultaid.answers import Answers
from consultaid.wizard import AnswerRefused, Wizard

from .conftest import RULES

RULEBOOK = load_rulebook(RULES)
QUESTIONS = list(RULEBOOK.questions)
ALL_OPTIONS = sorted({o.id for q in QUESTIONS for o in q.options})


class WizardMachine(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.wizard = Wizard(RULEBOOK)
        self.current = self.wizard.first().id

    @rule(data=st.data())
    def answer_current_with_offered_options(self, data) -> None:
        question = RULEBOOK.question(self.current)
        offered = [o.id for o in self.wizard.offered(question)]
        if question.kind == "single":
            chosen = [data.draw(st.sampled_from(offered))] if offered else []
        else:
            chosen = data.draw(st.lists(st.sampled_from(offered), unique=True)) if offered else []
        self.wizard.answer(question.id, chosen)  # an offered choice is always taken
        assert self.wizard.chosen(question.id) == tuple(o for o in offered if o in chosen)
        following = self.wizard.after(question.id)
        if following is not None and self.wizard.chosen(question.id):
            self.current = following.id

    @rule(
        question=st.sampled_from(QUESTIONS),
        chosen=st.lists(st.sampled_from(ALL_OPTIONS), max_size=3),
    )
    def answer_anything(self, question, chosen) -> None:
        """A stale key, a bad file, a bug: whatever is offered, the state takes it or refuses it whole."""
        before = self.wizard.answers
        try:
            self.wizard.answer(question.id, chosen)
        except AnswerRefused:
            assert self.wizard.answers == before
            return
        if chosen:
            offered = {o.id for o in self.wizard.offered(question)}
            assert set(self.wizard.chosen(question.id)) == set(chosen) <= offered
        self._keep_current()

    @rule()
    def back(self) -> None:
        previous = self.wizard.before(self.current)
        if previous is not None:
            self.current = previous.id

    @rule(data=st.data())
    def change_from_the_list(self, data) -> None:
        self.current = data.draw(st.sampled_from([q.id for q in self.wizard.asked()]))

    def _keep_current(self) -> None:
        if self.current not in {q.id for q in self.wizard.asked()}:
            self.current = self.wizard.first_unanswered_or(None)

    @invariant()
    def answers_are_valid(self) -> None:
        if not hasattr(self, "wizard"):
            return
        answers = self.wizard.answers
        document = {q: list(options) for q, options in answers.items()}
        assert Answers.validate(document, RULEBOOK, complete=False) == answers
        asked = {q.id for q in self.wizard.asked()} | {q.id for q in RULEBOOK.readiness_questions}
        assert set(answers) <= asked
        assert self.current in {q.id for q in self.wizard.asked()}
        for question in self.wizard.asked():
            self.wizard.describe_answer(question)  # every stored option has a label

    @invariant()
    def the_remembered_questions_are_the_ones_worked_out_afresh(self) -> None:
        """Wizard.asked() remembers its list while the answers are the same: it must be what a new wizard
        with these answers works out (the plain reading), and a caller changing the list changes nothing."""
        if not hasattr(self, "wizard"):
            return
        fresh = Wizard(RULEBOOK, self.wizard.answers).asked()
        first = self.wizard.asked()
        assert first == fresh
        first.clear()
        assert self.wizard.asked() == fresh


WizardMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_wizard_state = WizardMachine.TestCase


@pytest.mark.parametrize(
    "question_id,chosen",
    [
        ("area", ["appearance"]),  # an option of another question
        ("goal", ["appearance", "function"]),  # two for a single choice
        ("concern", ["nose-shape"]),  # not offered: no area chosen yet
        ("nowhere", ["x"]),  # no such question
    ],
)
def test_the_wizard_refuses_an_answer_the_question_does_not_take(question_id, chosen):
    wizard = Wizard(RULEBOOK)
    wizard.answer("goal", ["appearance"])
    with pytest.raises(AnswerRefused):
        wizard.answer(question_id, chosen)
    assert dict(wizard.answers) == {"goal": ("appearance",)}


def test_an_answer_is_stored_in_the_rulebook_order():
    wizard = Wizard(RULEBOOK)
    wizard.answer("goal", ["appearance"])
    wizard.answer("area", ["nose", "face"])
    assert wizard.chosen("area") == ("face", "nose")
