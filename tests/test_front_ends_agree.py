"""One person, three front ends, one result: the same answers given through the terminal app (Pilot, keys
only), the web wizard (its pages, submitted as a browser would) and the plain mode (the installed command,
scripted standard input) give the same suggestions, cautions and left-out options, in the same order, as
``consultaid suggest --format json`` does for the answers file. All three drive the one wizard core; this
test is what would catch a front end that asked, numbered or kept an answer differently."""

from __future__ import annotations

import html
import json
import re
import subprocess
from typing import Any

from starlette.testclient import TestClient

from consultaid.answers import Answers
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.question import QuestionScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.widgets.choice_list import ChoiceList
from consultaid.web.app import create_app
from consultaid.wizard import Wizard

from .test_plain import COMMAND, check_clean, plain
from .test_tui import go
from .test_web import walk as web_walk

# Someone who meets every part of the result: several options, one left out by their own preference, a
# critical caution first, health and abroad warnings; every question answered, optional ones included, and
# multiple answers given both ways plain mode takes them (spaces and commas).
PERSON: dict[str, Any] = {
    "goal": "both",
    "area": ["face", "skin"],
    "concern": ["face-sagging", "face-volume-loss", "skin-lines"],
    "motivation": ["for-myself", "comparison"],
    "preoccupation": "daily-over-1h",
    "impact": "sometimes",
    "considering": "under-1-month",
    "previous": "none",
    "age": "18-or-over",
    "approach": "non-surgical-only",
    "health": ["smoking", "keloid-scars"],
    "turned-down": "no",
    "abroad": "not-sure",
    "priorities": ["quick-recovery", "few-scars"],
}


def as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def ids(result: dict[str, Any]) -> dict[str, list[str]]:
    """What must agree: the suggestions, cautions and left-out options, by id and in order."""
    return {part: [item["id"] for item in result[part]] for part in ("suggestions", "cautions", "left_out")}


def plain_lines(rulebook, answers: dict[str, Any]) -> list[str]:
    """What a person types in plain mode: the numbers of their options as plain mode numbers them (the
    options offered, in order), question by question as the wizard asks them."""
    wizard = Wizard(rulebook)
    question = wizard.first()
    lines: list[str] = []
    separators = iter([" ", ", ", ","] * 10)
    while question is not None:
        offered = [option.id for option in wizard.offered(question)]
        wanted = sorted(as_list(answers.get(question.id, [])), key=offered.index)
        lines.append(next(separators).join(str(offered.index(w) + 1) for w in wanted))
        wizard.answer(question.id, wanted)
        question = wizard.next_stop(question.id).question
    return lines


async def tui_walk(pilot, app: ConsultAidApp, answers: dict[str, Any]) -> ResultsScreen:
    """From the welcome screen to the results with keys alone: arrows to each wanted option, Space to
    choose it (several-choice questions), Enter to go on."""
    await go(pilot, "enter")
    for _ in range(40):
        screen = app.screen
        if isinstance(screen, ResultsScreen):
            return screen
        assert isinstance(screen, QuestionScreen), screen
        choices = screen.query_one(ChoiceList)
        offered = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        wanted = as_list(answers[screen.question_id])
        for option in wanted:
            target = offered.index(option)
            while choices.highlighted != target:
                await go(pilot, "down" if (choices.highlighted or 0) < target else "up")
            if choices.multiple:
                await go(pilot, "space")
        await go(pilot, "enter")
    raise AssertionError("the terminal app's wizard does not end")


def web_result(page_text: str, rulebook) -> dict[str, list[str]]:
    """The ids of what the web results page shows: option cards, caution boxes, and the left-out list."""
    text = html.unescape(page_text)
    options = [o for o in re.findall(r'<h3 id="option-([a-z0-9-]+)">', text) if o != "no-procedure"]
    cautions = re.findall(r'<h3 id="caution-([a-z0-9-]+)">', text)
    left_out: list[str] = []
    if 'id="left-out-title"' in text:
        part = text[text.index('id="left-out-title"') :]
        part = part[: part.index("</section>")]
        by_name = {p.name: pid for pid, p in rulebook.procedures.items()}
        left_out = [by_name[name] for name in re.findall(r"<li><strong>(.*?):</strong>", part)]
    return {"suggestions": options, "cautions": cautions, "left_out": left_out}


async def test_the_same_answers_through_the_terminal_app_the_web_and_plain_mode_give_one_result(
    tmp_path, rulebook
) -> None:
    answers_file = tmp_path / "person.json"
    answers_file.write_text(json.dumps(PERSON))
    direct = subprocess.run(
        [str(COMMAND), "suggest", "--answers", str(answers_file), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert direct.returncode == 0, direct.stderr
    expected = ids(json.loads(direct.stdout))
    # the person meets every part: several options, one left out, a critical caution first
    assert len(expected["suggestions"]) >= 3 and expected["left_out"] == ["facelift"]
    assert expected["cautions"][0] == "counselling-referral"

    # plain mode: the installed command, typed answers, then the JSON export (e, 3) by prompt
    out = plain(*plain_lines(rulebook, PERSON), "e", "3", "plain.json", "q", cwd=tmp_path)
    check_clean(out)
    exported = json.loads((tmp_path / "plain.json").read_text())
    assert exported["answers"] == PERSON
    through_plain = ids(exported["result"])

    # the terminal app: keys only
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await tui_walk(pilot, app, PERSON)
        assert app.wizard.answers.to_document(rulebook) == PERSON
        through_tui = ids(results.result.model_dump(mode="json"))
        assert [o.id for o in results.aid.options] == through_tui["suggestions"]  # what the screen lays out

    # the web wizard: page by page, as a browser submits them
    with TestClient(create_app(rulebook)) as client:
        page = web_walk(client, PERSON)
        assert page.h1 == "Your summary to take to a consultation"
        assert Answers.validate(page.answers, rulebook).to_document(rulebook) == PERSON
        through_web = web_result(page.text, rulebook)

    assert through_plain == expected
    assert through_tui == expected
    assert through_web == expected
