"""Scenario tests for a rulebook: answers in, expected suggestions and cautions out (``consultaid rules
test``).

A scenario file (``rules/tests/*.yaml``) holds shared ``answers`` and a list of ``scenarios``, each with a
name, the answers that differ, and what must and must not come out. docs/rulebook.md describes the format.
Running them reports failures the way pytest does (file and line, expected against got, and which rules did
not fire and why), then the rules that no scenario fires, then ``N passed, N failed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator

from ..answers import Answers
from ..engine import evaluate
from ..errors import MAX_PROBLEMS, ConsultAidError, Problem, Severity, did_you_mean, display_path, few_hints
from ..result import Result
from ..rulebook.book import Rulebook
from ..rulebook.load import humanize, rule_files
from ..rulebook.model import Id, Strict, Text
from ..yamlfile import Locator, describe, parse, read_text, too_much_in_folder
from .explain import RuleTrace, trace

WIDTH = 80
EXPECTATIONS = (
    "suggested",
    "not_suggested",
    "only_suggested",
    "cautions",
    "not_cautions",
    "referral",
    "left_out",
)


class ScenarioError(ConsultAidError):
    """A scenario file cannot be run: every problem, each with its place."""


class Scenario(Strict):
    """One person's answers and what the rulebook must make of them."""

    name: Text
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers that differ from the file's "
        "shared answers; a question set to null is left unanswered.",
    )
    suggested: list[Id] = Field(default_factory=list, description="Each must be among the suggestions.")
    not_suggested: list[Id] = Field(default_factory=list, description="None may be among the suggestions.")
    only_suggested: list[Id] | None = Field(
        default=None,
        description="The suggestions must be exactly these (in any order); [] means nothing is suggested.",
    )
    cautions: list[Id] = Field(default_factory=list, description="Each caution must be shown.")
    not_cautions: list[Id] = Field(default_factory=list, description="None of these cautions may be shown.")
    referral: bool | None = Field(default=None, description="The result's referral flag.")
    left_out: list[Id] | None = Field(
        default=None, description="Exactly these procedures are left out; [] means none."
    )

    @model_validator(mode="after")
    def _expects_something(self) -> Scenario:
        lists = (self.suggested, self.not_suggested, self.cautions, self.not_cautions)
        exact = (self.only_suggested, self.referral, self.left_out)
        if not any(lists) and all(x is None for x in exact):
            raise ValueError("a scenario must expect something: one of " + ", ".join(EXPECTATIONS))
        return self


class ScenarioFile(Strict):
    """A scenario file: shared answers, then the scenarios (validated one by one, so each error has a
    place)."""

    answers: dict[str, Any] = Field(
        default_factory=dict, description="Answers shared by every scenario below."
    )
    scenarios: Annotated[list[Any], Field(min_length=1)]


@dataclass
class Loaded:
    """A checked scenario, ready to run, with what is needed to point at its lines."""

    file: str
    index: int
    scenario: Scenario
    answers: Answers
    locator: Locator

    def line(self, *sub: str | int) -> int:
        return self.locator.locate(("scenarios", self.index, *sub))[0]


@dataclass
class Failure:
    expectation: str
    line: int
    lines: list[str]


@dataclass
class ScenarioRun:
    loaded: Loaded
    result: Result
    traces: list[RuleTrace]
    failures: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Report:
    outcomes: list[ScenarioRun]
    unfired: list[Problem]
    """One warning per rule that no scenario fires, at the rule."""

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def failed(self) -> int:
        return len(self.outcomes) - self.passed


# ------------------------------------------------------------------------------------------------------------
# reading
# ------------------------------------------------------------------------------------------------------------


def scenario_files(path: Path) -> list[Path]:
    """The scenario files a path stands for, found as rule files are (see :func:`rule_files`)."""
    return rule_files(path)


def default_scenarios(rules: Path) -> Path:
    """Where a rulebook keeps its scenarios: ``tests/`` inside its folder (or beside its one file)."""
    return (rules if rules.is_dir() else rules.parent) / "tests"


