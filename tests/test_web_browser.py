"""The web wizard in a real browser: headless Chromium from the system packages, driven by Playwright.

The server is the installed command (``consultaid web``) on a free loopback port. The walks run with
JavaScript switched off in the browser, so every step is shown to work without it (Playwright's own probes
still run, through the debugging protocol); axe-core needs JavaScript for its checks, so the pages it checks
are opened with it on (they have no script of their own, and the CSP would refuse one).

Checked here: axe-core finds no violation on any page type, at 1280 and at 320 px wide (320 px is 1280
px at 400% zoom), with no sideways scrolling; a keyboard-only walk (Tab, arrows, Space, Enter) from the
first question to the downloaded summary; the error summary takes focus; focus is always visible; the
print styles; no request leaves the server's address, no cookie, no CSP violation; and the server writes
no access log. Screenshots of each page type at both widths are kept in tests/artifacts/ (not in git).

Nothing is skipped: without Chromium (scripts/ensure-chromium installs it) these tests fail and say why.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import BASE_ANSWERS, ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTHS = {"wide": (1280, 900), "narrow": (320, 720)}
CRITICAL = {**BASE_ANSWERS, "preoccupation": "daily-over-1h", "health": ["smoking"]}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """``consultaid web`` on a free loopback port it takes itself (``--port 0``: no other program can take the
    port between its choice and its use); after the tests, its output must hold no visit."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from web import start_server

    log = tmp_path_factory.mktemp("server") / "server.log"
    with log.open("wb") as out:
        try:
            process, base = start_server(1, out)
        except RuntimeError as exc:
            pytest.fail(f"consultaid web did not start: {exc}")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
    text = log.read_text()
    # only the start-up line: no access log, no answers, no tracebacks
    assert "POST" not in text and "GET" not in text and "Traceback" not in text, text
    assert "nose-shape" not in text and "a:goal" not in text, text


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
            "Run `sh scripts/ensure-chromium` (make test does) or install the 'chromium' package."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser tab (JavaScript off unless asked for), recording every request, response and console
    message. axe-core needs JavaScript to run its checks; the pages have none of their own."""

    def __init__(self, browser: Any, base: str, width: str = "wide", javascript: bool = False) -> None:
        w, h = WIDTHS[width]
        self.base = base
        self.context = browser.new_context(
            viewport={"width": w, "height": h}, java_script_enabled=javascript, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.requests: list[str] = []
        self.cookies_set: list[str] = []
        self.console: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "response", lambda r: self.cookies_set.append(r.url) if "set-cookie" in r.headers else None
        )
        self.page.on("console", lambda m: self.console.append(m.text))

    def goto(self, path: str = "/") -> Any:
        return self.page.goto(self.base + path)

    @property
    def question(self) -> str | None:
        field = self.page.locator("input[name=at]")
        return field.get_attribute("value") if field.count() else None

    def press(self, value: str) -> None:
        """Click the button with this value and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.click(f"button[value={value}]")

    def answer(self, choose: list[str]) -> None:
        for option in choose:
            self.page.check(f"#choice-{option}")
        self.press("next")

    def walk(self, answers: dict[str, Any], path: str = "/") -> None:
        self.goto(path)
        self.press("start")
        for _ in range(40):
            question = self.question
            if question is None:
                return
            value = answers.get(question, [])
            self.answer([value] if isinstance(value, str) else list(value))
        raise AssertionError("the wizard does not end")

    def check_clean(self) -> None:
        """Nothing fetched from elsewhere, no cookie, no CSP violation."""
        outside = [u for u in self.requests if not u.startswith(self.base + "/")]
        assert not outside, f"requests to elsewhere: {outside}"
        assert not self.cookies_set, f"cookies set by: {self.cookies_set}"
        assert not self.context.cookies()
        csp = [m for m in self.console if "Content Security Policy" in m or "Refused" in m]
        assert not csp, csp

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_(width: str = "wide", javascript: bool = False) -> Visit:
        v = Visit(browser, server, width, javascript)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.check_clean()
        v.close()


# -- every page type -----------------------------------------------------------------------------------------


def _to_start(v: Visit) -> None:
    v.goto("/")


def _to_question(v: Visit) -> None:
    v.goto("/")
    v.press("start")


def _to_checkboxes(v: Visit) -> None:
    _to_question(v)
    v.answer(["appearance"])


def _to_error(v: Visit) -> None:
    _to_question(v)
    v.press("next")


def _to_dropped(v: Visit) -> None:
    _to_checkboxes(v)
    v.answer(["nose"])
    v.answer(["nose-shape"])
    v.press("back")
    v.press("back")
    v.page.uncheck("#choice-nose")
    v.answer(["eyes"])


def _to_counsellor(v: Visit) -> None:
    v.goto("/?mode=counsellor")
    v.press("start")
    v.answer(["appearance"])


