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
SPECIALISTS = "Specialists to look for"
SEE_WHO = "how to check them: see “Who to look for”"
WHO_TO_LOOK_FOR = "Who to look for"
