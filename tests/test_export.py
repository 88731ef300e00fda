"""Summaries to take along and session files: content, permissions, self-containment, FHIR validity."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys

import pytest

from consultaid import Answers
from consultaid.files import FileExists, write_private
from consultaid.report import render
from consultaid.report.fhir import questionnaire, questionnaire_response
from consultaid.report.summary import Summary
from consultaid.session import load_session, save_session

from .conftest import BASE_ANSWERS, RULES


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "consultaid", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                **BASE_ANSWERS,
                "area": ["nose", "buttocks"],
                "concern": ["nose-shape", "buttocks-larger"],
                "motivation": ["comparison"],
                "priorities": ["few-scars"],
                "ready-sure": "no",
            }
        )
    )
    return path


@pytest.fixture
def summary(rulebook):
    answers = Answers.validate(
        {
            **BASE_ANSWERS,
            "area": ["nose", "buttocks"],
            "concern": ["nose-shape", "buttocks-larger"],
            "motivation": ["comparison"],
            "priorities": ["few-scars"],
            "ready-sure": "no",
        },
        rulebook,
    )
    return Summary.build(rulebook, answers, created=dt.date(2026, 11, 27))


def private(path) -> bool:
    return stat.S_IMODE(os.stat(path).st_mode) == 0o600


# --- file writing -------------------------------------------------------------------------------------------


def test_write_private_is_owner_only_and_never_clobbers(tmp_path):
    target = tmp_path / "out.md"
    write_private(target, "one")
    assert target.read_text() == "one" and private(target)
    with pytest.raises(FileExists):
        write_private(target, "two")
    assert target.read_text() == "one"
    write_private(target, "three", overwrite=True)
    assert target.read_text() == "three" and private(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary files left behind


# --- the documents ------------------------------------------------------------------------------------------


def test_markdown_summary_has_everything(summary, rulebook):
    text = render(summary, "markdown")
    for part in (
        "## Your answers",
        "## Options worth discussing",
        "### Nose reshaping (rhinoplasty)",
        "Waiting, or no procedure",
        "| Benefits | Downsides |",
        "## Points to bear in mind",
        "## Questions to ask",
        "## Are you ready to decide?",
        "## Sources",
        "Next steps:",
        "Critical: Talk it through before you decide",
        "27 November 2026",
        f"version {rulebook.info.version}",
        "consultaid-default",
        "As few scars as possible:",
    ):
        assert part in text, part
    assert "Why it is shown: You would like to change the shape or size of your nose." in text.replace(
        "**", ""
    )
    assert "(checked 27 November 2026)" in text


def test_html_summary_is_one_self_contained_printable_page(summary):
    page = render(summary, "html")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.I)
    assert not re.search(r"(src|@import)\s*[=(]", page, re.I)
    assert "url(" not in page
    assert "<table>" in page and "Waiting, or no procedure" in page


def test_html_escapes_rulebook_text(summary, rulebook):
    from dataclasses import replace

    info = rulebook.info.model_copy(update={"title": "<script>alert(1)</script>"})
    book = replace(rulebook, info=info)
    page = render(Summary.build(book, summary.answers), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_json_summary_carries_the_contract_result(summary):
    data = json.loads(render(summary, "json"))
    assert data["result"]["referral"] is True
    assert {
        "rulebook",
        "answers",
        "options",
        "no_procedure",
        "questions_to_ask",
        "readiness",
        "sources",
        "handover",
        "created",
    } <= set(data)
    assert data["readiness"]["ready"] is None and data["readiness"]["next_steps"]


def test_fhir_questionnaire_and_response_validate(summary, rulebook):
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    q = Questionnaire.model_validate(questionnaire(rulebook))
    r = QuestionnaireResponse.model_validate(json.loads(render(summary, "fhir")))
    assert r.questionnaire == f"{q.url}|{q.version}"
    link_ids = {item.linkId for item in q.item}
    assert {item.linkId for item in r.item} <= link_ids
    codes = {item.linkId: {o.valueCoding.code for o in item.answerOption} for item in q.item}
    for item in r.item:
        assert {a.valueCoding.code for a in item.answer} <= codes[item.linkId]
    concern = next(item for item in q.item if item.linkId == "concern")
    assert concern.repeats is True
    assert r.status == "completed"


def test_fhir_response_is_in_progress_when_answers_are_missing(rulebook):
    response = questionnaire_response(
        rulebook, Answers.validate({"goal": "unsure"}, rulebook, complete=False)
    )
    assert response["status"] == "in-progress"


# --- the command line ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "fhir"])
def test_export_writes_a_private_file(tmp_path, answers_file, fmt):
    out = tmp_path / f"summary.{fmt}"
    result = run("export", "--answers", str(answers_file), "--format", fmt, "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists() and private(out)
    assert "readable by you only" in result.stderr


def test_export_refuses_to_overwrite_without_force(tmp_path, answers_file):
    out = tmp_path / "summary.md"
    out.write_text("keep me")
    result = run("export", "--answers", str(answers_file), "--output", str(out))
    assert result.returncode == 2 and "use --force" in result.stderr and out.read_text() == "keep me"
    result = run("export", "--answers", str(answers_file), "--output", str(out), "--force")
    assert result.returncode == 0 and out.read_text().startswith("# ConsultAid summary")


def test_export_with_bad_answers_exits_2(tmp_path):
    bad = tmp_path / "a.yaml"
    bad.write_text("goal: nope\n")
    result = run("export", "--answers", str(bad), "--output", str(tmp_path / "x.md"))
    assert result.returncode == 2 and "'nope' is not an option of 'goal'" in result.stderr
    assert not (tmp_path / "x.md").exists()


def test_export_counsellor_adds_the_handover(tmp_path, answers_file):
    out = tmp_path / "s.md"
    assert run("export", "--answers", str(answers_file), "--output", str(out), "--counsellor").returncode == 0
    text = out.read_text()
    assert "## Handover" in text and "`counselling-referral`" in text and "(rule `comparison`)" in text


def test_rules_fhir_questionnaire(tmp_path):
    result = run("rules", "fhir-questionnaire", str(RULES))
    assert result.returncode == 0 and json.loads(result.stdout)["resourceType"] == "Questionnaire"
    out = tmp_path / "q.json"
    assert run("rules", "fhir-questionnaire", "--output", str(out)).returncode == 0 and private(out)


# --- sessions -----------------------------------------------------------------------------------------------


def test_session_round_trip(tmp_path, rulebook):
    answers = Answers.validate({"goal": "appearance", "area": ["nose"]}, rulebook, complete=False)
    path = save_session(tmp_path / "s.json", rulebook, answers, position="concern")
    assert private(path)
    resumed = load_session(path, rulebook)
    assert resumed.answers == answers and resumed.position == "concern"
    assert not resumed.rulebook_changed and resumed.not_kept == [] and resumed.report(rulebook) == ""


def test_resume_against_a_changed_rulebook_says_what_no_longer_fits(tmp_path, rulebook):
    answers = Answers.validate(
        {"goal": "appearance", "area": ["nose", "chin"], "concern": ["chin-weak"]}, rulebook, complete=False
    )
    path = save_session(tmp_path / "s.json", rulebook, answers)
    changed = tmp_path / "rules"
    changed.mkdir()
    for f in RULES.glob("*.yaml"):
        text = f.read_text()
        if f.name == "questions.yaml":
            text = text.replace("      - id: chin-weak\n", "      - id: chin-small\n")
        if f.name in ("rules.yaml", "decision-aid.yaml"):
            text = text.replace("chin-weak", "chin-small")
        (changed / f.name).write_text(text)
    from consultaid import load_rulebook

    new_book = load_rulebook(changed)
    resumed = load_session(path, new_book)
    assert resumed.rulebook_changed
    assert dict(resumed.answers) == {"goal": ("appearance",), "area": ("nose", "chin")}
    report = resumed.report(new_book)
    # in the wizard's words: the question's text, and the saved choice (no longer one of its options)
    question = new_book.question("concern").text
    assert "has changed since" in report and f"“{question}”: “chin-weak” is not among its choices" in report


def test_resume_rejects_a_file_that_is_not_a_session(tmp_path, rulebook):
    from consultaid import AnswersError

    path = tmp_path / "s.json"
    path.write_text('{"goal": "appearance"}')  # an answers file: says so, and what to use
    with pytest.raises(AnswersError) as info:
        load_session(path, rulebook)
    assert "this is an answers file" in str(info.value) and "consultaid --answers" in str(info.value)
    path.write_text('{"notes": "for the consultation"}')
    with pytest.raises(AnswersError) as info:
        load_session(path, rulebook)
    assert "not a ConsultAid session file" in str(info.value)


def test_resume_flag_errors_exit_2(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{nope")
    result = run("--resume", str(path))
    assert (
        result.returncode == 2 and "not a saved session" in result.stderr and "Traceback" not in result.stderr
    )


def test_a_session_from_a_newer_consultaid_is_refused(tmp_path, rulebook):
    from consultaid import AnswersError

    path = save_session(tmp_path / "s.json", rulebook, Answers())
    path.write_text(path.read_text().replace('"format_version": 1', '"format_version": 99'))
    with pytest.raises(AnswersError) as info:
        load_session(path, rulebook)
    assert "saved by a newer ConsultAid" in str(info.value)
