"""`consultaid rules test`: scenario files in, pytest-like report out; malformed files are located errors."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from consultaid import load_rulebook
from consultaid.authoring.scenarios import ScenarioError, load_scenarios, run_scenarios

from .conftest import MINIMAL_BOOK, RULES

GOOD = """
answers:
  goal: appearance
  area: [nose]
  concern: [nose-shape]
scenarios:
  - name: nose for looks
    suggested: [rhinoplasty]
    cautions: []
    referral: false
    left_out: []
  - name: chin only
    answers: {area: [chin], concern: [chin-weak]}
    only_suggested: []
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


@pytest.fixture
def book(write_rules) -> Path:
    return write_rules({"book.yaml": MINIMAL_BOOK})


def scenarios(book: Path, text: str, name: str = "cases.yaml") -> Path:
    folder = book / "tests"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# --- the default rulebook -----------------------------------------------------------------------------------


def test_the_default_scenarios_pass_and_fire_every_rule():
    out = run("rules", "test", "--strict")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert re.fullmatch(r"\d+ passed, 0 failed", lines[-1])
    assert "no scenario fires" not in out.stdout and out.stderr == ""
    assert all(re.fullmatch(r"rules/tests/\w+\.yaml \.+", line) for line in lines[:-1])


def test_the_default_scenarios_cover_the_people_the_contract_names():
    rulebook = load_rulebook(RULES)
    loaded = load_scenarios(sorted((RULES / "tests").glob("*.yaml")), rulebook)
    answers = [item.answers for item in loaded]
    assert {a["goal"][0] for a in answers} == {"appearance", "function", "both", "unsure"}
    assert {area for a in answers for area in a["area"]} == {o.id for o in rulebook.question("area").options}
    assert any(a["age"] == ("under-18",) for a in answers)
    assert any(a["approach"] == ("non-surgical-only",) for a in answers)
    report = run_scenarios(rulebook, loaded)
    results = [o.result for o in report.outcomes]
    assert any(not r.suggestions and "nothing-matched" in r.caution_ids for r in results)
    raised = {c for r in results for c in r.caution_ids}
    assert raised == set(rulebook.cautions)
    assert report.unfired == [] and report.failed == 0


# --- failures read like pytest's ----------------------------------------------------------------------------


def test_a_failing_scenario_shows_file_line_and_the_difference(book):
    path = scenarios(book, GOOD.replace("only_suggested: []", "only_suggested: [rhinoplasty]"))
    out = run("rules", "test", str(book), cwd=book.parent)
    assert out.returncode == 1
    text = out.stdout
    scenario_line = line_of(path, "- name: chin only")
    expectation_line = line_of(path, "only_suggested: [rhinoplasty]")
    assert "rules/tests/cases.yaml .F" in text
    assert "= FAILURES =" in text and "_ chin only _" in text
    assert f"rules/tests/cases.yaml:{scenario_line}: scenario 'chin only'" in text
    assert f"rules/tests/cases.yaml:{expectation_line}: only_suggested" in text
    assert (
        "E   expected exactly: [rhinoplasty]\nE   got suggestions:  []\nE   - missing:        [rhinoplasty]"
        in text
    )
    assert (
        "E   rule 'nose-shape' did not fire: needs concern to include nose-shape; you answered: chin-weak"
        in text
    )
    assert f"FAILED rules/tests/cases.yaml:{scenario_line} - chin only" in text
    assert text.splitlines()[-1] == "1 passed, 1 failed"


def test_each_expectation_is_checked(book):
    scenarios(
        book,
        """
        answers: {goal: appearance, area: [nose], concern: [nose-shape]}
        scenarios:
          - name: all wrong
            suggested: [rhinoplasty]
            not_suggested: [rhinoplasty]
            cautions: [permanence]
            not_cautions: []
            referral: true
            left_out: [rhinoplasty]
        """,
    )
    out = run("rules", "test", str(book))
    assert out.returncode == 1
    for expectation in ("not_suggested", "cautions", "referral", "left_out"):
        assert re.search(rf"cases\.yaml:\d+: {expectation}\n", out.stdout), expectation
    assert "E   but suggested:          [rhinoplasty]" in out.stdout
    assert "E   rhinoplasty comes from rule 'nose-shape': You want a different nose." in out.stdout
    assert "E   no rule raises permanence" in out.stdout
    assert "E   expected referral: true\nE   got referral:      false" in out.stdout
    assert out.stdout.splitlines()[-1] == "0 passed, 1 failed"


def test_rules_no_scenario_fires_are_reported_and_fail_with_strict(book):
    scenarios(
        book,
        """
        answers: {goal: function, area: [nose], concern: [nose-shape]}
        scenarios:
          - name: function goal
            only_suggested: []
        """,
    )
    out = run("rules", "test", str(book))
    assert out.returncode == 0
    rule_line = line_of(book / "book.yaml", "- id: nose-shape")
    assert f"book.yaml:{rule_line}:5: warning: no scenario fires rule 'nose-shape'" in out.stdout
    assert out.stdout.splitlines()[-1] == "1 passed, 0 failed"
    out = run("rules", "test", str(book), "--strict")
    assert out.returncode == 1 and "error: no scenario fires rule 'nose-shape'" in out.stdout


