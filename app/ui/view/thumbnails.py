"""Small pictures of module types for the library, rendered once and kept on disk.

:class:`ThumbnailCache` renders each module type of a catalog at its default
size and finish (as the catalog window first shows it: inserts and fronts at the
size of the first host they fit) in a three-quarter front view, and keeps the
PNG in the user's cache folder.  The file name carries a hash of everything the
picture shows (mesh file bytes, size, finish colour, stretch zones, handles and
where they sit, :data:`RENDER_VERSION`), so a changed catalog or a new look gets
a new picture and an unchanged one is never rendered twice.

One offscreen plotter is created on the first render and reused: its actors get
new meshes (3-5 ms a picture) instead of a new plotter each time (50-120 ms and
a leak, see the rendering notes).  The plotter and the image grabber are VTK
objects: use the cache on the GUI thread only, and :meth:`~ThumbnailCache.close`
it when done (rendering again later opens a new plotter).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOImage import vtkPNGWriter
from vtkmodules.vtkRenderingCore import vtkMapper, vtkWindowToImageFilter

from app.domain import atomic_files
from app.domain.catalog.catalog import Catalog
from app.domain.catalog.slots import piece_looks
from app.domain.design.layout import Layout, ModuleState
from app.domain.design.recovery import thumbnail_dir
from app.ui.view.camera import VIEWS, fit_camera
from app.ui.view.details import module_design
from app.ui.view.scene import BODY_LOOK, FITTING_LOOK, OUTLINE_LOOK
from app.ui.view.scene_geometry import FITTING_COLOR, MeshCache, Piece, darker, finish_color, module_pieces

# Bump whenever the pictures would look different for the same catalog (camera, lights, colours...).
RENDER_VERSION = 3   # 3: pieces in a material slot's own finish (a glass door, a white back) are drawn

BACKGROUND_TOP = "#E6EAEF"     # a paler cut of the 3D view's studio gradient: light, but white boards still read
BACKGROUND_BOTTOM = "#FAFAF8"
VIEW_ANGLE = 20.0              # the 3D view's lens
MARGIN = 1.06                  # a little air around the module: it fills the tile without touching the edges
OUTLINE_SHADE = 0.55           # a shade darker edges than the live view: they carry the shape at 64 px


class ThumbnailError(ValueError):
    """A module type cannot be pictured (it cannot be sized, or its mesh cannot be read)."""


def default_cache_dir() -> Path:
    """Where thumbnails live: the per-user cache folder (MODULOR_CACHE_DIR overrides it)."""
    return thumbnail_dir()


class ThumbnailCache:
    """PNG pictures of one catalog's module types, ``size`` x ``size`` pixels, rendered on demand."""

    def __init__(self, catalog: Catalog, folder: Path | None = None, size: int = 128):
        self.catalog = catalog
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self.size = int(size)
        self.rendered_count = 0     # pictures actually rendered (not found in the cache)
        self._meshes = MeshCache()
        self._states: dict[str, ModuleState] = {}
        self._file_hashes: dict[Path, str] = {}
        self._keys: dict[str, str] = {}
        self._plotter: pv.Plotter | None = None
        self._grabber: vtkWindowToImageFilter | None = None
        self._body: pv.Actor | None = None
        self._outline: pv.Actor | None = None
        self._extras: list[pv.Actor] = []

    # ------------------------------------------------------------------ public
    def icon_path(self, type_id: str) -> Path:
        """The PNG of this module type, rendered now unless the cache already has it."""
        path = self.folder / f"{self.catalog.id}.{type_id}.{self.cache_key(type_id)}.png"
        if not path.is_file():
            self._render_to(type_id, path)
        return path

    def render_all(self, progress_callback: Callable[[int, int, str], None] | None = None) -> dict[str, Path]:
        """Make sure every module type has its picture; ``progress_callback(done, total, type_id)``.

        Types that cannot be pictured are left out of the result (:meth:`icon_path` says why).
        """
        paths: dict[str, Path] = {}
        total = len(self.catalog.modules)
        for done, type_id in enumerate(self.catalog.modules, start=1):
            with contextlib.suppress(ThumbnailError):
                paths[type_id] = self.icon_path(type_id)
            if progress_callback is not None:
                progress_callback(done, total, type_id)
        return paths

    def cache_key(self, type_id: str) -> str:
        """A hash of everything the picture of ``type_id`` shows; it names the file."""
        key = self._keys.get(type_id)
        if key is None:
            key = hashlib.sha256(json.dumps(self._key_parts(type_id), sort_keys=True).encode()).hexdigest()[:24]
            self._keys[type_id] = key
        return key

    def close(self) -> None:
        """Release the offscreen plotter (safe to call twice; a later render opens a new one)."""
        if self._plotter is not None:
            self._plotter.close()
        self._plotter = self._grabber = self._body = self._outline = None
        self._extras = []

    def __enter__(self) -> ThumbnailCache:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -------------------------------------------------------------- the key
    def _state(self, type_id: str) -> ModuleState:
        state = self._states.get(type_id)
        if state is None:
            try:
                state = Layout(self.catalog, module_design(self.catalog, type_id)).state(type_id)
            except (ValueError, KeyError) as exc:
                raise ThumbnailError(f"module type '{type_id}': {exc}") from None
            self._states[type_id] = state
        return state

    def _file_hash(self, path: Path) -> str:
        digest = self._file_hashes.get(path)
        if digest is None:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                raise ThumbnailError(f"{path}: {exc.strerror or exc}") from None
            self._file_hashes[path] = digest
        return digest

    def _key_parts(self, type_id: str) -> dict:
        state = self._state(type_id)
        mtype, env = state.mtype, state.env
        fittings = []
        try:
            for fitting in mtype.fittings:
                if fitting.when is not None and not fitting.when.evaluate(env):
                    continue
                item = self.catalog.hardware.get(str(state.params.get(fitting.item, fitting.item)))
                if item is None or not item.mesh:
                    continue
                fittings.append({"mesh": self._file_hash(self.catalog.mesh_path(item.mesh)),
                                 "vertical": bool(fitting.vertical),
                                 "at": [round(f.number(env), 3) for f in (fitting.x, fitting.y, fitting.z)]})
        except (ValueError, KeyError) as exc:
            raise ThumbnailError(f"module type '{type_id}': {exc}") from None
        return {
            "render_version": RENDER_VERSION,
            "pixels": self.size,
            "mesh": self._file_hash(self.catalog.mesh_path(mtype.mesh)),
            "reference_size": [float(v) for v in mtype.reference_size],
            "stretch": mtype.stretch.model_dump(mode="json"),
            "size": [round(float(v), 3) for v in state.size],
            "color": finish_color(self.catalog, state.module.finish).upper(),
            "fitting_color": FITTING_COLOR,
            "fittings": fittings,
            "slots": self._slot_looks(mtype),
        }

    def _slot_looks(self, mtype) -> dict:
        """The pieces drawn in a finish of their own, with that finish's colour and opacity."""
        pieces = sorted(mtype.slots)
        return {piece: [look.finish, finish_color(self.catalog, look.finish).upper(), look.opacity]
                for piece, look in zip(pieces, piece_looks(self.catalog, mtype, "", pieces)) if look.fixed}

    # ------------------------------------------------------------ rendering
    def _render_to(self, type_id: str, path: Path) -> None:
        state = self._state(type_id)
        try:
            pieces = module_pieces(self.catalog, state, self._meshes)
        except (ValueError, KeyError, OSError) as exc:
            raise ThumbnailError(f"module type '{type_id}': {exc}") from None
        self._draw(pieces, state.module.finish)
        writer = vtkPNGWriter()
        writer.WriteToMemoryOn()   # the PNG's bytes, then one atomic write: readers never see half a file
        writer.SetInputConnection(self._grabber.GetOutputPort())
        writer.Write()
        png = vtk_to_numpy(writer.GetResult()).tobytes() if writer.GetResult() is not None else b""
        if writer.GetErrorCode() or not png:
            raise ThumbnailError(f"{path}: the picture could not be made")
        atomic_files.write_bytes(path, png)
        self.rendered_count += 1
        # Older pictures of this type (another catalog version, an older look) are no use any more.
        for stale in self.folder.glob(f"{self.catalog.id}.{type_id}.*.png"):
            if stale != path:
                stale.unlink(missing_ok=True)

    def _ensure_plotter(self) -> pv.Plotter:
        if self._plotter is None:
            plotter = pv.Plotter(off_screen=True, window_size=(self.size, self.size))
            plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
            plotter.remove_all_lights()
            plotter.enable_3_lights()   # the 3D view's soft three lights
            plotter.camera.view_angle = VIEW_ANGLE
            # As in the 3D view (a process-wide VTK setting): outlines on top of the faces they lie on.
            vtkMapper.SetResolveCoincidentTopologyToPolygonOffset()
            vtkMapper.SetResolveCoincidentTopologyPolygonOffsetParameters(1.0, 4.0)
            plotter.enable_anti_aliasing("fxaa")
            grabber = vtkWindowToImageFilter()
            grabber.SetInput(plotter.ren_win)
            grabber.SetInputBufferTypeToRGB()
            grabber.ReadFrontBufferOff()
            grabber.ShouldRerenderOff()
            self._plotter, self._grabber = plotter, grabber
        return self._plotter

    def _actor(self, actor: pv.Actor | None, mesh: pv.PolyData, color: str, look: dict) -> pv.Actor:
        """``actor`` showing ``mesh`` now, or a new one on the first picture."""
        if actor is None:
            actor = self._plotter.add_mesh(mesh, color=color, reset_camera=False, render=False, **look)
        else:
            actor.mapper.SetInputData(mesh)
            actor.prop.color = color
            for name, value in look.items():   # a reused actor may have drawn another kind of piece
                setattr(actor.prop, name, value)
        actor.mapper.ScalarVisibilityOff()
        actor.visibility = True
        return actor

    def _draw(self, pieces: list[Piece], finish: str) -> None:
        plotter = self._ensure_plotter()
        body, outline = pieces[0], pieces[1]
        # A decor shows as its colour at this size (the texture's mean): one look for every picture.
        color = finish_color(self.catalog, finish)
        self._body = self._actor(self._body, body.mesh, color, BODY_LOOK)
        self._outline = self._actor(self._outline, outline.mesh, darker(color, OUTLINE_SHADE), OUTLINE_LOOK)
        # Fittings, then the pieces in a material slot's own finish (a white back, a glass door).
        extras = [p for p in pieces[2:] if p.kind in ("fitting", "body")]
        while len(self._extras) < len(extras):
            self._extras.append(self._actor(None, extras[len(self._extras)].mesh, FITTING_COLOR, FITTING_LOOK))
        for actor, piece in zip(self._extras, extras):
            self._actor(actor, piece.mesh, piece.color, FITTING_LOOK if piece.kind == "fitting" else BODY_LOOK)
            actor.prop.opacity = piece.look.opacity if piece.look is not None else 1.0
        for actor in self._extras[len(extras):]:
            actor.visibility = False
        self._frame([body.mesh] + [p.mesh for p in extras])
        if plotter._first_time:  # pyvista renders nothing before the first show(); offscreen it returns at once
            plotter.show(auto_close=False)
        else:
            plotter.render()
        self._grabber.Modified()
        self._grabber.Update()

    def _frame(self, meshes: list[pv.PolyData]) -> None:
        boxes = np.array([np.reshape(m.bounds, (3, 2)) for m in meshes if m.n_points])
        lo, hi = boxes[:, :, 0].min(axis=0), boxes[:, :, 1].max(axis=0)
        direction, up = VIEWS["iso"]
        pose = fit_camera(lo, hi, direction, up, VIEW_ANGLE, 1.0, MARGIN)
        camera = self._plotter.camera
        camera.position, camera.focal_point, camera.up = pose.position, pose.focal_point, pose.up
        self._plotter.renderer.camera_set = True
        self._plotter.renderer.reset_camera_clipping_range()
