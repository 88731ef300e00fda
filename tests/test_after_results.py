"""After the results: the knowledge check (true-or-false statements from the rulebook) and which way the
person is leaning. Both optional; recorded in the results view, every summary, the FHIR response and saved
sessions; a leaning towards an option that changed answers no longer show is cleared, with a notice."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from consultaid import Answers, evaluate, load_rulebook
from consultaid.reflection import NOT_SURE, WAITING, Reflection, statement_key
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.rulebook.lint import lint
from consultaid.session import load_session, save_session
from consultaid.view import build_view
from consultaid.wizard import Wizard

from .conftest import BASE_ANSWERS, MINIMAL_BOOK

TWO = {"area": ["face"], "concern": ["face-sagging", "face-volume-loss"]}


def answers_for(rulebook, **changes):
    return Answers.validate({**BASE_ANSWERS, **changes}, rulebook)


# --- the rulebook's statements ------------------------------------------------------------------------------


def test_every_default_option_has_three_to_five_statements_that_agree_with_its_data(rulebook):
    options = [*rulebook.procedures.values(), rulebook.no_procedure]
    for item in options:
        assert 3 <= len(item.knowledge) <= 5, item
        assert any(s.answer for s in item.knowledge) and any(not s.answer for s in item.knowledge), item
    checked = [(p, s) for p in rulebook.procedures.values() for s in p.knowledge if s.about is not None]
    assert len(checked) >= 10
    for procedure, statement in checked:
        about = statement.about
        if about.surgical is not None:
            assert (procedure.surgical == about.surgical) == statement.answer, statement.says
        if about.permanence is not None:
            assert (procedure.permanence in about.permanence) == statement.answer, statement.says


def test_the_view_lists_the_statements_of_the_options_shown_and_waiting_only(rulebook):
    answers = answers_for(rulebook, **TWO)
    result = evaluate(rulebook, answers)
    view = build_view(rulebook, answers, result)
    shown = [s.id for s in result.suggestions] + [WAITING]
    expected = [
        statement_key(oid, k)
        for oid in shown
        for k in range(len((rulebook.no_procedure if oid == WAITING else rulebook.procedures[oid]).knowledge))
    ]
    assert [item.key for item in view.knowledge] == expected
    assert all(item.given is None for item in view.knowledge) and view.to_go_over == ()
    assert [oid for oid, _ in view.leaning_choices] == shown + [NOT_SURE]
    assert view.leaning is None


def _reflected(rulebook):
    """Two statements answered (one right, one wrong), one 'not sure', and a leaning."""
    answers = answers_for(rulebook, **TWO)
    facelift = rulebook.procedures["facelift"].knowledge
    reflection = (
        Reflection()
        .know("facelift/1", "true" if not facelift[0].answer else "false")  # wrong
        .know("facelift/2", "true" if facelift[1].answer else "false")  # right
        .know("no-procedure/2", "unsure")
        .lean("dermal-fillers")
    )
    return answers, reflection


def test_answers_right_wrong_and_not_sure_and_the_facts_to_go_over_again(rulebook):
    answers, reflection = _reflected(rulebook)
    view = build_view(rulebook, answers, evaluate(rulebook, answers), reflection)
    answered = {item.key: item for item in view.knowledge_answered}
    assert set(answered) == {"facelift/1", "facelift/2", "no-procedure/2"}
    assert answered["facelift/1"].right is False and answered["facelift/2"].right is True
    assert answered["no-procedure/2"].right is False  # not sure is something to go over again
    assert [item.key for item in view.to_go_over] == ["facelift/1", "no-procedure/2"]
    assert view.knowledge_score() == f"You answered 3 of {len(view.knowledge)} statements; 1 was right."
    assert view.leaning == "dermal-fillers"
    assert view.leaning_label == rulebook.procedures["dermal-fillers"].name


def test_every_summary_records_the_leaning_and_the_knowledge_check(rulebook):
    answers, reflection = _reflected(rulebook)
    summary = Summary.build(
        rulebook, answers, created=dt.date(2026, 11, 27), counsellor=True, reflection=reflection
    )
    name = rulebook.procedures["dermal-fillers"].name
    wrong = rulebook.procedures["facelift"].knowledge[0]
    markdown = render(summary, "markdown")
    assert f"You said: **{name}**." in markdown
    assert "## Check what you know" in markdown and wrong.says in markdown and wrong.explain in markdown
    handover = markdown[markdown.index("## Handover") :]
    assert f"**Which way are you leaning?** {name}" in handover
    assert "### Facts to go over again" in handover and wrong.says in handover
    right = rulebook.procedures["facelift"].knowledge[1]
    assert right.says not in handover  # answered rightly: nothing to go over
    page = render(summary, "html")
    assert name in page and "Facts to go over again" in page
    document = json.loads(render(summary, "json"))
    assert document["leaning"] == {"id": "dermal-fillers", "label": name}
    assert document["to_go_over"] == ["facelift/1", "no-procedure/2"]
    assert {item["key"] for item in document["knowledge_check"]} == {
        "facelift/1",
        "facelift/2",
        "no-procedure/2",
    }


def test_a_summary_without_them_says_the_leaning_was_not_given_and_lists_no_check(rulebook):
    summary = Summary.build(rulebook, answers_for(rulebook), created=dt.date(2026, 11, 27))
    markdown = render(summary, "markdown")
    assert "## Which way are you leaning?\n\nNot said (the question is optional)." in markdown
    assert "## Check what you know" not in markdown
    assert json.loads(render(summary, "json"))["leaning"] is None


def test_the_fhir_response_records_the_leaning_as_an_item_of_the_questionnaire(rulebook):
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    from consultaid.report.fhir import questionnaire

    answers, reflection = _reflected(rulebook)
    summary = Summary.build(rulebook, answers, created=dt.date(2026, 11, 27), reflection=reflection)
    q = Questionnaire.model_validate(questionnaire(rulebook))
    r = QuestionnaireResponse.model_validate(json.loads(render(summary, "fhir")))
    (item,) = [i for i in r.item if i.linkId == "leaning"]
    assert item.answer[0].valueCoding.code == "dermal-fillers"
    (asked,) = [i for i in q.item if i.linkId == "leaning"]
    assert asked.required is False
    codes = {o.valueCoding.code for o in asked.answerOption}
    assert codes == set(rulebook.procedures) | {WAITING, NOT_SURE}
    plain = Summary.build(rulebook, answers, created=dt.date(2026, 11, 27))
    assert "leaning" not in {
        i.linkId for i in QuestionnaireResponse.model_validate(json.loads(render(plain, "fhir"))).item
    }


# --- changing answers, and sessions -------------------------------------------------------------------------


def test_changing_an_answer_clears_a_leaning_whose_option_is_no_longer_shown_with_a_notice(rulebook):
    wizard = Wizard(rulebook, answers_for(rulebook, **TWO))
    wizard.lean("dermal-fillers")
    wizard.answer("concern", ["face-sagging"])  # fillers no longer shown
    assert "dermal-fillers" not in {s.id for s in evaluate(rulebook, wizard.answers).suggestions}
    assert wizard.reflection.leaning is None
    assert wizard.leaning_cleared == rulebook.procedures["dermal-fillers"].name


@pytest.mark.parametrize("leaning", ["facelift", WAITING, NOT_SURE])
def test_a_leaning_that_is_still_shown_or_waiting_or_not_sure_stays(rulebook, leaning):
    wizard = Wizard(rulebook, answers_for(rulebook, **TWO))
    wizard.lean(leaning)
    wizard.answer("concern", ["face-sagging"])
    assert wizard.reflection.leaning == leaning and wizard.leaning_cleared is None


def test_a_saved_session_keeps_the_leaning_and_the_knowledge_answers(tmp_path, rulebook):
    answers, reflection = _reflected(rulebook)
    path = save_session(tmp_path / "s.json", rulebook, answers, position="concern", reflection=reflection)
    resumed = load_session(path, rulebook)
    assert resumed.answers == answers
    assert resumed.reflection == reflection
    assert resumed.not_kept == []


def test_a_session_whose_leaning_or_statements_no_longer_fit_says_so(tmp_path, rulebook):
    answers, reflection = _reflected(rulebook)
    path = save_session(tmp_path / "s.json", rulebook, answers, reflection=reflection)
    data = json.loads(path.read_text())
    data["after_results"]["knowledge"].update({"facelift/9": "true", "facelift/3": "maybe", "nose/1": "true"})
    data["answers"]["concern"] = ["face-sagging"]  # fillers no longer shown: the leaning goes
    path.write_text(json.dumps(data))
    resumed = load_session(path, rulebook)
    assert resumed.reflection.leaning is None
    assert set(resumed.reflection.knowledge) == {"facelift/1", "facelift/2", "no-procedure/2"}
    report = resumed.report(rulebook)
    assert "'facelift/9': this knowledge-check statement is no longer in the rulebook" in report
    assert "'facelift/3': 'maybe' is not an answer" in report
    assert "leaning towards 'dermal-fillers'" in report


# --- the lint -----------------------------------------------------------------------------------------------


def test_an_option_without_statements_is_flagged_with_what_to_add(write_rules):
    problems = [
        p for p in lint(load_rulebook(write_rules({"book.yaml": MINIMAL_BOOK}))) if "knowledge" in p.message
    ]
    assert [p.message for p in problems] == [
        "procedure 'rhinoplasty' has no knowledge-check statements: add 3 to 5 under it, as "
        "'knowledge: [{says: ..., answer: true or false, explain: ...}]'"
    ]


STATEMENTS = """    knowledge:
      - {says: It is an operation., answer: true, explain: It is surgery., about: {surgical: true}}
      - {says: It wears off in a year., answer: true, explain: It does., about: {permanence: temporary}}
      - {says: It is permanent., answer: false, explain: It is., about: {permanence: [permanent]}}
      - {says: It is not surgery., answer: true, explain: It is., about: {surgical: false}}
