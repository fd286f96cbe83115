"""Triangle geometry of placed modules for the 3D view.

Turns a resolved :class:`~app.domain.design.layout.ModuleState` into pyvista meshes:
the module's catalog mesh stretched by zones to the placed size, plus its
visible fittings (handles), either placed in the room or in the module's own
frame (the live view then places them with an actor transform, so moving a
module never rebuilds its geometry).  No actors, no widgets: the same pieces
feed the live view, offscreen thumbnails and image tests.

Mesh files are read once per path (:class:`MeshCache`); every placed module gets
its own stretched copy of the vertices, the faces array is shared.

A decor texture (one repeat of the decor, grain along the image's height) runs
along each part's grain, as the workshop cuts it: every mesh piece (a glTF node)
that draws a located part (its box within the catalog's ``mesh_parts_tolerance``
of the part's box, which ``catalog check`` proves) takes the part's grain axis
(``at.length`` for grain ``length``, ``at.width`` for ``width``); a piece that
draws no grain-bound part (legs, a part of a board without grain) is mapped from
the side each triangle faces.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pyvista as pv

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Fitting
from app.domain.catalog.slots import PieceLook, has_fixed_slots, piece_looks
from app.domain.design.layout import ModuleState
from app.domain.mesh.loading import read_mesh
from app.domain.mesh.stretch import stretch_vertices
from app.domain.production.parts import PartsError, module_parts

FITTING_COLOR = "#8C9096"   # brushed steel, a little darker than the finish so handles read on white fronts
FALLBACK_COLOR = "#C8C8C8"  # a finish the catalog does not know: grey rather than a crash
TEXTURED_BODY_COLOR = "#FFFFFF"
OUTLINE_SHADE = 0.62        # panel outlines: the finish colour darkened to this fraction
OUTLINE_ANGLE = 30.0        # degrees between faces that make a visible edge

# Rotates a handle's long x-extent onto z (90 degrees about Y): (x, y, z) -> (z, y, -x).
_VERTICAL = np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]])
AXIS_INDEX = {"x": 0, "y": 1, "z": 2}
GRAIN_CACHE_LIMIT = 20_000
NO_GRAIN = -1               # a triangle's grain axis when it draws no grain-bound part
# Box mapping, by the axis a triangle faces: the texture's (u, v) axes (grain up the sides and
# fronts, along x on tops): for triangles that draw no grain-bound part.
_BOX_U = np.array([1, 0, 1])
_BOX_V = np.array([2, 2, 0])


@dataclass(frozen=True)
class Piece:
    """One drawable part of a module: its body or one fitting."""

    kind: Literal["body", "outline", "fitting"]
    mesh: pv.PolyData
    color: str
    texture: Path | None = None   # an image the body's texture coordinates map onto (a wood decor)
    look: PieceLook | None = None  # a body of mesh pieces in a material slot's own finish (glass, a white back)


@dataclass(frozen=True)
class MeshPieces:
    """A mesh's triangles grouped by piece, ready for per-piece boxes with ``np.minimum.reduceat``."""

    face_piece: np.ndarray    # per triangle, its piece's index
    faces: np.ndarray         # the triangles sorted by piece
    pieces: np.ndarray        # the piece indices present, ascending
    starts: np.ndarray        # where each piece's triangles begin in ``faces``

    @staticmethod
    def of(faces: np.ndarray, face_piece: np.ndarray) -> MeshPieces:
        order = np.argsort(face_piece, kind="stable")
        pieces, starts = np.unique(face_piece[order], return_index=True)
        return MeshPieces(face_piece, faces[order], pieces, starts)

    def boxes(self, points: np.ndarray) -> np.ndarray:
        """(pieces, 6): each piece's smallest and largest x, y, z over ``points`` (the mesh's vertices)."""
        corners = points[self.faces]
        return np.hstack([np.minimum.reduceat(corners.min(axis=1), self.starts),
                          np.maximum.reduceat(corners.max(axis=1), self.starts)])


