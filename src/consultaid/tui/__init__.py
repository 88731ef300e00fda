"""The Textual front end. It renders what the rulebook declares and what the engine returns; it knows no
YAML."""
