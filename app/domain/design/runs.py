"""Runs: modules standing side by side, and the edits that keep a run together.

A *run* is a row of units (carcasses and open units) on the same wall, at the
same hang level (their undersides at one height), not turned, each touching the
next within the catalog's ``placement.run_tolerance``.  What spans a run (a top
on its units, a plinth or legs under them: the catalog's ``top`` and ``base``
categories) belongs to it.

* :func:`find_runs` and :func:`run_of` read the runs off a :class:`Layout`.
* :func:`resize` widens or narrows a unit: the units to its right (and the bases
  they stand on) move along, and the tops and bases that span its right edge
  grow or shrink with it, within their own limits.  Nothing is pushed into: a
  run of another level standing against the end of what moves (a tall unit at
  the end of a row of wall cabinets) is pushed along too.
* :func:`delete` removes a unit and closes the gap; a top that rested on it and
  spans further is handed to the next unit; a plinth left carrying nothing goes.
* :func:`join` is where a new unit (or a copy of one) goes when it is added to a
  run: at the run's right end, on its base, with the run's height, depth and
  finish, under its top.
* :func:`make_room` is the fix for units overlapping side by side.

All of these return commands (a :class:`Macro` is one undo step); nothing here
names a catalog id.  The kiosk and the configurator share them, and the rules
read the runs (``assembly.run_span``: a top or base that does not follow its run).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.design.commands import AddModule, Command, Macro, MoveModule, RemoveModule, SetParameter, fresh
from app.domain.design.design import Design, PlacedModule, Value, Vec3
from app.domain.design.layout import Layout, evaluate
from app.domain.design.placement import overlaps
from app.domain.design.solution_space import numeric_limits, snap

UNIT_CATEGORIES = ("carcass", "open_shelf")
SPAN_CATEGORIES = ("top", "base")
# What a unit added to a run takes from its neighbour (when the new type has it and allows the value).
SHARED_PARAMS = ("height", "depth")


@dataclass(frozen=True)
class Run:
    """Units side by side, left to right, with their extent along the wall and their underside."""

    units: tuple[str, ...]
    level: str      # 'floor' or 'wall': what the units' stacks stand on or hang from
    lo: float       # x of the run's left end (room)
    hi: float       # x of its right end
    bottom: float   # z of the units' undersides

    def __contains__(self, module_id: object) -> bool:
        return module_id in self.units


@dataclass
class Rehost:
    """Hand a module (a top) to another host, at a position in the new host's frame: one undoable edit."""

    module_id: str
    to: str
    position: Vec3
    label: str = "Move top"
    _before: PlacedModule | None = None

    def apply(self, design: Design) -> None:
        current = design.get(self.module_id)
        self._before = current
        x, y, z = self.position
        design.replace(replace(current, to=self.to, position=(float(x), float(y), float(z))), "moved")

    def revert(self, design: Design) -> None:
        assert self._before is not None, "revert before apply"
        design.replace(self._before, "moved")


def tolerance(catalog: Catalog) -> float:
    return float(catalog.info.placement.run_tolerance)


def root_of(design: Design, module_id: str) -> PlacedModule:
    module = design.get(module_id)
    while module.to is not None:
        module = design.get(module.to)
    return module


def level_of(design: Design, module_id: str) -> str:
    return "wall" if root_of(design, module_id).attach == "wall" else "floor"


def is_unit(catalog: Catalog, module: PlacedModule) -> bool:
    mtype = catalog.modules.get(module.type_id)
    return mtype is not None and mtype.category in UNIT_CATEGORIES and module.attach != "in"


def _upright(layout: Layout, module_id: str) -> bool:
    return bool(np.allclose(layout.state(module_id).transform[:3, :3], np.eye(3)))


