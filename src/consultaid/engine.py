"""evaluate(rulebook, answers) -> Result: a pure function, with no I/O and no state of its own.

Two stages. First, rules that look only at the answers suggest procedures and raise cautions; preferences
(exclusions) then move matching procedures to ``left_out``. Second, rules that look at what was suggested
(surgery among the options, nothing matched, ...) raise their cautions. Cautions come critical first, then
warning, then info, each level in rulebook order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .answers import Answers
from .result import CautionPoint, LeftOut, Result, RulebookRef, Suggestion
from .rulebook.base import LEVEL_RANK
from .rulebook.book import Rulebook
from .rulebook.conditions import Outcome


def evaluate(rulebook: Rulebook, answers: Answers | Mapping[str, Any]) -> Result:
    """Evaluate the rulebook for one person's answers.

    ``answers`` may be :class:`Answers` (already checked) or a plain mapping such as a parsed answers
    document, which is validated first (raising :class:`consultaid.AnswersError` when it does not fit).
    """
    if not isinstance(answers, Answers):
        answers = Answers.validate(dict(answers), rulebook)
    facts = dict(answers.sets)  # a plain dict: quicker to look up than the read-only view

    # Each rule's Reason is built once, with the rulebook, and shared by results (it is immutable).
    compiled = rulebook.compiled
    suggested, raised = compiled.gather(facts)

    kept: list[str] = []
    left_out: list[LeftOut] = []
    active_exclusions = [e.exclusion for e in compiled.exclusions if e.predicate(facts, None)]
    for pid in rulebook.procedures:  # rulebook order, whatever order the rules fired in
        if pid not in suggested:
            continue
        procedure = rulebook.procedures[pid]
        excluded_by = next((e for e in active_exclusions if e.exclude.matches(procedure)), None)
        if excluded_by is None:
            kept.append(pid)
        else:
            left_out.append(LeftOut.model_construct(id=pid, because=excluded_by.because))

    outcome = Outcome(
        suggested=tuple(rulebook.procedures[p] for p in kept),
        left_out=tuple(rulebook.procedures[x.id] for x in left_out),
    )
    for second in compiled.second_stage:
        if second.predicate(facts, outcome):
            for cid in second.rule.caution:
                raised.setdefault(cid, []).append(second.reason)

    declared = {cid: i for i, cid in enumerate(rulebook.cautions)}
    order = sorted(raised, key=lambda cid: (LEVEL_RANK[rulebook.cautions[cid].level], declared[cid]))
    cautions = tuple(
        CautionPoint.model_construct(
            id=cid,
            level=rulebook.cautions[cid].level,
            title=rulebook.cautions[cid].title,
            text=rulebook.cautions[cid].text,
            reasons=tuple(raised[cid]),
        )
        for cid in order
    )
    suggestions = tuple(
        Suggestion.model_construct(
            id=pid,
            name=rulebook.procedures[pid].name,
            surgical=rulebook.procedures[pid].surgical,
            purpose=rulebook.procedures[pid].purpose,
            permanence=rulebook.procedures[pid].permanence,
            reasons=tuple(suggested[pid]),
        )
        for pid in kept
    )
    # Built from the checked rulebook, so there is nothing to validate (see result.py); tests/test_engine.py
    # checks every result against pydantic's own validation.
    return Result.model_construct(
        rulebook=RulebookRef.model_construct(id=rulebook.info.id, version=rulebook.info.version),
        suggestions=suggestions,
        cautions=cautions,
        left_out=tuple(left_out),
        referral=any(rulebook.cautions[c].referral for c in raised),
        not_answered=tuple(
            q.id
            for q in rulebook.questions
            if q.stage == "intake" and q.id not in facts and rulebook.is_asked(q, facts)
        ),
    )
