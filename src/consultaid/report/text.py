"""The results as readable plain text, for ``consultaid suggest --format text`` and for terminals without
colour. It lays out the results view (:mod:`consultaid.view`) in the terminal app's order: critical points
first, an overview, the options with waiting beside them, the other points, what was left out."""

from __future__ import annotations

import textwrap

from ..rulebook.book import Rulebook
from ..view import AboutView, CautionView, Grid, OptionView, ResultsView, RiskView, WordView, who_line
from ..words import (
    HOW_MADE_TITLE,
    KNOWLEDGE_TITLE,
    LEANING_QUESTION,
    LEFT_OUT,
    NOT_ANSWERED,
    NOTHING_MATCHED,
    WHO_TO_LOOK_FOR,
    WORDS_USED,
    WORDS_USED_NOTE,
)


def _wrap(text: str, indent: str = "  ", width: int = 78) -> str:
    """Wrapped, with the lines after the first hanging under the text (not under a bullet)."""
    hang = " " * len(indent)
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=hang,
        break_on_hyphens=False,  # "follow-up", "Sharif-Askary" stay whole (and searchable) on one line
    )


def _heading(lines: list[str], title: str) -> None:
    lines += [title, "-" * len(title)]


def _caution(lines: list[str], caution: CautionView, width: int) -> None:
    lines.append(f"[{caution.level_words}] {caution.title}")
    lines.append(_wrap(caution.text, width=width))
    for why in caution.why:
        lines.append(_wrap(f"Why: {why.because}", width=width))
    lines.append("")


def _grid(lines: list[str], grid: Grid, width: int) -> None:
    """The comparison grid, row by row: each question, then what every option says to it (columns do not fit
    a text line, and a screen reader reads it in this order too)."""
    _heading(lines, f"Compare the options side by side ({len(grid.columns)} options)")
    for row in grid.rows:
        lines.append(row.label)
        for name, cell in zip(grid.columns, row.cells, strict=True):
            lines.append(
                _wrap(f"{name}: {cell.text}" if cell.text else f"{name}:", indent="  * ", width=width)
            )
            lines += [_wrap(item, indent="      - ", width=width) for item in cell.items]
        lines.append("")


def render_text(view: ResultsView, rulebook: Rulebook, *, width: int = 78) -> str:
    """The whole result, in the order the terminal app shows it."""
    info = rulebook.info
    lines: list[str] = [f"ConsultAid summary ({info.title}, version {info.version})", ""]
    if view.critical:
        _heading(lines, "Critical points")
        for caution in view.critical:
            _caution(lines, caution, width)

    _heading(lines, "At a glance")
    lines += [_wrap(line, indent="* ", width=width) for line in view.overview()]
    lines.append("")

    if view.grid is not None and not view.nothing_matched:
        _grid(lines, view.grid, width)

    _heading(lines, "Options worth discussing at a consultation")
    if view.nothing_matched:
        lines += [_wrap(NOTHING_MATCHED, width=width), ""]
    for option in view.options:
        lines.append(f"* {option.name} ({'; '.join(option.kind)})")
        lines.append(_wrap(option.summary, width=width))
        lines.append(_wrap(f"How long it lasts: {option.lasts}", width=width))
        lines.append(_wrap(f"Recovery: {option.recovery}", width=width))
        lines.append(_wrap(f"Who to look for: {who_line(option)}", width=width))
        for why in option.why:
            lines.append(_wrap(f"Why it is shown: {why.because}", width=width))
        _risks(lines, option.risks, width, indent="  ")
        lines.append("")
    if view.no_procedure is not None:
        waiting = view.no_procedure
        lines.append(f"* {waiting.name}")
        lines.append(_wrap(waiting.summary, width=width))
        for label, text in waiting.without_treatment:
            lines.append(_wrap(f"Without treatment ({label}): {text}", width=width))
        lines.append("")

    if view.others:
        _heading(lines, "Points to bear in mind")
        for caution in view.others:
            _caution(lines, caution, width)

    if view.who_to_look_for:
        _heading(lines, WHO_TO_LOOK_FOR)
        if view.who_to_look_for_note:
            lines += [_wrap(view.who_to_look_for_note, indent="", width=width), ""]
        for register in view.who_to_look_for:
            lines.append(
                _wrap(f"{register.name} (for: {', '.join(register.options)})", indent="* ", width=width)
            )
            lines.append(_wrap(register.who, width=width))
            lines.append(_wrap(f"In the UK: {register.uk}", width=width))
            lines.append(_wrap(f"In the US: {register.us}", width=width))
            lines.append("")

    if view.left_out:
        _heading(lines, LEFT_OUT)
        for name, because in view.left_out:
            lines.append(_wrap(f"{name}: {because}", indent="* ", width=width))
        lines.append("")
    if view.not_answered:
        _heading(lines, NOT_ANSWERED)
        for text in view.not_answered:
            lines.append(_wrap(text, indent="* ", width=width))
        lines.append("")
    if view.leaning_label:
        _heading(lines, LEANING_QUESTION)
        lines += [_wrap(f"You said: {view.leaning_label}", indent="", width=width), ""]
    if view.knowledge_answered:
        _heading(lines, KNOWLEDGE_TITLE)
        lines += [_wrap(view.knowledge_score(), indent="", width=width)]
        for item in view.knowledge_answered:
            verdict = "right" if item.right else "worth going over again"
            lines.append(
                _wrap(
                    f"{item.says} ({item.option}) You said: {item.given_words}. It is {item.truth.lower()} "
                    f"({verdict}): {item.explain}",
                    indent="* ",
                    width=width,
                )
            )
        lines.append("")
    about = about_text(view.about, width=width).splitlines() + [""] if view.about is not None else []
    used = view.words_used("\n".join(lines + about))
    if used:
        lines += words_text(used, width=width).splitlines() + [""]
    lines += about
    lines.append(_wrap(view.notice, indent="", width=width))
    return "\n".join(lines).rstrip() + "\n"


