"""The 3D scene of a design: keeps one group of actors per placed module in step with it.

:class:`SceneView` owns no widget; it drives a pyvista plotter (the live
``QtInteractor`` or an offscreen ``pv.Plotter`` for tests and thumbnails).  It
keeps one :class:`ModuleRecord` per placed module (its actors, their meshes and
what they were built and coloured for, its tint and note) and reconciles: showing
another design, or an edit announced by the design, only touches the actors of
the modules concerned (points updated in place when the mesh is the same),
instead of clearing and re-adding everything, which costs about 1.4 ms per
module per edit (see the rendering notes).  Renders are only *requested*; Qt
coalesces them into one paint per event-loop turn.

It also answers which module is under a point of the view (:meth:`SceneView.pick`,
rays against module boxes in :mod:`app.domain.design.picking`, not a VTK picker),
outlines the selected module, draws the overall dimension lines
(:mod:`.scene_overlays`) and exports pictures (:meth:`SceneView.save_image`).

All VTK calls must happen on the GUI thread.
"""

from __future__ import annotations

import contextlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyvista as pv
from PIL import Image
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QWidget
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkMapper, vtkPolyDataMapper

from app.domain import atomic_files
from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design, DesignEvent
from app.domain.design.layout import Layout, ModuleState
from app.domain.design.picking import ModuleBoxes
from app.ui.view.camera import VIEWS, TurntableCamera, fit_camera, fit_parallel, install_turntable
from app.ui.view.contact_shadow import ContactShadow
from app.ui.view.elevation import ElevationOverlay, elevation_dimensions
from app.ui.view.fronts import MODES, Fronts
from app.ui.view.high_quality import check_quality, prepare, reduce, supersampled_size
from app.ui.view.labels import declutter
from app.ui.view.room import FLOOR_COLOR as FLOOR_COLOR  # the designer's view draws its floor alike
from app.ui.view.room import RoomView
from app.ui.view.scene_geometry import (
    MeshCache,
    Piece,
    Shape,
    blend,
    module_shapes,
    piece_color,
    shape_key,
    texture_path,
    topology_key,
)
from app.ui.view.scene_overlays import DimensionLines, ModuleLabels, SelectionOutline
from app.ui.view.settled_frame import SettledFrame

ERROR_TINT = "#E0463A"         # modules with an error: their colour pulled towards this red
ERROR_TINT_SHARE = 0.55
BACKGROUND_TOP = "#D5DBE2"     # soft studio gradient, light at the floor line
BACKGROUND_BOTTOM = "#F7F7F5"
ELEVATIONS = ("front", "side", "top")   # views drawn as true orthographic elevations

# Matte board: enough ambient that faces turned away from the key light keep their colour.
BODY_LOOK = dict(ambient=0.25, diffuse=0.85, specular=0.05, specular_power=10.0)
FITTING_LOOK = dict(ambient=0.2, diffuse=0.6, specular=0.6, specular_power=40.0)
OUTLINE_LOOK = dict(line_width=1.0, lighting=False)  # unlit: an edge keeps one tone from every side


@dataclass(eq=False)
class ModuleRecord:
    """All the scene keeps for one placed module: dropping the record and its actors forgets the module.

    The actors draw the meshes in the module's own frame and carry its transform.
    """

    actors: list[pv.Actor]      # body, outline, fittings: one per mesh, in this order
    meshes: list[pv.PolyData]   # what the actors draw (a resize moves their points in place)
    kinds: list[str]            # each actor's piece kind: body, outline, fitting
    topology: tuple             # what the meshes are made of (see topology_key)
    shape: tuple | None = None  # what the meshes were built for (see shape_key)
    bounds: np.ndarray | None = None   # the body's room bounds, (3, 2) rows x y z
    painted: tuple | None = None       # (finish, tinted) the actors were last coloured for
    texture: Path | None = None        # the decor image on the body; None: a plain colour
    tinted: bool = False               # drawn in the error tint
    note: str | None = None            # text pinned to the module


