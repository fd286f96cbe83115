"""The straight-path test of the assembly planner: can a box slide into place along an axis?

A part inserted along direction ``+y`` comes from far away on the -y side and
moves to its place; the space it passes through is its box stretched to
infinity on that side.  It is *blocked* when that space overlaps a placed box
by more than ``TOUCH`` mm on every axis: boards that only touch (a side
against a bottom) do not block each other, boards that would cross do.
Directions are ``"+x" "-x" "+y" "-y" "+z" "-z"`` (room or module frame; y = 0
is the back, -y the front, z up).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.production.parts import Box

DIRECTIONS = ("-z", "+y", "-y", "+x", "-x", "+z")
TOUCH = 0.05   # mm: faces closer than this touch, they do not overlap
AXIS = {"x": 0, "y": 1, "z": 2}


def _overlap(a0: float, a1: float, b0: float, b1: float) -> bool:
    return min(a1, b1) - max(a0, b0) > TOUCH


def blocks(moving: Box, direction: str, placed: Box) -> bool:
    """Whether ``placed`` lies in the path of ``moving`` sliding in along ``direction`` (or in its place)."""
    axis = AXIS[direction[1]]
    for other in range(3):
        if other != axis and not _overlap(moving[other], moving[other + 3], placed[other], placed[other + 3]):
            return False
    if direction[0] == "+":   # comes from -infinity up to its far face
        return placed[axis] < moving[axis + 3] - TOUCH
    return placed[axis + 3] > moving[axis] + TOUCH


def path_clear(moving: Box, direction: str, placed: Iterable[Box]) -> bool:
    return not any(blocks(moving, direction, box) for box in placed)


def group_clear(moving: Iterable[Box], direction: str, placed: Iterable[Box]) -> bool:
    """A group that moves as one (a drawer into its carcass): every box of it is clear of ``placed``."""
    fixed = list(placed)
    return all(path_clear(box, direction, fixed) for box in moving)