"""


def test_a_statement_whose_answer_contradicts_the_procedures_own_data_is_flagged_at_its_about(write_rules):
    text = MINIMAL_BOOK.lstrip("\n").replace("    scarring: small\n", "    scarring: small\n" + STATEMENTS)
    problems = [p for p in lint(load_rulebook(write_rules({"book.yaml": text}))) if "statement" in p.message]
    assert [p.message for p in problems] == [
        "statement 2 of procedure 'rhinoplasty' ('It wears off in a year.'): its answer is true, but it is "
        "about 'permanence: temporary' and the procedure says 'permanence: permanent'",
        "statement 3 of procedure 'rhinoplasty' ('It is permanent.'): its answer is false, but it is about "
        "'permanence: permanent' and the procedure says 'permanence: permanent'",
        "statement 4 of procedure 'rhinoplasty' ('It is not surgery.'): its answer is true, but it is about "
        "'surgical: false' and the procedure says 'surgical: true'",
    ]
    lines = text.splitlines()
    assert problems[0].line == next(n for n, line in enumerate(lines, 1) if "It wears off in a year." in line)


def test_too_many_statements_and_about_on_waiting_are_flagged(write_rules):
    six = "    knowledge:\n" + "".join(
        f"      - {{says: Statement {n}., answer: true, explain: Because.}}\n" for n in range(6)
    )
    waiting = """no_procedure:
  title: Waiting
  summary: Waiting is an option.
  benefits: [No risk.]
  downsides: [No change.]
  upkeep: None.
  day_to_day: As usual.
  downtime: none
  scarring: none
  knowledge:
    - {says: It is surgery., answer: false, explain: It is not., about: {surgical: true}}
    - {says: It is an option., answer: true, explain: It is.}
    - {says: It costs a lot., answer: false, explain: It costs nothing.}
