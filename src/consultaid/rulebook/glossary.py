"""Finding the glossary's words in a text: the one place that decides which words a text uses.

The results view asks it which terms its texts use (so every front end explains the same words), each summary
asks it which terms its own text uses, and the lint asks it which terms no text uses. A term is matched as a
whole word (also inside a joined word: "non-ablative" uses "ablative"), in any case, with an -s, -es or -ies
plural; a term written in capitals (an abbreviation such as GMC) is matched only in capitals, so that an
ordinary word never passes for one. Where two terms overlap, the longer wins ("general anaesthetic" before
"anaesthetic").

A text is split into words once and each word looked up in an index, and what each text uses is remembered
(the rulebook's texts come back in every results view), so a results view's words are found in a few
milliseconds the first time and at once after that, however long the glossary grows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .model import GlossaryEntry

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z]+)*")
"""A word of a text or a term: letters and digits, with an apostrophe inside ("Dupuytren's"); a hyphen or a
space separates words."""


_MEMORY = 50_000
"""How many texts' findings are kept (far more than a rulebook has; a bound all the same)."""


def _is_abbreviation(form: str) -> bool:
    """'GMC', 'BIA-ALCL': written in capitals (with at least one letter)."""
    return any(c.isalpha() for c in form) and form == form.upper()


def _singulars(word: str) -> tuple[str, ...]:
    """The word itself, then what it may be the plural of: 'rhinoplasties' -> rhinoplasty; 'GPs' -> GP."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 2:
        out.append(word[:-1])
    return tuple(out)


class Glossary:
    """The rulebook's glossary, sorted by term, indexed by each form's first word."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries: tuple[GlossaryEntry, ...] = tuple(sorted(entries, key=lambda e: e.term.lower()))
        # first word (as compared) -> [(the form's words as compared, abbreviation?, entry)], longest first
        self._index: dict[str, list[tuple[tuple[str, ...], bool, GlossaryEntry]]] = {}
        seen: set[tuple[tuple[str, ...], bool]] = set()
        for entry in self.entries:
            for form in (entry.term, *entry.also):
                capitals = _is_abbreviation(form)
                words = tuple(
                    w.replace("’", "'") if capitals else w.replace("’", "'").lower()
                    for w in _WORD.findall(form)
                )
                if not words or (words, capitals) in seen:
                    continue
                seen.add((words, capitals))
                self._index.setdefault(words[0], []).append((words, capitals, entry))
        for forms in self._index.values():
            forms.sort(key=lambda item: -len(item[0]))
        self._used: dict[str, frozenset[int]] = {}
        """The entries (by id) each text uses, for texts seen before: a rulebook's texts come back in
        every results view, so each is searched once."""

    def __bool__(self) -> bool:
        return bool(self.entries)

    def matches(self, text: str) -> list[tuple[int, int, GlossaryEntry]]:
        """(start, end, entry) for each glossary word in the text, in order (for marking the words)."""
        if not self._index:
            return []
        spans = [m.span() for m in _WORD.finditer(text)]
        words = [text[a:b].replace("’", "'") for a, b in spans]
        lowers = [w.lower() for w in words]
        found: list[tuple[int, int, GlossaryEntry]] = []
        i = 0
        while i < len(words):
            length, entry = self._match_at(words, lowers, i)
            if entry is None:
                i += 1
                continue
            found.append((spans[i][0], spans[i + length - 1][1], entry))
            i += length
        return found

    def _match_at(self, words: list[str], lowers: list[str], i: int) -> tuple[int, GlossaryEntry | None]:
        """The longest form that starts at word i: (how many words, its entry), or (0, None)."""
        word, lower = words[i], lowers[i]
        keys: tuple[str, ...] = (word, lower)
        if lower.endswith("s"):  # perhaps a plural of a one-word term
            keys += _singulars(lower)[1:] + _singulars(word)[1:]
        for key in keys:
            for form, capitals, entry in self._index.get(key, ()):
                n = len(form)
                if i + n <= len(words) and all(
                    self._same(words[i + k], lowers[i + k], form[k], capitals, last=k == n - 1)
                    for k in range(n)
                ):
                    return n, entry
        return 0, None

    @staticmethod
    def _same(word: str, lower: str, form_word: str, capitals: bool, *, last: bool) -> bool:
        """Whether a word of the text is this word of a form (the last word of a form may be a plural)."""
        said = word if capitals else lower
        return said == form_word or (last and form_word in _singulars(said))

    def used_in(self, texts: Iterable[str]) -> tuple[GlossaryEntry, ...]:
        """The entries whose words some of the texts use, in the glossary's order (by term)."""
        used: set[int] = set()
        for text in texts:
            found = self._used.get(text)
            if found is None:
                found = frozenset(id(entry) for _, _, entry in self.matches(text))
                if len(self._used) >= _MEMORY:
                    self._used.clear()
                self._used[text] = found
            used |= found
        return tuple(entry for entry in self.entries if id(entry) in used)
