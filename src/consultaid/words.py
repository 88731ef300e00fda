"""How levels and purposes are said to people, in every front end alike (words, never colour alone)."""

LEVEL_WORDS = {"critical": "Critical", "warning": "Warning", "info": "Note"}
PURPOSE_WORDS = {
    "cosmetic": "cosmetic",
    "reconstructive": "reconstructive",
    "either": "cosmetic or reconstructive",
}
PERMANENCE_WORDS = {"permanent": "permanent", "long-lasting": "long-lasting", "temporary": "temporary"}
NOTHING_MATCHED = "None of the procedures in this guide matched your answers."
NOT_ANSWERED = "Not answered (the results were made without these)"
LEFT_OUT = "Left out, and why"
"""Above what matched but is not shown: by the person's own preference (non-surgical only) or by a rule for
everyone (not offered to under-18s for their looks), so it never says "as you asked"."""
SPECIALISTS = "Specialists to look for"
SEE_WHO = "how to check them: see “Who to look for”"
WHO_TO_LOOK_FOR = "Who to look for"
SURGICAL_WORDS = {True: "Surgery.", False: "Not surgery."}
SCARRING_WORDS = {
    "none": "No scar.",
    "possible": "No cuts, but it can leave scars.",
    "small": "Small scars.",
    "visible": "Scars that can be seen.",
}
DOWNTIME_WORDS = {
    "none": "No time off needed.",
    "days": "Some days off.",
    "weeks": "Weeks off.",
    "months": "Months off.",
}
NOT_STATED = "Not stated in this guide."
LEANING_QUESTION = "Which way are you leaning?"
LEANING_NOT_SURE = "Not sure yet"
KNOWLEDGE_TITLE = "Check what you know"
GIVEN_WORDS = {"true": "True", "false": "False", "unsure": "Not sure"}
WORDS_USED = "Words used"
WORDS_USED_NOTE = "What some words in this summary mean."
HOW_MADE_TITLE = "How this guide was made"
HOW_MADE_PARTS = {
    "who": "Who wrote it",
    "evidence": "How the evidence was chosen",
    "review": "How and when it is checked again",
    "safety_alerts": "After a safety alert",
}
