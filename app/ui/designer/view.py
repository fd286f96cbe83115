"""The designer's main 3D view: the imported mesh as Modulor will use it, measured.

Draws into a pyvista plotter (the window's ``QtInteractor``, or an offscreen
plotter in tests): the mesh in millimetres, Z up, with its panel outlines; its
bounding box with the three sizes written on it; the origin (red X, green Y,
blue Z) so the designer sees where the back-left-bottom corner is; a floor under
it, so a mesh lying on its back is obvious; and the stretch zones as translucent
slabs (red along X, green along Y, blue along Z).

Actors are replaced, never accumulated; renders are requested, not forced.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from vtkmodules.vtkRenderingCore import vtkMapper

from app.ui.view.camera import VIEWS, fit_camera
from app.ui.view.scene import BACKGROUND_BOTTOM, BACKGROUND_TOP, BODY_LOOK, FLOOR_COLOR, OUTLINE_LOOK
from app.ui.view.scene_geometry import darker, outline

MESH_COLOR = "#DCD5CA"        # a pale, neutral board: shading and outlines read well on it
BOX_COLOR = "#2F6FDE"         # the measured box and its labels: the app's accent blue
AXIS_COLORS = {"x": "#D64541", "y": "#2E9E5B", "z": "#2E6FD6"}   # red, green, blue, as every 3D tool
ZONE_BAND_WIDTH = 7           # px: the zone's band along the box edge
LABEL_STYLE = dict(font_size=15, point_size=0, show_points=False, shape_color="white", shape_opacity=0.85,
                   text_color="#1D2733", always_visible=True, margin=4)
VIEW_ANGLE = 20.0             # the configurator's lens
FLOOR_MARGIN = 0.2            # floor this much larger than the footprint, each side
ORIGIN_FRAMING_MARGIN = 0.25  # the origin is framed with the mesh when this close to its box (share of its size)


def prepare_plotter(plotter: pv.BasePlotter) -> None:
    """The configurator's look: studio gradient, three soft lights, a long lens, FXAA."""
    plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
    plotter.remove_all_lights()
    plotter.enable_3_lights()
    plotter.camera.view_angle = VIEW_ANGLE
    vtkMapper.SetResolveCoincidentTopologyToPolygonOffset()  # outlines win over the faces they lie on
    vtkMapper.SetResolveCoincidentTopologyPolygonOffsetParameters(1.0, 4.0)
    plotter.enable_anti_aliasing("fxaa")


def request_render(plotter: pv.BasePlotter) -> None:
    if isinstance(plotter, QOpenGLWidget):
        QOpenGLWidget.update(plotter)  # one paint per event-loop turn (plotter.render() paints twice)
    else:
        plotter.render()


def frame(plotter: pv.BasePlotter, lo, hi, view: str, margin: float = 1.12) -> None:
    """Point the camera along ``view`` so that the box lo..hi fills the window."""
    width, height = plotter.ren_win.GetSize()
    aspect = width / height if width > 0 and height > 0 else 4 / 3
    direction, up = VIEWS[view]
    pose = fit_camera(np.asarray(lo), np.asarray(hi), direction, up, plotter.camera.view_angle, aspect, margin)
    camera = plotter.camera
    camera.position, camera.focal_point, camera.up = pose.position, pose.focal_point, pose.up
    plotter.renderer.camera_set = True
    plotter.renderer.reset_camera_clipping_range()


def _cross_section(lo, hi, axis: int, value: float) -> pv.PolyData:
    """The rectangle where the plane ``axis = value`` cuts the box lo..hi, as a closed line."""
    others = [k for k in range(3) if k != axis]
    corners = []
    for u, v in ((0, 0), (1, 0), (1, 1), (0, 1), (0, 0)):
        point = np.empty(3)
        point[axis] = value
        point[others[0]] = (lo, hi)[u][others[0]]
        point[others[1]] = (lo, hi)[v][others[1]]
        corners.append(point)
    return pv.lines_from_points(np.array(corners))


