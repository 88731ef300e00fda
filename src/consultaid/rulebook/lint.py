"""The rulebook lint: what loads fine but is still probably a mistake, each finding placed at its file and
line.

The loader rejects what cannot work (unknown ids, bad types). The lint looks for what works but cannot be what
the author meant: a rule that can never fire, an option nothing looks at, a procedure nobody can ever be
shown, a caution that never appears, an area and concern that lead nowhere, the same rule twice, a suggestion
that an exclusion always takes away again, text that is hard to read or ends mid-sentence, a hard word the
glossary does not explain, a glossary word no text uses, and a source whose address is only a home page.
Every finding is a warning
(``consultaid rules check --strict`` treats them as errors); docs/rulebook.md lists them with their
thresholds.

Whether something can happen is decided exactly, over every valid set of answers, by
:class:`consultaid.rulebook.reason.Reasoner`; nothing is sampled.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import assert_never

from ..errors import Problem
from .book import Rulebook
from .conditions import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    Node,
    Not,
    NothingSuggested,
    WasLeftOut,
    WasSuggested,
    answer_tests,
    looks_at_outcome,
)
from .conditions.words import written
from .model import HowMade, OptionDetail, Question, Rule, Source, Statement
from .reason import Reasoner

# Readability thresholds (documented in docs/rulebook.md; change both together).
MAX_SENTENCE_WORDS = 25
"""A sentence longer than this is hard to follow (plain-English guides put the limit at 20 to 25 words)."""
MAX_WORD_LETTERS = 14
"""A word longer than this is hard to read, unless it is explained in brackets ("nose reshaping
(rhinoplasty)")."""
MAX_READING_AGE = 12.0
"""A text that needs a higher reading age than this is flagged: health information for the public aims at a
reading age of about 11 to 12. The reading age is the Flesch-Kincaid grade (a US school year) plus 5."""
MIN_STATEMENTS = 3
MAX_STATEMENTS = 5
"""How many true-or-false statements the knowledge check asks per option."""
MIN_WORDS_FOR_LEVEL = 20
"""A reading level says little about a short text (one long word swings it), so it is judged on texts this
long."""
NOT_SENTENCES = frozenset({"name", "title", "label", "made_by", "funded_by", "term", "population", "time"})
"""Fields that are names or labels rather than sentences (a chance's 'population' and 'time' complete a line:
"about 1 in 10 people having ..., within 30 days"): every other text ends as a sentence does."""


def lint(rulebook: Rulebook) -> list[Problem]:
    """Every finding for a loaded rulebook, as warnings sorted by file, line and column."""
    # The reasoning builds many small objects that live until the end; collecting garbage halfway only costs
    # time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        found = _Linter(rulebook).run()
    finally:
        if was_enabled:
            gc.enable()
    return sorted(found, key=lambda p: (p.file, p.line, p.column, p.message))


@dataclass(frozen=True)
class _Where:
    key: tuple[str, ...]
    sub: tuple[str | int, ...] = ()
    at_key: bool = False


class _Linter:
    def __init__(self, rulebook: Rulebook) -> None:
        self.book = rulebook
        self.r = Reasoner(rulebook)
        self.found: list[Problem] = []

    def warn(self, where: _Where, message: str) -> None:
        file, line, column = self.book.origin(*where.key).locate(*where.sub, at_key=where.at_key)
        self.found.append(Problem(file, line, column, message, "warning"))

    def run(self) -> list[Problem]:
        self.stuck_questions()
        reachable, shown, contradicted = self.rules()
        self.options()
        self.procedures(reachable, shown)
        self.cautions(reachable)
        self.combinations()
        self.duplicates()
        self.contradictions(contradicted)
        self.exclusions()
        self.readability()
        self.glossary()
        self.labels()
        self.sources()
        self.how_made()
        self.registers()
        self.contract()
        self.comparison()
        self.knowledge()
        self.risks()
        return self.found

    # -- risks and their chances -----------------------------------------------------------------------------

    def risks(self) -> None:
        """Risks that are what can go wrong, each saying how often (contract 2), with figures as data."""
        book = self.book
        asks_how_often = book.info.contract == "consultaid-2"
        for procedure in book.procedures.values():
            addresses = {source.url for source in procedure.sources}
            for k, risk in enumerate(procedure.risks):
                where = _Where(("procedures", procedure.id), ("risks", k))
                who = f"risk {k + 1} of '{procedure.id}' ('{_clip(risk.text, 40)}')"
                said = _NOT_A_RISK.search(risk.text)
                if said:
                    self.warn(
                        where,
                        f"{who} reads like a benefit, a legal fact or a fact about services ('{said[0]}'), "
                        "not something that can go wrong: move it to 'benefits', 'summary', 'questions' or "
                        "'compare'",
                    )
                figure = risk.figure
                if figure is None and _FIGURE.search(risk.text):
                    self.warn(
                        where,
                        f"{who} gives a figure in its words: write it as 'chance:' data (low, high, per, "
                        "population, time, evidence, source), so that every summary shows it alike",
                    )
                if risk.chance is None and asks_how_often:
                    self.warn(
                        where,
                        f"{who} does not say how often it happens: write it as 'text:' with 'chance:' (from "
                        "a checked source) or 'chance: not-known'",
                    )
                if figure is None:
                    continue
                at = _Where(("procedures", procedure.id), ("risks", k, "chance"))
                if not isinstance(figure.source, str) and figure.source.url not in addresses:
                    self.warn(
                        _Where(at.key, (*at.sub, "source")),
                        f"{who}: its source '{figure.source.url}' is not among the procedure's 'sources'; "
                        "list it there (then name it here by its url) so that every summary cites it with "
                        "the others",
                    )
                if figure.per == 100 and 0 < figure.high < 1:
                    self.warn(
                        _Where(at.key, (*at.sub, "per")),
                        f"{who}: a figure below 1 in 100 reads better per 1000 or more (for example "
                        f"'low: {_per_thousand(figure.low)}, high: {_per_thousand(figure.high)}, per: 1000')",
                    )

    # -- who to look for -------------------------------------------------------------------------------------

    def registers(self) -> None:
        """Every declared kind of specialist is named by some procedure, and every procedure names one."""
        book = self.book
        if not book.registers:
            return
        named = {rid for p in book.procedures.values() for rid in p.registers}
        for register in book.registers.values():
            if register.id not in named:
                self.warn(
                    _Where(("registers", register.id), ("id",)),
                    f"no procedure names the register '{register.id}' (add it to a procedure's 'registers')",
                )
        for procedure in book.procedures.values():
            if not procedure.registers:
                self.warn(
                    _Where(("procedures", procedure.id), ("practitioner",)),
                    f"procedure '{procedure.id}' names no register: add 'registers' (the kinds of specialist "
                    "to look for)",
                )

    # -- the rule contract -----------------------------------------------------------------------------------

    def contract(self) -> None:
        """Ids and levels that answer files, exports and scripts rely on must stay as the contract fixes
        them."""
        from . import contract

        if self.book.info.contract is None:
            return
        top = _Where(("rulebook",))
        fixed = contract.get(self.book.info.contract)
        for qid, (kind, options) in fixed.questions.items():
            if not self.book.has_question(qid):
                self.warn(top, f"the rule contract's question '{qid}' is missing")
                continue
            question = self.book.question(qid)
            if question.kind != kind:
                self.warn(
                    _Where(("questions", qid), ("kind",)),
                    f"the rule contract makes '{qid}' a {kind}-choice question",
                )
            have = {o.id for o in question.options}
            for option in options:
                if option not in have:
                    self.warn(
                        _Where(("questions", qid)),
                        f"the rule contract's option '{option}' of '{qid}' is missing",
                    )
        for pid in fixed.procedures:
            if pid not in self.book.procedures:
                self.warn(top, f"the rule contract's procedure '{pid}' is missing")
        for cid, level in fixed.cautions.items():
            caution = self.book.cautions.get(cid)
            if caution is None:
                self.warn(top, f"the rule contract's caution '{cid}' is missing")
            elif caution.level != level:
                self.warn(
                    _Where(("cautions", cid), ("level",)),
                    f"the rule contract makes caution '{cid}' {level}, not {caution.level}",
                )
        for cid, caution in self.book.cautions.items():
            if caution.referral != (cid == fixed.referral_caution):
                self.warn(
                    _Where(("cautions", cid)),
                    f"'referral: true' belongs on caution '{fixed.referral_caution}' and on no other"
                    if caution.referral
                    else f"caution '{cid}' needs 'referral: true': the result's referral flag follows it",
                )

    # -- the question structure ------------------------------------------------------------------------------

    def stuck_questions(self) -> None:
        for qid, witness in self.r.stuck_questions.items():
            example = self.r.describe(witness)
            self.warn(
                _Where(("questions", qid)),
                f"question '{qid}' must be answered but can be asked with no option to choose"
                + (f" (for example after {example})" if example else "")
                + "; nobody could finish the questions",
            )
        for question in self.book.questions:
            if question.when is not None and not self.r.possible(self.r.asked[question.id]):
                self.warn(
                    _Where(("questions", question.id), ("when",)),
                    f"question '{question.id}' is never asked: its condition cannot hold",
                )
                continue
            for option in question.options:
                if option.when is not None and not self.r.possible(self.r.offered[(question.id, option.id)]):
                    self.warn(
                        _Where(("options", question.id, option.id), ("when",)),
                        f"option '{option.id}' of '{question.id}' is never offered: "
                        "its condition cannot hold",
                    )

    # -- rules -----------------------------------------------------------------------------------------------

    def rules(self) -> tuple[set[str], set[str], list[tuple[str, int, str]]]:
        """Warn about rules that can never fire.

        Returns the ids of the rules that can fire, the procedures some rule can get shown (suggested and not
        left out), and the suggestions an exclusion always takes away again: (rule, index in suggest,
        procedure). Asking "can the rule fire while its procedure is not excluded?" first answers all three
        with one query per rule in the usual case.
        """
        r = self.r
        reachable: set[str] = set()
        shown: set[str] = set()
        contradicted: list[tuple[str, int, str]] = []
        for rule in self.book.rules:
            fires = r.node(rule.when)
            kept_with: dict[int, bool] = {}  # exclusion node -> can the rule fire while it does not apply
            if rule.suggest and not looks_at_outcome(rule.when):
                for pid in rule.suggest:
                    excluded = r.excluding(self.book.procedures[pid])
                    if excluded not in kept_with:
                        kept_with[excluded] = r.possible(fires, r.circuit.not_(excluded))
            if any(kept_with.values()) or r.possible(fires):
                reachable.add(rule.id)
                for k, pid in enumerate(rule.suggest):
                    if kept_with.get(r.excluding(self.book.procedures[pid]), False):
                        shown.add(pid)
                    elif kept_with:
                        contradicted.append((rule.id, k, pid))
                continue
            sub, why = self._why_never(rule.when, ("when",))
            self.warn(_Where(("rules", rule.id), sub), f"rule '{rule.id}' can never fire: {why}")
        return reachable, shown, contradicted

    def _why_never(self, cond: Node, path: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], str]:
        """Narrow an impossible condition down to the part, or the pair of parts, that cannot hold."""
        match cond:
            case AllOf():
                for i, part in enumerate(cond.all):
                    if not self.r.possible(self.r.node(part)):
                        return self._why_never(part, path + ("all", i))
                nodes = [self.r.node(p) for p in cond.all]
                for i in range(len(nodes)):
                    for j in range(i + 1, len(nodes)):
                        if not self.r.possible(nodes[i], nodes[j]):
                            return path, (
                                f"'{written(cond.all[i])}' and '{written(cond.all[j])}' cannot both hold "
                                "for any valid answers"
                            )
                return path, "its parts cannot all hold together for any valid answers"
            case AnswerTest():
                return (
                    path,
                    f"'{written(cond)}' cannot hold for any valid answers (is the option ever offered?)",
                )
            case AnyOf() | Not() | Always() | WasSuggested() | WasLeftOut() | NothingSuggested():
                # not narrowed further: said of the whole
                if looks_at_outcome(cond):
                    return path, f"'{written(cond)}' cannot hold: no valid answers lead to those suggestions"
                return path, f"'{written(cond)}' cannot hold for any valid answers"
            case _:
                assert_never(cond)

    def exclusions(self) -> None:
        for exclusion in self.book.exclusions:
            if not self.r.possible(self.r.node(exclusion.when)):
                self.warn(
                    _Where(("exclusions", exclusion.id), ("when",)),
                    f"exclusion '{exclusion.id}' never applies: its condition cannot hold",
                )
            elif not any(exclusion.exclude.matches(p) for p in self.book.procedures.values()):
                self.warn(
                    _Where(("exclusions", exclusion.id), ("exclude",)),
                    f"exclusion '{exclusion.id}' matches no procedure",
                )

    # -- options ---------------------------------------------------------------------------------------------

    def options(self) -> None:
        mentioned: dict[tuple[str, str], str] = {}  # (question, option) -> who mentions it first
        conditions: list[tuple[str, Node]] = [(f"rule '{r.id}'", r.when) for r in self.book.rules]
        conditions += [(f"exclusion '{e.id}'", e.when) for e in self.book.exclusions]
        for q in self.book.questions:
            if q.when is not None:
                conditions.append((f"question '{q.id}'", q.when))
            conditions += [(f"option '{o.id}'", o.when) for o in q.options if o.when is not None]
        for mentioner, cond in conditions:
            for test in answer_tests(cond):
                for option in test.options:
                    mentioned.setdefault((test.question, option), mentioner)
        values = self.book.values
        if values is not None:  # the priorities question: its options feed the fit of each option, not rules
            for option_id in values.fits:
                mentioned.setdefault((values.question, option_id), "the 'values' section")
        for question in self.book.questions:
            if (
                question.stage == "readiness"
            ):  # asked after the results, for the readiness check, not for rules
                continue
            for choice in question.options:
                who = mentioned.get((question.id, choice.id))
                if choice.neutral and who is not None and who.startswith("rule"):
                    self.warn(
                        _Where(("options", question.id, choice.id), ("neutral",), at_key=True),
                        f"option '{choice.id}' of '{question.id}' is marked neutral, but {who} mentions it",
                    )
                elif not choice.neutral and who is None:
                    self.warn(
                        _Where(("options", question.id, choice.id)),
                        f"no rule mentions option '{choice.id}' of '{question.id}'; if no rule should, "
                        "mark it 'neutral: true'",
                    )

    # -- procedures and cautions -----------------------------------------------------------------------------

    def procedures(self, reachable: set[str], shown: set[str]) -> None:
        for pid, procedure in self.book.procedures.items():
            if pid in shown:
                continue
            rules = [r for r in self.book.rules if pid in r.suggest]
            where = _Where(("procedures", pid))
            if not rules:
                self.warn(where, f"no rule suggests procedure '{pid}'")
            elif not any(r.id in reachable for r in rules):
                names = ", ".join(f"'{r.id}'" for r in rules)
                self.warn(
                    where,
                    f"procedure '{pid}' is never suggested: the rules that suggest it ({names}) "
                    "can never fire",
                )
            else:
                names = ", ".join(f"'{e.id}'" for e in self.book.exclusions if e.exclude.matches(procedure))
                self.warn(
                    where,
                    f"procedure '{pid}' is never suggested: whenever a rule suggests it, "
                    f"an exclusion ({names}) leaves it out",
                )

    def cautions(self, reachable: set[str]) -> None:
        raising: dict[str, list[Rule]] = {}
        for rule in self.book.rules:
            for cid in rule.caution:
                raising.setdefault(cid, []).append(rule)
        for cid in self.book.cautions:
            rules = raising.get(cid, [])
            where = _Where(("cautions", cid))
            if not rules:
                self.warn(where, f"no rule raises caution '{cid}'")
            elif not any(r.id in reachable for r in rules):
                names = ", ".join(f"'{r.id}'" for r in rules)
                self.warn(
                    where, f"caution '{cid}' is never shown: the rules that raise it ({names}) can never fire"
                )

    # -- the comparison grid and the knowledge check --------------------------------------------------------

    def comparison(self) -> None:
        """Every option needs words for every row of the comparison, or its column has holes."""
        book = self.book
        if book.comparison is None:
            self.warn(
                _Where(("rulebook",)),
                "the rulebook declares no comparison rows (a 'comparison:' section with 'rows:'), so the "
                "results cannot show the options side by side",
            )
            return
        options: list[tuple[_Where, str, OptionDetail]] = [
            (_Where(("procedures", p.id)), f"procedure '{p.id}'", p) for p in book.procedures.values()
        ]
        if book.no_procedure is not None:
            options.append((_Where(("no_procedure",)), "'no_procedure' (waiting)", book.no_procedure))
        for where, who, item in options:
            missing = book.comparison.missing(item)
            if missing:
                rows = ", ".join(f"'{row.id}' ({row.label})" for row in missing)
                example = missing[0].id
                self.warn(
                    where,
                    f"{who} has no comparison words for row{'s' if len(missing) > 1 else ''} {rows}: its "
                    f"column would say nothing there; add them under it, as 'compare: {{{example}: ...}}'",
                )

    def knowledge(self) -> None:
        """Three to five statements for every option, and answers that agree with the option's own data."""
        book = self.book
        options: list[tuple[_Where, str, OptionDetail]] = [
            (_Where(("procedures", p.id)), f"procedure '{p.id}'", p) for p in book.procedures.values()
        ]
        if book.no_procedure is not None:
            options.append((_Where(("no_procedure",)), "'no_procedure' (waiting)", book.no_procedure))
        for where, who, item in options:
            count = len(item.knowledge)
            if count == 0:
                self.warn(
                    where,
                    f"{who} has no knowledge-check statements: add {MIN_STATEMENTS} to {MAX_STATEMENTS} "
                    "under it, as 'knowledge: [{says: ..., answer: true or false, explain: ...}]'",
                )
            elif not MIN_STATEMENTS <= count <= MAX_STATEMENTS:
                self.warn(
                    _Where(where.key, ("knowledge",)),
                    f"{who} has {count} knowledge-check statement{'s' if count != 1 else ''}; "
                    f"the check asks {MIN_STATEMENTS} to {MAX_STATEMENTS} per option",
                )
            for k, statement in enumerate(item.knowledge):
                if statement.about is None:
                    continue
                at = _Where(where.key, ("knowledge", k, "about"))
                for finding in _disagrees(statement, item):
                    self.warn(at, f"statement {k + 1} of {who} ('{_clip(statement.says)}'): {finding}")

    # -- area and concern ------------------------------------------------------------------------------------

    def combinations(self) -> None:
        """An option offered because of an earlier answer (a concern offered for an area) that leads nowhere.

        For each such pair, answering only that option to both questions must make at least one rule suggest
        something for some answers to the other questions; otherwise the person who picks exactly that area
        and that concern is always told nothing matched.
        """
        r = self.r
        c = r.circuit
        anything = c.or_(r.suggesting(pid) for pid in self.book.procedures)
        suggesting_rules = [
            (rule, r.node(rule.when))
            for rule in self.book.rules
            if rule.suggest and not looks_at_outcome(rule.when)
        ]

        def leads_somewhere(both: int, qid: str, oid: str) -> bool:
            # Usually a rule that names the option settles it with a small query; else ask about them all.
            for _rule, fires in suggesting_rules:
                if (qid, oid) in c.vars_of(fires) and r.possible(both, fires):
                    return True
            return r.possible(both, anything)

        for question in self.book.questions:
            for option in question.options:
                if option.when is None or option.neutral:
                    continue
                earlier: dict[str, list[str]] = {}
                for test in answer_tests(option.when):
                    if test.question != question.id:
                        earlier.setdefault(test.question, [])
                        for o in test.options:
                            if o not in earlier[test.question]:
                                earlier[test.question].append(o)
                for qid, causes in earlier.items():
                    for cause in causes:
                        both = c.and_((r.only(qid, [cause]), r.only(question.id, [option.id])))
                        if r.possible(both) and not leads_somewhere(both, question.id, option.id):
                            first = _answer_text(self.book.question(qid), cause)
                            second = _answer_text(question, option.id)
                            self.warn(
                                _Where(("options", question.id, option.id)),
                                f"answering {first} and {second} never leads to a suggestion, "
                                "whatever the other answers",
                            )

    # -- duplicates and contradictions -----------------------------------------------------------------------

    def duplicates(self) -> None:
        first: dict[tuple[int, frozenset[str], frozenset[str]], str] = {}
        for rule in self.book.rules:
            key = (self.r.node(rule.when), frozenset(rule.suggest), frozenset(rule.caution))
            if key in first:
                self.warn(
                    _Where(("rules", rule.id), ("id",)),
                    f"rule '{rule.id}' duplicates rule '{first[key]}': the same condition with the same "
                    "suggestions and cautions",
                )
            else:
                first[key] = rule.id

    def contradictions(self, contradicted: list[tuple[str, int, str]]) -> None:
        """A rule suggests a procedure that an exclusion always leaves out whenever that rule fires.

        Rules only ever add suggestions and cautions, so two rules cannot undo each other; what can contradict
        a rule is an exclusion (a preference such as "non-surgical only") that holds every time the rule
        fires. The cases are found by :meth:`rules`.
        """
        for rule_id, k, pid in contradicted:
            procedure = self.book.procedures[pid]
            names = ", ".join(f"'{e.id}'" for e in self.book.exclusions if e.exclude.matches(procedure))
            self.warn(
                _Where(("rules", rule_id), ("suggest", k)),
                f"rule '{rule_id}' contradicts exclusion {names}: it suggests '{pid}', but whenever "
                f"it fires, '{pid}' is left out",
            )

    # -- readability -----------------------------------------------------------------------------------------

    def readability(self) -> None:
        for where, text in self.texts():
            for finding in readability_findings(text):
                self.warn(where, finding)
            if _is_sentence(where) and unfinished(text):
                self.warn(
                    where,
                    f"the text ends mid-sentence ('...{_tail(text)}'): end it with a full stop, a question "
                    "mark or an exclamation mark (was it cut short?)",
                )

    # -- the glossary --------------------------------------------------------------------------------------

    def glossary(self) -> None:
        """Every glossary word is used by some text, and every hard word a text uses is explained."""
        book = self.book
        texts = list(self.texts(glossary=False))
        used = {id(entry) for entry in book.words.used_in(text for _, text in texts)}
        for entry in book.glossary:
            if id(entry) not in used:
                self.warn(
                    _Where(("glossary", entry.id), ("term",)),
                    f"no text uses the glossary term '{entry.term}'"
                    + (f" (or {', '.join(repr(a) for a in entry.also)})" if entry.also else "")
                    + ": remove it, or check its spelling",
                )
        if not book.hard_words:
            return
        from .glossary import Glossary
        from .model import GlossaryEntry

        hard = Glossary([GlossaryEntry(term=word, means="-") for word in dict.fromkeys(book.hard_words)])
        unexplained: dict[str, list[_Where]] = {}
        for where, text in [*texts, *self._glossary_texts()]:
            explained = [(start, end) for start, end, _ in book.words.matches(text)]
            for start, end, entry in hard.matches(text):
                if not any(start < e and s < end for s, e in explained):
                    unexplained.setdefault(entry.term, []).append(where)
        for word, places in unexplained.items():
            more = len(places) - 1
            self.warn(
                places[0],
                f"'{word}' is a hard word (see 'hard_words') that the glossary does not explain: add it to "
                "the glossary with a short plain explanation"
                + (f" (it is used in {more} more text{'s' if more != 1 else ''})" if more else ""),
            )

    def _glossary_texts(self) -> Iterator[tuple[_Where, str]]:
        for entry in self.book.glossary:
            yield _Where(("glossary", entry.id), ("means",)), entry.means

    # -- labels that contradict the text ---------------------------------------------------------------------

    def labels(self) -> None:
        """An option's own labels must not contradict its words: 'scarring: none' (which the results show as
        "No scar." and count as fitting "as few scars as possible") while its risks or downsides say it can
        scar. And a caution that quotes a study names it among its sources."""
        for procedure in self.book.procedures.values():
            if procedure.scarring != "none":
                continue
            said = (
                (name, text)
                for name in ("risks", "downsides")
                for item in getattr(procedure, name)
                if _SCARS.search(text := str(getattr(item, "text", item)))
            )
            found = next(said, None)
            if found is not None:
                name, text = found
                self.warn(
                    _Where(("procedures", procedure.id), ("scarring",)),
                    f"procedure '{procedure.id}' says 'scarring: none', but its {name} say it can scar "
                    f"('{_clip(text)}'): use 'scarring: possible' (no cuts, but it can scar), 'small' or "
                    "'visible'",
                )
        for caution in self.book.cautions.values():
            if not caution.sources and (study := _STUDY.search(caution.text)):
                self.warn(
                    _Where(("cautions", caution.id), ("text",)),
                    f"caution '{caution.id}' quotes research ('{study.group(0)}') but lists no source: "
                    "add it under 'sources:' (name, title, address, the date you read it)",
                )

    # -- sources and how the content was made ----------------------------------------------------------------

    def sources(self) -> None:
        """A source's address must lead to the page the facts come from, not to a site's home page."""
        book = self.book
        owners: list[tuple[tuple[str, ...], tuple[str | int, ...], list[Source]]] = [
            (("rulebook",), ("sources",), list(book.info.sources))
        ]
        owners += [(("procedures", p.id), ("sources",), list(p.sources)) for p in book.procedures.values()]
        owners += [(("cautions", c.id), ("sources",), list(c.sources)) for c in book.cautions.values()]
        owners += [(("registers", r.id), ("sources",), list(r.sources)) for r in book.registers.values()]
        for key, sub, sources in owners:
            for k, source in enumerate(sources):
                if is_home_page(source.url):
                    self.warn(
                        _Where(key, (*sub, k, "url")),
                        f"the source address '{source.url}' is a home page: give the address of the page "
                        "the facts come from (and the date you read it)",
                    )

    def how_made(self) -> None:
        if self.book.info.how_made is None:
            self.warn(
                _Where(("rulebook",)),
                "the rulebook does not say how its content was made: add 'how_made:' under 'rulebook:' "
                "(who, evidence, review, safety_alerts), which every summary shows",
            )

    def texts(self, *, glossary: bool = True) -> Iterator[tuple[_Where, str]]:
        """Every text a person reads, with where it is written (the glossary's explanations too, unless
        ``glossary`` is False)."""
        book = self.book
        for name in ("title", "made_by", "funded_by", "notice"):
            yield _Where(("rulebook",), (name,)), getattr(book.info, name)
        if book.info.how_made is not None:
            for name in HowMade.model_fields:
                yield _Where(("rulebook",), ("how_made", name)), getattr(book.info.how_made, name)
        for q in book.questions:
            yield _Where(("questions", q.id), ("text",)), q.text
            yield _Where(("questions", q.id), ("help",)), q.help
            for o in q.options:
                yield _Where(("options", q.id, o.id), ("label",)), o.label
                for name in ("help", "next_step"):
                    if getattr(o, name):
                        yield _Where(("options", q.id, o.id), (name,)), getattr(o, name)
        for p in book.procedures.values():
            for name in ("name", "summary", "lasts", "recovery", "practitioner"):
                yield _Where(("procedures", p.id), (name,)), getattr(p, name)
            for k, text in enumerate(p.questions):
                yield _Where(("procedures", p.id), ("questions", k)), text
            for k, risk in enumerate(p.risks):
                yield _Where(("procedures", p.id), ("risks", k)), risk.text
                if risk.figure is not None:
                    for name in ("population", "time"):
                        yield (
                            _Where(("procedures", p.id), ("risks", k, "chance", name)),
                            getattr(risk.figure, name),
                        )
            yield from _detail_texts(("procedures", p.id), p)
            yield from _option_texts(("procedures", p.id), p)
        if book.no_procedure is not None:
            where = ("no_procedure",)
            for name in ("title", "summary"):
                yield _Where(where, (name,)), getattr(book.no_procedure, name)
            yield from _detail_texts(where, book.no_procedure)
            yield from _option_texts(where, book.no_procedure)
            for key, text in book.no_procedure.without_treatment.items():
                yield _Where(where, ("without_treatment", key)), text
        for register in book.registers.values():
            for name in ("name", "who", "uk", "us"):
                yield _Where(("registers", register.id), (name,)), getattr(register, name)
        if book.who_to_look_for:
            yield _Where(("who_to_look_for",)), book.who_to_look_for
        for k, text in enumerate(book.consultation_questions):
            yield _Where(("consultation_questions",), (k,)), text
        if book.comparison is not None:
            for k, row in enumerate(book.comparison.rows):
                yield _Where(("comparison",), ("rows", k, "label")), row.label
        for caution in book.cautions.values():
            yield _Where(("cautions", caution.id), ("title",)), caution.title
            yield _Where(("cautions", caution.id), ("text",)), caution.text
        for rule in book.rules:
            yield _Where(("rules", rule.id), ("because",)), rule.because
        for exclusion in book.exclusions:
            yield _Where(("exclusions", exclusion.id), ("because",)), exclusion.because
        if glossary:
            yield from self._glossary_texts()


