"""The configurator's module edits: place, drop into a host, duplicate, delete, turn, step.

Each function reads the design and returns a :class:`Proposal`: the command to
push (one undo step) and the module to select afterwards, or why nothing can be
done, in words for the status bar.  The window, the view and the keyboard only
turn a double-click, a drop, a key or a menu item into one of these calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.design import runs
from app.domain.design.commands import AddModule, Command, Macro, MoveModule, RotateModule, SetFinish, SetParameter
from app.domain.design.design import Design, PlacedModule, Value
from app.domain.design.layout import Layout
from app.domain.design.placement import find_spot, next_step, snap_steps
from app.editing import doors


@dataclass(frozen=True)
class Proposal:
    """An edit ready to push, or the reason there is none."""

    command: Command | None
    select: str | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.command is not None


def refusal(message: str) -> Proposal:
    return Proposal(None, None, message)


def host_for(catalog: Catalog, design: Design, type_id: str, module_id: str | None) -> str | None:
    """The module, or the nearest module it is attached to, that can host a ``type_id``.

    A shelf dropped on a door goes into the door's carcass; a top on a carcass sits on it.
    """
    hosts = catalog.module(type_id).attach.hosts
    current = design.get(module_id) if module_id is not None and module_id in design else None
    while current is not None:
        if catalog.module(current.type_id).category in hosts:
            return current.id
        current = design.get(current.to) if current.to is not None else None
    return None


def place(catalog: Catalog, design: Design, type_id: str, host_id: str | None = None,
          selected: str | None = None) -> Proposal:
    """A new ``type_id`` at the next free spot: in ``host_id``, else in the selection's host, else free.

    A unit (carcass, open unit) joins a run: the run of the selected module (or the one under the
    pointer), else the rightmost run where it stands; it takes the run's height, depth, finish,
    base and top (:func:`app.domain.design.runs.join`).  A module that can also stand on the floor or hang
    on the wall goes there when its host is full.  A door added next to doors hinges away from them.
    """
    mtype = catalog.module(type_id)
    if mtype.category in runs.UNIT_CATEGORIES:
        joined = _join_run(catalog, design, type_id, host_id or selected)
        if joined is not None:
            return joined
    if host_id is None:
        host_id = host_for(catalog, design, type_id, selected)
    spot = find_spot(catalog, design, type_id, host_id=host_id)
    if spot is None and host_id is not None and {"floor", "wall"} & set(mtype.attach.support):
        spot = find_spot(catalog, design, type_id)
    if spot is None:
        where = f" in {catalog.module(design.get(host_id).type_id).name.lower()} {host_id}" if host_id else ""
        return refusal(f"No free place for a {mtype.name.lower()}{where}.")
    module = PlacedModule(design.new_id(type_id.split("_")[0][:3]), type_id, {},
                          _run_finish(catalog, design, mtype, spot.to), spot.position, 0, spot.attach, spot.to)
    label = f"Add {mtype.name.lower()}"
    if spot.to is not None and doors.hinge_param(mtype) is not None:
        scratch = design.copy()
        scratch.add(module)
        unit = runs.unit_of(catalog, scratch, module.id)
        sides = doors.hinge_commands(catalog, scratch, unit) if unit is not None else []
        own = [c for c in sides if isinstance(c, SetParameter) and c.module_id == module.id]
        # The new door's own side goes into its record (said outright, also when it is the default);
        # its neighbours' are edits in the same step.
        name = doors.hinge_param(mtype)
        assert name is not None
        side = own[0].value if own else runs.param_value(catalog, module, name)
        if side is not None:
            module = PlacedModule(module.id, type_id, {name: side}, module.finish, module.position,
                                  0, module.attach, module.to)
        others = [c for c in sides if c not in own]
        if others:
            return Proposal(Macro([AddModule(module), *others], label=label), module.id)
    return Proposal(AddModule(module, label=label), module.id)


def _run_finish(catalog: Catalog, design: Design, mtype: ModuleType, host_id: str | None) -> str:
    """A front added to a unit of a run takes the finish of the run's other fronts (when it offers it)."""
    if host_id is None or mtype.category != "front":
        return mtype.default_finish
    run = runs.run_of(catalog, Layout(catalog, design), host_id)
    for unit in run.units if run is not None else (host_id,):
        for child in design.children(unit):
            if catalog.module(child.type_id).category == "front" and child.finish in mtype.finishes:
                return child.finish
    return mtype.default_finish


def _join_run(catalog: Catalog, design: Design, type_id: str, near: str | None) -> Proposal | None:
    """``type_id`` added at the end of the run ``near`` belongs to, or the rightmost run of its level."""
    mtype = catalog.module(type_id)
    layout = Layout(catalog, design)
    level = "wall" if "wall" in mtype.attach.support and "floor" not in mtype.attach.support else "floor"
    run = runs.run_of(catalog, layout, near) if near is not None and near in design else None
    if run is None or run.level != level:
        candidates = [r for r in runs.find_runs(catalog, layout) if r.level == level]
        run = max(candidates, key=lambda r: r.hi) if candidates else None
    if run is None:
        return None
    module_id = design.new_id(type_id.split("_")[0][:3])
    macro = runs.join(catalog, design, type_id, run, module_id, label=f"Add {mtype.name.lower()}")
    return Proposal(macro, module_id) if macro is not None else None