"""
    text = MINIMAL_BOOK.replace("    scarring: small\n", "    scarring: small\n" + six) + waiting
    messages = [
        p.message for p in lint(load_rulebook(write_rules({"book.yaml": text}))) if "statement" in p.message
    ]
    assert (
        "procedure 'rhinoplasty' has 6 knowledge-check statements; the check asks 3 to 5 per option"
        in messages
    )
    assert any("waiting has no 'surgical' of its own" in m for m in messages)


def test_rules_check_strict_fails_on_missing_or_contradicting_statements_and_the_schema_knows_them(
    write_rules,
):
    """Through the command a rulebook's maintainers run: exit 2 with the place, and the JSON Schema that
    editors check a rule file with holds the statements (a wrong answer type is an error there too)."""
    import subprocess
    import sys

    import jsonschema

    from consultaid.rulebook.schema import rulebook_schema

    text = MINIMAL_BOOK.lstrip("\n").replace("    scarring: small\n", "    scarring: small\n" + STATEMENTS)
    for book, wanted in [
        (MINIMAL_BOOK, "has no knowledge-check statements"),
        (text, "its answer is true, but it is about 'surgical: false'"),
    ]:
        folder = write_rules({"book.yaml": book})
        out = subprocess.run(
            [sys.executable, "-m", "consultaid", "rules", "check", str(folder), "--strict"],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 2 and wanted in out.stderr, out.stderr
        assert "book.yaml:" in out.stderr  # placed at its file and line
    schema = rulebook_schema()
    statement = schema["$defs"]["Statement"]
    assert set(statement["required"]) >= {"says", "answer", "explain"}
    assert "knowledge" in schema["$defs"]["Procedure"]["properties"]
    assert "knowledge" in schema["$defs"]["NoProcedure"]["properties"]
    about = json.dumps(schema["$defs"]["StatementAbout"])
    assert "permanence" in about and "surgical" in about
    validator = jsonschema.Draft202012Validator({**statement, "$defs": schema["$defs"]})
    assert validator.is_valid({"says": "It lasts.", "answer": False, "explain": "It fades."})
    assert not validator.is_valid({"says": "It lasts.", "answer": "no", "explain": "It fades."})
