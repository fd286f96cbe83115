"""Where each placed module is, and how big: from the design and the catalog.

Coordinates (millimetres, right-handed, Z up): X runs along the wall from left to
right as seen from the room, Y points into the wall (the wall is the plane y=0),
Z is up.  A module's own frame has its origin at its back-left-bottom corner and
the module occupies ``[0, sx] x [-sy, 0] x [0, sz]`` in it.  A module rotates in
quarter turns about Z around that origin.  ``on``/``in`` modules are positioned
in their host's frame, so they follow the host.

:func:`evaluate` resolves one module; :class:`Layout` resolves a whole design
once and memoises hosts, which is what the view, the rules and the BOM read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.catalog.module_eval import (
    HostGeometry,
    Opening,
    Value,
    Vec3,
    module_env,
    module_opening,
    module_size,
    resolve_params,
)
from app.domain.design.design import Design, PlacedModule


def quarter_turn(rotation: int) -> np.ndarray:
    """3x3 rotation about Z by ``rotation`` quarter turns (exact integers)."""
    c, s = [(1, 0), (0, 1), (-1, 0), (0, -1)][rotation % 4]
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]], dtype=float)


# A module's type, finish and formula values (see ModuleState.content_key).
ContentKey = tuple[str, str, tuple[tuple[str, float | str], ...]]


@dataclass(frozen=True)
class ModuleState:
    """A placed module resolved against the catalog."""

    module: PlacedModule
    mtype: ModuleType
    params: dict[str, Value]          # every parameter, host-bound ones filled in
    env: Mapping[str, object]         # names its formulas see
    size: Vec3                        # x, y, z extent in its own frame
    transform: np.ndarray             # 4x4 from its frame to the room
    opening: Opening | None            # for hosts: x, y, z, width, height, depth

    @property
    def local_corners(self) -> np.ndarray:
        sx, sy, sz = self.size
        xs, ys, zs = (0.0, sx), (-sy, 0.0), (0.0, sz)
        return np.array([[x, y, z] for x in xs for y in ys for z in zs])

    @cached_property
    def world_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Axis-aligned (min, max) corners in the room (computed once: the state never changes)."""
        corners = self.local_corners @ self.transform[:3, :3].T + self.transform[:3, 3]
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        lo.flags.writeable = hi.flags.writeable = False   # shared by every caller
        return lo, hi

    @cached_property
    def content_key(self) -> ContentKey:
        """Everything the module's parts and checks depend on: type, finish and every formula value
        (its parameters and, for inserts, its host's sizes); not its place.  Computed once per state."""
        module = self.module
        names = tuple(sorted((name, value if isinstance(value, (int, float)) else str(value))
                             for name, value in self.env.items()))
        return module.type_id, module.finish, names

    def host_geometry(self) -> HostGeometry:
        sx, sy, sz = self.size
        return HostGeometry(sx, sz, sy, self.opening)  # width, height, depth


class LayoutError(ValueError):
    """A module cannot be resolved (unknown type, host missing, formula failure)."""


class Layout:
    """All modules of a design resolved against the catalog, computed on demand."""

    def __init__(self, catalog: Catalog, design: Design):
        self.catalog = catalog
        self.design = design
        self._states: dict[str, ModuleState] = {}

    def state(self, module_id: str) -> ModuleState:
        cached = self._states.get(module_id)
        if cached is not None:
            return cached
        module = self.design.get(module_id)
        host_state = self.state(module.to) if module.to else None
        state = evaluate(self.catalog, module, host_state)
        self._states[module_id] = state
        return state

    def invalidate(self, module_id: str | None = None) -> None:
        """Forget what an edit touched: the module and everything attached to it (all when None)."""
        if module_id is None:
            self._states.clear()
            return
        self._states.pop(module_id, None)
        if module_id in self.design:
            for child in self.design.descendants(module_id):
                self._states.pop(child.id, None)

    def states(self) -> list[ModuleState]:
        return [self.state(mid) for mid in self.design.ids()]

    def overall_bounds(self) -> tuple[np.ndarray, np.ndarray] | None:
        boxes = [self.state(mid).world_bounds for mid in self.design.ids()]
        if not boxes:
            return None
        return np.min([b[0] for b in boxes], axis=0), np.max([b[1] for b in boxes], axis=0)


def evaluate(catalog: Catalog, module: PlacedModule, host: ModuleState | None = None) -> ModuleState:
    """Resolve one module; ``host`` is the resolved module it sits on or in."""
    mtype = catalog.modules.get(module.type_id)
    if mtype is None:
        raise LayoutError(f"module '{module.id}': catalog '{catalog.id}' has no module type '{module.type_id}'")
    host_geo = host.host_geometry() if host is not None else None
    params = resolve_params(mtype, module.params, host_geo)
    try:
        env = module_env(catalog, mtype, params, host_geo)
        size = module_size(mtype, env)
        opening = module_opening(mtype, env)
    except (ValueError, KeyError) as exc:
        raise LayoutError(f"module '{module.id}' ({module.type_id}): {exc}") from None
    local = np.eye(4)
    local[:3, :3] = quarter_turn(module.rotation)
    local[:3, 3] = placed_position(mtype, module, env) if host is not None else module.position
    transform = host.transform @ local if host is not None else local
    return ModuleState(module, mtype, params, env, size, transform, opening)


def placed_position(mtype: ModuleType, module: PlacedModule, env: Mapping[str, object]) -> Vec3:
    """A hosted module's position: axes the catalog's ``place`` fixes follow the host.

    A door's x, y and z, a shelf's x and y, a top's z are not the customer's to
    choose, so they are derived from the host every time: a door stays on the
    carcass front when the carcass gets deeper.  The free axes (a shelf's height on
    its pin grid, where a top sits along its host) come from the design.
    """
    place = mtype.attach.place
    if place is None:
        return module.position
    x, y, z = module.position
    try:
        if module.attach == "in":
            x, y = place.x.number(env), place.y.number(env)
            if not mtype.attach.z_step:
                z = place.z.number(env)
        elif module.attach == "on":
            z = place.z.number(env)
    except ValueError as exc:
        raise LayoutError(f"module '{module.id}' ({module.type_id}): {exc}") from None
    return (x, y, z)


def default_position(catalog: Catalog, type_id: str, host: ModuleState,
                     params: Mapping[str, Value] | None = None) -> Vec3:
    """Where a module goes on or in ``host`` by the catalog's ``attach.place`` formulas."""
    mtype = catalog.module(type_id)
    if mtype.attach.place is None:
        return (0.0, 0.0, host.size[2])
    host_geo = host.host_geometry()
    resolved = resolve_params(mtype, params or {}, host_geo)
    env = module_env(catalog, mtype, resolved, host_geo)
    place = mtype.attach.place
    return (place.x.number(env), place.y.number(env), place.z.number(env))
