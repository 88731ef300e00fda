"""Fuzzing with hypothesis: random valid answers keep the contract's safety rules; damaged rule files give
located errors, never a traceback; and the lint's "can never fire" agrees with trying every possible
answer."""

from __future__ import annotations

import itertools
import json
import re
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from consultaid import Answers, RulebookError, evaluate, load_rulebook
from consultaid.authoring.explain import trace
from consultaid.rulebook.book import Rulebook
from consultaid.rulebook.lint import lint
from consultaid.safe import has_control

from .conftest import RULES

BOOK = load_rulebook(RULES)
FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(RULES.glob("*.yaml"))}
RED_FLAGS = {
    "motivation": {"pressure-from-others", "relationship", "comparison", "life-event"},
    "preoccupation": {"daily-over-1h"},
    "impact": {"often"},
    "previous": {"unsatisfied"},
    "turned-down": {"yes"},
    "health": {"mental-health"},
}
LOOKS = {"appearance", "both", "unsure"}  # contract 2: several procedures count only when looks are a goal
LEVEL_RANK = {"critical": 0, "warning": 1, "info": 2}
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def valid_answers(draw: st.DrawFn, rulebook: Rulebook = BOOK) -> dict[str, Any]:
    """An answers document built from the rulebook's own structure: a question only when it is asked, options
    only when offered, one option for a single choice, a non-empty set for a multiple choice, and every
    required question that is asked answered."""
    sets: dict[str, frozenset[str]] = {}
    document: dict[str, Any] = {}
    for question in rulebook.questions:
        if not rulebook.is_asked(question, sets):
            continue
        offered = [o.id for o in rulebook.offered_options(question, sets)]
        if not offered or (not question.required and draw(st.booleans())):
            continue
        if question.kind == "single":
            chosen = [draw(st.sampled_from(offered))]
            document[question.id] = chosen[0]
        else:
            chosen = draw(st.lists(st.sampled_from(offered), min_size=1, max_size=4, unique=True))
            document[question.id] = chosen
        sets[question.id] = frozenset(chosen)
    return document


@settings(FUZZ, max_examples=300)
@given(valid_answers())
def test_random_valid_answers_keep_the_safety_rules(document):
    answers = Answers.validate(document, BOOK)  # the generator makes only valid answers
    result = evaluate(BOOK, answers)
    cautions = {c.id: c for c in result.cautions}
    suggested = {s.id: s for s in result.suggestions}

    assert "not-medical-advice" in cautions
    looks = document["goal"] in LOOKS
    if document["age"] == "under-18":
        if looks:
            assert cautions["under-18"].level == "critical" and "young-person" not in cautions
            assert not {"botulinum-toxin", "dermal-fillers", "breast-augmentation"} & set(suggested)
        else:
            assert "young-person" in cautions and "under-18" not in cautions
    if not looks:
        assert "cooling-off" not in cautions
    flagged = any(set(answers.get(q, ())) & flags for q, flags in RED_FLAGS.items())
    flagged = flagged or (looks and document["previous"] == "several")
    assert flagged == ("counselling-referral" in cautions)
    if flagged:
        assert cautions["counselling-referral"].level == "critical" and result.referral is True
    assert result.referral == ("counselling-referral" in cautions)
    if document["approach"] == "non-surgical-only":
        assert not any(s.surgical for s in result.suggestions)
    if "buttock-augmentation" in suggested:
        assert cautions["bbl-risk"].level == "critical"
    if not result.suggestions:  # never an empty screen
        assert {"nothing-matched", "all-left-out"} & set(cautions)
    ranks = [LEVEL_RANK[c.level] for c in result.cautions]
    assert ranks == sorted(ranks)
    assert all(item.reasons for item in (*result.suggestions, *result.cautions))
    assert not set(suggested) & {x.id for x in result.left_out}


@settings(FUZZ, max_examples=150)
@given(valid_answers())
def test_health_answers_never_take_an_option_away(document):
    """Contract 2: health, turned-down and abroad answers add cautions, never remove options."""
    without = {k: v for k, v in document.items() if k not in {"health", "turned-down", "abroad"}}
    a, b = evaluate(BOOK, Answers.validate(document, BOOK)), evaluate(BOOK, Answers.validate(without, BOOK))
    assert a.suggestion_ids == b.suggestion_ids and a.left_out == b.left_out
    assert set(b.caution_ids) <= set(a.caution_ids)


# --- damaged rule files -------------------------------------------------------------------------------------


