"""The saw's cut order for one nested sheet: the guillotine cut tree, strip by strip, and its offcuts.

Every layout the nesting makes can be cut edge to edge (guillotine).  This module
finds those cuts from the parts' rectangles alone, so it works for any layout:
the usable board (the sheet after trimming its edges) is cut into strips by the
first-stage cuts; each strip, right after it comes off, is cut across into the
pieces it holds (second stage), those again the other way (third stage) and so
on, until every part is free.  What is left and holds no part is an *offcut*.

The numbering is the order a panel-saw operator follows: cut a strip off, cut
that strip up completely, then the next strip.  Each cut says its direction
(``along``: parallel to the sheet's length, a rip cut; ``across``: a cross cut),
where it runs from the raw sheet's corner, the *fence* distance (the size of the
piece it takes off the board being cut) and the two pieces it makes.

The first cuts run along the sheet's length when that separates the parts into
strips, else across; of the two, the one needing fewer stages is taken (a tie
goes to ``along``).  Sizes are in mm, to 0.1 mm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Rect = tuple[float, float, float, float]         # x, y, along (x extent), across (y extent)
Direction = Literal["along", "across"]
EPS = 1e-6


@dataclass(frozen=True)
class Cut:
    number: int             # 1-based, in the order to saw
    stage: int              # 1: through the whole board; 2: across a strip; ...
    direction: Direction    # along: the cut runs parallel to the sheet's length (at y = position)
    position: float         # mm from the raw sheet's corner: y for ``along``, x for ``across``
    fence: float            # mm from the edge of the board being cut: the size of the piece taken off
    board: Rect             # the board this cut divides
    first: Rect             # the piece before the cut (at the fence)
    second: Rect            # the piece after the kerf
    first_is: str           # a part number, "offcut", or "strip" (cut up further)
    second_is: str          # likewise, or "rest" (the board the next cut of this stage divides)


@dataclass(frozen=True)
class Offcut:
    x: float
    y: float
    along: float
    across: float

    @property
    def size(self) -> tuple[float, float]:
        """(longer side, shorter side)."""
        return max(self.along, self.across), min(self.along, self.across)


@dataclass(frozen=True)
class CutPlan:
    cuts: tuple[Cut, ...]
    offcuts: tuple[Offcut, ...]
    stages: int             # the deepest stage (0: the board is one part)


Placed = tuple[str, float, float, float, float]  # part number, x, y, along, across
_Part = tuple[str, Rect]


def cut_plan(parts: Sequence[Placed], board: Rect, kerf: float) -> CutPlan:
    """The cuts that free ``parts`` (each a kerf apart) from ``board`` (the trimmed sheet).

    Raises ValueError when the parts cannot be cut edge to edge.
    """
    if not parts:
        return CutPlan((), (Offcut(*board),), 0)
    plans = []
    for axis in (1, 0):   # 1: first cuts at y = const (along the length); 0: at x = const
        builder = _Builder(kerf)
        if builder.split(board, [(p[0], (p[1], p[2], p[3], p[4])) for p in parts], axis, 1):
            plans.append((builder.deepest, axis != 1, builder))
    if not plans:
        raise ValueError("the layout cannot be cut edge to edge")
    _depth, _tie, best = min(plans, key=lambda p: (p[0], p[1]))
    return CutPlan(tuple(best.cuts), tuple(best.offcuts), best.deepest)


def _r(v: float) -> float:
    return round(v + 0.0, 1)


TOL = 0.05    # mm: positions are to 0.1 mm


class _Builder:
    def __init__(self, kerf: float) -> None:
        self.kerf = kerf
        self.cuts: list[Cut] = []
        self.offcuts: list[Offcut] = []
        self.deepest = 0

    def split(self, board: Rect, parts: list[_Part], axis: int, stage: int) -> bool:
        """Cut ``board`` (holding ``parts``) at positions on ``axis``, strips first; False if impossible."""
        if len(parts) == 1 and _same(board, parts[0]):
            return True
        kerf = self.kerf
        groups = _groups(parts, axis, kerf)
        lo, hi = board[axis], board[axis] + board[axis + 2]
        if len(groups) == 1:
            g_lo, g_hi = _extent(groups[0], axis)
            if g_lo - lo <= TOL and hi - g_hi <= TOL:
                return False    # nothing to cut this way (a parent's cut was the other way already)
        self.deepest = max(self.deepest, stage)
        start = lo
        for i, group in enumerate(groups):
            g_lo, g_hi = _extent(group, axis)
            gap = g_lo - start
            if gap > kerf + TOL:        # room before the group: an offcut comes off first
                self._cut(board, axis, stage, start, g_lo - kerf, hi, "offcut", "rest")
                self.offcuts.append(Offcut(*_slice(board, axis, start, g_lo - kerf)))
            start = max(start, g_lo)    # a gap under a kerf is dust the saw takes
            last = i == len(groups) - 1
            tail = hi - g_hi
            if last and tail <= TOL:    # the group reaches the board's end: no cut
                return self._inner(_slice(board, axis, start, hi), group, axis, stage)
            piece = _slice(board, axis, start, g_hi)
            first_is = group[0][0] if len(group) == 1 and _same(piece, group[0]) else "strip"
            second_is = "rest" if not last else ("offcut" if tail > kerf + TOL else "waste")
            self._cut(board, axis, stage, start, g_hi, hi, first_is, second_is)
            if not self._inner(piece, group, axis, stage):
                return False
            start = g_hi + kerf
            if last and tail > kerf + TOL:
                self.offcuts.append(Offcut(*_slice(board, axis, start, hi)))
        return True

    def _inner(self, piece: Rect, group: list[_Part], axis: int, stage: int) -> bool:
        if len(group) == 1 and _same(piece, group[0]):
            return True
        return self.split(piece, group, 1 - axis, stage + 1)

    def _cut(self, board: Rect, axis: int, stage: int, start: float, at: float, hi: float,
             first_is: str, second_is: str) -> None:
        first = _slice(board, axis, start, at)
        second = _slice(board, axis, at + self.kerf, max(hi, at + self.kerf))
        # A cut at x = const (axis 0) runs across the sheet; at y = const (axis 1) along it.
        direction: Direction = "across" if axis == 0 else "along"
        self.cuts.append(Cut(len(self.cuts) + 1, stage, direction, _r(at), _r(at - start),
                             _slice(board, axis, start, hi), first, second, first_is, second_is))


def _extent(group: Sequence[_Part], axis: int) -> tuple[float, float]:
    return min(p[1][axis] for p in group), max(p[1][axis] + p[1][axis + 2] for p in group)


def _slice(board: Rect, axis: int, lo: float, hi: float) -> Rect:
    """The part of ``board`` between ``lo`` and ``hi`` on ``axis``, rounded to 0.1 mm."""
    x, y, a, b = board
    if axis == 0:
        return (_r(lo), _r(y), _r(hi - lo), _r(b))
    return (_r(x), _r(lo), _r(a), _r(hi - lo))


def _same(board: Rect, part: _Part) -> bool:
    return all(abs(u - v) <= TOL + EPS for u, v in zip(board, part[1]))


def _groups(parts: Sequence[_Part], axis: int, kerf: float) -> list[list[_Part]]:
    """The parts in groups a cut perpendicular to ``axis`` can separate (gaps of a kerf or more)."""
    ordered = sorted(parts, key=lambda p: (p[1][axis], p[1][1 - axis]))
    groups: list[list[_Part]] = [[ordered[0]]]
    reach = ordered[0][1][axis] + ordered[0][1][axis + 2]
    for p in ordered[1:]:
        if p[1][axis] >= reach + kerf - EPS:
            groups.append([p])
        else:
            groups[-1].append(p)
        reach = max(reach, p[1][axis] + p[1][axis + 2])
    return groups
