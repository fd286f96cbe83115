"""Hinge sides that make sense: neighbouring doors open away from each other.

A door's hinge side is a parameter the catalog names through its front part's
``hinge`` formula (a plain parameter name such as ``hinge_side``, with options
``left`` and ``right``).  Single doors on carcasses standing side by side in a
run pair up from the left: the first of each pair hinges on the left, the second
on the right, so each pair opens from the middle like one cupboard.  A unit
without a single door (drawers, a double door, open) starts a new sequence.

:func:`hinge_commands` gives the commands that set the sides of a run's doors
after a door is added; nothing here names a catalog id.
"""

from __future__ import annotations

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.design.commands import Command, SetParameter
from app.domain.design.design import Design, PlacedModule, Value
from app.domain.design.layout import Layout
from app.domain.design.runs import find_runs, param_value

SIDES = ("left", "right")


def hinge_param(mtype: ModuleType) -> str | None:
    """The parameter choosing a single front's hinge side (its part's ``hinge`` formula names it)."""
    for part in mtype.parts:
        if part.hinge is None:
            continue
        name = part.hinge.source.strip()
        param = mtype.params.get(name)
        if param is not None and param.options is not None and set(SIDES) <= set(param.options):
            return name
    return None


def single_door(catalog: Catalog, design: Design, unit_id: str) -> PlacedModule | None:
    """The unit's one hinged single front, when it has exactly one front and that one is such a door."""
    fronts = [c for c in design.children(unit_id)
              if c.attach == "in" and catalog.module(c.type_id).category == "front"]
    if len(fronts) != 1 or hinge_param(catalog.module(fronts[0].type_id)) is None:
        return None
    return fronts[0]


def door_sequences(catalog: Catalog, design: Design, units: tuple[str, ...]) -> list[list[PlacedModule]]:
    """The single doors of a run's units, in runs of neighbours (a unit without one breaks a sequence)."""
    sequences: list[list[PlacedModule]] = []
    sequence: list[PlacedModule] = []
    for unit_id in units:
        door = single_door(catalog, design, unit_id)
        if door is not None:
            sequence.append(door)
        elif sequence:
            sequences.append(sequence)
            sequence = []
    if sequence:
        sequences.append(sequence)
    return sequences


def default_sides(sequence: list[PlacedModule], layout: Layout, run_middle: float) -> dict[str, str]:
    """door id -> side: pairs from the left open from their middle; a lone door hinges on the run's
    nearer end (a door alone at the right end of a sideboard opens from the left); an odd last one right."""
    if len(sequence) == 1:
        lo, hi = layout.state(sequence[0].to or sequence[0].id).world_bounds
        middle = (float(lo[0]) + float(hi[0])) / 2
        return {sequence[0].id: "right" if middle > run_middle + 1e-6 else "left"}
    sides = {door.id: SIDES[i % 2] for i, door in enumerate(sequence)}
    if len(sequence) % 2:
        sides[sequence[-1].id] = "right"
    return sides


def hinge_commands(catalog: Catalog, design: Design, unit_id: str) -> list[Command]:
    """The hinge sides of the doors next to ``unit_id``'s door set to the default pairing (design as it is)."""
    layout = Layout(catalog, design)
    run = next((r for r in find_runs(catalog, layout) if unit_id in r), None)
    units = run.units if run is not None else (unit_id,)
    middle = (run.lo + run.hi) / 2 if run is not None else 0.0
    sequence = next((q for q in door_sequences(catalog, design, units) if any(d.to == unit_id for d in q)), [])
    commands: list[Command] = []
    for door_id, side in default_sides(sequence, layout, middle).items():
        door = design.get(door_id)
        name = hinge_param(catalog.module(door.type_id))
        assert name is not None
        current: Value | None = param_value(catalog, door, name)
        if current != side:
            commands.append(SetParameter(door_id, name=name, value=side, label="Hinge side"))
    return commands


__all__ = ["default_sides", "door_sequences", "hinge_commands", "hinge_param", "single_door"]
