"""Compiled conditions and the answer index say what the conditions mean, for any condition and any answers.

Evaluation takes shortcuts (closures specialised by shape and shared between equal tests, an index from
answers to the rules they can fire, rules settled by the index alone): each is checked here against a plain
reading of the condition language.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from consultaid import Answers, evaluate, load_rulebook
from consultaid.report.fhir import enable_form
from consultaid.rulebook.book import Rulebook
from consultaid.rulebook.conditions import (
    AtomMasks,
    Compiler,
    Condition,
    Outcome,
    atoms,
    compile_condition,
    holds,
    index_plan,
    looks_at_outcome,
    triggers,
)
from consultaid.rulebook.conditions.words import why_not, written
from consultaid.rulebook.model import Caution, Option, Question, Rule, RulebookInfo
from consultaid.rulebook.reason import Reasoner

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = {"goal": ["a", "b", "c"], "area": ["nose", "chin", "ears", "eyes"], "age": ["young", "adult"]}
CONDITION = TypeAdapter(Condition)


def meaning(cond: Any, answers: dict[str, frozenset[str]]) -> bool:
    """The condition language read plainly, as docs/rulebook.md states it: the package's own reading."""
    return holds(cond, answers)


tests = st.sampled_from(sorted(QUESTIONS)).flatmap(
    lambda q: st.lists(st.sampled_from(QUESTIONS[q]), min_size=1, max_size=3, unique=True).map(
        lambda o: {q: o}
    )
)
conditions = st.recursive(
    tests | st.just({"always": True}),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4).map(lambda c: {"all": c})
        | st.lists(inner, min_size=1, max_size=4).map(lambda c: {"any": c})
        | inner.map(lambda c: {"not": c})
    ),
    max_leaves=8,
).map(CONDITION.validate_python)
answer_sets = st.fixed_dictionaries(
    {}, optional={q: st.frozensets(st.sampled_from(opts), min_size=1) for q, opts in QUESTIONS.items()}
)


def likelihood(question: str, k: int) -> float:
    return k / len(QUESTIONS[question])


def every_answer_set() -> list[dict[str, frozenset[str]]]:
    """All 512 ways of answering the three questions (each option chosen or not)."""
    atoms = [(q, o) for q, opts in QUESTIONS.items() for o in opts]
    out = []
    for bits in range(1 << len(atoms)):
        chosen: dict[str, set[str]] = {}
        for i, (q, o) in enumerate(atoms):
            if bits >> i & 1:
                chosen.setdefault(q, set()).add(o)
        out.append({q: frozenset(o) for q, o in chosen.items()})
    return out


EVERY_ANSWER_SET = every_answer_set()


@settings(max_examples=200, deadline=None)
@given(conditions)
def test_compiled_conditions_mean_what_they_say(cond):
    predicate = compile_condition(cond)
    for answers in EVERY_ANSWER_SET:
        assert predicate(answers, None) is meaning(cond, answers), answers


@settings(max_examples=200, deadline=None)
@given(st.lists(conditions, min_size=1, max_size=4))
def test_atom_mask_checks_mean_what_they_say(conds):
    masks = AtomMasks()
    one = masks.condition(conds[0])
    every = masks.all_of(conds)
    for answers in EVERY_ANSWER_SET:
        found = masks.of_answers(answers)
        assert bool(one(found)) is meaning(conds[0], answers), answers
        assert bool(every(found)) is all(meaning(c, answers) for c in conds), answers


@settings(max_examples=200, deadline=None)
@given(conditions)
def test_the_index_plan_is_sound(cond):
    plan = index_plan(cond, likelihood)
    if plan is None:
        return  # unbounded: such rules are always tried
    atoms, rest = plan
    assert triggers(cond, likelihood) == atoms
    for answers in EVERY_ANSWER_SET:
        present = {(q, o) for q, opts in answers.items() for o in opts}
        holds = meaning(cond, answers)
        if holds:
            assert atoms & present, (
                f"a condition that holds must be found through one of its atoms: {answers}"
            )
        if atoms & present and rest is not None:
            # found through an atom, what is left to check decides it
            assert holds == all(meaning(r, answers) for r in rest), answers


def test_equal_tests_share_one_closure():
    compiler = Compiler()
    one = compiler.condition(CONDITION.validate_python({"area": ["nose", "chin"]}))
    two = compiler.condition(CONDITION.validate_python({"all": [{"area": ["nose", "chin"]}]}))
    assert one is two


def _book(conds: list[object]) -> Rulebook:
    questions = tuple(
        Question(
            id=q, kind="multiple", text=f"{q}?", help="Choose.", options=[Option(id=o, label=o) for o in opts]
        )
        for q, opts in QUESTIONS.items()
    )
    return Rulebook(
        info=RulebookInfo(
            id="props",
            version="1",
            title="Properties",
            made_by="tests",
            funded_by="nobody",
            checked=dt.date(2026, 11, 27),
            review_due=dt.date(2027, 11, 27),
        ),
        questions=questions,
        procedures={},
        cautions={
            "seen": Caution(id="seen", level="info", title="Seen", text="A rule fired."),
            "also": Caution(id="also", level="critical", title="Also", text="An even rule fired."),
        },
        rules=tuple(
            Rule(
                id=f"r{i}", when=c, caution=["seen", "also"] if i % 2 == 0 else ["seen"], because=f"Rule {i}."
            )
            for i, c in enumerate(conds)
        ),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(conditions, min_size=1, max_size=12), answer_sets)
