"""Exact reasoning about what answers are possible: can this condition ever hold for someone who answers
validly?

The lint (and anything else that must not guess) asks questions such as "can rule X ever fire?" or "is
procedure P ever suggested?". Sampling answers could miss the one person for whom a rule fires, so instead
every question is turned into a satisfiability problem over boolean variables ``x(question, option)`` ("this
option is among the answers") and decided by a small search, exactly.

What "valid answers" means is what :meth:`consultaid.Answers.validate` accepts:

* a question is asked exactly when its ``when`` holds (questions without one always are);
* an option can be chosen only when its question is asked and its own ``when`` holds;
* a single-choice question has at most one option chosen, and an asked, required question has at least one.

Conditions and these constraints are built into one shared, hash-consed circuit of AND, OR, NOT and
"at most one" nodes (so a condition written twice, or with its lists in another order, is the same node). A
query takes the condition plus the constraints of only the questions it touches and those they depend on: any
other question can always be completed afterwards, because it was checked to be completable for every valid
answer to the questions before it (see :attr:`Reasoner.stuck_questions`; those that are not are added to every
query).

Within a query, the options of a question that nothing in the query names are interchangeable, so they share
one variable ("some other option"): a query about one concern does not carry a variable for every concern.

The search is DPLL-style: three-valued (true / false / unknown) evaluation kept up to date incrementally with
counters as variables are assigned, so that a part that becomes false is noticed at once and the search backs
up. It stops as soon as leaving every undecided option out satisfies everything, and otherwise branches on a
variable under a part that this default gets wrong. Every branch is tried before "impossible" is answered, so
the answer is exact. Results are memoised per set of circuit nodes, so duplicate conditions cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import assert_never

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
    looks_at_outcome,
)
from .model import Procedure

# Node kinds of the circuit.
VAR, AND, OR, NOT, AMO, TRUE, FALSE = range(7)

Witness = dict[tuple[str, str], bool]
OTHER = "*"
"""The option id of the variable that stands for "one of the options this query does not name"."""


class Circuit:
    """A hash-consed DAG of boolean nodes; node ids are small integers, constants are nodes 0 and 1."""

    def __init__(self) -> None:
        self.kind: list[int] = [FALSE, TRUE]
        self.children: list[tuple[int, ...]] = [(), ()]
        self.label: list[tuple[str, str] | None] = [None, None]
        self._cons: dict[tuple[int, tuple[int, ...]], int] = {}
        self._vars: dict[tuple[str, str], int] = {}
        self._questions: dict[int, frozenset[str]] = {}
        self._vars_under: dict[int, frozenset[tuple[str, str]]] = {}

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

    def questions_of(self, node: int) -> frozenset[str]:
        """The questions whose variables appear under ``node`` (memoised: nodes never change)."""
        found = self._questions.get(node)
        if found is None:
            found = self._questions[node] = frozenset(q for q, _ in self.vars_of(node))
        return found

    def evaluate(self, node: int, truth: Mapping[tuple[str, str], bool]) -> bool:
        """The value of ``node`` when the variables in ``truth`` have those values and all others are
        false."""
        memo: dict[int, bool] = {}

        def ev(at: int) -> bool:
            if at in memo:
                return memo[at]
            node_kind = self.kind[at]
            kids = self.children[at]
            if node_kind == VAR:
                label = self.label[at]
                known = label is not None and bool(truth.get(label))
            elif node_kind == AND:
                known = all(ev(child) for child in kids)
            elif node_kind == OR:
                known = any(ev(child) for child in kids)
            elif node_kind == NOT:
                known = not ev(kids[0])
            elif node_kind == AMO:
                known = sum(ev(child) for child in kids) <= 1
            else:
                known = node_kind == TRUE
            memo[at] = known
            return known

        return ev(node)

    def vars_of(self, node: int) -> frozenset[tuple[str, str]]:
        """The (question, option) variables under ``node`` (memoised)."""
        found = self._vars_under.get(node)
        if found is None:
            seen: set[int] = set()
            out: set[tuple[str, str]] = set()
            stack = [node]
            while stack:
                n = stack.pop()
                if n in seen:
                    continue
                seen.add(n)
                label = self.label[n]
                if label is not None:
                    out.add(label)
                stack.extend(self.children[n])
            found = self._vars_under[node] = frozenset(out)
        return found


class Frame:
    """A local, array-based copy of the part of the circuit some roots reach, ready for :func:`solve`.

    Index 0 is the top node: the AND of the roots. Building a frame is most of the cost of a small query, so
    the frame of a set of question constraints is built once and :meth:`extended` with each query's condition:
    only the new nodes are added, and the parent lists of shared nodes are copied only when they change.
    """

    __slots__ = ("children", "gids", "kind", "local", "order", "parents")

    def __init__(self) -> None:
        self.gids: list[int] = [-1]
        self.local: dict[int, int] = {}
        self.kind: list[int] = [AND]
        self.children: list[list[int]] = [[]]
        self.parents: list[list[int]] = [[]]
        self.order: list[int] = []  # every node but the top, children before parents

    def extended(self, circuit: Circuit, roots: Sequence[int]) -> Frame:
        new = Frame()
        new.gids = self.gids[:]
        new.local = self.local.copy()
        new.kind = self.kind[:]
        new.children = self.children[:]
        new.parents = self.parents[:]
        new.order = self.order[:]
        new._add(circuit, roots, copy_on_write=True)
        return new

    def _add(self, circuit: Circuit, roots: Sequence[int], *, copy_on_write: bool) -> None:
        local, gids, kind, children, parents = self.local, self.gids, self.kind, self.children, self.parents
        first_new = len(gids)
        cchildren = circuit.children
        order = self.order
        for root in roots:  # depth first; a node is put in order once all its children are
            if root in local:
                continue
            local[root] = len(gids)
            gids.append(root)
            stack = [(root, iter(cchildren[root]))]
            while stack:
                g, rest = stack[-1]
                for c in rest:
                    if c not in local:
                        local[c] = len(gids)
                        gids.append(c)
                        stack.append((c, iter(cchildren[c])))
                        break
                else:
                    stack.pop()
                    order.append(local[g])
        ckind = circuit.kind
        touched: set[int] = set()
        for n in range(first_new, len(gids)):
            g = gids[n]
            kind.append(ckind[g])
            kids = [local[c] for c in cchildren[g]]
            children.append(kids)
            parents.append([])
        for n in range(first_new, len(gids)):
            for c in children[n]:
                if c < first_new and copy_on_write and c not in touched:
                    parents[c] = parents[c][:]
                    touched.add(c)
                parents[c].append(n)
        top = [local[r] for r in roots if local[r] not in children[0]]
        if top:
            children[0] = top + children[0]  # the query's own roots first: they steer the search
            for c in top:
                if c < first_new and copy_on_write and c not in touched:
                    parents[c] = parents[c][:]
                    touched.add(c)
                parents[c].append(0)

    @classmethod
    def of(cls, circuit: Circuit, roots: Sequence[int]) -> Frame:
        frame = cls()
        frame._add(circuit, roots, copy_on_write=False)
        return frame


def solve(circuit: Circuit, roots: Sequence[int], base: Frame | None = None) -> Witness | None:
    """An assignment making every root (and every root of ``base``) true, or None when there is none.

    The assignment lists the variables the search decided; every variable it does not list is false.
    """
    flat: list[int] = []
    for root in roots:
        flat.extend(circuit.children[root] if circuit.kind[root] == AND else (root,))
    if circuit.FALSE_NODE in flat:
        return None
    flat = list(dict.fromkeys(root for root in flat if root != circuit.TRUE_NODE))
    if not flat and base is None:
        return {}
    frame = base.extended(circuit, flat) if base is not None else Frame.of(circuit, flat)
    kind, children, parents = frame.kind, frame.children, frame.parents
    size = len(kind)
    width = [len(kids) for kids in children]  # how many children each node has
    if not width[0]:
        return {}
    value: list[bool | None] = [None] * size
    ntrue = [0] * size  # how many of each node's children are known to be true
    nfalse = [0] * size  # ... and known to be false
    # What to undo, newest last: a node's index (its value was set), or -1 - 2*parent (ntrue[parent] went
    # up by one), or -2 - 2*parent (nfalse[parent] went up by one).
    trail: list[int] = []

    def assign(start: int, truth: bool) -> bool:
        value[start] = truth
        trail.append(start)
        todo = [start]
        while todo:
            node = todo.pop()
            is_true = value[node]
            if node == 0:
                return bool(is_true)
            for parent in parents[node]:
                if is_true:
                    ntrue[parent] += 1
                    trail.append(-1 - 2 * parent)
                else:
                    nfalse[parent] += 1
                    trail.append(-2 - 2 * parent)
                if value[parent] is not None:
                    continue
                node_kind = kind[parent]
                if node_kind == AND:
                    new = False if nfalse[parent] else (True if ntrue[parent] == width[parent] else None)
                elif node_kind == OR:
                    new = True if ntrue[parent] else (False if nfalse[parent] == width[parent] else None)
                elif node_kind == NOT:
                    new = not is_true
                else:  # AMO
                    new = (
                        False
                        if ntrue[parent] >= 2
                        else (True if nfalse[parent] >= width[parent] - 1 else None)
                    )
                if new is not None:
                    value[parent] = new
                    trail.append(parent)
                    todo.append(parent)
        return True

    def undo(mark: int) -> None:
        while len(trail) > mark:
            entry = trail.pop()
            if entry >= 0:
                value[entry] = None
            elif entry % 2:  # -1 - 2*parent
                ntrue[(-1 - entry) // 2] -= 1
            else:
                nfalse[(-2 - entry) // 2] -= 1

    order = frame.order + [0]  # children before parents, for evaluating the whole frame in one pass

    def by_default() -> list[bool]:
        """Every node's value if each undecided variable were false (an option left out)."""
        default = [False] * size
        for node in order:
            known = value[node]
            if known is not None:
                default[node] = known
                continue
            node_kind = kind[node]
            if node_kind == AND:
                default[node] = all(default[child] for child in children[node])
            elif node_kind == OR:
                default[node] = any(default[child] for child in children[node])
            elif node_kind == NOT:
                default[node] = not default[children[node][0]]
            elif node_kind == AMO:
                default[node] = sum(default[child] for child in children[node]) <= 1
        return default

    def search() -> bool:
        """Guided DPLL: stop as soon as leaving every undecided option out satisfies everything; otherwise
        branch on a variable under a part that this default gets wrong, trying the value that would put it
        right first.
        """
        if value[0] is True:
            return True
        default = by_default()
        if default[0]:
            return True
        node, want = 0, True
        while kind[node] != VAR:
            node_kind = kind[node]
            if node_kind == NOT:
                node, want = children[node][0], not want
                continue
            if node_kind == AMO:
                node = next(
                    child for child in children[node] if value[child] is None and default[child] == want
                )
                want = not want
            else:
                node = next(
                    child for child in children[node] if value[child] is None and default[child] != want
                )
        for truth in (want, not want):
            mark = len(trail)
            if assign(node, truth) and search():
                return True
            undo(mark)
        return False

    # Literals among the roots are forced: set them before searching (a cheap kind of unit propagation).
    for root in flat:
        node = frame.local[root]
        literal, truth = (
            (node, True)
            if kind[node] == VAR
            else (
                (children[node][0], False)
                if kind[node] == NOT and kind[children[node][0]] == VAR
                else (-1, True)
            )
        )
        if literal < 0 or value[literal] is not None:
            if literal >= 0 and value[literal] != truth:
                return None
            continue
        if not assign(literal, truth):
            return None
    if not search():
        return None
    gids = frame.gids
    witness: Witness = {}
    for node in range(1, size):
        label = circuit.label[gids[node]]
        if kind[node] == VAR and value[node] is not None and label is not None:
            witness[label] = bool(value[node])
    return witness  # every variable not listed is false


