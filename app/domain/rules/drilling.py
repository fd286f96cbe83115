"""Rule 8: the drilling can be done: no hole clashes with another, an edge, a plate or a joint.

The machining comes from the catalog's ``machining.toml``
(:mod:`app.domain.production.machining`); this rule turns its clashes
(:mod:`app.domain.production.machining.clashes`) into findings, one per kind of
clash and modules concerned:

* a shelf pin under a hinge plate or with no pin hole, a handle screw over a drawer-box joint: where
  the customer placed things (``[clearances] placement_severity``; the workshop
  leaves that pin out, the customer may move the shelf one step);
* holes that overlap, reach the part's edge, or leave too little board under a
  blind hole: a drilling rule the catalog cannot keep (``[clearances] severity``).

Checked per host and its inserts (the only modules whose holes meet), each
family remembered by content, so an edit re-drills only what it touched.
"""

from __future__ import annotations

from collections.abc import Hashable

from app.domain.production.machining import Clash, MachiningError, clashes, design_machining
from app.domain.production.parts import PartsError
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Measure

PREFIX = "drilling."
PLACEMENT_CLASHES = ("pin_under_plate", "pin_not_drilled", "handle_over_joint")
ADVICE = {
    "pin_under_plate": " Move the shelf one step up or down; the workshop leaves out pin holes under hinge plates.",
    "pin_not_drilled": " Move the shelf one step up or down.",
    "handle_over_joint": " Choose another handle or a wider drawer.",
}


def families(ctx: CheckContext) -> list[list[str]]:
    """Each module not inserted into another, with the modules inserted into it."""
    inserted: dict[str, list[str]] = {}
    roots = []
    for module in ctx.design:
        if module.attach == "in" and module.to is not None:
            inserted.setdefault(module.to, []).append(module.id)
        else:
            roots.append(module.id)
    return [[root, *inserted.get(root, [])] for root in roots]


def _family_key(ctx: CheckContext, family: list[str]) -> Hashable | None:
    try:
        states = [ctx.layout.state(mid) for mid in family]
    except (KeyError, ValueError):
        return None
    host = states[0]
    return ("drilling", host.module.id, host.content_key,
            tuple((s.module.id, s.content_key, s.module.position, s.module.rotation) for s in states[1:]))


def family_clashes(ctx: CheckContext, family: list[str]) -> list[Clash] | MachiningError | None:
    """The clashes of one family; None where its modules cannot be expanded (other rules say why), or the
    machining.toml formula that failed at these sizes (no other rule says that: :func:`check_design` does)."""
    machining = ctx.catalog.machining
    if machining is None:
        return []
    key = _family_key(ctx, family)
    if key is not None and key in ctx.memo:
        cached: list[Clash] | MachiningError | None = ctx.memo[key]
        return cached
    found: list[Clash] | MachiningError | None
    try:
        found = clashes(design_machining(ctx.catalog, ctx.design, ctx.layout, ctx.parts_cache, only=family),
                        machining.clearances)
    except MachiningError as exc:
        found = exc
    except PartsError:
        found = None
    if key is not None:
        ctx.memo[key] = found
    return found


def check_design(ctx: CheckContext) -> list[Finding]:
    machining = ctx.catalog.machining
    if machining is None:
        return []
    grouped: dict[tuple[str, tuple[str, ...]], list[Clash]] = {}
    found = []
    for family in families(ctx):
        result = family_clashes(ctx, family)
        if isinstance(result, MachiningError):   # else the design passes and only the DXF export fails
            found.append(Finding("error", PREFIX + "rule_failed", (family[0],),
                                 f"The workshop's drilling rules fail for this unit: {result}"))
            continue
        for clash in result or []:
            grouped.setdefault((clash.code, clash.modules), []).append(clash)
    for (code, modules), same in grouped.items():
        first = same[0]
        severity = (machining.clearances.placement_severity if code in PLACEMENT_CLASHES
                    else machining.clearances.severity)
        more = f" ({len(same) - 1} more like it)" if len(same) > 1 else ""
        message = f"Drilling the {ctx.name(first.piece[0])}: {first.message}{more}.{ADVICE.get(code, '')}"
        measure = Measure(first.value, first.limit, "mm", code.replace("_", " ")) if first.limit else None
        found.append(Finding(severity, PREFIX + code, modules, message, measure))
    return found
