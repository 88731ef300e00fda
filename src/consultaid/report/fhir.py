"""FHIR R4 documents for clinics: the rulebook's questions as a Questionnaire, the answers as a
QuestionnaireResponse. Plain dictionaries (JSON-ready); tests validate them with fhir.resources.

Option-level conditions (a concern offered only for its area) have no core R4 equivalent, so the Questionnaire
lists every option; question-level conditions that R4 can say (:func:`enable_form`) become ``enableWhen``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Literal, assert_never

from ..rulebook.conditions import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    Node,
    Not,
    NothingSuggested,
    WasLeftOut,
    WasSuggested,
)

if TYPE_CHECKING:
    from ..answers import Answers
    from ..rulebook.book import Rulebook
    from ..rulebook.model import Question


def canonical(rulebook: Rulebook) -> str:
    return f"urn:consultaid:questionnaire:{rulebook.info.id}"


def code_system(rulebook: Rulebook, question_id: str) -> str:
    return f"urn:consultaid:{rulebook.info.id}:{question_id}"


Choices = tuple[tuple[str, str], ...]
"""(question, option) pairs that an ``enableWhen`` lists."""


def enable_form(cond: Node) -> tuple[Choices, Literal["any", "all"]] | None:
    """A condition as ``enableWhen`` can say it, or None when it cannot: a test (any of its options), ``any``
    of such, or ``all`` of one-option tests. Anything else (``not``, mixed nesting, conditions on the
    suggestions) has no R4 form, and the question is left enabled for the form filler to skip."""
    match cond:
        case AnswerTest():
            return tuple((cond.question, o) for o in cond.options), "any"
        case AnyOf():
            found: list[tuple[str, str]] = []
            for part in cond.any:
                inner = enable_form(part)
                if inner is None or (inner[1] == "all" and len(inner[0]) > 1):
                    return None
                found.extend(inner[0])
            return tuple(found), "any"
        case AllOf():
            every: list[tuple[str, str]] = []
            for part in cond.all:
                inner = enable_form(part)
                if inner is None or (inner[1] == "any" and len(inner[0]) > 1):
                    return None
                every.extend(inner[0])
            return tuple(every), "all"
        case Not() | Always() | WasSuggested() | WasLeftOut() | NothingSuggested():
            return None
        case _:
            assert_never(cond)


def _enable_when(rulebook: Rulebook, question: Question) -> tuple[list[dict[str, Any]], str | None]:
    form = None if question.when is None else enable_form(question.when)
    if form is None:
        return [], None
    choices, behaviour = form
    labels = {(q.id, o.id): o.label for q in rulebook.questions for o in q.options}
    out = [
        {
            "question": qid,
            "operator": "=",
            "answerCoding": {
                "system": code_system(rulebook, qid),
                "code": option,
                "display": labels[(qid, option)],
            },
        }
        for qid, option in choices
    ]
    return out, (behaviour if len(out) > 1 else None)


def questionnaire(rulebook: Rulebook) -> dict[str, Any]:
    info = rulebook.info
    items = []
    for question in rulebook.questions:
        item: dict[str, Any] = {
            "linkId": question.id,
            "text": question.text,
            "type": "choice",
            "required": question.required and question.stage == "intake",
            "repeats": question.kind == "multiple",
            "answerOption": [
                {
                    "valueCoding": {
                        "system": code_system(rulebook, question.id),
                        "code": o.id,
                        "display": o.label,
                    }
                }
                for o in question.options
            ],
        }
        enable, behaviour = _enable_when(rulebook, question)
        if enable:
            item["enableWhen"] = enable
            if behaviour:
                item["enableBehavior"] = behaviour
        items.append(item)
    items.append(_leaning_item(rulebook))
    return {
        "resourceType": "Questionnaire",
        "url": canonical(rulebook),
        "version": info.version,
        "name": "".join(part.capitalize() for part in info.id.split("-")),
        "title": info.title,
        "status": "active",
        "date": info.checked.isoformat(),
        "publisher": info.made_by,
        "description": "ConsultAid's questions, generated from the rulebook. Not medical advice.",
        "item": items,
    }


LEANING = "leaning"
"""The linkId of the optional question after the results: which way the person is leaning."""


def _leaning_choices(rulebook: Rulebook) -> list[tuple[str, str]]:
    """Every option one may lean to in this rulebook: each procedure, waiting, not sure yet."""
    from ..reflection import NOT_SURE, WAITING
    from ..words import LEANING_NOT_SURE

    choices = [(p.id, p.name) for p in rulebook.procedures.values()]
    if rulebook.no_procedure is not None:
        choices.append((WAITING, rulebook.no_procedure.title))
    return choices + [(NOT_SURE, LEANING_NOT_SURE)]


def _leaning_item(rulebook: Rulebook) -> dict[str, Any]:
    from ..words import LEANING_QUESTION

    return {
        "linkId": LEANING,
        "text": f"{LEANING_QUESTION} (asked after the results; only the options shown are offered)",
        "type": "choice",
        "required": False,
        "repeats": False,
        "answerOption": [
            {"valueCoding": {"system": code_system(rulebook, LEANING), "code": oid, "display": label}}
            for oid, label in _leaning_choices(rulebook)
        ],
    }


def questionnaire_response(
    rulebook: Rulebook,
    answers: Answers,
    *,
    authored: _dt.datetime | None = None,
    leaning: str | None = None,
) -> dict[str, Any]:
    """The answers (and the leaning, when given: an id of :func:`_leaning_choices`) as a response."""
    labels = {(q.id, o.id): o.label for q in rulebook.questions for o in q.options}
    items = []
    for question in rulebook.questions:
        chosen = answers.get(question.id, ())
        if not chosen:
            continue
        items.append(
            {
                "linkId": question.id,
                "text": question.text,
                "answer": [
                    {
                        "valueCoding": {
                            "system": code_system(rulebook, question.id),
                            "code": o,
                            "display": labels[(question.id, o)],
                        }
                    }
                    for o in chosen
                ],
            }
        )
    if leaning is not None:
        from ..words import LEANING_QUESTION

        label = dict(_leaning_choices(rulebook))[leaning]
        items.append(
            {
                "linkId": LEANING,
                "text": LEANING_QUESTION,
                "answer": [
                    {
                        "valueCoding": {
                            "system": code_system(rulebook, LEANING),
                            "code": leaning,
                            "display": label,
                        }
                    }
                ],
            }
        )
    complete = all(
        answers.get(q.id)
        for q in rulebook.questions
        if q.required and q.stage == "intake" and rulebook.is_asked(q, answers.sets)
    )
    when = (authored or _dt.datetime.now(_dt.UTC)).replace(microsecond=0)
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{canonical(rulebook)}|{rulebook.info.version}",
        "status": "completed" if complete else "in-progress",
        "authored": when.isoformat(),
        "item": items,
    }
