"""The web wizard through HTTP (Starlette's TestClient): every page, the steps, validation of forged forms,
the security headers, no cookies, the downloads and counsellor mode.

Pages are read and submitted by tests/webpage.py as a browser would (hidden fields, checked choices, the
pressed button), so the tests do not depend on how the answers are carried.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from consultaid import evaluate, load_rulebook
from consultaid.answers import Answers
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.web.app import CSP, create_app

from .conftest import BASE_ANSWERS, RULES
from .webpage import Page, post, start

RULEBOOK = load_rulebook(RULES)
CRITICAL = {**BASE_ANSWERS, "preoccupation": "daily-over-1h"}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(RULEBOOK)) as c:
        yield c


def as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def walk(client, answers: dict[str, Any], url: str = "/") -> Page:
    """Answer every question the pages ask from ``answers`` (skipping optional ones not given) and return
    the page after the last one."""
    page = start(client, url).submit("start")
    seen = 0
    while page.question is not None:
        assert page.status == 200, page.text
        page = page.submit("next", as_list(answers.get(page.question, [])))
        seen += 1
        assert seen < 40, "the wizard does not end"
    return page


def check_headers(response) -> None:
    h = response.headers
    assert h["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "frame-ancestors 'none'" in CSP and "unsafe" not in CSP
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in h
    assert "server" not in h or "uvicorn" not in h["server"]


# -- pages ---------------------------------------------------------------------------------------------------


def test_start_page_explains_and_starts(client) -> None:
    page = start(client)
    assert page.status == 200
    check_headers(page.response)
    assert page.response.headers["cache-control"] == "no-store"
    assert "Not medical advice" in page.text and "Private" in page.text
    assert page.form.action == "/step"
    assert page.button("start").text == "Start"
    assert '<html lang="en">' in page.text
    assert '<link rel="stylesheet" href="/static/consultaid.css">' in page.text
    assert "<script" not in page.text and "style=" not in page.text


def test_first_question_page_is_an_accessible_form(client) -> None:
    page = start(client).submit("start")
    question = RULEBOOK.question("goal")
    assert page.question == "goal"
    assert page.title.startswith("Question 1 of ")
    assert f"<legend><h1>{question.text}</h1></legend>" in page.text.replace("&#39;", "'")
    assert 'aria-describedby="question-help"' in page.text
    assert page.form.ids["question-help"]["tag"] == "p"
    assert page.offered == [o.id for o in question.options]
    for option in question.options:
        # every choice has a label, and its help is tied to it
        assert f'<label for="choice-{option.id}">' in page.text
        if option.help:
            assert page.form.ids[f"choice-{option.id}"]["aria-describedby"] == f"choice-{option.id}-help"
    # Next comes first, so Enter in the form goes on rather than back
    assert [b.value for b in page.form.buttons] == ["next", "back"]
    assert all(c["type"] == "radio" for c in page.form.choices)


def test_multiple_choice_uses_checkboxes(client) -> None:
    page = start(client).submit("start").submit("next", ["appearance"])
    assert page.question == "area"
    assert {c["type"] for c in page.form.choices} == {"checkbox"}
    assert "Choose all that apply." in page.text


def test_missing_answer_shows_an_error_summary_that_takes_focus(client) -> None:
    page = start(client).submit("start").submit("next", [])
    assert page.status == 200
    assert page.question == "goal"
    assert page.title.startswith("Error: ")
    summary = page.form.ids["error-summary-title"]
    assert summary["tag"] == "h2"
    assert re.search(r'<div class="error-summary" role="alert"[^>]* tabindex="-1" autofocus>', page.text)
    assert 'href="#choice-appearance"' in page.text
    assert 'aria-describedby="question-help question-error"' in page.text
    assert page.answers == {}


def test_next_and_back_keep_the_answers(client) -> None:
    goal = start(client).submit("start")
    area = goal.submit("next", ["function"])
    assert area.question == "area" and area.answers == {"goal": ["function"]}
    assert area.title.startswith("Question 2 of ")
    back = area.submit("back", ["nose"])
    assert back.question == "goal"
    assert back.checked == ["function"]
    assert back.answers == {"goal": ["function"], "area": ["nose"]}
    again = back.submit("next")
    assert again.question == "area" and again.checked == ["nose"]
    home = back.submit("back")
    assert home.question is None and home.button("start")
    assert home.answers == {"goal": ["function"], "area": ["nose"]}


def test_conditional_options_follow_earlier_answers(client) -> None:
    area = start(client).submit("start").submit("next", ["appearance"])
    concern = area.submit("next", ["nose"])
    assert concern.question == "concern"
    assert set(concern.offered) == {
        o.id for o in RULEBOOK.offered_options(RULEBOOK.question("concern"), {"area": frozenset({"nose"})})
    }
    assert "eyelid-hooding" not in concern.offered


def test_changing_an_earlier_answer_names_the_answers_it_dropped(client) -> None:
    concern = start(client).submit("start").submit("next", ["appearance"]).submit("next", ["nose"])
    motivation = concern.submit("next", ["nose-shape"])
    assert motivation.question == "motivation"
    area = motivation.submit("back").submit("back")
    assert area.question == "area"
    moved = area.submit("next", ["eyes"])
    assert moved.question == "concern"
    assert 'role="status"' in moved.text
    assert "was cleared" in moved.text
    assert RULEBOOK.question("concern").text in moved.text.replace("&#39;", "'")
    assert "concern" not in moved.answers
    assert moved.checked == []


def test_results_page_shows_critical_points_first_then_overview_and_details(client) -> None:
    page = walk(client, CRITICAL)
    assert page.status == 200 and page.question is None
    assert page.h1 == "Your summary to take to a consultation"
    view = Summary.build(RULEBOOK, Answers.validate(CRITICAL, RULEBOOK)).view
    assert view.critical
    text = page.text
    critical = text.index("Critical points")
    glance = text.index("At a glance")
    options = text.index("Options worth discussing")
    assert critical < glance < options
    for caution in view.critical:
        assert text.index(caution.title) < glance
    for line in view.overview():
        assert line in text.replace("&#39;", "'")
    for option in view.every_option:
        assert f'id="option-{option.id}"' in text
    for source in view.sources:
        assert f'href="{source.url}" rel="noreferrer noopener"' in text
    check_headers(page.response)


def test_web_results_are_the_engines_and_the_exports(client, tmp_path) -> None:
    """The same answers through the web pages and through the command line give the same summary."""
    import subprocess
    import sys

    answers = {**BASE_ANSWERS, "area": ["nose", "chin"], "concern": ["nose-shape", "chin-weak"]}
    page = walk(client, answers)
    result = evaluate(RULEBOOK, Answers.validate(answers, RULEBOOK))
    shown = re.findall(r'<article class="option" aria-labelledby="option-([^"]+)"', page.text)
    assert shown == [s.id for s in result.suggestions]
    shown_cautions = re.findall(r'aria-labelledby="caution-([^"]+)"', page.text)
    assert sorted(shown_cautions) == sorted(c.id for c in result.cautions)

    file = tmp_path / "answers.json"
    file.write_text(json.dumps(answers))
    out = tmp_path / "summary.md"
    subprocess.run(
        [sys.executable, "-m", "consultaid", "export", "--answers", str(file), "--output", str(out)],
        check=True,
        capture_output=True,
    )
    download = page.submit("markdown")
    assert download.response.text == out.read_text()


def test_change_an_answer_from_the_results(client) -> None:
    results = walk(client, BASE_ANSWERS)
    button = results.button("change:considering")
    assert "your answer to" in button.text
    page = results.submit("change:considering")
    assert page.question == "considering" and page.checked == [BASE_ANSWERS["considering"]]
    after = page.submit("next", ["under-1-month"])
    assert after.question == "previous"  # goes on from there; the results are a Next or two away
    assert after.answers["considering"] == ["under-1-month"]


def test_readiness_check_one_question_per_page_then_next_steps(client) -> None:
    results = walk(client, BASE_ANSWERS)
    assert "Check whether you are ready" in results.button("readiness").text
    page = results.submit("readiness")
    readiness = RULEBOOK.readiness_questions
    for number, question in enumerate(readiness, start=1):
        assert page.question == question.id
        assert page.title.startswith(f"Are you ready to decide? Question {number} of {len(readiness)}")
        page = page.submit("next", ["no" if number == 1 else "yes"])
    assert page.question is None
    assert "Next steps" in page.text
    assert readiness[0].options[1].next_step.split()[0] in page.text
    assert "Change your readiness answers" in page.button("readiness").text
    # back from the first readiness question returns to the results
    back = page.submit("readiness").submit("back")
    assert back.question is None and back.h1 == "Your summary to take to a consultation"


def test_results_wait_for_every_required_answer(client) -> None:
    """Asking for the results early shows the first question that still needs an answer."""
    page = post(client, "/step", [("a:goal", "appearance"), ("go", "results")])
    assert page.status == 200
    assert page.question == "area"
    assert "This question still needs an answer." in page.text


def test_downloads_are_attachments_made_by_the_report_renderers(client) -> None:
    results = walk(client, CRITICAL)
    answers = Answers.validate(CRITICAL, RULEBOOK)
    for fmt, suffix, media in [
        ("markdown", ".md", "text/markdown"),
        ("html", ".html", "text/html"),
        ("fhir", ".fhir.json", "application/fhir+json"),
    ]:
        page = results.submit(fmt)
        response = page.response
        assert response.status_code == 200
        check_headers(response)
        disposition = response.headers["content-disposition"]
        assert disposition.startswith("attachment; filename=") and disposition.endswith(f'{suffix}"')
        assert response.headers["content-type"].startswith(media)
        expected = render(Summary.build(RULEBOOK, answers, created=dt.date.today()), fmt)
        assert response.text == expected
    fhir = json.loads(results.submit("fhir").response.text)
    assert fhir["resourceType"] == "QuestionnaireResponse"


def test_counsellor_mode_jumps_between_questions_and_shows_rules(client) -> None:
    home = start(client, "/?mode=counsellor")
    assert "Counsellor mode" in home.text
    assert ("mode", "counsellor") in home.form.fields
    goal = home.submit("start").submit("next", ["appearance"])
    # every asked question is listed, to jump to
    assert goal.button("change:goal") and goal.button("change:area")
    assert 'aria-current="step"' in goal.text
    jumped = goal.submit("change:goal", ["nose"])
    assert jumped.question == "goal"
    assert jumped.answers["area"] == ["nose"]
    results = walk(client, CRITICAL, url="/?mode=counsellor")
    assert "Handover: which answers raised which points" in results.text
    assert "(rule <code>" in results.text
    summary = results.submit("markdown").response.text
    assert "## Handover" in summary
    patient = walk(client, CRITICAL)
    assert "Handover" not in patient.text and "(rule <code>" not in patient.text


def test_the_server_does_its_one_time_work_before_the_first_request(monkeypatch) -> None:
    """When the server starts (the app's lifespan), every template is compiled and what start-up made is
    frozen out of the garbage collector's scans: a whole walk to the downloaded summary then compiles no
    template (the first people did the compiling while they waited, and every page asked the disk whether
    its templates had changed)."""
    import gc

    from jinja2 import Environment

    with TestClient(create_app(RULEBOOK)) as fresh:
        assert gc.get_freeze_count() > 0

        def compile_again(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"a template was compiled while serving: {args[1:3]}")

        monkeypatch.setattr(Environment, "compile", compile_again)
        results = walk(fresh, CRITICAL)
        assert results.status == 200 and "Your summary" in results.text
        assert results.submit("readiness").status == 200
        for fmt in ("markdown", "html", "fhir"):
            assert results.submit(fmt).status == 200


def test_health_endpoint(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok\n"
    check_headers(response)


@pytest.mark.parametrize(
    "path", ["/", "/healthz", "/static/consultaid.css", "/static/favicon.svg", "/nowhere", "/step"]
)
def test_every_response_has_the_security_headers_and_no_cookie(client, path) -> None:
    response = client.get(path, follow_redirects=False)
    check_headers(response)
    assert response.status_code in (200, 303, 404)


def test_stylesheet_is_served_with_focus_and_print_styles(client) -> None:
    response = client.get("/static/consultaid.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    css = response.text
    assert ":focus-visible" in css and "@media print" in css and "max-width: 30em" in css


def test_a_bookmarked_step_starts_again(client) -> None:
    response = client.get("/step", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_not_found_and_wrong_method_are_plain_pages(client) -> None:
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "Page not found" in missing.text
    wrong = client.put("/step")
    assert wrong.status_code == 405
    check_headers(wrong)
    assert "Traceback" not in wrong.text


def test_no_cookie_on_a_whole_walk(client) -> None:
    client.cookies.clear()
    walk(client, CRITICAL).submit("html")
    assert not client.cookies


# -- forged forms --------------------------------------------------------------------------------------------

ENC = "application/x-www-form-urlencoded"
STARTED = [("a:goal", "appearance")]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ([("at", "goal"), ("choice", "bogus"), ("go", "next")], "not an option"),
        ([("at", "goal"), ("choice", "appearance"), ("choice", "function"), ("go", "next")], "takes one"),
        ([("a:goal", "bogus"), ("go", "start")], "not an option"),
        ([("a:nope", "x"), ("go", "start")], "unknown question"),
        ([("a:goal", "appearance"), ("a:goal", "function"), ("go", "start")], "takes one"),
        ([("a:concern", "nose-shape"), ("go", "start")], "not offered"),
        ([*STARTED, ("a:area", "eyes"), ("a:concern", "nose-shape"), ("go", "start")], "not offered"),
        ([("at", "ready-sure"), ("choice", "maybe"), ("go", "next")], "not an option"),
        ([("at", "nope"), ("go", "next")], "not asked"),
        ([("go", "fly")], "unknown step"),
        ([("go", "next")], "needs the question"),
        ([("go", "next"), ("go", "back"), ("at", "goal")], "given 2 times"),
        ([("choice", "appearance"), ("go", "next")], "without the question"),
        ([("go", "change:nope")], "no question"),
        ([("go", "start"), ("mode", "admin")], "unknown mode"),
        ([("go", "start"), ("debug", "1")], "unknown field"),
        ([("go", "start"), ("fmt", "html")], "only for a download"),
    ],
)
def test_a_forged_step_gets_a_plain_400_page(client, body, why) -> None:
    page = post(client, "/step", body)
    assert page.status == 400, page.text
    assert why in page.text.replace("&#39;", "'")
    assert "This form could not be used" in page.text
    assert "Traceback" not in page.text and 'href="/"' in page.text
    check_headers(page.response)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ([*STARTED, ("fmt", "markdown")], "missing an answer"),
        ([(k, v) for k, v in BASE_ANSWERS.items() if isinstance(v, str)], "unknown format"),
        ([("fmt", "exe")], "unknown format"),
        ([("fmt", "markdown"), ("go", "next")], "only the answers"),
    ],
)
def test_a_forged_download_gets_a_400_page(client, body, why) -> None:
    if body and not body[0][0].startswith(("a:", "fmt")):
        body = [(f"a:{k}", v) for k, v in body]
    page = post(client, "/download", body)
    assert page.status == 400
    assert why in page.text
    assert "content-disposition" not in page.response.headers


@pytest.mark.parametrize(
    ("content", "content_type", "why"),
    [
        (b"go=start&a:goal=\xff", ENC, "not UTF-8"),
        (b"go=start&" + b"x" * 70_000, ENC, "larger than"),
        (b"go=start" + b"&a:goal=appearance" * 600, ENC, "more than"),
        (b'{"go": "start"}', "application/json", "x-www-form-urlencoded"),
        (b"go=start", "multipart/form-data; boundary=x", "x-www-form-urlencoded"),
    ],
)
def test_a_malformed_body_gets_a_400_page(client, content, content_type, why) -> None:
    response = client.post("/step", content=content, headers={"content-type": content_type})
    assert response.status_code == 400
    assert why in response.text
    check_headers(response)


def test_control_characters_in_a_forged_field_are_shown_as_escapes(client) -> None:
    page = post(client, "/step", [("a:goal", "\x1b[2J<script>"), ("go", "start")])
    assert page.status == 400
    assert "\x1b" not in page.text and "<script>" not in page.text
    assert "\\x1b[2J&lt;script&gt;" in page.text


def test_the_start_page_refuses_unknown_parameters(client) -> None:
    assert client.get("/?mode=admin").status_code == 400
    assert client.get("/?goal=appearance").status_code == 400


def test_rulebook_text_is_shown_as_text(write_rules) -> None:
    from .conftest import MINIMAL_BOOK

    book = MINIMAL_BOOK.replace("What is your goal?", "What is <b>your</b> goal?")
    app = create_app(load_rulebook(write_rules(**{"book.yaml": book})))
    with TestClient(app) as c:
        page = start(c).submit("start")
    assert "What is &lt;b&gt;your&lt;/b&gt; goal?" in page.text
    assert "<b>your</b>" not in page.text


def test_an_unexpected_error_is_a_plain_500_page(monkeypatch) -> None:
    from consultaid.web.app import WebWizard

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(WebWizard, "question_page", broken)
    with TestClient(create_app(RULEBOOK), raise_server_exceptions=False) as c:
        response = c.post("/step", content="go=start", headers={"content-type": ENC})
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "boom" not in response.text and "Traceback" not in response.text
    check_headers(response)


CONDITIONAL = """
  - id: chin-detail
    kind: single
    when: {area: chin}
    text: Is it the size or the shape of your chin?
    help: Choose one.
    options:
      - {id: size, label: Size}
      - {id: shape, label: Shape}
procedures:"""


def test_a_conditional_question_is_asked_only_when_its_condition_holds(write_rules) -> None:
    from .conftest import MINIMAL_BOOK

    book = MINIMAL_BOOK.replace("\nprocedures:", CONDITIONAL, 1)
    with TestClient(create_app(load_rulebook(write_rules(**{"book.yaml": book})))) as c:
        area = start(c).submit("start").submit("next", ["appearance"])
        nose = area.submit("next", ["nose"])
        assert nose.question == "concern" and nose.title.startswith("Question 3 of 3")
        chin = area.submit("next", ["chin"])
        assert chin.question == "concern" and chin.title.startswith("Question 3 of 4")
        detail = chin.submit("next", ["chin-weak"])
        assert detail.question == "chin-detail"
        results = detail.submit("next", ["size"])
        assert results.question is None and results.answers["chin-detail"] == ["size"]
        # changing the area away from the chin drops the detail, and says so
        back = results.submit("change:area").submit("next", ["nose"])
        assert "no longer applies and was cleared" in back.text and "chin-detail" not in back.answers
        forged = post(
            c,
            "/step",
            [
                ("a:goal", "appearance"),
                ("a:area", "nose"),
                ("at", "chin-detail"),
                ("choice", "size"),
                ("go", "next"),
            ],
        )
        assert forged.status == 400 and "not asked" in forged.text.replace("&#39;", "'")


def test_the_app_factory_reads_the_rulebook_folder_from_the_environment(write_rules, monkeypatch) -> None:
    from .conftest import MINIMAL_BOOK

    monkeypatch.setenv("CONSULTAID_RULES", str(write_rules(**{"book.yaml": MINIMAL_BOOK})))
    with TestClient(create_app()) as c:
        page = start(c).submit("start")
    assert "What is your goal?" in page.text
    assert page.title.startswith("Question 1 of 3")


def test_the_core_knows_nothing_of_the_web() -> None:
    import subprocess
    import sys

    code = (
        "import sys, consultaid.wizard, consultaid.view, consultaid.report.summary, consultaid.cli\n"
        "bad = [m for m in ('starlette', 'jinja2', 'uvicorn') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_web_command_says_what_it_does() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "consultaid", "web", "--help"], capture_output=True, text=True, check=True
    )
    assert "--host" in done.stdout and "--port" in done.stdout and "127.0.0.1" in done.stdout
    # (0 is served on a free port, and the address printed names it: the test below)
    bad = subprocess.run(
        [sys.executable, "-m", "consultaid", "web", "--port", "99999"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr
    assert "0<=x<=65535" in bad.stderr and "web wizard on" not in bad.stderr


def test_the_web_command_on_port_0_takes_a_free_port_and_says_which(tmp_path) -> None:
    """`--port 0` serves on a port the system chose, and the address printed is that port (it printed ':0'
    before); the port is taken before it is printed, so nothing else can answer there in its place."""
    import re
    import sys

    import httpx

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from web import start_server

    log = tmp_path / "web.log"
    with log.open("wb") as out:
        process, base = start_server(1, out)
    try:
        printed = re.findall(r"http://127\.0\.0\.1:(\d+)/", log.read_text())
        assert printed and int(printed[0]) != 0, log.read_text()
        assert base == f"http://127.0.0.1:{printed[0]}"
        assert httpx.get(f"{base}/", timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)


# -- the comparison and the leaning --------------------------------------------------------------------------


def test_results_compare_the_options_side_by_side_in_a_table(client) -> None:
    page = walk(client, BASE_ANSWERS)
    view = Summary.build(RULEBOOK, Answers.validate(BASE_ANSWERS, RULEBOOK)).view
    assert view.grid is not None
    assert 'role="region" aria-label="Compare the options side by side: the table" tabindex="0"' in page.text
    for name in view.grid.columns:
        assert f'<th scope="col">{name}</th>' in page.text.replace("&#39;", "'")
    for row in view.grid.rows:
        assert f'<th scope="row">{row.label}</th>' in page.text.replace("&#39;", "'")
    assert page.text.index("compare-title") < page.text.index("options-title")


def test_which_way_you_lean_is_one_optional_question_recorded_in_the_summary(client) -> None:
    results = walk(client, BASE_ANSWERS)
    view = Summary.build(RULEBOOK, Answers.validate(BASE_ANSWERS, RULEBOOK)).view
    page = results.submit("leaning")
    assert page.h1 == "Which way are you leaning?"
    radios = [c["value"] for c in page.form.choices]
    assert radios == [cid for cid, _ in view.leaning_choices] + [""]  # and "No answer", chosen till then
    assert [c["value"] for c in page.form.choices if "checked" in c] == [""]
    chosen = view.leaning_choices[0][0]
    back = post(client, "/step", list(page.form.fields) + [("lean", chosen), ("go", "results")])
    assert back.status == 200 and back.h1 == "Your summary to take to a consultation"
    assert ("lean", chosen) in back.form.fields
    assert f"You said: <strong>{view.leaning_choices[0][1]}</strong>" in back.text
    again = back.submit("leaning")
    assert again.checked == [chosen] and ("lean", chosen) not in again.form.fields
    summary = back.submit("markdown").response.text
    assert f"You said: **{view.leaning_choices[0][1]}**" in summary
    # "No answer" takes the leaning back, without a script
    unsaid = again.submit("results", pick={"lean": ""})
    assert unsaid.status == 200 and not [v for k, v in unsaid.form.fields if k == "lean"]
    assert "Say which way you lean" in unsaid.text


def test_a_leaning_is_cleared_when_changed_answers_take_its_option_away(client) -> None:
    view = Summary.build(RULEBOOK, Answers.validate(BASE_ANSWERS, RULEBOOK)).view
    option = view.options[0].id
    changed = Answers.validate({**BASE_ANSWERS, "approach": "non-surgical-only"}, RULEBOOK)
    assert option not in {s.id for s in evaluate(RULEBOOK, changed).suggestions}
    fields = [(f"a:{k}", x) for k, v in BASE_ANSWERS.items() for x in as_list(v)]
    step = [("lean", option), ("at", "approach"), ("choice", "non-surgical-only"), ("go", "results")]
    page = post(client, "/step", fields + step)
    assert page.status == 200
    assert "was cleared" in page.text and ("lean", option) not in page.form.fields


@pytest.mark.parametrize("lean", ["bogus", "facelift"])
def test_a_forged_leaning_gets_a_400_page(client, lean) -> None:
    fields = [(f"a:{k}", x) for k, v in BASE_ANSWERS.items() for x in as_list(v)]
    page = post(client, "/step", fields + [("lean", lean), ("go", "results")])
    assert page.status == 400 and "not one of the options shown" in page.text
    download = post(client, "/download", fields + [("lean", lean), ("fmt", "markdown")])
    assert download.status == 400


# -- the knowledge check, and unchoosing an optional answer ------------------------------------------------


def test_the_knowledge_check_is_optional_reached_from_the_results_explained_and_summarised(client) -> None:
    results = walk(client, BASE_ANSWERS)
    view = Summary.build(RULEBOOK, Answers.validate(BASE_ANSWERS, RULEBOOK)).view
    assert "Check what you know" in results.text and "was right" not in results.text  # nothing answered yet
    page = results.submit("knowledge")
    assert page.status == 200 and page.h1 == "Check what you know"
    groups: dict[str, list[str]] = {}
    for c in page.form.choices:
        groups.setdefault(c["name"], []).append(c["value"])
    # every statement about the options shown (waiting included), each True, False, Not sure or No answer
    assert list(groups) == [f"k:{item.key}" for item in view.knowledge]
    assert all(values == ["true", "false", "unsure", ""] for values in groups.values())
    assert all(c["value"] == "" for c in page.form.choices if "checked" in c)  # no answer yet
    assert page.text.count("<fieldset") == len(view.knowledge) and page.text.count("<legend>") == len(
        view.knowledge
    )
    first, second, third = view.knowledge[:3]
    wrong = "false" if first.answer else "true"
    right = "true" if second.answer else "false"
    picks = {f"k:{first.key}": wrong, f"k:{second.key}": right, f"k:{third.key}": "unsure"}
    explained = page.submit("knowledge-done", pick=picks)
    assert explained.status == 200 and explained.h1 == "Check what you know: your answers explained"
    text = explained.text.replace("&#39;", "'")
    assert f"You answered 3 of {len(view.knowledge)} statements; 1 was right." in text
    for item in (first, second, third):
        assert item.says in text and item.explain in text
    assert "Not quite" in text and "Right" in text and "Not sure is fine" in text
    back = explained.submit("results")
    assert back.h1 == "Your summary to take to a consultation"
    assert (f"k:{first.key}", wrong) in back.form.fields and (f"k:{third.key}", "unsure") in back.form.fields
    section = back.text[back.text.index('id="knowledge"') : back.text.index('id="leaning"')]
    assert "Worth going over again" in section
    assert first.says in section and third.says in section and second.says not in section
    # the downloads record it
    markdown = back.submit("markdown").response.text
    assert "## Check what you know" in markdown and f"**{first.says}**" in markdown
    assert "You answered 3 of" in back.submit("html").response.text
    # going back to the check shows the answers; "No answer" takes one back
    again = back.submit("knowledge")
    checked = {c["name"]: c["value"] for c in again.form.choices if "checked" in c}
    assert checked[f"k:{first.key}"] == wrong and checked[f"k:{second.key}"] == right
    assert not [name for name, _ in again.form.fields if name.startswith("k:")]  # asked again, not hidden
    fewer = again.submit("knowledge-done", pick={f"k:{first.key}": ""})
    assert f"You answered 2 of {len(view.knowledge)} statements" in fewer.text
    assert not [v for k, v in fewer.form.fields if k == f"k:{first.key}"]


def test_the_counsellor_handover_names_the_leaning_and_the_facts_to_go_over_again(client) -> None:
    results = walk(client, BASE_ANSWERS, "/?mode=counsellor")
    view = Summary.build(RULEBOOK, Answers.validate(BASE_ANSWERS, RULEBOOK)).view
    item = view.knowledge[0]
    page = results.submit("knowledge").submit(
        "knowledge-done", pick={f"k:{item.key}": "false" if item.answer else "true"}
    )
    back = page.submit("results")
    handover = back.text[back.text.index('id="handover-title"') :]
    assert "Which way are you leaning?</strong> Not said" in handover
    assert "Facts to go over again" in handover and item.says in handover


@pytest.mark.parametrize(
    "fields, why",
    [
        ([("k:nose-job/1", "true")], "is about a statement that is no longer there"),
        ([("k:rhinoplasty/99", "true")], "is about a statement that is no longer there"),
        ([("k:rhinoplasty/1", "maybe")], "is not true, false or not sure"),
        ([("k:rhinoplasty/1", "true"), ("k:rhinoplasty/1", "false")], "answered 2 times"),
    ],
)
def test_forged_knowledge_answers_get_a_400_page(client, fields, why) -> None:
    answers = [(f"a:{k}", x) for k, v in BASE_ANSWERS.items() for x in as_list(v)]
    page = post(client, "/step", answers + fields + [("go", "knowledge-done")])
    assert page.status == 400 and why in page.text
    assert post(client, "/download", answers + fields + [("fmt", "markdown")]).status == 400


def test_an_optional_single_choice_can_be_taken_back_without_javascript(client) -> None:
    page = start(client).submit("start")
    while page.question != "turned-down":
        page = page.submit("next", as_list(BASE_ANSWERS.get(page.question, [])))
    assert page.offered[-1] == "" and page.checked == [""]  # "No answer", chosen while nothing is
    assert 'id="choice--none"' in page.text and "No answer (skip this question)" in page.text
    following = page.submit("next", ["yes"])
    again = following.submit("back")
    assert again.question == "turned-down" and again.checked == ["yes"]
    cleared = again.submit("next", [""]).submit("back")
    assert cleared.checked == [""] and "turned-down" not in cleared.answers
    # a required question has no "No answer", and a forged empty answer to it is refused
    first = start(client).submit("start")
    assert "" not in first.offered
    forged = post(client, "/step", [("at", "goal"), ("choice", ""), ("go", "next")])
    assert forged.status == 400 and "'No answer' is only for an optional" in forged.text.replace("&#39;", "'")
