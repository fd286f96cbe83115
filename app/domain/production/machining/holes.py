"""The records of machining: holes in a piece's drawing frame, and what the clash check needs.

**The drawing frame of a piece** (the DXF's coordinates, mm): X runs along the
part's length from the end of its box nearest the module's origin, Y across its
width, and the drawing is a true view of the piece's *front* face, the face at
the positive end of its thickness axis (the upper face of a bottom, the inside
face of a door, the inside of a left side, the outside of a right side).  So Y
runs from the low end of the width axis where (length axis x width axis) points
out of the front face, and from the high end where it points into it.

A hole on the front face is ``face = "front"``; one drilled from the other face
is ``"back"`` (drawn where it lies, seen through the board); a boring into an
edge is ``"edge"``, with ``x, y`` where it enters and ``direction`` the unit
vector into the board.  Through holes go through the board (``depth`` = its
thickness).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Face = Literal["front", "back", "edge"]
# A piece of the design: (module id, index of the panel in its ModuleParts, index of the piece in the panel).
PieceKey = tuple[str, int, int]
Rect = tuple[float, float, float, float]   # x0, y0, x1, y1 in a drawing frame


@dataclass(frozen=True, order=True)
class Hole:
    face: Face
    x: float
    y: float
    diameter: float
    depth: float
    through: bool
    rule: str                               # the machining.toml table that drills it
    direction: tuple[float, float] = (0.0, 0.0)   # edge borings: into the board

    @property
    def radius(self) -> float:
        return self.diameter / 2


@dataclass(frozen=True)
class PieceMachining:
    """One located piece of a panel and its holes."""

    key: PieceKey
    name: str                 # the catalog part's name
    role: str
    length: float             # finished, mm: the drawing's X extent
    width: float              # the drawing's Y extent
    thickness: float
    holes: tuple[Hole, ...]

    @property
    def module_id(self) -> str:
        return self.key[0]


@dataclass(frozen=True)
class Plate:
    """A hinge's mounting plate on a carcass side: no shelf pin may stand under it."""

    door: str                 # the door module
    piece: PieceKey           # the side
    face: Face
    rect: Rect
    span: tuple[float, float] = (0.0, 0.0)   # from .. to, mm up the host (its frame's z)


@dataclass(frozen=True)
class ShelfSupport:
    """Where a placed shelf's pins go into a side (drawing frame of the side)."""

    shelf: str
    piece: PieceKey
    face: Face
    points: tuple[tuple[float, float], ...]
    radius: float
    height: float = 0.0       # the shelf's underside, mm up the host


@dataclass(frozen=True)
class HandleScrew:
    """A handle screw through a front, and the box panels standing edge-on behind it (module frame)."""

    module: str
    piece: PieceKey
    point: tuple[float, float, float]       # the screw's centre on the front, module frame
    radius: float
    axis: int                               # the front's thickness axis (0 x, 1 y, 2 z)


@dataclass(frozen=True)
class DesignMachining:
    pieces: tuple[PieceMachining, ...]
    plates: tuple[Plate, ...] = ()
    supports: tuple[ShelfSupport, ...] = ()
    handle_screws: tuple[HandleScrew, ...] = ()
    # Per module: the boxes (module frame) of its jointed panels, for the handle-over-joint check.
    box_panels: dict[str, tuple[tuple[PieceKey, tuple[float, ...], int], ...]] = field(default_factory=dict)

    def piece(self, key: PieceKey) -> PieceMachining:
        for piece in self.pieces:
            if piece.key == key:
                return piece
        raise KeyError(key)
