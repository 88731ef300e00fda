"""The lint: each finding planted in a small rulebook, with its message and its place; and `rules check
--strict`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from consultaid import load_rulebook
from consultaid.errors import Problem
from consultaid.rulebook.lint import lint, readability_findings, reading_ease, syllables

from .conftest import MINIMAL_BOOK, RULES

# MINIMAL_BOOK plus what makes it lint clean: 'function' is marked neutral, and a rule looks at 'chin-weak'.
KNOWLEDGE = """    knowledge:
      - {says: It is an operation., answer: true, explain: It is surgery., about: {surgical: true}}
      - {says: It wears off., answer: false, explain: It is permanent., about: {permanence: temporary}}
      - {says: It can affect breathing., answer: true, explain: It can.}
"""

CLEAN = (
    "comparison:\n  rows:\n    - {id: recovery, label: Recovery time, shows: [recovery]}\n"
    + MINIMAL_BOOK.lstrip("\n")
    .replace("{id: function, label: Function}", "{id: function, label: Function, neutral: true}")
    .replace("    scarring: small\n", "    scarring: small\n" + KNOWLEDGE)
    + """  - id: chin-weak
    when: {concern: chin-weak}
    suggest: [rhinoplasty]
    caution: [permanence]
    because: You said your chin looks small.
"""
)

PROCEDURE_2 = """  - id: dermal-fillers
    name: Filler injections
    summary: Injections of a gel under the skin.
    surgical: false
    purpose: cosmetic
    permanence: temporary
    lasts: About a year.
    recovery: A few days.
    risks: [Lumps.]
    benefits: [Fuller skin.]
    downsides: [It wears off.]
    upkeep: Top-ups.
    day_to_day: A little swelling.
    downtime: days
    scarring: none
    knowledge:
      - {says: It is an operation., answer: false, explain: They are injections., about: {surgical: true}}
      - {says: It wears off., answer: true, explain: In about a year., about: {permanence: temporary}}
      - {says: It can leave lumps., answer: true, explain: It can.}
    practitioner: A registered nurse or doctor.
    questions: ["Which filler do you use?"]
    sources:
      - {name: NHS, title: Fillers, url: "https://www.nhs.uk/conditions/fillers/", checked: 2026-11-27}
    review_due: 2027-11-27
"""


def place(text: str, needle: str, *, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th line containing ``needle``, at the needle."""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in the text")


def findings(write_rules, text: str) -> list[Problem]:
    return lint(load_rulebook(write_rules({"book.yaml": text})))


def only(write_rules, text: str) -> Problem:
    found = findings(write_rules, text)
    assert len(found) == 1, [str(p) for p in found]
    (problem,) = found
    assert problem.severity == "warning" and problem.file.endswith("book.yaml")
    return problem


def add_rule(text: str, rule: str) -> str:
    return text.replace("exclusions:", rule + "exclusions:") if "exclusions:" in text else text + rule


# --- the baseline -------------------------------------------------------------------------------------------


def test_the_clean_book_and_the_default_rulebook_have_no_findings(write_rules):
    assert findings(write_rules, CLEAN) == []
    assert lint(load_rulebook(RULES)) == []


# --- rules that can never fire ------------------------------------------------------------------------------


def test_a_rule_whose_parts_contradict_the_question_structure(write_rules):
    text = add_rule(
        CLEAN,
        """  - id: nose-without-nose
    when:
      all:
        - concern: nose-shape
        - not: {area: nose}
    caution: [permanence]
    because: Never.
""",
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "rule 'nose-without-nose' can never fire: 'concern: nose-shape' and '{not: {area: nose}}' "
        "cannot both hold for any valid answers"
    )
    assert (problem.line, problem.column) == place(text, "all:", occurrence=2)  # the rule's 'when'


def test_two_answers_to_a_single_choice_question_never_hold_together(write_rules):
    text = add_rule(
        CLEAN,
        """  - id: both-goals
    when:
      all: [{goal: appearance}, {goal: function}]
    caution: [permanence]
    because: Never.
""",
    )
    found = findings(write_rules, text)
    problem = next(p for p in found if p.message.startswith("rule 'both-goals'"))
    assert "rule 'both-goals' can never fire: 'goal: appearance' and 'goal: function' cannot both hold" in (
        problem.message
    )
    assert problem.line == place(text, "all: [{goal: appearance}")[0]
    # and 'function' is marked neutral, but now a rule mentions it
    assert len(found) == 2 and "is marked neutral, but rule 'both-goals' mentions it" in found[0].message