def _is_sentence(where: _Where) -> bool:
    """Whether a text is written as sentences: not a name, title or label, and not the reason an exclusion
    gives, which completes a line ("Left out: you asked for non-surgical options only")."""
    return where.key[0] != "exclusions" and not any(part in NOT_SENTENCES for part in where.sub)


def _detail_texts(key: tuple[str, ...], item: object) -> Iterator[tuple[_Where, str]]:
    """The texts every option shows alike (benefits, downsides, upkeep, day to day), where a rulebook has
    them."""
    for name in ("benefits", "downsides"):
        for k, text in enumerate(getattr(item, name, ()) or ()):
            yield _Where(key, (name, k)), text
    for name in ("upkeep", "day_to_day"):
        text = getattr(item, name, None)
        if text:
            yield _Where(key, (name,)), text


def _disagrees(statement: Statement, item: OptionDetail) -> Iterator[str]:
    """Where a statement's answer contradicts what its 'about' says of the option's own data."""
    about = statement.about
    assert about is not None
    said = "true" if statement.answer else "false"
    if about.surgical is not None:
        surgical = getattr(item, "surgical", None)
        if surgical is None:
            yield "waiting has no 'surgical' of its own to check 'about' against; remove 'about'"
        elif (surgical == about.surgical) != statement.answer:
            yield (
                f"its answer is {said}, but it is about 'surgical: {str(about.surgical).lower()}' and the "
                f"procedure says 'surgical: {str(surgical).lower()}'"
            )
    if about.permanence is not None:
        permanence = getattr(item, "permanence", None)
        if permanence is None:
            yield "waiting has no 'permanence' of its own to check 'about' against; remove 'about'"
        elif (permanence in about.permanence) != statement.answer:
            yield (
                f"its answer is {said}, but it is about 'permanence: {', '.join(about.permanence)}' and the "
                f"procedure says 'permanence: {permanence}'"
            )


