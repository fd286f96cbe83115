"""A design as the units a customer recognises, and where each of their pieces is.

A *unit* is a module that stands on the floor, hangs on the wall or sits on
another module (a plinth, a cabinet on it, a top across cabinets), with every
module placed *in* it (shelves, doors, drawers, a rail): the customer buys
"a cabinet with a door and a shelf", the workshop ships its boards and fittings
in one box.  Units are numbered 1, 2 ... in design order; nothing here names a
catalog id, only the design's structure (``attach = "in"``).

:func:`world_box` turns a part's box in its module's frame into the room (the
module's transform is a quarter turn and a shift, so a box stays a box), and
:func:`to_frame` into another module's frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.domain.design.design import Design
from app.domain.design.layout import Layout, ModuleState
from app.domain.production.parts import Box


@dataclass(frozen=True)
class Unit:
    number: int                     # 1, 2 ... in design order
    root: str                       # the module id that stands, hangs or sits
    members: tuple[str, ...]        # root first, then its inserts in design order

    @property
    def inserts(self) -> tuple[str, ...]:
        return self.members[1:]


def units(design: Design) -> list[Unit]:
    """Every module not placed *in* another is a unit's root; inserts join their host's unit."""
    roots = [m.id for m in design if m.attach != "in"]
    members: dict[str, list[str]] = {root: [root] for root in roots}
    for module in design:
        if module.attach != "in":
            continue
        host = module
        while host.attach == "in" and host.to is not None:
            host = design.get(host.to)
        members[host.id].append(module.id)
    return [Unit(n, root, tuple(members[root])) for n, root in enumerate(roots, start=1)]


def unit_of(units_: Sequence[Unit], module_id: str) -> Unit:
    return next(u for u in units_ if module_id in u.members)


def _apply(matrix: np.ndarray, box: Box) -> Box:
    x0, y0, z0, x1, y1, z1 = box
    corners = np.array([[x, y, z, 1.0] for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)])
    moved = corners @ matrix.T
    lo, hi = moved[:, :3].min(axis=0), moved[:, :3].max(axis=0)
    return (round(float(lo[0]), 3), round(float(lo[1]), 3), round(float(lo[2]), 3),
            round(float(hi[0]), 3), round(float(hi[1]), 3), round(float(hi[2]), 3))


def world_box(state: ModuleState, box: Box) -> Box:
    """A box in the module's frame, in the room."""
    return _apply(state.transform, box)


def to_frame(frame: ModuleState, box: Box) -> Box:
    """A box in the room, in ``frame``'s module frame."""
    return _apply(np.linalg.inv(frame.transform), box)


def module_world_box(layout: Layout, module_id: str) -> Box:
    lo, hi = layout.state(module_id).world_bounds
    return (float(lo[0]), float(lo[1]), float(lo[2]), float(hi[0]), float(hi[1]), float(hi[2]))
