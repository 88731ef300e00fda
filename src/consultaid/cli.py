"""The command line. It only wires: parse flags, call the core, print, and turn user errors into exit status
2.

consultaid [--rules DIR] [--answers FILE] [--theme NAME]     the wizard
consultaid --plain [...]                                     the wizard line by line (screen readers)
consultaid suggest --answers FILE [--rules DIR] [--format text|json]
consultaid rules check [DIR] [--strict]
consultaid rules reading [DIR] [--all]
consultaid rules test [DIR]
consultaid rules schema
consultaid explain --answers FILE [--rules DIR] [--rule ID]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__
from .report import FORMATS

if TYPE_CHECKING:
    import socket

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USER_ERROR = 2


def _echo(text: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo, with every control character from a file shown as an escape (``\\x1b``)."""
    from .safe import visible

    click.echo(visible(text), err=err, nl=nl)


def json_visible(text: str) -> str:
    from .safe import json_visible as escape

    return escape(text)


def _fail(problems: list[Any], summary: str | None = None) -> NoReturn:
    from .errors import Problem, in_file_order
    from .safe import shorten, visible

    if all(isinstance(p, Problem) for p in problems):
        problems = in_file_order(problems)
    for problem in problems:  # one line each: a file name typed with a line break in it stays on its line
        _echo(str(problem) if isinstance(problem, Problem) else visible(problem, one_line=True), err=True)
    if summary:
        _echo(visible(shorten(summary, 1000), one_line=True), err=True)
    sys.exit(EXIT_USER_ERROR)


def _load_rulebook(rules: Path | None) -> Any:
    from .errors import RulebookError
    from .rulebook.load import load_rulebook

    try:
        return load_rulebook(rules)
    except RulebookError as exc:
        count = exc.count
        _fail(
            exc.problems,
            f"consultaid: the rulebook has {count} problem{'s' if count != 1 else ''}; nothing was run",
        )


def _load_answers(path: Path, rulebook: Any) -> Any:
    from .answers import load_answers
    from .errors import AnswersError

    try:
        return load_answers(path, rulebook)
    except AnswersError as exc:
        count = exc.count
        _fail(exc.problems, f"consultaid: the answers have {count} problem{'s' if count != 1 else ''}")


_rules_option = click.option(
    "--rules",
    "rules",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="A rulebook folder (or one YAML file) to use instead of the default rulebook.",
)


_answers_option = click.option(
    "--answers",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="An answers file (YAML or JSON) mapping question ids to option ids.",
)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@_rules_option
@click.option(
    "--answers",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Open the wizard with these answers filled in and go straight to the results.",
)
@click.option(
    "--resume",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Carry on with a session saved earlier.",
)
@click.option(
    "--counsellor",
    is_flag=True,
    help="Counsellor mode: jump between questions, see which rule "
    "produced each item, and a handover summary.",
)
@click.option(
    "--theme", default=None, metavar="NAME", help="Colour theme: 'high-contrast', or any Textual theme."
)
@click.option(
    "--plain/--no-plain",
    default=None,
    help="Plain mode: the wizard line by line, for screen readers and braille displays (numbered "
    "options, typed answers, no colour, nothing redrawn). Chosen by itself when TERM=dumb or "
    "ACCESSIBLE=1; --no-plain starts the full-screen app anyway.",
)
@click.version_option(__version__, "--version", prog_name="consultaid")
@click.pass_context
def cli(
    ctx: click.Context,
    rules: Path | None,
    answers: Path | None,
    resume: Path | None,
    counsellor: bool,
    theme: str | None,
    plain: bool | None,
) -> None:
    """ConsultAid: prepare for a consultation about cosmetic or plastic surgery.

    Run without a command to start the wizard. Nothing you enter is stored unless you choose to save it.
    """
    if ctx.invoked_subcommand is not None:
        # These options are the wizard's: before a command they would be dropped without a word (with
        # `consultaid --rules DIR suggest`, the default rulebook's suggestions, as if from DIR).
        given = [
            option
            for option, value in (
                ("--rules", rules),
                ("--answers", answers),
                ("--resume", resume),
                ("--counsellor", counsellor or None),
                ("--theme", theme),
                ("--plain" if plain else "--no-plain", plain),
            )
            if value is not None
        ]
        if given:
            command = ctx.invoked_subcommand
            raise click.UsageError(
                f"{given[0]} before '{command}' is an option of the wizard (consultaid without a command), "
                f"not of '{command}': put it after '{command}' if it takes it (consultaid {command} --help)"
            )
        return
    if answers is not None and resume is not None:
        raise click.UsageError("use either --answers or --resume, not both")
    from .mode import chosen_by_environment

    rulebook = prepared = resumed = None
    if answers is not None or resume is not None:
        # Read and check the files before any front end starts: a bad file is reported on its own, with no
        # screen drawn first.
        rulebook = _load_rulebook(rules)
        prepared, resumed = _open_files(rulebook, answers, resume)
    if plain or (plain is None and chosen_by_environment()):
        sys.exit(_plain(rulebook or _load_rulebook(rules), prepared, resumed, resume, counsellor))
    from .tui.launch import launch

    sys.exit(
        launch(
            rules=rules,
            rulebook=rulebook,
            answers=prepared,
            resumed=resumed,
            counsellor=counsellor,
            theme=theme,
        )
    )