def _to_results(v: Visit) -> None:
    v.walk(CRITICAL)


def _to_counsellor_results(v: Visit) -> None:
    v.walk(CRITICAL, "/?mode=counsellor")


def _to_readiness(v: Visit) -> None:
    v.walk(BASE_ANSWERS)
    v.press("readiness")


def _to_readiness_done(v: Visit) -> None:
    _to_readiness(v)
    while v.question is not None:
        v.answer(["no"])


def _to_leaning(v: Visit) -> None:
    v.walk(BASE_ANSWERS)
    v.press("leaning")


def _to_knowledge(v: Visit) -> None:
    v.walk(BASE_ANSWERS)
    v.press("knowledge")


def _to_knowledge_explained(v: Visit) -> None:
    _to_knowledge(v)
    for name in v.page.eval_on_selector_all(
        "fieldset.statement input[value=true]", "inputs => inputs.map(i => i.id)"
    )[:3]:
        v.page.check(f"#{name}")
    v.press("knowledge-done")


def _to_optional(v: Visit) -> None:
    v.goto("/")
    v.press("start")
    while v.question != "turned-down":
        value = BASE_ANSWERS.get(v.question, [])
        v.answer([value] if isinstance(value, str) else list(value))


def _to_forged(v: Visit) -> None:
    v.goto("/?mode=admin")


def _to_not_found(v: Visit) -> None:
    v.goto("/nowhere")


PAGES = {
    "start": (_to_start, "Prepare for a consultation"),
    "question-single": (_to_question, "Question 1 of"),
    "question-multiple": (_to_checkboxes, "Question 2 of"),
    "question-error": (_to_error, "Error: Question 1 of"),
    "question-dropped-answer": (_to_dropped, "Question 3 of"),
    "question-counsellor": (_to_counsellor, "Question 2 of"),
    "results": (_to_results, "Your summary"),
    "results-counsellor": (_to_counsellor_results, "Your summary"),
    "readiness": (_to_readiness, "Are you ready to decide? Question 1"),
    "results-after-readiness": (_to_readiness_done, "Your summary"),
    "leaning": (_to_leaning, "Which way are you leaning?"),
    "knowledge": (_to_knowledge, "Check what you know"),
    "knowledge-explained": (_to_knowledge_explained, "Check what you know: your answers explained"),
    "question-optional": (_to_optional, "Question"),
    "error-400": (_to_forged, "This form could not be used"),
    "error-404": (_to_not_found, "Page not found"),
}


def _axe(page: Any) -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            }
        },
    )


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_type_has_no_axe_violation_and_fits_the_width(visit, kind, width) -> None:
    reach, title = PAGES[kind]
    v = visit(width, javascript=True)
    reach(v)
    page = v.page
    assert page.title().startswith(title), page.title()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{kind}-{WIDTHS[width][0]}.png"), full_page=True)
    results = _axe(page)
    assert results.violations_count == 0, results.generate_report()
    # nothing scrolls sideways, even at 320 px (1280 px at 400% zoom)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= WIDTHS[width][0], f"{kind} is {scroll} px wide at {WIDTHS[width][0]} px"
    assert page.locator("main h1").count() == 1 or page.locator("main legend h1").count() == 1


# -- keyboard only -------------------------------------------------------------------------------------------


def _focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), type: e.type || '', value: e.value || '', id: e.id || '',
                text: (e.innerText || '').trim(), outline: s.outlineStyle,
                outlineWidth: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }"""
    )


def _tab_to(page: Any, wanted: Any, limit: int = 80) -> dict[str, Any]:
    """Press Tab until ``wanted(focused)``; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] in ("a", "button", "input"):
            assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, (
                f"focus not visible: {focused}"
            )
        if wanted(focused):
            return focused
    raise AssertionError("Tab never reached the element")