class MeshStage:
    """The imported mesh, its box, origin, floor and zones in one plotter."""

    def __init__(self, plotter: pv.BasePlotter):
        self.plotter = plotter
        self.view = "iso"
        self._actors: dict[str, list] = {}
        self.bounds: tuple[np.ndarray, np.ndarray] | None = None
        prepare_plotter(plotter)

    # ----------------------------------------------------------------- drawing
    def _replace(self, group: str, actors: list) -> None:
        for actor in self._actors.pop(group, []):
            self.plotter.remove_actor(actor, reset_camera=False, render=False)
        self._actors[group] = actors

    def _add(self, mesh: pv.DataSet, **kwargs):
        return self.plotter.add_mesh(mesh, reset_camera=False, render=False, **kwargs)

    def clear(self) -> None:
        for group in list(self._actors):
            self._replace(group, [])
        self.bounds = None
        request_render(self.plotter)

    def show_mesh(self, vertices: np.ndarray, faces: np.ndarray, reframe: bool = True,
                  slots: list[tuple[str, float, float | None, np.ndarray]] | None = None) -> None:
        """The mesh in the neutral board colour; ``slots``: (colour, opacity, specular, face mask) of the
        pieces in a material slot with a finish of its own (glass, a white back), drawn in it."""
        vertices, faces = np.asarray(vertices, dtype=float), np.asarray(faces)
        whole = pv.PolyData.from_regular_faces(vertices, faces)
        own = np.ones(len(faces), dtype=bool)
        extra = []
        for color, opacity, specular, mask in slots or []:
            own &= ~mask
            if mask.any():
                look = dict(BODY_LOOK, **({"specular": specular, "specular_power": 60.0} if specular else {}))
                extra.append(self._add(pv.PolyData.from_regular_faces(vertices, faces[mask]), color=color,
                                       opacity=opacity, **look))
        body = whole if own.all() else pv.PolyData.from_regular_faces(vertices, faces[own])
        lo, hi = whole.points.min(axis=0), whole.points.max(axis=0)
        self.bounds = (lo, hi)
        self._replace("slots", extra)
        self._replace("body", [self._add(body, color=MESH_COLOR, **BODY_LOOK),
                               self._add(outline(whole), color=darker(MESH_COLOR, 0.55), **OUTLINE_LOOK)])
        self._draw_box(lo, hi)
        self._draw_origin(lo, hi)
        self._draw_floor(lo, hi)
        if reframe:
            self.set_view(self.view)
        request_render(self.plotter)

    def _draw_box(self, lo, hi) -> None:
        box = pv.Box(bounds=(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])).extract_all_edges()
        size = hi - lo
        # Labels on the front bottom edge (width), the left bottom edge (depth) and the front left edge
        # (height): the edges the 3/4 view looks at, and the labels' text runs inwards, not off the view.
        points = np.array([[(lo[0] + hi[0]) / 2, lo[1], lo[2]], [lo[0], (lo[1] + hi[1]) / 2, lo[2]],
                           [lo[0], lo[1], (lo[2] + hi[2]) / 2]])
        texts = [f"{v:.1f}".rstrip("0").rstrip(".") + " mm" for v in size]
        labels = self.plotter.add_point_labels(points, texts, name="designer-size-labels", render=False,
                                               **LABEL_STYLE)
        self._replace("box", [self._add(box, color=BOX_COLOR, line_width=1.5, lighting=False), labels])

    def _draw_origin(self, lo, hi) -> None:
        length = 0.18 * float(np.max(hi - lo))
        actors = []
        for i, axis in enumerate("xyz"):
            tip = np.zeros(3)
            tip[i] = length if axis != "y" else -length  # Y drawn towards the front (-Y), where the module is
            actors.append(self._add(pv.Line((0, 0, 0), tip), color=AXIS_COLORS[axis], line_width=4, lighting=False))
        actors.append(self._add(pv.Sphere(radius=0.08 * length, center=(0, 0, 0)), color="#1D2733"))
        # The origin may lie inside the mesh: its label shows through, so the designer always finds it.
        actors.append(self.plotter.add_point_labels(np.zeros((1, 3)), ["origin"], name="designer-origin-label",
                                                    render=False, **{**LABEL_STYLE, "font_size": 12,
                                                                     "text_color": "#B03A2E"}))
        self._replace("origin", actors)

    def _draw_floor(self, lo, hi) -> None:
        size = hi - lo
        margin = FLOOR_MARGIN * max(size[0], size[1], 1e-6)
        plane = pv.Plane(center=((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, lo[2] - 1e-3 * max(size)),
                         direction=(0, 0, 1), i_size=size[0] + 2 * margin, j_size=size[1] + 2 * margin)
        self._replace("floor", [self._add(plane, color=FLOOR_COLOR, ambient=0.45, diffuse=0.6, specular=0.0,
                                          pickable=False)])

    def show_zones(self, zones: dict[str, list[tuple[float, float]]]) -> None:
        """Each zone as a thick band on the box edge that carries its axis's size label, and an outline
        across the box at each of its two ends: the designer sees where stretching starts and stops.

        Lines, not filled slabs: zone ends lie on panel faces by design, and a face there would fight
        with the panel for the same depth."""
        if self.bounds is None:
            return
        lo, hi = self.bounds
        # The labelled edges: front bottom (x), left bottom (y), front left (z); see _draw_box.
        edge_points = {"x": np.array([lo[0], lo[1], lo[2]]), "y": np.array([lo[0], lo[1], lo[2]]),
                       "z": np.array([lo[0], lo[1], lo[2]])}
        actors = []
        for i, axis in enumerate("xyz"):
            color = AXIS_COLORS[axis]
            for a, b in zones.get(axis, []):
                start, end = edge_points[axis].copy(), edge_points[axis].copy()
                start[i], end[i] = a, b
                actors.append(self._add(pv.Line(start, end), color=color, line_width=ZONE_BAND_WIDTH,
                                        lighting=False))
                for value in (a, b):
                    actors.append(self._add(_cross_section(lo, hi, i, value), color=color, line_width=2,
                                            lighting=False))
        self._replace("zones", actors)
        request_render(self.plotter)

    # ------------------------------------------------------------------ camera
    def set_view(self, view: str) -> None:
        """Frame the mesh along ``view``, with the origin when it is near (far away, it would leave the
        mesh tiny in the middle of the view; the report gives its distance anyway)."""
        self.view = view
        if self.bounds is not None:
            lo, hi = self.bounds
            near = ORIGIN_FRAMING_MARGIN * (hi - lo)
            if np.all(lo - near <= 0.0) and np.all(hi + near >= 0.0):
                lo, hi = np.minimum(lo, 0.0), np.maximum(hi, 0.0)
            frame(self.plotter, lo, hi, view)
            request_render(self.plotter)

    def actor_count(self, group: str) -> int:
        return len(self._actors.get(group, []))