class _AnswersPlace(Locator):
    """Places an answers problem in a scenario file: in the scenario's own answers, or in the shared ones."""

    def __init__(self, inner: Locator, index: int, own: dict[str, Any], shared: dict[str, Any]) -> None:
        super().__init__("")
        self._inner, self._index, self._own, self._shared = inner, index, own, shared

    def locate(self, path: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
        head = path[0] if path else None
        if head in self._own or (head is not None and head not in self._shared):
            full: tuple[str | int, ...] = ("scenarios", self._index, "answers", *path)
        elif head is not None:
            full = ("answers", *path)
        else:
            full = ("scenarios", self._index, "answers") if self._own else ("scenarios", self._index)
        return self._inner.locate(full, at_key=at_key)


@few_hints()  # thousands of unknown ids: only the problems listed get a suggestion
def load_scenarios(paths: Sequence[Path], rulebook: Rulebook) -> list[Loaded]:
    """Read and check scenario files; raise :class:`ScenarioError` with every problem, each with its place."""
    crowded = too_much_in_folder(paths[0].parent, list(paths)) if paths else None
    if crowded is not None:
        raise ScenarioError([crowded], "too many scenarios")
    problems: list[Problem] = []
    loaded: list[Loaded] = []
    for path in paths:
        shown = display_path(path)
        text, problem = read_text(path)
        if problem is None:
            assert text is not None
            data, problem = parse(text, shown)
        if problem is not None:
            problems.append(problem)
            continue
        assert text is not None  # read_text gives a text exactly when it gives no problem
        locator = Locator(text)

        def report(
            where: Sequence[str | int],
            message: str,
            *,
            at_key: bool = False,
            locator: Locator = locator,
            shown: str = shown,
        ) -> None:
            # past MAX_PROBLEMS a problem is only counted (ScenarioError keeps the first ones): not placed
            placed = len(problems) < MAX_PROBLEMS
            line, column = locator.locate(tuple(where), at_key=at_key) if placed else (0, 0)
            problems.append(Problem(shown, line, column, message))

        if data is None:
            problems.append(
                Problem(shown, 1, 1, "the file is empty; expected 'scenarios:' (a list of scenarios)")
            )
            continue
        if not isinstance(data, dict):
            report(
                (),
                "expected 'scenarios:' (a list of scenarios) and optional shared 'answers:', got "
                + describe(data),
            )
            continue
        unknown = [key for key in data if key not in ScenarioFile.model_fields]
        if len(unknown) <= MAX_PROBLEMS:
            unknown = []  # pydantic says it, with any other problem of the file
        for key in unknown:  # said here: pydantic would hold every one of 100,000 at once, for minutes
            report(
                (key,),
                f"unknown key '{key}'{did_you_mean(str(key), ScenarioFile.model_fields)}; "
                "a scenario file has 'answers:' and 'scenarios:'",
                at_key=True,
            )
        if unknown:
            continue
        try:
            shell = ScenarioFile.model_validate(data)
        except ValidationError as exc:
            for where, message, at_key in humanize(exc, data):
                report(where, message, at_key=at_key)
            continue
        shared = shell.answers
        for i, item in enumerate(shell.scenarios):
            try:
                scenario = Scenario.model_validate(item)
            except ValidationError as exc:
                for where, message, at_key in humanize(exc, item):
                    report(("scenarios", i, *where), message, at_key=at_key)
                continue
            before = len(problems)
            _check_ids(
                scenario, rulebook, lambda where, message, i=i: report(("scenarios", i, *where), message)
            )
            merged = {**shared, **scenario.answers}
            merged = {k: v for k, v in merged.items() if v is not None}
            try:
                answers = Answers.validate(
                    merged,
                    rulebook,
                    source=shown,
                    locator=_AnswersPlace(locator, i, scenario.answers, shared),
                )
            except ConsultAidError as exc:
                problems.extend(exc.problems)
                continue
            if len(problems) == before:
                loaded.append(Loaded(shown, i, scenario, answers, locator))
    if problems:
        unique = sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line == 0, p.line, p.column))
        raise ScenarioError(unique, "the scenario files have problems")
    return loaded


