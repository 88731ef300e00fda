"""The command line as a subprocess: what a user or a script sees, and the exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BASE_ANSWERS, RULES

ENV_PYTHON = sys.executable


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ENV_PYTHON, "-m", "consultaid", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps({**BASE_ANSWERS, "area": ["nose", "chin"], "concern": ["nose-shape", "chin-weak"]})
    )
    return path


def test_version():
    out = run("--version")
    assert out.returncode == 0 and "consultaid, version" in out.stdout


def test_suggest_json_follows_the_contract(answers_file):
    out = run("suggest", "--answers", str(answers_file), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [s["id"] for s in data["suggestions"]] == ["rhinoplasty", "chin-augmentation"]
    assert data["referral"] is False and data["left_out"] == []


def test_suggest_text_is_readable_with_reasons(answers_file):
    out = run("suggest", "--answers", str(answers_file), "--rules", str(RULES))
    assert out.returncode == 0, out.stderr
    assert "Options worth discussing" in out.stdout
    assert "Why it is shown: You would like to change the shape or size of your nose." in out.stdout
    assert "[Warning]" in out.stdout and "[Note]" in out.stdout
    assert "Traceback" not in out.stderr


def test_bad_answers_exit_2_with_a_located_message(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("goal: looks\n")
    out = run("suggest", "--answers", str(path), cwd=tmp_path)
    assert out.returncode == 2
    assert "answers.yaml:1:7: error: 'looks' is not an option of 'goal'" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_missing_answers_file_exits_2(tmp_path):
    out = run("suggest", "--answers", str(tmp_path / "nope.yaml"))
    assert out.returncode == 2 and "no such file" in out.stderr and "Traceback" not in out.stderr


def test_bad_flag_exits_2_without_traceback(answers_file):
    out = run("suggest", "--answers", str(answers_file), "--format", "xml")
    assert out.returncode == 2 and "Invalid value for '--format'" in out.stderr
    out = run("suggest")
    assert out.returncode == 2 and "Missing option '--answers'" in out.stderr


def test_rules_check_ok():
    from consultaid import load_rulebook

    book = load_rulebook(RULES)
    out = run("rules", "check", str(RULES))
    assert out.returncode == 0
    first, level = out.stdout.strip().splitlines()  # the summary, then the rulebook's reading age
    assert first == (
        f"ok: {len(book.questions)} questions, {len(book.procedures)} procedures, "
        f"{len(book.cautions)} cautions, {len(book.rules)} rules"
    )
    assert level.startswith("Reading age ")


def test_rules_check_reports_located_errors(tmp_path):
    (tmp_path / "book.yaml").write_text("rulebook:\n  id: x\n  colour: red\n")
    out = run("rules", "check", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 2
    assert "book.yaml:3:3: error: unknown key 'colour'" in out.stderr
    assert "Traceback" not in out.stderr


def test_broken_rulebook_stops_suggest(tmp_path, answers_file):
    (tmp_path / "book.yaml").write_text("rules: [\n")
    out = run("suggest", "--answers", str(answers_file), "--rules", str(tmp_path))
    assert out.returncode == 2 and "not valid YAML" in out.stderr


def test_what_is_left_out_for_a_young_person_is_not_said_to_be_asked_for(tmp_path):
    """Under 18, labia surgery for looks is left out by a rule for everyone, not by the person's choice: the
    heading says why things are left out, never 'as you asked'."""
    answers = {**BASE_ANSWERS, "age": "under-18", "area": ["genitals"], "concern": ["labia-size"]}
    path = tmp_path / "young.json"
    path.write_text(json.dumps(answers))
    out = run("suggest", "--answers", str(path))
    assert out.returncode == 0, out.stderr
    assert "Left out, and why" in out.stdout and "as you asked" not in out.stdout
    assert "Labia reduction (labiaplasty): it is not offered to under-18s for their looks" in " ".join(
        out.stdout.split()
    )
