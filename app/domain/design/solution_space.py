"""The solution space of a parameter: which values the customer may choose.

The inspector only offers allowed values, but values also arrive typed, pasted,
from files and from older catalogs.  :func:`snap` brings any value to the
nearest allowed one and says, in words a customer understands, what it changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Parameter, on_step

Value = float | str


@dataclass(frozen=True)
class Snapped:
    value: Value
    changed: bool
    message: str = ""


def _fmt(value: float, unit: str) -> str:
    text = f"{value:g}"
    return f"{text} {unit}" if unit else text


def numeric_limits(param: Parameter) -> tuple[float, float, float | None]:
    """min, the largest allowed value (the last step at or below max), step."""
    assert param.min is not None and param.max is not None
    if not param.step:
        return param.min, param.max, None
    steps = math.floor((param.max - param.min) / param.step + 1e-9)
    return param.min, param.min + steps * param.step, param.step


def snap(param: Parameter, value: Value) -> Snapped:
    """The nearest allowed value to ``value``, and a message when it differs."""
    label = param.label
    if param.options is not None:
        if value in param.options:
            return Snapped(value, False)
        numbers = [o for o in param.options if isinstance(o, (int, float))]
        if numbers and isinstance(value, (int, float)):
            target = value
            nearest = min(numbers, key=lambda o: (abs(o - target), o))
            return Snapped(nearest, True, f"{label} {_fmt(value, param.unit)} is not offered; "
                                          f"set to {_fmt(nearest, param.unit)}")
        default = param.default
        assert default is not None  # the model requires a default among the options
        return Snapped(default, True, f"{label} {value!r} is not offered; set to {default!r}")
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            fallback = _numeric_default(param)
            return Snapped(fallback, True, f"{label} '{value}' is not a number; kept {_fmt(fallback, param.unit)}")
    if math.isnan(value) or math.isinf(value):
        fallback = _numeric_default(param)
        return Snapped(fallback, True, f"{label} must be a number; kept {_fmt(fallback, param.unit)}")
    lo, hi, step = numeric_limits(param)
    if value < lo:
        return Snapped(lo, True, f"{label} {_fmt(value, param.unit)} is below the minimum; "
                                 f"set to {_fmt(lo, param.unit)}")
    if value > hi:
        return Snapped(hi, True, f"{label} {_fmt(value, param.unit)} is above the maximum; "
                                 f"set to {_fmt(hi, param.unit)}")
    if step is None or on_step(value, lo, step):
        return Snapped(float(value), False)
    snapped = lo + round((value - lo) / step) * step
    snapped = min(max(snapped, lo), hi)
    return Snapped(snapped, True, f"{label} {_fmt(value, param.unit)} lies between the steps of "
                                  f"{_fmt(step, param.unit)}; set to {_fmt(snapped, param.unit)}")


def _numeric_default(param: Parameter) -> float:
    """A numeric parameter's default, or its min when it has none (it follows the host carcass)."""
    value = param.default if param.default is not None else param.min
    assert isinstance(value, (int, float))  # the model requires min, and a number as the default
    return value


def value_text(catalog: Catalog, param: Parameter, value: Value) -> str:
    """How a value reads to the customer: item names for catalog items, words for options, numbers with unit."""
    kind = catalog.item_kind(param)  # not None: every option is an item id (a str)
    if kind == "material":
        return catalog.materials[str(value)].name
    if kind == "hardware":
        return catalog.hardware[str(value)].name
    if kind == "load":
        return catalog.shelf_loads[str(value)].label
    if isinstance(value, str):
        return value.replace("_", " ").capitalize()
    return _fmt(float(value), param.unit)
