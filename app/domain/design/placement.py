"""Where a new or moved module goes: flush against neighbours, never overlapping.

* :func:`find_spot` answers "place this module type at the next free spot":
  an insert goes into the given (or first suitable) host at the first free
  height on its pin grid; a top goes on a host with nothing on it; a floor or
  wall module goes flush to the right of the row already standing there.
* :func:`snap_steps` lists the positions an arrow key steps through: for
  floor and wall modules the flush positions beside every neighbour, for inserts
  the host's hole grid, and for wall units also their heights.
* :func:`wall_heights` is a wall unit's height as a placement: tops in line with
  the tall units beside it, the catalog's usual gaps above the worktop below it
  (never closer than its clearance), in line with other wall units, and every
  ``height_step`` between; never above the ceiling (the room's height, and the
  tallest unit the workshop builds).

Boxes that only touch do not overlap (tolerance :data:`TOUCH`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import AttachKind, Design, PlacedModule, Value, Vec3
from app.domain.design.layout import Layout, ModuleState, default_position, evaluate

TOUCH = 0.5  # mm: faces closer than this touch rather than overlap


@dataclass(frozen=True)
class Spot:
    attach: AttachKind
    to: str | None
    position: Vec3


def overlaps(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], tol: float = TOUCH) -> bool:
    return bool(np.all(a[0] < b[1] - tol) and np.all(b[0] < a[1] - tol))


def _candidate_state(catalog: Catalog, type_id: str, params: Mapping[str, Value], spot: Spot,
                     host: ModuleState | None, finish: str = "") -> ModuleState:
    probe = PlacedModule("__probe__", type_id, dict(params), finish, spot.position, 0, spot.attach, spot.to)
    return evaluate(catalog, probe, host)


def _inside(inner: tuple[np.ndarray, np.ndarray], outer: tuple[np.ndarray, np.ndarray]) -> bool:
    return bool(np.all(inner[0] >= outer[0] - TOUCH) and np.all(inner[1] <= outer[1] + TOUCH))


def _free(layout: Layout, state: ModuleState, ignore: set[str]) -> bool:
    box = state.world_bounds
    for other in layout.design.ids():
        if other in ignore:
            continue
        if overlaps(box, layout.state(other).world_bounds):
            return False
    return True


def _insert_spot(catalog: Catalog, layout: Layout, type_id: str, host: ModuleState,
                 params: Mapping[str, Value]) -> Spot | None:
    mtype = catalog.module(type_id)
    x, y, z0 = default_position(catalog, type_id, host, params)
    step = mtype.attach.z_step
    opening = host.opening
    host_id = host.module.id
    # Inserts may overlap their own host (they sit inside it), nothing else.
    ignore = {host_id}
    heights = [z0]
    if step > 0 and opening is not None:
        _, _, oz, _, oh, _ = opening
        candidates = oz + ((z0 - oz) % step) + step * np.arange(-int(oh // step) - 1, int(oh // step) + 2)
        grid = [float(h) for h in candidates if oz - TOUCH <= h <= oz + oh]
        if mtype.category == "insert":
            # A shelf goes into the middle of the largest empty stretch: a second shelf halves the
            # space instead of lying 32 mm above the first.  Fronts (drawers) stack flush from z0.
            z0 = _middle_of_largest_gap(layout, host, oz, oh, z0)
        heights = sorted(grid, key=lambda h: (abs(h - z0), h))
    for z in heights:
        spot = Spot("in", host_id, (float(x), float(y), float(z)))
        state = _candidate_state(catalog, type_id, params, spot, host)
        if opening is not None and mtype.category == "insert":  # fronts stand proud of the host
            ox, oy, oz, ow, oh, od = opening
            lo = host.transform[:3, :3] @ np.array([ox, oy - od, oz]) + host.transform[:3, 3]
            hi = host.transform[:3, :3] @ np.array([ox + ow, oy, oz + oh]) + host.transform[:3, 3]
            if not _inside(state.world_bounds, (np.minimum(lo, hi), np.maximum(lo, hi))):
                continue
        if _free(layout, state, ignore):
            return spot
    return None


def _middle_of_largest_gap(layout: Layout, host: ModuleState, oz: float, oh: float, default: float) -> float:
    """The height (host frame) in the middle of the tallest empty stretch of the host's opening."""
    taken = []
    for child in layout.design.children(host.module.id):
        if child.attach != "in":
            continue
        state = layout.state(child.id)
        if state.mtype.category != "insert":
            continue
        z = child.position[2]
        taken.append((z, z + state.size[2]))
    if not taken:
        return default
    edges = [oz] + [v for span in sorted(taken) for v in span] + [oz + oh]
    gaps = [(edges[i + 1] - edges[i], edges[i]) for i in range(0, len(edges), 2)]
    size, start = max(gaps)
    return start + size / 2


