"""Is a triangle mesh a set of proper solids?  Closed, consistently wound, facing out.

Vertices at the same place are merged first (STL and glTF repeat them per
triangle), then numpy answers, for the mesh the designer would publish:

- degenerate triangles (two corners the same, or no area) and duplicate ones
  (the same three corners again, in any order): publishing removes them, so the
  other checks look at the mesh without them;
- open edges (used by one triangle: a hole) and non-manifold edges (used by three
  or more): the mesh is closed (watertight) when it has neither;
- edges whose two triangles run the same way: the winding, hence the normals,
  is inconsistent;
- separate pieces (triangles connected through shared corners), and per closed
  piece its signed volume: negative means the piece is inside out (normals
  pointing in); pieces much smaller than the whole look like stray fragments.

No scipy or networkx: connected pieces come from a vectorised union-find.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

# A triangle is degenerate when its area is below this fraction of the mesh's
# bounding-box diagonal squared (scale-free: the same in metres and millimetres).
DEGENERATE_AREA_FRACTION = 1e-12
# A piece whose bounding-box diagonal is below this fraction of the whole mesh's is reported
# as a possible stray fragment (a lost vertex group, a speck left by a boolean).
STRAY_PIECE_FRACTION = 0.01
# Vertices closer than this fraction of the diagonal are the same corner.
MERGE_FRACTION = 1e-9


@dataclass
class Topology:
    """The facts; masks and labels are per triangle of the original face list."""

    triangles: int
    degenerate: np.ndarray          # bool per face
    duplicate: np.ndarray           # bool per face (every copy after the first)
    open_edges: int                 # edges on a hole
    nonmanifold_edges: int          # edges with more than two triangles (solids touching, or fins)
    inconsistent_edges: int         # edges whose triangles run the same way
    face_piece: np.ndarray          # int per face: its piece (-1 for removed faces)
    pieces: int
    closed_pieces: int
    inverted_pieces: np.ndarray     # piece indices that are closed and inside out
    stray_pieces: int

    @property
    def kept(self) -> np.ndarray:
        kept: np.ndarray = ~(self.degenerate | self.duplicate)
        return kept

    @property
    def watertight(self) -> bool:
        return self.open_edges == 0

    @property
    def winding_consistent(self) -> bool:
        return self.inconsistent_edges == 0


def _unique_rows(rows: np.ndarray, **kwargs: Any) -> tuple[np.ndarray, ...]:
    """np.unique over rows, as one opaque value per row (several times faster than axis=0).

    ``kwargs`` are np.unique's return_index / return_inverse / return_counts (at least one).
    """
    rows = np.ascontiguousarray(rows)
    packed = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).reshape(-1)
    unique: tuple[np.ndarray, ...] = np.unique(packed, **kwargs)
    return unique


def merge_corners(vertices: np.ndarray, faces: np.ndarray, face_part: np.ndarray | None = None) -> np.ndarray:
    """``faces`` re-indexed so that vertices at the same position (in the same part) share one index.

    Parts (glTF nodes) are never merged with each other: two panels that touch stay two solids.
    """
    vertices = np.asarray(vertices, dtype=float)
    if not len(vertices):
        return faces
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    step = max(float(np.linalg.norm(hi - lo)) * MERGE_FRACTION, 1e-12)
    keys = np.round((vertices - lo) / step).astype(np.int64)
    if face_part is not None:
        vertex_part = np.zeros(len(vertices), dtype=np.int64)
        vertex_part[faces] = np.asarray(face_part, dtype=np.int64)[:, None]
        keys = np.column_stack([vertex_part, keys])
    _, inverse = _unique_rows(keys, return_inverse=True)
    merged: np.ndarray = inverse.reshape(-1)[faces]
    return merged


def components(faces: np.ndarray, n_vertices: int) -> np.ndarray:
    """A label per vertex: vertices joined through triangles share a label (union-find, vectorised)."""
    parent = np.arange(n_vertices)
    if not len(faces):
        return parent
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]]])
    while True:
        a, b = parent[edges[:, 0]], parent[edges[:, 1]]
        moved = a != b
        if not moved.any():
            break
        lo, hi = np.minimum(a[moved], b[moved]), np.maximum(a[moved], b[moved])
        np.minimum.at(parent, hi, lo)   # hook each root onto the smaller one
        while True:                     # then compress paths until every vertex points at its root
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent


def analyse(vertices: np.ndarray, faces: np.ndarray, face_part: np.ndarray | None = None) -> Topology:
    """The facts about ``faces``; with ``face_part``, each part (glTF node) is judged as its own solid."""
    vertices = np.asarray(vertices, dtype=float)
    faces = np.asarray(faces, dtype=np.int64)
    merged = merge_corners(vertices, faces, face_part)
    diagonal = float(np.linalg.norm(np.ptp(vertices, axis=0))) if len(vertices) else 0.0

    corners = vertices[faces]
    doubled_area = np.linalg.norm(np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1)
    degenerate = ((merged[:, 0] == merged[:, 1]) | (merged[:, 1] == merged[:, 2]) | (merged[:, 0] == merged[:, 2])
                  | (doubled_area <= 2 * DEGENERATE_AREA_FRACTION * diagonal ** 2))
    duplicate = np.zeros(len(faces), dtype=bool)
    candidates = np.flatnonzero(~degenerate)
    if len(candidates):
        _, first = _unique_rows(np.sort(merged[candidates], axis=1), return_index=True)
        duplicate[candidates] = True
        duplicate[candidates[first]] = False

    kept = np.flatnonzero(~(degenerate | duplicate))
    tris = merged[kept]
    directed = np.concatenate([tris[:, [0, 1]], tris[:, [1, 2]], tris[:, [2, 0]]])
    undirected = np.sort(directed, axis=1)
    _, edge_id, counts = _unique_rows(undirected, return_inverse=True, return_counts=True)
    edge_id = edge_id.reshape(-1)
    # +1 when an edge runs low -> high index, -1 the other way: the two triangles of a
    # consistently wound edge cancel out; the same direction twice sums to +-2.
    direction = np.where(directed[:, 0] < directed[:, 1], 1, -1)
    flow = np.bincount(edge_id, weights=direction, minlength=len(counts))
    # A closed, consistently wound surface uses every edge as often one way as the other (flow 0),
    # also where two solids touch along an edge (four triangles).  Where the flow does not cancel,
    # an odd number of triangles means a hole (an open edge), an even number a flipped triangle.
    unbalanced = flow != 0
    open_edge = unbalanced & (counts % 2 == 1)
    bad_winding = unbalanced & (counts % 2 == 0)

    labels = components(tris, int(merged.max()) + 1 if len(merged) else 0)
    _, piece_of_tri = np.unique(labels[tris[:, 0]], return_inverse=True)
    piece_of_tri = piece_of_tri.reshape(-1)
    n_pieces = int(piece_of_tri.max()) + 1 if len(piece_of_tri) else 0
    face_piece = np.full(len(faces), -1, dtype=np.int64)
    face_piece[kept] = piece_of_tri

    # A piece is closed when every one of its edges is balanced.
    edge_tri = np.tile(np.arange(len(tris)), 3)
    edge_ok = ~unbalanced
    piece_bad = np.bincount(piece_of_tri[edge_tri], weights=(~edge_ok[edge_id]).astype(float), minlength=n_pieces) > 0
    centre = (vertices.min(axis=0) + vertices.max(axis=0)) / 2 if len(vertices) else np.zeros(3)
    c = vertices[faces[kept]] - centre
    signed = np.einsum("ij,ij->i", c[:, 0], np.cross(c[:, 1], c[:, 2])) / 6.0
    volume = np.bincount(piece_of_tri, weights=signed, minlength=n_pieces)
    closed = ~piece_bad
    inverted = np.flatnonzero(closed & (volume < 0))

    stray = 0
    if n_pieces > 1 and diagonal > 0:
        pts = vertices[faces[kept]].reshape(-1, 3)
        owner = np.repeat(piece_of_tri, 3)
        lo = np.full((n_pieces, 3), np.inf)
        hi = np.full((n_pieces, 3), -np.inf)
        for axis in range(3):
            np.minimum.at(lo[:, axis], owner, pts[:, axis])
            np.maximum.at(hi[:, axis], owner, pts[:, axis])
        stray = int(np.sum(np.linalg.norm(hi - lo, axis=1) < STRAY_PIECE_FRACTION * diagonal))

    return Topology(triangles=len(faces), degenerate=degenerate, duplicate=duplicate,
                    open_edges=int(open_edge.sum()), nonmanifold_edges=int((counts > 2).sum()),
                    inconsistent_edges=int(bad_winding.sum()), face_piece=face_piece, pieces=n_pieces,
                    closed_pieces=int(closed.sum()), inverted_pieces=inverted, stray_pieces=stray)
