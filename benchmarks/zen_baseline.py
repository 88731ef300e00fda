"""zen-engine (GoRules' Rust rules engine, PyPI ``zen-engine``) as a second baseline for evaluation.

The rulebook's answer-only rules become one decision table with the *collect* hit policy: every rule whose row
holds adds its id to the output. Two forms, both evaluated through ``ZenEngine.evaluate`` with a static loader
(``ZenDecision.evaluate`` builds a runtime on every call, so it would flatter nobody):

- ``expression``: one expression cell per rule (``contains(goal, 'appearance') and ...``);
- ``columns``: one unary input column per question, so that a rule that is a plain conjunction of answer tests
  is a row of unary cells (``some($, # in ['nose', 'chin'])``), the form zen-engine's table is built for; a
  rule that is not a plain conjunction keeps one expression cell in an extra column.

The context gives every question as a list of chosen option ids (empty when not answered), the same facts
consultaid's engine sees. Before anything is timed, benchmarks/engine.py checks that both forms fire the same
rules as consultaid.
"""

from __future__ import annotations

from typing import Any

from consultaid.rulebook.conditions import AllOf, Always, AnswerTest, AnyOf, Not, looks_at_outcome

KEY = "rules.json"


def _options(options: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(repr(o) for o in options) + "]"


def expression(cond: object) -> str:
    """A condition as one zen expression over the context's lists of chosen option ids."""
    if isinstance(cond, AnswerTest):
        if len(cond.options) == 1:
            return f"contains({cond.question}, {cond.options[0]!r})"
        return f"some({cond.question}, # in {_options(cond.options)})"
    if isinstance(cond, AllOf):
        return "(" + " and ".join(expression(c) for c in cond.all) + ")"
    if isinstance(cond, AnyOf):
        return "(" + " or ".join(expression(c) for c in cond.any) + ")"
    if isinstance(cond, Not):
        return f"not ({expression(cond.not_)})"
    if isinstance(cond, Always):
        return "true"
    raise ValueError(f"zen-engine has no translation for {type(cond).__name__}")


def unary_cells(cond: object) -> dict[str, str] | None:
    """One unary cell per question for a plain conjunction of answer tests (None for anything else)."""
    tests = cond.all if isinstance(cond, AllOf) else [cond]
    if not all(isinstance(t, AnswerTest) for t in tests):
        return None
    cells: dict[str, list[str]] = {}
    for test in tests:
        assert isinstance(test, AnswerTest)
        cells.setdefault(test.question, []).append(f"some($, # in {_options(test.options)})")
    return {q: " and ".join(parts) for q, parts in cells.items()}


def _graph(inputs: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, Any]:
    table = {
        "id": "table",
        "type": "decisionTableNode",
        "name": "rules",
        "position": {"x": 200, "y": 0},
        "content": {
            "hitPolicy": "collect",
            "inputs": inputs,
            "outputs": [{"id": "out", "name": "rule", "type": "expression", "field": "rule"}],
            "rules": rows,
        },
    }
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
            table,
            {"id": "out", "type": "outputNode", "name": "Response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def answer_rules(rulebook: Any) -> list[Any]:
    return [r for r in rulebook.rules if not looks_at_outcome(r.when)]


def expression_graph(rulebook: Any) -> dict[str, Any]:
    inputs = [{"id": "when", "name": "when", "type": "expression"}]
    rows = [{"_id": r.id, "when": expression(r.when), "out": repr(r.id)} for r in answer_rules(rulebook)]
    return _graph(inputs, rows)


def columns_graph(rulebook: Any) -> dict[str, Any]:
    questions = [q.id for q in rulebook.questions]
    inputs = [{"id": f"q-{q}", "name": q, "type": "expression", "field": q} for q in questions]
    inputs.append({"id": "when", "name": "other", "type": "expression"})
    rows = []
    for rule in answer_rules(rulebook):
        row: dict[str, Any] = {"_id": rule.id, "out": repr(rule.id)}
        cells = unary_cells(rule.when)
        if cells is None:
            row["when"] = expression(rule.when)
        else:
            row.update({f"q-{q}": cell for q, cell in cells.items()})
        rows.append(row)
    return _graph(inputs, rows)


class Zen:
    """One rulebook's table in one form, ready to evaluate through ``ZenEngine.evaluate``."""

    def __init__(self, graph: dict[str, Any]) -> None:
        import zen

        self.engine = zen.ZenEngine({"loader": {"type": "static", "content": {KEY: graph}}})

    def fired(self, context: dict[str, list[str]]) -> list[str]:
        return [row["rule"] for row in self.engine.evaluate(KEY, context)["result"]]


def context(rulebook: Any, answers: Any) -> dict[str, list[str]]:
    return {q.id: list(answers.get(q.id, ())) for q in rulebook.questions}