def _same_bounds(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return bool(np.allclose(a[0], b[0]) and np.allclose(a[1], b[1]))


class SceneView:
    """Draws a design into ``plotter`` and keeps it up to date."""

    def __init__(self, plotter: pv.BasePlotter, scale: float = 1.0, cache: MeshCache | None = None):
        """``scale`` multiplies line widths and label sizes (pictures larger than the view);
        ``cache`` shares already-read meshes with another view of the same catalog."""
        self.plotter = plotter
        self.scale = scale
        self.catalog: Catalog | None = None
        self.design: Design | None = None
        self.layout: Layout | None = None
        self.view = "iso"
        self.failed: dict[str, str] = {}   # modules that could not be resolved (no record): why
        self._records: dict[str, ModuleRecord] = {}   # module id -> what is drawn for it, in design order
        self._textures: dict = {}                     # decor image path -> pv.Texture, shared by actors
        self._cache = cache if cache is not None else MeshCache()
        self._shared_cache = cache is not None
        self.room = RoomView(plotter)
        self.shadow = ContactShadow(self.room)
        self.fronts = Fronts(plotter)
        self._elevation = ElevationOverlay(plotter, scale)
        # The live views' camera: a turntable about the vertical (install_turntable puts it on the mouse).
        self.camera_control = TurntableCamera(plotter.renderer, on_change=self._camera_moved,
                                              on_reset=self.reset_camera, on_leave_elevation=self._leave_elevation)
        self._style = None
        self._boxes: ModuleBoxes | None = None   # pick boxes of the current layout, built on the first pick
        self._selected: str | None = None
        self._selection = SelectionOutline(plotter, scale)
        self._dimensions = DimensionLines(plotter, scale)
        self._labels = ModuleLabels(plotter, scale)
        self._framed: tuple | None = None   # (direction, up, pose) of the last automatic framing
        self._shown_bounds: tuple | None = None   # body bounds the surroundings were last drawn for
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
        # The room reaches behind the camera, so VTK's near plane would fall to a thousandth of the far
        # one; the depth buffer then cannot tell a door from the shelf behind it.  A fiftieth keeps
        # hidden edges hidden and still lets the camera come within a hand's width of a module.
        plotter.renderer.SetNearClippingPlaneTolerance(0.02)
        # Post-process anti-aliasing: cheap, unlike multisampling under software GL; a live view
        # draws one supersampled frame when it comes to rest (settled_frame.py says why).
        plotter.enable_anti_aliasing("fxaa")
        self.settled = SettledFrame(plotter) if isinstance(plotter, QOpenGLWidget) else None

    # ------------------------------------------------------------------ reading
    @property
    def module_ids(self) -> list[str]:
        return list(self._records)

    def actors(self, module_id: str) -> list[pv.Actor]:
        record = self._records.get(module_id)
        return list(record.actors) if record is not None else []

    def meshes(self, module_id: str) -> list[pv.PolyData]:
        """The meshes the module's actors draw (body, outline, fittings), in its own frame."""
        record = self._records.get(module_id)
        return list(record.meshes) if record is not None else []

    def overlay_actors(self) -> list:
        """The actors drawn over the furniture (dimension lines and labels, selection outline, notes)."""
        return (self._dimensions.actors() + self._elevation.actors() + self._selection.actors()
                + self._labels.actors())

    @property
    def elevation_texts(self) -> list[str]:
        """The labels of the elevation's dimensions (empty outside the front, side and top views)."""
        return self._elevation.texts if self._elevation.dims is not None else []

    @property
    def elevation(self):
        """The elevation's dimensions as drawn (segments, labels, kinds), or None."""
        return self._elevation.dims

    # ------------------------------------------------------------------ marks
    @property
    def tinted(self) -> set[str]:
        return {module_id for module_id, record in self._records.items() if record.tinted}

    @property
    def label_texts(self) -> dict[str, str]:
        return dict(self._labels.texts)

    def set_marks(self, tinted, labels: dict[str, str]) -> None:
        """Tint ``tinted`` modules (they have an error) and pin ``labels`` (module id -> text) to modules.

        Only the modules whose tint changed are recoloured; the labels follow their modules.
        """
        tinted = set(tinted)
        for module_id, record in self._records.items():
            record.note = labels.get(module_id)
            if record.tinted != (module_id in tinted):
                record.tinted = not record.tinted
                self._colour(module_id)
        self._place_labels()
        self.request_render()

    def _place_labels(self) -> None:
        """Each note sits on the front top edge of its module, in the middle, when the customer can see it.

        A note on something behind a closed front (a sagging shelf behind its door) waits until
        the fronts are opened or see-through: pinned on the door it would float on the wrong thing.
        Notes are then moved up off any dimension label they would cover.
        """
        placed = {}
        for module_id, record in self._records.items():
            if record.note is not None and record.bounds is not None and not self.concealed(module_id):
                (x0, x1), (y0, _), (_, z1) = record.bounds
                placed[module_id] = (record.note, np.array([(x0 + x1) / 2, y0, z1]))
        self._labels.show(placed)
        self._declutter()

    def _declutter(self) -> None:
        fixed = [a for a in self._dimensions.labels() + self._elevation.actors()[1:] if a.GetVisibility()]
        declutter(self.plotter.renderer, self._labels.visible_actors(), fixed)

    def concealed(self, module_id: str) -> bool:
        """Whether the module sits behind a closed front of its host (the fronts' mode is closed)."""
        if self.fronts.mode != "closed" or self.design is None or module_id not in self.design:
            return False
        module = self.design.get(module_id)
        record = self._records.get(module_id)
        if module.attach != "in" or record is None or record.bounds is None:
            return False
        (x0, x1), (y0, _), (z0, z1) = record.bounds
        cx, cz = (x0 + x1) / 2, (z0 + z1) / 2
        for sibling in self.design.children(module.to):
            other = self._records.get(sibling.id)
            if sibling.id == module_id or other is None or other.bounds is None:
                continue
            (fx0, fx1), (fy0, _), (fz0, fz1) = other.bounds
            if fx0 <= cx <= fx1 and fz0 <= cz <= fz1 and fy0 < y0 and self._is_front(sibling.id):
                return True
        return False

    def _is_front(self, module_id: str) -> bool:
        try:
            return self.fronts.is_front(self.catalog, self.layout.state(module_id))
        except (ValueError, KeyError):
            return False

    def body_bounds(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Bounds of the module bodies (fittings and floor left out), as (min, max)."""
        boxes = [record.bounds for record in self._records.values() if record.bounds is not None]
        if not boxes:
            return None
        boxes = np.array(boxes)
        return boxes[:, :, 0].min(axis=0), boxes[:, :, 1].max(axis=0)

    # ---------------------------------------------------------------- building
    def show_design(self, catalog: Catalog, design: Design, reset_camera: bool = True) -> None:
        """Show ``design``, reusing the actors of module ids the current scene already has."""
        if catalog is not self.catalog:
            self._remove_all()  # cached meshes and colours belong to the old catalog
            if not (self._shared_cache and self.catalog is None):
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
        self._relayout()
        wanted = self.design.ids()
        for module_id in [m for m in self._records if m not in wanted]:
            self.remove_module(module_id, _floor=False)
        for module_id in wanted:
            self._build(module_id)
        # Keep the records in design order (reused ones would otherwise stay where they were).
        self._records = {mid: self._records[mid] for mid in wanted if mid in self._records}
        self._update_surroundings()
        self.request_render()

    def add_module(self, module_id: str) -> None:
        self._relayout()
        self._build(module_id)
        self._update_surroundings()
        self.request_render()

    def update_module(self, module_id: str) -> None:
        """Rebuild one module and everything attached to it (inserts follow their host)."""
        self._relayout()
        for mid in [module_id] + [m.id for m in self.design.descendants(module_id)]:
            self._build(mid)
        self._update_surroundings()
        self.request_render()

    def remove_module(self, module_id: str, _floor: bool = True) -> None:
        """Forget a module: its record (tint and note included) and its actors in the renderer."""
        record = self._records.pop(module_id, None)
        if record is not None:
            self._remove_actors(record)
        self.fronts.forget(module_id)
        self.failed.pop(module_id, None)
        if _floor:
            self._relayout()
            self._update_surroundings()
            self.request_render()

    def close(self) -> None:
        """Stop listening to the design (the plotter is closed by its owner)."""
        self._closed = True
        if self.settled is not None:
            self.settled.close()
        if self.design is not None:
            self.design.unsubscribe(self._on_design_event)
        self.design = None

    def _on_design_event(self, event: DesignEvent) -> None:
        if event.kind == "room":
            self.room_changed()
        elif event.kind == "reset" or event.module_id is None:
            self.sync()
        elif event.kind == "added":
            self.add_module(event.module_id)
        elif event.kind == "removed":
            self.remove_module(event.module_id)
        else:  # moved, params, finish
            self.update_module(event.module_id)

    def _build(self, module_id: str) -> None:
        """Bring one module's actors up to date, doing no more than its change needs.

        Geometry lives in the module's own frame and the actors carry the module's
        transform, so a move sets matrices, a finish sets colours, and only a change
        of size or options builds meshes (in place when the topology is the same).
        """
        try:
            state: ModuleState = self.layout.state(module_id)
            shape = shape_key(self.catalog, state)
            record = self._records.get(module_id)
            if record is None or record.shape != shape:
                record = self._set_geometry(module_id, module_shapes(self.catalog, state, self._cache, in_room=False))
                record.shape = shape
        except (ValueError, KeyError, OSError) as exc:
            # One unresolvable module must not take the whole view down: leave it out, say why.
            self.failed[module_id] = str(exc)
            self.remove_module(module_id, _floor=False)
            return
        self.failed.pop(module_id, None)
        matrix = vtkMatrix4x4()   # one matrix for all of the module's actors
        matrix.DeepCopy(state.transform.ravel())
        for actor in record.actors:
            actor.SetUserMatrix(matrix)
        self._colour(module_id)
        record.bounds = np.reshape(record.actors[0].GetBounds(), (3, 2))   # closed: where it stands
        self.fronts.apply(self.catalog, module_id, state, record)

    def _colour(self, module_id: str) -> None:
        """Colours (and the body's decor image) of a module's actors from its finish and its tint."""
        record = self._records[module_id]
        finish = self.design.get(module_id).finish
        tinted = record.tinted
        if record.painted == (finish, tinted):
            return   # a move or a resize: the colours stand
        record.painted = (finish, tinted)
        for actor, kind in zip(record.actors, record.kinds):
            slot_finish = getattr(actor, "_slot_finish", None)   # a material slot's own finish (issue 19)
            color = piece_color(self.catalog, slot_finish or finish, kind)
            actor.prop.color = blend(color, ERROR_TINT, ERROR_TINT_SHARE) if tinted and kind != "fitting" else color
            if kind == "body" and slot_finish is None:
                record.texture = texture_path(self.catalog, finish)
                self._set_texture(actor, record.texture)

    def _set_geometry(self, module_id: str, shapes: list[Shape]) -> ModuleRecord:
        """The module's record with meshes for ``shapes``: the same meshes when the topology allows."""
        record = self._records.get(module_id)
        topology = topology_key(shapes)
        if record is not None and record.topology == topology:
            for mesh, shape in zip(record.meshes, shapes):   # the same meshes at another size
                mesh.points = shape.points
                if shape.tcoords is not None:
                    mesh.active_texture_coordinates = shape.tcoords
            return record
        if record is not None:
            self._remove_actors(record)
        meshes = [shape.mesh() for shape in shapes]
        actors = [self._add_piece(Piece(s.kind, mesh, s.color, s.texture, s.look)) for s, mesh in zip(shapes, meshes)]
        kinds = [shape.kind for shape in shapes]
        if record is None:
            record = self._records[module_id] = ModuleRecord(actors, meshes, kinds, topology)
        else:   # new actors for a module already shown: its tint and note stay, its colours are to do
            record.actors, record.meshes, record.kinds, record.topology = actors, meshes, kinds, topology
            record.painted = None
        return record

    def _remove_actors(self, record: ModuleRecord) -> None:
        for actor in record.actors:
            self.plotter.renderer.RemoveActor(actor)

    def _add_piece(self, piece: Piece) -> pv.Actor:
        """A new actor for a piece, put together directly (pyvista's add_mesh costs four times as much)."""
        mapper = vtkPolyDataMapper()   # the mesh stays in the module's record, where a resize changes it
        mapper.SetInputData(piece.mesh)
        mapper.ScalarVisibilityOff()
        actor = pv.Actor(mapper=mapper)
        prop = actor.prop
        prop.color = piece.color
        for name, value in {"body": BODY_LOOK, "outline": OUTLINE_LOOK, "fitting": FITTING_LOOK}[piece.kind].items():
            setattr(prop, name, value)
        if piece.look is not None:   # pieces in a material slot's own finish (issue 19): glass is see-through
            actor._slot_finish = piece.look.finish
            actor._slot_reflection = piece.look.reflection   # the high-quality path's sheen on glass
            prop.opacity = piece.look.opacity
            if piece.look.specular is not None:
                prop.specular, prop.specular_power = piece.look.specular, 60.0
        self.plotter.renderer.AddActor(actor)
        return actor

    def body_texture(self, module_id: str):
        """The decor image shown on the module's body (its path), or None when it shows a plain colour."""
        record = self._records.get(module_id)
        return record.texture if record is not None else None

    def _set_texture(self, actor: pv.Actor, path) -> None:
        """Put the decor image on an actor (None: take it off); each image is read once."""
        if path is None:
            if actor.texture is not None:
                actor.texture = None
            return
        texture = self._textures.get(path)
        if texture is None:
            texture = self._textures[path] = pv.Texture(str(path))
            texture.interpolate = True
            texture.repeat = True
            texture.mipmap = True
            # Boards are mostly seen at a slant (a top, a long side): plain mipmapping blurs the grain
            # there into a streak; anisotropic filtering keeps it sharp along the board.
            texture.SetMaximumAnisotropicFiltering(8.0)
        actor.texture = texture

    def _relayout(self) -> None:
        self.layout = Layout(self.catalog, self.design)
        self._boxes = None

    def _update_surroundings(self) -> None:
        """Everything that depends on the whole design: room, shadow, dimension lines, selection, notes."""
        bounds = self.body_bounds()
        self.room.update(bounds, self.design.room_height if self.design is not None else None)
        self.camera_control.floor_z = 0.0 if bounds is None else min(0.0, float(bounds[0][2]))
        self._update_shadow(bounds)
        self._dimensions.update(bounds)
        self._update_elevation(bounds)
        self._update_selection()
        self._place_labels()
        if not _same_bounds(bounds, self._shown_bounds):
            self._shown_bounds = bounds
            # The furniture grew or shrank: keep all of it in sight, unless the customer has
            # moved the camera since it was last framed (then the camera is theirs).
            self.refit_if_untouched()

    def _update_shadow(self, bounds) -> None:
        boxes = [np.concatenate([r.bounds[:, 0], r.bounds[:, 1]]) for r in self._records.values()
                 if r.bounds is not None]
        wall = self.room.geometry.back_wall[1] if self.room.walls_visible and self.room.geometry else None
        self.shadow.update(np.array(boxes).reshape(-1, 6), self.camera_control.floor_z, wall)

    def _update_elevation(self, bounds=None) -> None:
        bounds = self.body_bounds() if bounds is None else bounds
        if self.view not in ELEVATIONS or bounds is None or self.layout is None:
            self._elevation.show(None)
        else:
            self._elevation.show(elevation_dimensions(self.layout, self.view, *bounds))
        shown = self._dimensions.visible
        in_elevation = self.view in ELEVATIONS
        self._dimensions.set_visible(shown and not in_elevation)
        self._dimensions.visible = shown   # the customer's choice stands; the elevation only hides the 3D lines
        if not shown:
            self._elevation.show(None)

    def _remove_all(self) -> None:
        for module_id in list(self._records):
            self.remove_module(module_id, _floor=False)

    # ------------------------------------------------------------ see inside, room
    def set_fronts_mode(self, mode: str) -> None:
        """``closed``, ``open`` (doors swing about their hinges, drawers slide out) or ``see-through``."""
        if mode not in MODES:
            raise ValueError(f"fronts mode must be one of {MODES}, not {mode!r}")
        self.fronts.mode = mode
        for module_id, record in self._records.items():
            try:
                state = self.layout.state(module_id)
            except (ValueError, KeyError):
                continue
            matrix = vtkMatrix4x4()
            matrix.DeepCopy(state.transform.ravel())
            for actor in record.actors:
                actor.SetUserMatrix(matrix)
            self.fronts.apply(self.catalog, module_id, state, record)
        self._place_labels()
        self.request_render()

    def set_side_walls(self, on: bool) -> None:
        self.room.side_walls = bool(on)
        self._update_surroundings()
        self.request_render()

    def set_room_visible(self, on: bool) -> None:
        """Show or hide the walls (the floor and its shadow stay)."""
        self.room.walls_visible = bool(on)
        self._update_surroundings()
        self.request_render()

    def set_shadow(self, on: bool) -> None:
        self.shadow.set_enabled(on)
        self.request_render()

    def room_changed(self) -> None:
        """The design's room (its height) changed: redraw the walls and the ceiling line."""
        self._update_surroundings()
        self.request_render()

    # ------------------------------------------------------------------ camera
    def set_view(self, view: str) -> None:
        """One of ``front``, ``side``, ``top`` (orthographic elevations with their dimensions per unit
        and opening) or ``iso`` (the perspective three-quarter view); frames the whole design."""
        direction, up = VIEWS[view]
        self.view = view
        self.plotter.camera.parallel_projection = view in ELEVATIONS
        self._update_elevation()
        self._place_labels()
        self._frame(direction, up)

    def reset_camera(self) -> None:
        """The reset button: back to the three-quarter view of everything."""
        self.set_view("iso")

    def use_turntable_mouse(self) -> None:
        """Let the mouse drive :attr:`camera_control` (a live view; offscreen plotters have no mouse)."""
        self._style = install_turntable(self.plotter.iren.interactor, self.camera_control, self.plotter)
        # pyvista puts its own (tumbling) style back when it sees a double click (its chart toggle);
        # told that the turntable is the view's style, it puts the turntable back instead.
        self.plotter.iren.style = self.plotter.iren.interactor.GetInteractorStyle()

    def _camera_moved(self) -> None:
        self._declutter()
        self.request_render()

    def _leave_elevation(self) -> None:
        """An orbit starts from an elevation: the same picture in perspective, then it turns."""
        camera = self.plotter.camera
        focal, position = np.array(camera.focal_point), np.array(camera.position)
        back = (position - focal) / max(np.linalg.norm(position - focal), 1e-9)
        distance = camera.parallel_scale / math.tan(math.radians(camera.view_angle) / 2)
        camera.parallel_projection = False
        camera.position = tuple(focal + back * distance)
        self.view = "free"
        self._update_elevation()
        self._place_labels()

    def frame_module(self, module_id: str) -> None:
        """Bring one module (with what it carries) into the middle of the view, from the current direction."""
        box = self._module_box(module_id) if self.design is not None and module_id in self.design else None
        if box is None:
            return
        camera = self.plotter.camera
        direction = np.subtract(camera.position, camera.focal_point)
        lo, hi = box
        pad = 0.6 * (hi - lo)   # some of the neighbours stay in sight: the customer sees where it is
        pose = fit_camera(lo - pad, hi + pad, direction, camera.up, camera.view_angle, self._aspect())
        camera.position, camera.focal_point, camera.up = pose.position, pose.focal_point, pose.up
        self.plotter.renderer.reset_camera_clipping_range()
        self._declutter()
        self.request_render()

    def frame_all(self) -> None:
        """Zoom to fit, keeping the current viewing direction."""
        camera = self.plotter.camera
        direction = np.subtract(camera.position, camera.focal_point)
        self._frame(direction, camera.up)

    def _frame(self, direction, up) -> None:
        bounds = self.body_bounds()
        if bounds is not None and self._dimensions.visible and self._dimensions.extent is not None:
            extent = self._dimensions.extent  # room for the dimension lines round the furniture
            bounds = np.minimum(bounds[0], extent[0]), np.maximum(bounds[1], extent[1])
        if bounds is None:
            self._framed = (direction, up, None)   # nothing to frame yet: the first module that comes is
            return
        if self._elevation.dims is not None:   # room for the elevation's dimensions too
            extent = self._elevation.dims.extent()
            bounds = np.minimum(bounds[0], extent[0]), np.maximum(bounds[1], extent[1])
        camera = self.plotter.camera
        if camera.parallel_projection:
            pose, scale = fit_parallel(bounds[0], bounds[1], direction, up, self._aspect())
            camera.parallel_scale = scale
        else:
            pose = fit_camera(bounds[0], bounds[1], direction, up, camera.view_angle, self._aspect())
        camera.position, camera.focal_point, camera.up = pose.position, pose.focal_point, pose.up
        self._framed = (direction, up, self._pose())
        self.plotter.renderer.camera_set = True  # keep pyvista from resetting it on the first render
        self.plotter.renderer.reset_camera_clipping_range()
        self._declutter()
        self.request_render()

    def refit_if_untouched(self) -> None:
        """Frame again (the view was resized) unless the user has moved the camera since the last framing."""
        if self._closed or self._framed is None:
            return
        direction, up, pose = self._framed
        if pose is None or np.allclose(np.concatenate(self._pose()), np.concatenate(pose)):
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

    # --------------------------------------------------------------- selection
    def set_selected(self, module_id: str | None) -> None:
        """Outline ``module_id`` in the accent colour (None: no selection).

        The outline follows the module when it or its host changes and goes when
        the module leaves the design.
        """
        in_design = module_id is not None and self.design is not None and module_id in self.design
        self._selected = module_id if in_design else None
        self._update_selection()
        self.request_render()

    def _update_selection(self) -> None:
        if self._selected is not None and (self.design is None or self._selected not in self.design):
            self._selected = None
        box = self._module_box(self._selected) if self._selected is not None else None
        if box is None:
            self._selection.hide()
        else:
            self._selection.show(*box)

    def _module_box(self, module_id: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The box of a module as the customer sees it: its own box and drawn pieces (a handle)
        with its inserts (doors, drawers, shelves in it), not what merely stands on it."""
        members = [module_id]
        for child in self.design.descendants(module_id):
            if child.attach == "in" and child.to in members:
                members.append(child.id)
        boxes = []
        for mid in members:
            boxes += [np.reshape(actor.GetBounds(), (3, 2)).T for actor in self.actors(mid)]
            with contextlib.suppress(ValueError, KeyError):
                boxes.append(np.array(self.layout.state(mid).world_bounds))
        if not boxes:
            return None
        return np.min([b[0] for b in boxes], axis=0), np.max([b[1] for b in boxes], axis=0)

    # -------------------------------------------------------------- dimensions
    def set_dimensions_visible(self, visible: bool) -> None:
        """Show or hide the overall width, height and depth lines (shown by default).

        An untouched automatic framing is redone to make or give back room for them."""
        self._dimensions.set_visible(visible)
        self.refit_if_untouched()
        self.request_render()

    # ----------------------------------------------------------------- picking
    def pick(self, x: float, y: float) -> str | None:
        """The module under the point (x, y) of the view, in Qt logical widget coordinates."""
        ray = self.view_ray(x, y)
        if ray is None or self.layout is None:
            return None
        if self._boxes is None:
            self._boxes = ModuleBoxes.from_layout(self.layout)
        return self._boxes.pick(*ray)

    def floor_point(self, x: float, y: float) -> tuple[float, float, float] | None:
        """Where the view ray through (x, y) meets the floor z = 0, or None (looking above the horizon)."""
        ray = self.view_ray(x, y)
        if ray is None:
            return None
        origin, direction = ray
        if abs(direction[2]) < 1e-12:
            return None
        t = -origin[2] / direction[2]
        if t < 0:
            return None
        px, py, _ = origin + t * direction
        return float(px), float(py), 0.0

    def view_ray(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray] | None:
        """(origin on the near plane, direction to the far plane) through Qt point (x, y).

        Qt counts logical pixels from the top left, VTK device pixels from the
        bottom left: display = (x * dpr, height - y * dpr).
        """
        width, height = self.plotter.ren_win.GetSize()
        if width <= 0 or height <= 0:
            return None
        dpr = self._device_pixel_ratio()
        renderer = self.plotter.renderer
        ends = []
        for depth in (0.0, 1.0):
            renderer.SetDisplayPoint(x * dpr, height - y * dpr, depth)
            renderer.DisplayToWorld()
            wx, wy, wz, w = renderer.GetWorldPoint()
            if w == 0:
                return None
            ends.append(np.array([wx, wy, wz]) / w)
        return ends[0], ends[1] - ends[0]

    def _device_pixel_ratio(self) -> float:
        if isinstance(self.plotter, QWidget):
            return float(self.plotter.devicePixelRatioF())
        return 1.0  # an offscreen plotter: its pixels are the coordinates

    # ------------------------------------------------------------------ export
    def save_image(self, path: str | Path, width: int, height: int, quality: str = "live") -> None:
        """Write a PNG of the design, ``width`` x ``height`` pixels, as the view shows it now.

        ``quality`` ``live`` draws it as the view does; ``high`` adds the key light's cast
        shadow, ambient occlusion, the glass's sheen and supersampling (:mod:`.high_quality`;
        seconds, not milliseconds).
        The file is written through the one atomic-write helper.
        """
        buffer = io.BytesIO()
        Image.fromarray(self.picture(width, height, quality)).save(buffer, format="PNG")
        atomic_files.write_bytes(Path(path), buffer.getvalue())

    def picture(self, width: int, height: int, quality: str = "live") -> np.ndarray:
        """The design as the view shows it now, as an RGB array (height, width, 3).

        Drawn by a temporary offscreen view with the same camera (the live view is
        not touched), the same fronts, room and dimension lines, no selection outline.
        Lines and labels grow with the picture so they look as they do on screen.  A
        picture narrower than the view widens the lens to keep what the view shows.
        """
        high = check_quality(quality) == "high"
        width, height = int(width), int(height)
        draw_w, draw_h, factor = supersampled_size(width, height) if high else (width, height, 1.0)
        live_w, live_h = self.plotter.ren_win.GetSize()
        scale = min(max(height / live_h, 1.0), 4.0) if live_h > 0 else 1.0
        plotter = pv.Plotter(off_screen=True, window_size=(draw_w, draw_h))
        picture = SceneView(plotter, scale=scale * factor, cache=self._cache)
        try:
            picture.view = self.view
            picture._dimensions.set_visible(self._dimensions.visible)
            picture.room.side_walls, picture.room.walls_visible = self.room.side_walls, self.room.walls_visible
            picture.fronts.mode = self.fronts.mode
            if self.design is not None:
                picture.show_design(self.catalog, self.design, reset_camera=False)
            source, camera = self.plotter.camera, plotter.camera
            camera.position, camera.focal_point, camera.up = source.position, source.focal_point, source.up
            camera.parallel_projection = source.parallel_projection
            camera.parallel_scale = source.parallel_scale
            angle = source.view_angle
            live_aspect = live_w / live_h if live_w > 0 and live_h > 0 else width / height
            if width / height < live_aspect:  # keep the horizontal field of view of the live view
                half = math.atan(math.tan(math.radians(angle) / 2) * live_aspect * height / width)
                angle = math.degrees(2 * half)
                if camera.parallel_projection:
                    camera.parallel_scale = source.parallel_scale * live_aspect * height / width
            camera.view_angle = angle
            plotter.renderer.camera_set = True
            picture._update_elevation()
            picture._place_labels()
            if high:
                prepare(plotter, picture.body_bounds(), picture.shadow)
            plotter.renderer.reset_camera_clipping_range()
            pixels = plotter.screenshot(None, return_img=True)
            return reduce(pixels, width, height) if high else np.asarray(pixels)[..., :3]
        finally:
            picture.close()
            plotter.close()
