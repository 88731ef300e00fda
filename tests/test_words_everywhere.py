"""The words explained and how the guide was made, in every front end and every summary: through the one
results view, laid out by the text, Markdown and HTML summaries, the terminal app, the plain mode and the web
pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from consultaid import Answers, evaluate, load_rulebook
from consultaid.report import render
from consultaid.report.summary import Summary
from consultaid.report.text import render_text
from consultaid.tui.app import ConsultAidApp
from consultaid.tui.screens.reading import AboutScreen, WordsScreen
from consultaid.tui.screens.results import ResultsScreen
from consultaid.tui.screens.welcome import WelcomeScreen
from consultaid.view import build_view

from .conftest import BASE_ANSWERS
from .test_lint import CLEAN

BREASTS = {**BASE_ANSWERS, "area": ["breasts"], "concern": ["breast-larger"]}
DAY = dt.date(2026, 12, 7)


def view_for(rulebook, answers):
    chosen = Answers.validate(answers, rulebook)
    return build_view(rulebook, chosen, evaluate(rulebook, chosen))


def summary_for(rulebook, answers) -> Summary:
    return Summary.build(rulebook, Answers.validate(answers, rulebook), created=DAY)


def section(text: str, title: str, *, underline: str = "") -> str:
    """The lines of one section of a summary: from its title to the next title."""
    start = text.index(title)
    rest = text[start + len(title) :]
    ends = [rest.find(mark) for mark in ("\n## ", "\nHow this guide was made\n---") if rest.find(mark) >= 0]
    return rest[: min(ends)] if ends else rest


# --- the view ---------------------------------------------------------------------------------------------


def test_the_view_explains_the_words_its_texts_use(rulebook):
    view = view_for(rulebook, BREASTS)
    terms = [w.term for w in view.words]
    assert {"capsular contracture", "BIA-ALCL", "lymphoma", "GMC"} <= set(terms)
    assert "rhinoplasty" not in terms and "genioplasty" not in terms
    assert terms == sorted(terms, key=str.lower)
    every = {e.term: e.means for e in rulebook.glossary}
    assert all(every[w.term] == w.means for w in view.words)
    shown = "\n".join(view.texts())
    assert all(re.search(re.escape(w.term), shown, re.IGNORECASE) for w in view.words if " " not in w.term)


def test_words_only_in_sources_are_not_explained(write_rules):
    glossary = (
        "glossary:\n  - term: rhinoplasty\n    means: Nose reshaping.\n"
        "  - term: graft\n    means: Moved skin.\n"
    )
    text = CLEAN.replace(
        "summary: Reshapes the nose.", "summary: Reshapes the nose (rhinoplasty). Uses a graft."
    )
    text = text.replace("title: Nose reshaping,", "title: Rhinoplasty and grafts,")
    book = load_rulebook(write_rules({"book.yaml": text, "glossary.yaml": glossary}))
    view = view_for(book, {"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]})
    assert [w.term for w in view.words] == ["graft", "rhinoplasty"]
    assert view.words_used("nothing here") == ()
    assert [w.term for w in view.words_used("a graft")] == ["graft"]


def test_the_view_says_how_the_guide_was_made(rulebook):
    about = view_for(rulebook, BREASTS).about
    assert about is not None
    assert [heading for heading, _ in about.parts] == [
        "Who wrote it",
        "How the evidence was chosen",
        "How and when it is checked again",
        "After a safety alert",
    ]
    assert about.dates == (
        f"ConsultAid default rulebook, version {rulebook.info.version}. Content checked "
        f"{rulebook.info.checked.day} {rulebook.info.checked:%B %Y}; next full review due by "
        f"{rulebook.info.review_due:%B %Y}."
    )


# --- the summaries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_summary_lists_exactly_the_words_it_uses(rulebook, fmt):
    summary = summary_for(rulebook, BREASTS)
    if fmt == "text":
        out = render_text(summary.view, rulebook)
        words = section(out, "Words used\n----------\n")
        listed = re.findall(r"^\* ([^:]+):", words, re.MULTILINE)
        rest = out.replace(words, "")
    elif fmt == "markdown":
        out = render(summary, "markdown")
        words = section(out, "## Words used\n")
        listed = re.findall(r"^- \*\*(.+?)\*\*:", words, re.MULTILINE)
        rest = out.replace(words, "").split("## Sources")[0]
    else:
        out = render(summary, "html")
        words = out[out.index("<h2>Words used</h2>") : out.index("<h2>How this guide was made</h2>")]
        listed = re.findall(r"<li><strong>(.+?)</strong>:", words)
        rest = out.replace(words, "").split("<h2>Sources</h2>")[0]
        rest = re.sub(r"<[^>]+>", " ", rest).replace("&quot;", '"').replace("&#x27;", "'")
    assert listed, out
    expected = [e.term for e in rulebook.words.used_in([rest])]
    assert listed == expected
    assert "capsular contracture" in listed and "BIA-ALCL" in listed


def test_a_shorter_summary_lists_fewer_words(write_rules):
    glossary = (
        "glossary:\n  - term: rhinoplasty\n    means: Nose reshaping.\n"
        "  - term: splint\n    means: A firm support.\n"
    )
    text = CLEAN.replace("summary: Reshapes the nose.", "summary: Reshapes the nose (rhinoplasty).")
    book = load_rulebook(write_rules({"book.yaml": text, "glossary.yaml": glossary}))
    summary = summary_for(book, {"goal": "appearance", "area": ["nose"], "concern": ["nose-shape"]})
    # The splint is in the option's "day to day" words: the Markdown summary shows them, the text does not.
    assert "- **splint**: A firm support." in render(summary, "markdown")
    out = render_text(summary.view, book)
    assert "* rhinoplasty: Nose reshaping." in out and "splint" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_summary_says_how_the_guide_was_made(rulebook, fmt):
    summary = summary_for(rulebook, BREASTS)
    out = render_text(summary.view, rulebook) if fmt == "text" else render(summary, fmt)
    about = summary.view.about
    assert "How this guide was made" in out
    for heading, text in about.parts:
        assert heading in out
        flat = " ".join(out.split()).replace("&quot;", '"').replace("&#x27;", "'")
        assert " ".join(text.split()) in flat, heading
    assert "No doctor or other clinician has checked it or signed it off yet." in " ".join(out.split())


def test_the_html_summary_keeps_the_sections_in_order(rulebook):
    out = render(summary_for(rulebook, BREASTS), "html")
    order = [out.index(f"<h2>{title}</h2>") for title in ("Words used", "How this guide was made", "Sources")]
    assert order == sorted(order)


# --- the terminal app -------------------------------------------------------------------------------------

SIZE = (80, 24)


async def test_w_opens_the_words_of_the_results_and_escape_goes_back(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BREASTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert "capsular contracture" in str(results.query_one("#words-summary").render())
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WordsScreen)
        assert [w.term for w in app.screen.words] == [w.term for w in results.aid.words]
        shown = [str(s.render()) for s in app.screen.query(".word-term")]
        assert shown == [w.term for w in results.aid.words]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is results


async def test_i_tells_how_the_guide_was_made_from_the_results_and_the_welcome(rulebook):
    app = ConsultAidApp(rulebook=rulebook, answers=BREASTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(".reading-part"))
        assert "No doctor or other clinician has checked it" in " ".join(text.split())
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    app = ConsultAidApp(rulebook=rulebook)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


def test_words_screen_snapshot(snap_compare, rulebook, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(ConsultAidApp(rulebook=rulebook, answers=BREASTS), terminal_size=SIZE, press=["w"])


def test_about_screen_snapshot(snap_compare, rulebook):
    assert snap_compare(ConsultAidApp(rulebook=rulebook), terminal_size=(60, 20), press=["i"])


# --- the plain mode ---------------------------------------------------------------------------------------


def test_plain_mode_lists_the_words_and_tells_how_the_guide_was_made(tmp_path, rulebook):
    import yaml

    from .test_plain import plain

    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(BREASTS), encoding="utf-8")
    out = plain("w", "i", "q", "l", cwd=tmp_path, args=("--plain", "--answers", str(answers)))
    assert out.returncode == 0, out.stderr
    view = view_for(rulebook, BREASTS)
    assert f"Words used: {len(view.words)} explained (type w)" in out.stdout
    assert "How this guide was made (type i)" in out.stdout
    words = out.stdout.split("Words used\n----------\n", 1)[1].split("Results:", 1)[0]
    assert [line[2:].split(":")[0] for line in words.splitlines() if line.startswith("* ")] == [
        w.term for w in view.words
    ]
    made = out.stdout.split("How this guide was made\n-----------------------\n", 1)[1]
    assert "* After a safety alert: A safety alert may come from a regulator" in made


def test_plain_mode_tells_how_the_guide_was_made_at_any_question(tmp_path):
    from .test_plain import plain

    out = plain("i", "q", cwd=tmp_path)
    assert "i to read how this guide was made" in out.stdout
    assert "* Who wrote it: This guide was written for the ConsultAid open-source project" in out.stdout
    assert out.stdout.count("What would you most like to change?") == 2  # the question again, after it


# --- the web pages ----------------------------------------------------------------------------------------


def test_the_web_results_explain_the_words_and_how_the_guide_was_made(rulebook):
    from starlette.testclient import TestClient

    from consultaid.web.app import create_app

    from .test_web import walk

    with TestClient(create_app(rulebook)) as client:
        page = walk(client, BREASTS)
        html = page.text
    view = view_for(rulebook, BREASTS)
    words = html[html.index('<section id="words"') : html.index('<section id="how-made"')]
    assert re.findall(r'<dt><dfn id="word-\d+">(.+?)</dfn></dt>', words) == [w.term for w in view.words]
    assert '<h2 id="words-title">Words used</h2>' in words
    assert (
        '<a href="#words">Words used</a>' in html
        and '<a href="#how-made">How this guide was made</a>' in html
    )
    made = html[html.index('<section id="how-made"') : html.index('<h2 id="sources-title">')]
    assert "<h3>After a safety alert</h3>" in made and "No doctor or other clinician has checked it" in made


def test_the_web_start_page_offers_how_the_guide_was_made(rulebook):
    from starlette.testclient import TestClient

    from consultaid.web.app import create_app

    with TestClient(create_app(rulebook)) as client:
        html = client.get("/").text
    details = html[html.index('<details class="how-made">') : html.index("</details>")]
    assert "<summary>How this guide was made</summary>" in details
    assert "<h2>Who wrote it</h2>" in details and "<h2>After a safety alert</h2>" in details
