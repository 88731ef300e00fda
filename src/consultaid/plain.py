"""The plain mode: the same wizard, line by line, for screen readers, braille displays and dumb terminals.

Each question is printed once with numbered options and answered by typing numbers; nothing is redrawn, the
cursor is never moved and no colour or other escape sequence is ever written (every text passes through
:func:`consultaid.safe.visible`, so even a rulebook's control characters are shown as escapes). It drives
the same wizard core (:mod:`consultaid.wizard`) as the terminal app and lays out the same results view
(:mod:`consultaid.view`) with the text renderer (:mod:`consultaid.report.text`): it decides nothing about
questions or results itself.

It reads standard input with ``readline`` (never the readline module, whose line editing writes escape
sequences such as bracketed-paste mode), so it works the same when typed at, driven by a screen reader, or
fed a script.

Chosen by itself when ``TERM=dumb`` or ``ACCESSIBLE`` is set (``--no-plain`` starts the terminal app anyway;
:func:`consultaid.mode.chosen_by_environment` decides, without importing this module). The imports of the
core are made where they are used.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .mode import chosen_by_environment  # noqa: F401 - where callers of the plain mode have found it
from .safe import shorten, visible

if TYPE_CHECKING:
    from .answers import Answers
    from .rulebook.model import Question
    from .view import ResultsView
    from .wizard import Wizard

#: The longest line read as an answer or a file name (a path is at most 4096 bytes on most systems).
MAX_LINE = 8192
#: How much of one over-long line is read past before the input is taken as not text at all.
MAX_SKIPPED = 16 * 2**20

#: No hard line breaks inside a paragraph: a screen reader, a braille display or the terminal wraps it.
WIDTH = 100_000

INTRO = (
    "ConsultAid: prepare for a consultation about cosmetic or plastic surgery. Plain mode: one line at a "
    "time, for screen readers and braille displays.",
    "Answer a few short questions. You will then see the options worth discussing at a consultation, the "
    "points to bear in mind, and why each one is shown.",
    "Not medical advice: it does not diagnose anything and never tells you to have a procedure.",
    "Private: nothing you enter is stored or sent anywhere unless you choose to save it.",
)

KEYS_START = (
    "To answer, type the number of an option and press Enter. Type ? and Enter for help at any question, "
    "b to go back, q to quit, i to read how this guide was made."
)

REFUSED = "That choice does not belong to this question, so it was not kept. Please choose again."


class _EndOfInput(Exception):
    """Standard input ended (Ctrl+D, or the end of a script)."""


class _Leave(Exception):
    def __init__(self, status: int = 0) -> None:
        super().__init__(status)
        self.status = status


def today() -> _dt.date:
    return _dt.date.today()


class PlainWizard:
    """One person's walk through the wizard, reading answers from ``stdin`` and writing to ``stdout``."""

    def __init__(
        self,
        wizard: Wizard,
        *,
        stdin: TextIO,
        stdout: TextIO,
        counsellor: bool = False,
        notice: str = "",
        saved: Path | None = None,
    ) -> None:
        self.wizard = wizard
        self.stdin = stdin
        self.stdout = stdout
        self.counsellor = counsellor
        self._notice = notice
        """Said before the next question: a resumed session's changes, dropped answers, a gap."""
        self._saved = (self._state(), saved) if saved is not None else None
        self._change_start: str | None = None
        """While changing an answer from the results: the question chosen (b there returns to them)."""
        """What was last saved, and where: leaving with nothing changed since asks nothing."""

    # -- reading and writing ---------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.stdout.write(visible(text) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """One line typed by the person, without the line break; raises _EndOfInput at the end of input.

        A line longer than :data:`MAX_LINE` is read past (never held whole: a stream of bytes with no line
        break would fill the memory) and asked again."""
        while True:
            self.stdout.write(visible(prompt))
            self.stdout.flush()
            line = self.stdin.readline(MAX_LINE + 1)
            if not line:
                self.stdout.write("\n")
                raise _EndOfInput
            if len(line) <= MAX_LINE or line.endswith("\n"):
                if not line.endswith("\n"):  # the last line of a script, with no line break: keep it tidy
                    self.stdout.write("\n")
                return line.strip()
            skipped = len(line)
            while line and not line.endswith("\n") and skipped <= MAX_SKIPPED:
                line = self.stdin.readline(64 * 1024)
                skipped += len(line)
            self.stdout.write("\n")
            self.say(f"That line was too long (over {MAX_LINE} characters), so it was not used.")
            if skipped > MAX_SKIPPED:  # /dev/zero, or a file that is not text: no answer will come
                self.say(f"The input is not lines of text (no line break in {MAX_SKIPPED // 2**20} MB).")
                raise _EndOfInput
            if not line:
                raise _EndOfInput
            self.say("Please type it again.")

    def _echo(self, typed: str) -> str:
        """What the person typed, safe and short enough to repeat back in a message."""
        return visible(shorten(typed, 40), one_line=True)

    # -- the whole walk --------------------------------------------------------------------------------------

    def run(self, start: str | None) -> int:
        """Ask from ``start`` (a question id; None for the results); return the exit status."""
        try:
            self._intro()
            where = start
            while True:
                where = self._results() if where is None else self._question(where)
        except _Leave as leave:
            return leave.status
        except _EndOfInput:
            self._input_ended()
            return 0
        except KeyboardInterrupt:
            self.say()
            self.say("Interrupted. " + self._unsaved_words())
            return 130
        except Exception as error:  # a fault in ConsultAid: a plain message and a chance to save, as the app
            return self._fault(error)

    def _fault(self, error: Exception) -> int:
        import traceback

        self.say()
        self.say("An unexpected error stopped the wizard. This is a fault in ConsultAid.")
        if self.wizard.answers and not self._all_saved():
            self.say("You can still save your answers, to carry on later.")
            try:
                self._save(None)
            except _EndOfInput:
                pass
            except Exception:  # the fault may be in saving itself: no second traceback here
                self.say("Saving did not work either.")
        self.say(self._unsaved_words())
        details = "".join(traceback.format_exception(error)).rstrip()
        sys.stderr.write(visible("consultaid: the details below help to fix it:\n" + details) + "\n")
        return 1

    def _intro(self) -> None:
        info = self.wizard.rulebook.info
        for line in INTRO:
            self.say(line)
        self.say(
            f"{self.wizard.count_words().capitalize()}. Content: {info.title} {info.version}, checked "
            f"{info.checked:%d %B %Y}, review due {info.review_due:%B %Y}. Made by {info.made_by} "
            f"Funded by {info.funded_by}"
        )
        self.say(KEYS_START)

    def _state(self) -> tuple[Answers, dict[str, object]]:
        """What a session file keeps: the answers, the knowledge check and the leaning."""
        return self.wizard.answers, self.wizard.reflection.to_document()

    def _all_saved(self) -> bool:
        return self._saved is not None and self._saved[0] == self._state()

    def _unsaved_words(self) -> str:
        if not self.wizard.answers:
            return "No answers had been given."
        if self._saved is not None and self._all_saved():
            return f"Your answers are saved in {self._saved[1]}."
        return (
            "Your answers were not saved. Next time, type s at any question or at the results to save them "
            "to a file (q, to quit, also offers to save first)."
        )

    def _input_ended(self) -> None:
        self.say("The input ended, so ConsultAid stopped. " + self._unsaved_words())

    # -- one question ----------------------------------------------------------------------------------------

    def _show_question(self, question: Question) -> None:
        number, total = self.wizard.position(question.id)
        self.say()
        if self._notice:
            self.say(self._notice)
            self._notice = ""
        self.say(f"Question {number} of {total}: {question.text}")
        if question.help:
            self.say(question.help)
        chosen = set(self.wizard.chosen(question.id))
        for index, option in enumerate(self.wizard.offered(question), start=1):
            self.say(f"  {index}. {option.label}{' (chosen)' if option.id in chosen else ''}")
        self.say(self._how_to_answer(question))

    def _how_to_answer(self, question: Question) -> str:
        if question.kind == "multiple":
            how = "Type the numbers of all that apply, separated by spaces or commas"
        else:
            how = "Type the number of your answer"
        if self.wizard.chosen(question.id):
            how += f", or press Enter to keep your answer ({self.wizard.describe_answer(question)})"
        elif not question.required:
            how += ", or press Enter to skip this question (it is optional)"
        how += "."
        if self.wizard.chosen(question.id) and not question.required:
            how += " 0 clears your answer."
        return how + " Type ? for help."

    def _question(self, question_id: str) -> str | None:
        """Ask one question until it is answered; return where to go next (None: the results)."""
        from .wizard import GAP_NOTICE, AnswerRefused, dropped_notice

        wizard = self.wizard
        question = wizard.rulebook.question(question_id)
        self._show_question(question)
        while True:
            typed = self.ask("Answer: ")
            command = typed.lower()
            if command in ("?", "h", "help"):
                self._question_help(question)
                continue
            if command in ("q", "quit", "exit"):
                self._quit(question_id)
                self._show_question(question)
                continue
            if command == "i":
                self._about()
                self._show_question(question)
                continue
            if command == "s":
                self._save(question_id)
                self._show_question(question)
                continue
            if command == "b":
                if wizard.changing and question_id == self._change_start:
                    return None  # back to the results, as Esc does in the app
                previous = wizard.before(question_id)
                if previous is None:
                    self.say("This is the first question: there is nothing before it.")
                    continue
                return previous.id
            if command == "r":
                if wizard.complete:
                    return None
                self.say(wizard.still_to_answer() or "")
                continue
            if command == "j" and self.counsellor:
                target = self._pick_question("Which question would you like to go to?")
                if target is not None:
                    return target
                self._show_question(question)
                continue
            if command == "":
                if wizard.chosen(question_id) or not question.required:
                    chosen = wizard.chosen(question_id)
                else:
                    self.say("This question needs an answer to go on.")
                    self._show_question(question)
                    continue
            else:
                picked = self._parse(question, typed)
                if picked is None:
                    self._show_question(question)
                    continue
                chosen = picked
            try:
                dropped = wizard.answer(question_id, chosen)
            except AnswerRefused:
                self.say(REFUSED)
                self._show_question(question)
                continue
            notice = dropped_notice(dropped)
            step = wizard.next_stop(question_id)
            if step.gap:
                notice = (notice + " " if notice else "") + GAP_NOTICE
            if step.question is None and notice:
                self.say(notice)
            else:
                self._notice = notice
            return step.question.id if step.question is not None else None

    def _parse(self, question: Question, typed: str) -> tuple[str, ...] | None:
        """The option ids a typed answer picks, or None after saying what is wrong with it."""
        offered = self.wizard.offered(question)
        words = [w for w in re.split(r"[\s,;]+", typed) if w]
        if words == ["0"]:
            if question.required:
                self.say("This question needs an answer: 0 clears only the answer to an optional question.")
                return None
            return ()
        numbers: list[int] = []
        for word in words:
            if not re.fullmatch(r"[0-9]{1,6}", word):
                self.say(
                    f"“{self._echo(word)}” is not a number. Type the number of an option, or ? for help."
                )
                return None
            number = int(word)
            if not 1 <= number <= len(offered):
                self.say(f"There is no option {number}: the options are numbered 1 to {len(offered)}.")
                return None
            if number not in numbers:
                numbers.append(number)
        if question.kind == "single" and len(numbers) > 1:
            self.say("This question takes one answer: type one number.")
            return None
        return tuple(offered[n - 1].id for n in numbers)

    def _question_help(self, question: Question) -> None:
        self.say("Help.")
        if question.help:
            self.say(f"About this question: {question.help}")
        for index, option in enumerate(self.wizard.offered(question), start=1):
            if option.help:
                self.say(f"  {index}. {option.label}: {option.help}")
        self.say(
            "Keys: type the number of an option and press Enter. Where several answers are allowed, type "
            "their numbers separated by spaces or commas, for example 1 3 or 1, 3. Enter alone keeps your "
            "answer, or skips an optional question; 0 clears the answer to an optional question. b goes "
            "back to the question before. r shows the results once every question is answered. s saves "
            "your answers to a file, to carry on later. q quits (offering to save first). i tells how this "
            "guide was made. ? shows this help." + (" j goes to any question." if self.counsellor else "")
        )

    def _pick_question(self, title: str) -> str | None:
        """A question chosen from those asked, with the answer given so far (None: go back)."""
        asked = self.wizard.asked()
        self.say()
        self.say(title)
        for number, question in enumerate(asked, start=1):
            self.say(f"  {number}. {question.text} Your answer: {self.wizard.describe_answer(question)}")
        self.say("Type its number, or press Enter to go back.")
        while True:
            typed = self.ask("Question: ")
            if typed == "" or typed.lower() == "b":
                return None
            if re.fullmatch(r"[0-9]{1,6}", typed) and 1 <= int(typed) <= len(asked):
                return asked[int(typed) - 1].id
            self.say(f"Type a number from 1 to {len(asked)}, or press Enter to go back.")

    # -- the results -----------------------------------------------------------------------------------------

    def _view(self) -> ResultsView:
        from .engine import evaluate
        from .view import build_view

        wizard = self.wizard
        result = evaluate(wizard.rulebook, wizard.answers)
        return build_view(wizard.rulebook, wizard.answers, result, wizard.reflection)

    def _results(self) -> str | None:
        """Show the results (critical points first, then the overview) and answer requests for details;
        return a question to change (None is never returned: leaving ends the walk)."""
        from .report.text import caution_text

        self.wizard.end_change()
        self._change_start = None
        view = self._view()
        self.say()
        if self._notice:
            self.say(self._notice)
            self._notice = ""
        self.say("Your summary to take to a consultation.")
        if self.wizard.leaning_cleared:
            self.say(
                f"Your leaning towards {self.wizard.leaning_cleared} was cleared: with your changed answers, "
                "it is no longer among the options shown. Type l to choose again."
            )
            self.wizard.leaning_cleared = None  # told once, here
        if view.critical:
            count = len(view.critical)
            self.say(f"Critical: {count} point{'s' if count != 1 else ''} to read first.")
            for caution in view.critical:
                self.say(caution_text(caution, show_rules=self.counsellor, width=WIDTH).rstrip())
        menu = self._menu(view)
        self._show_menu(view, menu)
        while True:
            typed = self.ask("Results: ")
            command = typed.lower()
            if re.fullmatch(r"[0-9]{1,6}", command):
                number = int(command)
                if 1 <= number <= len(menu):
                    self.say()
                    self.say(menu[number - 1][1](view).rstrip())
                    self.say("(Type another number, m to list the results again, or ? for help.)")
                else:
                    self.say(f"There is no item {number}: the items are numbered 1 to {len(menu)}.")
                continue
            if command == "a":
                from .report.text import details_text

                self.say()
                self.say(details_text(view, counsellor=self.counsellor, width=WIDTH).rstrip())
                self.say(view.notice)
                continue
            if command in ("m", ""):
                self._show_menu(view, menu)
                continue
            if command == "c":
                target = self._pick_question("Which answer would you like to change?")
                if target is not None:
                    self.wizard.begin_change()  # after it, only what the change makes newly needed
                    self._change_start = target
                    self._notice = (
                        "After this answer you come back to the results, unless the change needs "
                        "another answer first."
                    )
                    return target
                self._show_menu(view, menu)
                continue
            if command == "b":
                return self.wizard.asked()[-1].id
            if command == "r":
                if self._readiness():
                    view = self._view()
                    menu = self._menu(view)
                    from .report.text import readiness_text

                    self.say(readiness_text(view, width=WIDTH).rstrip())
                continue
            if command == "k":
                if self._knowledge(view):
                    view = self._view()
                    menu = self._menu(view)
                    from .report.text import knowledge_text

                    self.say(knowledge_text(view, width=WIDTH).rstrip())
                continue
            if command == "l":
                if self._leaning(view):
                    view = self._view()
                    menu = self._menu(view)
                    from .report.text import leaning_text

                    self.say(leaning_text(view, width=WIDTH).rstrip())
                continue
            if command == "e":
                self._export()
                continue
            if command == "w":
                from .report.text import words_text

                self.say()
                if view.words:
                    self.say(words_text(view.words, width=WIDTH).rstrip())
                else:
                    self.say("Your results use no words from this guide's list of harder words.")
                continue
            if command == "i":
                self._about()
                continue
            if command == "s":
                self._save(None)
                continue
            if command in ("q", "quit", "exit"):
                self._quit(None)
                continue
            if command in ("?", "h", "help"):
                self._results_help()
                continue
            self.say(f"“{self._echo(typed)}” is not one of the choices here. Type ? for help.")

    def _menu(self, view: ResultsView) -> list[tuple[str, _Detail]]:
        """The numbered items of the results: each option and caution, then the other sections."""
        from .report import text
        from .view import CautionView

        counsellor = self.counsellor
        menu: list[tuple[str, _Detail]] = []
        for line, item in view.overview_items():
            if isinstance(item, CautionView):
                menu.append((line, _fixed(text.caution_text(item, show_rules=counsellor, width=WIDTH))))
            else:
                menu.append((line, _fixed(text.option_text(item, show_rules=counsellor, width=WIDTH))))
        if view.grid is not None and not view.nothing_matched:
            grid = view.grid
            menu.append(
                (
                    f"Compare the options side by side ({len(grid.columns)} options)",
                    _fixed(text.grid_text(grid, width=WIDTH)),
                )
            )
        if view.left_out:
            from .words import LEFT_OUT

            menu.append((LEFT_OUT, lambda v: text.left_out_text(v, width=WIDTH)))
        if view.not_answered:
            from .words import NOT_ANSWERED

            def not_answered(v: ResultsView) -> str:
                return f"{NOT_ANSWERED}:\n" + "\n".join(f"  * {q}" for q in v.not_answered)

            menu.append((NOT_ANSWERED, not_answered))
        menu.append(("Questions to ask at the consultation", lambda v: text.questions_text(v, width=WIDTH)))
        if view.readiness:
            menu.append(
                ("Are you ready to decide? (type r to answer)", lambda v: text.readiness_text(v, width=WIDTH))
            )
        if view.knowledge and not view.nothing_matched:
            from .words import KNOWLEDGE_TITLE

            menu.append(
                (f"{KNOWLEDGE_TITLE} (type k to try it)", lambda v: text.knowledge_text(v, width=WIDTH))
            )
        if not view.nothing_matched:
            from .words import LEANING_QUESTION

            menu.append((f"{LEANING_QUESTION} (type l to say)", lambda v: text.leaning_text(v, width=WIDTH)))
        if view.words:
            from .words import WORDS_USED

            menu.append(
                (
                    f"{WORDS_USED}: {len(view.words)} explained (type w)",
                    lambda v: text.words_text(v.words, width=WIDTH),
                )
            )
        if view.about is not None:
            from .words import HOW_MADE_TITLE

            about = view.about
            menu.append((f"{HOW_MADE_TITLE} (type i)", _fixed(text.about_text(about, width=WIDTH))))
        if counsellor:
            menu.append(
                ("Handover: which answers raised which points", lambda v: text.handover_text(v, width=WIDTH))
            )
        return menu

    def _show_menu(self, view: ResultsView, menu: list[tuple[str, _Detail]]) -> None:
        from .words import NOTHING_MATCHED

        self.say()
        self.say("At a glance (type a number for the details):")
        for number, (line, _) in enumerate(menu, start=1):
            self.say(f"  {number}. {line}")
        if view.nothing_matched:
            self.say(NOTHING_MATCHED)
        self.say(self._results_keys())

    def _results_keys(self) -> str:
        readiness = " r for the readiness check," if self.wizard.rulebook.readiness_questions else ""
        return (
            "Type a number for its details, a for all the details, c to change an answer,"
            f"{readiness} k to check what you know, l to say which way you lean, w for the words explained, "
            "i for how this guide was made, e to export a summary, s to save your session, q to quit, "
            "? for help."
        )

    def _results_help(self) -> None:
        self.say("Help.")
        self.say(
            "The results list the options worth discussing at a consultation, waiting or no procedure "
            "beside them, and the points to bear in mind, critical points first. Nothing is ranked."
        )
        self.say(self._results_keys() + " m lists the results again; b goes back to the last question.")

    def _about(self) -> None:
        """How this guide was made, as every summary says it."""
        from .report.text import about_text
        from .view import about_view

        self.say()
        self.say(about_text(about_view(self.wizard.rulebook), width=WIDTH).rstrip())

    def _readiness(self) -> bool:
        """The readiness check, one question at a time; True when any answer changed."""
        questions = list(self.wizard.rulebook.readiness_questions)
        if not questions:
            self.say("This rulebook has no readiness check.")
            return False
        changed = False
        self.say()
        self.say(
            f"Are you ready to decide? {len(questions)} short questions. Enter keeps an answer or skips the "
            "question; b goes back to the results (the answers given so far are kept)."
        )
        for index, question in enumerate(questions, start=1):
            self.say()
            self.say(f"Question {index} of {len(questions)}: {question.text}")
            if question.help:
                self.say(question.help)
            chosen = self.wizard.chosen(question.id)
            for number, option in enumerate(question.options, start=1):
                self.say(f"  {number}. {option.label}{' (chosen)' if option.id in chosen else ''}")
            while True:
                typed = self.ask("Answer: ")
                if typed == "":
                    break
                if typed.lower() == "b":
                    return changed
                if typed.lower() in ("q", "quit", "exit"):
                    self._quit(None)
                    continue
                if re.fullmatch(r"[0-9]{1,6}", typed) and 1 <= int(typed) <= len(question.options):
                    picked = (question.options[int(typed) - 1].id,)
                    if picked != chosen:
                        self.wizard.answer(question.id, picked)
                        changed = True
                    break
                self.say(
                    f"Type a number from 1 to {len(question.options)}, Enter to go on, or b to go back to "
                    "the results."
                )
        return changed

    def _knowledge(self, view: ResultsView) -> bool:
        """The knowledge check, one statement at a time, each answer explained; True when any was answered."""
        from .words import KNOWLEDGE_TITLE

        items = view.knowledge
        if not items or view.nothing_matched:
            self.say("There is nothing to check here: no option is shown.")
            return False
        answers = (("true", "True"), ("false", "False"), ("unsure", "Not sure"))
        answered = False
        self.say()
        self.say(
            f"{KNOWLEDGE_TITLE}: {len(items)} true-or-false statements about the options shown (optional). "
            "Enter skips a statement; b goes back to the results (the answers given so far are kept)."
        )
        for index, item in enumerate(items, start=1):
            self.say()
            self.say(f"Statement {index} of {len(items)}, about {item.option}. True or false?")
            self.say(item.says)
            given = self.wizard.reflection.knowledge.get(item.key)
            for number, (key, label) in enumerate(answers, start=1):
                self.say(f"  {number}. {label}{' (chosen)' if key == given else ''}")
            while True:
                typed = self.ask("Answer: ").lower()
                if typed == "":
                    break
                if typed == "b":
                    return answered
                if typed in ("q", "quit", "exit"):
                    self._quit(None)
                    continue
                if typed in ("1", "2", "3"):
                    key = answers[int(typed) - 1][0]
                    self.wizard.know(item.key, key)
                    answered = True
                    right = key == ("true" if item.answer else "false")
                    verdict = "Right" if right else ("Not sure is fine" if key == "unsure" else "Not quite")
                    self.say(f"{verdict}: it is {item.truth.lower()}. {item.explain}")
                    if not right:
                        self.say("Your summary lists it among the facts to go over again.")
                    break
                self.say("Type 1 for true, 2 for false, 3 for not sure, Enter to skip, or b to go back.")
        return answered

    def _leaning(self, view: ResultsView) -> bool:
        """Which way the person is leaning (optional, changes nothing in the results); True when changed."""
        from .words import LEANING_QUESTION

        if view.nothing_matched or not view.leaning_choices:
            self.say("There is nothing to lean towards here: no option is shown.")
            return False
        choices = view.leaning_choices
        self.say()
        self.say(LEANING_QUESTION)
        self.say(
            "Optional. Your summary records it, so the consultation can start from there. It changes nothing "
            "in the results, and you can change it at any time."
        )
        for number, (key, label) in enumerate(choices, start=1):
            self.say(f"  {number}. {label}{' (chosen)' if key == view.leaning else ''}")
        self.say("Type its number, or press Enter to go back to the results without changing it.")
        while True:
            typed = self.ask("Answer: ").lower()
            if typed in ("", "b"):
                return False
            if re.fullmatch(r"[0-9]{1,6}", typed) and 1 <= int(typed) <= len(choices):
                key = choices[int(typed) - 1][0]
                if key == view.leaning:
                    return False
                self.wizard.lean(key)
                return True
            self.say(f"Type a number from 1 to {len(choices)}, or press Enter to go back.")

    # -- saving, exporting and leaving (only ever when asked) ------------------------------------------------

    def _write(self, default: str, text: str) -> Path | None:
        """Ask for a file name and write ``text`` there (owner-only, atomic, never over a file unasked)."""
        from .files import FileExists, expand, write_private

        self.say(f"File name: press Enter for {default}, or type another name; b to go back without writing.")
        while True:
            typed = self.ask("File name: ")
            if typed.lower() == "b":
                self.say("Nothing was written.")
                return None
            name = typed or default
            try:
                path = expand(name)
                written = write_private(path, text)
            except FileExists:
                answer = self.ask(
                    f"{self._echo(name)} already exists. Replace it? Type y to replace it, n to keep it: "
                )
                if answer.lower() in ("y", "yes"):
                    try:
                        return write_private(path, text, overwrite=True)
                    except OSError as exc:
                        self.say(f"Could not write {self._echo(name)}: {exc.strerror or exc}")
                self.say("Type another file name, or b to go back without writing.")
                continue
            except OSError as exc:
                self.say(
                    f"Could not write {self._echo(name)}: {exc.strerror or exc}. Type another name, or b."
                )
                continue
            return written

    def _save(self, position: str | None) -> bool:
        from .session import session_text

        wizard = self.wizard
        if not wizard.answers:
            self.say("There is nothing to save yet: no question has been answered.")
            return False
        self.say(
            "Save your session: your answers so far go to a file readable by you only. It holds health "
            "information: keep it somewhere private."
        )
        text = session_text(wizard.rulebook, wizard.answers, position=position, reflection=wizard.reflection)
        written = self._write(f"consultaid-session-{today():%Y-%m-%d}.json", text)
        if written is None:
            return False
        self._saved = (self._state(), written)
        self.say(
            f"Saved {written.resolve()}. Only you can read it. Carry on later with: "
            f"consultaid --plain --resume {written}"
        )
        return True

    def _export(self) -> None:
        from .report import FORMAT_LABELS, SUFFIXES, render
        from .report.summary import Summary

        formats = list(FORMAT_LABELS)
        self.say("Export a summary to take along. Choose a format:")
        for number, fmt in enumerate(formats, start=1):
            self.say(f"  {number}. {FORMAT_LABELS[fmt]}")
        self.say("Type its number (Enter for 1), or b to go back.")
        while True:
            typed = self.ask("Format: ")
            if typed.lower() == "b":
                return
            if typed == "":
                typed = "1"
            if re.fullmatch(r"[0-9]{1,6}", typed) and 1 <= int(typed) <= len(formats):
                fmt = formats[int(typed) - 1]
                break
            self.say(f"Type a number from 1 to {len(formats)}, or b to go back.")
        wizard = self.wizard
        summary = Summary.build(
            wizard.rulebook, wizard.answers, counsellor=self.counsellor, reflection=wizard.reflection
        )
        written = self._write(f"consultaid-summary-{today():%Y-%m-%d}{SUFFIXES[fmt]}", render(summary, fmt))
        if written is not None:
            self.say(f"Exported {written.resolve()}. Only you can read it.")

    def _quit(self, position: str | None) -> None:
        """Leave (raising _Leave), asking first when there are answers not saved; returns if the person
        stays."""
        wizard = self.wizard
        if not wizard.answers or self._all_saved():
            self.say("Goodbye. " + self._unsaved_words())
            raise _Leave(0)
        self.say(
            "Leave ConsultAid? Your answers are not saved anywhere unless you save them. If you leave now, "
            "unsaved answers are gone."
        )
        while True:
            typed = self.ask("Type s to save first, l to leave without saving, or Enter to stay: ").lower()
            if typed == "":
                self.say("You are still here. Carry on where you were.")
                return
            if typed == "l" or typed in ("leave", "y", "yes", "q"):
                self.say("Goodbye. Your answers were not saved.")
                raise _Leave(0)
            if typed == "s":
                if self._save(position):
                    self.say("Goodbye.")
                    raise _Leave(0)
                return
            self.say("Type s, l, or press Enter.")


if TYPE_CHECKING:
    from collections.abc import Callable

    _Detail = Callable[[ResultsView], str]


def _fixed(words: str) -> _Detail:
    """A detail whose words do not depend on the view (an option or a caution, made once)."""
    return lambda view: words


def run_plain(
    wizard: Wizard,
    *,
    start: str | None,
    counsellor: bool = False,
    notice: str = "",
    saved: Path | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Walk through the wizard on standard input and output from ``start`` (None: the results)."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    for stream in (stdin, stdout):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # bytes that are not text are shown, never a traceback
            reconfigure(errors="replace")
    return PlainWizard(
        wizard, stdin=stdin, stdout=stdout, counsellor=counsellor, notice=notice, saved=saved
    ).run(start)
