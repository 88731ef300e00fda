"""Evaluation, loading and lint against their baselines, on synthetic rulebooks of 100, 1,000 and 10,000 rules.

    python benchmarks/engine.py [--sizes 100,1000,10000] [--json] [--quick]

Evaluate: the median time of ``consultaid.evaluate`` for one complete set of answers, against rule-engine (PyPI
``rule-engine``, installed by ``make bench``) matching the same conditions, translated to its syntax and compiled
once, against the same answers. The two alternate sample by sample, so load from others on a shared machine falls
on both alike; before timing, the fired rules are checked to be the same for several sets of answers. A third
column, a plain loop calling every rule's compiled condition, shows what the answer index saves.

Load: ``load_rulebook`` on the synthetic rulebook written as YAML files to a temporary folder (parse, validate,
cross-reference, compile), and the lint's time on the loaded rulebook where ``consultaid.rulebook.lint`` exists.
Default rulebook: ``load_rulebook()`` in a warm process, and a fresh process's imports plus its first load.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import complete_answers, write_rulebook  # noqa: E402

from consultaid import evaluate, load_rulebook  # noqa: E402
from consultaid.answers import Answers  # noqa: E402
from consultaid.rulebook.conditions import compile_condition, looks_at_outcome  # noqa: E402
from consultaid.rulebook.model import AllOf, Always, AnswerTest, AnyOf, Not  # noqa: E402

SIZES = (100, 1_000, 10_000)


def label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# -- rule-engine ------------------------------------------------------------------------------------------------


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

    rule-engine's default context is used: declaring the symbols' types makes it check them on every match, which
    here doubled its time, and the baseline should be rule-engine at its quickest.
    """
    import rule_engine

    return [(r.id, rule_engine.Rule(translate(r.when))) for r in rulebook.rules if not looks_at_outcome(r.when)]


def rule_engine_thing(rulebook: Any, answers: Any) -> dict[str, tuple[str, ...]]:
    return {q.id: tuple(answers.get(q.id, ())) for q in rulebook.questions}


def fired_by_rule_engine(compiled: list[tuple[str, Any]], thing: dict[str, tuple[str, ...]]) -> list[str]:
    return [rule_id for rule_id, rule in compiled if rule.matches(thing)]


def fired_by_consultaid(result: Any) -> set[str]:
    """The rules that fired, read from the public result: every reason names its rule."""
    return {r.rule for item in (*result.suggestions, *result.cautions) for r in item.reasons}


def check_translation(n_rules: int, *, answer_sets: int = 20, seed: int = 0,
                      folder: Path | None = None) -> dict[str, int]:
    """Load a synthetic rulebook and check that consultaid and rule-engine fire the same rules for several answers.

    Returns how many answer sets were checked and how many rules fired in all; raises AssertionError otherwise.
    """
    with tempfile.TemporaryDirectory(prefix="consultaid-bench-") as tmp:
        book = load_rulebook(write_rulebook(folder or Path(tmp), n_rules, seed))
    assert not book.exclusions, "the check reads fired rules from reasons, which exclusions would hide"
    compiled = rule_engine_rules(book)
    fired_total = 0
    for k in range(answer_sets):
        answers = Answers.validate(complete_answers(seed=k), book)
        ours = fired_by_consultaid(evaluate(book, answers))
        theirs = set(fired_by_rule_engine(compiled, rule_engine_thing(book, answers)))
        assert ours == theirs, (
            f"{n_rules} rules, answers {k}: only consultaid fired {sorted(ours - theirs)[:5]}, "
            f"only rule-engine fired {sorted(theirs - ours)[:5]}"
        )
        fired_total += len(ours)
    return {"answer_sets": answer_sets, "fired": fired_total}


# -- timing -----------------------------------------------------------------------------------------------------


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


# -- the measurements -------------------------------------------------------------------------------------------


