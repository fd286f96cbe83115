"""What the 3D view draws over the furniture: the selection outline and overall dimension lines.

Both keep their actors for the life of the view and update them in place on
every design change (new points, new text), so an edit never clears the scene.
Neither is pickable.  The geometry of the dimension lines is plain numpy
(:func:`dimension_layout`), the rest only feeds it to VTK.

Room axes: X along the wall, Y into the wall (the fronts face -Y), Z up; mm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkCoordinate, vtkTextActor

SELECTION_COLOR = "#1E6FD9"
SELECTION_PAD = 6.0        # mm the outline stands off the module's box, so it is not hidden in its edges
SELECTION_WIDTH = 3.0      # px
SELECTION_HIDDEN_OPACITY = 0.35   # the outline's hidden edges, drawn through whatever is in front

DIMENSION_COLOR = "#4A4F55"
DIMENSION_LINE_WIDTH = 1.3  # px
LABEL_COLOR = "#33373C"
LABEL_BACKGROUND = "#F7F7F5"  # the floor end of the background gradient: the label cuts its line
LABEL_FONT_SIZE = 14          # px
DIMENSION_OFFSET = 120.0      # mm between the furniture and its dimension line
EXTENSION_GAP = 15.0          # mm left free between the furniture and an extension line
EXTENSION_OVERSHOOT = 30.0    # mm an extension line runs past its dimension line
TICK = 22.0                   # mm, half the length of the 45-degree end ticks


@dataclass(frozen=True)
class DimensionLayout:
    """Overall dimension lines of a box: segments to draw and where their labels go."""

    segments: np.ndarray          # (n, 2, 3) line segments
    anchors: np.ndarray           # (3, 3) label positions: width, height, depth
    texts: tuple[str, str, str]   # width, height, depth


def dimension_text(length: float) -> str:
    return f"{round(float(length)):d} mm"


def dimension_layout(lo, hi, offset: float = DIMENSION_OFFSET) -> DimensionLayout:
    """Width along the front bottom edge, height up the front-left edge, depth along the right side.

    Width and depth lie on the floor (the box's bottom), ``offset`` in front of the
    front face and right of the right side; height stands ``offset`` left of the
    front-left edge.  Each has extension lines back to the furniture and
    45-degree ticks at its ends, in the plane a viewer sees it best.
    """
    (x0, y0, z0), (x1, y1, z1) = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    g, o, t = EXTENSION_GAP, offset, TICK
    yw, xh, xd = y0 - o, x0 - o, x1 + o   # the three dimension lines
    seg = []
    # Width: along X on the floor in front; extension lines run forward from the front face.
    seg.append(((x0, yw, z0), (x1, yw, z0)))
    for x in (x0, x1):
        seg.append(((x, y0 - g, z0), (x, yw - EXTENSION_OVERSHOOT, z0)))
        seg.append(((x - t, yw, z0 - t), (x + t, yw, z0 + t)))
    # Height: along Z, left of the front-left edge, in the front plane.
    seg.append(((xh, y0, z0), (xh, y0, z1)))
    for z in (z0, z1):
        seg.append(((x0 - g, y0, z), (xh - EXTENSION_OVERSHOOT, y0, z)))
        seg.append(((xh - t, y0, z - t), (xh + t, y0, z + t)))
    # Depth: along Y on the floor, right of the right side.
    seg.append(((xd, y0, z0), (xd, y1, z0)))
    for y in (y0, y1):
        seg.append(((x1 + g, y, z0), (xd + EXTENSION_OVERSHOOT, y, z0)))
        seg.append(((xd, y - t, z0 - t), (xd, y + t, z0 + t)))
    anchors = np.array([((x0 + x1) / 2, yw, z0), (xh, y0, (z0 + z1) / 2), (xd, (y0 + y1) / 2, z0)])
    texts = (dimension_text(x1 - x0), dimension_text(z1 - z0), dimension_text(y1 - y0))
    return DimensionLayout(np.array(seg, dtype=float), anchors, texts)


def world_label(plotter: pv.BasePlotter, name: str, color: str, background: str, opacity: float,
                scale: float = 1.0) -> vtkTextActor:
    """A text pinned to a room point, drawn flat on top and centred on it, not pickable."""
    label = vtkTextActor()
    label.GetPositionCoordinate().SetCoordinateSystemToWorld()  # follows a 3D point, drawn flat on top
    prop = label.GetTextProperty()
    prop.SetFontSize(round(LABEL_FONT_SIZE * scale))
    prop.SetFontFamilyToArial()
    prop.SetColor(pv.Color(color).float_rgb)
    prop.SetJustificationToCentered()
    prop.SetVerticalJustificationToCentered()
    prop.SetBackgroundColor(pv.Color(background).float_rgb)
    prop.SetBackgroundOpacity(opacity)
    label.SetPickable(False)
    plotter.add_actor(label, name=name, reset_camera=False, pickable=False, render=False)
    return label


def _segments_mesh(segments: np.ndarray) -> pv.PolyData:
    n = len(segments)
    lines = np.column_stack([np.full(n, 2), np.arange(0, 2 * n, 2), np.arange(1, 2 * n, 2)]).ravel()
    return pv.PolyData(segments.reshape(-1, 3), lines=lines)


class DimensionLines:
    """Three overall dimension lines with their labels, kept in step with the body bounds."""

    def __init__(self, plotter: pv.BasePlotter, scale: float = 1.0):
        self.plotter = plotter
        self.visible = True
        self.texts: list[str] = []
        self.extent: tuple[np.ndarray, np.ndarray] | None = None   # (min, max) of the lines drawn
        self._lines: pv.Actor | None = None
        self._labels: list[vtkTextActor] = []
        self._scale = scale

    def update(self, bounds: tuple[np.ndarray, np.ndarray] | None) -> None:
        """Redraw for the body bounds ``(lo, hi)``; None hides them (nothing placed)."""
        if bounds is None:
            self.texts = []
            self.extent = None
            self._show(False)
            return
        layout = dimension_layout(*bounds)
        self.texts = list(layout.texts)
        points = layout.segments.reshape(-1, 3)
        self.extent = points.min(axis=0), points.max(axis=0)
        if self._lines is None:
            self._lines = self.plotter.add_mesh(
                _segments_mesh(layout.segments), color=DIMENSION_COLOR,
                line_width=DIMENSION_LINE_WIDTH * self._scale, lighting=False, pickable=False,
                name="dimension-lines", reset_camera=False, render=False)
            self._labels = [self._add_label(i) for i in range(3)]
        else:   # always the same segments, only their ends move
            self._lines.mapper.dataset.points = points
        for label, text, anchor in zip(self._labels, layout.texts, layout.anchors):
            label.SetInput(text)
            label.GetPositionCoordinate().SetValue(*anchor)
        self._show(self.visible)

    def set_visible(self, visible: bool) -> None:
        self.visible = bool(visible)
        self._show(self.visible and bool(self.texts))

    def actors(self) -> list:
        return ([self._lines] if self._lines is not None else []) + list(self._labels)

    def labels(self) -> list[vtkTextActor]:
        return list(self._labels)

    def _show(self, on: bool) -> None:
        for actor in self.actors():
            actor.SetVisibility(on)

    def _add_label(self, index: int) -> vtkTextActor:
        return world_label(self.plotter, f"dimension-label-{index}", LABEL_COLOR, LABEL_BACKGROUND, 0.9,
                           self._scale)


class SelectionOutline:
    """A box a little larger than the selected module, in the accent colour.

    Edges in front are drawn thick; the edges hidden behind furniture (a shelf
    behind its door) show faintly through, so a selection is never invisible.
    """

    def __init__(self, plotter: pv.BasePlotter, scale: float = 1.0):
        self.plotter = plotter
        self.bounds: tuple[np.ndarray, np.ndarray] | None = None
        self._front: pv.Actor | None = None
        self._hidden: pv.Actor | None = None
        self._scale = scale

    def show(self, lo, hi) -> None:
        lo = np.asarray(lo, dtype=float) - SELECTION_PAD
        hi = np.asarray(hi, dtype=float) + SELECTION_PAD
        box = pv.Box(bounds=(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]), level=0)
        edges = box.extract_all_edges()
        if self._front is None:
            self._front = self._add(edges, "selection", SELECTION_WIDTH, 1.0)
            self._hidden = self._add(edges.copy(), "selection-hidden", SELECTION_WIDTH * 0.6,
                                     SELECTION_HIDDEN_OPACITY)
            # Hidden edges: pulled to the front of the depth buffer, so they show through the furniture.
            self._hidden.mapper.SetRelativeCoincidentTopologyLineOffsetParameters(0.0, -66000.0)
        else:
            self._front.mapper.dataset.copy_from(edges)
            self._hidden.mapper.dataset.copy_from(edges)
        self.bounds = (lo, hi)
        self._front.SetVisibility(True)
        self._hidden.SetVisibility(True)

    def hide(self) -> None:
        self.bounds = None
        for actor in self.actors():
            actor.SetVisibility(False)

    def actors(self) -> list[pv.Actor]:
        return [a for a in (self._front, self._hidden) if a is not None]

    def _add(self, mesh: pv.PolyData, name: str, width: float, opacity: float) -> pv.Actor:
        return self.plotter.add_mesh(mesh, color=SELECTION_COLOR, line_width=width * self._scale,
                                     opacity=opacity, lighting=False, pickable=False, name=name,
                                     reset_camera=False, render=False)


MARK_LABEL_COLOR = "#7A4B00"
MARK_LABEL_BACKGROUND = "#FFF4CE"


class ModuleLabels:
    """Short notes pinned to modules in the view ("sags 8.0 mm"), one text actor each, reused."""

    def __init__(self, plotter: pv.BasePlotter, scale: float = 1.0):
        self.plotter = plotter
        self.texts: dict[str, str] = {}
        self._pool: list[vtkTextActor] = []
        self._scale = scale

    def show(self, labels: dict[str, tuple[str, np.ndarray]]) -> None:
        """``labels``: module id -> (text, room point the text is centred on)."""
        while len(self._pool) < len(labels):
            self._pool.append(self._add_label(len(self._pool)))
        self.texts = {}
        self.anchors: dict[str, tuple[float, ...]] = {}
        for actor, (module_id, (text, point)) in zip(self._pool, labels.items()):
            actor.SetInput(text)
            anchor = tuple(float(v) for v in point)
            actor.GetPositionCoordinate().GetReferenceCoordinate().SetValue(*anchor)
            actor.GetPositionCoordinate().SetValue(0.0, 0.0)   # no nudge until the declutter says so
            actor.SetVisibility(True)
            self.texts[module_id] = text
            self.anchors[module_id] = anchor
        for actor in self._pool[len(labels):]:
            actor.SetVisibility(False)

    def actors(self) -> list:
        return list(self._pool)

    def visible_actors(self) -> list[vtkTextActor]:
        return [actor for actor in self._pool if actor.GetVisibility()]

    def _add_label(self, index: int) -> vtkTextActor:
        label = world_label(self.plotter, f"module-label-{index}", MARK_LABEL_COLOR, MARK_LABEL_BACKGROUND, 0.95,
                            self._scale)
        # A room point as the reference and a pixel offset from it: a note can be nudged off a
        # dimension label by pixels, whatever the zoom (see app.ui.view.labels).
        reference = vtkCoordinate()
        reference.SetCoordinateSystemToWorld()
        position = label.GetPositionCoordinate()
        position.SetCoordinateSystemToDisplay()
        position.SetReferenceCoordinate(reference)
        prop = label.GetTextProperty()
        prop.BoldOn()
        prop.SetFrame(True)
        prop.SetFrameColor(pv.Color(MARK_LABEL_COLOR).float_rgb)
        return label
