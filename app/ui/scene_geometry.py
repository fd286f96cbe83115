"""Triangle geometry of placed modules for the 3D view.

Turns a resolved :class:`~app.domain.geometry.ModuleState` into pyvista meshes:
the module's catalog mesh stretched by zones to the placed size, plus its
visible fittings (handles), either placed in the room or in the module's own
frame (the live view then places them with an actor transform, so moving a
module never rebuilds its geometry).  No actors, no widgets: the same pieces
feed the live view, offscreen thumbnails and image tests.

Mesh files are read once per path (:class:`MeshCache`); every placed module gets
its own stretched copy of the vertices, the faces array is shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pyvista as pv

from app.domain.catalog import Catalog
from app.domain.catalog_model import Fitting
from app.domain.geometry import ModuleState
from app.domain.mesh_io import load_mesh
from app.domain.mesh_stretch import stretch_vertices

FITTING_COLOR = "#8C9096"   # brushed steel, a little darker than the finish so handles read on white fronts
FALLBACK_COLOR = "#C8C8C8"  # a finish the catalog does not know: grey rather than a crash
OUTLINE_SHADE = 0.62        # panel outlines: the finish colour darkened to this fraction
OUTLINE_ANGLE = 30.0        # degrees between faces that make a visible edge

# Rotates a handle's long x-extent onto z (90 degrees about Y): (x, y, z) -> (z, y, -x).
_VERTICAL = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]])


@dataclass(frozen=True)
class Piece:
    """One drawable part of a module: its body or one fitting."""

    kind: Literal["body", "outline", "fitting"]
    mesh: pv.PolyData
    color: str


class MeshCache:
    """Catalog meshes by path, loaded on first use and kept as (vertices, faces)."""

    def __init__(self) -> None:
        self._meshes: dict[Path, tuple[np.ndarray, np.ndarray]] = {}

    def get(self, path: Path) -> tuple[np.ndarray, np.ndarray]:
        cached = self._meshes.get(path)
        if cached is None:
            mesh = load_mesh(path)
            cached = (np.asarray(mesh.vertices, dtype=float), np.asarray(mesh.faces, dtype=np.int64))
            cached[0].flags.writeable = False  # shared by every module of this type
            self._meshes[path] = cached
        return cached

    def __len__(self) -> int:
        return len(self._meshes)


def to_room(vertices: np.ndarray, transform: np.ndarray) -> np.ndarray:
    return vertices @ transform[:3, :3].T + transform[:3, 3]


def body_points(catalog: Catalog, state: ModuleState, cache: MeshCache,
                transform: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The module mesh stretched to ``state.size`` and moved by ``transform`` (default: into the room)."""
    mtype = state.mtype
    vertices, faces = cache.get(catalog.mesh_path(mtype.mesh))
    stretched = stretch_vertices(vertices, mtype.reference_size, state.size, mtype.stretch.model_dump())
    return to_room(stretched, state.transform if transform is None else transform), faces


def finish_color(catalog: Catalog, finish_id: str) -> str:
    finish = catalog.finishes.get(finish_id)
    return finish.color if finish is not None else FALLBACK_COLOR


def piece_color(catalog: Catalog, finish_id: str, kind: str) -> str:
    """The colour a piece of this kind is drawn in for a module of finish ``finish_id``."""
    if kind == "fitting":
        return FITTING_COLOR
    color = finish_color(catalog, finish_id)
    return darker(color, OUTLINE_SHADE) if kind == "outline" else color


def fitting_points(catalog: Catalog, state: ModuleState, fitting: Fitting, cache: MeshCache,
                   transform: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """A fitting's mesh placed on the module (and by ``transform``), or None when it has nothing to draw."""
    env = state.env
    if fitting.when is not None and not fitting.when.evaluate(env):
        return None
    # ``item`` names a hardware id directly or a parameter whose value is one (handle = "handle_knob").
    item_id = state.params.get(fitting.item, fitting.item)
    item = catalog.hardware.get(str(item_id))
    if item is None or not item.mesh:  # push latches and the like are invisible
        return None
    vertices, faces = cache.get(catalog.mesh_path(item.mesh))
    local = vertices @ _VERTICAL.T if fitting.vertical else vertices.copy()
    # The catalog gives where the fitting's box lands: min x, back (max y) and min z.
    target = np.array([fitting.x.number(env), fitting.y.number(env), fitting.z.number(env)])
    anchor = np.array([local[:, 0].min(), local[:, 1].max(), local[:, 2].min()])
    return to_room(local + (target - anchor), state.transform if transform is None else transform), faces


def darker(color: str, factor: float) -> str:
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02X}" for c in rgb)


def blend(color: str, other: str, share: float) -> str:
    """``color`` moved ``share`` of the way towards ``other`` (both "#RRGGBB")."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))


def outline(mesh: pv.PolyData) -> pv.PolyData:
    """The panel edges of a body: without them flat boards of one colour melt into each other."""
    return mesh.extract_feature_edges(OUTLINE_ANGLE, boundary_edges=True, non_manifold_edges=False,
                                      manifold_edges=False)


def module_pieces(catalog: Catalog, state: ModuleState, cache: MeshCache, in_room: bool = True) -> list[Piece]:
    """The body first, its outline, then each visible fitting, ready to hand to a plotter.

    ``in_room=False`` leaves them in the module's own frame (origin at its
    back-left-bottom corner): the caller places them with ``state.transform``.
    """
    transform = None if in_room else np.eye(4)
    points, faces = body_points(catalog, state, cache, transform)
    body = pv.PolyData.from_regular_faces(points, faces)
    finish = state.module.finish
    pieces = [Piece("body", body, piece_color(catalog, finish, "body")),
              Piece("outline", outline(body), piece_color(catalog, finish, "outline"))]
    for fitting in state.mtype.fittings:
        placed = fitting_points(catalog, state, fitting, cache, transform)
        if placed is not None:
            pieces.append(Piece("fitting", pv.PolyData.from_regular_faces(*placed), piece_color(catalog, finish,
                                                                                              "fitting")))
    return pieces


def shape_key(state: ModuleState) -> tuple:
    """Everything a module's geometry in its own frame depends on (not its place, not its finish).

    Two states with the same key draw the same meshes: the view then only moves
    or recolours the actors it has.
    """
    names = tuple(sorted((name, str(value)) for name, value in state.env.items()))
    return (state.module.type_id, tuple(round(float(v), 6) for v in state.size), names)
