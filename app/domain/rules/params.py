"""Rule 1: every parameter inside its solution space (min, max, step, options).

The inspector never offers an impossible value, but values also come from files,
older catalogs and hosts: a door takes its width from its carcass.  A value the
customer chose snaps to the nearest allowed one; a value taken from the host is
fixed on the host (the nearest host size that brings it inside).
"""

from __future__ import annotations

from app.domain.catalog.model import Parameter
from app.domain.design.design import Value
from app.domain.design.solution_space import snap, value_text
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure
from app.domain.rules.fixes import param_fix, search_fixes
from app.domain.rules.search import searchable

CODE_RANGE = "param.range"
CODE_OPTION = "param.option"
CODE_STEP = "param.step"


def _finding(ctx: CheckContext, module_id: str, name: str, param: Parameter, value: Value) -> Finding | None:
    snapped = snap(param, value)
    if not snapped.changed:
        return None
    what = f"the {ctx.name(module_id)}'s {param.label.lower()}"
    if param.options is not None:
        return Finding("error", f"{CODE_OPTION}.{name}", (module_id,),
                       f"{what.capitalize()} {value!r} is not offered "
                       f"(choose {', '.join(value_text(ctx.catalog, param, o) for o in param.options)}).")
    lo, hi = param.min, param.max
    assert lo is not None and hi is not None  # a parameter without options has both (the model checks)
    number = float(value) if not isinstance(value, str) else float("nan")
    if number < lo or number > hi:
        limit = lo if number < lo else hi
        side = "smallest" if number < lo else "largest"
        bound = " (it follows the carcass)" if param.from_host else ""
        return Finding("error", f"{CODE_RANGE}.{name}", (module_id,),
                       f"{what.capitalize()} is {number:g} {param.unit}{bound}; the {side} we make is "
                       f"{limit:g} {param.unit}.", Measure(number, limit, param.unit, param.label.lower()))
    return Finding("error", f"{CODE_STEP}.{name}", (module_id,),
                   f"{what.capitalize()} {number:g} {param.unit} is between our steps of {param.step:g} "
                   f"{param.unit}.", Measure(number, float(snapped.value), param.unit, param.label.lower()))


def check(ctx: CheckContext, module_id: str) -> list[Finding]:
    state = ctx.state(module_id)
    if state is None:
        return []
    found = []
    for name, param in state.mtype.params.items():
        value = state.params.get(name)
        if value is None:
            continue
        finding = _finding(ctx, module_id, name, param, value)
        if finding is not None:
            found.append(finding)
    return found


def check_given(ctx: CheckContext, module_id: str) -> list[Finding]:
    """The values a module was given (for a module that cannot be resolved: an unknown option
    naming no catalog item stops its formulas, but is still the customer's to fix)."""
    module = ctx.design.get(module_id)
    mtype = ctx.catalog.modules.get(module.type_id)
    if mtype is None:
        return []
    found = []
    for name, value in module.params.items():
        param = mtype.params.get(name)
        if param is not None and not param.from_host:
            finding = _finding(ctx, module_id, name, param, value)
            if finding is not None:
                found.append(finding)
    return found


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    module_id = finding.modules[0]
    name = finding.code.rsplit(".", 1)[1]
    module = ctx.design.get(module_id)
    param = ctx.mtype(module_id).params[name]
    if not param.from_host:
        fix = param_fix(ctx, module_id, name, snap(param, module.params[name]).value)
        return (fix,) if ctx.accepts(fix) else ()
    host = ctx.host(module_id)
    if host is None:
        return ()
    return search_fixes(ctx, finding, [(host, n) for n in searchable(ctx, host)])