def _option_texts(key: tuple[str, ...], item: OptionDetail) -> Iterator[tuple[_Where, str]]:
    """An option's own words for the comparison rows, and its knowledge-check statements."""
    for row, text in item.compare.items():
        yield _Where(key, ("compare", row)), text
    for k, statement in enumerate(item.knowledge):
        yield _Where(key, ("knowledge", k, "says")), statement.says
        yield _Where(key, ("knowledge", k, "explain")), statement.explain


def _answer_text(question: Question, option: str) -> str:
    return f"'{question.id}: {option}'" if question.kind == "single" else f"'{question.id}: [{option}]'"


# ------------------------------------------------------------------------------------------------------------
# Readability: a small Flesch reading-ease estimate, long sentences and long words
# ------------------------------------------------------------------------------------------------------------

_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:-[A-Za-z0-9'’]+)*")  # "face-to-face" is one word
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|(?<=[.!?])[\"'”’)]*$")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_BRACKETS = re.compile(r"\([^)]*\)")  # "nose reshaping (rhinoplasty)": the term in brackets is for reference


def syllables(word: str) -> int:
    """Estimated syllables in an English word: vowel groups, less a silent final 'e'; at least one.

    Good enough to rank texts by difficulty, which is all a reading-ease score does; digits count as one.
    """
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    w = word.lower().strip("'’")
    if not w or w[0].isdigit():
        return 1
    count = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if w.endswith(("es", "ed")) and count > 1 and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges")):
        count -= 1
    return max(1, count)


def sentences(text: str) -> list[str]:
    """The sentences of a text (a label without a full stop is one sentence)."""
    text = _URL.sub("link", " ".join(text.split()))
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def words(text: str) -> list[str]:
    return _WORD.findall(_URL.sub("link", text))


def _counts(text: str) -> tuple[int, int, int]:
    """(words, sentences, syllables) of a text, the terms in brackets left out."""
    ws = words(text)
    count = max(1, len([s for s in sentences(text) if words(s)])) if ws else 0
    return len(ws), count, sum(syllables(w) for w in ws)


def reading_ease(text: str) -> float:
    """Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.

    100 is very easy, 60 to 70 is plain English (about a reading age of 13 to 15), below 50 is difficult.
    """
    n, count, syl = _counts(text)
    if not n:
        return 100.0
    return 206.835 - 1.015 * (n / count) - 84.6 * (syl / n)


def grade(words_: int, sentences_: int, syllables_: int) -> float:
    """Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59 (a US school
    year; 0 for no words)."""
    if not words_:
        return 0.0
    return 0.39 * (words_ / max(1, sentences_)) + 11.8 * (syllables_ / words_) - 15.59


def reading_age(text: str) -> float:
    """The reading age a text needs: its Flesch-Kincaid grade plus 5 (grade 7 is about age 12). The terms in
    brackets after plain words ("nose reshaping (rhinoplasty)") are left out: they are there for
    reference."""
    return grade(*_counts(_BRACKETS.sub(" ", text))) + 5


@dataclass(frozen=True)
class ReadingLevel:
    """The reading level of a whole rulebook: every text a person reads, taken together as one."""

    texts: int
    words: int
    sentences: int
    syllables: int
    over: tuple[tuple[float, str], ...] = ()
    """(reading age, text) of each text long enough to judge that is above the limit, hardest first."""

    @property
    def grade(self) -> float:
        return grade(self.words, self.sentences, self.syllables)

    @property
    def age(self) -> float:
        return self.grade + 5

    def describe(self) -> str:
        """'Reading age 9.2 (Flesch-Kincaid grade 4.2) over 1,036 texts; none above 12.'"""
        above = len(self.over)
        said = "none" if not above else f"{above} text{'s' if above != 1 else ''}"
        return (
            f"Reading age {self.age:.1f} (Flesch-Kincaid grade {self.grade:.1f}) over {self.texts:,} texts; "
            f"{said} above {MAX_READING_AGE:.0f}."
        )


def too_hard(age: float) -> bool:
    """Above the limit, as shown (to one decimal place): 12.04 is shown as 12.0 and is not above 12."""
    return round(age, 1) > MAX_READING_AGE


def reading_levels(rulebook: Rulebook) -> list[tuple[Problem, float, int]]:
    """Each text a person reads, with its place, its reading age and its length in words, hardest first
    (for ``consultaid rules reading``)."""
    linter = _Linter(rulebook)
    out = []
    for where, text in linter.texts():
        plain_text = _BRACKETS.sub(" ", text)
        n = len(words(plain_text))
        if not n:
            continue
        file, line, column = rulebook.origin(*where.key).locate(*where.sub, at_key=where.at_key)
        out.append(
            (Problem(file, line, column, _clip(" ".join(text.split()), 70), "info"), reading_age(text), n)
        )
    return sorted(out, key=lambda item: (-item[1], item[0].file, item[0].line))


def reading_level(rulebook: Rulebook) -> ReadingLevel:
    """The reading level of every text of the rulebook together, and the texts above the limit."""
    total = [0, 0, 0]
    count = 0
    over: list[tuple[float, str]] = []
    for _, text in _Linter(rulebook).texts():
        plain_text = _BRACKETS.sub(" ", text)
        n, sent, syl = _counts(plain_text)
        if not n:
            continue
        count += 1
        total[0] += n
        total[1] += sent
        total[2] += syl
        if n >= MIN_WORDS_FOR_LEVEL and too_hard(age := grade(n, sent, syl) + 5):
            over.append((age, text))
    over.sort(key=lambda item: -item[0])
    return ReadingLevel(count, total[0], total[1], total[2], tuple(over))


def readability_findings(text: str) -> list[str]:
    """Plain-language problems with one text, as messages (empty when it reads easily)."""
    found: list[str] = []
    for sentence in sentences(text):
        n = len(words(sentence))
        if n > MAX_SENTENCE_WORDS:
            found.append(
                f"a sentence of {n} words (keep sentences to {MAX_SENTENCE_WORDS} or fewer): "
                f"'{_clip(sentence)}'"
            )
    outside_brackets = _BRACKETS.sub(" ", text)
    long_words = sorted(
        {w for w in words(outside_brackets) if any(len(part) > MAX_WORD_LETTERS for part in w.split("-"))},
        key=str.lower,
    )
    if long_words:
        listed = ", ".join(f"'{w}'" for w in long_words)
        found.append(
            f"long word{'s' if len(long_words) > 1 else ''} {listed} (more than {MAX_WORD_LETTERS} "
            "letters): use a shorter word, or explain it in brackets after a plain one"
        )
    if len(words(outside_brackets)) >= MIN_WORDS_FOR_LEVEL:
        age = reading_age(text)
        if too_hard(age):
            found.append(
                f"hard to read: reading age {age:.1f} (Flesch-Kincaid grade {age - 5:.1f}); aim for "
                f"{MAX_READING_AGE:.0f} or below: use shorter sentences and shorter words"
            )
    return found


_NOT_A_RISK = re.compile(
    r"\b(?:against the law|prescription-only|(?:is|are) recorded on|registry|on the NHS|public health "
    r"services|valid choice|is offered|(?:is|are) (?:often |usually |sometimes )?available|can be dissolved|"
    r"can be made better|not a weight-loss treatment)\b",
    re.IGNORECASE,
)
"""Words that mark a 'risk' as something else: a benefit, a legal fact, or where the care is to be had."""
_FIGURE = re.compile(r"\b\d[\d,.]*\s*(?:%|percent|per cent|in (?:every )?\d[\d,]*|out of)", re.IGNORECASE)
"""A figure written in words ('12 percent', '1 in 20', '3 out of 100'): it belongs in 'chance:'."""


def _per_thousand(value: float) -> str:
    return f"{value * 10:g}"


_STUDY = re.compile(r"\b(stud(?:y|ies)|trials?|task force|survey)\b", re.IGNORECASE)
"""Words that say a caution quotes research: it should then name the research among its sources."""
_SCARS = re.compile(r"\b(?:can|may|will|leaves?|causes?|makes?)\s+(?:\w+\s+){0,2}scars?\b|\bscarring\b", re.I)
"""Words that say an option can leave a scar ('It can leave scars.', 'Deep peels may cause scarring.'), not
a mention of a scar it treats ('It cannot remove a scar')."""
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")


def unfinished(text: str) -> bool:
    """Whether a text that should be a sentence stops without a full stop, question mark or exclamation
    mark, as a text cut short does ("... once weight an")."""
    return not _ENDS_SENTENCE.search(text.rstrip())


def _tail(text: str, size: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[-size:].lstrip()


def is_home_page(url: str) -> bool:
    """A web address that names only a site, or its front page: 'https://baaps.org.uk/', '.../index.html'."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path.rstrip("/").lower()
    return not parts.query and path in (
        "",
        "/index.html",
        "/index.htm",
        "/index.php",
        "/home",
        "/en",
        "/en-gb",
    )


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 3].rstrip() + "..."
