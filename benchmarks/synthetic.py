"""Synthetic rulebooks of any size, in the same condition language as the real one, for benchmarks.

    from synthetic import write_synthetic
    folder = write_synthetic(tmp_dir, rules=10_000, seed=1)     # a folder load_rulebook() accepts

or, from the shell: ``python benchmarks/synthetic.py 10000 /tmp/book``.

The shape follows the default rulebook: ten questions (single and multiple choice; a question asked only for
some goals; concerns offered per area), 40 procedures (surgical and not), 20 cautions, one exclusion
("non-surgical only"), a handful of rules that look at the suggestions, and N rules whose conditions mix
``all``,
``any`` and ``not`` over one to three answer tests. Generation is deterministic for a seed. Every option,
procedure and caution is used and every condition can hold, so the lint has nothing to report: a benchmark of
the lint measures its reasoning, not the printing of thousands of findings.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

AREAS = [
    "face",
    "eyes",
    "nose",
    "chin",
    "neck",
    "skin",
    "breasts",
    "chest",
    "abdomen",
    "buttocks",
    "thighs",
    "hands",
]
SINGLES = {  # question id -> options, all single choice
    "goal": ["appearance", "function", "both", "unsure"],
    "preoccupation": ["rarely", "daily-under-1h", "daily-over-1h"],
    "impact": ["never", "sometimes", "often"],
    "considering": ["under-1-month", "1-to-12-months", "over-1-year"],
    "previous": ["none", "satisfied", "unsatisfied", "several"],
    "age": ["under-18", "18-or-over"],
    "approach": ["non-surgical-only", "open-to-surgery", "unsure"],
}
MOTIVATIONS = [
    "for-myself",
    "pressure",
    "relationship",
    "career",
    "comparison",
    "life-event",
    "health",
    "injury",
]
REPAIR = ["injury", "burns", "illness", "birth"]  # asked only when the goal includes function

HEADER = "# A synthetic rulebook for benchmarks (benchmarks/synthetic.py); not for people.\n"
RULEBOOK = """rulebook:
  id: synthetic
  version: "1"
  title: Synthetic rulebook
  made_by: A benchmark script.
  funded_by: Nobody.
  checked: 2026-11-27
  review_due: 2027-11-27
  how_made:
    who: A benchmark script wrote it.
    evidence: None; it is made up.
    review: It is never reviewed.
    safety_alerts: None are followed.
comparison:
  rows:
    - {id: recovery, label: Recovery time, shows: [recovery]}
    - {id: lasts, label: How long it lasts, shows: [permanence, lasts]}