def _on_spot(catalog: Catalog, layout: Layout, type_id: str, host: ModuleState,
             params: Mapping[str, Value]) -> Spot | None:
    spot = Spot("on", host.module.id, default_position(catalog, type_id, host, params))
    state = _candidate_state(catalog, type_id, params, spot, host)
    return spot if _free(layout, state, {host.module.id}) else None


def _row_end(layout: Layout, attach: str) -> tuple[float, float]:
    """Right end of the modules standing on the floor (or hanging on the wall), and their top."""
    right, top = 0.0, 0.0
    for state in layout.states():
        root = state.module
        while root.to is not None:
            root = layout.design.get(root.to)
        if root.attach == attach or (attach == "floor" and root.attach == "floor"):
            _, hi = state.world_bounds
            right = max(right, float(hi[0]))
            top = max(top, float(hi[2]))
    return right, top


def find_spot(catalog: Catalog, design: Design, type_id: str, host_id: str | None = None,
              params: Mapping[str, Value] | None = None) -> Spot | None:
    """The next free spot for a new module of ``type_id`` (``None`` when there is none)."""
    params = dict(params or {})
    mtype = catalog.module(type_id)
    layout = Layout(catalog, design)
    support = mtype.attach.support
    hosts = [host_id] if host_id else [m.id for m in design]
    for hid in hosts:
        host = layout.state(hid)
        if host.mtype.category not in mtype.attach.hosts:
            continue
        if "in" in support:
            spot = _insert_spot(catalog, layout, type_id, host, params)
            if spot:
                return spot
        if "on" in support and "floor" not in support:
            spot = _on_spot(catalog, layout, type_id, host, params)
            if spot:
                return spot
    if host_id is not None and "floor" not in support and "wall" not in support:
        return None
    if "floor" in support:   # right of the floor row, past anything hanging low enough to be in the way
        right, _ = _row_end(layout, "floor")
        boxes = _boxes(layout, set())
        for x in sorted({right} | {float(box[1][0]) for _, box in boxes if box[1][0] > right}):
            spot = Spot("floor", None, (x, 0.0, 0.0))
            box = _candidate_state(catalog, type_id, params, spot, None).world_bounds
            if not any(overlaps(box, other) for _, other in boxes):
                return spot
        return Spot("floor", None, (right, 0.0, 0.0))
    if "wall" in support:
        return _wall_spot(catalog, layout, type_id, params)
    return None


def _boxes(layout: Layout, ignore: set[str]) -> list[tuple[str, tuple[np.ndarray, np.ndarray]]]:
    return [(m.id, layout.state(m.id).world_bounds) for m in layout.design if m.id not in ignore]


def _wall_spot(catalog: Catalog, layout: Layout, type_id: str, params: Mapping[str, Value]) -> Spot:
    """The leftmost place on the wall where the unit hangs at its usual height without touching anything."""
    probe = _candidate_state(catalog, type_id, params, Spot("wall", None, (0.0, 0.0, 0.0)), None)
    width, height = float(probe.size[0]), float(probe.size[2])
    boxes = _boxes(layout, set())
    xs = sorted({0.0} | {float(box[1][0]) for _, box in boxes})
    for x in xs:
        z, fits = wall_heights(catalog, layout, x, x + width, height, set())
        if not fits:
            continue
        lo = np.array([x, -float(probe.size[1]), z])
        hi = lo + np.array([width, float(probe.size[1]), height])
        if not any(overlaps((lo, hi), box) for _, box in boxes):
            return Spot("wall", None, (x, 0.0, z))
    x = xs[-1]
    return Spot("wall", None, (x, 0.0, wall_heights(catalog, layout, x, x + width, height, set())[0]))