def _check_ids(scenario: Scenario, rulebook: Rulebook, report: Any) -> None:
    kinds = {
        "suggested": "procedure",
        "not_suggested": "procedure",
        "only_suggested": "procedure",
        "left_out": "procedure",
        "cautions": "caution",
        "not_cautions": "caution",
    }
    for name, kind in kinds.items():
        known = rulebook.procedures if kind == "procedure" else rulebook.cautions
        for k, item in enumerate(getattr(scenario, name) or ()):
            if item not in known:
                report((name, k), f"unknown {kind} '{item}'{did_you_mean(item, known)}")


# ------------------------------------------------------------------------------------------------------------
# running
# ------------------------------------------------------------------------------------------------------------


def run_scenarios(rulebook: Rulebook, loaded: Sequence[Loaded]) -> Report:
    outcomes = []
    fired: set[str] = set()
    for item in loaded:
        result = evaluate(rulebook, item.answers)
        traces = trace(rulebook, item.answers, result)
        fired.update(t.rule.id for t in traces if t.fired)
        outcome = ScenarioRun(item, result, traces)
        _judge(outcome, rulebook)
        outcomes.append(outcome)
    unfired = []
    for rule in rulebook.rules:
        if rule.id not in fired:
            file, line, column = rulebook.origin("rules", rule.id).locate()
            unfired.append(Problem(file, line, column, f"no scenario fires rule '{rule.id}'", "warning"))
    return Report(outcomes, unfired)