"""


def _concerns() -> list[tuple[str, str]]:
    return [(f"{area}-{k}", area) for area in AREAS for k in ("look", "work")]


def _questions() -> str:
    out = ["questions:"]

    def question(
        qid: str,
        kind: str,
        options: list[str],
        *,
        when: str | None = None,
        option_when: dict[str, str] | None = None,
        required: bool = True,
    ) -> None:
        out.append(f"  - id: {qid}")
        out.append(f"    kind: {kind}")
        out.append(f"    text: Question {qid}?")
        out.append("    help: Choose what fits.")
        if not required:
            out.append("    required: false")
        if when:
            out.append(f"    when: {when}")
        out.append("    options:")
        for option in options:
            extra = f", when: {option_when[option]}" if option_when and option in option_when else ""
            out.append(f"      - {{id: {option}, label: Option {option}{extra}}}")

    question("goal", "single", SINGLES["goal"])
    question("area", "multiple", AREAS)
    question(
        "concern",
        "multiple",
        [c for c, _ in _concerns()],
        option_when={c: f"{{area: {a}}}" for c, a in _concerns()},
    )
    question("motivation", "multiple", MOTIVATIONS)
    question("repair", "single", REPAIR, when="{goal: [function, both]}", required=False)
    for qid in ("preoccupation", "impact", "considering", "previous", "age", "approach"):
        question(qid, "single", SINGLES[qid])
    return "\n".join(out) + "\n"


def _procedures(count: int = 40) -> tuple[str, list[str]]:
    out = ["procedures:"]
    ids = []
    for i in range(count):
        pid = f"procedure-{i}"
        ids.append(pid)
        surgical = "true" if i % 3 else "false"
        out.append(f"""  - id: {pid}
    name: Procedure {i}
    summary: A made-up procedure for tests.
    surgical: {surgical}
    purpose: {("cosmetic", "reconstructive", "either")[i % 3]}
    permanence: {"permanent" if i % 3 else "temporary"}
    lasts: A long time.
    recovery: A few weeks.
    risks: [It can go wrong.]
    benefits: [It can help.]
    downsides: [It can go wrong.]
    upkeep: None.
    day_to_day: Rest for a while.
    downtime: {"weeks" if i % 3 else "days"}
    scarring: {"small" if i % 3 else "none"}
    knowledge:
      - {{says: It is an operation., answer: {surgical}, explain: Made up., about: {{surgical: true}}}}
      - {{says: It lasts for ever., answer: false, explain: Made up.}}
      - {{says: It needs a check-up., answer: true, explain: Made up.}}
    practitioner: A surgeon.
    questions: ["How often do you do this?"]
    sources:
      - {{name: NHS, title: Made up, url: "https://www.nhs.uk/conditions/", checked: 2026-11-27}}
    review_due: 2027-11-27""")
    return "\n".join(out) + "\n", ids


def _cautions(count: int = 20) -> tuple[str, list[str]]:
    ids = [f"caution-{i}" for i in range(count)]
    lines = ["cautions:"] + [
        f"  - {{id: {cid}, level: {('info', 'warning', 'critical')[i % 3]}, "
        f"title: Caution {i}, text: Something to bear in mind.}}"
        for i, cid in enumerate(ids)
    ]
    return "\n".join(lines) + "\n", ids


def _condition(rng: random.Random, *, suggests: bool) -> str:
    """A random condition that can hold: at most one test per question, ``not`` only on single-choice tests.

    A rule that suggests always needs a goal other than "unsure" (as looks concerns need a looks goal in the
    real rulebook), so that some people are suggested nothing, and never tests "approach" (which the exclusion
    handles), so that no rule contradicts the exclusion.
    """
    pool: list[tuple[str, list[str]]] = [
        ("area", AREAS),
        ("concern", [c for c, _ in _concerns()]),
        ("motivation", MOTIVATIONS),
    ]
    pool += [(q, opts) for q, opts in SINGLES.items() if q != "goal" and not (suggests and q == "approach")]
    parts = []
    for qid, options in rng.sample(pool, rng.choice((1, 2, 2, 3))):
        picked = sorted(rng.sample(options, rng.choice((1, 1, 2))))
        test = f"{{{qid}: [{', '.join(picked)}]}}"
        if qid in SINGLES and len(picked) < len(options) and rng.random() < 0.15:
            test = f"{{not: {test}}}"
        parts.append(test)
    parts.sort()
    inner = (
        parts[0]
        if len(parts) == 1
        else ("{any: [" if rng.random() < 0.2 else "{all: [") + ", ".join(parts) + "]}"
    )
    if not suggests:
        return inner
    goals = sorted(rng.sample(["appearance", "function", "both"], rng.choice((1, 2))))
    return f"{{all: [{{goal: [{', '.join(goals)}]}}, {inner}]}}"


def synthetic_rulebook(rules: int, *, seed: int = 0) -> dict[str, str]:
    """File name -> YAML text of a synthetic rulebook with ``rules`` rules (at least the ~120 base rules)."""
    rng = random.Random(seed)
    procedures, pids = _procedures()
    cautions, cids = _cautions()
    out = ["rules:"]
    seen: set[str] = set()

    def rule(rid: str, when: str, *, suggest: list[str] = (), caution: list[str] = ()) -> bool:
        effects = (f", suggest: [{', '.join(sorted(suggest))}]" if suggest else "") + (
            f", caution: [{', '.join(caution)}]" if caution else ""
        )
        if when + effects in seen:
            return False
        seen.add(when + effects)
        out.append(f"  - {{id: {rid}, when: {when}{effects}, because: You gave answers that match.}}")
        return True

    # Base rules: every concern leads to a procedure, every option and caution is used.
    for i, (concern, _area) in enumerate(_concerns()):
        rule(
            f"base-{concern}",
            f"{{all: [{{goal: [appearance, both, function]}}, {{concern: {concern}}}]}}",
            suggest=[pids[i % len(pids)]],
        )
    for i, pid in enumerate(pids):
        rule(
            f"base-{pid}", f"{{all: [{{goal: [both]}}, {{area: [{AREAS[i % len(AREAS)]}]}}]}}", suggest=[pid]
        )
    for qid, options in [*SINGLES.items(), ("motivation", MOTIVATIONS)]:
        for j, option in enumerate(options):
            rule(f"base-{qid}-{option}", f"{{{qid}: [{option}]}}", caution=[cids[j % len(cids)]])
    for option in REPAIR:
        rule(
            f"base-repair-{option}", f"{{all: [{{goal: function}}, {{repair: {option}}}]}}", caution=[cids[0]]
        )
    for i, cid in enumerate(cids):
        rule(
            f"base-{cid}",
            f"{{all: [{{age: [18-or-over]}}, {{impact: [{SINGLES['impact'][i % 3]}]}}]}}",
            caution=[cid],
        )
    # Rules that look at the suggestions.
    rule("second-surgical", "{suggested: {surgical: true}}", caution=[cids[1]])
    rule("second-temporary", "{suggested: {permanence: temporary}}", caution=[cids[2]])
    rule("second-nothing", "{all: [{nothing-suggested: true}, {not: {left-out: {}}}]}", caution=[cids[3]])
    rule("second-left-out", "{left-out: {surgical: true}}", caution=[cids[4]])
    rule("second-anything", "{not: {nothing-suggested: true}}", caution=[cids[5]])

    i = 0
    while len(out) - 1 < rules:
        if rng.random() < 0.7:
            made = rule(
                f"rule-{i}", _condition(rng, suggests=True), suggest=rng.sample(pids, rng.choice((1, 1, 2)))
            )
        else:
            made = rule(f"rule-{i}", _condition(rng, suggests=False), caution=[rng.choice(cids)])
        i += made
    exclusions = """exclusions:
  - id: non-surgical-only
    when: {approach: non-surgical-only}
    exclude: {surgical: true}
    because: you asked for non-surgical options only
"""
    return {
        "rulebook.yaml": HEADER + RULEBOOK,
        "questions.yaml": HEADER + _questions(),
        "procedures.yaml": HEADER + procedures + cautions,
        "rules.yaml": HEADER + "\n".join(out) + "\n" + exclusions,
    }


def write_synthetic(folder: str | Path, rules: int, *, seed: int = 0) -> Path:
    """Write a synthetic rulebook into ``folder`` (created if needed) and return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in synthetic_rulebook(rules, seed=seed).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/synthetic.py RULES FOLDER")
    print(write_synthetic(sys.argv[2], int(sys.argv[1])))
