"""The rule contract's fixed ids (shared with answer files, exports and scripts), as a checklist for the lint.

The engine does not read this: what it does is declared in the rulebook. This only lets `rules check` warn
when a rulebook (a clinic's own copy, say) drops or weakens something other programs rely on.
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
