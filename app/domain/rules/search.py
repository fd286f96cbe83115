"""Nearest valid value: the search behind most one-click fixes.

A rule knows what is wrong (a shelf sags) but not which change is the smallest
cure.  :func:`clearing_values` walks a parameter's allowed values outward from the
current one (the catalog's steps, or its options) and yields those for which the
rule's predicate holds on a trial design, nearest first.  Trying parameters of the module
and of its host finds "use the 25 mm board" and "make the cabinet 700 mm wide"
with the same code, and whatever a workshop adds to its catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from app.domain.catalog.model import Parameter
from app.domain.design.design import Value
from app.domain.design.solution_space import numeric_limits
from app.domain.rules.context import CheckContext, user_params

MAX_TRIES = 120   # values tried per parameter: every step of the widest Linea range fits


def candidates(param: Parameter, current: Value, direction: int = 0) -> list[Value]:
    """Allowed values other than ``current``, nearest first; ``direction`` -1/+1 keeps one side only."""
    if param.options is not None:
        here = param.options.index(current) if current in param.options else 0
        others = [(abs(i - here), i - here, o) for i, o in enumerate(param.options) if o != current]
        return [o for _, delta, o in sorted(others) if direction == 0 or delta * direction > 0]
    lo, hi, step = numeric_limits(param)
    step = step or max((hi - lo) / 100.0, 1.0)
    count = round((hi - lo) / step)
    values = [lo + i * step for i in range(count + 1)]
    values = [v for v in values if abs(v - float(current)) > 1e-6
              and (direction == 0 or (v - float(current)) * direction > 0)]
    values.sort(key=lambda v: (abs(v - float(current)), v))
    return [int(v) if float(v).is_integer() else v for v in values[:MAX_TRIES]]


def clearing_values(ctx: CheckContext, module_id: str, name: str, holds: Callable[[CheckContext], bool],
                    around: str | None = None, direction: int = 0) -> Iterator[Value]:
    """The allowed values of ``module_id``'s parameter ``name``, nearest to its current one first,
    for which ``holds(trial)`` is true.  ``around`` names the module whose neighbourhood the
    trial keeps (the one the finding is about)."""
    state = ctx.state(module_id)
    if state is None:
        return
    param = state.mtype.params[name]
    for value in candidates(param, state.params[name], direction):
        if holds(ctx.with_param(module_id, name, value, around)):
            yield value


def searchable(ctx: CheckContext, module_id: str, numeric: bool = True, options: bool = False) -> list[str]:
    """The customer's parameters of a module worth searching (numeric ranges and/or option lists)."""
    found = []
    for name, param in user_params(ctx.mtype(module_id)).items():
        if (param.options is None and numeric) or (param.options is not None and options):
            found.append(name)
    return found
