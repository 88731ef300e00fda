"""The rule contract's fixed ids (shared with answer files, exports and scripts), as a checklist for the lint.

The ids live in one data file, ``contracts.yaml`` beside this module, so that a new contract is written
once, as data, and the program never restates it. Contract 2 is contract 1 plus what it adds. The engine
does not read any of this: what it does is declared in the rulebook. This only lets ``rules check`` warn when
a rulebook (a clinic's own copy, say) drops or weakens something other programs rely on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("contracts.yaml")
"""The contracts as data (shipped in the package)."""

QuestionIds = Mapping[str, tuple[str, tuple[str, ...]]]
"""question id -> (kind, option ids), in the contract's order."""


@dataclass(frozen=True)
class Contract:
    """Every id one contract fixes."""

    name: str
    questions: QuestionIds
    procedures: tuple[str, ...]
    cautions: Mapping[str, str]
    """caution id -> its level (info, warning or critical)."""
    referral_caution: str
    """The result's ``referral`` is true exactly when this caution shows: it alone carries
    ``referral: true``."""


class ContractDataError(ValueError):
    """contracts.yaml is not as this module expects: a mistake in the shipped data, named with its place."""


def names() -> tuple[str, ...]:
    """The contracts there are, oldest first."""
    return tuple(_raw())


def get(name: str) -> Contract:
    """The contract called ``name`` (``consultaid-1``, ``consultaid-2``), with everything it inherits."""
    return _build(name)


# --- reading the data ---------------------------------------------------------------------------------------


@cache
def _raw() -> dict[str, Any]:
    from ..yamlfile import load_yaml

    data = load_yaml(DATA.read_text(encoding="utf-8"))
    contracts = data.get("contracts") if isinstance(data, dict) else None
    if not isinstance(contracts, dict) or not contracts:
        raise ContractDataError(f"{DATA.name}: expected a mapping 'contracts' of contract names")
    return contracts


@cache
def _build(name: str) -> Contract:
    raw = _raw()
    if name not in raw:
        raise ValueError(f"unknown contract {name!r} (known: {', '.join(raw)})")
    entry = _mapping(raw[name], name)
    parent_name = entry.get("extends")
    if parent_name is None:
        return Contract(
            name=name,
            questions=_questions(entry.get("questions"), f"{name}.questions"),
            procedures=_ids(entry.get("procedures"), f"{name}.procedures"),
            cautions=_levels(entry.get("cautions"), f"{name}.cautions"),
            referral_caution=_text(entry.get("referral_caution"), f"{name}.referral_caution"),
        )
    if not isinstance(parent_name, str) or parent_name == name:
        raise ContractDataError(f"{DATA.name}: {name}.extends must name another contract")
    parent = _build(parent_name)
    adds = _mapping(entry.get("adds", {}), f"{name}.adds")
    questions = dict(parent.questions)
    for qid, options in _mapping(adds.get("options", {}), f"{name}.adds.options").items():
        if qid not in questions:
            raise ContractDataError(
                f"{DATA.name}: {name}.adds.options names '{qid}', not a question of {parent_name}"
            )
        kind, have = questions[qid]
        questions[qid] = (kind, have + _ids(options, f"{name}.adds.options.{qid}"))
    for qid, spec in _questions(adds.get("questions", {}), f"{name}.adds.questions").items():
        if qid in questions:
            raise ContractDataError(f"{DATA.name}: {name}.adds.questions repeats '{qid}' of {parent_name}")
        questions[qid] = spec
    return Contract(
        name=name,
        questions=questions,
        procedures=parent.procedures + _ids(adds.get("procedures", []), f"{name}.adds.procedures"),
        cautions={**parent.cautions, **_levels(adds.get("cautions", {}), f"{name}.adds.cautions")},
        referral_caution=parent.referral_caution,
    )


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContractDataError(f"{DATA.name}: {where} must be a mapping")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ContractDataError(f"{DATA.name}: {where} must be an id")
    return value


def _ids(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ContractDataError(f"{DATA.name}: {where} must be a list of ids")
    if len(set(value)) != len(value):
        raise ContractDataError(f"{DATA.name}: {where} lists an id twice")
    return tuple(value)


def _questions(value: Any, where: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for qid, spec in _mapping(value, where).items():
        spec = _mapping(spec, f"{where}.{qid}")
        kind = spec.get("kind")
        if kind not in ("single", "multiple"):
            raise ContractDataError(f"{DATA.name}: {where}.{qid}.kind must be single or multiple")
        out[qid] = (kind, _ids(spec.get("options"), f"{where}.{qid}.options"))
    return out


def _levels(value: Any, where: str) -> dict[str, str]:
    levels = _mapping(value, where)
    for cid, level in levels.items():
        if level not in ("info", "warning", "critical"):
            raise ContractDataError(f"{DATA.name}: {where}.{cid} must be info, warning or critical")
    return dict(levels)