def test_evaluate_fires_exactly_the_rules_that_hold_in_rulebook_order(conds, answers):
    book = _book(conds)
    result = evaluate(book, Answers({q: tuple(sorted(o)) for q, o in answers.items()}))
    expected = [f"r{i}" for i, c in enumerate(conds) if meaning(c, answers)]
    seen = result.caution("seen")
    assert ([r.rule for r in seen.reasons] if seen else []) == expected
    also = result.caution("also")
    assert ([r.rule for r in also.reasons] if also else []) == [r for r in expected if int(r[1:]) % 2 == 0]
    if also:
        assert result.caution_ids[0] == "also"  # critical first
    # the same rules, through the rulebook's own listings
    sets = {q: frozenset(o) for q, o in answers.items()}
    assert [r.id for r in book.compiled.fired_rules(sets)] == expected
    assert book.holding_rules(sets) == frozenset(expected)
    suggested, raised = book.compiled.gather(sets)
    assert not suggested and [r.rule for r in raised.get("seen", [])] == expected
    assert set(expected) <= {r.id for r in book.compiled.candidate_rules(sets)}


def test_results_are_what_validation_would_build(rulebook, person):
    """Reasons are built once per rulebook and shared; a result must still equal one built and checked
    anew."""
    for answers in (
        person(),
        person(area=["nose", "chin"], concern=["nose-shape", "chin-weak"]),
        person(motivation=["comparison"], approach="non-surgical-only"),
    ):
        result = evaluate(rulebook, answers)
        again: Any = type(result).model_validate(result.model_dump())
        assert again == result and again.to_json() == result.to_json()
        assert evaluate(rulebook, answers) == result


# -- every use of a condition agrees with the plain reading --------------------------------------------------

DEFAULT = load_rulebook(ROOT / "rules")
PROCEDURES = tuple(DEFAULT.procedures.values())
_IDS = [p.id for p in PROCEDURES]
_GROUPS = sorted({g for p in PROCEDURES for g in p.groups})
filters = st.fixed_dictionaries(
    {},
    optional={
        "id": st.lists(st.sampled_from(_IDS), min_size=1, max_size=3, unique=True),
        "group": st.lists(st.sampled_from(_GROUPS), min_size=1, max_size=2, unique=True),
        "surgical": st.booleans(),
        "purpose": st.sampled_from(sorted({p.purpose for p in PROCEDURES})),
        "permanence": st.sampled_from(sorted({p.permanence for p in PROCEDURES})),
    },
)
full_conditions = st.recursive(
    tests
    | st.just({"always": True})
    | st.just({"nothing-suggested": True})
    | filters.map(lambda f: {"suggested": f})
    | filters.map(lambda f: {"left-out": f}),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4).map(lambda c: {"all": c})
        | st.lists(inner, min_size=1, max_size=4).map(lambda c: {"any": c})
        | inner.map(lambda c: {"not": c})
    ),
    max_leaves=8,
).map(CONDITION.validate_python)
outcomes = st.builds(
    Outcome,
    suggested=st.lists(st.sampled_from(PROCEDURES), max_size=3, unique_by=lambda p: p.id).map(tuple),
    left_out=st.lists(st.sampled_from(PROCEDURES), max_size=2, unique_by=lambda p: p.id).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(full_conditions, answer_sets, outcomes)
def test_every_use_of_a_condition_agrees_with_the_plain_reading(cond, answers, outcome):
    """Closures, masks, the index plan, the words of explain, the solver's circuit, the FHIR form and the
    atoms a condition names: each says what ``holds`` says, for any condition, answers and outcome."""
    book = _book([cond])
    truth = holds(cond, answers, outcome)
    # the closure, and the rulebook's own judgement (the one the engine runs and explain asks)
    assert compile_condition(cond)(answers, outcome) is truth
    assert ("r0" in book.holding_rules(answers, outcome)) is truth
    # "why not" is empty exactly when it holds
    assert (why_not(cond, book, answers, outcome) == []) is truth
    # the one-line form messages quote reads back, as YAML, as the same condition
    assert CONDITION.validate_python(yaml.safe_load(written(cond))) == cond
    # only the atoms it names matter: answers restricted to them give the same verdict
    named = atoms(cond)
    kept = {q: frozenset(o for o in opts if (q, o) in named) for q, opts in answers.items()}
    assert holds(cond, {q: o for q, o in kept.items() if o}, outcome) is truth
    if looks_at_outcome(cond):
        return
    # on answers alone: the outcome does not matter, and the fast forms agree
    assert holds(cond, answers) is truth
    masks = AtomMasks()
    check = masks.condition(cond)
    assert bool(check(masks.of_answers(answers))) is truth
    plan = index_plan(cond, likelihood)
    present = {(q, o) for q, opts in answers.items() for o in opts}
    if plan is not None:
        found, rest = plan
        if truth:
            assert found & present
        if found & present and rest is not None:
            assert all(holds(r, answers) for r in rest) is truth
    reasoner = Reasoner(book)
    every = {(q, o): o in answers.get(q, frozenset()) for q, opts in QUESTIONS.items() for o in opts}
    assert reasoner.circuit.evaluate(reasoner.node(cond), every) is truth
    form = enable_form(cond)
    if form is not None:
        choices, behaviour = form
        hits = [o in answers.get(q, frozenset()) for q, o in choices]
        assert (any(hits) if behaviour == "any" else all(hits)) is truth
