"""The summary as JSON, for other programs: the contract's result plus everything a summary holds."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .summary import Summary


def summary_document(summary: Summary) -> dict[str, Any]:
    info = summary.rulebook.info
    aid = summary.aid
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
        "sources": [src.model_dump(mode="json") for src in aid.sources],
    }


def render_json(summary: Summary) -> str:
    return json.dumps(summary_document(summary), indent=2, ensure_ascii=False) + "\n"
