"""Evaluation, loading and lint against their baselines, on synthetic rulebooks of 100, 1,000 and 10,000
rules.

    python benchmarks/engine.py [--sizes 100,1000,10000] [--json] [--quick]

The rulebooks come from benchmarks/synthetic.py (shared with the lint's benchmark): the default rulebook's
questions, 40 procedures, 20 cautions, an exclusion, a few rules that look at the suggestions and N rules
mixing
``all``, ``any`` and ``not`` over one to three answer tests.

Evaluate: the median time of ``consultaid.evaluate`` for one complete set of answers, against rule-engine
(PyPI
``rule-engine``, installed by ``make bench``) matching the same conditions, translated to its syntax and
compiled once, against the same answers. Each sample evaluates the same eight valid, complete sets of answers
(random
people: some are suggested much, some nothing) and counts the time per set. The two alternate sample by
sample, so load from others on a shared machine falls on both alike; before timing, the fired rules are
checked to be the same for every set. rule-engine is given only the rules that look at answers alone (it
cannot ask what was suggested); consultaid evaluates them all. A third column, a plain loop calling every
rule's compiled condition once, shows what the answer index saves.

Load: ``load_rulebook`` on the synthetic rulebook written as YAML files to a temporary folder (parse,
validate, cross-reference, compile), and the lint's time on the loaded rulebook where
``consultaid.rulebook.lint`` exists. Default rulebook: ``load_rulebook()`` in a warm process, and a fresh
process's imports plus its first load.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic
from zen_baseline import Zen, columns_graph, expression_graph
from zen_baseline import context as zen_context

from consultaid import evaluate, load_rulebook
from consultaid.answers import Answers
from consultaid.rulebook.conditions import (
    AllOf,
    Always,
    AnswerTest,
    AnyOf,
    Not,
    compile_condition,
    looks_at_outcome,
)

SIZES = (100, 1_000, 10_000)


def label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# -- rule-engine ---------------------------------------------------------------------------------------------


def translate(cond: object) -> str:
    """A condition as a rule-engine expression over arrays of chosen option ids, one symbol per question."""
    if isinstance(cond, AnswerTest):
        tests = [f"{option!r} in {cond.question}" for option in cond.options]
        return tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"
    if isinstance(cond, AllOf):
        return "(" + " and ".join(translate(c) for c in cond.all) + ")"
    if isinstance(cond, AnyOf):
        return "(" + " or ".join(translate(c) for c in cond.any) + ")"
    if isinstance(cond, Not):
        return f"not {translate(cond.not_)}"
    if isinstance(cond, Always):
        return "true"
    raise ValueError(f"rule-engine has no translation for {type(cond).__name__}")


def rule_engine_rules(rulebook: Any) -> list[tuple[str, Any]]:
    """(rule id, compiled rule-engine Rule) for every rule that looks only at the answers.

    rule-engine's default context is used: declaring the symbols' types makes it check them on every match,
    which here doubled its time, and the baseline should be rule-engine at its quickest.
    """
    import rule_engine

    return [
        (r.id, rule_engine.Rule(translate(r.when))) for r in rulebook.rules if not looks_at_outcome(r.when)
    ]


def rule_engine_thing(rulebook: Any, answers: Any) -> dict[str, tuple[str, ...]]:
    return {q.id: tuple(answers.get(q.id, ())) for q in rulebook.questions}


def fired_by_rule_engine(compiled: list[tuple[str, Any]], thing: dict[str, tuple[str, ...]]) -> list[str]:
    return [rule_id for rule_id, rule in compiled if rule.matches(thing)]


def fired_by_consultaid(result: Any) -> set[str]:
    """The rules that fired, read from the public result: every reason names its rule."""
    return {r.rule for item in (*result.suggestions, *result.cautions) for r in item.reasons}


def visible(rulebook: Any, fired: list[str], result: Any) -> set[str]:
    """Of the answer-only rules that fired, those a result names: all, but a rule whose every suggestion an
    exclusion left out and that raises no caution (its reason goes with the procedures left out)."""
    left_out = {x.id for x in result.left_out}
    rules = {r.id: r for r in rulebook.rules}
    return {rid for rid in fired if rules[rid].caution or any(p not in left_out for p in rules[rid].suggest)}


def random_answers(rulebook: Any, rng: random.Random) -> dict[str, Any]:
    """A valid, complete set of answers, found through the rulebook itself: each question that is asked, one
    of its offered options (one to three for a multiple choice)."""
    chosen: dict[str, Any] = {}
    sets: dict[str, frozenset[str]] = {}
    for question in rulebook.questions:
        if not rulebook.is_asked(question, sets):
            continue
        offered = [o.id for o in rulebook.offered_options(question, sets)]
        if not offered:
            continue
        picked = rng.sample(offered, 1 if question.kind == "single" else min(len(offered), rng.randint(1, 3)))
        chosen[question.id] = picked[0] if question.kind == "single" else picked
        sets[question.id] = frozenset(picked)
    return chosen


def people(rulebook: Any, count: int, seed: int = 0) -> list[Answers]:
    rng = random.Random(seed)
    return [Answers.validate(random_answers(rulebook, rng), rulebook) for _ in range(count)]


def compare(book: Any, compiled: list[tuple[str, Any]], answers: Answers) -> int:
    """Check that consultaid and rule-engine fire the same rules for these answers; returns how many fired."""
    result = evaluate(book, answers)
    first_stage = {rid for rid, _ in compiled}
    ours = fired_by_consultaid(result) & first_stage
    fired = fired_by_rule_engine(compiled, rule_engine_thing(book, answers))
    theirs = visible(book, fired, result)
    assert ours == theirs, (
        f"{len(book.rules)} rules, answers {dict(answers)}: only consultaid fired "
        f"{sorted(ours - theirs)[:5]}, "
        f"only rule-engine fired {sorted(theirs - ours)[:5]}"
    )
    suggested_by_fired = {p for r in book.rules if r.id in set(fired) for p in r.suggest}
    assert {x.id for x in result.left_out} <= suggested_by_fired
    return len(fired)


def check_translation(
    n_rules: int, *, answer_sets: int = 20, seed: int = 0, folder: Path | None = None
) -> dict[str, int]:
    """Load a synthetic rulebook and check that consultaid and rule-engine fire the same rules for several
    answers.

    Returns how many answer sets were checked and how many rules fired in all; raises AssertionError
    otherwise.
    """
    with tempfile.TemporaryDirectory(prefix="consultaid-bench-") as tmp:
        book = load_rulebook(write_synthetic(folder or Path(tmp), n_rules, seed=seed))
    compiled = rule_engine_rules(book)
    fired = sum(compare(book, compiled, a) for a in people(book, answer_sets, seed))
    return {"answer_sets": answer_sets, "fired": fired, "rules": len(book.rules)}


# -- timing --------------------------------------------------------------------------------------------------


def _sample(fn: Callable[[], Any], inner: int) -> float:
    """Seconds per call over ``inner`` calls, with the collector paused as timeit does."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        return (time.perf_counter() - start) / inner
    finally:
        if enabled:
            gc.enable()


