"""How levels and purposes are said to people, in every front end alike (words, never colour alone)."""

LEVEL_WORDS = {"critical": "Critical", "warning": "Warning", "info": "Note"}
PURPOSE_WORDS = {
    "cosmetic": "cosmetic",
    "reconstructive": "reconstructive",
    "either": "cosmetic or reconstructive",
}
