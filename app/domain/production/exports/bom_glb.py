"""GLB: the whole assembled design in 3D, for viewing in other programs.

Each placed module is its catalog mesh stretched to the placed size
(:mod:`app.domain.mesh.stretch`) and moved by its room transform
(:class:`~app.domain.design.layout.Layout`), as the 3D view draws it; visible
fittings (handles) are placed by the module's ``[[fittings]]``.

* Each module is one node ``module:<id>`` with a PBR material named after its
  finish and coloured with the finish's colour (textures are not carried over).
* The pieces of its mesh in a material slot with a finish of its own (a white
  back, a glass door) are a node ``slot:<id>:<slot>`` each, in that finish; a
  see-through finish is blended, its opacity the alpha.
* Fittings are ``fitting:<id>:<n>``, in the hardware item's own finish, or in
  ``fitting`` (the brushed-steel grey the 3D view draws every fitting in; a test
  keeps the two colours equal).

Coordinates are the design's: millimetres, Z up, as the catalog meshes are; the
file says so in its extras (``units``/``up``) and trimesh reloads it in
millimetres with the design's bounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import trimesh
from trimesh.visual.material import PBRMaterial

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Fitting
from app.domain.catalog.slots import piece_looks
from app.domain.design.design import Design
from app.domain.design.layout import Layout, ModuleState
from app.domain.mesh.loading import read_mesh
from app.domain.mesh.stretch import stretch_vertices
from app.domain.production.exports import ExportError, write_atomic

ASSET_EXTRAS = {"units": "mm", "up": "Z", "origin": "room: x along the wall, y into the wall, z up"}
FALLBACK_COLOR = "#C8C8C8"
FITTING = "fitting"               # the material of a fitting whose item has no finish of its own
FITTING_COLOR = "#8C9096"         # brushed steel, as the 3D view draws fittings
# Turns a handle's long x-extent onto z (90 degrees about Y), as the 3D view does.
_VERTICAL = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]])


class _Meshes:
    """Catalog meshes read once per file."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._loaded: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]] = {}

    def get(self, relative: str) -> tuple[np.ndarray, np.ndarray]:
        vertices, faces, _pieces, _names = self.pieces(relative)
        return vertices, faces

    def pieces(self, relative: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """Vertices, faces, each face's piece index and the pieces' names."""
        if relative not in self._loaded:
            mesh = read_mesh(self.catalog.mesh_path(relative))
            self._loaded[relative] = (np.asarray(mesh.vertices, dtype=float), np.asarray(mesh.faces),
                                      np.asarray(mesh.face_part, dtype=np.int64), list(mesh.part_names))
        return self._loaded[relative]


def _rgba(color: str, opacity: float = 1.0) -> list[int]:
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)] + [round(255 * opacity)]


def _material(catalog: Catalog, finish_id: str, cache: dict[str, PBRMaterial]) -> PBRMaterial:
    if finish_id not in cache:
        finish = catalog.finishes.get(finish_id)
        opacity = finish.opacity if finish is not None else 1.0
        fallback = FITTING_COLOR if finish_id == FITTING else FALLBACK_COLOR
        cache[finish_id] = PBRMaterial(name=finish_id or "default",
                                       baseColorFactor=_rgba(finish.color if finish else fallback, opacity),
                                       metallicFactor=0.0, roughnessFactor=0.8,
                                       alphaMode="BLEND" if opacity < 1.0 else None)
    return cache[finish_id]


def _fitting_finish(catalog: Catalog, state: ModuleState, fitting: Fitting) -> str:
    """The finish a fitting is drawn in: the hardware item's own, else :data:`FITTING` (the view's grey)."""
    item = catalog.hardware.get(str(state.params.get(fitting.item, fitting.item)))
    return item.finish if item is not None and item.finish else FITTING


def _to_room(vertices: np.ndarray, transform: np.ndarray) -> np.ndarray:
    room: np.ndarray = vertices @ transform[:3, :3].T + transform[:3, 3]
    return room


