"""Which placed module a ray through the view hits: rays against module boxes, in numpy.

Picking against the axis-aligned world boxes of the modules takes well under a
millisecond for a thousand modules and never picks a neighbour by tolerance,
unlike VTK's cell and prop pickers (see the rendering notes).  The boxes are the
modules' catalog sizes placed in the room, so an open carcass is a solid box
here; :func:`pick_module` therefore prefers what is attached to the nearest box
when the ray reaches it inside that box: clicking into an open carcass picks the
shelf, not the carcass.

No Qt, no VTK: the view turns a mouse position into a ray and asks here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.domain.design.layout import Layout

_EPS = 1e-9  # direction components smaller than this count as parallel to the slab


def _slabs(origin: np.ndarray, direction: np.ndarray, lo: np.ndarray,
           hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Entry and exit distances of the ray ``origin + t * direction`` (t >= 0) through boxes.

    ``lo`` and ``hi`` are (n, 3).  A box the ray misses gets entry > exit.  An
    origin inside a box enters it at 0.
    """
    parallel = np.abs(direction) < _EPS
    safe = np.where(parallel, 1.0, direction)
    t1 = (lo - origin) / safe
    t2 = (hi - origin) / safe
    near = np.minimum(t1, t2)
    far = np.maximum(t1, t2)
    # Parallel to a slab: inside it, the slab does not limit t; outside, the box is missed.
    inside = (origin >= lo) & (origin <= hi)
    near = np.where(parallel, np.where(inside, -np.inf, np.inf), near)
    far = np.where(parallel, np.where(inside, np.inf, -np.inf), far)
    entry = np.maximum(near.max(axis=-1), 0.0)
    leave = far.min(axis=-1)
    return entry, leave


def ray_box_distance(origin: Sequence[float], direction: Sequence[float], lo: Sequence[float],
                     hi: Sequence[float]) -> float | None:
    """Distance along ``direction`` (in its units) at which the ray enters the box ``lo..hi``.

    0 when the origin is inside the box, None when the ray misses it or the box
    lies behind the origin.  ``direction`` need not be a unit vector; components
    of zero are handled (the ray is parallel to those faces).
    """
    entry, leave = _slabs(np.asarray(origin, dtype=float), np.asarray(direction, dtype=float),
                          np.asarray(lo, dtype=float)[None], np.asarray(hi, dtype=float)[None])
    if not entry[0] <= leave[0]:
        return None
    return float(entry[0])


class ModuleBoxes:
    """The world boxes of a layout's modules, for many picks against one state of the design.

    Modules that cannot be resolved (unknown type, broken formula) are left out:
    they are not drawn either.
    """

    def __init__(self, ids: list[str], lo: np.ndarray, hi: np.ndarray, hosts: dict[str, str | None]):
        self.ids = ids
        self.lo = lo.reshape(-1, 3)
        self.hi = hi.reshape(-1, 3)
        self._hosts = hosts

    @classmethod
    def from_layout(cls, layout: Layout) -> ModuleBoxes:
        ids, los, his = [], [], []
        for module_id in layout.design.ids():
            try:
                lo, hi = layout.state(module_id).world_bounds
            except (ValueError, KeyError):
                continue
            ids.append(module_id)
            los.append(lo)
            his.append(hi)
        hosts = {m.id: m.to for m in layout.design}
        return cls(ids, np.array(los, dtype=float), np.array(his, dtype=float), hosts)

    def _within(self, module_id: str, ancestor: str) -> bool:
        """True when ``module_id`` is attached to ``ancestor``, directly or through others."""
        seen = 0
        host = self._hosts.get(module_id)
        while host is not None and seen <= len(self._hosts):  # a cycle cannot hang a click
            if host == ancestor:
                return True
            host = self._hosts.get(host)
            seen += 1
        return False

    def pick(self, origin: Sequence[float], direction: Sequence[float]) -> str | None:
        """The module the ray points at: the nearest box, then what it carries inside it.

        Among the modules attached to the nearest hit (``Design.descendants``), the
        nearest one the ray reaches before it leaves the picked box wins, and so on
        down: a shelf in an open carcass, a drawer front, a door (nearer anyway).
        A top resting on a carcass is not picked through the carcass's front face.
        """
        if not self.ids:
            return None
        start = np.asarray(origin, dtype=float)
        ray = np.asarray(direction, dtype=float)
        if not np.any(np.abs(ray) >= _EPS):
            return None
        entry, leave = _slabs(start, ray, self.lo, self.hi)
        hit = np.flatnonzero(entry <= leave)
        if hit.size == 0:
            return None
        order = hit[np.argsort(entry[hit], kind="stable")]  # nearest first, design order on ties
        current = int(order[0])
        while True:
            limit = leave[current]
            inner = [i for i in order if i != current and entry[i] < limit
                     and self._within(self.ids[i], self.ids[current])]
            if not inner:
                return self.ids[current]
            current = int(inner[0])  # ``order`` is sorted: the nearest attached module


def pick_module(layout: Layout, origin: Sequence[float], direction: Sequence[float]) -> str | None:
    """The id of the module the ray ``origin + t * direction`` (t >= 0) picks, or None.

    Among modules whose world box the ray hits, the nearest hit; then, if the ray
    also hits modules attached to that one (its descendants) before it leaves its
    box, the nearest of those.  For many picks against one layout, build
    :class:`ModuleBoxes` once.
    """
    return ModuleBoxes.from_layout(layout).pick(origin, direction)