def damage(text: str, kind: str, where: float, char: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    i = min(int(where * len(lines)), len(lines) - 1)
    if kind == "delete line":
        del lines[i]
    elif kind == "duplicate line":
        lines.insert(i, lines[i])
    elif kind == "indent more":
        lines[i] = "  " + lines[i]
    elif kind == "indent less":
        lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i].lstrip()
    elif kind == "change a character":
        pos = min(int(where * len(text)), len(text) - 1)
        return text[:pos] + char + text[pos + 1 :]
    elif kind == "truncate":
        return text[: int(where * len(text))]
    elif kind == "insert a control character":  # as it is, anywhere
        pos = min(int(where * len(text)), len(text) - 1)
        return text[:pos] + CONTROLS[int(where * 1000) % len(CONTROLS)] + text[pos:]
    elif kind == "escape a control character":  # as a YAML escape, at the start of a text in quotes
        escape = CONTROLS[int(where * 1000) % len(CONTROLS)].encode("unicode_escape").decode()
        found = PLAIN_VALUE.match(lines[i])
        if found:
            value = found.group(2).replace("\\", "\\\\").replace('"', '\\"')
            lines[i] = f'{found.group(1)}"{escape}{value}"\n'
    elif kind == "insert markup":  # Textual markup in front of a value: it loads as text, or is an error
        lines[i] = re.sub(r"(: )(?=\S)", lambda m: m.group(1) + MARKUP, lines[i], count=1)
    elif kind == "alias":  # one value anchored and used again further on, or an alias or merge-key bomb added
        keyed = [n for n, line in enumerate(lines) if PLAIN_VALUE.match(line)]
        if len(keyed) >= 2 and where < 0.7:
            first = keyed[int(where * len(keyed)) % len(keyed)]
            lines[first] = re.sub(r": (?=\S)", ": &x ", lines[first], count=1)
            found = PLAIN_VALUE.match(lines[keyed[-1]])
            assert found is not None
            lines[keyed[-1]] = f"{found.group(1)}*x\n"
        else:
            lines.append(ALIAS_BOMB if where < 0.85 else MERGE_BOMB)
    return "".join(lines)


#: Control characters: ESC, NUL, BEL, DEL, a C1 CSI, a bidi override, CR, NEL, a line separator, a BOM.
CONTROLS = ["\x1b", "\x00", "\x07", "\x7f", "\x9b", "\u202e", "\r", "\x85", "\u2028", "\ufeff"]
MARKUP = "[@click=app.quit]x[/] [bold red]y[/] [/]"
ALIAS_BOMB = "bomb: &b0 [a, a, a, a, a, a, a, a, a, a]\n" + "".join(
    f"b{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 10)}]\n" for n in range(1, 8)
)
MERGE_BOMB = "m0: &m0 {k: 1}\n" + "".join(
    f"m{n}: &m{n} {{<<: [*m{n - 1}, *m{n - 1}]}}\n" for n in range(1, 30)
)
#: A line "key: value" (or "- key: value") whose value is plain text, to put in quotes or replace.
PLAIN_VALUE = re.compile(r"^(\s*(?:- )?[\w-]+: )([^\s\"'\[{&*|>!#%@`][^#\n]*?)\s*$")
KINDS = [
    "delete line",
    "duplicate line",
    "indent more",
    "indent less",
    "change a character",
    "truncate",
    "insert a control character",
    "escape a control character",
    "insert markup",
    "alias",
]


@settings(FUZZ, max_examples=30)
@given(
    name=st.sampled_from(sorted(FILES)),
    steps=st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.floats(0, 1),
            st.sampled_from([*":-[]{}#'\" \tax1\n&*!|>%@`", *CONTROLS]),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_damaged_rule_files_give_located_errors_never_a_traceback(name, steps):
    text = FILES[name]
    for kind, where, char in steps:
        text = damage(text, kind, where, char)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for other, original in FILES.items():
            (folder / other).write_text(text if other == name else original, encoding="utf-8")
        try:
            book = load_rulebook(folder)
        except RulebookError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.file and problem.message and problem.severity == "error"
                if problem.file.endswith(".yaml"):
                    assert problem.line >= 1 and problem.column >= 1, str(problem)
                assert "Traceback" not in problem.message
                shown = str(problem)  # what the terminal gets: one line, control characters as escapes
                assert "\n" not in shown and not has_control(shown), repr(shown)
            return
        if text != FILES[name]:
            lint(book)  # a rulebook that still loads can be linted
        for value in _texts(book):  # a loaded rulebook holds no control character (markup is only text)
            assert not has_control(value), repr(value)


def _texts(book: Rulebook) -> list[str]:
    """Every text of a loaded rulebook's questions, procedures and cautions."""
    out: list[str] = []
    stack: list[Any] = [*book.questions, *book.procedures.values(), *book.cautions.values()]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend([*item.keys(), *item.values()])
        elif hasattr(item, "model_dump"):
            stack.append(item.model_dump())
    return out


# --- the lint's reasoning against brute force ---------------------------------------------------------------

Q1 = ["a", "b", "c"]
Q2 = ["x", "y", "z"]
Q3 = ["on", "off"]


def _test_strategy() -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(Q1), min_size=1, max_size=2, unique=True).map(
            lambda o: f"{{q1: [{', '.join(o)}]}}"
        ),
        st.lists(st.sampled_from(Q2), min_size=1, max_size=2, unique=True).map(
            lambda o: f"{{q2: [{', '.join(o)}]}}"
        ),
        st.sampled_from(Q3).map(lambda o: f"{{q3: {o}}}"),
    )


