"""A condition in plain words, and why one does not hold: what ``consultaid explain`` and ``rules test`` say.

"goal to be appearance or both"; "needs concern to include nose-shape; you answered: chin-weak".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from .nodes import (
    AllOf,
    Always,
    AnswerSets,
    AnswerTest,
    AnyOf,
    Node,
    Not,
    NothingSuggested,
    Outcome,
    ProcedureFilter,
    WasLeftOut,
    WasSuggested,
)
from .reading import holds

if TYPE_CHECKING:
    from ..book import Rulebook
    from ..model import Procedure


def either(options: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    options = list(options)
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


def _test(rulebook: Rulebook, test: AnswerTest, *, negated: bool = False) -> str:
    qid = test.question
    single = rulebook.has_question(qid) and rulebook.question(qid).kind == "single"
    if single:
        verb = "not to be " if negated else "to be "
    else:
        verb = "not to include " if negated else "to include "
    return f"{qid} {verb}{either(test.options)}"


def _answered(rulebook: Rulebook, qid: str, answers: AnswerSets) -> str:
    if qid in answers:
        question = rulebook.question(qid)
        chosen = [o.id for o in question.options if o.id in answers[qid]]
        return f"you answered: {', '.join(chosen)}"
    if not rulebook.is_asked(qid, answers):
        return f"'{qid}' was not asked"
    return f"you did not answer '{qid}'"


def _filter(flt: ProcedureFilter) -> str:
    parts = []
    if flt.id is not None:
        parts.append(either(flt.id))
    if flt.group is not None:
        parts.append(f"in the group {either(flt.group)}")
    if flt.surgical is not None:
        parts.append("surgical" if flt.surgical else "not surgical")
    if flt.purpose is not None:
        parts.append(f"{either(flt.purpose)} in purpose")
    if flt.permanence is not None:
        parts.append(either(flt.permanence))
    if flt.downtime is not None:
        parts.append(f"{either(flt.downtime)} downtime")
    if flt.scarring is not None:
        parts.append(f"{either(flt.scarring)} scarring")
    return " and ".join(parts) if parts else "any procedure"


def _wanted(flt: ProcedureFilter, done: str, thing: str) -> str:
    """ "rhinoplasty to be suggested", "something to be left out", "a suggestion that is surgical"."""
    given = {name for name in type(flt).model_fields if getattr(flt, name) is not None}
    if not given:
        return f"something to be {done}"
    if given == {"id"} and flt.id is not None:
        return f"{either(flt.id)} to be {done}"
    return f"{thing} that is {_filter(flt)}"


def _procedures(items: Sequence[Procedure]) -> str:
    return ", ".join(p.id for p in items) if items else "nothing"


def _flow(data: object) -> str:
    """Data in YAML's compact flow style: ``{all: [goal: appearance, area: [nose, chin]]}``."""
    if isinstance(data, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in data.items()) + "}"
    if isinstance(data, (list, tuple)):
        items = [_flow(x) for x in data]
        return items[0] if len(items) == 1 and not isinstance(data, list) else "[" + ", ".join(items) + "]"
    if isinstance(data, bool):
        return "true" if data else "false"
    return str(data)


def written(cond: Node) -> str:
    """A condition as it is written in a rule file, on one line, for messages: ``concern: [nose-shape,
    chin-weak]``, ``{not: {age: under-18}}``."""
    match cond:
        case AnswerTest():
            opts = cond.options
            if len(opts) == 1:
                return f"{cond.question}: {opts[0]}"
            return f"{cond.question}: [{', '.join(opts)}]"
        case AllOf():
            return "{all: [" + ", ".join(_braced(c) for c in cond.all) + "]}"
        case AnyOf():
            return "{any: [" + ", ".join(_braced(c) for c in cond.any) + "]}"
        case Not():
            return "{not: " + _braced(cond.not_) + "}"
        case Always() | WasSuggested() | WasLeftOut() | NothingSuggested():
            return _flow(cond.model_dump(by_alias=True, exclude_none=True))
        case _:
            assert_never(cond)


def _braced(cond: Node) -> str:
    """A condition inside another's flow mapping: a question test needs its own braces there."""
    text = written(cond)
    return "{" + text + "}" if isinstance(cond, AnswerTest) else text


def say(cond: Node, rulebook: Rulebook) -> str:
    """A condition read aloud, such as "goal to be appearance or both"."""
    match cond:
        case AnswerTest():
            return _test(rulebook, cond)
        case AllOf():
            return "all of (" + "; ".join(say(c, rulebook) for c in cond.all) + ")"
        case AnyOf():
            return "any of (" + "; ".join(say(c, rulebook) for c in cond.any) + ")"
        case Not():
            if isinstance(cond.not_, AnswerTest):
                return _test(rulebook, cond.not_, negated=True)
            return "not (" + say(cond.not_, rulebook) + ")"
        case Always():
            return "always"
        case WasSuggested():
            return _wanted(cond.suggested, "suggested", "a suggestion")
        case WasLeftOut():
            return _wanted(cond.left_out, "left out", "a left-out procedure")
        case NothingSuggested():
            return "nothing to be suggested"
        case _:
            assert_never(cond)


def why_not(cond: Node, rulebook: Rulebook, answers: AnswerSets, outcome: Outcome) -> list[str]:
    """The failed parts of a condition, each as "needs ...; you answered: ..." (empty when it holds)."""
    if holds(cond, answers, outcome):
        return []
    return _failed(cond, rulebook, answers, outcome)


def _failed(cond: Node, rulebook: Rulebook, answers: AnswerSets, outcome: Outcome) -> list[str]:
    """The failed parts of a condition that does not hold."""
    match cond:
        case AnswerTest():
            return [f"needs {_test(rulebook, cond)}; {_answered(rulebook, cond.question, answers)}"]
        case AllOf():
            return [reason for part in cond.all for reason in why_not(part, rulebook, answers, outcome)]
        case AnyOf():
            reasons = [r for part in cond.any for r in _failed(part, rulebook, answers, outcome)]
            return ["needs at least one of these, and none holds: " + " | ".join(reasons)]
        case Not():
            inner = cond.not_
            if isinstance(inner, AnswerTest):
                negated = _test(rulebook, inner, negated=True)
                return [f"needs {negated}; {_answered(rulebook, inner.question, answers)}"]
            if isinstance(inner, NothingSuggested):
                return ["needs something to be suggested; nothing was"]
            return [f"needs this not to hold, but it does: {say(inner, rulebook)}"]
        case WasSuggested():
            wanted = _wanted(cond.suggested, "suggested", "a suggestion")
            return [f"needs {wanted}; suggested: {_procedures(outcome.suggested)}"]
        case WasLeftOut():
            wanted = _wanted(cond.left_out, "left out", "a left-out procedure")
            return [f"needs {wanted}; left out: {_procedures(outcome.left_out)}"]
        case NothingSuggested():
            return [f"needs nothing to be suggested; suggested: {_procedures(outcome.suggested)}"]
        case Always():  # pragma: no cover - 'always' always holds
            return []
        case _:
            assert_never(cond)