def measure_size(n: int, tmp: Path, *, samples: int, load_repeats: int) -> dict[str, Any]:
    folder = write_rulebook(tmp / f"rules-{n}", n)
    load_s, load_all = median_time(lambda: load_rulebook(folder), load_repeats)
    book = load_rulebook(folder)
    answers = Answers.validate(complete_answers(), book)
    facts = answers.sets
    compiled = rule_engine_rules(book)
    thing = rule_engine_thing(book, answers)

    ours = fired_by_consultaid(evaluate(book, answers))
    theirs = fired_by_rule_engine(compiled, thing)
    assert ours == set(theirs), f"{n} rules: consultaid and rule-engine fire different rules"

    predicates = [compile_condition(r.when) for r in book.rules]

    def plain_loop() -> list[bool]:
        return [p(facts, None) for p in predicates]

    times = alternate(
        {
            "consultaid": lambda: evaluate(book, answers),
            "rule_engine": lambda: fired_by_rule_engine(compiled, thing),
            "loop": plain_loop,
        },
        samples,
    )
    out: dict[str, Any] = {
        "rules": n,
        "fired": len(ours),
        "evaluate_ms": statistics.median(times["consultaid"]) * 1000,
        "evaluate_iqr_ms": [v * 1000 for v in iqr(times["consultaid"])],
        "rule_engine_ms": statistics.median(times["rule_engine"]) * 1000,
        "rule_engine_iqr_ms": [v * 1000 for v in iqr(times["rule_engine"])],
        "loop_ms": statistics.median(times["loop"]) * 1000,
        "load_s": load_s,
        "load_range_s": [min(load_all), max(load_all)],
    }
    out["speedup"] = out["rule_engine_ms"] / out["evaluate_ms"]
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
    load_rulebook()  # imports, caches
    warm, warm_all = median_time(load_rulebook, repeats)
    cold = []
    for _ in range(max(3, repeats // 3)):
        out = subprocess.run([sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True)
        cold.append(float(out.stdout))
    book = load_rulebook()
    return {
        "default_rules": len(book.rules),
        "default_load_ms": warm * 1000,
        "default_load_iqr_ms": [v * 1000 for v in iqr(warm_all)],
        "default_load_cold_ms": statistics.median(cold) * 1000,
    }


def measure(sizes: tuple[int, ...] = SIZES, *, quick: bool = False) -> dict[str, Any]:
    samples = 5 if quick else 15
    per_size: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="consultaid-bench-") as tmp:
        for n in sizes:
            per_size[n] = measure_size(n, Path(tmp), samples=samples,
                                       load_repeats=(2 if quick else 3) if n >= 10_000 else (3 if quick else 7))
    result: dict[str, Any] = {"engine_samples": samples}
    for n, r in per_size.items():
        k = label(n)
        result[f"evaluate_{k}_ms"] = round(r["evaluate_ms"], 4)
        result[f"evaluate_{k}_iqr_ms"] = [round(v, 4) for v in r["evaluate_iqr_ms"]]
        result[f"rule_engine_{k}_ms"] = round(r["rule_engine_ms"], 3)
        result[f"loop_{k}_ms"] = round(r["loop_ms"], 3)
        result[f"evaluate_speedup_{k}"] = round(r["speedup"], 1)
        result[f"fired_{k}"] = r["fired"]
        result[f"load_{k}_s"] = round(r["load_s"], 4)
        if "lint_s" in r:
            result[f"lint_{k}_s"] = round(r["lint_s"], 4)
    biggest = label(max(per_size))
    result["evaluate_speedup"] = result[f"evaluate_speedup_{biggest}"]
    if 1_000 in per_size and 10_000 in per_size:
        # 1.0 = load time grows exactly linearly from 1,000 to 10,000 rules
        result["load_growth_1k_to_10k"] = round(per_size[10_000]["load_s"] / per_size[1_000]["load_s"] / 10, 2)
    result.update({k: (round(v, 3) if isinstance(v, float) else v) for k, v in measure_default(9 if quick else 21).items()})
    return result


def table(r: dict[str, Any]) -> str:
    sizes = [k[len("evaluate_"):-len("_ms")] for k in r if k.startswith("evaluate_") and k.endswith("_ms")
             and "iqr" not in k]
    lines = [f"Evaluate one set of answers (median of {r['engine_samples']} samples; the columns alternate)",
             f"  {'rules':>6}  {'fired':>6}  {'consultaid':>12}  {'IQR':>17}  {'plain loop':>11}  "
             f"{'rule-engine':>12}  {'speedup':>8}"]
    for k in sizes:
        lo, hi = r[f"evaluate_{k}_iqr_ms"]
        lines.append(f"  {k:>6}  {r[f'fired_{k}']:>6}  {r[f'evaluate_{k}_ms']:>9.3f} ms  {lo:>7.3f}-{hi:.3f} ms  "
                     f"{r[f'loop_{k}_ms']:>8.2f} ms  {r[f'rule_engine_{k}_ms']:>9.1f} ms  "
                     f"{r[f'evaluate_speedup_{k}']:>7.0f}x")
    lines += ["", "Load and validate (YAML files in a temporary folder)" + (", and lint" if f"lint_{sizes[-1]}_s" in r
                                                                         else "")]
    for k in sizes:
        per_rule = r[f"load_{k}_s"] / (int(k[:-1]) * 1000 if k.endswith("k") else int(k)) * 1e6
        lint = f"   lint {r[f'lint_{k}_s']:.3f} s" if f"lint_{k}_s" in r else ""
        lines.append(f"  {k:>6} rules  {r[f'load_{k}_s']:>8.3f} s  ({per_rule:.0f} us a rule){lint}")
    if "load_growth_1k_to_10k" in r:
        lines.append(f"  growth 1k -> 10k, per rule: {r['load_growth_1k_to_10k']:.2f} (1.00 = linear)")
    lines += ["", f"Default rulebook ({r['default_rules']} rules): load {r['default_load_ms']:.1f} ms warm "
              f"(goal < 50 ms); {r['default_load_cold_ms']:.0f} ms in a fresh process, imports included"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="rule counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="fewer samples (a rough figure in a minute)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    try:
        import rule_engine  # noqa: F401
    except ImportError:
        sys.exit("rule-engine is not installed: `make bench` installs it (pip install -e '.[bench]')")
    sizes = tuple(int(s) for s in args.sizes.split(","))
    result = measure(sizes, quick=args.quick)
    print(json.dumps(result) if args.json else table(result))
    return result


if __name__ == "__main__":
    main()
