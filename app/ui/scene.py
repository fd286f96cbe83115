"""The 3D scene of a design: keeps one group of actors per placed module in step with it.

:class:`SceneView` owns no widget; it drives a pyvista plotter (the live
``QtInteractor`` or an offscreen ``pv.Plotter`` for tests and thumbnails).  It
keeps ``module id -> [body actor, fitting actors...]`` and reconciles: showing
another design, or an edit announced by the design, only touches the actors of
the modules concerned (points updated in place when the mesh is the same),
instead of clearing and re-adding everything, which costs about 1.4 ms per
module per edit (see the rendering notes).  Renders are only *requested*; Qt
coalesces them into one paint per event-loop turn.

All VTK calls must happen on the GUI thread.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from vtkmodules.vtkRenderingCore import vtkMapper

from app.domain.catalog import Catalog
from app.domain.design import Design, DesignEvent
from app.domain.geometry import Layout, ModuleState

from .camera import VIEWS, fit_camera
from .scene_geometry import MeshCache, Piece, module_pieces

BACKGROUND_TOP = "#D5DBE2"     # soft studio gradient, light at the floor line
BACKGROUND_BOTTOM = "#F7F7F5"
FLOOR_COLOR = "#E8E5E0"

# Matte board: enough ambient that faces turned away from the key light keep their colour.
BODY_LOOK = dict(ambient=0.25, diffuse=0.85, specular=0.05, specular_power=10.0)
FITTING_LOOK = dict(ambient=0.2, diffuse=0.6, specular=0.6, specular_power=40.0)
OUTLINE_LOOK = dict(line_width=1.0, lighting=False)  # unlit: an edge keeps one tone from every side


def _same_topology(old: pv.PolyData, new: pv.PolyData) -> bool:
    """True when ``new`` only moves the points of ``old`` (same mesh, another size or place)."""
    return (old.n_points == new.n_points and np.array_equal(old.faces, new.faces)
            and np.array_equal(old.lines, new.lines))


class SceneView:
    """Draws a design into ``plotter`` and keeps it up to date."""

    def __init__(self, plotter: pv.BasePlotter):
        self.plotter = plotter
        self.catalog: Catalog | None = None
        self.design: Design | None = None
        self.layout: Layout | None = None
        self.view = "iso"
        self.failed: dict[str, str] = {}   # modules that could not be resolved: why
        self._actors: dict[str, list[pv.Actor]] = {}
        self._cache = MeshCache()
        self._floor: pv.Actor | None = None
        self._framed: tuple | None = None   # (direction, up, pose) of the last automatic framing
        self._closed = False
        plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
        # Three soft lights keep finish colours close to their swatches (a light kit darkens fronts).
        plotter.remove_all_lights()
        plotter.enable_3_lights()
        # A longer lens than VTK's 30 degrees: less distortion on long sideboards, closer to a product photo.
        plotter.camera.view_angle = 20.0
        # Panel outlines lie exactly on the faces: push polygons back in depth so the lines win
        # (without it they come out dashed in the live view).  VTK makes this a process-wide setting.
        vtkMapper.SetResolveCoincidentTopologyToPolygonOffset()
        # The default left dashed seams where two tops meet; more (factor 2) lets hidden edges show through.
        vtkMapper.SetResolveCoincidentTopologyPolygonOffsetParameters(1.0, 4.0)
        # Post-process anti-aliasing: cheap, unlike multisampling under software GL.
        plotter.enable_anti_aliasing("fxaa")

    # ------------------------------------------------------------------ reading
    @property
    def module_ids(self) -> list[str]:
        return list(self._actors)

    def actors(self, module_id: str) -> list[pv.Actor]:
        return list(self._actors.get(module_id, ()))

    def body_bounds(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Bounds of the module bodies (fittings and floor left out), as (min, max)."""
        boxes = [np.reshape(group[0].GetBounds(), (3, 2)) for group in self._actors.values()]
        if not boxes:
            return None
        return np.min([b[:, 0] for b in boxes], axis=0), np.max([b[:, 1] for b in boxes], axis=0)

    # ---------------------------------------------------------------- building
    def show_design(self, catalog: Catalog, design: Design, reset_camera: bool = True) -> None:
        """Show ``design``, reusing the actors of module ids the current scene already has."""
        if catalog is not self.catalog:
            self._remove_all()  # cached meshes and colours belong to the old catalog
            self._cache = MeshCache()
            self.catalog = catalog
        if self.design is not None:
            self.design.unsubscribe(self._on_design_event)
        self.design = design
        design.subscribe(self._on_design_event)
        self.sync()
        if reset_camera:
            self.set_view(self.view)

    def sync(self) -> None:
        """Reconcile the actors with the whole design: remove, update, add."""
        self.layout = Layout(self.catalog, self.design)
        wanted = self.design.ids()
        for module_id in [m for m in self._actors if m not in wanted]:
            self.remove_module(module_id, _floor=False)
        for module_id in wanted:
            self._build(module_id)
        # Keep the groups in design order (reused ones would otherwise stay where they were).
        self._actors = {mid: self._actors[mid] for mid in wanted if mid in self._actors}
        self._update_floor()
        self.request_render()

    def add_module(self, module_id: str) -> None:
        self.layout = Layout(self.catalog, self.design)
        self._build(module_id)
        self._update_floor()
        self.request_render()

    def update_module(self, module_id: str) -> None:
        """Rebuild one module and everything attached to it (inserts follow their host)."""
        self.layout = Layout(self.catalog, self.design)
        for mid in [module_id] + [m.id for m in self.design.descendants(module_id)]:
            self._build(mid)
        self._update_floor()
        self.request_render()

    def remove_module(self, module_id: str, _floor: bool = True) -> None:
        for actor in self._actors.pop(module_id, []):
            self.plotter.remove_actor(actor, reset_camera=False, render=False)
        self.failed.pop(module_id, None)
        if _floor:
            self._update_floor()
            self.request_render()

    def close(self) -> None:
        """Stop listening to the design (the plotter is closed by its owner)."""
        self._closed = True
        if self.design is not None:
            self.design.unsubscribe(self._on_design_event)
        self.design = None

    def _on_design_event(self, event: DesignEvent) -> None:
        if event.kind == "reset" or event.module_id is None:
            self.sync()
        elif event.kind == "added":
            self.add_module(event.module_id)
        elif event.kind == "removed":
            self.remove_module(event.module_id)
        else:  # moved, params, finish
            self.update_module(event.module_id)

    def _build(self, module_id: str) -> None:
        try:
            state: ModuleState = self.layout.state(module_id)
            pieces = module_pieces(self.catalog, state, self._cache)
        except (ValueError, KeyError, OSError) as exc:
            # One unresolvable module must not take the whole view down: leave it out, say why.
            self.failed[module_id] = str(exc)
            self.remove_module(module_id, _floor=False)
            return
        self.failed.pop(module_id, None)
        current = self._actors.get(module_id, [])
        if len(current) == len(pieces) and all(_same_topology(a.mapper.dataset, p.mesh)
                                                for a, p in zip(current, pieces)):
            for actor, piece in zip(current, pieces):  # same meshes: move the points, recolour
                actor.mapper.dataset.points = piece.mesh.points
                actor.prop.color = piece.color
            return
        for actor in current:
            self.plotter.remove_actor(actor, reset_camera=False, render=False)
        self._actors[module_id] = [self._add_piece(piece, f"{module_id}:{i}") for i, piece in enumerate(pieces)]

    def _add_piece(self, piece: Piece, name: str) -> pv.Actor:
        look = {"body": BODY_LOOK, "outline": OUTLINE_LOOK, "fitting": FITTING_LOOK}[piece.kind]
        return self.plotter.add_mesh(piece.mesh, color=piece.color, name=name, reset_camera=False,
                                     render=False, **look)

    def _remove_all(self) -> None:
        for module_id in list(self._actors):
            self.remove_module(module_id, _floor=False)

    def _update_floor(self) -> None:
        """A light floor a little larger than the footprint, so the furniture stands on something."""
        bounds = self.body_bounds()
        if bounds is None:
            if self._floor is not None:
                self._floor.visibility = False
            return
        lo, hi = bounds
        size = hi - lo
        margin = max(250.0, 0.18 * max(size[0], size[1]))
        floor_z = min(0.0, lo[2]) - 0.5  # just below, so the floor never fights the module bottoms
        plane = pv.Plane(center=((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, floor_z), direction=(0, 0, 1),
                         i_size=size[0] + 2 * margin, j_size=size[1] + 2 * margin)
        if self._floor is None:
            self._floor = self.plotter.add_mesh(plane, color=FLOOR_COLOR, name="floor", reset_camera=False,
                                                render=False, ambient=0.45, diffuse=0.6, specular=0.0,
                                                pickable=False)
        else:
            self._floor.mapper.dataset.copy_from(plane)
            self._floor.visibility = True

    # ------------------------------------------------------------------ camera
    def set_view(self, view: str) -> None:
        """One of ``front``, ``side``, ``top``, ``iso``; frames the whole design."""
        direction, up = VIEWS[view]
        self.view = view
        self._frame(direction, up)

    def frame_all(self) -> None:
        """Zoom to fit, keeping the current viewing direction."""
        camera = self.plotter.camera
        direction = np.subtract(camera.position, camera.focal_point)
        self._frame(direction, camera.up)

    def _frame(self, direction, up) -> None:
        bounds = self.body_bounds()
        if bounds is None:
            return
        camera = self.plotter.camera
        pose = fit_camera(bounds[0], bounds[1], direction, up, camera.view_angle, self._aspect())
        camera.position, camera.focal_point, camera.up = pose.position, pose.focal_point, pose.up
        self._framed = (direction, up, self._pose())
        self.plotter.renderer.camera_set = True  # keep pyvista from resetting it on the first render
        self.plotter.renderer.reset_camera_clipping_range()
        self.request_render()

    def refit_if_untouched(self) -> None:
        """Frame again (the view was resized) unless the user has moved the camera since the last framing."""
        if self._closed or self._framed is None:
            return
        direction, up, pose = self._framed
        if np.allclose(np.concatenate(self._pose()), np.concatenate(pose)):
            self._frame(direction, up)

    def _pose(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        camera = self.plotter.camera
        return np.array(camera.position), np.array(camera.focal_point), np.array(camera.up)

    def _aspect(self) -> float:
        width, height = self.plotter.ren_win.GetSize()
        return width / height if width > 0 and height > 0 else 4 / 3

    def request_render(self) -> None:
        """Ask for one repaint; several requests in one event-loop turn draw once."""
        if isinstance(self.plotter, QOpenGLWidget):
            # plotter.render() would draw at once and again in paintGL: update() draws once, later.
            QOpenGLWidget.update(self.plotter)
        else:
            self.plotter.render()
