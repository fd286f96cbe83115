"""The configurator's module edits: place, drop into a host, duplicate, delete, turn, step.

Each function reads the design and returns a :class:`Proposal`: the command to
push (one undo step) and the module to select afterwards, or why nothing can be
done, in words for the status bar.  The window, the view and the keyboard only
turn a double-click, a drop, a key or a menu item into one of these calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.design.commands import AddModule, Command, Macro, MoveModule, RemoveModule, RotateModule
from app.domain.design.design import Design, PlacedModule
from app.domain.design.placement import find_spot, next_step, snap_steps


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

    A module that can also stand on the floor or hang on the wall goes there when its host is full.
    """
    mtype = catalog.module(type_id)
    if host_id is None:
        host_id = host_for(catalog, design, type_id, selected)
    spot = find_spot(catalog, design, type_id, host_id=host_id)
    if spot is None and host_id is not None and {"floor", "wall"} & set(mtype.attach.support):
        spot = find_spot(catalog, design, type_id)
    if spot is None:
        where = f" in {catalog.module(design.get(host_id).type_id).name.lower()} {host_id}" if host_id else ""
        return refusal(f"No free place for a {mtype.name.lower()}{where}.")
    module = PlacedModule(design.new_id(type_id.split("_")[0][:3]), type_id, {}, mtype.default_finish,
                          spot.position, 0, spot.attach, spot.to)
    return Proposal(AddModule(module, label=f"Add {mtype.name.lower()}"), module.id)


def drop(catalog: Catalog, design: Design, type_id: str, under_pointer: str | None) -> Proposal:
    """``type_id`` dropped on the view: into the module under the pointer when it can go there."""
    return place(catalog, design, type_id, host_id=host_for(catalog, design, type_id, under_pointer))


def duplicate(catalog: Catalog, design: Design, module_id: str) -> Proposal:
    """A copy of the module and everything it carries, at the next free spot for it."""
    original = design.get(module_id)
    spot = find_spot(catalog, design, original.type_id, host_id=original.to, params=original.params)
    if spot is None:
        return refusal("No free place for a copy.")
    copy_id = design.new_id("c")
    new_ids = {original.id: copy_id}
    commands: list[Command] = [AddModule(PlacedModule(
        copy_id, original.type_id, dict(original.params), original.finish, spot.position, original.rotation,
        spot.attach, spot.to))]
    for module in design.descendants(original.id):   # hosts come first, so each host's new id is known
        new_ids[module.id] = f"{copy_id}_{module.id}"
        host = new_ids[module.to] if module.to is not None else None
        commands.append(AddModule(PlacedModule(new_ids[module.id], module.type_id, dict(module.params),
                                               module.finish, module.position, module.rotation, module.attach,
                                               host)))
    return Proposal(Macro(commands, label="Duplicate"), copy_id)


def delete(catalog: Catalog, design: Design, module_id: str) -> Proposal:
    name = catalog.module(design.get(module_id).type_id).name
    return Proposal(RemoveModule(module_id, label=f"Delete {name.lower()}"))


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
