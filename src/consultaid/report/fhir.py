"""FHIR R4 documents for clinics: the rulebook's questions as a Questionnaire, the answers as a
QuestionnaireResponse. Plain dictionaries (JSON-ready); tests validate them with fhir.resources.

Option-level conditions (a concern offered only for its area) have no core R4 equivalent, so the Questionnaire
lists every option; question-level conditions made of simple answer tests become ``enableWhen``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from ..rulebook.model import AnswerTest, AnyOf

if TYPE_CHECKING:
    from ..answers import Answers
    from ..rulebook.book import Rulebook
    from ..rulebook.model import Question


def canonical(rulebook: Rulebook) -> str:
    return f"urn:consultaid:questionnaire:{rulebook.info.id}"


def code_system(rulebook: Rulebook, question_id: str) -> str:
    return f"urn:consultaid:{rulebook.info.id}:{question_id}"


def _enable_when(rulebook: Rulebook, question: Question) -> tuple[list[dict[str, Any]], str | None]:
    cond = question.when
    tests: list[AnswerTest] = []
    if isinstance(cond, AnswerTest):
        tests = [cond]
    elif isinstance(cond, AnyOf) and all(isinstance(c, AnswerTest) for c in cond.any):
        tests = list(cond.any)  # type: ignore[arg-type]
    out = []
    labels = {(q.id, o.id): o.label for q in rulebook.questions for o in q.options}
    for test in tests:
        for option in test.options:
            out.append(
                {
                    "question": test.question,
                    "operator": "=",
                    "answerCoding": {
                        "system": code_system(rulebook, test.question),
                        "code": option,
                        "display": labels[(test.question, option)],
                    },
                }
            )
    return out, ("any" if len(out) > 1 else None)


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


def questionnaire_response(
    rulebook: Rulebook, answers: Answers, *, authored: _dt.datetime | None = None
) -> dict[str, Any]:
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
