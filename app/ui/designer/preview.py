"""The stretch preview: the module at a parameter's minimum, a custom value and its maximum, side by side.

One plotter, three copies of the published mesh, each stretched by the current
zones to its size and set out left to right with a gap, a label under each
("Width 300 mm, min").  When only the zones or the custom value change, the
copies keep their actors and only their points move (a fraction of a
millisecond), so dragging the slider stays live.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv

from app.ui.designer.view import LABEL_STYLE, MESH_COLOR, frame, prepare_plotter, request_render
from app.ui.view.scene import BODY_LOOK, OUTLINE_LOOK
from app.ui.view.scene_geometry import darker, outline

GAP_SHARE = 0.25          # gap between copies, as a share of the widest copy
PREVIEW_VIEW = "front"    # sizes compare best face on; the main view shows the depth


@dataclass(frozen=True)
class Copy:
    """One copy to show: its stretched vertices (None when the size cannot be reached) and its label."""

    vertices: np.ndarray | None
    label: str


class StretchPreview:
    def __init__(self, plotter: pv.BasePlotter):
        self.plotter = plotter
        self._bodies: list[pv.Actor] = []
        self._outlines: list[pv.Actor] = []
        self._labels = None
        self._faces: np.ndarray | None = None
        self.placed: list[tuple[np.ndarray, np.ndarray]] = []   # each copy's (min, max) as drawn
        self._hint = None
        self.hint = ""
        self._framed: tuple[np.ndarray, np.ndarray] | None = None
        prepare_plotter(plotter)

    def clear(self, hint: str = "") -> None:
        """Nothing to preview; ``hint`` says what would make a preview."""
        for actor in self._bodies + self._outlines + ([self._labels] if self._labels is not None else []):
            self.plotter.remove_actor(actor, reset_camera=False, render=False)
        self._bodies, self._outlines, self._labels, self._faces, self.placed = [], [], None, None, []
        self._set_hint(hint)
        request_render(self.plotter)

    def _set_hint(self, hint: str) -> None:
        if self._hint is not None:
            self.plotter.remove_actor(self._hint, reset_camera=False, render=False)
            self._hint = None
        if hint:
            self._hint = self.plotter.add_text(hint, position="upper_left", font_size=11, color="#425260",
                                               name="designer-preview-hint")
        self.hint = hint

    def show(self, copies: list[Copy], faces: np.ndarray, reframe: bool = True) -> None:
        faces = np.asarray(faces)
        self._set_hint("")
        if self._faces is None or len(self._bodies) != len(copies) or not np.array_equal(self._faces, faces):
            self.clear()
            self._faces = faces
        shown = [c.vertices for c in copies if c.vertices is not None]
        widest = max((float(np.ptp(v[:, 0])) for v in shown), default=1.0)
        gap = GAP_SHARE * widest
        x = 0.0
        self.placed = []
        label_points = []
        for index, copy in enumerate(copies):
            if copy.vertices is None:
                points = np.zeros((0, 3))
                lo = hi = np.array([x, 0.0, 0.0])
            else:
                lo0 = copy.vertices.min(axis=0)
                points = copy.vertices + np.array([x - lo0[0], 0.0, 0.0])
                lo, hi = points.min(axis=0), points.max(axis=0)
            self._draw(index, points)
            self.placed.append((lo, hi))
            label_points.append([lo[0], lo[1], lo[2] - 0.06 * widest])  # labels read from the copy's left edge
            x = hi[0] + gap
        if self._labels is not None:
            self.plotter.remove_actor(self._labels, reset_camera=False, render=False)
        self._labels = self.plotter.add_point_labels(np.array(label_points), [c.label for c in copies],
                                                     name="designer-preview-labels", render=False, **LABEL_STYLE)
        if self.placed:
            lo = np.min([p[0] for p in self.placed], axis=0)
            hi = np.max([p[1] for p in self.placed], axis=0)
            lo[2] -= 0.15 * widest  # room for the labels under the copies,
            spread = hi[0] - lo[0]            # and for the first and last label, wider than their copy
            lo[0], hi[0] = lo[0] - 0.08 * spread, hi[0] + 0.08 * spread
            # A slider drag keeps the camera unless a copy would leave the picture.
            outside = self._framed is None or np.any(lo < self._framed[0]) or np.any(hi > self._framed[1])
            if reframe or outside:
                frame(self.plotter, lo, hi, PREVIEW_VIEW, margin=1.08)
                self._framed = (lo, hi)
        request_render(self.plotter)

    def _draw(self, index: int, points: np.ndarray) -> None:
        if not len(points):  # this size cannot be reached: leave the place empty (the label says why)
            if index < len(self._bodies):
                self._bodies[index].visibility = self._outlines[index].visibility = False
            else:
                self._append(pv.PolyData(), visible=False)
            return
        if index < len(self._bodies) and self._bodies[index].mapper.dataset.n_points == len(points):
            body = self._bodies[index].mapper.dataset
            body.points = points  # same triangles: move the points in place
            self._outlines[index].mapper.SetInputData(outline(body))
            self._bodies[index].visibility = self._outlines[index].visibility = True
            return
        body = pv.PolyData.from_regular_faces(points, self._faces)
        if index < len(self._bodies):
            self._bodies[index].mapper.SetInputData(body)
            self._outlines[index].mapper.SetInputData(outline(body))
            self._bodies[index].visibility = self._outlines[index].visibility = True
        else:
            self._append(body, visible=True)

    def _append(self, body: pv.PolyData, visible: bool) -> None:
        add = dict(reset_camera=False, render=False)
        body_actor = self.plotter.add_mesh(body if body.n_points else pv.Sphere(radius=1e-6), color=MESH_COLOR,
                                           **add, **BODY_LOOK)
        lines = outline(body) if body.n_points else pv.PolyData()
        outline_actor = self.plotter.add_mesh(lines if lines.n_points else pv.Sphere(radius=1e-6),
                                              color=darker(MESH_COLOR, 0.55), **add, **OUTLINE_LOOK)
        body_actor.visibility = outline_actor.visibility = visible
        self._bodies.append(body_actor)
        self._outlines.append(outline_actor)
