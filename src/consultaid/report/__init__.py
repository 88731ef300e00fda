"""Renderings of a Result for people: plain text now; summaries to take along build on the same pieces."""