class Reasoner:
    """Answers "can this ever hold?" questions about one rulebook, exactly, with memoised results."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.book = rulebook
        self.circuit = Circuit()
        self._nodes: dict[int, int] = {}  # id(condition model) -> node
        self._keep: list[object] = []  # keep conditions alive so their ids stay unique
        self._memo: dict[tuple[int, ...], Witness | None] = {}
        self._frames: dict[tuple[tuple[str, frozenset[str]], ...], Frame] = {}
        self._suggesting: dict[str, int] = {}
        self._excluding: dict[str, int] = {}
        self.order = {q.id: i for i, q in enumerate(rulebook.questions)}
        self.asked: dict[str, int] = {}
        self.offered: dict[tuple[str, str], int] = {}
        self.when_mentions: dict[str, frozenset[tuple[str, str]]] = {}
        self._constraints: dict[tuple[str, frozenset[str]], list[int]] = {}
        self.depends: dict[str, frozenset[str]] = {}
        for question in rulebook.questions:
            self._add_question(question)
        self.stuck_questions: dict[str, Witness] = {}
        """Required questions that some valid earlier answers leave with no option to choose, with an
        example."""
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

    # -- building --------------------------------------------------------------------------------------------

    def node(self, cond: Node) -> int:
        """The circuit node of a condition; conditions on the suggestions are expanded into conditions on
        answers."""
        key = id(cond)
        found = self._nodes.get(key)
        if found is not None:
            return found
        node = self._build(cond)
        self._nodes[key] = node
        self._keep.append(cond)
        return node

    def _build(self, cond: Node) -> int:
        c = self.circuit
        match cond:
            case AnswerTest():
                return c.or_(c.var(cond.question, o) for o in cond.options)
            case AllOf():
                return c.and_(self.node(x) for x in cond.all)
            case AnyOf():
                return c.or_(self.node(x) for x in cond.any)
            case Not():
                return c.not_(self.node(cond.not_))
            case Always():
                return c.TRUE_NODE
            case WasSuggested():
                wanted = cond.suggested.matches
                return c.or_(self.kept(p.id) for p in self.book.procedures.values() if wanted(p))
            case WasLeftOut():
                gone = cond.left_out.matches
                return c.or_(self.left_out(p.id) for p in self.book.procedures.values() if gone(p))
            case NothingSuggested():
                return c.not_(c.or_(self.kept(p) for p in self.book.procedures))
            case _:
                assert_never(cond)

    def _add_question(self, question: object) -> None:
        from .model import Question

        assert isinstance(question, Question)
        c = self.circuit
        asked = self.node(question.when) if question.when is not None else c.TRUE_NODE
        self.asked[question.id] = asked
        deps: set[str] = set(c.questions_of(asked))
        mentions: set[tuple[str, str]] = set(c.vars_of(asked))
        for option in question.options:
            when = self.node(option.when) if option.when is not None else c.TRUE_NODE
            deps |= c.questions_of(when)
            mentions |= c.vars_of(when)
            self.offered[(question.id, option.id)] = c.and_((asked, when))
        self.when_mentions[question.id] = frozenset(mentions)
        closed = set(deps)
        for dep in deps:
            closed |= self.depends.get(dep, frozenset())
        self.depends[question.id] = frozenset(closed)

    def constraints(self, qid: str, named: frozenset[str]) -> list[int]:
        """What valid answers to ``qid`` must satisfy, with one variable per option in ``named``.

        The options nobody names are interchangeable for the query at hand, so they share one variable,
        ``(qid, "*")``: "some other option is chosen", possible when any of them is offered. This keeps a
        query about one concern from carrying a variable for every concern there is.
        """
        key = (qid, named)
        found = self._constraints.get(key)
        if found is not None:
            return found
        c = self.circuit
        question = self.book.question(qid)
        asked = self.asked[qid]
        chosen: list[int] = []
        out: list[int] = []
        others: list[int] = []
        for option in question.options:
            offered = self.offered[(qid, option.id)]
            if option.id in named:
                x = c.var(qid, option.id)
                chosen.append(x)
                out.append(c.or_((c.not_(x), offered)))
            else:
                others.append(offered)
        if others:
            x = c.var(qid, OTHER)
            chosen.append(x)
            out.append(c.or_((c.not_(x), c.or_(others))))
        if question.required:
            out.append(c.or_((c.not_(asked), c.or_(chosen))))
        if question.kind == "single":
            out.append(c.at_most_one(chosen))
        found = self._constraints[key] = [n for n in out if n != c.TRUE_NODE]
        return found

    def _can_be_stuck(self, qid: str) -> Witness | None:
        question = self.book.question(qid)
        if not question.required:
            return None
        c = self.circuit
        nothing_offered = c.and_(c.not_(self.offered[(qid, o.id)]) for o in question.options)
        return self.witness(c.and_((self.asked[qid], nothing_offered)))

    def suggesting(self, pid: str) -> int:
        """Some rule that looks only at the answers and suggests ``pid`` fires (before exclusions)."""
        if not self._suggesting:
            by_procedure: dict[str, list[int]] = {p: [] for p in self.book.procedures}
            for rule in self.book.rules:
                if rule.suggest and not looks_at_outcome(rule.when):
                    node = self.node(rule.when)
                    for p in rule.suggest:
                        by_procedure.setdefault(p, []).append(node)
            self._suggesting = {p: self.circuit.or_(nodes) for p, nodes in by_procedure.items()}
        return self._suggesting.get(pid, self.circuit.FALSE_NODE)

    def excluding(self, procedure: Procedure) -> int:
        """Some exclusion that matches ``procedure`` applies."""
        node = self._excluding.get(procedure.id)
        if node is None:
            node = self.circuit.or_(
                self.node(e.when) for e in self.book.exclusions if e.exclude.matches(procedure)
            )
            self._excluding[procedure.id] = node
        return node

    def kept(self, pid: str) -> int:
        """``pid`` ends up among the suggestions: suggested by a rule and kept out by no exclusion."""
        node = self._kept.get(pid)
        if node is None:
            c = self.circuit
            node = c.and_((self.suggesting(pid), c.not_(self.excluding(self.book.procedures[pid]))))
            self._kept[pid] = node
        return node

    def left_out(self, pid: str) -> int:
        node = self._left.get(pid)
        if node is None:
            c = self.circuit
            node = c.and_((self.suggesting(pid), self.excluding(self.book.procedures[pid])))
            self._left[pid] = node
        return node

    def only(self, qid: str, options: Iterable[str]) -> int:
        """The answer to ``qid`` is exactly these options."""
        wanted = set(options)
        c = self.circuit
        return c.and_(
            c.var(qid, o.id) if o.id in wanted else c.not_(c.var(qid, o.id))
            for o in self.book.question(qid).options
        )

    # -- asking ----------------------------------------------------------------------------------------------

    def witness(self, *nodes: int) -> Witness | None:
        """Some valid answers for which every node holds, or None if there are none.

        The witness maps (question, option) to whether the option is chosen; options it does not list are not.
        """
        key = tuple(sorted(set(nodes)))
        if key in self._memo:
            return self._memo[key]
        touched: set[str] = set(self._always_included)
        for node in key:
            for qid in self.circuit.questions_of(node):
                touched.add(qid)
                touched |= self.depends.get(qid, frozenset())
        named: dict[str, set[str]] = {qid: set() for qid in touched}
        for node in key:
            for qid, oid in self.circuit.vars_of(node):
                named[qid].add(oid)
        for qid in touched:
            for dep_q, oid in self.when_mentions[qid]:
                named[dep_q].add(oid)
        group = tuple((qid, frozenset(named[qid])) for qid in sorted(touched, key=self.order.__getitem__))
        frame = self._frames.get(group)
        if frame is None:
            roots = [n for qid, opts in group for n in self.constraints(qid, opts)]
            frame = Frame.of(self.circuit, roots)
            if len(self._frames) > 4096:
                self._frames.clear()
            self._frames[group] = frame
        result = solve(self.circuit, list(key), frame)
        self._memo[key] = result
        return result

    def possible(self, *nodes: int) -> bool:
        return self.witness(*nodes) is not None

    def answers(self, witness: Mapping[tuple[str, str], bool]) -> dict[str, list[str]]:
        """The chosen options of a witness, with "some other option" replaced by one that is offered."""
        chosen: dict[str, list[str]] = {}
        truth = {label: value for label, value in witness.items() if value}
        for question in self.book.questions:
            for option in question.options:
                if truth.get((question.id, option.id)):
                    chosen.setdefault(question.id, []).append(option.id)
            if truth.get((question.id, OTHER)):
                for option in question.options:
                    if (question.id, option.id) not in witness and self.circuit.evaluate(
                        self.offered[(question.id, option.id)], truth
                    ):
                        chosen.setdefault(question.id, []).append(option.id)
                        truth[(question.id, option.id)] = True
                        break
        return chosen

    def describe(self, witness: Mapping[tuple[str, str], bool]) -> str:
        """A witness as answers, such as ``area: [nose], goal: appearance`` (chosen options only)."""
        chosen = self.answers(witness)
        parts = []
        for question in self.book.questions:
            if question.id in chosen:
                opts = [o.id for o in question.options if o.id in chosen[question.id]]
                text = opts[0] if question.kind == "single" else "[" + ", ".join(opts) + "]"
                parts.append(f"{question.id}: {text}")
        return ", ".join(parts)