def test_a_rule_on_an_option_that_is_never_offered_with_it(write_rules):
    text = CLEAN.replace(
        "{id: chin-weak, label: Weak chin, when: {area: chin}}",
        "{id: chin-weak, label: Weak chin, when: {all: [{area: chin}, {goal: function}]}}",
    )
    text = add_rule(
        text,
        """  - id: chin-for-looks
    when:
      all:
        - goal: appearance
        - concern: chin-weak
    suggest: [rhinoplasty]
    because: Never.
""",
    )
    found = findings(write_rules, text)
    # a weak chin is offered only with goal 'function': with goal 'appearance' and area 'chin', nothing is
    # offered
    assert found[0].message.startswith("question 'concern' must be answered but can be asked with no option")
    problem = found[1]
    assert problem.message.startswith(
        "rule 'chin-for-looks' can never fire: 'goal: appearance' and 'concern: chin-weak' cannot both hold"
    )
    assert problem.line == place(text, "id: chin-for-looks")[0] + 2


def test_a_rule_on_suggestions_that_can_never_be_made(write_rules):
    text = add_rule(
        CLEAN,
        """  - id: fillers-shown
    when: {suggested: {surgical: false}}
    caution: [permanence]
    because: Never.
""",
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "rule 'fillers-shown' can never fire: '{suggested: {surgical: false}}' cannot "
        "hold: no valid answers lead to those suggestions"
    )
    assert (problem.line, problem.column) == place(text, "{suggested: {surgical: false}}")


# --- the question structure ---------------------------------------------------------------------------------


def test_a_required_question_left_with_no_option_to_choose(write_rules):
    text = CLEAN.replace(
        "      - {id: chin, label: Chin}\n",
        "      - {id: chin, label: Chin}\n      - {id: ears, label: Ears, neutral: true}\n",
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "question 'concern' must be answered but can be asked with no option to choose "
        "(for example after area: [ears]); nobody could finish the questions"
    )
    assert (problem.line, problem.column) == place(text, "- id: concern")[:1] + (5,)


def test_a_question_never_asked_and_an_option_never_offered(write_rules):
    text = CLEAN.replace(
        "    help: Choose all that apply.\n    options:\n      - {id: nose-shape",
        "    help: Choose all that apply.\n    required: false\n    options:\n      - {id: nose-shape",
    )
    text = text.replace(
        "{id: chin-weak, label: Weak chin, when: {area: chin}}",
        "{id: chin-weak, label: Weak chin, when: {all: [{area: chin}, {not: {area: chin}}]}}",
    )
    found = findings(write_rules, text)
    messages = [p.message for p in found]
    assert "option 'chin-weak' of 'concern' is never offered: its condition cannot hold" in messages
    problem = next(p for p in found if "never offered" in p.message)
    assert problem.line == place(text, "{id: chin-weak")[0]

    asked_never = CLEAN.replace(
        "    text: Which area?\n",
        "    text: Which area?\n    when: {all: [{goal: appearance}, {goal: function}]}\n",
    )
    found = findings(write_rules, asked_never)
    problem = next(
        p for p in found if p.message == "question 'area' is never asked: its condition cannot hold"
    )
    assert problem.line == place(asked_never, "when: {all: [{goal: appearance}, {goal: function}]}")[0]


# --- options ------------------------------------------------------------------------------------------------


def test_an_option_no_rule_mentions(write_rules):
    text = CLEAN.replace("{id: function, label: Function, neutral: true}", "{id: function, label: Function}")
    problem = only(write_rules, text)
    assert problem.message == (
        "no rule mentions option 'function' of 'goal'; if no rule should, mark it 'neutral: true'"
    )
    assert (problem.line, problem.column) == place(text, "{id: function")


def test_an_option_marked_neutral_that_a_rule_mentions(write_rules):
    text = CLEAN.replace(
        "      - {id: appearance, label: Looks}\n",
        "      - id: appearance\n        label: Looks\n        neutral: true\n",
    )
    problem = only(write_rules, text)
    assert (
        problem.message
        == "option 'appearance' of 'goal' is marked neutral, but rule 'nose-shape' mentions it"
    )
    assert (problem.line, problem.column) == place(text, "neutral: true")


# --- procedures and cautions --------------------------------------------------------------------------------


