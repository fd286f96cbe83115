"""Triangle geometry of placed modules for the 3D view.

Turns a resolved :class:`~app.domain.design.layout.ModuleState` into pyvista meshes:
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

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Fitting
from app.domain.design.layout import ModuleState
from app.domain.mesh.loading import load_mesh
from app.domain.mesh.stretch import stretch_vertices

FITTING_COLOR = "#8C9096"   # brushed steel, a little darker than the finish so handles read on white fronts
FALLBACK_COLOR = "#C8C8C8"  # a finish the catalog does not know: grey rather than a crash
TEXTURED_BODY_COLOR = "#FFFFFF"
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
    texture: Path | None = None   # an image the body's texture coordinates map onto (a wood decor)


class MeshCache:
    """Catalog meshes by path, loaded on first use and kept as (vertices, faces)."""

    def __init__(self) -> None:
        self._meshes: dict[Path, tuple[np.ndarray, np.ndarray]] = {}
        self._edges: dict[Path, np.ndarray] = {}

    def get(self, path: Path) -> tuple[np.ndarray, np.ndarray]:
        cached = self._meshes.get(path)
        if cached is None:
            mesh = load_mesh(path)
            cached = (np.asarray(mesh.vertices, dtype=float), np.asarray(mesh.faces, dtype=np.int64))
            cached[0].flags.writeable = False  # shared by every module of this type
            self._meshes[path] = cached
        return cached

    def edges(self, path: Path) -> np.ndarray:
        """The mesh's panel edges as (n, 2) vertex index pairs (found once; a stretch keeps them)."""
        found = self._edges.get(path)
        if found is None:
            vertices, faces = self.get(path)
            found = self._edges[path] = feature_edges(vertices, faces, OUTLINE_ANGLE)
        return found

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


def texture_path(catalog: Catalog, finish_id: str) -> Path | None:
    finish = catalog.finishes.get(finish_id)
    return catalog.mesh_path(finish.texture) if finish is not None and finish.texture else None


def piece_color(catalog: Catalog, finish_id: str, kind: str) -> str:
    """The colour a piece of this kind is drawn in for a module of finish ``finish_id``.

    A textured body is white: VTK multiplies the texture by the colour, and the
    texture carries the decor (its mean is the finish's colour).
    """
    if kind == "fitting":
        return FITTING_COLOR
    color = finish_color(catalog, finish_id)
    if kind == "outline":
        return darker(color, OUTLINE_SHADE)
    return TEXTURED_BODY_COLOR if texture_path(catalog, finish_id) is not None else color


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


def feature_edges(vertices: np.ndarray, faces: np.ndarray, angle_deg: float) -> np.ndarray:
    """Edges where a panel turns a corner (faces meet at more than ``angle_deg``) or ends (boundary).

    The same edges as VTK's feature edges (boundary and feature, not non-manifold), by
    vertex index: parts that only touch (a side and the bottom) keep their own edges.
    """
    corners = faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)           # three edges per triangle
    owner = np.repeat(np.arange(len(faces)), 3)
    key = np.sort(corners, axis=1)
    _, edge_of, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    edge_of = edge_of.reshape(-1)
    a, b, c = (vertices[faces[:, i]] for i in range(3))
    normals = np.cross(b - a, c - a)
    lengths = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.divide(normals, lengths, out=np.zeros_like(normals), where=lengths > 0)
    order = np.argsort(edge_of, kind="stable")                      # the triangles of each edge, together
    first = np.searchsorted(edge_of[order], np.arange(len(counts)))
    keep = counts == 1                                              # boundary: a board's end
    pair = np.nonzero(counts == 2)[0]
    cos = np.einsum("ij,ij->i", normals[owner[order[first[pair]]]], normals[owner[order[first[pair] + 1]]])
    keep[pair[cos < np.cos(np.radians(angle_deg))]] = True
    return corners[order[first[np.nonzero(keep)[0]]]]


def outline_mesh(points: np.ndarray, edges: np.ndarray) -> pv.PolyData:
    """Line segments along ``edges`` over ``points`` (all of a body's points: a resize moves them all)."""
    lines = np.column_stack([np.full(len(edges), 2), edges]).ravel()
    return pv.PolyData(points, lines=lines)


