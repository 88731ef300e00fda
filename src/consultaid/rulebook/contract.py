"""The rule contract's fixed ids (shared with answer files, exports and scripts), as a checklist for the lint.

The engine does not read this: what it does is declared in the rulebook. This only lets `rules check` warn
when a rulebook (a clinic's own copy, say) drops or weakens something other programs rely on.

``QUESTIONS``, ``CAUTIONS`` and ``PROCEDURES`` are contract 1; contract 2 keeps all of them and adds the ids
below them (``ids("consultaid-2")`` gives the whole of it).
"""

from __future__ import annotations

QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "goal": ("single", ("appearance", "function", "both", "unsure")),
    "area": (
        "multiple",
        (
            "face",
            "eyes",
            "forehead",
            "nose",
            "chin",
            "cheeks",
            "neck",
            "skin",
            "breasts",
            "chest",
            "abdomen",
            "buttocks",
            "hips-thighs",
            "hands",
            "scars-burns",
        ),
    ),
    "concern": (
        "multiple",
        (
            "face-sagging",
            "face-volume-loss",
            "eyelid-hooding",
            "eyelid-vision",
            "eye-bags",
            "forehead-lines",
            "brow-droop",
            "nose-shape",
            "nose-breathing",
            "chin-weak",
            "cheek-flat",
            "neck-loose-skin",
            "skin-lines",
            "skin-texture",
            "breast-larger",
            "breast-sagging",
            "breast-heavy",
            "breast-rebuild",
            "chest-enlarged",
            "abdomen-loose-skin",
            "abdomen-fat",
            "buttocks-larger",
            "buttocks-sagging",
            "hips-thighs-fat",
            "hips-thighs-loose-skin",
            "hand-function",
            "scar-appearance",
            "burn-tightness",
        ),
    ),
    "motivation": (
        "multiple",
        (
            "for-myself",
            "pressure-from-others",
            "relationship",
            "career",
            "comparison",
            "life-event",
            "health",
            "after-injury",
        ),
    ),
    "preoccupation": ("single", ("rarely", "daily-under-1h", "daily-over-1h")),
    "impact": ("single", ("never", "sometimes", "often")),
    "considering": ("single", ("under-1-month", "1-to-12-months", "over-1-year")),
    "previous": ("single", ("none", "satisfied", "unsatisfied", "several")),
    "age": ("single", ("under-18", "18-or-over")),
    "approach": ("single", ("non-surgical-only", "open-to-surgery", "unsure")),
}

CAUTIONS: dict[str, str] = {
    "not-medical-advice": "info",
    "permanence": "warning",
    "qualified-practitioner": "warning",
    "counselling-referral": "critical",
    "cooling-off": "warning",
    "under-18": "critical",
    "expectations": "warning",
    "bbl-risk": "critical",
    "temporary-results": "info",
    "reconstructive-route": "info",
}

REFERRAL_CAUTION = "counselling-referral"
"""The result's ``referral`` is true exactly when this caution shows: it alone carries ``referral: true``."""

PROCEDURES = (
    "facelift",
    "dermal-fillers",
    "blepharoplasty",
    "botulinum-toxin",
    "brow-lift",
    "rhinoplasty",
    "chin-augmentation",
    "cheek-augmentation",
    "neck-lift",
    "laser-resurfacing",
    "breast-augmentation",
    "breast-lift",
    "breast-reduction",
    "breast-reconstruction",
    "gynecomastia-surgery",
    "abdominoplasty",
    "liposuction",
    "buttock-augmentation",
    "buttock-lift",
    "lower-body-lift",
    "hand-surgery",
    "scar-revision",
    "burn-reconstruction",
)


# --- contract 2: everything above, and these --------------------------------------------------------------

ADDED_OPTIONS_2: dict[str, tuple[str, ...]] = {
    "area": ("lips", "ears", "arms", "genitals"),
    "concern": (
        "lips-thin",
        "ears-prominent",
        "arms-loose-skin",
        "labia-size",
        "breast-implant-problem",
        "skin-cancer-repair",
    ),
    "previous": ("ongoing",),
}

ADDED_QUESTIONS_2: dict[str, tuple[str, tuple[str, ...]]] = {
    "health": (
        "multiple",
        (
            "smoking",
            "pregnancy",
            "future-pregnancy",
            "weight-changing",
            "weight-loss-medicine",
            "bleeding-or-clots",
            "diabetes",
            "keloid-scars",
            "acne-medicine",
            "mental-health",
            "none-of-these",
            "prefer-not-to-say",
        ),
    ),
    "turned-down": ("single", ("yes", "no")),
    "abroad": ("single", ("yes", "not-sure", "no")),
}

ADDED_CAUTIONS_2: dict[str, str] = {
    "young-person": "info",
    "smoking": "warning",
    "pregnancy": "warning",
    "weight-stability": "warning",
    "bleeding-risk": "warning",
    "health-factors": "warning",
    "treatment-abroad": "warning",
}

ADDED_PROCEDURES_2 = (
    "otoplasty",
    "arm-lift",
    "labiaplasty",
    "implant-removal",
    "skin-cancer-reconstruction",
    "thigh-lift",
    "fat-freezing",
    "chemical-peel",
    "scar-therapy",
    "hand-therapy",
)

CONTRACTS = ("consultaid-1", "consultaid-2")


def ids(
    name: str,
) -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, str], tuple[str, ...]]:
    """The questions (kind, option ids), caution levels and procedure ids a contract fixes."""
    if name == "consultaid-1":
        return QUESTIONS, CAUTIONS, PROCEDURES
    if name != "consultaid-2":
        raise ValueError(f"unknown contract {name!r}")
    questions = {
        qid: (kind, options + ADDED_OPTIONS_2.get(qid, ())) for qid, (kind, options) in QUESTIONS.items()
    }
    questions.update(ADDED_QUESTIONS_2)
    return questions, {**CAUTIONS, **ADDED_CAUTIONS_2}, PROCEDURES + ADDED_PROCEDURES_2
