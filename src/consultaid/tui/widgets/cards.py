"""Cards for the results screen: one caution point, one procedure worth discussing.

Levels are said in words ("Critical", "Warning", "Note") as well as shown by colour, so nothing depends on
colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ...safe import plain, visible
from ...view import who_line
from .hanging import hanging

if TYPE_CHECKING:
    from ...view import CautionView, OptionView, PictureView, RegisterView, RiskView


def labelled(label: str, text: str) -> Content:
    return Content.assemble((f"{label}: ", "bold"), visible(text))


def bulleted(title: str, items: list[str] | tuple[str, ...], footer: str = "") -> Group:
    """A bold title over a list whose wrapped lines hang under the text, not under the bullet."""
    parts: list[Text | Table] = [Text(visible(title), style="bold")]
    parts += [hanging("  • ", Text(visible(item))) for item in items]
    if footer:
        parts.append(Text(visible(footer), style="dim"))
    return Group(*parts)


def picture(people: PictureView) -> Table:
    """A picture of 100 people in marks of different shapes (never colour alone), its key beside it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    key = "\n".join(people.key())
    table.add_row(Text("\n".join(people.rows())), Text(key))
    return table


def risk_list(title: str, risks: tuple[RiskView, ...]) -> Group:
    """Each risk as a bullet, how often it happens under it, and the picture of 100 people where a source
    gives a figure of 1 in 100 or more."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for risk in risks:
        parts: list[Text | Table] = [Text(visible(risk.text)), Text(visible(risk.how_often), style="italic")]
        chance = risk.chance
        if chance is not None and chance.picture is not None:
            parts.append(picture(chance.picture))
        elif chance is not None:
            parts.append(Text(visible(chance.picture_note), style="italic"))
        grid.add_row("•", Group(*parts))
    return Group(Text(visible(title), style="bold"), grid)


class CautionCard(Vertical):
    """A caution point: its level in words, title, text and why it is shown."""

    DEFAULT_CSS = """
    CautionCard { height: auto; border: round $foreground 50%; padding: 0 1; margin: 0 0 1 0; }
    CautionCard.-critical { border: heavy $error; }
    CautionCard.-warning { border: round $warning; }
    CautionCard > .card-why { color: $text-muted; }
    """

    def __init__(self, caution: CautionView, *, show_rules: bool = False) -> None:
        super().__init__(classes=f"-{caution.level}")
        self.caution = caution
        self.show_rules = show_rules
        self.border_title = plain(f"{caution.level_words}: {caution.title}")

    def compose(self) -> ComposeResult:
        yield Static(plain(self.caution.text), classes="card-text")
        for reason in self.caution.why:
            why = f"Why: {reason.because}" + (f" (rule {reason.rule})" if self.show_rules else "")
            yield Static(plain(why), classes="card-why")


def side_by_side(view: OptionView) -> Table:
    """Benefits and downsides in two columns of equal weight: the same detail for both."""
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("Benefits", ratio=1, header_style="bold")
    table.add_column("Downsides", ratio=1, header_style="bold")
    for i in range(max(len(view.benefits), len(view.downsides))):
        good = hanging("+ ", Text(visible(view.benefits[i]))) if i < len(view.benefits) else ""
        bad = hanging("- ", Text(visible(view.downsides[i]))) if i < len(view.downsides) else ""
        table.add_row(good, bad)
    return table


def option_detail(view: OptionView) -> ComposeResult:
    """The parts every option shows alike, procedure or 'no procedure'."""
    yield Static(side_by_side(view), classes="card-table")
    yield Static(labelled("Upkeep over time", view.upkeep))
    yield Static(labelled("Day to day", view.day_to_day))
    if view.fits:
        fits = "; ".join(f"{fit.label}: {fit.mark} {fit.words}" for fit in view.fits)
        yield Static(labelled("How it fits what matters to you", fits), classes="card-fits")


class RegisterCard(Vertical):
    """A kind of specialist to look for: what they do, how to check one in the UK and the US, and for what."""

    DEFAULT_CSS = """
    RegisterCard { height: auto; border: round $foreground 50%; padding: 0 1; margin: 0 0 1 0; }
    """

    def __init__(self, register: RegisterView) -> None:
        super().__init__()
        self.register = register
        self.border_title = plain(register.name)

    def compose(self) -> ComposeResult:
        r = self.register
        yield Static(plain(r.who))
        yield Static(labelled("In the UK", r.uk))
        yield Static(labelled("In the US", r.us))
        yield Static(labelled("For", ", ".join(r.options)), classes="card-why")


class NoProcedureCard(Vertical):
    """Waiting, or no procedure: always shown beside the suggestions, in the same detail."""

    DEFAULT_CSS = """
    NoProcedureCard { height: auto; border: round $secondary; padding: 0 1; margin: 0 0 1 0; }
    """

    def __init__(self, view: OptionView) -> None:
        super().__init__()
        self.view = view
        self.border_title = plain(view.name)

    def compose(self) -> ComposeResult:
        yield Static(plain(self.view.summary))
        yield from option_detail(self.view)
        if self.view.without_treatment:
            items = [f"{label}: {text}" for label, text in self.view.without_treatment]
            yield Static(bulleted("Without treatment:", items))


class ProcedureCard(Vertical):
    """A procedure worth discussing, with everything the rulebook says about it."""

    DEFAULT_CSS = """
    ProcedureCard { height: auto; border: round $primary; padding: 0 1; margin: 0 0 1 0; }
    ProcedureCard > Static { margin: 0 0 0 0; }
    ProcedureCard > .card-kind { text-style: bold; }
    """

    def __init__(self, view: OptionView, *, show_rules: bool = False) -> None:
        super().__init__()
        self.view = view
        self.show_rules = show_rules
        self.border_title = plain(view.name)

    def compose(self) -> ComposeResult:
        v = self.view
        yield Static(plain(" · ".join(v.kind)), classes="card-kind")
        yield Static(plain(v.summary))
        for reason in v.why:
            suffix = f" (rule {reason.rule})" if self.show_rules else ""
            yield Static(labelled("Why it is shown", reason.because + suffix))
        yield from option_detail(v)
        yield Static(labelled("How long it lasts", v.lasts))
        yield Static(labelled("Recovery", v.recovery))
        yield Static(risk_list("Main risks:", v.risks), classes="card-risks")
        yield Static(labelled("Who to look for", who_line(v)))
        yield Static(bulleted("Questions to ask:", v.questions))
        sources = [
            f"{src.name}, “{src.title}”, {src.url} (checked {src.checked:%d %B %Y})" for src in v.sources
        ]
        due = f"Next review due {v.review_due:%B %Y}." if v.review_due else ""
        yield Static(bulleted("Sources:", sources, due), classes="card-sources")
