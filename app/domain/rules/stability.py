"""Rule 7: free-standing units that could tip over get a wall anchor (or are refused).

For each unit standing on the floor (a floor module and everything on and in it),
with every door and drawer open:

* masses from the real parts (area x thickness x density, plus hardware), each
  at the centre of its module (EN 14749 takes a component's centre of gravity
  as its geometric centre); drawers pulled out by their runner length, door
  leaves swung open (their mass half a leaf width in front of the carcass);
* the test load (``[limits.stability] test_load_kg``, 23 kg: ASTM F2057's
  five-year-old) on the most unfavourable open front: a drawer's front face, or
  the middle of an open door leaf;
* it tips forward when the load's moment about the front edge of what stands on
  the floor exceeds the unit's own; and a unit taller than
  ``max_height_to_depth_free_standing`` times its depth needs anchoring anyway.

Such a unit gets a warning that says so, and the anchor kit (one per carcass)
goes into the bill of materials through ``Finding.requires``.  A unit whose
catalog entry forbids anchoring is an error instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.design.placement import TOUCH
from app.domain.production.tally import ExtraHardware
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Measure

CODE_ANCHOR = "stability.anchor"
CODE_CANNOT = "stability.cannot_anchor"
RUNNER_KIND = "runner"
CARCASS_CATEGORIES = ("carcass", "open_shelf")


@dataclass(frozen=True)
class Balance:
    """A unit's forward stability with everything open: moments about its front edge (kg x mm)."""

    mass_kg: float
    edge_y: float            # front edge of what stands on the floor
    cog_y: float             # centre of gravity, everything open
    load_y: float | None     # where the test load acts (None: no door or drawer)
    load_on: str             # "drawer" or "door": the front the load acts on
    load_kg: float
    height: float
    depth: float

    @property
    def resisting(self) -> float:
        return self.mass_kg * (self.cog_y - self.edge_y)

    @property
    def overturning(self) -> float:
        return 0.0 if self.load_y is None else self.load_kg * max(self.edge_y - self.load_y, 0.0)

    @property
    def tips(self) -> bool:
        return self.cog_y < self.edge_y or self.overturning > self.resisting


def units(ctx: CheckContext) -> dict[str, list[str]]:
    """Floor-standing roots and everything on and in them (wall modules hang: they are held)."""
    found = {}
    for module in ctx.design:
        if module.to is None and module.attach == "floor":
            found[module.id] = [module.id] + [m.id for m in ctx.design.descendants(module.id)]
    return found


def balance(ctx: CheckContext, members: list[str]) -> Balance | None:
    test_load = ctx.catalog.info.limits.stability.test_load_kg
    mass = moment = 0.0
    edge = None
    load_y, load_on = None, ""
    bottom_lo, bottom_hi, top = None, None, 0.0
    for module_id in members:
        state, parts = ctx.state(module_id), ctx.parts(module_id)
        if state is None or parts is None:
            return None
        lo, hi = state.world_bounds
        top = max(top, float(hi[2]))
        if lo[2] <= TOUCH:   # stands on the floor: its front edge may be the tipping edge
            edge = float(lo[1]) if edge is None else min(edge, float(lo[1]))
            bottom_lo = float(lo[1]) if bottom_lo is None else min(bottom_lo, float(lo[1]))
            bottom_hi = float(hi[1]) if bottom_hi is None else max(bottom_hi, float(hi[1]))
        m = float(parts.mass_kg)
        centre = float(lo[1] + hi[1]) / 2
        runner = next((ctx.catalog.hardware[h.item] for h in parts.hardware
                       if ctx.catalog.hardware[h.item].kind == RUNNER_KIND), None)
        if runner is not None and runner.length:   # a drawer pulled out on full-extension runners
            centre -= runner.length
            front = float(lo[1]) - runner.length
            if load_y is None or front < load_y:
                load_y, load_on = front, "drawer"
        elif parts.leaves:   # door leaves swung open: their mass half a leaf in front of the carcass
            leaf_kg = sum(float(leaf.weight_kg) * leaf.count for leaf in parts.leaves)
            width = float(max(leaf.width for leaf in parts.leaves))
            open_centre = float(lo[1]) - width / 2
            moment += leaf_kg * open_centre + (m - leaf_kg) * centre
            mass += m
            if load_y is None or open_centre < load_y:
                load_y, load_on = open_centre, "door"
            continue
        moment += m * centre
        mass += m
    if edge is None or bottom_lo is None or bottom_hi is None or mass <= 0:  # nothing stands on the floor
        return None
    return Balance(mass, edge, moment / mass, load_y, load_on, test_load, top, bottom_hi - bottom_lo)


def _remembered_balance(ctx: CheckContext, members: list[str]) -> Balance | None:
    """The unit's balance, worked out again only when one of its modules was resolved anew.

    A layout keeps a module's resolved state until an edit touches it, so the very
    same state objects mean the very same masses and places.
    """
    states = tuple(ctx.state(m) for m in members)
    key = ("balance", tuple(members))
    remembered = ctx.memo.get(key)
    if remembered is not None and all(a is b for a, b in zip(remembered[0], states)) \
            and len(remembered[0]) == len(states):
        known: Balance | None = remembered[1]
        return known
    result = balance(ctx, members)
    ctx.memo[key] = (states, result)   # holding the states keeps their identity meaningful
    return result


def check_design(ctx: CheckContext) -> list[Finding]:
    limits = ctx.catalog.info.limits.stability
    found = []
    for root, members in units(ctx).items():
        b = _remembered_balance(ctx, members)
        if b is None:
            continue
        ratio = b.height / b.depth if b.depth > 0 else float("inf")
        too_slender = ratio > limits.max_height_to_depth_free_standing
        if not (b.tips or too_slender):
            continue
        if b.tips:
            why = (f"it could tip over when a child ({b.load_kg:g} kg) climbs an open {b.load_on}"
                   if b.load_y is not None else "it could tip over with its doors and drawers open")
            measure = Measure(round(b.overturning / 1000, 1), round(max(b.resisting, 0) / 1000, 1), "kg m",
                              "tipping moment")
        else:
            why = (f"it is {b.height:g} mm tall on a {b.depth:g} mm deep base, more than "
                   f"{limits.max_height_to_depth_free_standing:g} times as tall as deep")
            measure = Measure(round(ratio, 2), limits.max_height_to_depth_free_standing, "", "height / depth")
        blocked = [m for m in members if not ctx.mtype(m).attach.anchorable]
        if blocked:
            found.append(Finding("error", CODE_CANNOT, (root, *blocked),
                                 f"This unit needs fixing to the wall ({why}), but the {ctx.name(blocked[0])} "
                                 f"cannot be anchored.", measure))
            continue
        carcasses = sum(1 for m in members if ctx.mtype(m).category in CARCASS_CATEGORIES) or 1
        anchor = ExtraHardware(limits.anchor_item, carcasses, f"{root}: {why}", root)
        found.append(Finding("warning", CODE_ANCHOR, (root,),
                             f"This unit needs a wall anchor: {why}. The anchor kit is included in your order.",
                             measure, requires=(anchor,)))
    return found
