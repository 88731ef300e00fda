"""The summary to take along, as Markdown: readable as plain text, and it prints. It lays out the results view
(:mod:`consultaid.view`) and nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..view import (
    AboutView,
    CautionView,
    Grid,
    OptionView,
    PictureView,
    ResultsView,
    RiskView,
    Why,
    WordView,
    who_line,
)
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
from .summary import Summary

PictureFence = Callable[[PictureView], str]
"""The info string of the fenced block that draws a picture of 100 people (the HTML summary swaps such a
block for a drawing of its own)."""

GRID_TITLE = "Compare the options side by side"


def _list(items: tuple[str, ...] | list[str]) -> list[str]:
    return [f"- {item}" for item in items]


def render_markdown(summary: Summary, fence: PictureFence | None = None) -> str:
    """The summary; each picture of 100 people is a fenced text block whose info string ``fence`` gives
    (``text`` by default)."""
    s, view = summary, summary.view
    info = summary.rulebook.info
    out: list[str] = [
        "# ConsultAid summary",
        "",
        f"Made on {s.created:%d %B %Y} with {info.title}, version {info.version} "
        f"(rulebook `{info.id}`; content checked {info.checked:%d %B %Y}, "
        f"review due {info.review_due:%d %B %Y}).",
        "",
        view.notice,
        "",
        "## At a glance",
        "",
    ]
    out += _list(view.overview())
    out.append("")
    if view.critical:
        out += ["## Critical points", ""]
        for caution in view.critical:
            out += _caution(caution, s.counsellor)

    if view.grid is not None and not view.nothing_matched:
        out += _grid(view.grid)

    out += ["## Your answers", ""]
    out += [f"- **{question}** {answer}" for question, answer in view.answered]
    out.append("")
    if view.not_answered:
        out += [f"{NOT_ANSWERED}:", ""]
        out += _list(view.not_answered)
        out.append("")

    out += ["## Options worth discussing", ""]
    if view.nothing_matched:
        out += [NOTHING_MATCHED, ""]
    for option in view.options:
        out += [f"### {option.name}", "", f"*{'; '.join(option.kind)}.* {option.summary}", ""]
        out += [f"- **Why it is shown:** {w.because}{_rule(w, s.counsellor)}" for w in option.why]
        out += _option_detail(option)
        out += [
            f"- **How long it lasts:** {option.lasts}",
            f"- **Recovery:** {option.recovery}",
            f"- **Who to look for:** {who_line(option)}",
            "",
            "**Main risks**",
            "",
        ]
        out += _risks(option.risks, fence or (lambda _: "text"))
    if view.no_procedure is not None:
        waiting = view.no_procedure
        out += [f"### {waiting.name}", "", waiting.summary, ""]
        out += _option_detail(waiting)
        if waiting.without_treatment:
            out += ["", "**Without treatment**", ""]
            out += [f"- *{label}:* {text}" for label, text in waiting.without_treatment]
        out.append("")

    if view.left_out:
        out += [f"## {LEFT_OUT}", ""]
        out += [f"- {name}: {because}" for name, because in view.left_out]
        out.append("")

    if view.others:
        out += ["## Points to bear in mind", ""]
        for caution in view.others:
            out += _caution(caution, s.counsellor)

    if view.who_to_look_for:
        out += [f"## {WHO_TO_LOOK_FOR}", ""]
        if view.who_to_look_for_note:
            out += [view.who_to_look_for_note, ""]
        for register in view.who_to_look_for:
            out += [
                f"### {register.name}",
                "",
                f"{register.who} *For:* {', '.join(register.options)}.",
                "",
                f"- **In the UK:** {register.uk}",
                f"- **In the US:** {register.us}",
                "",
            ]

    out += ["## Questions to ask", ""]
    if view.general_questions:
        out += ["**Of any practitioner**", ""] + _list(view.general_questions) + [""]
    for name, questions in view.procedure_questions:
        out += [f"**About {name}**", ""] + _list(questions) + [""]

    if view.readiness:
        out += ["## Are you ready to decide?", ""]
        for item in view.readiness:
            out.append(f"- {item.text} **{item.answer or 'Not answered yet'}**")
        out.append("")
        if view.next_steps:
            out += ["Next steps:", ""] + _list(view.next_steps) + [""]
        elif view.ready is None:
            out += ["The readiness check is not finished yet.", ""]
        elif (note := view.readiness_note()) is not None:
            out += [note, ""]

    out += _reflection(view)

    if s.counsellor:
        out += ["## Handover: which answers raised which points", ""]
        for point in view.handover:
            rules = ", ".join(f"`{r}`" for r in point.rules)
            out.append(
                f"- **{point.level_words}: {point.title}** (`{point.caution_id}`): {point.raised_by} "
                f"(rules: {rules})"
            )
        out.append("")
        out += [f"- **{LEANING_QUESTION}** {view.leaning_label or 'Not said'}", ""]
        if view.to_go_over:
            out += ["### Facts to go over again (from the knowledge check)", ""]
            out += [
                f"- {item.option}: “{item.says}” Answered {item.given_words.lower()}; it is "
                f"{item.truth.lower()}. {item.explain}"
                for item in view.to_go_over
            ]
            out.append("")
        elif view.knowledge_answered:
            out += ["Every knowledge-check statement answered was answered rightly.", ""]

    about = _about(view.about) if view.about is not None else []
    out += _words(view.words_used("\n".join(out + about))) + about
    out += ["## Sources", ""]
    out += [
        f"- {src.name}, “{src.title}”, <{src.url}> (checked {src.checked:%d %B %Y})" for src in view.sources
    ]
    out += ["", f"Made by {info.made_by} Funded by {info.funded_by}", ""]
    return inert("\n".join(out))


# A link's address, with balanced brackets as CommonMark allows them: javascript:alert(1).
_ADDRESS = r"(?:[^\s()<>]|\([^\s()<>]*\))*"
# An image written in Markdown, ![description](address "title"), and any other "![" left (a reference image).
_IMAGE = re.compile(rf'!\[([^\[\]\n]*)\]\(\s*<?({_ADDRESS})>?(?:\s+"[^"\n]*")?\s*\)')
# A link whose address is not a web or mail address ([x](javascript:...), [x](data:...), [x](file.html)).
_ODD_LINK = re.compile(
    rf'(?<!\\)\[([^\[\]\n]*)\]\(\s*<?(?!(?:https?|mailto):)({_ADDRESS})>?(?:\s+"[^"\n]*")?\s*\)'
)
# A link reference definition, "[r]: address", which a reference image or link elsewhere would use.
_DEFINITION = re.compile(r"^( {0,3}(?:[-*|] *)?)\[(?=[^\]\n]+\]:)", re.M)
# A "<" that would open raw HTML (a tag, a comment, a declaration), or an autolink that is not a web or mail
# address (<javascript:...>); <https://...> stays a link.
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])(?!(?:https?|mailto):[^\s<>]*>)")


def inert(markdown: str) -> str:
    """The Markdown with nothing a viewer would fetch or run: an image becomes its description and address as
    text, and so does a link to anything but a web or mail address; raw HTML is shown as text. Links to web
    and mail addresses stay links: nothing is loaded until they are followed.

    Rulebook texts are Markdown and a rulebook can come from anywhere: ``![i](https://...)`` would make a
    Markdown viewer fetch a remote image (telling its owner the summary was opened), and ``<img src=...>`` the
    same; the HTML export renders this Markdown, so it is safe there too.
    """
    markdown = _IMAGE.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), markdown)
    markdown = markdown.replace("![", "\\![")
    markdown = _ODD_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", markdown)
    markdown = _DEFINITION.sub(r"\1\\[", markdown)
    return _RAW_HTML.sub(r"\\<", markdown)


def _words(words: tuple[WordView, ...]) -> list[str]:
    """The glossary's words this summary uses, each with what it means (nothing when it uses none)."""
    if not words:
        return []
    return (
        [f"## {WORDS_USED}", "", WORDS_USED_NOTE, ""] + [f"- **{w.term}**: {w.means}" for w in words] + [""]
    )


def _about(about: AboutView) -> list[str]:
    """How the guide was made: its version and dates, then each part the rulebook declares."""
    out = [f"## {HOW_MADE_TITLE}", "", about.dates, ""]
    for heading, text in about.parts:
        out += [f"**{heading}.** {text}", ""]
    return out


def _grid(grid: Grid) -> list[str]:
    """The options side by side: the rulebook's questions as rows, the options (waiting last) as columns."""
    out = [f"## {GRID_TITLE}", ""]
    out.append("| | " + " | ".join(f"**{_cell(name)}**" for name in grid.columns) + " |")
    out.append("|---" * (len(grid.columns) + 1) + "|")
    for row in grid.rows:
        cells = [
            _cell(" ".join([cell.text, *(f"• {item}" for item in cell.items)]).strip()) for cell in row.cells
        ]
        out.append(f"| **{_cell(row.label)}** | " + " | ".join(cells) + " |")
    return out + [""]


def _risks(risks: tuple[RiskView, ...], fence: PictureFence) -> list[str]:
    """Each risk, how often it happens (a hard line break between), and the picture of 100 people as a
    text drawing with its key, indented under the risk's bullet."""
    out: list[str] = []
    for risk in risks:
        out += [f"- {risk.text}\\", f"  {risk.how_often}", ""]
        chance = risk.chance
        if chance is None:
            continue
        if chance.picture is None:
            out += [f"  {chance.picture_note}", ""]
        else:
            out += [f"  ```{fence(chance.picture)}"]
            out += [f"  {line}" for line in chance.picture.with_key()]
            out += ["  ```", ""]
    return out


def _reflection(view: ResultsView) -> list[str]:
    """Which way the person leans, and what they answered in the knowledge check (both optional)."""
    out = [f"## {LEANING_QUESTION}", ""]
    if view.leaning_label:
        out += [f"You said: **{view.leaning_label}**.", ""]
    else:
        out += ["Not said (the question is optional).", ""]
    answered = view.knowledge_answered
    if answered:
        out += [f"## {KNOWLEDGE_TITLE}", "", view.knowledge_score(), ""]
        for item in answered:
            verdict = "Right." if item.right else "Worth going over again."
            out.append(
                f"- **{item.says}** ({item.option}) You said: {item.given_words}. "
                f"It is {item.truth.lower()}: {verdict} {item.explain}"
            )
        out.append("")
    return out


def _rule(why: Why, counsellor: bool) -> str:
    return f" (rule `{why.rule}`)" if counsellor else ""


def _caution(caution: CautionView, counsellor: bool) -> list[str]:
    out = [f"**{caution.level_words}: {caution.title}.** {caution.text}", ""]
    out += [f"*Why:* {w.because}{_rule(w, counsellor)}" for w in caution.why]
    return out + [""]


def _option_detail(view: OptionView) -> list[str]:
    out: list[str] = []
    width = max(len(view.benefits), len(view.downsides))
    out += ["", "| Benefits | Downsides |", "|---|---|"]
    for i in range(width):
        good = view.benefits[i] if i < len(view.benefits) else ""
        bad = view.downsides[i] if i < len(view.downsides) else ""
        out.append(f"| {_cell(good)} | {_cell(bad)} |")
    out += ["", f"- **Upkeep over time:** {view.upkeep}", f"- **Day to day:** {view.day_to_day}"]
    if view.fits:
        out.append(
            "- **How it fits what matters to you:** "
            + "; ".join(f"{fit.label}: {fit.mark} {fit.words}" for fit in view.fits)
        )
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