class MeshCache:
    """Catalog meshes by path, loaded on first use and kept as (vertices, faces)."""

    def __init__(self) -> None:
        self._meshes: dict[Path, tuple[np.ndarray, np.ndarray]] = {}
        self._pieces: dict[Path, MeshPieces] = {}
        self._edges: dict[Path, np.ndarray] = {}
        self._names: dict[Path, list[str]] = {}   # each mesh's piece names (glTF nodes), for material slots
        # Grain-bound part boxes by catalog and module content (equal modules share one expansion).
        self._grain: dict[tuple[int, tuple], tuple[np.ndarray, np.ndarray]] = {}
        self._catalogs: dict[int, Catalog] = {}   # kept alive, so their ids stay theirs

    def get(self, path: Path) -> tuple[np.ndarray, np.ndarray]:
        cached = self._meshes.get(path)
        if cached is None:
            mesh = read_mesh(path)
            cached = (np.asarray(mesh.vertices, dtype=float), np.asarray(mesh.faces, dtype=np.int64))
            cached[0].flags.writeable = False  # shared by every module of this type
            self._meshes[path] = cached
            self._pieces[path] = MeshPieces.of(cached[1], np.asarray(mesh.face_part, dtype=np.int64))
            self._names[path] = list(mesh.part_names)
        return cached

    def names(self, path: Path) -> list[str]:
        """The mesh's piece names, in the order of its piece indices."""
        self.get(path)
        return self._names[path]

    def pieces(self, path: Path) -> MeshPieces:
        """The mesh's pieces (glTF nodes, OBJ objects): which triangles each one has."""
        self.get(path)
        return self._pieces[path]

    def grain_parts(self, catalog: Catalog, state: ModuleState) -> tuple[np.ndarray, np.ndarray]:
        """The boxes (n, 6) of the module's grain-bound part pieces and the axis (0 x .. 2 z) each one's
        grain runs along; none for a module that cannot be expanded (the rules say why)."""
        key = (id(catalog), state.content_key)
        found = self._grain.get(key)
        if found is None:
            if len(self._grain) >= GRAIN_CACHE_LIMIT:
                self._grain.clear()
            self._catalogs[id(catalog)] = catalog
            found = self._grain[key] = _grain_parts(catalog, state)
        return found

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


def stretched_points(catalog: Catalog, state: ModuleState, cache: MeshCache) -> tuple[np.ndarray, np.ndarray]:
    """The module mesh stretched to ``state.size``, in the module's own frame."""
    mtype = state.mtype
    vertices, faces = cache.get(catalog.mesh_path(mtype.mesh))
    return stretch_vertices(vertices, mtype.reference_size, state.size, mtype.stretch.model_dump()), faces


