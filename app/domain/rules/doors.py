"""Rule 4: doors the hinges can carry, and wide openings closed by two leaves.

Each leaf (from the parts expansion: weight with its share of the handles, and
height) must fall within the catalog's hinge table (the hinge count itself goes
into the bill of materials), and no leaf may be wider than ``max_leaf_width``.
Fixes: replace a too-wide door by a front with two leaves for the same carcass,
or resize the carcass.
"""

from __future__ import annotations

from app.domain.design.commands import AddModule, Command, Macro, RemoveModule
from app.domain.design.design import Design, PlacedModule
from app.domain.design.layout import default_position
from app.domain.production.hinges import is_hinged
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure
from app.domain.rules.fixes import search_fixes
from app.domain.rules.search import searchable

CODE_WIDTH = "door.leaf_width"
CODE_HINGES = "door.hinges"


def check(ctx: CheckContext, module_id: str) -> list[Finding]:
    parts = ctx.parts(module_id)
    if parts is None or not parts.leaves:
        return []
    limits = ctx.catalog.info.limits.doors
    found = []
    widest = max(parts.leaves, key=lambda leaf: leaf.width)
    if float(widest.width) > limits.max_leaf_width:
        found.append(Finding(
            "error", CODE_WIDTH, (module_id,),
            f"A door leaf {float(widest.width):g} mm wide is wider than our hinges hold "
            f"({limits.max_leaf_width:g} mm): wide openings take two leaves.",
            Measure(float(widest.width), limits.max_leaf_width, "mm", "leaf width")))
    for leaf in parts.leaves:
        if not leaf.within_table:
            heaviest = max(limits.hinge_table, key=lambda row: row.max_door_weight_kg)
            tallest = max(limits.hinge_table, key=lambda row: row.max_door_height)
            found.append(Finding(
                "error", CODE_HINGES, (module_id,),
                f"The {leaf.part.lower()} weighs {float(leaf.weight_kg):.1f} kg and is {float(leaf.height):g} mm "
                f"tall; our hinges carry doors up to {heaviest.max_door_weight_kg:g} kg and "
                f"{tallest.max_door_height:g} mm.",
                Measure(round(float(leaf.weight_kg), 1), heaviest.max_door_weight_kg, "kg", "door weight")))
            break
    return found


def _hinged_alternatives(ctx: CheckContext, module_id: str, host_id: str) -> list[str]:
    """Other hinged front types that go into this host (a double door for a door)."""
    host_category = ctx.mtype(host_id).category
    current = ctx.mtype(module_id)
    return [type_id for type_id, mtype in ctx.catalog.modules.items()
            if type_id != current.id and mtype.category == current.category and is_hinged(mtype)
            and "in" in mtype.attach.support and host_category in mtype.attach.hosts]


def _leaf_count(ctx: CheckContext, command: Command, module_id: str) -> int:
    """Leaves the front that ``command`` puts in place of ``module_id`` would have."""
    trial = ctx.design.copy([ctx.design.get(mid) for mid in ctx.local_ids(module_id)])
    command.apply(trial)
    added = next(m for m in trial if m.id not in ctx.design)
    parts = CheckContext(ctx.catalog, trial, parts_cache=ctx.parts_cache).parts(added.id)
    return sum(leaf.count for leaf in parts.leaves) if parts else 0


def split_fix(ctx: CheckContext, module_id: str, type_id: str) -> Fix:
    new_type = ctx.catalog.module(type_id)
    label = f"Use a {new_type.name.lower()} (two leaves)"

    def build(design: Design) -> Macro | None:
        if module_id not in design:
            return None
        old = design.get(module_id)
        ctx_now = CheckContext(ctx.catalog, design, parts_cache=ctx.parts_cache)
        host = ctx_now.state(old.to) if old.to is not None else None
        if host is None:
            return None
        params = {k: v for k, v in old.params.items() if k in new_type.params and not new_type.params[k].from_host}
        finish = old.finish if old.finish in new_type.finishes else new_type.default_finish
        position = default_position(ctx.catalog, type_id, host, params)
        new_id = design.new_id(type_id.split("_")[0][:3])
        module = PlacedModule(new_id, type_id, params, finish, position, 0, "in", old.to)
        return Macro([RemoveModule(module_id), AddModule(module)], label=label)

    return Fix(label, build)


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    module_id = finding.modules[0]
    host = ctx.host(module_id)
    found: list[Fix] = []
    if finding.code == CODE_WIDTH and host is not None:
        for type_id in _hinged_alternatives(ctx, module_id, host):
            fix = split_fix(ctx, module_id, type_id)
            command = fix.build(ctx.design)
            if command is not None and _leaf_count(ctx, command, module_id) > 1 and ctx.accepts(fix):
                found.append(fix)
                break
    if host is not None:
        found += search_fixes(ctx, finding, [(host, n) for n in searchable(ctx, host)], limit=1)
    return tuple(found)