def find_runs(catalog: Catalog, layout: Layout) -> list[Run]:
    """Every run of the design (a unit standing alone is a run of one), left to right per level."""
    tol = tolerance(catalog)
    design = layout.design
    units = [m.id for m in design if is_unit(catalog, m)]
    groups: dict[tuple[str, float, float, bool], list[str]] = {}
    for uid in units:
        lo, hi = layout.state(uid).world_bounds
        key = (level_of(design, uid), round(float(lo[2]) / tol) if tol else float(lo[2]),
               round(float(hi[1]) / tol) if tol else float(hi[1]), _upright(layout, uid))
        groups.setdefault(key, []).append(uid)
    runs: list[Run] = []
    for (level, _z, _y, upright), members in groups.items():
        members.sort(key=lambda u: float(layout.state(u).world_bounds[0][0]))
        current: list[str] = []
        for uid in members:
            lo, _hi = layout.state(uid).world_bounds
            if current and upright and abs(float(lo[0]) - float(layout.state(current[-1]).world_bounds[1][0])) <= tol:
                current.append(uid)
                continue
            if current:
                runs.append(_run(layout, current, level))
            current = [uid]
        if current:
            runs.append(_run(layout, current, level))
    return sorted(runs, key=lambda r: (r.level, r.bottom, r.lo))


def _run(layout: Layout, units: list[str], level: str) -> Run:
    first, last = layout.state(units[0]).world_bounds, layout.state(units[-1]).world_bounds
    return Run(tuple(units), level, float(first[0][0]), float(last[1][0]), float(first[0][2]))


def unit_of(catalog: Catalog, design: Design, module_id: str) -> str | None:
    """The unit a module belongs to: itself, the unit it is in or on, or the first unit on a base."""
    module = design.get(module_id)
    while not is_unit(catalog, module) and module.to is not None:
        module = design.get(module.to)
    if is_unit(catalog, module):
        return module.id
    return next((c.id for c in design.children(module.id) if is_unit(catalog, c)), None)


def run_of(catalog: Catalog, layout: Layout, module_id: str) -> Run | None:
    unit = unit_of(catalog, layout.design, module_id)
    if unit is None:
        return None
    return next((r for r in find_runs(catalog, layout) if unit in r), None)


def spanning(catalog: Catalog, layout: Layout, run: Run) -> list[str]:
    """The tops on the run's units and the bases under them, in design order.

    A base stacked on a unit is none of the run's bases: it carries nothing of the run (found
    through a unit's ``to``, a base always carries that unit).
    """
    design = layout.design
    found: list[str] = []
    for uid in run.units:
        unit = design.get(uid)
        related = [c for c in design.children(uid)
                   if c.attach == "on" and catalog.module(c.type_id).category != "base"]
        if unit.to is not None:
            related.append(design.get(unit.to))
        for module in related:
            if catalog.module(module.type_id).category in SPAN_CATEGORIES and module.id not in found:
                found.append(module.id)
    return found


# ---------------------------------------------------------------------------- sizes
def _num(value: float) -> float | int:
    return round(value) if abs(value - round(value)) < 1e-6 else value


def param_value(catalog: Catalog, module: PlacedModule, name: str) -> Value | None:
    mtype = catalog.module(module.type_id)
    if name not in mtype.params:
        return None
    return module.params.get(name, mtype.params[name].default)


def allowed(mtype: ModuleType, name: str, value: Value) -> Value | None:
    """``value`` for the type's parameter ``name`` when it takes it (snapped onto its steps), else None."""
    param = mtype.params.get(name)
    if param is None or param.from_host:
        return None
    if param.options is not None:
        return value if value in param.options else None
    if not isinstance(value, (int, float)):
        return None
    lo, hi, _step = numeric_limits(param)
    if not lo - 1e-6 <= float(value) <= hi + 1e-6:
        return None
    snapped = snap(param, float(value)).value
    return _num(float(snapped)) if isinstance(snapped, (int, float)) else snapped


def _width_change(catalog: Catalog, layout: Layout, module_id: str, value: Value) -> float:
    """How much wider along the wall the module gets with ``width`` = ``value``."""
    state = layout.state(module_id)
    module = state.module
    host = layout.state(module.to) if module.to else None
    after = evaluate(catalog, replace(module, params={**module.params, "width": value}), host)
    return float(after.world_bounds[1][0] - after.world_bounds[0][0]) - \
        float(state.world_bounds[1][0] - state.world_bounds[0][0])


