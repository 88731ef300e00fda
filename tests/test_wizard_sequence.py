"""The wizard core's sequences: the asked questions and the readiness check, each with its own next, back
and position (what the web wizard and the terminal app both use)."""

from __future__ import annotations

from consultaid import load_rulebook
from consultaid.answers import Answers
from consultaid.wizard import Wizard

from .conftest import BASE_ANSWERS, RULES

RULEBOOK = load_rulebook(RULES)


def test_readiness_questions_have_their_own_sequence() -> None:
    wizard = Wizard(RULEBOOK, Answers.validate(BASE_ANSWERS, RULEBOOK))
    readiness = list(RULEBOOK.readiness_questions)
    assert wizard.first_readiness() == readiness[0]
    assert wizard.sequence(readiness[0].id) == readiness
    assert wizard.position(readiness[1].id) == (2, len(readiness))
    assert wizard.after(readiness[-1].id) is None
    assert wizard.before(readiness[0].id) is None
    assert wizard.after(readiness[0].id) == readiness[1]
    assert wizard.before(readiness[1].id) == readiness[0]
    assert all(q.stage == "intake" for q in wizard.asked())


def test_intake_navigation_is_unchanged() -> None:
    wizard = Wizard(RULEBOOK)
    asked = wizard.asked()
    assert wizard.sequence("goal") == asked
    assert wizard.position("goal") == (1, len(asked))
    assert wizard.after(asked[-1].id) is None


def test_is_asked() -> None:
    wizard = Wizard(RULEBOOK)
    assert wizard.is_asked("goal")
    assert wizard.is_asked(RULEBOOK.readiness_questions[0].id)
    assert not wizard.is_asked("no-such-question")