def words_text(words: tuple[WordView, ...], *, width: int = 78) -> str:
    """The glossary's words, each with what it means (for a summary: the words it uses)."""
    lines: list[str] = []
    _heading(lines, WORDS_USED)
    lines.append(_wrap(WORDS_USED_NOTE, indent="", width=width))
    lines += [_wrap(f"{w.term}: {w.means}", indent="* ", width=width) for w in words]
    return "\n".join(lines) + "\n"


def about_text(about: AboutView, *, width: int = 78) -> str:
    """How the guide was made: its version and dates, each part the rulebook declares, who made it."""
    lines: list[str] = []
    _heading(lines, HOW_MADE_TITLE)
    lines.append(_wrap(about.dates, indent="", width=width))
    for heading, text in about.parts:
        lines.append(_wrap(f"{heading}: {text}", indent="* ", width=width))
    lines.append(_wrap(about.credits, indent="", width=width))
    return "\n".join(lines) + "\n"


# -- the parts of the results one at a time, for the plain line-by-line mode (details on request) ----------


def _bullets(lines: list[str], title: str, items: tuple[str, ...] | list[str], width: int) -> None:
    if not items:
        return
    lines.append(f"{title}:")
    lines += [_wrap(item, indent="  * ", width=width) for item in items]


def _risks(
    lines: list[str], risks: tuple[RiskView, ...], width: int, *, indent: str = "", pictures: bool = True
) -> None:
    """Each risk, how often it happens in words, and (where a source gives a figure of 1 in 100 or more) the
    picture of 100 people with its key; ``pictures=False`` gives the picture's words instead (line by line,
    for a screen reader)."""
    if not risks:
        return
    lines.append(f"{indent}Main risks:")
    bullet = f"{indent}  * "
    under = " " * len(bullet)
    for risk in risks:
        lines.append(_wrap(risk.text, indent=bullet, width=width))
        lines.append(_wrap(risk.how_often, indent=under, width=width))
        chance = risk.chance
        if chance is None:
            continue
        if chance.picture is None:
            lines.append(_wrap(chance.picture_note, indent=under, width=width))
        elif pictures:
            lines += [f"{under}  {line}" for line in chance.picture.with_key()]
        else:
            lines.append(_wrap(chance.picture.alt, indent=under, width=width))


def _rule(rule: str, show_rules: bool) -> str:
    return f" (rule {rule})" if show_rules else ""


def option_text(option: OptionView, *, show_rules: bool = False, width: int = 78) -> str:
    """One option (waiting included) in full, as its card on the results screen shows it: lists, never
    tables or marks, so that it reads well line by line."""
    lines: list[str] = [option.name]
    if option.kind:
        lines.append(_wrap(", ".join(option.kind) + ".", indent="", width=width))
    lines.append(_wrap(option.summary, indent="", width=width))
    for why in option.why:
        lines.append(
            _wrap(f"Why it is shown: {why.because}{_rule(why.rule, show_rules)}", indent="", width=width)
        )
    _bullets(lines, "Benefits", option.benefits, width)
    _bullets(lines, "Downsides", option.downsides, width)
    lines.append(_wrap(f"Upkeep over time: {option.upkeep}", indent="", width=width))
    lines.append(_wrap(f"Day to day: {option.day_to_day}", indent="", width=width))
    if option.fits:
        fits = "; ".join(f"{fit.label}: {fit.words}" for fit in option.fits)
        lines.append(_wrap(f"How it fits what matters to you: {fits}.", indent="", width=width))
    if option.waiting:
        _bullets(
            lines,
            "Without treatment",
            [f"{label}: {text}" for label, text in option.without_treatment],
            width,
        )
        return "\n".join(lines) + "\n"
    lines.append(_wrap(f"How long it lasts: {option.lasts}", indent="", width=width))
    lines.append(_wrap(f"Recovery: {option.recovery}", indent="", width=width))
    _risks(lines, option.risks, width, pictures=False)
    lines.append(_wrap(f"Who to look for: {who_line(option)}", indent="", width=width))
    _bullets(lines, "Questions to ask", option.questions, width)
    sources = [f"{s.name}, “{s.title}”, {s.url} (checked {s.checked:%d %B %Y})" for s in option.sources]
    _bullets(lines, "Sources", sources, width)
    if option.review_due:
        lines.append(f"Next review due {option.review_due:%B %Y}.")
    return "\n".join(lines) + "\n"


