"""Do a module's mesh and its parts describe the same furniture?  The 3D view against the cut list.

The customer sees the mesh; the workshop cuts the parts.  Both come from the
catalog entry, and nothing else ties them together, so this check compares
them at given parameter values:

* every located part piece (its box from ``[[parts]].at`` and its sizes) must be
  drawn by a mesh piece with the same box, within the catalog's
  ``limits.mesh_parts_tolerance`` on every face;
* every mesh piece that is a panel (its smallest extent is the thickness of
  one of the catalog's board materials) must be a part piece.

A mismatch is reported with the part's size in the cut list and the size of
the nearest mesh piece, e.g. "part 'Shelf' is 564 x 530 x 16 mm in the cut list;
the mesh draws 'shelf' at 564 x 530 x 12 mm".  The check needs no display: the
mesh arrives as vertex arrays, already read (by the mesh worker).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.mesh.stretch import stretch_vertices
from app.domain.production.parts import Box, ModuleParts

AXIS_INDEX = {"x": 0, "y": 1, "z": 2}


@dataclass(frozen=True)
class MeshPiece:
    """One named piece of a module mesh (a glTF node, an OBJ object) and its box in the module frame."""

    name: str
    box: Box

    @property
    def size(self) -> tuple[float, float, float]:
        return self.box[3] - self.box[0], self.box[4] - self.box[1], self.box[5] - self.box[2]


@dataclass(frozen=True)
class PartPiece:
    """One piece of a located part: the part's name, which piece of the line, its box and axes."""

    name: str
    index: int
    count: int
    box: Box
    axes: tuple[str, str, str]   # length, width, thickness

    @property
    def label(self) -> str:
        return f"part '{self.name}'" + (f" (piece {self.index + 1} of {self.count})" if self.count > 1 else "")

    def sizes(self, box: Box) -> tuple[float, float, float]:
        """``box``'s extents along this part's length, width and thickness axes."""
        extent = (box[3] - box[0], box[4] - box[1], box[5] - box[2])
        return tuple(extent[AXIS_INDEX[a]] for a in self.axes)  # type: ignore[return-value]


def reference_pieces(vertices: np.ndarray, faces: np.ndarray, face_part: np.ndarray,
                     part_names: Sequence[str]) -> list[MeshPiece]:
    """Each named piece of a mesh with its box as the file has it (at the reference size)."""
    pieces = []
    for index, name in enumerate(part_names):
        used = np.unique(faces[face_part == index])
        if not len(used):
            continue
        lo, hi = vertices[used].min(axis=0), vertices[used].max(axis=0)
        pieces.append(MeshPiece(name, (float(lo[0]), float(lo[1]), float(lo[2]),
                                       float(hi[0]), float(hi[1]), float(hi[2]))))
    return pieces


def stretched(pieces: Sequence[MeshPiece], mtype: ModuleType, size: Sequence[float]) -> list[MeshPiece]:
    """The pieces' boxes once the mesh is stretched from its reference size to ``size``.

    Stretching maps each axis on its own and never reverses it, so a box's corners map to the
    stretched box's corners: the boxes are all the check needs from a mesh (the mesh worker
    sends them instead of every vertex).
    """
    out = []
    for piece in pieces:
        corners = np.array([piece.box[:3], piece.box[3:]], dtype=float)
        lo, hi = stretch_vertices(corners, mtype.reference_size, size, mtype.stretch.model_dump())
        out.append(MeshPiece(piece.name, (float(lo[0]), float(lo[1]), float(lo[2]),
                                         float(hi[0]), float(hi[1]), float(hi[2]))))
    return out


def mesh_pieces(vertices: np.ndarray, faces: np.ndarray, face_part: np.ndarray, part_names: Sequence[str],
                mtype: ModuleType, size: Sequence[float]) -> list[MeshPiece]:
    """The mesh's pieces stretched from the module's reference size to ``size``, each with its box."""
    return stretched(reference_pieces(vertices, faces, face_part, part_names), mtype, size)


def part_pieces(parts: ModuleParts) -> tuple[list[PartPiece], list[str]]:
    """Every located piece of the module's panels, and the names of panels without a placement."""
    located, unlocated = [], []
    for panel in parts.panels:
        if not panel.boxes:
            unlocated.append(panel.name)
            continue
        for index, box in enumerate(panel.boxes):
            located.append(PartPiece(panel.name, index, len(panel.boxes), box, panel.axes))
    return located, unlocated


def board_thicknesses(catalog: Catalog) -> list[float]:
    return sorted({float(m.thickness) for m in catalog.materials.values()})


def _fmt(values: Iterable[float]) -> str:
    return " x ".join(f"{v:.1f}".rstrip("0").rstrip(".") for v in values)


def _distance(a: Box, b: Box) -> float:
    return max(abs(p - q) for p, q in zip(a, b))


def disagreements(parts: ModuleParts, pieces: Sequence[MeshPiece], thicknesses: Sequence[float],
                  tolerance: float, min_width: float) -> list[str]:
    """Where the module's located parts and its mesh pieces disagree, one line each (none: they agree)."""
    located, unlocated = part_pieces(parts)
    found = [f"part '{name}' has no placement ('at'): the catalog cannot show where it is" for name in unlocated]
    free = list(pieces)
    unmatched: list[PartPiece] = []
    for piece in located:
        match = next((m for m in free if _distance(m.box, piece.box) <= tolerance), None)
        if match is None:
            unmatched.append(piece)
        else:
            free.remove(match)
    for piece in unmatched:
        cut = _fmt(piece.sizes(piece.box))
        where = _fmt((piece.box[0], piece.box[1], piece.box[2]))
        nearest = min(free or pieces, key=lambda m: _distance(m.box, piece.box), default=None)
        if nearest is None:
            found.append(f"{piece.label} is {cut} mm in the cut list (at {where}), but the mesh has no pieces")
            continue
        offset = _distance(nearest.box, piece.box)
        found.append(f"{piece.label} is {cut} mm in the cut list (at {where}); the nearest mesh piece "
                     f"'{nearest.name}' is {_fmt(piece.sizes(nearest.box))} mm "
                     f"(length x width x thickness; faces up to {offset:.1f} mm apart)")
    for mesh_piece in free:
        thinnest, middle, _ = sorted(mesh_piece.size)
        # A panel: as thick as a board and at least as wide as the narrowest part the saw cuts
        # (a 25 mm round rail is as thick as a 25 mm board, but it is no panel).
        if middle >= min_width and any(abs(thinnest - t) <= tolerance for t in thicknesses):
            found.append(f"mesh piece '{mesh_piece.name}' ({_fmt(mesh_piece.size)} mm) is a {thinnest:g} mm panel, "
                         f"but no part of the cut list is there")
    return found


def module_disagreements(catalog: Catalog, mtype: ModuleType, parts: ModuleParts,
                         pieces: Sequence[MeshPiece], size: Sequence[float]) -> list[str]:
    """:func:`disagreements` for one module type at one set of values, from its mesh's reference pieces."""
    limits = catalog.info.limits
    return disagreements(parts, stretched(pieces, mtype, size), board_thicknesses(catalog),
                         limits.mesh_parts_tolerance, limits.min_part_width)