def test_a_procedure_no_rule_suggests(write_rules):
    text = CLEAN.replace("cautions:", PROCEDURE_2 + "cautions:")
    problem = only(write_rules, text)
    assert problem.message == "no rule suggests procedure 'dermal-fillers'"
    assert (problem.line, problem.column) == place(text, "- id: dermal-fillers")[:1] + (5,)


def test_a_procedure_whose_rules_never_fire(write_rules):
    text = add_rule(
        CLEAN.replace("cautions:", PROCEDURE_2 + "cautions:"),
        """  - id: fillers
    when: {all: [{goal: appearance}, {goal: function}]}
    suggest: [dermal-fillers]
    because: Never.
""",
    )
    found = findings(write_rules, text)
    problem = next(p for p in found if p.message.startswith("procedure 'dermal-fillers'"))
    assert problem.message == (
        "procedure 'dermal-fillers' is never suggested: the rules that suggest it ('fillers') can never fire"
    )
    assert (problem.line, problem.column) == place(text, "- id: dermal-fillers")[:1] + (5,)


def test_a_procedure_always_left_out_and_the_rule_it_contradicts(write_rules):
    text = (
        CLEAN
        + """  - id: looks-surgery
    when: {goal: appearance}
    suggest: [rhinoplasty]
    because: You care about looks.
exclusions:
  - id: no-surgery-for-looks
    when: {goal: appearance}
    exclude: {surgical: true}
    because: no surgery for looks
"""
    )
    found = findings(write_rules, text)
    messages = [p.message for p in found]
    assert (
        "rule 'looks-surgery' contradicts exclusion 'no-surgery-for-looks': it suggests 'rhinoplasty', but "
        "whenever it fires, 'rhinoplasty' is left out"
    ) in messages
    assert (
        "rule 'nose-shape' contradicts exclusion 'no-surgery-for-looks': it suggests 'rhinoplasty', but "
        "whenever it fires, 'rhinoplasty' is left out"
    ) in messages
    contradiction = next(p for p in found if "'looks-surgery' contradicts" in p.message)
    assert (contradiction.line, contradiction.column) == place(text, "suggest: [rhinoplasty]", occurrence=3)[
        :1
    ] + (15,)
    # chin-weak is not appearance-only, so rhinoplasty is still sometimes shown: no procedure finding
    assert not any(m.startswith("procedure 'rhinoplasty'") for m in messages)

    always = text.replace(
        "    when: {goal: appearance}\n    exclude:", "    when: {always: true}\n    exclude:"
    )
    found = findings(write_rules, always)
    problem = next(p for p in found if p.message.startswith("procedure 'rhinoplasty'"))
    assert problem.message == (
        "procedure 'rhinoplasty' is never suggested: whenever a rule suggests it, an "
        "exclusion ('no-surgery-for-looks') leaves it out"
    )
    assert (problem.line, problem.column) == place(always, "- id: rhinoplasty")[:1] + (5,)


def test_a_caution_no_rule_raises_and_one_whose_rules_never_fire(write_rules):
    text = CLEAN.replace(
        "rules:", "  - {id: under-18, level: critical, title: Wait, text: Wait until you are 18.}\nrules:"
    )
    problem = only(write_rules, text)
    assert problem.message == "no rule raises caution 'under-18'"
    assert problem.line == place(text, "{id: under-18")[0]

    text = add_rule(
        text,
        """  - id: never
    when: {all: [{goal: appearance}, {goal: function}]}
    caution: [under-18]
    because: Never.
""",
    )
    found = findings(write_rules, text)
    problem = next(p for p in found if p.message.startswith("caution 'under-18'"))
    assert (
        problem.message
        == "caution 'under-18' is never shown: the rules that raise it ('never') can never fire"
    )
    assert problem.line == place(text, "{id: under-18")[0]


def test_an_exclusion_that_never_applies(write_rules):
    text = (
        CLEAN
        + """exclusions:
  - id: never
    when: {all: [{goal: appearance}, {goal: function}]}
    exclude: {surgical: true}
    because: never
"""
    )
    problem = only(write_rules, text)
    assert problem.message == "exclusion 'never' never applies: its condition cannot hold"
    assert problem.line == place(text, "when: {all: [{goal: appearance}, {goal: function}]}")[0]


def test_an_exclusion_that_matches_no_procedure(write_rules):
    text = (
        CLEAN
        + """exclusions:
  - id: no-fillers
    when: {goal: function}
    exclude: {surgical: false}
    because: no fillers
"""
    )
    problem = only(write_rules, text)
    assert problem.message == "exclusion 'no-fillers' matches no procedure"
    assert (problem.line, problem.column) == place(text, "{surgical: false}")


