"""Dimensions of an elevation: per unit and per opening, drawn in the drawing's plane.

The front, side and top views are true orthographic elevations (see
:meth:`~app.ui.view.scene.SceneView.set_view`); the overall 3D dimension lines lie
on the floor and would collapse onto the furniture's bottom edge there, so an
elevation gets its own lines, in a plane just in front of everything:

* front: a chain of the standing units' widths under the furniture (the wall units'
  above it), the overall width under that, the overall height at the left, and inside each carcass the clear height of
  each opening between its shelves and drawers, at the opening's left edge;
* side: each distinct depth of the units in a row of its own under them, the overall
  height in front;
* top: the units' widths in front, the overall width, the overall depth at the left.

:func:`elevation_dimensions` is plain numpy over the layout (no VTK); the class draws
it with one line actor and a pool of labels.  Room axes: X along the wall, Y into it
(fronts face -Y), Z up; mm.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkTextActor

from app.domain.design.layout import Layout
from app.ui.view.scene_overlays import (
    DIMENSION_COLOR,
    DIMENSION_LINE_WIDTH,
    LABEL_BACKGROUND,
    LABEL_COLOR,
    TICK,
    dimension_text,
    world_label,
)

ROW = 150.0            # mm between the furniture and the first dimension row, and between rows
MIN_SPAN = 20.0        # mm: shorter gaps (a reveal, a shelf's thickness) get no dimension
OPENING_INSET = 45.0   # mm the opening heights stand in from the opening's left edge
SHELF_ROLE = "shelf"
STACKED_ROLE = "drawer"
UNIT_ATTACH = ("floor", "wall")


@dataclass
class ElevationDimensions:
    """Segments (n, 2, 3) and labels (text, room point) of one elevation."""

    segments: list = field(default_factory=list)
    labels: list[tuple[str, tuple[float, float, float]]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)   # per label: unit, overall, opening

    def add(self, a, b, normal_axis: int, kind: str, label_at=None) -> None:
        """A dimension from ``a`` to ``b`` with end ticks drawn across ``normal_axis``'s plane."""
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        length = float(np.linalg.norm(b - a))
        if length < MIN_SPAN:
            return
        self.segments.append((a, b))
        direction = (b - a) / length
        across = np.cross(direction, np.eye(3)[normal_axis])
        tick = (direction + across) * TICK / np.sqrt(2)
        for end in (a, b):
            self.segments.append((end - tick, end + tick))
        point = (a + b) / 2 if label_at is None else np.asarray(label_at, dtype=float)
        self.labels.append((dimension_text(length), tuple(float(v) for v in point)))
        self.kinds.append(kind)

    def extent(self) -> tuple[np.ndarray, np.ndarray] | None:
        if not self.segments:
            return None
        points = np.array(self.segments).reshape(-1, 3)
        return points.min(axis=0), points.max(axis=0)