def _span_width(catalog: Catalog, module: PlacedModule, delta: float) -> Command | None:
    """A top or base ``delta`` longer, held within its width's limits (a rule flags what is left over)."""
    mtype = catalog.module(module.type_id)
    param = mtype.params.get("width")
    current = param_value(catalog, module, "width")
    if param is None or param.options is not None or not isinstance(current, (int, float)):
        return None
    snapped = snap(param, float(current) + delta).value   # within its limits, on its steps
    new = _num(float(snapped)) if isinstance(snapped, (int, float)) else float(current)
    if abs(new - float(current)) < 1e-6:
        return None
    return SetParameter(module.id, name="width", value=new, label="Follow the run")


def shift_right_of(catalog: Catalog, layout: Layout, run: Run, edge: float, delta: float,
                   skip: set[str] | frozenset[str] = frozenset(), _seen: set[str] | None = None) -> list[Command]:
    """Commands that move what stands right of ``edge`` in the run by ``delta`` and stretch what spans it.

    Growing (``delta`` > 0), the run also pushes the run standing against its right end at another
    level (wall cabinets between two tall units push the right-hand tall unit along); closing up
    never pulls another run in.
    """
    tol = tolerance(catalog)
    design = layout.design
    seen = _seen if _seen is not None else set(run.units)
    commands: list[Command] = []
    if delta > 0:
        commands += _push_blockers(catalog, layout, run, edge, delta, seen)
    moved_bases: set[str] = set()
    for uid in run.units:
        if uid in skip:
            continue
        lo, _hi = layout.state(uid).world_bounds
        if float(lo[0]) < edge - tol:
            continue
        unit = design.get(uid)
        carrier = design.get(unit.to) if unit.to is not None else None
        if carrier is not None and catalog.module(carrier.type_id).category in SPAN_CATEGORIES:
            base_lo, _ = layout.state(carrier.id).world_bounds
            if float(base_lo[0]) >= edge - tol and carrier.to is None:   # the whole base is to the right
                if carrier.id not in moved_bases:
                    moved_bases.add(carrier.id)
                    x, y, z = carrier.position
                    commands.append(MoveModule(carrier.id, position=(x + delta, y, z), label="Close up"))
                continue
        if unit.to is not None and carrier is not None and catalog.module(carrier.type_id).category \
                not in SPAN_CATEGORIES:
            continue   # stacked on another unit: it follows that one
        x, y, z = unit.position
        commands.append(MoveModule(uid, position=(x + delta, y, z), label="Close up"))
    for sid in spanning(catalog, layout, run):
        if sid in skip or sid in moved_bases:
            continue
        lo, hi = layout.state(sid).world_bounds
        if float(lo[0]) < edge - tol and float(hi[0]) >= edge - tol:
            command = _span_width(catalog, design.get(sid), delta)
            if command is not None:
                commands.append(command)
    return commands


def _push_blockers(catalog: Catalog, layout: Layout, run: Run, edge: float, delta: float,
                   seen: set[str]) -> list[Command]:
    """Runs of another level standing against ``run``'s right end in the way of what moves (the units
    from ``edge`` on, and the one growing there), pushed along by ``delta``."""
    tol = tolerance(catalog)
    boxes = [b for u in run.units if float((b := layout.state(u).world_bounds)[1][0]) >= edge - tol]
    if not boxes:
        return []
    z_lo, z_hi = min(float(b[0][2]) for b in boxes), max(float(b[1][2]) for b in boxes)
    commands: list[Command] = []
    for other in find_runs(catalog, layout):
        for unit in other.units:
            lo, hi = layout.state(unit).world_bounds
            if unit in seen or abs(float(lo[0]) - run.hi) > tol:
                continue
            if float(lo[2]) >= z_hi - tol or float(hi[2]) <= z_lo + tol:
                continue   # above or below the run: not in its way
            seen.update(other.units)   # that run moves from this unit on (its units left of it stay)
            commands += shift_right_of(catalog, layout, other, float(lo[0]), delta, _seen=seen)
            break
    return commands


def _apply_all(design: Design, commands: list[Command], done: list[Command]) -> None:
    """Apply commands to a scratch design, keeping a fresh copy of each for the real one."""
    for command in commands:
        done.append(fresh(command))
        command.apply(design)


