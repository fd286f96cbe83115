"""A located piece's frames: from the module's 3D frame to the piece's drawing frame (see :mod:`.holes`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.domain.production.machining.holes import Face
from app.domain.production.parts import Box, Panel

AXIS = {"x": 0, "y": 1, "z": 2}
Point = tuple[float, float, float]
# (length, width, thickness) axes that make a right-handed frame: length x width points out of the front face.
_RIGHT_HANDED = {(0, 1, 2), (1, 2, 0), (2, 0, 1)}
DIGITS = 3   # positions to the micrometre: enough for a CNC, and free of float noise in the files


@dataclass(frozen=True)
class PieceFrame:
    """One piece's box (module frame) and the axes its length, width and thickness run along."""

    box: Box
    length_axis: int
    width_axis: int
    thickness_axis: int

    @classmethod
    def of(cls, panel: Panel, index: int) -> PieceFrame:
        la, wa, ta = (AXIS[a] for a in panel.axes)
        return cls(panel.boxes[index], la, wa, ta)

    def low(self, axis: int) -> float:
        return self.box[axis]

    def high(self, axis: int) -> float:
        return self.box[axis + 3]

    def mid(self, axis: int) -> float:
        return (self.box[axis] + self.box[axis + 3]) / 2

    def extent(self, axis: int) -> float:
        return self.box[axis + 3] - self.box[axis]

    @property
    def right_handed(self) -> bool:
        return (self.length_axis, self.width_axis, self.thickness_axis) in _RIGHT_HANDED

    def drawing(self, point: Sequence[float]) -> tuple[float, float]:
        """Where a point of the piece lies in its drawing (X along the length, Y across, front face up)."""
        x = point[self.length_axis] - self.low(self.length_axis)
        v = point[self.width_axis] - self.low(self.width_axis)
        y = v if self.right_handed else self.extent(self.width_axis) - v
        return round(x, DIGITS) + 0.0, round(y, DIGITS) + 0.0

    def direction(self, vector: Sequence[float]) -> tuple[float, float]:
        """A direction in the piece's plane as drawn."""
        dy = vector[self.width_axis] if self.right_handed else -vector[self.width_axis]
        return float(vector[self.length_axis]) + 0.0, float(dy) + 0.0

    def face_at(self, coordinate: float) -> Face:
        """The face at this coordinate of the thickness axis: 'front' at its high end, 'back' at its low end."""
        high, low = self.high(self.thickness_axis), self.low(self.thickness_axis)
        return "front" if abs(coordinate - high) <= abs(coordinate - low) else "back"

    def inner(self, centre: Sequence[float]) -> float:
        """The coordinate of the face that looks towards ``centre`` along the thickness axis."""
        axis = self.thickness_axis
        return self.high(axis) if centre[axis] >= self.mid(axis) else self.low(axis)


def transform_point(matrix: np.ndarray, point: Sequence[float]) -> Point:
    """A point through a 4x4 transform."""
    p = matrix[:3, :3] @ np.asarray(point, dtype=float) + matrix[:3, 3]
    return float(p[0]), float(p[1]), float(p[2])


def relative(host: np.ndarray, module: np.ndarray) -> np.ndarray:
    """The transform from a module's frame to its host's (both given as frame -> room)."""
    matrix: np.ndarray = np.linalg.inv(host) @ module
    return matrix
