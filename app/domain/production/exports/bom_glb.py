"""GLB: the whole assembled design in 3D, for viewing in other programs.

Each placed module is its catalog mesh stretched to the placed size
(:mod:`app.domain.mesh.stretch`) and moved by its room transform
(:class:`~app.domain.design.layout.Layout`), as the 3D view draws it; visible
fittings (handles) are placed by the module's ``[[fittings]]``.  Each module is
one node named ``module:<id>`` (fittings ``fitting:<id>:<n>``) with a PBR material
named after its finish and coloured with the finish's colour (textures are not
carried over).  Coordinates are the design's: millimetres, Z up, as the catalog
meshes are; the file says so in its extras (``units``/``up``) and trimesh reloads
it in millimetres with the design's bounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import trimesh
from trimesh.visual.material import PBRMaterial

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Fitting
from app.domain.design.design import Design
from app.domain.design.layout import Layout, ModuleState
from app.domain.mesh.loading import load_mesh
from app.domain.mesh.stretch import stretch_vertices
from app.domain.production.exports import ExportError, write_atomic

ASSET_EXTRAS = {"units": "mm", "up": "Z", "origin": "room: x along the wall, y into the wall, z up"}
FITTING_FINISH = "steel"          # handles are brushed steel when the catalog has that finish
FALLBACK_COLOR = "#C8C8C8"
# Turns a handle's long x-extent onto z (90 degrees about Y), as the 3D view does.
_VERTICAL = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]])


class _Meshes:
    """Catalog meshes read once per file."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._loaded: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def get(self, relative: str) -> tuple[np.ndarray, np.ndarray]:
        if relative not in self._loaded:
            mesh = load_mesh(self.catalog.mesh_path(relative))
            self._loaded[relative] = (np.asarray(mesh.vertices, dtype=float), np.asarray(mesh.faces))
        return self._loaded[relative]


def _rgba(color: str) -> list[int]:
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)] + [255]


def _material(catalog: Catalog, finish_id: str, cache: dict[str, PBRMaterial]) -> PBRMaterial:
    if finish_id not in cache:
        finish = catalog.finishes.get(finish_id)
        cache[finish_id] = PBRMaterial(name=finish_id or "default",
                                       baseColorFactor=_rgba(finish.color if finish else FALLBACK_COLOR),
                                       metallicFactor=0.0, roughnessFactor=0.8)
    return cache[finish_id]


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
        vertices, faces = meshes.get(mtype.mesh)
        stretched = stretch_vertices(vertices, mtype.reference_size, state.size, mtype.stretch.model_dump())
        pieces = [(f"module:{module_id}", _to_room(stretched, state.transform), faces,
                   state.module.finish or mtype.default_finish)]
        for n, fitting in enumerate(mtype.fittings):
            placed = _fitting(catalog, meshes, state, fitting)
            if placed is not None:
                pieces.append((f"fitting:{module_id}:{n}", *placed, FITTING_FINISH))
        for name, points, tris, finish in pieces:
            mesh = trimesh.Trimesh(points, tris, process=False)
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
