"""YAML files or a folder -> :class:`Rulebook`, or every problem at once, each with its file, line and column.

The happy path parses with the fast C loader and validates with pydantic. Only when something is wrong does
the round-trip loader run (see :class:`consultaid.yamlfile.Locator`) to put a line and column on each problem.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, assert_never

from pydantic import TypeAdapter, ValidationError

from ..errors import Problem, RulebookError, did_you_mean, display_path, few_hints
from ..yamlfile import MAX_FOLDER_FILES, Locator, describe, parse, read_text, too_much_in_folder
from .book import Origin, Rulebook
from .conditions import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    Node,
    Not,
    NothingSuggested,
    ProcedureFilter,
    WasLeftOut,
    WasSuggested,
    looks_at_outcome,
    walk,
)
from .model import (
    SECTIONS,
    SINGLE_SECTIONS,
    Caution,
    Chance,
    Comparison,
    Exclusion,
    GlossaryEntry,
    NoProcedure,
    Option,
    Procedure,
    Question,
    Register,
    Risk,
    Rule,
    RulebookInfo,
    RuleFile,
    Strict,
    Text,
    Values,
)

RULE_SUFFIXES = (".yaml", ".yml")


def default_rules_dir() -> Path:
    """The rulebook shipped with ConsultAid: inside the installed package, or ``rules/`` of a source
    checkout."""
    packaged = Path(__file__).resolve().parents[1] / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def rule_files(path: Path) -> list[Path]:
    """The YAML files a rulebook path stands for: a file itself, or the files directly inside a folder.

    Every ``*.yaml`` entry but a folder is listed, so one that cannot be read (a pipe, a device, a link to
    nothing) is named with the reason rather than left out without a word."""
    if path.is_dir():
        found = []
        for entry in path.iterdir():
            if entry.suffix in RULE_SUFFIXES and not entry.is_dir():
                found.append(entry)
                if (
                    len(found) > MAX_FOLDER_FILES
                ):  # refused anyway (too_much_in_folder): no need for a million
                    break
        return sorted(found)
    return [path]


@dataclass
class _File:
    path: Path
    shown: str
    text: str
    locator: Locator = field(init=False)

    def __post_init__(self) -> None:
        self.locator = Locator(self.text)


@dataclass
class _Pending:
    """A problem whose line and column are found later, and only if the load fails."""

    file: _File
    path: tuple[str | int, ...]
    message: str
    at_key: bool = False


class _Problems:
    def __init__(self) -> None:
        self.located: list[Problem] = []
        self.pending: list[_Pending] = []

    def add(self, file: _File, path: Sequence[str | int], message: str, *, at_key: bool = False) -> None:
        self.pending.append(_Pending(file, tuple(path), message, at_key))

    def __bool__(self) -> bool:
        return bool(self.located or self.pending)

    def resolve(self) -> list[Problem]:
        out = list(self.located)
        for p in self.pending:
            line, column = p.file.locator.locate(p.path, at_key=p.at_key)
            out.append(Problem(p.file.shown, line, column, p.message))
        unique = list(dict.fromkeys(out))  # the first of equal problems, in order
        return sorted(unique, key=lambda p: (p.file, p.line == 0, p.line, p.column))  # unplaced last


def load_rulebook(path: str | Path | None = None) -> Rulebook:
    """Load, validate and compile the rulebook at ``path`` (a folder of YAML files, or one file).

    Without a path, the default rulebook shipped with ConsultAid is loaded: from the form prebuilt when the
    package was built (:mod:`.prebuilt`) while that is exactly what reading its files would give, else from
    its files. Raises :class:`RulebookError` with every problem found, each placed at its file, line and
    column.
    """
    with _collector_paused(), few_hints():
        if path is None:
            from .prebuilt import load_default

            folder = default_rules_dir()
            prebuilt = load_default(folder)
            if prebuilt is not None:
                return prebuilt
            return _load_rulebook(folder)
        return _load_rulebook(path)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a rulebook loads.

    Loading makes hundreds of thousands of small objects (YAML nodes, dicts, models, closures) and keeps most
    of
    them: the collector would go through all of them again and again for nothing (none of them form cycles
    that need it). For 10,000 rules that took four times as long as the loading itself. Reference counting
    still frees everything as usual, and the collector is restored afterwards, as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_rulebook(path: str | Path | None) -> Rulebook:
    root = Path(path) if path is not None else default_rules_dir()
    problems = _Problems()
    if not root.exists():
        raise RulebookError([Problem(display_path(root), 0, 0, "no such file or folder")], "no rulebook")
    paths = rule_files(root)
    if not paths:
        raise RulebookError(
            [Problem(display_path(root), 0, 0, "no rule files (*.yaml) in this folder")], "no rulebook"
        )
    crowded = too_much_in_folder(root, paths)
    if crowded is not None:
        raise RulebookError([crowded], "the rulebook is too big")

    loaded: list[tuple[_File, RuleFile]] = []
    broken: set[str] = set()  # ids of items that failed validation: no "unknown id" noise about them
    for file_path in paths:
        shown = display_path(file_path)
        text, problem = read_text(file_path)
        if problem is not None:
            problems.located.append(problem)
            continue
        assert text is not None
        data, problem = parse(text, shown)
        if problem is not None:
            problems.located.append(problem)
            continue
        file = _File(file_path, shown, text)
        if data is None:
            problems.located.append(
                Problem(shown, 1, 1, "the file is empty; expected sections such as 'questions:' or 'rules:'")
            )
            continue
        if not isinstance(data, dict):
            problems.add(
                file, (), f"expected sections such as 'questions:' or 'rules:', got {describe(data)}"
            )
            continue
        loaded.append((file, _validate_file(data, file, problems, broken)))

    if problems.located:
        # A file that could not be read or parsed hides its ids: checking references now would only add noise.
        raise RulebookError(problems.resolve(), "the rulebook has problems")
    book = _cross_reference(loaded, problems, root, broken)
    if book is not None and not problems:
        return book
    raise RulebookError(problems.resolve(), "the rulebook has problems")


@cache
def _single_models() -> dict[str, TypeAdapter[Any]]:
    """The validators of the sections that hold one value, made at the first load that needs them (making
    them builds pydantic's validators, which the prebuilt default rulebook never needs)."""
    return {
        "rulebook": TypeAdapter(RulebookInfo),
        "no_procedure": TypeAdapter(NoProcedure),
        "values": TypeAdapter(Values),
        "consultation_questions": TypeAdapter(list[Text]),
        "who_to_look_for": TypeAdapter(Text),
        "comparison": TypeAdapter(Comparison),
        "hard_words": TypeAdapter(list[Text]),
    }


_ITEM_MODELS: dict[str, type[Strict]] = {
    "questions": Question,
    "procedures": Procedure,
    "cautions": Caution,
    "rules": Rule,
    "exclusions": Exclusion,
    "registers": Register,
    "glossary": GlossaryEntry,
}


def _validate_file(data: dict[Any, Any], file: _File, problems: _Problems, broken: set[str]) -> RuleFile:
    """Validate one file item by item, keeping every valid item, so one bad item hides no other problem."""
    content: dict[str, Any] = {name: [] for name in SECTIONS}
    single_models = _single_models()
    for key, value in data.items():
        if key in single_models:
            try:
                content[key] = single_models[key].validate_python(value)
            except ValidationError as exc:
                for path_, message, at_key in humanize(exc, value):
                    problems.add(file, (key, *path_), message, at_key=at_key)
            continue
        model = _ITEM_MODELS.get(key) if isinstance(key, str) else None
        if model is None:
            known = (*SECTIONS, *SINGLE_SECTIONS)
            problems.add(
                file,
                (key,),
                f"unknown section '{key}'{did_you_mean(str(key), known)}"
                f"; the sections are: {', '.join(known)}",
                at_key=True,
            )
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            problems.add(
                file,
                (key,),
                f"'{key}' should be a list of items (lines starting with '- '), got {describe(value)}",
            )
            continue
        for i, item in enumerate(value):
            try:
                content[key].append(model.model_validate(item))
            except ValidationError as exc:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    broken.add(item["id"])
                for path_, message, at_key in humanize(exc, item):
                    problems.add(file, (key, i, *path_), message, at_key=at_key)
    return RuleFile.model_construct(**content)


# ------------------------------------------------------------------------------------------------------------
# pydantic errors in plain words
# ------------------------------------------------------------------------------------------------------------

_ALL_KEYS = sorted(
    {
        name if info.alias is None else info.alias
        for model in (
            RuleFile,
            RulebookInfo,
            Question,
            Option,
            Procedure,
            Caution,
            Rule,
            Exclusion,
            ProcedureFilter,
            Register,
            GlossaryEntry,
            Risk,
            Chance,
        )
        for name, info in model.model_fields.items()
    }
    | {"label", "help", "when", "all", "any", "not", "always", "suggested", "left-out", "nothing-suggested"}
    | {"name", "title", "url", "checked"}
)


def humanize(exc: ValidationError, data: Any) -> Iterable[tuple[tuple[str | int, ...], str, bool]]:
    """(path, message, at_key) for each pydantic error, in words a clinician can act on."""
    errors = exc.errors(include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    for err in errors:
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "too_short" and any(other != loc and other[: len(loc)] == loc for other in locs):
            continue  # a list of bad items: the items' own errors say more
        value = err.get("input")
        ctx = err.get("ctx") or {}
        field_name = next((str(x) for x in reversed(loc) if isinstance(x, str)), "")
        at_key = False
        if kind == "extra_forbidden":
            key = loc[-1]
            message = f"unknown key '{key}'{did_you_mean(str(key), [k for k in _ALL_KEYS if k != key])}"
            at_key = True
        elif kind == "missing":
            message = f"missing '{loc[-1]}'"
            loc = loc[:-1]
        elif kind == "literal_error":
            message = f"'{value}' is not allowed here; use {ctx.get('expected', 'one of the listed values')}"
        elif kind == "string_pattern_mismatch":
            if field_name == "url":
                message = f"'{value}' is not a web address starting with https://"
            else:
                message = (
                    f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens, "
                    "like 'nose-shape'"
                )
        elif kind == "string_type":
            message = f"expected text, got {describe(value)}"
        elif kind == "invalid_key":  # a key that is not text, such as 1 or true (the input is the key)
            message = f"expected text, got {describe(value)}"
        elif kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
            message = f"expected a number, got {describe(value)}"
        elif kind in ("greater_than_equal", "greater_than"):
            bound = ctx.get("ge", ctx.get("gt", 0))
            message = f"must be {bound:g} or more, not {value}"
        elif kind in ("bool_type", "bool_parsing"):
            message = f"expected true or false, got {describe(value)}"
        elif kind in ("list_type", "tuple_type"):
            message = f"expected a list, got {describe(value)}"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = f"expected a mapping (key: value lines), got {describe(value)}"
        elif kind.startswith("date") or kind.startswith("datetime"):
            message = f"expected a date written like 2026-11-27, got {value!r}"
        elif kind == "too_short":
            if isinstance(value, str) or kind == "string_too_short":
                message = "must not be empty"
            else:
                message = f"must list at least {ctx.get('min_length', 1)}"
        elif kind == "string_too_short":
            message = "must not be empty"
        elif kind == "string_too_long":
            message = f"too long (at most {ctx.get('max_length')} characters)"
        elif kind == "value_error":
            message = str(err["msg"]).removeprefix("Value error, ")
        else:
            message = str(err["msg"])
        yield loc, message, at_key


# ------------------------------------------------------------------------------------------------------------
# cross-references
# ------------------------------------------------------------------------------------------------------------


_Item = Question | Procedure | Caution | Rule | Exclusion | Register | GlossaryEntry
"""An item of one of the list sections (each has an id)."""


def _cross_reference(
    loaded: list[tuple[_File, RuleFile]], problems: _Problems, root: Path, broken: set[str]
) -> Rulebook | None:
    singles: dict[str, tuple[_File, Any]] = {}
    sections: dict[str, list[tuple[_File, int, _Item]]] = {name: [] for name in SECTIONS}
    for file, content in loaded:
        for name in SINGLE_SECTIONS:
            value = getattr(content, name, None)
            if not value:
                continue
            if name in singles:
                problems.add(
                    file,
                    (name,),
                    f"a second '{name}:' section (the first is in {singles[name][0].shown})",
                    at_key=True,
                )
            else:
                singles[name] = (file, value)
        for name in SECTIONS:
            for i, item in enumerate(getattr(content, name)):
                sections[name].append((file, i, item))
    info: tuple[_File, RulebookInfo] | None = singles.get("rulebook")
    if info is None and not problems:
        problems.located.append(
            Problem(display_path(root), 0, 0, "no file has a 'rulebook:' section (id, version, title, ...)")
        )

    singular = {
        "questions": "question",
        "procedures": "procedure",
        "cautions": "caution",
        "rules": "rule",
        "exclusions": "exclusion",
        "registers": "register",
        "glossary": "glossary term",
    }
    for name, items in sections.items():
        first_seen: dict[str, _File] = {}
        for file, i, item in items:
            item_id = item.id
            if item_id in first_seen:
                problems.add(
                    file,
                    (name, i, "term" if name == "glossary" else "id"),
                    f"{singular[name]} '{item_id}' is defined twice (also in {first_seen[item_id].shown})",
                )
            else:
                first_seen[item_id] = file
    if not sections["questions"] and not problems:
        problems.located.append(Problem(display_path(root), 0, 0, "the rulebook has no questions"))

    questions: dict[str, Question] = {}
    for file, i, q in sections["questions"]:
        assert isinstance(q, Question)
        base = ("questions", i)
        seen_options: set[str] = set()
        for j, option in enumerate(q.options):
            if option.id in seen_options:
                problems.add(
                    file, base + ("options", j, "id"), f"option '{option.id}' is listed twice in '{q.id}'"
                )
            seen_options.add(option.id)
        earlier = dict(questions)
        if q.when is not None:
            _check_condition(
                q.when,
                base + ("when",),
                file,
                earlier,
                problems,
                who=f"question '{q.id}'",
                earlier_only=True,
                broken=broken,
            )
        for j, option in enumerate(q.options):
            if option.when is not None:
                _check_condition(
                    option.when,
                    base + ("options", j, "when"),
                    file,
                    earlier,
                    problems,
                    who=f"option '{option.id}'",
                    earlier_only=True,
                    broken=broken,
                )
        questions.setdefault(q.id, q)

    procedures = {p.id: p for _, _, p in sections["procedures"] if isinstance(p, Procedure)}
    cautions = {c.id: c for _, _, c in sections["cautions"] if isinstance(c, Caution)}
    registers = {r.id: r for _, _, r in sections["registers"] if isinstance(r, Register)}
    for file, i, procedure in sections["procedures"]:
        assert isinstance(procedure, Procedure)
        for j, rid in enumerate(procedure.registers):
            if rid not in registers and rid not in broken:
                problems.add(
                    file,
                    ("procedures", i, "registers", j),
                    f"unknown register '{rid}'{did_you_mean(rid, registers)}",
                )
        addresses = [source.url for source in procedure.sources]
        for j, risk in enumerate(procedure.risks):
            chance = risk.figure
            if chance is not None and isinstance(chance.source, str) and chance.source not in addresses:
                problems.add(
                    file,
                    ("procedures", i, "risks", j, "chance", "source"),
                    f"'{chance.source}' is not the url of any of '{procedure.id}''s sources"
                    f"{did_you_mean(chance.source, addresses)}; list the source under 'sources', or write "
                    "it out here (name, title, url, checked)",
                )

    for file, i, rule in sections["rules"]:
        assert isinstance(rule, Rule)
        base = ("rules", i)
        _check_condition(
            rule.when,
            base + ("when",),
            file,
            questions,
            problems,
            who=f"rule '{rule.id}'",
            procedures=procedures,
            broken=broken,
        )
        for j, pid in enumerate(rule.suggest):
            if pid not in procedures and pid not in broken:
                problems.add(
                    file, base + ("suggest", j), f"unknown procedure '{pid}'{did_you_mean(pid, procedures)}"
                )
        for j, cid in enumerate(rule.caution):
            if cid not in cautions and cid not in broken:
                problems.add(
                    file, base + ("caution", j), f"unknown caution '{cid}'{did_you_mean(cid, cautions)}"
                )
        if rule.suggest and looks_at_outcome(rule.when):
            problems.add(
                file,
                base + ("suggest",),
                f"rule '{rule.id}' looks at the suggestions ('suggested', 'left-out' "
                "or 'nothing-suggested'), so it may raise cautions but not suggest procedures",
                at_key=True,
            )

    for file, i, exclusion in sections["exclusions"]:
        assert isinstance(exclusion, Exclusion)
        base = ("exclusions", i)
        _check_condition(
            exclusion.when,
            base + ("when",),
            file,
            questions,
            problems,
            who=f"exclusion '{exclusion.id}'",
            answers_only=True,
            broken=broken,
        )
        _check_filter(exclusion.exclude, base + ("exclude",), file, procedures, problems)

    if "no_procedure" in singles:
        file, no_procedure = singles["no_procedure"]
        all_options = {o.id for q in questions.values() for o in q.options}
        for key in no_procedure.without_treatment:
            if key not in all_options:
                problems.add(
                    file,
                    ("no_procedure", "without_treatment", key),
                    f"'{key}' is not an option of any question{did_you_mean(key, all_options)}",
                    at_key=True,
                )
    if "values" in singles:
        file, values = singles["values"]
        _check_values(values, file, questions, procedures, problems)
    _check_comparison(singles, sections, problems)
    _check_glossary(sections["glossary"], problems)

    if problems or info is None:
        return None
    origins: dict[tuple[str, ...], Origin] = {
        (name,): Origin(file.shown, (name,), file.locator) for name, (file, _) in singles.items()
    }
    for name, items in sections.items():
        for file, i, item in items:
            origins.setdefault((name, item.id), Origin(file.shown, (name, i), file.locator))
            if isinstance(item, Question):
                for j, option in enumerate(item.options):
                    origins.setdefault(
                        ("options", item.id, option.id),
                        Origin(file.shown, (name, i, "options", j), file.locator),
                    )
    digest = hashlib.sha256()
    for file, _ in loaded:
        digest.update(file.path.name.encode() + b"\0" + file.text.encode() + b"\0")
    return Rulebook(
        info=info[1],
        questions=tuple(questions.values()),
        procedures=procedures,
        cautions=cautions,
        rules=tuple(r for _, _, r in sections["rules"] if isinstance(r, Rule)),
        exclusions=tuple(e for _, _, e in sections["exclusions"] if isinstance(e, Exclusion)),
        files=tuple(f.shown for f, _ in loaded),
        digest=digest.hexdigest(),
        no_procedure=singles.get("no_procedure", (None, None))[1],
        values=singles.get("values", (None, None))[1],
        consultation_questions=tuple(singles.get("consultation_questions", (None, ()))[1]),
        registers=registers,
        who_to_look_for=singles.get("who_to_look_for", (None, None))[1],
        comparison=singles.get("comparison", (None, None))[1],
        glossary=tuple(g for _, _, g in sections["glossary"] if isinstance(g, GlossaryEntry)),
        hard_words=tuple(singles.get("hard_words", (None, ()))[1]),
        origins=origins,
    )


def _check_comparison(
    singles: dict[str, tuple[_File, Any]],
    sections: dict[str, list[tuple[_File, int, _Item]]],
    problems: _Problems,
) -> None:
    """Rows named in an option's 'compare:' must be rows of the comparison; row ids are unique."""
    rows: list[str] = []
    if "comparison" in singles:
        file, comparison = singles["comparison"]
        for i, row in enumerate(comparison.rows):
            if row.id in rows:
                problems.add(file, ("comparison", "rows", i, "id"), f"a second comparison row '{row.id}'")
            rows.append(row.id)
    where = "the comparison rows" if rows else "a 'comparison:' section (there is none)"
    owners: list[tuple[_File, tuple[str | int, ...], dict[str, str]]] = [
        (file, ("procedures", i), item.compare)
        for file, i, item in sections["procedures"]
        if isinstance(item, Procedure)
    ]
    if "no_procedure" in singles:
        file, no_procedure = singles["no_procedure"]
        owners.append((file, ("no_procedure",), no_procedure.compare))
    for file, base, compare in owners:
        for key in compare:
            if key not in rows:
                problems.add(
                    file,
                    (*base, "compare", key),
                    f"'{key}' is not a row of {where}{did_you_mean(key, rows)}",
                    at_key=True,
                )


def _check_glossary(entries: list[tuple[_File, int, _Item]], problems: _Problems) -> None:
    """No word is explained twice: another form ('also') of an entry may not be a term or another form of
    any entry (the same term twice is reported with the other ids defined twice)."""
    owner: dict[str, str] = {}  # a form in lower case -> the term that explains it
    for _, _, item in entries:
        if isinstance(item, GlossaryEntry):
            owner.setdefault(item.id, item.term)
    for file, i, item in entries:
        assert isinstance(item, GlossaryEntry)
        for j, form in enumerate(item.also):
            key = " ".join(form.split()).lower()
            if key in owner:
                problems.add(
                    file,
                    ("glossary", i, "also", j),
                    f"'{form}' is already explained under '{owner[key]}': explain each word once",
                )
            else:
                owner[key] = item.term


def _check_values(
    values: Values,
    file: _File,
    questions: dict[str, Question],
    procedures: dict[str, Procedure],
    problems: _Problems,
) -> None:
    """The priorities question must exist, allow several answers, and every option needs a fit (no more)."""
    question = questions.get(values.question)
    if question is None:
        problems.add(
            file,
            ("values", "question"),
            f"unknown question '{values.question}'{did_you_mean(values.question, questions)}",
        )
        return
    if question.kind != "multiple":
        problems.add(file, ("values", "question"), f"'{values.question}' must be a multiple-choice question")
    option_ids = [o.id for o in question.options]
    for key, fit in values.fits.items():
        if key not in option_ids:
            problems.add(
                file,
                ("values", "fits", key),
                f"'{key}' is not an option of '{values.question}'{did_you_mean(key, option_ids)}",
                at_key=True,
            )
        for side in ("good", "poor"):
            flt = getattr(fit, side)
            if flt is not None:
                _check_filter(flt, ("values", "fits", key, side), file, procedures, problems)
    for option in option_ids:
        if option not in values.fits:
            problems.add(file, ("values", "fits"), f"option '{option}' of '{values.question}' has no fit")


def _check_condition(
    cond: Node,
    path: tuple[str | int, ...],
    file: _File,
    questions: dict[str, Question],
    problems: _Problems,
    *,
    who: str,
    earlier_only: bool = False,
    answers_only: bool = False,
    procedures: dict[str, Procedure] | None = None,
    broken: Set[str] = frozenset(),
) -> None:
    """Every question and option a condition names must exist and belong together."""
    if (earlier_only or answers_only) and looks_at_outcome(cond):
        problems.add(file, path, f"the condition of {who} may only look at answers, not at suggestions")
    for node, sub in walk(cond, path):
        match node:
            case AnswerTest():
                _check_test(
                    node, sub, file, questions, problems, who=who, earlier_only=earlier_only, broken=broken
                )
            case WasSuggested():
                if procedures is not None:
                    _check_filter(node.suggested, sub + ("suggested",), file, procedures, problems)
            case WasLeftOut():
                if procedures is not None:
                    _check_filter(node.left_out, sub + ("left-out",), file, procedures, problems)
            case AllOf() | AnyOf() | Not() | Always() | NothingSuggested():
                pass  # names no question or procedure itself (walk gives its parts)
            case _:
                assert_never(node)


def _check_test(
    node: AnswerTest,
    sub: tuple[str | int, ...],
    file: _File,
    questions: dict[str, Question],
    problems: _Problems,
    *,
    who: str,
    earlier_only: bool,
    broken: Set[str],
) -> None:
    """The question an answer test names exists (and, for an option's or a question's own condition, is
    asked before it), and so does each of its options."""
    qid = node.question
    question = questions.get(qid)
    if question is None:
        if qid in broken:
            return
        if earlier_only:
            message = (
                f"{who} depends on '{qid}', which is not a question asked before it"
                f"{did_you_mean(qid, questions)}"
            )
        else:
            message = f"unknown question '{qid}'{did_you_mean(qid, questions)}"
        problems.add(file, sub + (qid,), message, at_key=True)
        return
    option_ids = [o.id for o in question.options]
    for k, option in enumerate(node.options):
        if option not in option_ids:
            problems.add(
                file,
                sub + (qid, k),
                f"'{option}' is not an option of '{qid}'{did_you_mean(option, option_ids)}",
            )


def _check_filter(
    flt: ProcedureFilter,
    path: tuple[str | int, ...],
    file: _File,
    procedures: dict[str, Procedure],
    problems: _Problems,
) -> None:
    for k, pid in enumerate(flt.id or ()):
        if pid not in procedures:
            problems.add(file, path + ("id", k), f"unknown procedure '{pid}'{did_you_mean(pid, procedures)}")
    if flt.group is not None:
        groups = sorted({g for p in procedures.values() for g in p.groups})
        for k, gid in enumerate(flt.group):
            if gid not in groups:
                problems.add(
                    file,
                    path + ("group", k),
                    f"no procedure is in the group '{gid}'{did_you_mean(gid, groups)}"
                    " (a procedure joins a group by listing it under 'groups')",
                )
