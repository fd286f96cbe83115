"""Rule 5: drawer runners that fit the carcass and carry what the drawer is sized for.

A drawer's runner (its hardware of kind ``runner``) must not be longer than the
carcass opening is deep.  Its load class (``load_kg``) must carry the drawer's
design contents: the box floor (its largest ``drawer_box`` panel) times
``[limits.drawers] design_load_kg_per_m2``.  Fixes: another runner from the
drawer's options, or a deeper carcass.
"""

from __future__ import annotations

from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure
from app.domain.rules.fixes import own_and_host_targets, search_fixes

CODE_DEPTH = "drawer.runner_depth"
CODE_LOAD = "drawer.load"
RUNNER_KIND = "runner"
BOX_ROLE = "drawer_box"


def check(ctx: CheckContext, module_id: str) -> list[Finding]:
    parts = ctx.parts(module_id)
    if parts is None:
        return []
    runners = [ctx.catalog.hardware[line.item] for line in parts.hardware
               if ctx.catalog.hardware[line.item].kind == RUNNER_KIND]
    if not runners:
        return []
    runner = runners[0]
    found = []
    host = ctx.host(module_id)
    host_state = ctx.state(host) if host else None
    if runner.length is not None and host is not None and host_state is not None and host_state.opening is not None:
        inner_depth = host_state.opening[5]
        if runner.length > inner_depth + 1e-6:
            found.append(Finding(
                "error", CODE_DEPTH, (module_id,),
                f"The drawer's {runner.length:g} mm runners do not fit the {ctx.name(host)}, which is "
                f"{inner_depth:g} mm deep inside.",
                Measure(runner.length, inner_depth, "mm", "runner length")))
    boxes = [p for p in parts.panels if p.role == BOX_ROLE]
    if boxes and runner.load_kg is not None:
        floor = max(boxes, key=lambda p: p.length * p.width)
        area_m2 = float(floor.length * floor.width) / 1e6
        contents = area_m2 * ctx.catalog.info.limits.drawers.design_load_kg_per_m2
        if contents > runner.load_kg:
            found.append(Finding(
                "warning", CODE_LOAD, (module_id,),
                f"A full drawer this size holds about {contents:.0f} kg; its runners are made for "
                f"{runner.load_kg:g} kg.", Measure(round(contents, 1), runner.load_kg, "kg", "contents")))
    return found


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    return search_fixes(ctx, finding, own_and_host_targets(ctx, finding.modules[0]))
