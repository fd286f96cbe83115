"""Validate ``machining.toml`` against the rest of the catalog, naming file, entry and field.

The model (:mod:`app.domain.catalog.machining_model`) checks each field's form;
here the cross-file facts: every formula reads only the names its rule offers,
and every ``item.figure`` it reads is carried by every hardware item of that
kind (a handle without ``hole_spacing`` would leave its front undrilled), and
every formula evaluates with each such item at sample sizes.  A broken rule is
left out on its own (reported); the other rules and the templates stay usable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from app.domain.catalog.formulas import Formula, FormulaError, ItemValue, shorten
from app.domain.catalog.machining_model import COUNT, INDEX, RULE_ITEM, RULE_NAMES, MachiningFile, rule_formulas
from app.domain.catalog.model import MAX_QUANTITY, HardwareItem
from app.domain.problems import Problem, problems_from_validation

MACHINING_FILE = "machining.toml"
STANDARD_FIELDS = ("length", "load_kg", "mass_kg", "unit_price")
# Sizes the formulas are tried at when the catalog loads: a typical panel, a pair of holes.
_SAMPLE = {"length": 716.0, "width": 560.0, "thickness": 18.0, "face_thickness": 18.0, "hinges": 2.0,
           "step": 32.0, "connectors": 8.0, "joints": 4.0, INDEX: 0.0, COUNT: 2.0}


def item_fields(item: HardwareItem) -> dict[str, float]:
    """What ``kind.name`` reads of an item: its standard numeric fields and its drilling figures."""
    fields = {name: float(getattr(item, name)) for name in STANDARD_FIELDS if getattr(item, name) is not None}
    fields.update(item.drilling)
    return fields


def load_machining(data: dict[str, Any], file: str,
                   hardware: Mapping[str, HardwareItem]) -> tuple[MachiningFile | None, list[Problem]]:
    """The validated machining rules (broken rules left out), and the problems found."""
    entry = "machining"
    try:
        machining = MachiningFile.model_validate(data)
    except ValidationError as exc:
        return None, problems_from_validation(exc, file, entry, MachiningFile.model_fields)
    problems: list[Problem] = []
    drop: dict[str, None] = {}
    for rule_name in RULE_NAMES:
        rule = getattr(machining, rule_name)
        if rule is None:
            continue
        found = _rule_problems(rule_name, rule, file, hardware)
        if found:
            problems += found
            drop[rule_name] = None
    return (machining.model_copy(update=drop) if drop else machining), problems


def _rule_problems(rule_name: str, rule: Any, file: str, hardware: Mapping[str, HardwareItem]) -> list[Problem]:
    entry = f"rule '{rule_name}'"
    kind = RULE_ITEM.get(rule_name)
    allowed = set(RULE_NAMES[rule_name]) | ({kind} if kind else set())
    items = {hid: item for hid, item in hardware.items() if item.kind == kind} if kind else {}
    problems: list[Problem] = []
    formulas = rule_formulas(rule_name, rule)
    for field, formula in formulas:
        unknown = sorted(formula.names - allowed)
        if unknown:
            problems.append(Problem(file, entry, field, f"formula '{shorten(formula.source)}' uses unknown name(s) "
                                                        f"{unknown}; allowed: {', '.join(sorted(allowed))}"))
            continue
        for name, attr in sorted(formula.attributes):
            if name != kind:
                problems.append(Problem(file, entry, field, f"'{name}.{attr}': only '{kind}' items have figures "
                                                            f"here" if kind else f"'{name}.{attr}' means nothing here"))
                continue
            lacking = sorted(hid for hid, item in items.items() if attr not in item_fields(item))
            if lacking:
                problems.append(Problem(file, entry, field, f"'{name}.{attr}': hardware {lacking} of kind '{kind}' "
                                                            f"carry no drilling figure '{attr}' (hardware.toml)"))
    if problems:
        return problems
    return _tried(entry, file, formulas, kind, items)


def _tried(entry: str, file: str, formulas: list[tuple[str, Formula]], kind: str | None,
           items: Mapping[str, HardwareItem]) -> list[Problem]:
    """Every formula evaluated with each item of its kind at the sample sizes (division by zero, text)."""
    samples: list[dict[str, object]] = [dict(_SAMPLE)]
    if kind:
        samples = [{**_SAMPLE, kind: ItemValue(hid, item_fields(item))} for hid, item in items.items()] or samples
    problems = []
    for field, formula in formulas:
        for env in samples:
            try:
                value = formula.number(env)
            except FormulaError as exc:
                problems.append(Problem(file, entry, field, f"cannot be evaluated: {exc}"))
                break
            refused = _refused(field, value)
            if refused:
                with_item = f" with {kind} '{env[kind]}'" if kind and kind in env else ""
                problems.append(Problem(file, entry, field, f"'{shorten(formula.source)}' gives {value:g}{with_item}: "
                                                            f"{refused}"))
                break
    return problems


def _refused(field: str, value: float) -> str | None:
    """Why the drilling would refuse this value of the field (production/machining/drilling.py does too)."""
    if field.endswith(".count") and not 0 <= value <= MAX_QUANTITY:
        return f"a count must be 0 .. {MAX_QUANTITY}"
    if field.endswith((".diameter", ".depth")) and value <= 0:
        return "a hole's diameter and depth must be more than 0 mm"
    return None