conditions = st.recursive(
    _test_strategy(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: "{all: [" + ", ".join(parts) + "]}"),
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: "{any: [" + ", ".join(parts) + "]}"),
        inner.map(lambda part: f"{{not: {part}}}"),
    ),
    max_leaves=5,
)


@st.composite
def small_books(draw: st.DrawFn) -> tuple[str, str]:
    """A tiny rulebook: q1 single, q2 multiple with options offered by q1, q3 asked only sometimes; and one
    rule."""
    option_when = {
        o: draw(st.one_of(st.none(), st.lists(st.sampled_from(Q1), min_size=1, max_size=2, unique=True)))
        for o in Q2
    }
    q2_options = "\n".join(
        f"      - {{id: {o}, label: {o.upper()}" + (f", when: {{q1: [{', '.join(w)}]}}" if w else "") + "}"
        for o, w in option_when.items()
    )
    q3_when = draw(st.one_of(st.none(), _test_strategy().filter(lambda t: not t.startswith("{q3"))))
    required = [draw(st.booleans()) for _ in range(3)]
    rule = draw(conditions)
    text = f"""
        rulebook: {{id: tiny, version: "1", title: Tiny, made_by: tests, funded_by: nobody,
                    checked: 2026-11-27, review_due: 2027-11-27}}
        questions:
          - id: q1
            kind: single
            text: One?
            help: Choose.
            required: {str(required[0]).lower()}
            options: [{{id: a, label: A}}, {{id: b, label: B}}, {{id: c, label: C}}]
          - id: q2
            kind: multiple
            text: Two?
            help: Choose.
            required: {str(required[1]).lower()}
            options:
{textwrap.indent(q2_options, " " * 8)}
          - id: q3
            kind: single
            text: Three?
            help: Choose.
            required: {str(required[2]).lower()}
            {"when: " + q3_when if q3_when else ""}
            options: [{{id: "on", label: On}}, {{id: "off", label: Off}}]
        cautions:
          - {{id: note, level: info, title: Note, text: A note.}}
        rules:
          - id: target
            when: {rule}
            caution: [note]
            because: Because.
        """
    return textwrap.dedent(text), rule


def _every_answers_document() -> list[dict[str, Any]]:
    def choices(options: list[str], multiple: bool) -> list[Any]:
        out: list[Any] = [None]
        if multiple:
            out += [list(c) for n in range(1, len(options) + 1) for c in itertools.combinations(options, n)]
        else:
            out += options
        return out

    docs = []
    for v1, v2, v3 in itertools.product(choices(Q1, False), choices(Q2, True), choices(Q3, False)):
        docs.append({k: v for k, v in (("q1", v1), ("q2", v2), ("q3", v3)) if v is not None})
    return docs


ALL_DOCUMENTS = _every_answers_document()


@settings(FUZZ, max_examples=60)
@given(small_books())
def test_can_never_fire_agrees_with_trying_every_answer(book_and_rule):
    text, rule = book_and_rule
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "book.yaml").write_text(text, encoding="utf-8")
        book = load_rulebook(tmp)
        findings = lint(book)
    never = any("rule 'target' can never fire" in p.message for p in findings)
    stuck = any("can be asked with no option to choose" in p.message for p in findings)
    fires_for_someone = False
    for document in ALL_DOCUMENTS:
        try:
            answers = Answers.validate(document, book)
        except Exception:
            continue
        if trace(book, answers)[0].fired:
            fires_for_someone = True
            break
    assert never == (not fires_for_someone), (rule, [str(p) for p in findings])
    if stuck:  # a question left with nothing to choose: the lint says so, and no finding hides it
        assert any(p.message.startswith("question 'q") for p in findings)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_damage_is_exercised(kind):
    text = FILES["rules.yaml"]
    # somewhere in the file this kind of damage changes the text (an unindented line cannot lose indent)
    assert any(damage(text, kind, where / 20, "x") != text for where in range(20))


# --- places in JSON files -----------------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-1000, 1000), st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["a", "b", "é", 'q"', "1"]), inner, max_size=4),
    ),
    max_leaves=12,
)  # fmt: skip


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in a value, and one more under each object and array that is not there."""
    found = [path]
    if isinstance(value, dict):
        found.append((*path, "missing"))
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        found.append((*path, len(value)))
        for i, item in enumerate(value):
            found.extend(_paths(item, (*path, i)))
    return found


@settings(FUZZ, max_examples=200)
@given(json_values, st.sampled_from([None, 1, 2]), st.booleans())
def test_places_read_from_json_tokens_agree_with_libyaml(value, indent, ascii_only):
    """A JSON file that YAML cannot read (a key over 1024 characters) is placed by reading its tokens: on
    every JSON file YAML can read, that gives libyaml's places, key or value, found or not."""
    from consultaid.yamlfile import Locator, _locate_json

    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    locator = Locator(text)
    assume(locator._compose() is not None)  # libyaml reads it (not a raw control character, say)
    for path in _paths(value):
        for at_key in (False, True):
            assert _locate_json(text, path, at_key=at_key) == locator.locate(path, at_key=at_key), (
                path,
                at_key,
            )
