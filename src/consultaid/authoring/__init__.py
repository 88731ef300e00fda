"""Tools for the people who maintain the rulebook: scenario tests and explanations (the lint is in rulebook/).

They sit above the engine (they run it), so they live apart from :mod:`consultaid.rulebook`, which the engine
uses.
"""