def _open_files(rulebook: Any, answers: Path | None, resume: Path | None) -> tuple[Any, Any]:
    from .errors import AnswersError
    from .session import open_files, problems_summary

    try:
        return open_files(rulebook, answers=answers, resume=resume)
    except AnswersError as exc:
        _fail(exc.problems, problems_summary(exc, session=resume is not None))


def _plain(rulebook: Any, prepared: Any, resumed: Any, resume: Path | None, counsellor: bool) -> int:
    """The plain line-by-line wizard, with the same start as the terminal app: prepared answers go
    straight to the results (or the first question they leave open), a session carries on where it was."""
    from .plain import run_plain
    from .wizard import Wizard

    wizard = Wizard(rulebook)
    notice = ""
    saved = None
    start: str | None = wizard.first().id
    if prepared is not None:
        wizard.answers = prepared
        gap = wizard.first_unanswered()
        start = gap.id if gap is not None else None
    elif resumed is not None:
        wizard.answers = resumed.answers
        wizard.reflection = resumed.reflection
        notice = resumed.report(rulebook)
        if notice:
            notice = f"Your saved session: {notice}"
        elif resumed.answers:
            saved = resume
        start = wizard.resume_at(resumed.position)
    return run_plain(wizard, start=start, counsellor=counsellor, notice=notice, saved=saved)


@cli.command()
@_answers_option
@_rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a readable summary with reasons; json: the result format of the rule contract.",
)
def suggest(answers: Path, rules: Path | None, fmt: str) -> None:
    """Print the procedures worth discussing and the caution points for an answers file."""
    from .engine import evaluate

    rulebook = _load_rulebook(rules)
    given = _load_answers(answers, rulebook)
    result = evaluate(rulebook, given)
    if fmt == "json":
        click.echo(json_visible(result.to_json()))
    else:
        from .report.text import render_text
        from .view import build_view

        _echo(render_text(build_view(rulebook, given, result), rulebook), nl=False)


@cli.command()
@_answers_option
@_rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="markdown",
    show_default=True,
    help="markdown or html to read and print; json for programs; fhir for clinics "
    "(an R4 QuestionnaireResponse).",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False),  # text, not a Path: Path() would drop a trailing slash
    metavar="FILE",
    help="Where to write the summary (readable by you only); - for standard output.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--counsellor", is_flag=True, help="Add the rules behind each item and a handover section.")
def export(answers: Path, rules: Path | None, fmt: str, output: str, force: bool, counsellor: bool) -> None:
    """Write a summary to take along: answers, options, cautions, questions to ask, readiness, sources."""
    from .report import render
    from .report.summary import Summary

    rulebook = _load_rulebook(rules)
    summary = Summary.build(rulebook, _load_answers(answers, rulebook), counsellor=counsellor)
    text = render(summary, fmt)
    if str(output) == "-":  # standard output, as Unix tools take it
        if fmt in ("json", "fhir"):
            click.echo(json_visible(text), nl=False)
        else:
            _echo(text, nl=False)
        return
    _write(output, text, force)


def _write(output: str, text: str, force: bool) -> None:
    from .files import FileExists, write_private

    try:
        written = write_private(output, text, overwrite=force)
    except FileExists:
        _fail([f"{output}: error: the file exists; use --force to replace it"])
    except OSError as exc:
        _fail([f"{output}: error: cannot write: {exc.strerror or exc}"])
    from .safe import visible

    _echo(f"wrote {visible(written, one_line=True)} (readable by you only)", err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="The port to listen on (0: any free port; the address printed says which).",
)
@_rules_option
def web(host: str, port: int, rules: Path | None) -> None:
    """Serve the web wizard: one question per page, no JavaScript needed, nothing stored on the server.

    Open the address it prints in a browser; add ?mode=counsellor for counsellor mode. Stop with Ctrl+C.
    """
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        _fail(
            [], f"consultaid web needs the web extra ({exc.name} is missing): pip install 'consultaid[web]'"
        )
    from .web.serve import serve

    rulebook = _load_rulebook(rules)
    shown = f"[{host}]" if ":" in host else host
    listening = _listen(host, port)
    if isinstance(listening, str):
        _fail([], f"consultaid: cannot serve on {shown}:{port}: {listening}")
    port = int(listening.getsockname()[1])  # the port chosen, when asked for any (0)
    _echo(f"ConsultAid web wizard on http://{shown}:{port}/ (Ctrl+C stops it)", err=True)
    serve(rulebook, listening)