def grid_text(grid: Grid, *, width: int = 78) -> str:
    """The comparison grid alone, row by row, as in the text summary."""
    lines: list[str] = []
    _grid(lines, grid, width)
    return "\n".join(lines).rstrip() + "\n"


def caution_text(caution: CautionView, *, show_rules: bool = False, width: int = 78) -> str:
    """One caution point in full: its level in words, title, text and why it is shown."""
    lines = [f"{caution.level_words}: {caution.title}", _wrap(caution.text, indent="", width=width)]
    for why in caution.why:
        lines.append(_wrap(f"Why: {why.because}{_rule(why.rule, show_rules)}", indent="", width=width))
    return "\n".join(lines) + "\n"


def left_out_text(view: ResultsView, *, width: int = 78) -> str:
    lines: list[str] = []
    _bullets(lines, LEFT_OUT, [f"{name}: {because}" for name, because in view.left_out], width)
    return "\n".join(lines) + "\n" if lines else ""


def questions_text(view: ResultsView, *, width: int = 78) -> str:
    """The questions to ask at the consultation: of any practitioner, then about each option."""
    lines: list[str] = ["Questions to ask at the consultation"]
    _bullets(lines, "Of any practitioner", view.general_questions, width)
    for name, questions in view.procedure_questions:
        _bullets(lines, f"About {name}", questions, width)
    return "\n".join(lines) + "\n"


def readiness_text(view: ResultsView, *, width: int = 78) -> str:
    """The readiness check as far as it was answered, and what follows from it."""
    lines = ["Are you ready to decide?"]
    if not view.readiness_started:
        lines.append(
            _wrap(
                f"{len(view.readiness)} short questions check whether you feel ready to decide.",
                indent="",
                width=width,
            )
        )
        return "\n".join(lines) + "\n"
    _bullets(
        lines, "Your answers", [f"{i.text} {i.answer or 'Not answered yet'}" for i in view.readiness], width
    )
    if view.next_steps:
        _bullets(lines, "Next steps", view.next_steps, width)
    elif (note := view.readiness_note()) is not None:
        lines.append(_wrap(note, indent="", width=width))
    return "\n".join(lines) + "\n"


def knowledge_text(view: ResultsView, *, width: int = 78) -> str:
    """The knowledge check as far as it was answered: the score and the facts worth going over again."""
    lines = [KNOWLEDGE_TITLE]
    if not view.knowledge_answered:
        lines.append(
            _wrap(
                f"{len(view.knowledge)} true-or-false statements check the key facts about these options "
                "(optional).",
                indent="",
                width=width,
            )
        )
        return "\n".join(lines) + "\n"
    lines.append(_wrap(view.knowledge_score(), indent="", width=width))
    items = [f"{i.option}: {i.says} It is {i.truth.lower()}. {i.explain}" for i in view.to_go_over]
    _bullets(lines, "Worth going over again", items, width)
    return "\n".join(lines) + "\n"


def leaning_text(view: ResultsView, *, width: int = 78) -> str:
    """Which way the person said they lean, if they said."""
    if view.leaning_label:
        said = f"You said: {view.leaning_label}. Your summary records it."
    else:
        said = "Optional: say which way you lean now, or that you are not sure yet."
    return f"{LEANING_QUESTION}\n{_wrap(said, indent='', width=width)}\n"


def handover_text(view: ResultsView, *, width: int = 78) -> str:
    """For counsellors: which answers raised which points, and by which rules."""
    items = [
        f"{i.level_words}: {i.title} [{i.caution_id}], raised by {i.raised_by} (rules: {', '.join(i.rules)})"
        for i in view.handover
    ]
    lines = ["Handover: which answers raised which points"]
    _bullets(lines, "Points", items, width)
    return "\n".join(lines) + "\n"


def details_text(view: ResultsView, *, counsellor: bool = False, width: int = 78) -> str:
    """Every detail of the results in the results screen's order: critical points, the options with
    waiting, what was left out, the other points, the questions to ask, the readiness check and (for
    counsellors) the handover."""
    parts: list[str] = [caution_text(c, show_rules=counsellor, width=width) for c in view.critical]
    if view.nothing_matched:
        parts.append(_wrap(NOTHING_MATCHED, indent="", width=width) + "\n")
    parts += [option_text(o, show_rules=counsellor, width=width) for o in view.every_option]
    if view.grid is not None and not view.nothing_matched:
        parts.append(grid_text(view.grid, width=width))
    if view.left_out:
        parts.append(left_out_text(view, width=width))
    parts += [caution_text(c, show_rules=counsellor, width=width) for c in view.others]
    parts.append(questions_text(view, width=width))
    if view.readiness:
        parts.append(readiness_text(view, width=width))
    if view.knowledge and not view.nothing_matched:
        parts.append(knowledge_text(view, width=width))
    if not view.nothing_matched:
        parts.append(leaning_text(view, width=width))
    if counsellor:
        parts.append(handover_text(view, width=width))
    return "\n".join(parts)