def resize(catalog: Catalog, design: Design, module_ids: list[str], name: str, value: Value,
           label: str | None = None) -> Macro | None:
    """``name`` = ``value`` on every module that has it; in a run, a wider unit pushes its neighbours.

    Returns one :class:`Macro` (one undo step) or None when nothing changes.
    """
    scratch = design.copy()
    done: list[Command] = []
    for module_id in module_ids:
        if module_id not in scratch:
            continue
        module = scratch.get(module_id)
        mtype = catalog.module(module.type_id)
        if name not in mtype.params or param_value(catalog, module, name) == value:
            continue
        set_it = SetParameter(module_id, name=name, value=value, label=label or "Change size")
        layout = Layout(catalog, scratch)
        run = run_of(catalog, layout, module_id) if name == "width" and is_unit(catalog, module) else None
        if run is None:
            _apply_all(scratch, [set_it], done)
            continue
        delta = _width_change(catalog, layout, module_id, value)
        edge = float(layout.state(module_id).world_bounds[1][0])
        follow = shift_right_of(catalog, layout, run, edge, delta, skip={module_id}) if abs(delta) > 1e-6 else []
        _apply_all(scratch, [set_it, *follow], done)
    if not done:
        return None
    return Macro(done, label=label or "Change size", merge_key=("resize", name, *module_ids))


def join(catalog: Catalog, design: Design, type_id: str, run: Run, module_id: str,
         label: str = "Add", like: PlacedModule | None = None) -> Macro | None:
    """A new ``type_id`` at the run's right end, as the run's units are: its height, depth, finish, base, top.

    None when the type cannot join (not a unit, it cannot stand where the run's units stand, it cannot
    take their height or depth) or when the place at the run's end is taken.  ``like`` is a unit the
    new one copies (its parameters and finish; a duplicate), otherwise it has its type's defaults.
    """
    mtype = catalog.module(type_id)
    if mtype.category not in UNIT_CATEGORIES:
        return None
    layout = Layout(catalog, design)
    last = design.get(run.units[-1])
    params: dict[str, Value] = dict(like.params) if like is not None else {}
    for name in SHARED_PARAMS:
        value = param_value(catalog, last, name)
        if value is None or name not in mtype.params:
            continue
        taken = allowed(mtype, name, value)
        if taken is None:
            return None   # a tall unit beside low cabinets is not of their run
        params[name] = taken
    finish = like.finish if like is not None else last.finish if last.finish in mtype.finishes \
        else mtype.default_finish
    carrier = design.get(last.to) if last.to is not None else None
    _last_lo, last_hi = layout.state(last.id).world_bounds
    if carrier is not None and catalog.module(carrier.type_id).category == "base" \
            and "on" in mtype.attach.support and "base" in mtype.attach.hosts:
        carrier_lo = layout.state(carrier.id).world_bounds[0]
        position: Vec3 = (float(last_hi[0] - carrier_lo[0]), last.position[1], last.position[2])
        module = PlacedModule(module_id, type_id, params, finish, position, 0, "on", carrier.id)
    elif last.to is None and last.attach in mtype.attach.support:
        module = PlacedModule(module_id, type_id, params, finish, (run.hi, last.position[1], last.position[2]),
                              0, last.attach, None)
    else:
        return None
    host = layout.state(module.to) if module.to else None
    state = evaluate(catalog, module, host)
    lo, hi = state.world_bounds
    width = float(hi[0] - lo[0])
    stretched = set(spanning(catalog, layout, run))
    for other in design:
        if other.id in stretched or other.id == module.to:
            continue
        if overlaps((lo, hi), layout.state(other.id).world_bounds):
            return None
    commands: list[Command] = [AddModule(module, label=label)]
    commands += shift_right_of(catalog, layout, run, run.hi, width)
    return Macro(commands, label=label)


def delete(catalog: Catalog, design: Design, module_ids: list[str], label: str = "Delete") -> Macro | None:
    """Remove the modules; a unit's run closes up behind it and its spanning top passes on."""
    scratch = design.copy()
    done: list[Command] = []
    for module_id in module_ids:
        if module_id not in scratch:
            continue
        module = scratch.get(module_id)
        layout = Layout(catalog, scratch)
        run = run_of(catalog, layout, module_id) if is_unit(catalog, module) else None
        if run is None or len(run.units) < 2:
            commands: list[Command] = [RemoveModule(module_id, label=label)]
            carrier = scratch.get(module.to) if module.to is not None else None
            if carrier is not None and is_unit(catalog, module) and carrier.to is None \
                    and catalog.module(carrier.type_id).category == "base" \
                    and [c.id for c in scratch.children(carrier.id)] == [module_id]:
                commands.append(RemoveModule(carrier.id, label=label))   # a plinth carrying nothing goes too
            _apply_all(scratch, commands, done)
            continue
        commands = _delete_in_run(catalog, layout, run, module_id, label)
        _apply_all(scratch, commands, done)
    return Macro(done, label=label) if done else None


