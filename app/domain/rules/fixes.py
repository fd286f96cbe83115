"""Building one-click fixes: set a parameter to the nearest value that clears a finding.

A fix is only offered when, tried on a small copy of the design around the
module, it removes its finding *and* brings no new error to the modules it
touches.  Numeric changes are ranked by how little they change (relative to the
current value); switching an option (a thicker board) comes before resizing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.domain.design.commands import SetParameter
from app.domain.design.design import Design, Value
from app.domain.design.solution_space import value_text
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix
from app.domain.rules.search import clearing_values, searchable

MAX_FIXES = 2
MAX_WHOLE_DESIGN_TRIES = 3   # clearing values of one parameter tried on the whole design


def param_fix(ctx: CheckContext, module_id: str, name: str, value: Value) -> Fix:
    """'Set the tall cabinet's width to 750 mm' as a fix."""
    param = ctx.mtype(module_id).params[name]
    label = f"Set the {ctx.name(module_id)}'s {param.label.lower()} to {value_text(ctx.catalog, param, value)}"

    def build(design: Design) -> SetParameter | None:
        if module_id not in design:
            return None
        return SetParameter(module_id, name=name, value=value, label=label)

    return Fix(label, build)


def clears(ctx: CheckContext, finding: Finding) -> Callable[[CheckContext], bool]:
    """A predicate on trial contexts: the finding is gone and the touched modules have no new error."""
    before = {f.key for f in ctx.neighbourhood(finding.modules[0]).local_findings() if f.severity == "error"}

    def holds(trial: CheckContext) -> bool:
        found = trial.local_findings()
        if any(f.key == finding.key for f in found):
            return False
        return all(f.key in before for f in found if f.severity == "error")

    return holds


def search_fixes(ctx: CheckContext, finding: Finding, targets: Iterable[tuple[str, str]],
                 limit: int = MAX_FIXES) -> tuple[Fix, ...]:
    """Fixes from the nearest clearing value of each (module id, parameter) in ``targets``.

    A value that clears the finding on the small trial design is then put to the
    engine (``ctx.accepts``), which tries it on the whole design: a wider cabinet
    may clear a door's problem and collide with its neighbour.
    """
    holds = clears(ctx, finding)
    around = finding.modules[0]
    ranked = []
    for module_id, name in targets:
        for tried, value in enumerate(clearing_values(ctx, module_id, name, holds, around=around)):
            if tried >= MAX_WHOLE_DESIGN_TRIES:
                break
            fix = param_fix(ctx, module_id, name, value)
            if ctx.accepts(fix):
                ranked.append((_change(ctx.layout.state(module_id).params[name], value), fix))
                break
    ranked.sort(key=lambda pair: pair[0])
    return tuple(fix for _, fix in ranked[:limit])


def _change(current: Value, value: Value) -> float:
    """How big a change is: option switches come first (0), then the smallest relative resize."""
    if isinstance(value, str) or isinstance(current, str):
        return 0.0
    return abs(float(value) - float(current)) / max(abs(float(current)), 1.0)


def first_accepted(ctx: CheckContext, candidates: Iterable[Fix], limit: int = 6) -> Fix | None:
    """The first of ``candidates`` (nearest first) the whole design accepts, trying at most ``limit``."""
    for tried, fix in enumerate(candidates):
        if tried >= limit:
            break
        if ctx.accepts(fix):
            return fix
    return None


def own_and_host_targets(ctx: CheckContext, module_id: str, options: bool = True) -> list[tuple[str, str]]:
    """The module's own parameters (options too), then its host's numeric ones."""
    targets = [(module_id, n) for n in searchable(ctx, module_id, numeric=True, options=options)]
    host = ctx.host(module_id)
    if host is not None:
        targets += [(host, n) for n in searchable(ctx, host, numeric=True, options=False)]
    return targets