def test_scenarios_can_be_named_explicitly(book, tmp_path):
    path = tmp_path / "elsewhere.yaml"
    path.write_text(textwrap.dedent(GOOD))
    out = run("rules", "test", str(book), "--scenarios", str(path))
    assert out.returncode == 0 and out.stdout.splitlines()[-1] == "2 passed, 0 failed"


# --- malformed scenario files: exit 2, every problem located ------------------------------------------------


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (
            ("    suggested: [rhinoplasty]", "    sugested: [rhinoplasty]"),
            "sugested:",
            "unknown key 'sugested' (did you mean 'suggested'?)",
        ),
        (
            ("    suggested: [rhinoplasty]", "    suggested: [rhinoplasti]"),
            "suggested: [rhinoplasti]",
            "unknown procedure 'rhinoplasti' (did you mean 'rhinoplasty'?)",
        ),
        (
            ("    cautions: []", "    cautions: [permanense]"),
            "cautions: [permanense]",
            "unknown caution 'permanense' (did you mean 'permanence'?)",
        ),
        (
            ("{area: [chin], concern: [chin-weak]}", "{area: [chin], concern: [chin-wek]}"),
            "chin-wek",
            "'chin-wek' is not an option of 'concern' (did you mean 'chin-weak'?)",
        ),
        (("  goal: appearance", "  goal: looks"), "goal: looks", "'looks' is not an option of 'goal'"),
        (
            ("{area: [chin], concern: [chin-weak]}", "{area: [chin], concern: [nose-shape]}"),
            "concern: [nose-shape]}",
            "'nose-shape' is not offered for 'concern' with these answers",
        ),
        (
            ("{area: [chin], concern: [chin-weak]}", "{area: [chin], concern: null}"),
            "concern: null",
            "missing an answer to 'concern'",
        ),
        (("    only_suggested: []\n", ""), "- name: chin only", "a scenario must expect something"),
        (
            ("    referral: false", "    referral: maybe"),
            "referral: maybe",
            "expected true or false, got 'maybe'",
        ),
    ],
)
def test_a_malformed_scenario_is_a_located_error(book, change, needle, message):
    path = scenarios(book, GOOD.replace(*change))
    with pytest.raises(ScenarioError) as info:
        load_scenarios([path], load_rulebook(book))
    shown = "\n".join(str(p) for p in info.value.problems)
    line = line_of(path, needle)
    assert re.search(rf"cases\.yaml:{line}:\d+: error: {re.escape(message)}", shown), shown


def test_a_malformed_scenario_stops_the_command_with_exit_2(book):
    path = scenarios(book, GOOD.replace("    suggested: [rhinoplasty]", "    sugested: [rhinoplasty]"))
    out = run("rules", "test", str(book), cwd=book.parent)
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    line = line_of(path, "sugested")
    assert out.stderr.splitlines() == [
        f"rules/tests/cases.yaml:{line}:5: error: unknown key 'sugested' (did you mean 'suggested'?)",
        "consultaid: the scenario files have 1 problem; nothing was run",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scenarios: [\n", "not valid YAML"),
        (
            "- name: x\n",
            "expected 'scenarios:' (a list of scenarios) and optional shared 'answers:', got a list",
        ),
        ("answers: {goal: appearance}\n", "missing 'scenarios'"),
        ("scenarios: []\n", "must list at least 1"),
        ("scenarios:\n  - name: x\n    referral: false\nextra: 1\n", "unknown key 'extra'"),
        ("", "the file is empty"),
    ],
)
def test_a_malformed_scenario_file_is_a_located_error(book, text, message):
    path = scenarios(book, text)
    with pytest.raises(ScenarioError) as info:
        load_scenarios([path], load_rulebook(book))
    (problem,) = info.value.problems
    assert message in problem.message and problem.line >= 1 and problem.column >= 1


def test_no_scenarios_is_an_error(book):
    out = run("rules", "test", str(book))
    assert out.returncode == 2 and "no such file or folder" in out.stderr
    (book / "tests").mkdir()
    out = run("rules", "test", str(book))
    assert out.returncode == 2 and "no scenario files (*.yaml) in this folder" in out.stderr


def test_the_python_api_raises_with_every_problem(book):
    path = scenarios(book, GOOD.replace("[rhinoplasty]", "[nope]").replace("goal: appearance", "goal: looks"))
    with pytest.raises(ScenarioError) as info:
        load_scenarios([path], load_rulebook(book))
    messages = [p.message for p in info.value.problems]
    assert any("unknown procedure 'nope'" in m for m in messages)
    assert any("'looks' is not an option of 'goal'" in m for m in messages)