def _units(layout: Layout, hung: bool | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """World boxes of the units: the carcasses (modules with an opening, not inserts), or, in a
    design without any, what stands on the floor or hangs on the wall.  ``hung`` True: only the
    wall-hung ones, False: only the others (their widths go in separate rows), None: all."""
    carcasses, standing = [], []
    for module in layout.design:
        if module.attach == "in":
            continue
        if hung is not None and (module.attach == "wall") != hung:
            continue
        try:
            state = layout.state(module.id)
        except (ValueError, KeyError):
            continue
        if state.opening is not None:
            carcasses.append(state.world_bounds)
        elif module.attach in UNIT_ATTACH:
            standing.append(state.world_bounds)
    return carcasses or standing


def _spans(values: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Distinct intervals, sorted (units one above the other share one width)."""
    seen: dict[tuple[int, int], tuple[float, float]] = {}
    for a, b in values:
        seen.setdefault((round(a), round(b)), (a, b))
    return sorted(seen.values())


def _chain(units, axis: int, lo: float, hi: float) -> list[tuple[float, float]]:
    """The units' distinct spans along ``axis``; none when one span is the whole (the overall line says it)."""
    spans = _spans([(float(u[0][axis]), float(u[1][axis])) for u in units])
    if len(spans) == 1 and abs(spans[0][0] - lo) < 1 and abs(spans[0][1] - hi) < 1:
        return []
    return spans


def opening_gaps(layout: Layout, host_id: str) -> list[tuple[float, float]]:
    """The clear heights in a carcass's opening, as world (z0, z1), between its shelves and drawers."""
    catalog = layout.catalog
    state = layout.state(host_id)
    if state.opening is None:
        return []
    base = float(state.world_bounds[0][2])
    _ox, _oy, oz, _ow, oh, _od = state.opening
    z0 = base + float(oz)
    z1 = z0 + float(oh)
    taken = []
    for child in layout.design.children(host_id):
        if child.attach != "in":
            continue
        role = catalog.modules[child.type_id].role if child.type_id in catalog.modules else None
        if role not in (SHELF_ROLE, STACKED_ROLE):
            continue
        try:
            lo, hi = layout.state(child.id).world_bounds
        except (ValueError, KeyError):
            continue
        taken.append((float(lo[2]), float(hi[2])))
    gaps, level = [], z0
    for lo, hi in sorted(taken):
        if lo - level >= MIN_SPAN:
            gaps.append((level, lo))
        level = max(level, hi)
    if z1 - level >= MIN_SPAN:
        gaps.append((level, z1))
    return gaps


def elevation_dimensions(layout: Layout, view: str, lo, hi) -> ElevationDimensions:
    """The dimensions of the ``front``, ``side`` or ``top`` elevation of the furniture ``lo``..``hi``."""
    (x0, y0, z0), (x1, y1, z1) = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    dims = ElevationDimensions()
    units = _units(layout)
    standing, hung = _units(layout, hung=False), _units(layout, hung=True)
    front = y0 - 10.0   # the drawing's plane: just in front of everything, nothing hides a line
    if view == "front":
        # Standing units' widths below, wall units' above: one row each, so no two figures collide.
        for a, b in _chain(standing, 0, x0, x1):
            dims.add((a, front, z0 - ROW), (b, front, z0 - ROW), 1, "unit")
        for a, b in _chain(hung, 0, x0, x1):
            dims.add((a, front, z1 + ROW), (b, front, z1 + ROW), 1, "unit")
        dims.add((x0, front, z0 - 2 * ROW), (x1, front, z0 - 2 * ROW), 1, "overall")
        # Two rows out: the openings' heights stand just inside the furniture's left edge.
        dims.add((x0 - 2 * ROW, front, z0), (x0 - 2 * ROW, front, z1), 1, "overall")
        for module in layout.design:
            if module.attach not in UNIT_ATTACH and module.attach != "on":
                continue
            try:
                state = layout.state(module.id)
            except (ValueError, KeyError):
                continue
            if state.opening is None or module.rotation != 0:
                continue
            x = float(state.world_bounds[0][0]) + float(state.opening[0]) + OPENING_INSET
            for g0, g1 in opening_gaps(layout, module.id):
                dims.add((x, front, g0), (x, front, g1), 1, "opening")
    elif view == "side":
        right = x1 + 10.0
        # Depths share the wall as their back: nested, not side by side, so each gets its own row.
        for row, (a, b) in enumerate(_chain(units, 1, y0, y1), start=1):
            dims.add((right, a, z0 - row * ROW), (right, b, z0 - row * ROW), 0, "unit")
        if not _chain(units, 1, y0, y1):
            dims.add((right, y0, z0 - ROW), (right, y1, z0 - ROW), 0, "overall")
        dims.add((right, y0 - ROW, z0), (right, y0 - ROW, z1), 0, "overall")
    elif view == "top":
        top = z1 + 10.0
        for a, b in _chain(standing or units, 0, x0, x1):
            dims.add((a, y0 - ROW, top), (b, y0 - ROW, top), 2, "unit")
        dims.add((x0, y0 - 2 * ROW, top), (x1, y0 - 2 * ROW, top), 2, "overall")
        dims.add((x0 - ROW, y0, top), (x0 - ROW, y1, top), 2, "overall")
    return dims


class ElevationOverlay:
    """Draws an :class:`ElevationDimensions`: one line actor, labels from a pool (reused)."""

    def __init__(self, plotter: pv.BasePlotter, scale: float = 1.0):
        self.plotter = plotter
        self.scale = scale
        self.dims: ElevationDimensions | None = None
        self._lines: pv.Actor | None = None
        self._pool: list[vtkTextActor] = []

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.dims.labels] if self.dims is not None else []

    def actors(self) -> list:
        return ([self._lines] if self._lines is not None else []) + list(self._pool)

    def show(self, dims: ElevationDimensions | None) -> None:
        self.dims = dims if dims is not None and dims.segments else None
        if self.dims is None:
            for actor in self.actors():
                actor.SetVisibility(False)
            return
        segments = np.array(self.dims.segments, dtype=float)
        n = len(segments)
        lines = np.column_stack([np.full(n, 2), np.arange(0, 2 * n, 2), np.arange(1, 2 * n, 2)]).ravel()
        mesh = pv.PolyData(segments.reshape(-1, 3), lines=lines)
        if self._lines is None:
            self._lines = self.plotter.add_mesh(mesh, color=DIMENSION_COLOR,
                                                line_width=DIMENSION_LINE_WIDTH * self.scale, lighting=False,
                                                pickable=False, name="elevation-lines", reset_camera=False,
                                                render=False)
        else:
            self._lines.mapper.dataset.copy_from(mesh)
        self._lines.SetVisibility(True)
        while len(self._pool) < len(self.dims.labels):
            self._pool.append(world_label(self.plotter, f"elevation-label-{len(self._pool)}", LABEL_COLOR,
                                          LABEL_BACKGROUND, 0.9, self.scale))
        for actor, (text, point) in zip(self._pool, self.dims.labels):
            actor.SetInput(text)
            actor.GetPositionCoordinate().SetValue(*point)
            actor.SetVisibility(True)
        for actor in self._pool[len(self.dims.labels):]:
            actor.SetVisibility(False)