def _enter(page: Any) -> None:
    """Press Enter on a button that submits, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_walk_from_the_first_question_to_the_downloaded_summary(visit) -> None:
    v = visit("wide")
    page = v.page
    v.goto("/")
    _tab_to(page, lambda f: f["value"] == "start")
    _enter(page)
    questions = 0
    while (question := v.question) is not None:
        questions += 1
        assert questions < 40
        wanted = CRITICAL.get(question)
        focused = _tab_to(page, lambda f: f["tag"] == "input" and f["type"] in ("radio", "checkbox"))
        if wanted is not None:
            target = wanted if isinstance(wanted, str) else wanted[0]
            if focused["type"] == "radio":
                # arrows move within a radio group (and choose); Space chooses the one with focus
                for _ in range(30):
                    if _focused(page)["value"] == target:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
            else:
                while _focused(page)["value"] != target:
                    page.keyboard.press("Tab")
                page.keyboard.press("Space")
            assert page.is_checked(f"#choice-{target}")
        _tab_to(page, lambda f: f["value"] == "next")
        _enter(page)
        assert v.question != question or "Error" in page.title(), f"stuck on {question}"
    assert page.title().startswith("Your summary")
    assert questions >= 10
    _tab_to(page, lambda f: f["value"] == "markdown", limit=300)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".md")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("# ConsultAid summary")
    assert "## Critical points" in text
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "keyboard-walk-summary.md").write_text(text, encoding="utf-8")


def test_the_error_summary_takes_focus_and_leads_to_the_question(visit) -> None:
    v = visit("wide")
    page = v.page
    v.goto("/")
    v.press("start")
    _tab_to(page, lambda f: f["value"] == "next")
    _enter(page)
    assert page.title().startswith("Error:")
    assert _focused(page)["id"] == "" and page.evaluate(
        "document.activeElement.classList.contains('error-summary')"
    )
    _tab_to(page, lambda f: f["tag"] == "a" and "Choose" in f["text"])
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#choice-appearance"
    page.keyboard.press("Space")
    assert page.is_checked("#choice-appearance")


def test_keyboard_only_through_the_knowledge_check_and_back_to_the_results(visit) -> None:
    v = visit("wide")
    page = v.page
    v.walk(BASE_ANSWERS)
    _tab_to(page, lambda f: f["value"] == "knowledge", limit=300)
    _enter(page)
    assert page.title().startswith("Check what you know")
    # Tab lands on the group's chosen radio button ("No answer"); an arrow moves round to "True"
    focused = _tab_to(page, lambda f: f["tag"] == "input" and f["type"] == "radio")
    assert focused["value"] == "" and focused["id"].endswith("--none")
    page.keyboard.press("ArrowDown")
    statement = _focused(page)
    assert statement["value"] == "true" and page.is_checked(f"#{statement['id']}")
    _tab_to(page, lambda f: f["value"] == "knowledge-done", limit=120)
    _enter(page)
    assert page.title().startswith("Check what you know: your answers explained")
    assert "You answered 1 of" in page.inner_text("main")
    _tab_to(page, lambda f: f["value"] == "results")
    _enter(page)
    assert page.title().startswith("Your summary")
    assert "You answered 1 of" in page.inner_text("#knowledge")


# -- print, and the rest ------------------------------------------------------------------------------------


def test_the_results_print_without_buttons(visit) -> None:
    v = visit("wide")
    _to_results(v)
    page = v.page
    page.emulate_media(media="print")
    assert not page.is_visible("#downloads")
    assert not page.is_visible("button[value=readiness]")
    assert page.is_visible("#critical-title")
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "results-print.pdf"))
    page.screenshot(path=str(ARTIFACTS / "results-print-1280.png"), full_page=True)


GRID_PEOPLE = {
    "one option": {},
    "two options": {"area": ["face"], "concern": ["face-sagging", "face-volume-loss"]},
    "three options": {"area": ["skin"], "concern": ["skin-lines"]},
}


@pytest.mark.parametrize("who", list(GRID_PEOPLE))
def test_the_summarys_grid_prints_on_one_a4_page_for_up_to_three_options(browser, who) -> None:
    """A real print to PDF (Chromium's, as a person's Print > Save as PDF): the grid alone, title and table
    with the summary's own print styles, comes out as one A4 page with every option and waiting."""
    import datetime as dt
    import re

    from consultaid import Answers, load_rulebook
    from consultaid.report import render
    from consultaid.report.summary import Summary

    rulebook = load_rulebook(ROOT / "rules")
    summary = Summary.build(
        rulebook,
        Answers.validate({**BASE_ANSWERS, **GRID_PEOPLE[who]}, rulebook),
        created=dt.date(2026, 11, 27),
    )
    assert len(summary.result.suggestions) == ["one option", "two options", "three options"].index(who) + 1
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(render(summary, "html"))
        page.evaluate(
            """() => document.body.replaceChildren(document.querySelector('h2.grid-title'),
                                                   document.querySelector('table.grid'))"""
        )
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"grid-print-{who.replace(' ', '-')}.pdf").write_bytes(pdf)
    finally:
        context.close()
    assert re.search(rb"/MediaBox \[0 0 59[45]\.?\d* 841\.?\d*\]", pdf)  # A4: 210 x 297 mm, in points
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == 1, f"the grid for {who} prints on {pages} pages"


def test_downloads_in_the_browser_are_files(visit) -> None:
    v = visit("narrow")
    _to_results(v)
    for fmt, suffix in [("html", ".html"), ("fhir", ".fhir.json")]:
        with v.page.expect_download() as info:
            v.page.click(f"button[value={fmt}]")
        assert info.value.suggested_filename.endswith(suffix)
    assert v.page.title().startswith("Your summary")  # the page stays as it was