def wall_heights(catalog: Catalog, layout: Layout, x_lo: float, x_hi: float, height: float,
                 ignore: set[str]) -> tuple[float, list[float]]:
    """Where a wall unit ``height`` tall spanning ``x_lo``..``x_hi`` hangs first, and every height it snaps to.

    Heights are of its underside above the floor.  The first: its top in line with a tall unit
    beside it, else the catalog's first gap above the worktop below it, else the default height.
    No heights when none fits between the clearance above what stands below and the ceiling.
    """
    habits = catalog.info.placement.wall_units
    limits = catalog.info.limits
    ceiling = float(limits.max_assembly_height)
    if layout.design.room_height is not None:
        ceiling = min(ceiling, float(layout.design.room_height))
    tol = float(catalog.info.placement.run_tolerance) + TOUCH
    below_top: float | None = None
    beside_tops: list[float] = []
    wall_levels: set[float] = set()
    for module_id, (lo, hi) in _boxes(layout, ignore):
        root = layout.design.get(module_id)
        while root.to is not None:
            root = layout.design.get(root.to)
        if root.id in ignore:
            continue
        if root.attach == "wall":
            wall_levels.update((float(lo[2]), float(hi[2]) - height))
            continue
        if float(lo[0]) < x_hi - tol and float(hi[0]) > x_lo + tol:
            below_top = max(below_top or 0.0, float(hi[2]))
        elif abs(float(hi[0]) - x_lo) <= tol or abs(float(lo[0]) - x_hi) <= tol:
            beside_tops.append(float(hi[2]))
    lowest = below_top + float(habits.min_above_worktop) if below_top is not None else 0.0
    highest = ceiling - height
    snaps = {round(float(habits.default_bottom), 3)} if below_top is None else set()
    if below_top is not None:
        snaps.update(round(below_top + float(gap), 3) for gap in habits.above_worktop)
    snaps.update(round(top - height, 3) for top in beside_tops)
    snaps.update(round(z, 3) for z in wall_levels)
    step = float(habits.height_step)
    snaps.update(float(v) for v in np.arange(step * np.ceil(lowest / step), highest + 1e-9, step))
    heights = sorted(z for z in snaps if lowest - 1e-6 <= z <= highest + 1e-6)
    tall = [top - height for top in beside_tops if lowest - 1e-6 <= top - height <= highest + 1e-6]
    if tall:
        first = max(tall)
    elif below_top is not None:
        first = below_top + float(habits.above_worktop[0])
    else:
        first = float(habits.default_bottom)
    if highest < lowest - 1e-6:
        return lowest, []   # no height fits here: over the floor units below and under the ceiling
    return min(max(first, lowest), highest), heights


def snap_steps(catalog: Catalog, design: Design, module_id: str) -> list[Vec3]:
    """The positions an arrow key steps through for this module, sorted along its axis of travel."""
    layout = Layout(catalog, design)
    state = layout.state(module_id)
    module = state.module
    if module.attach == "in":
        host = layout.state(module.to)  # type: ignore[arg-type]
        step = state.mtype.attach.z_step
        if not step or host.opening is None:
            return [module.position]
        _, _, oz, _, oh, _ = host.opening
        x, y, z = module.position
        first = oz + ((z - oz) % step) if z >= oz else oz
        zs = np.arange(first, oz + oh - state.size[2] + 1e-9, step)
        return [(x, y, float(v)) for v in zs] or [module.position]
    if module.attach in ("floor", "wall"):
        width = state.world_bounds[1][0] - state.world_bounds[0][0]
        offset = module.position[0] - state.world_bounds[0][0]  # rotation may move the box off the origin
        xs = {0.0}
        moving = {module_id} | {d.id for d in design.descendants(module_id)}
        for other in design:
            if other.id in moving or other.to is not None:
                continue
            lo, hi = layout.state(other.id).world_bounds
            xs.update((float(hi[0]), float(lo[0] - width)))
        lo, hi = state.world_bounds
        others = [layout.state(m.id).world_bounds for m in design if m.id not in moving]
        free = []
        for x in sorted(v for v in xs if v >= -TOUCH):
            shift = np.array([x - lo[0], 0.0, 0.0])
            if not any(overlaps((lo + shift, hi + shift), box) for box in others):
                free.append((x + offset, module.position[1], module.position[2]))
        if module.attach == "wall":   # and up and down at the heights it snaps to, where it is
            z_lo, z_hi = float(lo[2]), float(hi[2])
            _, heights = wall_heights(catalog, layout, float(lo[0]), float(hi[0]), z_hi - z_lo, moving)
            for z in heights:
                if abs(z - module.position[2]) <= TOUCH:
                    continue
                shift = np.array([0.0, 0.0, z - z_lo])
                if not any(overlaps((lo + shift, hi + shift), box) for box in others):
                    free.append((module.position[0], module.position[1], z))
        return free or [module.position]
    return [module.position]


def next_step(steps: list[Vec3], current: Vec3, direction: int, axis: int) -> Vec3 | None:
    """The nearest step strictly beyond ``current`` in ``direction`` (+1 / -1) along ``axis``."""
    here = current[axis]
    ahead = [s for s in steps if (s[axis] - here) * direction > TOUCH]
    if not ahead:
        return None
    return min(ahead, key=lambda s: abs(s[axis] - here))
