"""The summary to take along, as Markdown: readable as plain text, and it prints."""

from __future__ import annotations

from ..decision import OptionView
from ..result import CautionPoint, Reason
from .summary import LEVEL_WORDS, PURPOSE_WORDS, Summary


def _list(items: tuple[str, ...] | list[str]) -> list[str]:
    return [f"- {item}" for item in items]


def render_markdown(summary: Summary) -> str:
    s, rb, aid = summary, summary.rulebook, summary.aid
    info = rb.info
    out: list[str] = [
        "# ConsultAid summary",
        "",
        f"Made on {s.created:%d %B %Y} with {info.title}, version {info.version} "
        f"(rulebook `{info.id}`; content checked {info.checked:%d %B %Y}, "
        f"review due {info.review_due:%d %B %Y}).",
        "",
        "This is not medical advice and not a diagnosis. It lists options worth discussing and points "
        "to bear in mind, to take to a consultation with a qualified practitioner or your GP.",
        "",
    ]
    critical = [c for c in s.result.cautions if c.level == "critical"]
    if critical:
        out += ["## Critical points", ""]
        for caution in critical:
            out += _caution(caution, s.counsellor)

    out += ["## Your answers", ""]
    out += [f"- **{question}** {answer}" for question, answer in s.answered()]
    out.append("")
    if s.result.not_answered:
        out += ["Not answered (the results were made without these):", ""]
        out += _list(s.not_answered())
        out.append("")

    out += ["## Options worth discussing", ""]
    if not s.result.suggestions:
        out += ["None of the procedures in this guide matched your answers.", ""]
    for suggestion, view in zip(s.result.suggestions, aid.options, strict=True):
        p = rb.procedures[suggestion.id]
        kind = "Surgery" if p.surgical else "Not surgery"
        out += [f"### {p.name}", "", f"*{kind}; {PURPOSE_WORDS[p.purpose]}; {p.permanence}.* {p.summary}", ""]
        out += [f"- **Why it is shown:** {r.because}{_rule(r, s.counsellor)}" for r in suggestion.reasons]
        out += _option_detail(view)
        out += [
            f"- **How long it lasts:** {p.lasts}",
            f"- **Recovery:** {p.recovery}",
            f"- **Who to look for:** {p.practitioner}",
            "",
            "**Main risks**",
            "",
        ]
        out += _list(tuple(p.risks))
        out.append("")
    if aid.no_procedure is not None:
        view = aid.no_procedure
        out += [f"### {view.name}", "", view.summary, ""]
        out += _option_detail(view)
        if view.without_treatment:
            out += ["", "**Without treatment**", ""]
            out += [f"- *{label}:* {text}" for label, text in view.without_treatment]
        out.append("")

    if s.result.left_out:
        out += ["## Left out, as you asked", ""]
        out += [f"- {rb.procedures[x.id].name}: {x.because}" for x in s.result.left_out]
        out.append("")

    others = [c for c in s.result.cautions if c.level != "critical"]
    if others:
        out += ["## Points to bear in mind", ""]
        for caution in others:
            out += _caution(caution, s.counsellor)

    out += ["## Questions to ask", ""]
    if aid.general_questions:
        out += ["**Of any practitioner**", ""] + _list(aid.general_questions) + [""]
    for name, questions in aid.procedure_questions:
        out += [f"**About {name}**", ""] + _list(questions) + [""]

    if aid.readiness:
        out += ["## Are you ready to decide?", ""]
        for item in aid.readiness:
            out.append(f"- {item.text} **{item.answer or 'Not answered yet'}**")
        out.append("")
        if aid.next_steps:
            out += ["Next steps:", ""] + _list(aid.next_steps) + [""]
        elif aid.ready is None:
            out += ["The readiness check is not finished yet.", ""]

    if s.counsellor:
        out += ["## Handover: which answers raised which points", ""]
        for point in aid.handover:
            raised_by = (
                "; ".join(f"{q} {a}" for q, a in point.answers) or "shown to everyone or by the options"
            )
            out.append(f"- **{LEVEL_WORDS[point.level]}: {point.title}** (`{point.caution_id}`): {raised_by}")
        out.append("")

    out += ["## Sources", ""]
    out += [
        f"- {src.name}, “{src.title}”, <{src.url}> (checked {src.checked:%d %B %Y})" for src in aid.sources
    ]
    out += ["", f"Made by {info.made_by} Funded by {info.funded_by}", ""]
    return "\n".join(out)


def _rule(reason: Reason, counsellor: bool) -> str:
    return f" (rule `{reason.rule}`)" if counsellor else ""


def _caution(caution: CautionPoint, counsellor: bool) -> list[str]:
    out = [f"**{LEVEL_WORDS[caution.level]}: {caution.title}.** {caution.text}", ""]
    out += [f"*Why:* {r.because}{_rule(r, counsellor)}" for r in caution.reasons]
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