def body_points(catalog: Catalog, state: ModuleState, cache: MeshCache,
                transform: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The module mesh stretched to ``state.size`` and moved by ``transform`` (default: into the room)."""
    stretched, faces = stretched_points(catalog, state, cache)
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


def grain_coordinates(points: np.ndarray, grain: np.ndarray, repeat_mm: float) -> np.ndarray:
    """Texture coordinates of triangle-soup points (module frame), the image's height along the grain.

    ``grain`` gives per triangle the axis (0 x, 1 y, 2 z) its part's grain runs along, or
    :data:`NO_GRAIN`.  A triangle facing across the grain has v along the grain and u along its
    other side; one facing along it (a board's end) shows end grain, mapped over its two sides;
    one without grain is mapped from the side it faces (:func:`box_map_coordinates`).
    """
    corners = points.reshape(-1, 3, 3)
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    facing = np.argmax(np.abs(normals), axis=1)
    u_axis, v_axis = _BOX_U[facing], _BOX_V[facing]
    along = (grain != NO_GRAIN) & (grain != facing)
    v_axis = np.where(along, grain, v_axis)
    u_axis = np.where(along, 3 - facing - grain, u_axis)
    end = (grain != NO_GRAIN) & (grain == facing)
    u_axis = np.where(end, np.where(facing == 0, 1, 0), u_axis)
    v_axis = np.where(end, np.where(facing == 2, 1, 2), v_axis)
    rows = np.arange(len(points))
    u = points[rows, np.repeat(u_axis, 3)]
    v = points[rows, np.repeat(v_axis, 3)]
    return np.column_stack([u, v]) / repeat_mm


def box_map_coordinates(points: np.ndarray, repeat_mm: float) -> np.ndarray:
    """Texture coordinates of triangle-soup points, projected from the side each triangle faces."""
    return grain_coordinates(points, np.full(len(points) // 3, NO_GRAIN), repeat_mm)


def face_grain(catalog: Catalog, state: ModuleState, cache: MeshCache, stretched: np.ndarray,
               faces: np.ndarray) -> np.ndarray:
    """Per triangle of the module mesh, the axis its part's grain runs along (or :data:`NO_GRAIN`).

    Each mesh piece is matched to the located part piece whose box is nearest to its own, within
    the catalog's ``mesh_parts_tolerance``; a module that cannot be expanded gets no grain.
    """
    boxes, axes = cache.grain_parts(catalog, state)
    if not len(boxes):
        return np.full(len(faces), NO_GRAIN, dtype=np.int64)
    mesh = cache.pieces(catalog.mesh_path(state.mtype.mesh))
    distance = np.abs(mesh.boxes(stretched)[:, None, :] - boxes[None, :, :]).max(axis=2)
    nearest = np.argmin(distance, axis=1)
    matched = distance[np.arange(len(mesh.pieces)), nearest] <= catalog.info.limits.mesh_parts_tolerance
    axis_of_piece = np.full(int(mesh.pieces.max()) + 1, NO_GRAIN, dtype=np.int64)
    axis_of_piece[mesh.pieces[matched]] = axes[nearest[matched]]
    return axis_of_piece[mesh.face_piece]


def _grain_parts(catalog: Catalog, state: ModuleState) -> tuple[np.ndarray, np.ndarray]:
    boxes: list[tuple[float, ...]] = []
    axes: list[int] = []
    try:
        panels = module_parts(catalog, state).panels
    except PartsError:
        panels = ()
    for panel in panels:
        if panel.grain == "none" or not panel.boxes:
            continue
        boxes += panel.boxes
        axes += [AXIS_INDEX[panel.axes[0] if panel.grain == "length" else panel.axes[1]]] * len(panel.boxes)
    return np.asarray(boxes, dtype=float).reshape(-1, 6), np.asarray(axes, dtype=np.int64)


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
    look: PieceLook | None = None     # pieces drawn in a material slot's own finish (see slot_bodies)

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
    stretched, faces = stretched_points(catalog, state, cache)
    points = to_room(stretched, (state.transform if transform is None else transform))
    finish = state.module.finish
    texture = texture_path(catalog, finish)
    edges = cache.edges(catalog.mesh_path(state.mtype.mesh))
    own, slot_shapes = slot_bodies(catalog, state, cache, points, faces)   # own: triangles in the module's finish
    all_faces, faces = faces, faces[own]
    if texture is None:
        body = Shape("body", points, faces, None, None, piece_color(catalog, finish, "body"))
    else:   # a decor: each triangle keeps its own corners, to carry its own texture coordinates
        soup = points[faces].reshape(-1, 3)
        # Texture coordinates in the module's frame, so the grain follows the parts wherever it stands.
        tcoords = grain_coordinates(stretched[faces].reshape(-1, 3),
                                    face_grain(catalog, state, cache, stretched, all_faces)[own],
                                    catalog.finishes[finish].texture_size)
        body = Shape("body", soup, np.arange(len(soup)).reshape(-1, 3), None, tcoords,
                     piece_color(catalog, finish, "body"), texture)
    shapes = [body, Shape("outline", points, None, edges, None, piece_color(catalog, finish, "outline"))]
    for fitting in state.mtype.fittings:
        placed = fitting_points(catalog, state, fitting, cache, transform)
        if placed is not None:
            shapes.append(Shape("fitting", placed[0], placed[1], None, None,
                                piece_color(catalog, finish, "fitting")))
    return shapes + slot_shapes


def slot_bodies(catalog: Catalog, state: ModuleState, cache: MeshCache, points: np.ndarray,
                faces: np.ndarray) -> tuple[np.ndarray, list[Shape]]:
    """Which triangles are drawn in the module's finish (a mask), and a body per fixed finish of its slots.

    Issue 19: a module's mesh pieces are in material slots (app/domain/catalog/slots.py); those in a
    slot with a finish of its own (a white back, clear glass) are drawn apart from the body, in their
    finish and look (opacity, highlight).  Without such slots the body keeps every triangle, as before.
    """
    mtype = state.mtype
    if not has_fixed_slots(catalog, mtype):
        return np.ones(len(faces), dtype=bool), []
    path = catalog.mesh_path(mtype.mesh)
    looks = piece_looks(catalog, mtype, state.module.finish, cache.names(path))
    face_piece = cache.pieces(path).face_piece
    fixed = np.array([look.fixed for look in looks] + [False], dtype=bool)[np.minimum(face_piece, len(looks))]
    shapes = []
    for finish in sorted({look.finish for look in looks if look.fixed}):
        look = next(look for look in looks if look.fixed and look.finish == finish)
        mine = np.array([piece_look.fixed and piece_look.finish == finish for piece_look in looks] + [False],
                        dtype=bool)[np.minimum(face_piece, len(looks))]
        shapes.append(Shape("body", points, faces[mine], None, None, finish_color(catalog, finish), None, look))
    return ~fixed, shapes


def topology_key(shapes: list[Shape]) -> tuple:
    """What decides whether new numbers fit the meshes already drawn: kinds and sizes of the arrays."""
    return tuple((s.kind, len(s.points), None if s.faces is None else len(s.faces), s.tcoords is not None)
                 for s in shapes)


def module_pieces(catalog: Catalog, state: ModuleState, cache: MeshCache, in_room: bool = True) -> list[Piece]:
    """The body first, its outline, then each visible fitting, ready to hand to a plotter.

    ``in_room=False`` leaves them in the module's own frame (origin at its
    back-left-bottom corner): the caller places them with ``state.transform``.
    """
    return [Piece(s.kind, s.mesh(), s.color, s.texture, s.look)
            for s in module_shapes(catalog, state, cache, in_room)]


def shape_key(catalog: Catalog, state: ModuleState) -> tuple:
    """Everything a module's geometry in its own frame depends on (not its place, not its colour).

    Two states with the same key draw the same meshes: the view then only moves
    or recolours the actors it has.  Whether the body carries a decor (the decor's
    scale, and whether it has a grain the texture follows) is part of the key:
    textured bodies carry texture coordinates; which image it shows is a matter of
    colour, like the finish.
    """
    finish = catalog.finishes.get(state.module.finish)
    decor = (finish.texture_size, finish.grain) if finish is not None and finish.texture else None   # image: a colour
    return state.content_key[0], tuple(round(float(v), 6) for v in state.size), state.content_key[2], decor