# --- area and concern ---------------------------------------------------------------------------------------


def test_an_area_and_concern_that_lead_to_no_suggestion(write_rules):
    text = CLEAN.replace(
        """    suggest: [rhinoplasty]
    caution: [permanence]
    because: You said your chin looks small.""",
        """    caution: [permanence]
    because: You said your chin looks small.""",
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "answering 'area: [chin]' and 'concern: [chin-weak]' never leads to a suggestion, "
        "whatever the other answers"
    )
    assert (problem.line, problem.column) == place(text, "{id: chin-weak")


def test_a_neutral_concern_may_lead_nowhere(write_rules):
    text = CLEAN.replace(
        """    suggest: [rhinoplasty]
    caution: [permanence]
    because: You said your chin looks small.""",
        """    caution: [permanence]
    because: You said your chin looks small.""",
    ).replace("when: {area: chin}}", "when: {area: chin}, neutral: true}")
    messages = [p.message for p in findings(write_rules, text)]
    assert messages == ["option 'chin-weak' of 'concern' is marked neutral, but rule 'chin-weak' mentions it"]


# --- duplicates ---------------------------------------------------------------------------------------------


def test_a_duplicate_rule_even_written_in_another_order(write_rules):
    text = add_rule(
        CLEAN,
        """  - id: nose-again
    when:
      all:
        - concern: [nose-shape]
        - goal: appearance
    suggest: [rhinoplasty]
    because: You want a different nose, again.
""",
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "rule 'nose-again' duplicates rule 'nose-shape': the same condition with the same "
        "suggestions and cautions"
    )
    assert (problem.line, problem.column) == place(text, "- id: nose-again")[:1] + (9,)


def test_same_condition_with_other_effects_is_not_a_duplicate(write_rules):
    text = add_rule(
        CLEAN,
        """  - id: nose-caution
    when: {all: [{goal: appearance}, {concern: nose-shape}]}
    caution: [permanence]
    because: Surgery is permanent.
""",
    )
    assert findings(write_rules, text) == []


# --- readability --------------------------------------------------------------------------------------------


def test_a_long_sentence_is_located_at_its_text(write_rules):
    long = (
        "You said that you would like to change the shape of your nose and that you have been thinking about "
        "it for quite a long time now."
    )
    text = CLEAN.replace("because: You want a different nose.", f"because: {long}")
    # One long sentence also makes the text hard to read (its reading age is over 12): that finding follows.
    problem, *rest = findings(write_rules, text)
    assert [p.message.split(":")[0] for p in rest] == ["hard to read"]
    assert problem.message.startswith(
        "a sentence of 27 words (keep sentences to 25 or fewer): 'You said that"
    )
    assert (problem.line, problem.column) == place(text, long)


def test_a_long_word_unless_it_is_explained_in_brackets(write_rules):
    text = CLEAN.replace(
        "summary: Reshapes the nose.", "summary: Reshapes the nose with otorhinolaryngological care."
    )
    problem = only(write_rules, text)
    assert problem.message == (
        "long word 'otorhinolaryngological' (more than 14 letters): use a shorter word, or "
        "explain it in brackets after a plain one"
    )
    assert problem.line == place(text, "summary: Reshapes")[0]
    text = CLEAN.replace(
        "summary: Reshapes the nose.", "summary: Ear, nose and throat (otorhinolaryngological) care."
    )
    assert findings(write_rules, text) == []


def test_hard_to_read_text(write_rules):
    hard = (
        "Rhinoplastic intervention necessitates considerable postoperative convalescence "
        "incorporating significant immobilisation. Complications potentially include asymmetrical "
        "deformation necessitating revisional operations. Anaesthetic considerations additionally "
        "necessitate preoperative investigation."
    )
    text = CLEAN.replace("text: Surgery is permanent.", f"text: {hard}")
    problem = only(write_rules, text)
    assert problem.message.startswith("hard to read: reading age 4")
    assert "(Flesch-Kincaid grade 3" in problem.message
    assert "aim for 12 or below: use shorter sentences and shorter words" in problem.message
    assert problem.line == place(text, "Rhinoplastic")[0]


def test_reading_ease_estimate():
    assert syllables("cat") == 1 and syllables("table") == 2 and syllables("operation") == 4
    assert syllables("face-to-face") == 3
    assert reading_ease("The cat sat on the mat.") > 100
    assert reading_ease("Postoperative immobilisation necessitates considerable convalescence.") < 0
    assert readability_findings("Short and plain.") == []