def drop(catalog: Catalog, design: Design, type_id: str, under_pointer: str | None) -> Proposal:
    """``type_id`` dropped on the view: into the module under the pointer when it can go there."""
    return place(catalog, design, type_id, host_id=host_for(catalog, design, type_id, under_pointer))


def duplicate(catalog: Catalog, design: Design, module_id: str) -> Proposal:
    """A copy of the module and everything it carries, at the next free spot for it.

    A unit in a run is copied to the run's end (on its plinth, under its top, which grow); the top
    it carries for the run is not copied.
    """
    original = design.get(module_id)
    copy_id = design.new_id("c")
    commands: list[Command] = []
    run = runs.run_of(catalog, Layout(catalog, design), module_id) if runs.is_unit(catalog, original) else None
    joined = runs.join(catalog, design, original.type_id, run, copy_id, label="Duplicate", like=original) \
        if run is not None else None
    if joined is not None:
        commands += joined.commands
    else:
        spot = find_spot(catalog, design, original.type_id, host_id=original.to, params=original.params)
        if spot is None:
            return refusal("No free place for a copy.")
        commands.append(AddModule(PlacedModule(
            copy_id, original.type_id, dict(original.params), original.finish, spot.position, original.rotation,
            spot.attach, spot.to)))
    new_ids = {original.id: copy_id}
    for module in design.descendants(original.id):   # hosts come first, so each host's new id is known
        if joined is not None and module.to == original.id and module.attach == "on" \
                and catalog.module(module.type_id).category in runs.SPAN_CATEGORIES:
            continue   # the run's top stays one top
        if module.to not in new_ids:
            continue   # it sat on something not copied
        new_ids[module.id] = f"{copy_id}_{module.id}"
        host = new_ids[module.to] if module.to is not None else None
        commands.append(AddModule(PlacedModule(new_ids[module.id], module.type_id, dict(module.params),
                                               module.finish, module.position, module.rotation, module.attach,
                                               host)))
    return Proposal(Macro(commands, label="Duplicate"), copy_id)


def delete(catalog: Catalog, design: Design, module_id: str | list[str]) -> Proposal:
    """Delete the module(s) with what they carry; a run closes up behind a deleted unit."""
    ids = [module_id] if isinstance(module_id, str) else list(module_id)
    if not ids:
        return refusal("Select what to delete first.")
    name = catalog.module(design.get(ids[0]).type_id).name.lower() if len(ids) == 1 else f"{len(ids)} modules"
    command = runs.delete(catalog, design, ids, label=f"Delete {name}")
    return Proposal(command) if command is not None else refusal("Nothing to delete.")


def resize(catalog: Catalog, design: Design, module_ids: list[str], name: str, value: Value,
           label: str) -> Proposal:
    """``name`` = ``value`` on every given module that has it, as one step; a run makes room for a wider unit."""
    command = runs.resize(catalog, design, module_ids, name, value, label=label)
    return Proposal(command, None) if command is not None else refusal("")


def refinish(catalog: Catalog, design: Design, module_ids: list[str], finish: str) -> Proposal:
    """The finish on every given module that offers it, as one step."""
    commands: list[Command] = [SetFinish(m, finish=finish) for m in module_ids if m in design
                               and finish in catalog.module(design.get(m).type_id).finishes
                               and design.get(m).finish != finish]
    if not commands:
        return refusal("")
    return Proposal(commands[0] if len(commands) == 1 else Macro(commands, label="Change finish"))


def turn(design: Design, module_id: str) -> Proposal:
    """A quarter turn; inserts and stacked modules follow their host instead."""
    module = design.get(module_id)
    if module.to is not None:
        return refusal("Only free-standing modules turn; inserts follow their carcass.")
    return Proposal(RotateModule(module.id, rotation=(module.rotation + 1) % 4), module.id)


def step(catalog: Catalog, design: Design, module_id: str, axis: int, direction: int) -> Proposal:
    """The module moved to its next snap position along ``axis`` (0: along the wall, 2: up)."""
    module = design.get(module_id)
    target = next_step(snap_steps(catalog, design, module_id), module.position, direction, axis)
    if target is None:
        return refusal("It cannot move further that way.")
    return Proposal(MoveModule(module_id, position=target, label="Move"), module_id)


def hang_at(catalog: Catalog, design: Design, module_id: str, height: float) -> Proposal:
    """A wall unit moved to the snap height nearest ``height`` (its underside above the floor)."""
    module = design.get(module_id)
    if module.attach != "wall":
        return refusal("Only wall units hang at a height.")
    heights = sorted({p[2] for p in snap_steps(catalog, design, module_id) if abs(p[0] - module.position[0]) < 1e-6})
    if not heights:
        return refusal("It cannot hang anywhere else here.")
    nearest = min(heights, key=lambda z: (abs(z - height), z))
    note = "" if abs(nearest - height) < 1e-6 else \
        f"Hangs at {nearest:g} mm: the nearest height it snaps to (from {height:g} mm)"
    if abs(nearest - module.position[2]) < 1e-6:
        return Proposal(None, module_id, note)
    return Proposal(MoveModule(module_id, position=(module.position[0], module.position[1], nearest),
                               label="Hang higher" if nearest > module.position[2] else "Hang lower"), module_id, note)
