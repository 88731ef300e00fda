"""``python -m consultaid`` and the ``consultaid`` command."""

from __future__ import annotations

import sys

from .mode import chosen_by_environment


def main() -> None:
    # Plain ``consultaid`` (the wizard, no flags) is what people type; it skips click, whose import costs
    # about as much as a tenth of Textual's start-up. Anything else goes through the full command line.
    if len(sys.argv) == 1 and not chosen_by_environment():
        from .tui.launch import launch

        try:
            status = launch(rules=None, answers=None, theme=None)
        except KeyboardInterrupt:  # pragma: no cover - the app binds Ctrl+C itself
            print("Aborted!", file=sys.stderr)
            status = 1
        sys.exit(status)

    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
