"""`consultaid explain`: for every rule, whether it fired and, if not, the part of its condition that
failed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid import Answers
from consultaid.authoring.explain import trace

from .conftest import BASE_ANSWERS, ROOT


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def why(rulebook, rule_id: str, **changes) -> tuple[bool, tuple[str, ...]]:
    answers = Answers.validate({**BASE_ANSWERS, **changes}, rulebook)
    (found,) = [t for t in trace(rulebook, answers) if t.rule.id == rule_id]
    return found.fired, found.why_not


def test_every_rule_is_listed_with_whether_it_fired(tmp_path, rulebook):
    out = run("explain", "--answers", str(ROOT / "examples" / "nose-and-chin.yaml"), cwd=ROOT)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    total = len(rulebook.rules)
    assert text.startswith(f"{total} rules: 8 fired, {total - 8} did not.")
    assert "nose-shape: fired (rules/rules.yaml:" in text and "  suggests rhinoplasty" in text
    assert "chin-with-nose: fired" in text and "  raises combined-facial-contouring" in text
    assert ("face-sagging: did not fire (rules/rules.yaml:") in text
    assert "  - needs concern to include face-sagging; you answered: nose-shape, chin-weak\n" in text
    assert text.count(": fired (") + text.count(": did not fire (") == total


def test_one_rule(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({**BASE_ANSWERS, "goal": "function"}))
    out = run("explain", "--answers", str(path), "--rule", "nose-shape", cwd=ROOT)
    assert out.returncode == 0
    line = next(
        i
        for i, text in enumerate((ROOT / "rules" / "rules.yaml").read_text().splitlines(), 1)
        if text == "  - id: nose-shape"
    )
    assert out.stdout.splitlines() == [
        f"nose-shape: did not fire (rules/rules.yaml:{line})",
        "  - needs goal to be appearance, both or unsure; you answered: function",
    ]


def test_unknown_rule_and_bad_answers_exit_2(tmp_path):
    out = run("explain", "--answers", str(ROOT / "examples" / "nose-and-chin.yaml"), "--rule", "nose-shap")
    assert out.returncode == 2 and "unknown rule 'nose-shap' (did you mean 'nose-shape'?)" in out.stderr
    path = tmp_path / "a.yaml"
    path.write_text("goal: looks\n")
    out = run("explain", "--answers", str(path))
    assert out.returncode == 2 and "a.yaml:1:7: error: 'looks' is not an option of 'goal'" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_left_out_suggestion_is_named_with_its_reason(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({**BASE_ANSWERS, "approach": "non-surgical-only"}))
    out = run("explain", "--answers", str(path), "--rule", "nose-shape")
    assert "  suggests rhinoplasty (left out: you asked for non-surgical options only)" in out.stdout


# --- the words, through the Python API ----------------------------------------------------------------------


def test_single_and_multiple_choice_are_worded_differently(rulebook):
    assert why(rulebook, "quick-decision") == (
        False,
        ("needs considering to be under-1-month; you answered: over-1-year",),
    )
    assert why(rulebook, "pressure-from-others") == (
        False,
        ("needs motivation to include pressure-from-others; you answered: for-myself",),
    )


def test_only_the_failed_parts_of_all_are_given(rulebook):
    fired, reasons = why(rulebook, "chin-with-nose", goal="function")
    assert not fired
    assert reasons == (
        "needs goal to be appearance, both or unsure; you answered: function",
        "needs concern to include chin-weak; you answered: nose-shape",
    )


def test_rules_on_the_suggestions_are_explained_against_the_result(rulebook):
    assert why(rulebook, "fat-transfer-buttocks") == (
        False,
        ("needs buttock-augmentation to be suggested; suggested: rhinoplasty",),
    )
    assert why(rulebook, "temporary-wears-off") == (
        False,
        ("needs a suggestion that is temporary; suggested: rhinoplasty",),
    )
    fired, reasons = why(rulebook, "surgery-is-permanent", approach="non-surgical-only")
    assert not fired and reasons == (
        "needs at least one of these, and none holds: needs a suggestion that is "
        "surgical; suggested: nothing | needs a suggestion that is permanent; "
        "suggested: nothing",
    )
    assert why(rulebook, "choose-practitioner", approach="non-surgical-only") == (
        False,
        ("needs something to be suggested; nothing was",),
    )
    assert why(rulebook, "nothing-matched", approach="non-surgical-only") == (
        False,
        ("needs this not to hold, but it does: something to be left out",),
    )


def test_fired_rules_have_no_reasons_against_them(rulebook):
    answers = Answers.validate(BASE_ANSWERS, rulebook)
    fired = {t.rule.id for t in trace(rulebook, answers) if t.fired}
    assert fired == {
        "nose-shape",
        "always-not-medical-advice",
        "surgery-is-permanent",
        "surgery-needs-time",
        "choose-practitioner",
        "waiting-is-an-option",
    }
    assert all(not t.why_not for t in trace(rulebook, answers) if t.fired)


@pytest.mark.parametrize("rule_id", ["nose-shape", "under-18", "goal-function"])
def test_unanswered_and_unasked_questions_are_said_plainly(write_rules, rule_id):
    from consultaid import load_rulebook

    from .conftest import MINIMAL_BOOK

    text = MINIMAL_BOOK.replace(
        "  - id: concern\n", "  - id: concern\n    required: false\n    when: {goal: appearance}\n"
    )
    book = load_rulebook(write_rules({"book.yaml": text}))
    answers = Answers.validate({"goal": "function", "area": ["nose"]}, book)
    (found,) = trace(book, answers)
    assert found.why_not == (
        "needs goal to be appearance; you answered: function",
        "needs concern to include nose-shape; 'concern' was not asked",
    )
    answers = Answers.validate({"goal": "appearance", "area": ["nose"]}, book)
    (found,) = trace(book, answers)
    assert found.why_not == ("needs concern to include nose-shape; you did not answer 'concern'",)
