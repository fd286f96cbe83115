"""Rule: every unit can be carried in, assembled, through the room's door opening.

The customer may give the door the furniture comes through (``Design.door_opening``:
clear width and height).  A unit travels assembled: a carcass with what stands on it
is carried as one piece per module that is not an insert (inserts and fronts are
fitted in the room).  A box fits through a door when its two smaller sides, each
with the catalog's ``door_clearance`` added, fit the opening's two sides (the
longest side goes through lengthwise, however it is turned).  A unit that does not
fit is a warning, like a unit too tall to stand up: it has to be assembled in the
room, and the fixes offered make it narrower or shallower.
"""

from __future__ import annotations

from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure
from app.domain.rules.fixes import search_fixes
from app.domain.rules.search import searchable

CODE = "room.door_opening"
CARRIED = ("floor", "wall", "on")   # what travels assembled; inserts ("in") are fitted in the room
RESIZABLE = ("width", "depth", "height")


def fits_through(size: tuple[float, float, float], door: tuple[float, float], clearance: float) -> bool:
    """Whether a box of ``size`` passes a door of clear ``door`` (width, height) with ``clearance`` a side."""
    small, middle, _long = sorted(float(v) for v in size)
    narrow, wide = sorted(float(v) for v in door)
    return small + 2 * clearance <= narrow and middle + 2 * clearance <= wide


def check_design(ctx: CheckContext) -> list[Finding]:
    door = ctx.design.door_opening
    if door is None:
        return []
    clearance = ctx.catalog.info.limits.door_clearance
    found = []
    for module in ctx.design:
        if module.attach not in CARRIED:
            continue
        state = ctx.state(module.id)
        if state is None:
            continue
        size = state.size
        if fits_through(size, door, clearance):
            continue
        small, middle, _ = sorted(float(v) for v in size)
        found.append(Finding(
            "warning", CODE, (module.id,),
            f"This {ctx.name(module.id)} ({small:.0f} x {middle:.0f} mm across) does not pass your door "
            f"({door[0]:.0f} x {door[1]:.0f} mm) with {clearance:g} mm to spare each side. It will have to be "
            f"assembled in the room.",
            Measure(small + 2 * clearance, min(door), "mm", "width across")))
    return found


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    module_id = finding.modules[0]
    targets = [(module_id, name) for name in searchable(ctx, module_id) if name in RESIZABLE]
    return search_fixes(ctx, finding, targets)