def _listen(host: str, port: int) -> socket.socket | str:
    """The socket the web wizard serves on, bound and listening; or why it cannot be (an unknown address, a
    port in use).

    Bound here rather than by the server, so the person reads one line and gets exit status 2, not the
    server's own log line and status 3; and so that the address printed is one already taken by this
    process: with port 0 it names the free port the system chose, with no moment between choosing a port
    and taking it in which another program could take it first.
    """
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (OSError, UnicodeError) as exc:
        return f"no such address ({getattr(exc, 'strerror', None) or exc})"
    listening = socket.socket(family, kind, proto)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        listening.bind(address)
        listening.listen(2048)  # uvicorn's default backlog
    except OSError as exc:
        listening.close()
        return str(exc.strerror or exc).lower()
    return listening


@cli.command()
@_answers_option
@_rules_option
@click.option("--rule", "rule_id", default=None, metavar="ID", help="Explain only this rule.")
def explain(answers: Path, rules: Path | None, rule_id: str | None) -> None:
    """For every rule, whether it fired for these answers, and if not, which part of its condition failed."""
    from .authoring.explain import trace
    from .errors import did_you_mean

    rulebook = _load_rulebook(rules)
    person = _load_answers(answers, rulebook)
    traces = trace(rulebook, person)
    if rule_id is not None:
        ids = [t.rule.id for t in traces]
        if rule_id not in ids:
            _fail([], f"consultaid: unknown rule '{rule_id}'{did_you_mean(rule_id, ids)}")
        traces = [t for t in traces if t.rule.id == rule_id]
    fired = sum(t.fired for t in traces)
    if rule_id is None:
        _echo(f"{len(traces)} rules: {fired} fired, {len(traces) - fired} did not.")
    for i, t in enumerate(traces):
        file, line, _ = rulebook.origin("rules", t.rule.id).locate()
        where = f"{file}:{line}" if line else file
        if i or rule_id is None:
            _echo("")
        if t.fired:
            _echo(f"{t.rule.id}: fired ({where})")
            for pid in t.rule.suggest:
                note = f" (left out: {t.left_out[pid]})" if pid in t.left_out else ""
                _echo(f"  suggests {pid}{note}")
            for cid in t.rule.caution:
                _echo(f"  raises {cid}")
        else:
            _echo(f"{t.rule.id}: did not fire ({where})")
            for reason in t.why_not:
                _echo(f"  - {reason}")


@cli.group()
def rules() -> None:
    """Tools for the people who maintain the rulebook."""


@rules.command("check")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2 if there are any).")
def rules_check(directory: Path | None, strict: bool) -> None:
    """Load, validate and lint a rulebook (the default one without DIR).

    Errors (the rulebook cannot be used) exit 2. Warnings (it works, but something is probably a mistake: a
    rule that can never fire, an option no rule mentions, text that is hard to read ...) are printed with
    their place; with --strict they count as errors. The last line gives the reading age of all the texts
    together (`consultaid rules reading` lists each text's).
    """
    import dataclasses

    from .rulebook.lint import lint, reading_level

    book = _load_rulebook(directory)
    findings = lint(book)
    summary = (
        f"{len(book.questions)} questions, {len(book.procedures)} procedures, "
        f"{len(book.cautions)} cautions, {len(book.rules)} rules"
    )
    if strict and findings:
        count = len(findings)
        _fail(
            [dataclasses.replace(f, severity="error") for f in findings],
            f"consultaid: the rulebook has {count} problem{'s' if count != 1 else ''} "
            "(warnings count as errors with --strict)",
        )
    for finding in findings:
        _echo(str(finding), err=True)
    if findings:
        count = len(findings)
        _echo(f"ok with {count} warning{'s' if count != 1 else ''}: {summary}")
    else:
        _echo(f"ok: {summary}")
    _echo(reading_level(book).describe())