def _inner_for(fn: Callable[[], Any], target: float = 0.01) -> int:
    """How many calls make a sample of about ``target`` seconds."""
    once = _sample(fn, 1)
    return max(1, min(10_000, int(target / max(once, 1e-7))))


def alternate(fns: dict[str, Callable[[], Any]], samples: int) -> dict[str, list[float]]:
    """Per-call times of each function, sample by sample in turn (round-robin), after a warm-up call each."""
    inner = {name: _inner_for(fn) for name, fn in fns.items()}
    times: dict[str, list[float]] = {name: [] for name in fns}
    for i in range(samples):
        names = list(fns) if i % 2 == 0 else list(reversed(fns))
        for name in names:
            times[name].append(_sample(fns[name], inner[name]))
    return times


def iqr(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def median_time(fn: Callable[[], Any], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def find_lint() -> Callable[[Any], Any] | None:
    """``consultaid.rulebook.lint.lint`` when this checkout has the lint, else None."""
    try:
        from consultaid.rulebook import lint as lint_module
    except ImportError:
        return None
    fn = getattr(lint_module, "lint", None)
    return fn if callable(fn) else None


# -- the measurements ----------------------------------------------------------------------------------------


PEOPLE = 8  # answer sets per sample


def measure_size(n: int, tmp: Path, *, samples: int, load_repeats: int) -> dict[str, Any]:
    folder = write_synthetic(tmp / f"rules-{n}", n, seed=n)
    load_s, load_all = median_time(lambda: load_rulebook(folder), load_repeats)
    book = load_rulebook(folder)
    persons = people(book, PEOPLE)
    compiled = rule_engine_rules(book)
    things = [rule_engine_thing(book, a) for a in persons]
    fired = [compare(book, compiled, a) for a in persons]  # the same rules fire, before anything is timed
    facts = [dict(a.sets) for a in persons]
    predicates = [compile_condition(r.when) for r in book.rules if not looks_at_outcome(r.when)]
    zen_forms = {"zen_expression": Zen(expression_graph(book)), "zen_columns": Zen(columns_graph(book))}
    zen_contexts = [zen_context(book, a) for a in persons]
    for thing, ctx in zip(things, zen_contexts, strict=True):  # zen fires what rule-engine fires
        expected = sorted(fired_by_rule_engine(compiled, thing))
        for name, form in zen_forms.items():
            got = sorted(form.fired(ctx))
            assert got == expected, f"{n} rules: {name} fired {got[:5]}..., rule-engine {expected[:5]}..."

    def consultaid() -> None:
        for answers in persons:
            evaluate(book, answers)

    def rule_engine() -> None:
        for thing in things:
            fired_by_rule_engine(compiled, thing)

    def plain_loop() -> None:
        for f in facts:
            [p(f, None) for p in predicates]

    def zen_run(form: Zen) -> Callable[[], None]:
        def run() -> None:
            for ctx in zen_contexts:
                form.fired(ctx)

        return run

    fns = {"consultaid": consultaid, "rule_engine": rule_engine, "loop": plain_loop}
    fns.update({name: zen_run(form) for name, form in zen_forms.items()})
    times = alternate(fns, samples)
    per = {name: [t / PEOPLE for t in ts] for name, ts in times.items()}
    out: dict[str, Any] = {
        "rules": len(book.rules),
        "fired": statistics.median(fired),
        "evaluate_ms": statistics.median(per["consultaid"]) * 1000,
        "evaluate_iqr_ms": [v * 1000 for v in iqr(per["consultaid"])],
        "rule_engine_ms": statistics.median(per["rule_engine"]) * 1000,
        "rule_engine_iqr_ms": [v * 1000 for v in iqr(per["rule_engine"])],
        "loop_ms": statistics.median(per["loop"]) * 1000,
        "load_s": load_s,
        "load_range_s": [min(load_all), max(load_all)],
    }
    for name in zen_forms:
        out[f"{name}_ms"] = statistics.median(per[name]) * 1000
    out["zen_ms"] = min(out[f"{name}_ms"] for name in zen_forms)  # zen-engine in its fastest form
    out["speedup"] = out["rule_engine_ms"] / out["evaluate_ms"]
    out["zen_speedup"] = out["zen_ms"] / out["evaluate_ms"]
    lint = find_lint()
    if lint is not None:
        lint(book)  # warm-up: anything the lint builds lazily
        out["lint_s"], _ = median_time(lambda: lint(book), load_repeats)
    return out


COLD_LOAD = """
import time
start = time.perf_counter()
from consultaid import load_rulebook
load_rulebook()
print(time.perf_counter() - start)
"""


def measure_default(repeats: int) -> dict[str, Any]:
    """The default rulebook: as the app loads it (prebuilt with the package when that is up to date), and
    read from its YAML files (what ``--rules DIR`` does, and what the prebuilt form saves)."""
    import os

    from consultaid.rulebook.load import default_rules_dir
    from consultaid.rulebook.prebuilt import load_default

    folder = default_rules_dir()
    load_rulebook()  # imports, caches
    load_rulebook(folder)
    warm, warm_all = median_time(load_rulebook, repeats)
    from_yaml, _ = median_time(lambda: load_rulebook(folder), repeats)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: byte-code
    cold = []
    for _ in range(max(3, repeats // 3)):
        out = subprocess.run(
            [sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True, env=env
        )
        cold.append(float(out.stdout))
    book = load_rulebook()
    return {
        "default_rules": len(book.rules),
        "default_prebuilt": load_default(folder) is not None,
        "default_load_ms": warm * 1000,
        "default_load_iqr_ms": [round(v * 1000, 3) for v in iqr(warm_all)],
        "default_load_yaml_ms": from_yaml * 1000,
        "default_load_cold_ms": statistics.median(cold) * 1000,
    }


def measure(sizes: tuple[int, ...] = SIZES, *, quick: bool = False) -> dict[str, Any]:
    samples = 5 if quick else 15
    # the default rulebook first, in a process that has not yet made hundreds of thousands of objects
    default = measure_default(9 if quick else 21)
    per_size: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="consultaid-bench-") as tmp:
        for n in sizes:
            per_size[n] = measure_size(
                n,
                Path(tmp),
                samples=samples,
                load_repeats=(2 if quick else 3) if n >= 10_000 else (3 if quick else 7),
            )
    result: dict[str, Any] = {"engine_samples": samples}
    for n, r in per_size.items():
        k = label(n)
        result[f"evaluate_{k}_ms"] = round(r["evaluate_ms"], 4)
        result[f"evaluate_{k}_iqr_ms"] = [round(v, 4) for v in r["evaluate_iqr_ms"]]
        result[f"rule_engine_{k}_ms"] = round(r["rule_engine_ms"], 3)
        result[f"loop_{k}_ms"] = round(r["loop_ms"], 3)
        result[f"evaluate_speedup_{k}"] = round(r["speedup"], 1)
        result[f"zen_{k}_ms"] = round(r["zen_ms"], 3)
        result[f"zen_expression_{k}_ms"] = round(r["zen_expression_ms"], 3)
        result[f"zen_columns_{k}_ms"] = round(r["zen_columns_ms"], 3)
        result[f"zen_speedup_{k}"] = round(r["zen_speedup"], 2)
        result[f"rules_{k}"] = r["rules"]  # the generator adds its base rules to small sizes
        result[f"fired_{k}"] = r["fired"]  # median over the answer sets
        result[f"load_{k}_s"] = round(r["load_s"], 4)
        if "lint_s" in r:
            result[f"lint_{k}_s"] = round(r["lint_s"], 4)
    biggest = label(max(per_size))
    result["evaluate_speedup"] = result[f"evaluate_speedup_{biggest}"]
    result["zen_speedup"] = result[f"zen_speedup_{biggest}"]
    if 1_000 in per_size and 10_000 in per_size:
        # 1.0 = load time grows exactly linearly from 1,000 to 10,000 rules
        result["load_growth_1k_to_10k"] = round(
            per_size[10_000]["load_s"] / per_size[1_000]["load_s"] / 10, 2
        )
    result.update({k: (round(v, 3) if isinstance(v, float) else v) for k, v in default.items()})
    return result


def table(r: dict[str, Any]) -> str:
    sizes = [
        k[len("evaluate_") : -len("_ms")]
        for k in r
        if k.startswith("evaluate_") and k.endswith("_ms") and "iqr" not in k
    ]
    lines = [
        f"Evaluate one set of answers (median of {r['engine_samples']} samples of {PEOPLE} people each; "
        "the columns alternate; 'fired': rules that fire for the median person)",
        f"  {'rules':>6}  {'fired':>6}  {'consultaid':>12}  {'IQR':>17}  {'plain loop':>11}  "
        f"{'rule-engine':>12}  {'speedup':>8}  {'zen expr':>10}  {'zen cols':>10}  {'vs zen':>7}",
    ]
    for k in sizes:
        lo, hi = r[f"evaluate_{k}_iqr_ms"]
        lines.append(
            f"  {r[f'rules_{k}']:>6}  {r[f'fired_{k}']:>6.0f}  {r[f'evaluate_{k}_ms']:>9.3f} ms  "
            f"{lo:>7.3f}-{hi:.3f} ms  "
            f"{r[f'loop_{k}_ms']:>8.2f} ms  {r[f'rule_engine_{k}_ms']:>9.1f} ms  "
            f"{r[f'evaluate_speedup_{k}']:>7.0f}x  "
            f"{r[f'zen_expression_{k}_ms']:>7.2f} ms  {r[f'zen_columns_{k}_ms']:>7.2f} ms  "
            f"{r[f'zen_speedup_{k}']:>6.1f}x"
        )
    has_lint = f"lint_{sizes[-1]}_s" in r
    lines += ["", "Load and validate (YAML files in a temporary folder)" + (", and lint" if has_lint else "")]
    for k in sizes:
        per_rule = r[f"load_{k}_s"] / r[f"rules_{k}"] * 1e6
        lint = f"   lint {r[f'lint_{k}_s']:.3f} s" if f"lint_{k}_s" in r else ""
        lines.append(
            f"  {r[f'rules_{k}']:>6} rules  {r[f'load_{k}_s']:>8.3f} s  ({per_rule:.0f} us a rule){lint}"
        )
    if "load_growth_1k_to_10k" in r:
        lines.append(f"  growth 1k -> 10k, per rule: {r['load_growth_1k_to_10k']:.2f} (1.00 = linear)")
    lines += [
        "",
        f"Default rulebook ({r['default_rules']} rules), as the app loads it "
        f"({'prebuilt with the package' if r['default_prebuilt'] else 'from YAML: prebuilt form stale'}): "
        f"{r['default_load_ms']:.1f} ms warm; {r['default_load_cold_ms']:.0f} ms in a fresh process, "
        f"imports included",
        f"  read and validated from its YAML files: {r['default_load_yaml_ms']:.1f} ms warm (goal < 50 ms)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="rule counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="fewer samples (a rough figure in a minute)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    try:
        import rule_engine  # noqa: F401
        import zen  # noqa: F401
    except ImportError:
        sys.exit(
            "rule-engine or zen-engine is missing: `make bench` installs them (pip install -e '.[bench]')"
        )
    sizes = tuple(int(s) for s in args.sizes.split(","))
    result = measure(sizes, quick=args.quick)
    print(json.dumps(result) if args.json else table(result))
    return result


if __name__ == "__main__":
    main()