def _ids(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _aligned(*pairs: tuple[str, str]) -> list[str]:
    """Label and value lines with the values lined up, as a diff is easiest to compare."""
    width = max(len(label) for label, _ in pairs) + 1
    return [f"{label:<{width}}{value}" for label, value in pairs]


def _judge(outcome: ScenarioRun, rulebook: Rulebook) -> None:
    s = outcome.loaded.scenario
    result = outcome.result
    got = result.suggestion_ids
    raised = result.caution_ids
    left = [x.id for x in result.left_out]

    def fail(name: str, lines: list[str]) -> None:
        outcome.failures.append(Failure(name, outcome.loaded.line(name), lines))

    def exact(name: str, expected: list[str], actual: list[str], labels: tuple[str, str]) -> None:
        extra = [p for p in actual if p not in expected]
        lacking = [p for p in expected if p not in actual]
        pairs = [(labels[0], _ids(expected)), (labels[1], _ids(actual))]
        pairs += [("+ unexpected:", _ids(extra))] if extra else []
        pairs += [("- missing:", _ids(lacking))] if lacking else []
        why = _why_present(outcome, extra) + _why_missing(outcome, rulebook, lacking, "suggest")
        fail(name, _aligned(*pairs) + (why if name == "only_suggested" else []))

    missing = [p for p in s.suggested if p not in got]
    if missing:
        fail(
            "suggested",
            _aligned(
                ("expected among the suggestions:", _ids(s.suggested)),
                ("got suggestions:", _ids(got)),
                ("missing:", _ids(missing)),
            )
            + _why_missing(outcome, rulebook, missing, "suggest"),
        )
    unwanted = [p for p in s.not_suggested if p in got]
    if unwanted:
        fail(
            "not_suggested",
            _aligned(("expected not suggested:", _ids(s.not_suggested)), ("but suggested:", _ids(unwanted)))
            + _why_present(outcome, unwanted),
        )
    if s.only_suggested is not None and sorted(s.only_suggested) != sorted(got):
        exact("only_suggested", s.only_suggested, got, ("expected exactly:", "got suggestions:"))
    missing = [c for c in s.cautions if c not in raised]
    if missing:
        fail(
            "cautions",
            _aligned(
                ("expected among the cautions:", _ids(s.cautions)),
                ("got cautions:", _ids(raised)),
                ("missing:", _ids(missing)),
            )
            + _why_missing(outcome, rulebook, missing, "caution"),
        )
    unwanted = [c for c in s.not_cautions if c in raised]
    if unwanted:
        fail(
            "not_cautions",
            _aligned(("expected not shown:", _ids(s.not_cautions)), ("but shown:", _ids(unwanted)))
            + _why_present(outcome, unwanted),
        )
    if s.referral is not None and s.referral != result.referral:
        fail(
            "referral",
            _aligned(
                ("expected referral:", str(s.referral).lower()),
                ("got referral:", str(result.referral).lower()),
            ),
        )
    if s.left_out is not None and sorted(s.left_out) != sorted(left):
        exact("left_out", s.left_out, left, ("expected left out:", "got left out:"))


def _why_missing(outcome: ScenarioRun, rulebook: Rulebook, ids: Sequence[str], kind: str) -> list[str]:
    """For each missing item, the rules that would have brought it and why they did not fire."""
    lines = []
    for item in ids:
        rules = [
            t for t in outcome.traces if item in (t.rule.suggest if kind == "suggest" else t.rule.caution)
        ]
        if not rules:
            lines.append(f"no rule {'suggests' if kind == 'suggest' else 'raises'} {item}")
        for t in rules[:5]:
            if t.fired and item in t.left_out:
                lines.append(f"rule '{t.rule.id}' fired, but {item} was left out: {t.left_out[item]}")
            elif not t.fired:
                lines.append(f"rule '{t.rule.id}' did not fire: {'; and '.join(t.why_not)}")
    return lines


def _why_present(outcome: ScenarioRun, ids: Sequence[str]) -> list[str]:
    lines = []
    items = {s.id: s.reasons for s in outcome.result.suggestions} | {
        c.id: c.reasons for c in outcome.result.cautions
    }
    for item in ids:
        for reason in items.get(item, ()):
            lines.append(f"{item} comes from rule '{reason.rule}': {reason.because}")
    return lines


# ------------------------------------------------------------------------------------------------------------
# printing
# ------------------------------------------------------------------------------------------------------------


def _banner(title: str, char: str = "=") -> str:
    title = f" {title} "
    left = (WIDTH - len(title)) // 2
    return char * left + title + char * (WIDTH - len(title) - left)


def render(report: Report, *, strict: bool = False) -> str:
    """The run as pytest prints one: a dot per passed scenario, the failures in full, a summary, the
    counts."""
    out: list[str] = []
    by_file: dict[str, list[ScenarioRun]] = {}
    for outcome in report.outcomes:
        by_file.setdefault(outcome.loaded.file, []).append(outcome)
    for file, outcomes in by_file.items():
        out.append(f"{file} " + "".join("." if o.passed else "F" for o in outcomes))
    failed = [o for o in report.outcomes if not o.passed]
    if failed:
        out += ["", _banner("FAILURES")]
        for o in failed:
            item = o.loaded
            out.append(_banner(item.scenario.name, "_"))
            out.append(f"{item.file}:{item.line()}: scenario '{item.scenario.name}'")
            for failure in o.failures:
                out.append(f"{item.file}:{failure.line}: {failure.expectation}")
                out += [f"E   {line}" for line in failure.lines]
            out.append("")
    if report.unfired:
        severity: Severity = "error" if strict else "warning"
        out += ["", _banner("rules no scenario fires")]
        out += [str(Problem(p.file, p.line, p.column, p.message, severity)) for p in report.unfired]
    if failed:
        out += ["", _banner("short test summary info")]
        out += [f"FAILED {o.loaded.file}:{o.loaded.line()} - {o.loaded.scenario.name}" for o in failed]
    out.append(f"{report.passed} passed, {report.failed} failed")
    return "\n".join(out) + "\n"
