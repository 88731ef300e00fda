"""The plain line-by-line mode, through the installed command with scripted standard input: what a person
with a screen reader or a braille display meets, and the files it writes only when asked."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from consultaid.answers import Answers
from consultaid.plain import chosen_by_environment

from .conftest import BASE_ANSWERS, MINIMAL_BOOK

COMMAND = Path(sys.executable).parent / "consultaid"

# A calm adult thinking about the shape of their nose (the TUI tests walk the same person).
NOSE_PERSON = [
    "1",  # goal: how a part of my body looks
    "4",  # area: nose
    "1",  # concern: nose shape
    "1",  # motivation: for myself
    "1",  # preoccupation: rarely
    "1",  # impact: never
    "3",  # considering: over a year
    "1",  # previous: none
    "2",  # age: 18 or over
    "2",  # approach: open to surgery
    "",  # health: optional, skipped
    "1",  # turned-down: no
    "1",  # abroad: no
    "",  # priorities: optional, skipped
]
NOSE_ANSWERS = {**BASE_ANSWERS, "preoccupation": "rarely", "turned-down": "no", "abroad": "no"}


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ACCESSIBLE", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    env.update(changes)
    return env


def plain(
    *lines: str, cwd: Path, args: tuple[str, ...] = ("--plain",), env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), *args],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env or environment(),
        timeout=60,
    )


def check_clean(out: subprocess.CompletedProcess[str]) -> None:
    """Exit 0, nothing on stderr, no escape sequence or other control character, no traceback."""
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    assert out.stderr == ""
    controls = {c for c in out.stdout if ord(c) < 32 and c != "\n"} | {
        c for c in out.stdout if 0x7F <= ord(c) <= 0x9F
    }
    assert not controls, controls


def after(text: str, marker: str) -> str:
    assert marker in text, text[-3000:]
    return text.split(marker, 1)[1]


def test_a_whole_walk_ends_at_the_results_critical_first_then_the_overview(tmp_path):
    out = plain(*NOSE_PERSON, cwd=tmp_path)
    check_clean(out)
    assert out.stdout.count("Question 1 of 14: What would you most like to change?") == 1
    results = after(out.stdout, "Your summary to take to a consultation.")
    glance = after(results, "At a glance (type a number for the details):")
    assert (
        "  1. Option: Nose reshaping (rhinoplasty) (Surgery, cosmetic or reconstructive, permanent)" in glance
    )
    assert "  2. Option: Waiting, or no procedure" in glance
    assert "Type a number for its details, a for all the details" in glance
    # the end of input says that nothing was saved, and how to save next time
    assert "Your answers were not saved. Next time, type s" in out.stdout
    assert list(tmp_path.iterdir()) == []


def test_critical_points_come_before_the_overview(tmp_path):
    walk = list(NOSE_PERSON)
    walk[3] = "5 1"  # motivation: looking like someone else, and for myself
    walk[4] = "3"  # preoccupation: more than an hour a day
    walk[5] = "3"  # impact: often
    out = plain(*walk, cwd=tmp_path)
    check_clean(out)
    results = after(out.stdout, "Your summary to take to a consultation.")
    assert results.index("Critical: ") < results.index("At a glance")
    first = after(results, "Critical: ").split("At a glance")[0]
    glance = after(results, "At a glance")
    critical_items = [line for line in glance.splitlines() if ". Critical: " in line]
    assert critical_items
    for line in critical_items:
        assert line.split(". Critical: ", 1)[1] in first


@pytest.mark.parametrize("typed", ["4, 5", "4 5", "4,5", " 5  4 "])
def test_several_answers_by_spaces_or_commas(tmp_path, typed):
    out = plain("1", typed, cwd=tmp_path)
    check_clean(out)
    concern = after(out.stdout, "Question 3 of 14: What bothers you about these parts of your body?")
    assert "Nose: its shape or size" in concern and "Chin:" in concern and "Face:" not in concern


def test_back_shows_the_question_before_with_its_answer_kept(tmp_path):
    out = plain("1", "4", "b", "", "b", "b", "b", cwd=tmp_path)
    check_clean(out)
    back = after(out.stdout, "Question 3 of 14")
    again = after(back, "Question 2 of 14: Which parts of your body are you thinking about?")
    assert "  4. Nose (chosen)" in again
    assert "or press Enter to keep your answer (Nose)" in again
    assert "Question 3 of 14" in again  # Enter kept the answer and went on
    assert "This is the first question: there is nothing before it." in out.stdout


def test_help_says_what_the_keys_do_and_what_the_question_means(tmp_path):
    out = plain("?", cwd=tmp_path)
    check_clean(out)
    help_text = after(out.stdout, "Help.")
    assert "About this question: There is no wrong answer." in help_text
    assert "How a part of my body works: Repairing damage" in help_text  # an option's help
    assert "separated by spaces or commas" in help_text and "b goes back" in help_text
    assert "q quits" in help_text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("7", "There is no option 7: the options are numbered 1 to 4."),
        ("0", "This question needs an answer: 0 clears only the answer to an optional question."),
        ("1 2", "This question takes one answer: type one number."),
        ("one", "“one” is not a number."),
        ("9" * 5000, "is not a number"),
        ("\x1b[2J", "“\\x1b[2J” is not a number."),
        ("", "This question needs an answer to go on."),
    ],
)
def test_invalid_input_is_a_plain_message_and_the_question_again(tmp_path, typed, message):
    out = plain(typed, "1", cwd=tmp_path)
    check_clean(out)
    assert message in out.stdout
    assert out.stdout.count("Question 1 of 14: What would you most like to change?") == 2
    assert "Question 2 of 14" in out.stdout


def test_input_that_is_not_text_is_a_message_not_a_traceback(tmp_path):
    out = subprocess.run(
        [str(COMMAND), "--plain"],
        input=b"\xff\xfe\n1\n",
        capture_output=True,
        cwd=tmp_path,
        env=environment(),
    )
    assert out.returncode == 0 and b"Traceback" not in out.stderr and out.stderr == b""
    assert b"is not a number" in out.stdout and b"Question 2 of 14" in out.stdout


def test_end_of_input_mid_wizard_ends_cleanly_and_writes_nothing(tmp_path):
    out = plain("1", "4", cwd=tmp_path)
    check_clean(out)
    assert out.stdout.rstrip().endswith(
        "Your answers were not saved. Next time, type s at any question or at the results to save them to "
        "a file (q, to quit, also offers to save first)."
    )
    assert list(tmp_path.iterdir()) == []
    # with nothing answered, there is nothing to mention
    out = plain(cwd=tmp_path)
    check_clean(out)
    assert out.stdout.rstrip().endswith("No answers had been given.")


def test_quitting_with_answers_asks_first_and_staying_carries_on(tmp_path):
    out = plain("1", "q", "", "4", "q", "l", cwd=tmp_path)
    check_clean(out)
    assert out.stdout.count("Leave ConsultAid?") == 2
    assert "You are still here." in out.stdout
    assert "Question 3 of 14" in out.stdout  # the answer after staying was taken
    assert out.stdout.rstrip().endswith("Goodbye. Your answers were not saved.")
    assert list(tmp_path.iterdir()) == []
    out = plain("q", cwd=tmp_path)  # nothing answered: nothing to ask
    check_clean(out)
    assert "Leave ConsultAid?" not in out.stdout and "Goodbye." in out.stdout


def test_changing_an_answer_says_which_later_answers_were_dropped(tmp_path):
    out = plain("1", "4", "1", "b", "b", "5", cwd=tmp_path)
    check_clean(out)
    later = out.stdout.rsplit("Question 2 of 14", 1)[1]
    assert "Because you changed an earlier answer, your answer to “What bothers you" in later
    concern = after(later, "Question 3 of 14")
    assert "Chin:" in concern and "Nose:" not in concern and "(chosen)" not in concern


def test_save_by_prompt_writes_a_private_session_that_resumes(tmp_path):
    out = plain("1", "4", "s", "mine.json", cwd=tmp_path)
    check_clean(out)
    saved = tmp_path / "mine.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert f"Saved {saved}. Only you can read it." in out.stdout
    assert "Question 3 of 14" in after(out.stdout, "Saved ")  # the same question again, where it was
    document = json.loads(saved.read_text())
    assert document["answers"] == {"goal": "appearance", "area": ["nose"]}
    assert document["position"] == "concern"
    assert "Your answers are saved in mine.json." in out.stdout  # end of input: nothing is lost
    # carrying on: straight to the question where it was, and quitting unchanged asks nothing
    out = plain("q", cwd=tmp_path, args=("--plain", "--resume", "mine.json"))
    check_clean(out)
    assert "Question 3 of 14: What bothers you" in out.stdout
    assert "Leave ConsultAid?" not in out.stdout


def test_saving_never_replaces_a_file_unasked(tmp_path):
    (tmp_path / "mine.json").write_text("keep me")
    out = plain("1", "s", "mine.json", "n", "b", "s", "mine.json", "y", cwd=tmp_path)
    check_clean(out)
    assert out.stdout.count("mine.json already exists. Replace it?") == 2
    assert "Nothing was written." in out.stdout
    assert json.loads((tmp_path / "mine.json").read_text())["answers"] == {"goal": "appearance"}
    assert stat.S_IMODE((tmp_path / "mine.json").stat().st_mode) == 0o600


def test_quit_offers_to_save_first(tmp_path):
    out = plain("1", "q", "s", "", cwd=tmp_path)
    check_clean(out)
    written = list(tmp_path.iterdir())
    assert len(written) == 1 and written[0].name.startswith("consultaid-session-")
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
    assert out.stdout.rstrip().endswith("Goodbye.")


@pytest.mark.parametrize(
    ("number", "suffix", "check"),
    [
        ("1", ".md", "# ConsultAid summary"),
        ("2", ".html", "<!DOCTYPE html>"),
        ("4", ".fhir.json", '"resourceType": "QuestionnaireResponse"'),
    ],
)
def test_export_by_prompt_writes_a_private_summary(tmp_path, number, suffix, check):
    out = plain(*NOSE_PERSON, "e", number, "", cwd=tmp_path)
    check_clean(out)
    written = [p for p in tmp_path.iterdir() if p.name.startswith("consultaid-summary-")]
    assert len(written) == 1 and written[0].name.endswith(suffix)
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
    assert check.lower() in written[0].read_text().lower()
    assert f"Exported {written[0]}. Only you can read it." in out.stdout


def test_details_on_request(tmp_path):
    out = plain(*NOSE_PERSON, "1", "a", "99", "c", "", "q", "l", cwd=tmp_path)
    check_clean(out)
    results = after(out.stdout, "At a glance")
    detail = after(results, "Results: \nNose reshaping (rhinoplasty)")
    assert "Why it is shown: You would like to change the shape or size of your nose." in detail
    assert "Main risks:" in detail and "Who to look for:" in detail
    everything = after(detail, "Results: \n")
    assert "Waiting, or no procedure" in everything and "Questions to ask at the consultation" in everything
    assert "There is no item 99: the items are numbered 1 to" in out.stdout
    assert "Which answer would you like to change?" in out.stdout


def test_changing_an_answer_from_the_results_updates_them(tmp_path):
    # c, question 2 (area): nose and chin; the concerns (the chin's are new), then back at the results
    walk = [*NOSE_PERSON, "c", "2", "4 5", "1 3", ""]
    out = plain(*walk, cwd=tmp_path)
    check_clean(out)
    last = out.stdout.rsplit("At a glance", 1)[1]
    assert "Option: Nose reshaping" in last and "Option: Chin" in last
    # b on the question chosen goes back to the results, changing nothing
    out = plain(*NOSE_PERSON, "c", "4", "b", cwd=tmp_path)
    check_clean(out)
    assert after(out.stdout, "Which answer would you like to change?").count("At a glance") == 1


def test_readiness_check_from_the_results(tmp_path):
    out = plain(*NOSE_PERSON, "r", "2", "1", "1", "1", cwd=tmp_path)
    check_clean(out)
    readiness = after(out.stdout, "Are you ready to decide? 4 short questions.")
    assert "Next steps:" in readiness and "Take more time" in readiness


def test_counsellor_mode_shows_the_rules_and_the_handover(tmp_path):
    out = plain(*NOSE_PERSON, "a", cwd=tmp_path, args=("--plain", "--counsellor"))
    check_clean(out)
    assert "Handover: which answers raised which points" in out.stdout
    assert "(rule nose-shape)" in out.stdout


def test_prepared_answers_go_straight_to_the_results(tmp_path):
    (tmp_path / "answers.json").write_text(json.dumps(BASE_ANSWERS))
    out = plain(cwd=tmp_path, args=("--plain", "--answers", "answers.json"))
    check_clean(out)
    assert "Question 1 of" not in out.stdout and "At a glance" in out.stdout


def test_bad_answers_file_is_located_exit_2(tmp_path):
    (tmp_path / "answers.yaml").write_text("goal: looks\n")
    out = plain(cwd=tmp_path, args=("--plain", "--answers", "answers.yaml"))
    assert out.returncode == 2 and "answers.yaml:1:7: error" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"ACCESSIBLE": "1"}])
def test_chosen_by_itself_for_dumb_terminals_and_accessible(tmp_path, env):
    for args in ((), ("--rules", str(Path(__file__).resolve().parents[1] / "rules"))):
        out = plain("1", cwd=tmp_path, args=args, env=environment(**env))
        check_clean(out)
        assert "Plain mode" in out.stdout and "Question 2 of 14" in out.stdout


def test_which_environments_choose_plain_mode():
    assert chosen_by_environment({"TERM": "dumb"})
    assert chosen_by_environment({"TERM": "xterm", "ACCESSIBLE": "1"})
    assert chosen_by_environment({"ACCESSIBLE": "yes"})
    assert not chosen_by_environment({"TERM": "xterm"})
    assert not chosen_by_environment({"TERM": "xterm", "ACCESSIBLE": "0"})
    assert not chosen_by_environment({})


def test_a_rulebook_with_control_characters_is_refused_with_its_place(tmp_path, write_rules):
    book = MINIMAL_BOOK.replace("text: What is your goal?", 'text: "What is \\e[31myour\\e[0m goal?"')
    folder = write_rules(**{"book.yaml": book})
    out = plain("1", cwd=tmp_path, args=("--plain", "--rules", str(folder)))
    assert out.returncode == 2 and out.stdout == ""
    assert "book.yaml:" in out.stderr and "\\x1b" in out.stderr and "\x1b" not in out.stderr


def test_the_same_answers_give_the_same_result_as_an_answers_file(tmp_path):
    out = plain(*NOSE_PERSON, "e", "3", "walk.json", cwd=tmp_path)
    check_clean(out)
    exported = json.loads((tmp_path / "walk.json").read_text())
    assert exported["answers"] == NOSE_ANSWERS
    (tmp_path / "answers.json").write_text(json.dumps(NOSE_ANSWERS))
    direct = subprocess.run(
        [str(COMMAND), "suggest", "--answers", "answers.json", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert direct.returncode == 0, direct.stderr
    assert exported["result"] == json.loads(direct.stdout)


async def test_the_same_walk_gives_the_same_result_in_the_terminal_app(tmp_path, rulebook):
    from consultaid.tui.app import ConsultAidApp
    from consultaid.tui.screens.results import ResultsScreen

    from .test_tui import walk_nose_person

    out = plain(*NOSE_PERSON, "e", "3", "walk.json", cwd=tmp_path)
    check_clean(out)
    exported = json.loads((tmp_path / "walk.json").read_text())
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_nose_person(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert app.wizard.answers.to_document(rulebook) == exported["answers"]
        assert app.screen.result.model_dump(mode="json") == exported["result"]


def test_knowledge_check_and_leaning_go_into_the_saved_session_and_the_summary(tmp_path):
    out = plain(
        *NOSE_PERSON, "k", "1", "1", "b", "l", "2", "s", "mine.json", "e", "3", "summary.json", cwd=tmp_path
    )
    check_clean(out)
    knowledge = after(out.stdout, "Statement 1 of ")
    assert "Right: it is true." in knowledge
    assert "Not quite: it is false." in knowledge and "facts to go over again" in knowledge
    assert "You answered 2 of " in knowledge and "1 was right." in knowledge
    assert "You said: Waiting, or no procedure." in out.stdout
    session = json.loads((tmp_path / "mine.json").read_text())
    assert session["after_results"] == {
        "leaning": "no-procedure",
        "knowledge": {"rhinoplasty/1": "true", "rhinoplasty/2": "true"},
    }
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["leaning"] is not None and summary["to_go_over"]
    # carried on (at the results, where it was saved): the leaning is still there, and nothing changed means
    # nothing to ask on leaving
    out = plain("l", "", "q", cwd=tmp_path, args=("--plain", "--resume", "mine.json"))
    check_clean(out)
    assert "  2. Waiting, or no procedure (chosen)" in after(out.stdout, "Which way are you leaning?")
    assert "Leave ConsultAid?" not in out.stdout


# -- what the plain mode asks of the core ------------------------------------------------------------------


def test_next_stop_goes_on_then_to_a_gap_then_to_the_results(rulebook):
    from consultaid.answers import Answers
    from consultaid.wizard import Wizard

    wizard = Wizard(rulebook)
    wizard.answer("goal", ["appearance"])
    step = wizard.next_stop("goal")
    assert step.question is not None and step.question.id == "area" and not step.gap
    last = wizard.asked()[-1].id
    step = wizard.next_stop(last)  # at the end with questions still open: the first of them
    assert step.question is not None and step.question.id == "area" and step.gap
    wizard.answers = Answers.validate(NOSE_ANSWERS, rulebook)
    assert wizard.next_stop(last).question is None


def test_dropped_notice_names_the_questions(rulebook):
    from consultaid.wizard import Wizard, dropped_notice

    wizard = Wizard(rulebook)
    wizard.answer("goal", ["appearance"])
    wizard.answer("area", ["nose"])
    wizard.answer("concern", ["nose-shape"])
    dropped = wizard.answer("area", ["chin"])
    assert [d.question.id for d in dropped] == ["concern"]
    assert "“What bothers you about these parts of your body?”" in dropped_notice(dropped)
    assert dropped_notice([]) == ""


def test_overview_items_stand_for_every_option_then_every_caution(rulebook):
    from consultaid import Answers, evaluate
    from consultaid.view import build_view

    answers = Answers.validate(NOSE_ANSWERS, rulebook)
    view = build_view(rulebook, answers, evaluate(rulebook, answers))
    items = view.overview_items()
    assert [line for line, _ in items] == list(view.overview())
    assert [item for _, item in items] == [*view.every_option, *view.cautions]


def test_an_unexpected_fault_is_a_plain_message_and_offers_to_save(tmp_path, rulebook, monkeypatch, capsys):
    import io

    import consultaid.engine
    from consultaid.plain import run_plain
    from consultaid.wizard import Wizard

    def broken(*args, **kwargs):
        raise RuntimeError("a fault for the test")

    monkeypatch.setattr(consultaid.engine, "evaluate", broken)
    monkeypatch.chdir(tmp_path)
    wizard = Wizard(rulebook)
    wizard.answers = Answers.validate(NOSE_ANSWERS, rulebook)
    stdout = io.StringIO()
    status = run_plain(wizard, start=None, stdin=io.StringIO("kept.json\n"), stdout=stdout)
    assert status == 1
    said = stdout.getvalue()
    assert "An unexpected error stopped the wizard." in said and "Traceback" not in said
    assert "Your answers are saved in kept.json." in said
    assert json.loads((tmp_path / "kept.json").read_text())["answers"] == NOSE_ANSWERS
    assert "RuntimeError: a fault for the test" in capsys.readouterr().err