def _delete_in_run(catalog: Catalog, layout: Layout, run: Run, unit_id: str, label: str) -> list[Command]:
    tol = tolerance(catalog)
    design = layout.design
    lo, hi = (float(v[0]) for v in layout.state(unit_id).world_bounds)
    width = hi - lo
    others = [u for u in run.units if u != unit_id]
    commands: list[Command] = []
    # A top on this unit that reaches over its neighbours goes to the next unit it lies on; it then
    # starts where the gap closes, one unit shorter.
    handed: list[str] = []
    for child in design.children(unit_id):
        if child.attach != "on" or catalog.module(child.type_id).category not in SPAN_CATEGORIES:
            continue
        top_hi = float(layout.state(child.id).world_bounds[1][0])
        if top_hi <= hi + tol:
            continue   # it only covers this unit: it goes with it
        heir = next((u for u in others if hi - tol <= float(layout.state(u).world_bounds[0][0]) < top_hi - tol),
                    None)
        if heir is not None:
            commands.append(Rehost(child.id, heir, (0.0, 0.0, 0.0), label="Keep the top"))
            handed.append(child.id)
    commands.append(RemoveModule(unit_id, label=label))
    scratch = design.copy()
    for command in commands:
        fresh(command).apply(scratch)
    after = Layout(catalog, scratch)
    rest = Run(tuple(u for u in run.units if u in scratch), run.level, run.lo, run.hi, run.bottom)
    # What is right of the gap moves in; what spans the gap gets shorter.
    commands += shift_right_of(catalog, after, rest, hi, -width, skip=set(handed))
    for top_id in handed:
        shorter = _span_width(catalog, scratch.get(top_id), -width)
        if shorter is not None:
            commands.append(shorter)
    # A base left carrying nothing goes too.
    unit = design.get(unit_id)
    if unit.to is not None and catalog.module(design.get(unit.to).type_id).category == "base" \
            and not scratch.children(unit.to):
        commands.append(RemoveModule(unit.to, label=label))
    return commands


def make_room(catalog: Catalog, layout: Layout, left_id: str, right_id: str) -> Macro | None:
    """Units that overlap side by side (a unit made wider without its run): what stands from the right
    one on moves along by the overlap, and what spans the join grows.  None when they are not so."""
    design = layout.design
    left, right = design.get(left_id), design.get(right_id)
    if not (is_unit(catalog, left) and is_unit(catalog, right)):
        return None
    if not (_upright(layout, left_id) and _upright(layout, right_id)):
        return None
    tol = tolerance(catalog)
    (l_lo, l_hi), (r_lo, r_hi) = layout.state(left_id).world_bounds, layout.state(right_id).world_bounds
    if float(l_lo[0]) > float(r_lo[0]):
        (l_lo, l_hi), (r_lo, r_hi), left_id, right_id = (r_lo, r_hi), (l_lo, l_hi), right_id, left_id
    same_level = level_of(design, left_id) == level_of(design, right_id)
    if not same_level or abs(float(l_lo[2]) - float(r_lo[2])) > tol or abs(float(l_hi[1]) - float(r_hi[1])) > tol:
        return None
    overlap = float(l_hi[0]) - float(r_lo[0])
    if overlap <= tol or float(r_hi[0]) <= float(l_hi[0]):
        return None   # not side by side: one inside the other
    runs = find_runs(catalog, layout)
    left_run = next(r for r in runs if left_id in r)
    right_run = next(r for r in runs if right_id in r)
    joined = Run(left_run.units + tuple(u for u in right_run.units if u not in left_run.units), left_run.level,
                 left_run.lo, right_run.hi, left_run.bottom)
    edge = float(r_lo[0])
    commands = shift_right_of(catalog, layout, joined, edge, overlap, skip=set(left_run.units))
    return Macro(commands, label="Make room") if commands else None
