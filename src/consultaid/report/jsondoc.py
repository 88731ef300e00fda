"""The summary as JSON, for other programs: the contract's result plus everything a summary holds."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict
from typing import Any

from pydantic import BaseModel

from .summary import Summary


def _plain(value: Any) -> Any:
    """What json cannot write itself: the rulebook's sources (pydantic models) and dates."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def summary_document(summary: Summary) -> dict[str, Any]:
    """The summary as plain JSON data (strings, numbers, lists and mappings only)."""
    document: dict[str, Any] = json.loads(json.dumps(_document(summary), default=_plain))
    return document


def _document(summary: Summary) -> dict[str, Any]:
    info = summary.rulebook.info
    aid = summary.view
    return {
        "created": summary.created.isoformat(),
        "rulebook": {
            "id": info.id,
            "version": info.version,
            "checked": info.checked.isoformat(),
            "review_due": info.review_due.isoformat(),
        },
        "answers": summary.answers.to_document(summary.rulebook),
        "result": summary.result.model_dump(mode="json"),
        "options": [asdict(view) for view in aid.options],
        "no_procedure": asdict(aid.no_procedure) if aid.no_procedure else None,
        "comparison": asdict(aid.grid) if aid.grid is not None else None,
        "priorities": list(aid.priorities),
        "questions_to_ask": {
            "general": list(aid.general_questions),
            "by_procedure": [
                {"procedure": name, "questions": list(qs)} for name, qs in aid.procedure_questions
            ],
        },
        "readiness": {
            "ready": aid.ready,
            "items": [asdict(item) for item in aid.readiness],
            "next_steps": list(aid.next_steps),
        },
        "handover": [asdict(item) for item in aid.handover],
        "leaning": {"id": aid.leaning, "label": aid.leaning_label} if aid.leaning else None,
        "knowledge_check": [{**asdict(item), "right": item.right} for item in aid.knowledge_answered],
        "to_go_over": [item.key for item in aid.to_go_over],
        "cautions": [asdict(c) for c in aid.cautions],
        "who_to_look_for": {
            "note": aid.who_to_look_for_note,
            "registers": [asdict(r) for r in aid.who_to_look_for],
        },
        "overview": list(aid.overview()),
        "sources": [src.model_dump(mode="json") for src in aid.sources],
    }


def render_json(summary: Summary) -> str:
    return json.dumps(summary_document(summary), indent=2, ensure_ascii=False) + "\n"
