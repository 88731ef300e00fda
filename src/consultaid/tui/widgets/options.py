"""Options: Textual's OptionList, with page keys that wait until the list is laid out.

Textual 8.2's ``OptionList._move_page`` looks up the highlighted option's line, which exists only once the
list has been measured: PageUp or PageDown arriving in the same write as the key that opened a list (``c``
then PageDown, for the answers to change) ended the app with ``KeyError: 0``. Every option list in ConsultAid
pages through ``page``: before the list has a size there is nothing on screen to page through.
"""

from __future__ import annotations

from textual.widgets import OptionList


def page(options: OptionList, direction: int) -> None:
    """Move the highlight a page up (-1) or down (1), once the list is laid out; before that, do nothing."""
    if not options.option_count or not options.scrollable_content_region.height:
        return
    try:
        if direction < 0:
            OptionList.action_page_up(options)
        else:
            OptionList.action_page_down(options)
    except KeyError:  # options just added are not measured yet
        pass


class Options(OptionList):
    """An option list whose PageUp and PageDown cannot end the app."""

    def action_page_up(self) -> None:
        page(self, -1)

    def action_page_down(self) -> None:
        page(self, 1)
