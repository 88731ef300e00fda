"""The Starlette app of the web wizard: the start page, one page per question, the results and downloads.

Every page is a form posted to ``/step`` (the answers in hidden fields), so nothing is stored on the server,
no cookie is set and no answer appears in an address or a log. Every response carries a strict
Content-Security-Policy and the other security headers (:class:`SecurityHeaders`, wrapped around everything,
error pages included).

For several workers: ``uvicorn --factory consultaid.web.app:create_app --workers 4`` (the rulebook folder
in ``CONSULTAID_RULES``, the default rulebook without it).
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..report.markdown import GRID_TITLE
from ..safe import visible
from ..view import about_view
from ..wizard import GAP_NOTICE, dropped_notice
from ..words import (
    HOW_MADE_TITLE,
    KNOWLEDGE_TITLE,
    LEANING_QUESTION,
    LEFT_OUT,
    NOT_ANSWERED,
    NOTHING_MATCHED,
    WORDS_USED,
    WORDS_USED_NOTE,
)
from .form import (
    CHANGE,
    FORMATS,
    KNOWLEDGE_PREFIX,
    MAX_BODY,
    NO_ANSWER,
    Forged,
    Step,
    hidden_fields,
    parse_fields,
    parse_step,
)

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from ..rulebook.book import Rulebook
    from ..rulebook.model import Question
    from ..view import KnowledgeItem, PictureView, ResultsView
    from ..wizard import Wizard

CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]
FALLBACK = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head>'
    '<body><h1>Something went wrong</h1><p>Nothing you entered was kept. <a href="/">Start again</a></p>'
    "</body></html>\n"
)


class SecurityHeaders:
    """Adds the security headers to every response (error pages too), and ``Cache-Control: no-store`` to
    every page but the stylesheet, so that no answer stays in a shared computer's cache."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {name for name, _ in SECURITY_HEADERS}
                    and k.lower() != b"cache-control"
                ]
                headers += SECURITY_HEADERS
                headers.append((b"cache-control", b"max-age=3600" if static else b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("consultaid.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        # the templates are package data that do not change while a server runs: without this, every page
        # asked the file system whether each template it uses (and the ones it extends) had changed
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        # every value shown passes through safe.visible: a control character from a rulebook is an escape
        finalize=_finalize,
    )
    env.globals["picture"] = _picture
    return env


def _picture(people: PictureView, ident: str) -> Markup:
    """A picture of 100 people drawn as the HTML summary draws it (an SVG with its words as its name)."""
    from ..report.html import picture_figure

    return Markup(picture_figure(people, ident))


def _finalize(value: Any) -> Any:
    """Every text shown passes through safe.visible (a control character from a rulebook or a forged field
    is an escape); markup the templates made themselves (macros) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


NO_ANSWER_LABEL = "No answer (skip this question)"
KNOWLEDGE_CHOICES = (("true", "True"), ("false", "False"), ("unsure", "Not sure"), (NO_ANSWER, "No answer"))


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    help: str | None
    checked: bool


class WebWizard:
    """The pages, for one rulebook (read once, at start-up)."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.env = _environment()

    def warm_up(self) -> None:
        """What the first pages would otherwise do while the first people wait: compile every template and
        import the modules the pages import when first used (the results, the downloads)."""
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)
        from ..engine import evaluate  # noqa: F401
        from ..report import render  # noqa: F401
        from ..report.html import picture_figure  # noqa: F401
        from ..report.summary import Summary  # noqa: F401
        from ..view import build_view  # noqa: F401

    # -- rendering -------------------------------------------------------------------------------------------

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        info = self.rulebook.info
        context.setdefault("counsellor", False)
        words = {
            "nothing": NOTHING_MATCHED,
            "not_answered": NOT_ANSWERED,
            "words_used": WORDS_USED,
            "words_note": WORDS_USED_NOTE,
            "how_made": HOW_MADE_TITLE,
            "left_out": LEFT_OUT,
        }
        html = self.env.get_template(template).render(
            language=info.language, info=info, words=words, **context
        )
        return HTMLResponse(html, status_code=status)

    def start_page(self, wizard: Wizard | None, counsellor: bool) -> HTMLResponse:
        from ..wizard import Wizard

        wizard = wizard or Wizard(self.rulebook)
        return self.page(
            "start.html",
            title="Prepare for a consultation",
            hidden=hidden_fields(wizard, counsellor),
            counsellor=counsellor,
            question_count=wizard.count_words(),
            about=about_view(self.rulebook),
        )

    def question_page(
        self,
        wizard: Wizard,
        question: Question,
        counsellor: bool,
        *,
        notice: str = "",
        error: str = "",
        chosen: tuple[str, ...] | None = None,
    ) -> HTMLResponse:
        picked = wizard.chosen(question.id) if chosen is None else chosen
        choices = [Choice(o.id, o.label, o.help, o.id in picked) for o in wizard.offered(question)]
        if question.kind == "single" and not question.required:
            # a radio button once chosen cannot be unchosen without a script: this one can be chosen instead
            choices.append(Choice(NO_ANSWER, NO_ANSWER_LABEL, None, not picked))
        number, total = wizard.position(question.id)
        readiness = question.stage == "readiness"
        last = wizard.after(question.id) is None
        if readiness:
            progress = f"Are you ready to decide? Question {number} of {total}"
            next_label = "Back to your results" if last else "Next"
        else:
            progress = f"Question {number} of {total}"
            next_label = "See your results" if last else "Next"
        index = []
        if counsellor and not readiness:
            for n, q in enumerate(wizard.asked(), start=1):
                index.append((n, q, wizard.describe_answer(q), q.id == question.id))
        title = f"{progress}: {question.text}"
        return self.page(
            "question.html",
            title=("Error: " if error else "") + title,
            question=question,
            choices=choices,
            multiple=question.kind == "multiple",
            progress=progress,
            percent=round(100 * number / total) if total else 100,
            next_label=next_label,
            back_label="Back to your results" if readiness and number == 1 else "Back",
            hidden=hidden_fields(wizard, counsellor),
            counsellor=counsellor,
            index=index,
            notice=notice,
            error=error,
            first_choice=choices[0].id if choices else "",
            no_answer=NO_ANSWER,
        )

    def results_page(self, wizard: Wizard, counsellor: bool, *, notice: str = "") -> HTMLResponse:
        from ..report.summary import Summary

        summary = Summary.build(
            self.rulebook, wizard.answers, counsellor=counsellor, reflection=wizard.reflection
        )
        if wizard.leaning_cleared:
            cleared = (
                f"Your leaning towards {wizard.leaning_cleared} was cleared: with your changed answers it is "
                "no longer among the options shown."
            )
            notice = f"{notice} {cleared}".strip()
            wizard.leaning_cleared = None
        answered = [(q, wizard.describe_answer(q)) for q in wizard.asked() if wizard.chosen(q.id)]
        return self.page(
            "results.html",
            title="Your summary to take to a consultation",
            view=summary.view,
            answered=answered,
            hidden=hidden_fields(wizard, counsellor),
            counsellor=counsellor,
            notice=notice,
            grid_title=GRID_TITLE,
            leaning_question=LEANING_QUESTION,
            knowledge_title=KNOWLEDGE_TITLE,
            formats=[("markdown", "Markdown (.md)"), ("html", "Web page (.html)"), ("fhir", "FHIR (.json)")],
        )

    def leaning_page(self, wizard: Wizard, counsellor: bool) -> HTMLResponse:
        """Which way the person leans (optional): one question, the options shown, waiting, not sure."""
        view = self._view(wizard)
        if view.nothing_matched:
            raise Forged(["there are no options to lean towards with these answers"])
        leaning = wizard.reflection.leaning
        return self.page(
            "leaning.html",
            title=LEANING_QUESTION,
            question=LEANING_QUESTION,
            choices=[Choice(cid, label, None, cid == leaning) for cid, label in view.leaning_choices]
            + [Choice(NO_ANSWER, "No answer", None, leaning is None)],
            hidden=hidden_fields(wizard, counsellor, lean=False),
            counsellor=counsellor,
        )

    def _view(self, wizard: Wizard) -> ResultsView:
        from ..engine import evaluate
        from ..view import build_view

        answers = wizard.answers
        return build_view(self.rulebook, answers, evaluate(self.rulebook, answers), wizard.reflection)

    def knowledge_page(self, wizard: Wizard, counsellor: bool) -> HTMLResponse:
        """Check what you know (optional): every statement about the options shown, each a true-or-false
        question with "Not sure" and "No answer"; the answers are explained on the next page."""
        view = self._view(wizard)
        if view.nothing_matched or not view.knowledge:
            raise Forged(["there is nothing to check with these answers: no option is shown"])
        groups: list[tuple[str, list[tuple[int, KnowledgeItem]]]] = []
        for number, item in enumerate(view.knowledge, start=1):
            if not groups or groups[-1][0] != item.option:
                groups.append((item.option, []))
            groups[-1][1].append((number, item))
        return self.page(
            "knowledge.html",
            title=KNOWLEDGE_TITLE,
            heading=KNOWLEDGE_TITLE,
            count=len(view.knowledge),
            groups=groups,
            answers=KNOWLEDGE_CHOICES,
            prefix=KNOWLEDGE_PREFIX,
            no_answer=NO_ANSWER,
            hidden=hidden_fields(wizard, counsellor, asked=frozenset(i.key for i in view.knowledge)),
            counsellor=counsellor,
        )

    def knowledge_done_page(self, wizard: Wizard, counsellor: bool) -> HTMLResponse:
        """The knowledge check's answers explained, each with the rulebook's own words."""
        view = self._view(wizard)
        if view.nothing_matched or not view.knowledge:
            raise Forged(["there is nothing to check with these answers: no option is shown"])
        return self.page(
            "knowledge_done.html",
            title=f"{KNOWLEDGE_TITLE}: your answers explained",
            heading=f"{KNOWLEDGE_TITLE}: your answers explained",
            view=view,
            hidden=hidden_fields(wizard, counsellor),
            counsellor=counsellor,
        )

    def error_page(self, status: int, heading: str, reasons: list[str]) -> HTMLResponse:
        return self.page("error.html", status, title=heading, heading=heading, reasons=reasons)

    # -- the steps -------------------------------------------------------------------------------------------

    def step(self, step: Step) -> HTMLResponse:
        wizard, counsellor, go = step.wizard, step.counsellor, step.go
        notice = ""
        if step.at is not None:
            question = self.rulebook.question(step.at)
            if go == "next" and question.required and not step.choice:
                return self.question_page(
                    wizard, question, counsellor, error=self.missing(question), chosen=()
                )
            from ..wizard import AnswerRefused

            try:
                dropped = wizard.answer(step.at, step.choice)
            except AnswerRefused as exc:
                raise Forged(exc.reasons) from None
            notice = dropped_notice(dropped)

        if go == "start":
            return self.question_page(wizard, wizard.first(), counsellor)
        if go == "readiness":
            first = wizard.first_readiness()
            if first is None:
                raise Forged(["this rulebook has no readiness check"])
            if not wizard.complete:
                return self.finish(wizard, counsellor, notice)
            return self.question_page(wizard, first, counsellor)
        if go == "leaning":
            if not wizard.complete:
                return self.finish(wizard, counsellor, notice)
            return self.leaning_page(wizard, counsellor)
        if go in ("knowledge", "knowledge-done"):
            if not wizard.complete:
                return self.finish(wizard, counsellor, notice)
            if go == "knowledge":
                return self.knowledge_page(wizard, counsellor)
            return self.knowledge_done_page(wizard, counsellor)
        if go.startswith(CHANGE):
            target = go[len(CHANGE) :]
            if not wizard.is_asked(target):  # the answer just saved took it away
                target = wizard.first_unanswered_or(None)
            return self.question_page(wizard, self.rulebook.question(target), counsellor, notice=notice)
        if go == "results" or step.at is None:
            return self.finish(wizard, counsellor, notice)
        question = self.rulebook.question(step.at)
        if go == "next":
            following = wizard.after(step.at)
            if following is None:
                return self.finish(wizard, counsellor, notice)
            return self.question_page(wizard, following, counsellor, notice=notice)
        # back
        previous = wizard.before(step.at)
        if previous is not None:
            return self.question_page(wizard, previous, counsellor, notice=notice)
        if question.stage == "readiness":
            return self.finish(wizard, counsellor, notice)
        return self.start_page(wizard, counsellor)

    def finish(self, wizard: Wizard, counsellor: bool, notice: str) -> HTMLResponse:
        """The results, or the first question that still needs an answer."""
        gap = wizard.first_unanswered()
        if gap is not None:
            return self.question_page(wizard, gap, counsellor, notice=f"{notice} {GAP_NOTICE}".strip())
        return self.results_page(wizard, counsellor, notice=notice)

    @staticmethod
    def missing(question: Question) -> str:
        if question.kind == "multiple":
            return "Choose at least one option to go on."
        return "Choose an option to go on."

    def download(self, step: Step) -> Response:
        from ..report import render
        from ..report.summary import Summary

        assert step.fmt is not None
        summary = Summary.build(
            self.rulebook, step.wizard.answers, counsellor=step.counsellor, reflection=step.wizard.reflection
        )
        media_type, suffix = FORMATS[step.fmt]
        name = f"consultaid-summary-{_dt.date.today():%Y-%m-%d}{suffix}"
        return Response(
            render(summary, step.fmt).encode("utf-8"),
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )


async def _form(request: Request) -> list[tuple[str, str]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise Forged(["the form must be sent as application/x-www-form-urlencoded"])
    declared = request.headers.get("content-length")
    too_large = Forged([f"the form is larger than {MAX_BODY // 1024} kB"])
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise too_large
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise too_large
    return parse_fields(body)


_settled = False


def _settle_process() -> None:
    """Once per serving process, when it starts: what start-up made (the rulebook, the templates, the
    modules, some tens of thousands of objects that live as long as the process) is moved out of the garbage
    collector's sight (:func:`gc.freeze`), so that a full collection while people are waiting scans only
    what the pages made, not all of that again (it took tens of milliseconds, a pause for every request in
    flight). Objects made later are collected as usual."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()


def create_app(rulebook: Rulebook | None = None) -> ASGIApp:
    """The web wizard as an ASGI app, for ``rulebook`` (default: ``CONSULTAID_RULES`` or the shipped one).

    Used with no argument as uvicorn's ``--factory``; a rulebook that does not load stops the start-up with
    its message, as ``consultaid`` does.
    """
    if rulebook is None:
        from ..rulebook.load import load_rulebook

        rules = os.environ.get("CONSULTAID_RULES")
        rulebook = load_rulebook(Path(rules) if rules else None)
    web = WebWizard(rulebook)

    async def start(request: Request) -> Response:
        mode = request.query_params.getlist("mode")
        unknown = set(request.query_params) - {"mode"}
        if unknown or len(mode) > 1 or (mode and mode[0] not in ("", "counsellor")):
            raise Forged(["the start page takes only ?mode=counsellor"])
        return web.start_page(None, counsellor=mode == ["counsellor"])

    async def step(request: Request) -> Response:
        return web.step(parse_step(web.rulebook, await _form(request)))

    async def step_get(request: Request) -> Response:
        # a bookmarked or reloaded step has no answers (they travel only in forms): start again
        return RedirectResponse("/", status_code=303)

    async def download(request: Request) -> Response:
        return web.download(parse_step(web.rulebook, await _form(request), download=True))

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    async def forged(request: Request, exc: Exception) -> Response:
        reasons = exc.reasons if isinstance(exc, Forged) else [str(exc)]
        return web.error_page(400, "This form could not be used", reasons)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        heading = {404: "Page not found", 405: "This page cannot be opened that way"}.get(
            status, "Something went wrong"
        )
        return web.error_page(status, heading, [])

    async def server_error(request: Request, exc: Exception) -> Response:
        try:
            return web.error_page(500, "Something went wrong", [])
        except Exception:  # the page itself failed: the plainest page there is
            return HTMLResponse(FALLBACK, status_code=500)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # before the server takes its first request: nobody waits for the first pages' one-time work
        web.warm_up()
        _settle_process()
        yield

    static = Path(__file__).parent / "static"
    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/", start, methods=["GET", "HEAD"]),
            Route("/step", step, methods=["POST"]),
            Route("/step", step_get, methods=["GET", "HEAD"]),
            Route("/download", download, methods=["POST"]),
            Route("/download", step_get, methods=["GET", "HEAD"]),
            Route("/healthz", healthz, methods=["GET", "HEAD"]),
            Mount("/static", StaticFiles(directory=static), name="static"),
        ],
        exception_handlers={Forged: forged, HTTPException: http_error, 500: server_error},
    )
    return SecurityHeaders(app)