def outline(mesh: pv.PolyData) -> pv.PolyData:
    """The panel edges of a triangle mesh: without them flat boards of one colour melt into each other."""
    faces = mesh.regular_faces
    return outline_mesh(mesh.points, feature_edges(mesh.points, faces, OUTLINE_ANGLE))


def box_map_coordinates(points: np.ndarray, repeat_mm: float) -> np.ndarray:
    """Texture coordinates of triangle-soup points, projected from the side each triangle faces."""
    corners = points.reshape(-1, 3, 3)
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    axis = np.repeat(np.argmax(np.abs(normals), axis=1), 3)
    x, y, z = points.T
    u = np.select([axis == 0, axis == 1], [y, x], y)
    v = np.select([axis == 0, axis == 1], [z, z], x)
    return np.column_stack([u, v]) / repeat_mm


@dataclass(frozen=True)
class Shape:
    """A piece's numbers before it becomes a mesh: what a resize changes (points, texture coordinates)."""

    kind: Literal["body", "outline", "fitting"]
    points: np.ndarray
    faces: np.ndarray | None          # triangles, or None for the outline
    lines: np.ndarray | None          # (n, 2) segments of the outline
    tcoords: np.ndarray | None
    color: str
    texture: Path | None = None

    def mesh(self) -> pv.PolyData:
        if self.lines is not None:
            return outline_mesh(self.points, self.lines)
        mesh = pv.PolyData.from_regular_faces(self.points, self.faces)
        if self.tcoords is not None:
            mesh.active_texture_coordinates = self.tcoords
        return mesh


def module_shapes(catalog: Catalog, state: ModuleState, cache: MeshCache, in_room: bool = True) -> list[Shape]:
    """The body, its outline, then each visible fitting, as numbers (no VTK): see :func:`module_pieces`."""
    transform = None if in_room else np.eye(4)
    points, faces = body_points(catalog, state, cache, transform)
    finish = state.module.finish
    texture = texture_path(catalog, finish)
    edges = cache.edges(catalog.mesh_path(state.mtype.mesh))
    if texture is None:
        body = Shape("body", points, faces, None, None, piece_color(catalog, finish, "body"))
    else:   # a decor: each triangle keeps its own corners, to carry its own texture coordinates
        soup = points[faces].reshape(-1, 3)
        body = Shape("body", soup, np.arange(len(soup)).reshape(-1, 3), None,
                     box_map_coordinates(soup, catalog.finishes[finish].texture_size),
                     piece_color(catalog, finish, "body"), texture)
    shapes = [body, Shape("outline", points, None, edges, None, piece_color(catalog, finish, "outline"))]
    for fitting in state.mtype.fittings:
        placed = fitting_points(catalog, state, fitting, cache, transform)
        if placed is not None:
            shapes.append(Shape("fitting", placed[0], placed[1], None, None,
                                piece_color(catalog, finish, "fitting")))
    return shapes


def topology_key(shapes: list[Shape]) -> tuple:
    """What decides whether new numbers fit the meshes already drawn: kinds and sizes of the arrays."""
    return tuple((s.kind, len(s.points), None if s.faces is None else len(s.faces), s.tcoords is not None)
                 for s in shapes)


def module_pieces(catalog: Catalog, state: ModuleState, cache: MeshCache, in_room: bool = True) -> list[Piece]:
    """The body first, its outline, then each visible fitting, ready to hand to a plotter.

    ``in_room=False`` leaves them in the module's own frame (origin at its
    back-left-bottom corner): the caller places them with ``state.transform``.
    """
    return [Piece(s.kind, s.mesh(), s.color, s.texture)
            for s in module_shapes(catalog, state, cache, in_room)]


def shape_key(catalog: Catalog, state: ModuleState) -> tuple:
    """Everything a module's geometry in its own frame depends on (not its place, not its colour).

    Two states with the same key draw the same meshes: the view then only moves
    or recolours the actors it has.  Whether the body carries a decor (and the
    decor's scale) is part of the key: textured bodies carry texture coordinates;
    which image it shows is a matter of colour, like the finish.
    """
    finish = catalog.finishes.get(state.module.finish)
    repeat = finish.texture_size if finish is not None and finish.texture else None   # which image: a colour
    return state.content_key[0], tuple(round(float(v), 6) for v in state.size), state.content_key[2], repeat