def _fitting(catalog: Catalog, meshes: _Meshes, state: ModuleState,
             fitting: Fitting) -> tuple[np.ndarray, np.ndarray] | None:
    """A fitting's mesh on the module in room coordinates, or None (nothing visible)."""
    env = state.env
    if fitting.when is not None and not fitting.when.evaluate(env):
        return None
    item = catalog.hardware.get(str(state.params.get(fitting.item, fitting.item)))
    if item is None or not item.mesh:
        return None
    vertices, faces = meshes.get(item.mesh)
    local = vertices @ _VERTICAL.T if fitting.vertical else vertices
    # The catalog gives where the fitting's box lands: its min x, back (max y) and min z.
    target = np.array([fitting.x.number(env), fitting.y.number(env), fitting.z.number(env)])
    anchor = np.array([local[:, 0].min(), local[:, 1].max(), local[:, 2].min()])
    return _to_room(local + (target - anchor), state.transform), faces


def assembled_scene(catalog: Catalog, design: Design, layout: Layout | None = None) -> trimesh.Scene:
    """The design as a trimesh scene in room millimetres, one node per module and fitting."""
    layout = layout if layout is not None else Layout(catalog, design)
    meshes, materials = _Meshes(catalog), dict[str, PBRMaterial]()
    scene = trimesh.Scene()
    for module_id in design.ids():
        state = layout.state(module_id)
        mtype = state.mtype
        vertices, faces, face_piece, names = meshes.pieces(mtype.mesh)
        stretched = stretch_vertices(vertices, mtype.reference_size, state.size, mtype.stretch.model_dump())
        points = _to_room(stretched, state.transform)
        finish = state.module.finish or mtype.default_finish
        looks = piece_looks(catalog, mtype, finish, names)
        if names:   # per face: whether its piece has a finish of its own, the piece's slot and finish
            fixed = np.array([look.fixed for look in looks], dtype=bool)[face_piece]
            slot_of_face = np.array([mtype.slots.get(name, "") for name in names])[face_piece]
            finish_of_face = np.array([look.finish for look in looks])[face_piece]
        else:
            fixed, slot_of_face = np.zeros(len(faces), dtype=bool), np.full(len(faces), "")
            finish_of_face = np.full(len(faces), finish)
        pieces = [(f"module:{module_id}", points, faces[~fixed], finish)]
        for slot_id in sorted(set(slot_of_face[fixed])):
            in_slot = fixed & (slot_of_face == slot_id)
            pieces.append((f"slot:{module_id}:{slot_id}", points, faces[in_slot], str(finish_of_face[in_slot][0])))
        for n, fitting in enumerate(mtype.fittings):
            placed = _fitting(catalog, meshes, state, fitting)
            if placed is not None:
                pieces.append((f"fitting:{module_id}:{n}", *placed, _fitting_finish(catalog, state, fitting)))
        for name, points, tris, finish in pieces:
            if len(tris) == 0:
                continue
            used, tris = np.unique(tris, return_inverse=True)   # each node carries only its own vertices
            mesh = trimesh.Trimesh(points[used], tris.reshape(-1, 3), process=False)
            mesh.units = "mm"   # without it trimesh reloads the file as metres
            mesh.visual = trimesh.visual.TextureVisuals(material=_material(catalog, finish, materials))
            scene.add_geometry(mesh, node_name=name, geom_name=name)
    scene.metadata.update(ASSET_EXTRAS)
    scene.metadata["design"] = design.name
    return scene


def glb_bytes(catalog: Catalog, design: Design, layout: Layout | None = None) -> bytes:
    scene = assembled_scene(catalog, design, layout)
    if not scene.geometry:
        raise ExportError("the design is empty: there is nothing to write as 3D")

    def asset_extras(tree: dict[str, Any]) -> None:
        tree["asset"]["extras"] = dict(ASSET_EXTRAS)

    glb: bytes = trimesh.exchange.gltf.export_glb(scene, include_normals=False, tree_postprocessor=asset_extras)
    return glb


def write(path: Path, *, catalog: Catalog, design: Design, **_: Any) -> list[Path]:
    try:
        data = glb_bytes(catalog, design)
    except ExportError as exc:
        raise ExportError(f"cannot write {path}: {exc}") from None
    except (ValueError, OSError) as exc:   # a mesh that cannot be read or stretched
        raise ExportError(f"cannot write {path}: {exc}") from None
    write_atomic(path, data)
    return [path]