# --- the command --------------------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, timeout=60
    )


def test_check_prints_warnings_with_places_and_strict_makes_them_errors(write_rules):
    text = CLEAN.replace("{id: function, label: Function, neutral: true}", "{id: function, label: Function}")
    folder = write_rules({"book.yaml": text})
    line, column = place(text, "{id: function")
    out = run("rules", "check", str(folder))
    assert out.returncode == 0
    assert f"book.yaml:{line}:{column}: warning: no rule mentions option 'function' of 'goal'" in out.stderr
    assert out.stdout.splitlines()[0] == "ok with 1 warning: 3 questions, 1 procedures, 1 cautions, 2 rules"
    assert out.stdout.splitlines()[1].startswith("Reading age ")
    out = run("rules", "check", str(folder), "--strict")
    assert out.returncode == 2 and out.stdout == ""
    assert f"book.yaml:{line}:{column}: error: no rule mentions option 'function' of 'goal'" in out.stderr
    assert "warnings count as errors with --strict" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_the_default_rulebook_passes_check(strict):
    out = run("rules", "check", *strict)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ") and out.stderr == ""


def test_linting_a_clean_rulebook_never_runs_the_slow_round_trip_parse(monkeypatch):
    from consultaid.yamlfile import Locator

    calls = []
    original = Locator._load
    monkeypatch.setattr(Locator, "_load", lambda self: calls.append(1) or original(self))
    assert lint(load_rulebook(RULES)) == []
    assert calls == []


def test_the_benchmark_rulebooks_load_and_lint_clean(tmp_path):
    sys.path.insert(0, str(RULES.parent / "benchmarks"))
    try:
        from synthetic import write_synthetic
    finally:
        sys.path.pop(0)
    book = load_rulebook(write_synthetic(tmp_path / "book", 300, seed=3))
    assert len(book.rules) == 300
    assert lint(book) == []


def test_contract_check_holds_a_copy_of_the_default_rulebook_to_the_contract(tmp_path):
    import shutil

    from consultaid import load_rulebook
    from consultaid.rulebook.lint import lint

    from .conftest import RULES

    folder = tmp_path / "copy"
    shutil.copytree(RULES, folder, ignore=shutil.ignore_patterns("tests"))
    cautions = folder / "cautions.yaml"
    text = cautions.read_text().replace("    referral: true\n", "")
    text = text.replace("id: under-18\n    level: critical", "id: under-18\n    level: warning")
    cautions.write_text(text)
    found = [str(p) for p in lint(load_rulebook(folder))]
    assert any("cautions.yaml:" in m and "makes caution 'under-18' critical, not warning" in m for m in found)
    assert any("caution 'counselling-referral' needs 'referral: true'" in m for m in found)


def test_contract_check_is_off_for_a_rulebook_that_does_not_claim_it(write_rules):
    from consultaid import load_rulebook
    from consultaid.rulebook.lint import lint

    from .conftest import MINIMAL_BOOK

    assert not any(
        "rule contract" in str(p) for p in lint(load_rulebook(write_rules({"book.yaml": MINIMAL_BOOK})))
    )


@pytest.mark.parametrize(
    ("contract", "expected", "not_expected"),
    [
        (
            "consultaid-1",
            ["question 'previous' is missing", "procedure 'facelift'"],
            ["'health'", "otoplasty"],
        ),
        (
            "consultaid-2",
            [
                "question 'health' is missing",
                "question 'turned-down' is missing",
                "question 'abroad' is missing",
                "option 'lips' of 'area' is missing",
                "option 'labia-size' of 'concern' is missing",
                "procedure 'otoplasty' is missing",
                "procedure 'hand-therapy' is missing",
                "caution 'young-person' is missing",
                "caution 'treatment-abroad' is missing",
                "procedure 'facelift' is missing",
            ],
            [],
        ),
    ],
)
def test_contract_check_follows_the_contract_the_rulebook_declares(
    write_rules, contract, expected, not_expected
):
    from consultaid import load_rulebook
    from consultaid.rulebook.lint import lint

    from .conftest import MINIMAL_BOOK

    book = MINIMAL_BOOK.replace('  version: "1"\n', f'  version: "1"\n  contract: {contract}\n')
    found = [str(p) for p in lint(load_rulebook(write_rules({"book.yaml": book})))]
    for text in expected:
        assert any(text in m for m in found), (text, found)
    for text in not_expected:
        assert not any(text in m for m in found), text