@rules.command("reading")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="List short texts too (by default only texts of 20 words or more, whose level means something).",
)
def rules_reading(directory: Path | None, show_all: bool) -> None:
    """List each text's reading age (Flesch-Kincaid grade + 5), hardest first, with its place.

    Texts above the limit are marked '!'; the last line gives the level of all the texts together.
    """
    from .rulebook.lint import MIN_WORDS_FOR_LEVEL, reading_level, reading_levels, too_hard

    book = _load_rulebook(directory)
    for place, age, count in reading_levels(book):
        if count < MIN_WORDS_FOR_LEVEL and not show_all:
            continue
        mark = "!" if too_hard(age) and count >= MIN_WORDS_FOR_LEVEL else " "
        where = f"{place.file}:{place.line}:{place.column}"
        _echo(f"{mark} age {age:4.1f}  {count:3d} words  {where}: {place.message}")
    _echo(reading_level(book).describe())


@rules.command("fhir-questionnaire")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--output",
    type=click.Path(dir_okay=False),  # text, not a Path: Path() would drop a trailing slash
    default=None,
    metavar="FILE",
    help="Write to a file instead of printing.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def rules_fhir_questionnaire(directory: Path | None, output: str | None, force: bool) -> None:
    """Print the rulebook's questions as a FHIR R4 Questionnaire (matching `export --format fhir`)."""
    import json

    from .report.fhir import questionnaire

    text = json.dumps(questionnaire(_load_rulebook(directory)), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(json_visible(text), nl=False)
    else:
        _write(output, text, force)


@rules.command("test")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--scenarios",
    "scenarios",
    type=click.Path(path_type=Path),
    default=None,
    metavar="PATH",
    help="A scenario file or folder (default: the tests/ folder of the rulebook).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) when some rule is fired by no scenario.")
def rules_test(directory: Path | None, scenarios: Path | None, strict: bool) -> None:
    """Run the rulebook's scenario tests: answers in, expected suggestions and cautions out.

    Prints failures with their file and line and the difference, the rules no scenario fires, and a closing
    line 'N passed, N failed'. Exit 1 when a scenario fails, 2 when a scenario file is malformed.
    """
    from .authoring.scenarios import (
        ScenarioError,
        default_scenarios,
        load_scenarios,
        render,
        run_scenarios,
        scenario_files,
    )
    from .errors import Problem, display_path
    from .rulebook.load import default_rules_dir

    book = _load_rulebook(directory)
    folder = scenarios if scenarios is not None else default_scenarios(directory or default_rules_dir())
    if not folder.exists():
        _fail(
            [Problem(display_path(folder), 0, 0, "no such file or folder")], "consultaid: no scenarios to run"
        )
    paths = scenario_files(folder)
    if not paths:
        _fail(
            [Problem(display_path(folder), 0, 0, "no scenario files (*.yaml) in this folder")],
            "consultaid: no scenarios to run",
        )
    try:
        loaded = load_scenarios(paths, book)
    except ScenarioError as exc:
        count = exc.count
        _fail(
            exc.problems,
            f"consultaid: the scenario files have {count} problem{'s' if count != 1 else ''}; "
            "nothing was run",
        )
    report = run_scenarios(book, loaded)
    _echo(render(report, strict=strict), nl=False)
    if report.failed or (strict and report.unfired):
        sys.exit(1)


@rules.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of a rule file, generated from the rulebook's models.

    Editors use it to check rule files as you type: the shipped files name rules/rulebook.schema.json, which
    is this output (regenerate it with: consultaid rules schema > rules/rulebook.schema.json).
    """
    from .rulebook.schema import rulebook_schema_json

    click.echo(rulebook_schema_json(), nl=False)


def main() -> None:
    """Entry point: run the command line, never leaving a traceback for a user error or Ctrl+C."""
    try:
        try:
            cli.main(prog_name="consultaid", standalone_mode=True)
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk shows here, not as a message ignored at exit
    except KeyboardInterrupt:  # pragma: no cover - click handles it in standalone mode
        _echo("interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        _output_failed(exc)


def _output_failed(exc: OSError) -> NoReturn:
    """Standard output could not be written (a full disk, a closed pipe, /dev/full): one line, exit 2.

    Every file ConsultAid reads or writes by name has its own message; what is left is the output itself.
    What is still buffered is dropped, so Python does not try it again at exit with a second error.
    """
    import errno
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
    if exc.errno == errno.EPIPE:  # the reader stopped reading (| head): nothing to say, as other tools
        sys.exit(1)
    try:
        _echo(f"consultaid: cannot write the output: {exc.strerror or exc}", err=True)
    except OSError:
        pass
    sys.exit(EXIT_USER_ERROR)
