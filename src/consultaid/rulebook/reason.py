"""Exact reasoning about what answers are possible: can this condition ever hold for someone who answers validly?

The lint (and anything else that must not guess) asks questions such as "can rule X ever fire?" or "is procedure
P ever suggested?". Sampling answers could miss the one person for whom a rule fires, so instead every question
is turned into a satisfiability problem over boolean variables ``x(question, option)`` ("this option is among
the answers") and decided by a small search, exactly.

What "valid answers" means is what :meth:`consultaid.Answers.validate` accepts:

* a question is asked exactly when its ``when`` holds (questions without one always are);
* an option can be chosen only when its question is asked and its own ``when`` holds;
* a single-choice question has at most one option chosen, and an asked, required question has at least one.

Conditions and these constraints are built into one shared, hash-consed circuit of AND, OR, NOT and
"at most one" nodes (so a condition written twice, or with its lists in another order, is the same node). A query
takes the condition plus the constraints of only the questions it touches and those they depend on: any other
question can always be completed afterwards, because it was checked to be completable for every valid answer to
the questions before it (see :attr:`Reasoner.stuck_questions`; those that are not are added to every query).

The search is DPLL-style: three-valued (true / false / unknown) evaluation kept up to date incrementally with
counters as variables are assigned, branching only on variables of a still-undecided part, and backtracking on
the first part that becomes false. Results are memoised per circuit node, so duplicate conditions cost nothing.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from .book import Rulebook
from .conditions import looks_at_outcome
from .model import AllOf, Always, AnswerTest, AnyOf, LeftOut, Not, NothingSuggested, Procedure, Suggested

# Node kinds of the circuit.
VAR, AND, OR, NOT, AMO, TRUE, FALSE = range(7)

Witness = dict[tuple[str, str], bool]


class Circuit:
    """A hash-consed DAG of boolean nodes; node ids are small integers, constants are nodes 0 and 1."""

    def __init__(self) -> None:
        self.kind: list[int] = [FALSE, TRUE]
        self.children: list[tuple[int, ...]] = [(), ()]
        self.label: list[tuple[str, str] | None] = [None, None]
        self._cons: dict[tuple[int, tuple[int, ...]], int] = {}
        self._vars: dict[tuple[str, str], int] = {}

    FALSE_NODE = 0
    TRUE_NODE = 1

    def _make(self, kind: int, children: tuple[int, ...], label: tuple[str, str] | None = None) -> int:
        key = (kind, children)
        if label is None:
            found = self._cons.get(key)
            if found is not None:
                return found
        node = len(self.kind)
        self.kind.append(kind)
        self.children.append(children)
        self.label.append(label)
        if label is None:
            self._cons[key] = node
        return node

    def var(self, question: str, option: str) -> int:
        """The variable "``option`` is among the answers to ``question``"."""
        key = (question, option)
        node = self._vars.get(key)
        if node is None:
            node = self._make(VAR, (), key)
            self._vars[key] = node
        return node

    def and_(self, parts: Iterable[int]) -> int:
        return self._junction(AND, parts)

    def or_(self, parts: Iterable[int]) -> int:
        return self._junction(OR, parts)

    def _junction(self, kind: int, parts: Iterable[int]) -> int:
        unit, zero = (self.TRUE_NODE, self.FALSE_NODE) if kind == AND else (self.FALSE_NODE, self.TRUE_NODE)
        flat: set[int] = set()
        for part in parts:
            if part == zero:
                return zero
            if part == unit:
                continue
            if self.kind[part] == kind:
                flat.update(self.children[part])
            else:
                flat.add(part)
        if not flat:
            return unit
        if len(flat) == 1:
            return next(iter(flat))
        for part in flat:  # x and not x
            if self.kind[part] == NOT and self.children[part][0] in flat:
                return zero
        return self._make(kind, tuple(sorted(flat)))

    def not_(self, part: int) -> int:
        if part == self.TRUE_NODE:
            return self.FALSE_NODE
        if part == self.FALSE_NODE:
            return self.TRUE_NODE
        if self.kind[part] == NOT:
            return self.children[part][0]
        return self._make(NOT, (part,))

    def at_most_one(self, parts: Iterable[int]) -> int:
        kids = tuple(sorted(set(parts)))
        if len(kids) <= 1:
            return self.TRUE_NODE
        return self._make(AMO, kids)

    def questions_of(self, node: int) -> set[str]:
        """The questions whose variables appear under ``node``."""
        seen: set[int] = set()
        out: set[str] = set()
        stack = [node]
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            label = self.label[n]
            if label is not None:
                out.add(label[0])
            stack.extend(self.children[n])
        return out


def solve(circuit: Circuit, roots: Sequence[int]) -> Witness | None:
    """An assignment making every root true (only the variables that mattered), or None when there is none."""
    roots = list(dict.fromkeys(roots))
    if circuit.FALSE_NODE in roots:
        return None
    roots = [r for r in roots if r != circuit.TRUE_NODE]
    if not roots:
        return {}
    # Local copy of the part of the circuit the roots reach; the top node (index 0) is the AND of the roots.
    local: dict[int, int] = {}
    gids: list[int] = [-1]
    stack = list(roots)
    while stack:
        g = stack.pop()
        if g in local:
            continue
        local[g] = len(gids)
        gids.append(g)
        stack.extend(circuit.children[g])
    size = len(gids)
    ckind = circuit.kind
    cchildren = circuit.children
    kind = [AND] + [ckind[g] for g in gids[1:]]
    children: list[list[int]] = [[local[r] for r in roots]] + [[local[c] for c in cchildren[g]] for g in gids[1:]]
    width = [len(c) for c in children]
    parents: list[list[int]] = [[] for _ in range(size)]
    for n in range(size):
        for c in children[n]:
            parents[c].append(n)
    value: list[bool | None] = [None] * size
    ntrue = [0] * size
    nfalse = [0] * size
    trail: list[int] = []  # n >= 0: value of n was set; -1-2p: ntrue[p] += 1; -2-2p: nfalse[p] += 1

    def assign(node: int, truth: bool) -> bool:
        value[node] = truth
        trail.append(node)
        todo = [node]
        while todo:
            n = todo.pop()
            b = value[n]
            if n == 0:
                return bool(b)
            for p in parents[n]:
                if b:
                    ntrue[p] += 1
                    trail.append(-1 - 2 * p)
                else:
                    nfalse[p] += 1
                    trail.append(-2 - 2 * p)
                if value[p] is not None:
                    continue
                k = kind[p]
                if k == AND:
                    new = False if nfalse[p] else (True if ntrue[p] == width[p] else None)
                elif k == OR:
                    new = True if ntrue[p] else (False if nfalse[p] == width[p] else None)
                elif k == NOT:
                    new = not b
                else:  # AMO
                    new = False if ntrue[p] >= 2 else (True if nfalse[p] >= width[p] - 1 else None)
                if new is not None:
                    value[p] = new
                    trail.append(p)
                    todo.append(p)
        return True

    def undo(mark: int) -> None:
        while len(trail) > mark:
            t = trail.pop()
            if t >= 0:
                value[t] = None
            elif t % 2:  # -1 - 2p
                ntrue[(-1 - t) // 2] -= 1
            else:
                nfalse[(-2 - t) // 2] -= 1

    def pick() -> tuple[int, bool]:
        n, want = 0, True
        while kind[n] != VAR:
            k = kind[n]
            if k == NOT:
                want = not want
            elif k == AMO:
                want = not want  # to keep "at most one" true, prefer leaving options out
            undecided = [c for c in children[n] if value[c] is None]
            # Prefer a part that leaves an option out: the example answers found stay short and readable.
            n = next((c for c in undecided if kind[c] == NOT), undecided[0])
        return n, want

    def search() -> bool:
        if value[0] is True:
            return True
        var, want = pick()
        for truth in (want, not want):
            mark = len(trail)
            if assign(var, truth) and search():
                return True
            undo(mark)
        return False

    if not search():
        return None
    return {circuit.label[gids[n]]: bool(value[n]) for n in range(1, size)  # type: ignore[misc]
            if kind[n] == VAR and value[n] is not None}


class Reasoner:
    """Answers "can this ever hold?" questions about one rulebook, exactly, with memoised results."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.book = rulebook
        self.c = Circuit()
        self._nodes: dict[int, int] = {}  # id(condition model) -> node
        self._keep: list[object] = []  # keep conditions alive so their ids stay unique
        self._memo: dict[tuple[int, ...], Witness | None] = {}
        self.order = {q.id: i for i, q in enumerate(rulebook.questions)}
        self.asked: dict[str, int] = {}
        self.offered: dict[tuple[str, str], int] = {}
        self.constraints: dict[str, list[int]] = {}
        self.depends: dict[str, frozenset[str]] = {}
        for question in rulebook.questions:
            self._add_question(question)
        self.stuck_questions: dict[str, Witness] = {}
        """Required questions that some valid earlier answers leave with no option to choose, with an example."""
        self._always_included: frozenset[str] = frozenset()
        for question in rulebook.questions:
            witness = self._can_be_stuck(question.id)
            if witness is not None:
                self.stuck_questions[question.id] = witness
                self._always_included |= self.depends[question.id] | {question.id}
        self._memo.clear()  # answers found before every stuck question was known may have ignored one
        self._stage_one_by_procedure: dict[str, list[int]] = {}
        self._kept: dict[str, int] = {}
        self._left: dict[str, int] = {}

    # -- building ----------------------------------------------------------------------------------------------

    def node(self, cond: object) -> int:
        """The circuit node of a condition; conditions on the suggestions are expanded into conditions on answers."""
        key = id(cond)
        found = self._nodes.get(key)
        if found is not None:
            return found
        c = self.c
        if isinstance(cond, AnswerTest):
            node = c.or_(c.var(cond.question, o) for o in cond.options)
        elif isinstance(cond, AllOf):
            node = c.and_(self.node(x) for x in cond.all)
        elif isinstance(cond, AnyOf):
            node = c.or_(self.node(x) for x in cond.any)
        elif isinstance(cond, Not):
            node = c.not_(self.node(cond.not_))
        elif isinstance(cond, Always):
            node = c.TRUE_NODE
        elif isinstance(cond, Suggested):
            node = c.or_(self.kept(p.id) for p in self.book.procedures.values() if cond.suggested.matches(p))
        elif isinstance(cond, LeftOut):
            node = c.or_(self.left_out(p.id) for p in self.book.procedures.values() if cond.left_out.matches(p))
        elif isinstance(cond, NothingSuggested):
            node = c.not_(c.or_(self.kept(p) for p in self.book.procedures))
        else:  # pragma: no cover - the models admit nothing else
            raise TypeError(f"not a condition: {cond!r}")
        self._nodes[key] = node
        self._keep.append(cond)
        return node

    def _add_question(self, question: object) -> None:
        from .model import Question

        assert isinstance(question, Question)
        c = self.c
        asked = self.node(question.when) if question.when is not None else c.TRUE_NODE
        self.asked[question.id] = asked
        chosen: list[int] = []
        constraints: list[int] = []
        deps: set[str] = c.questions_of(asked)
        for option in question.options:
            when = self.node(option.when) if option.when is not None else c.TRUE_NODE
            deps |= c.questions_of(when)
            offered = c.and_((asked, when))
            self.offered[(question.id, option.id)] = offered
            x = c.var(question.id, option.id)
            chosen.append(x)
            constraints.append(c.or_((c.not_(x), offered)))
        if question.required:
            constraints.append(c.or_((c.not_(asked), c.or_(chosen))))
        if question.kind == "single":
            constraints.append(c.at_most_one(chosen))
        self.constraints[question.id] = [n for n in constraints if n != c.TRUE_NODE]
        closed = set(deps)
        for dep in deps:
            closed |= self.depends.get(dep, frozenset())
        self.depends[question.id] = frozenset(closed)

    def _can_be_stuck(self, qid: str) -> Witness | None:
        question = self.book.question(qid)
        if not question.required:
            return None
        c = self.c
        nothing_offered = c.and_(c.not_(self.offered[(qid, o.id)]) for o in question.options)
        return self.witness(c.and_((self.asked[qid], nothing_offered)))

    def suggesting(self, pid: str) -> int:
        """Some rule that looks only at the answers and suggests ``pid`` fires (before exclusions)."""
        return self.c.or_(self.node(r.when) for r in self.book.rules
                          if pid in r.suggest and not looks_at_outcome(r.when))

    def excluding(self, procedure: Procedure) -> int:
        return self.c.or_(self.node(e.when) for e in self.book.exclusions if e.exclude.matches(procedure))

    def kept(self, pid: str) -> int:
        """``pid`` ends up among the suggestions: suggested by a rule and kept out by no exclusion."""
        node = self._kept.get(pid)
        if node is None:
            c = self.c
            node = c.and_((self.suggesting(pid), c.not_(self.excluding(self.book.procedures[pid]))))
            self._kept[pid] = node
        return node

    def left_out(self, pid: str) -> int:
        node = self._left.get(pid)
        if node is None:
            c = self.c
            node = c.and_((self.suggesting(pid), self.excluding(self.book.procedures[pid])))
            self._left[pid] = node
        return node

    def only(self, qid: str, options: Iterable[str]) -> int:
        """The answer to ``qid`` is exactly these options."""
        wanted = set(options)
        c = self.c
        return c.and_(c.var(qid, o.id) if o.id in wanted else c.not_(c.var(qid, o.id))
                      for o in self.book.question(qid).options)

    # -- asking ------------------------------------------------------------------------------------------------

    def witness(self, *nodes: int) -> Witness | None:
        """Some valid answers for which every node holds (only the answers that mattered), or None if none."""
        key = tuple(sorted(set(nodes)))
        if key in self._memo:
            return self._memo[key]
        touched: set[str] = set(self._always_included)
        for node in key:
            for qid in self.c.questions_of(node):
                touched.add(qid)
                touched |= self.depends.get(qid, frozenset())
        roots = list(key)
        for qid in sorted(touched, key=self.order.__getitem__):
            roots.extend(self.constraints[qid])
        result = solve(self.c, roots)
        self._memo[key] = result
        return result

    def possible(self, *nodes: int) -> bool:
        return self.witness(*nodes) is not None

    def describe(self, witness: Mapping[tuple[str, str], bool]) -> str:
        """A witness as answers, such as ``area: [nose], goal: appearance`` (chosen options only)."""
        chosen: dict[str, list[str]] = {}
        for (qid, oid), truth in witness.items():
            if truth:
                chosen.setdefault(qid, []).append(oid)
        parts = []
        for question in self.book.questions:
            if question.id in chosen:
                opts = [o.id for o in question.options if o.id in chosen[question.id]]
                text = opts[0] if question.kind == "single" else "[" + ", ".join(opts) + "]"
                parts.append(f"{question.id}: {text}")
        return ", ".join(parts)
