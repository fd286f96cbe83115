"""Guillotine nesting: place rectangular panels on stock sheets so a panel saw can cut them.

Pure geometry, no catalog: :mod:`app.domain.production.cutlist` feeds it the cut sizes of a
design's panels, one stock (material and decor) at a time.

The algorithm is guillotine best-fit with free rectangles (Jylänki, "A Thousand
Ways to Pack the Bin", 2010): every sheet keeps a list of free rectangles; a
piece goes into the free rectangle that fits it best, at its corner, and that
rectangle is split in two by one straight cut through the whole rectangle (along
the piece's top edge or its right edge).  Every layout made this way can be cut
with edge-to-edge cuts only, which is what a panel saw does.  Free rectangles are
never merged (merging could produce layouts that need non-guillotine cuts).

The saw kerf is the trick of inflating: each piece takes ``length + kerf`` x
``width + kerf`` and the usable sheet is enlarged by one kerf, so neighbours are
a kerf apart and a piece may still touch the usable sheet's far edges.

One greedy pass depends on the order of the pieces and the heuristics, so
:func:`nest` tries several orders (area, longest side, perimeter, width ...),
three ways of choosing the free rectangle and five ways of splitting, and keeps the
layout with the fewest sheets (then the emptiest last sheet, whose offcut is the
most useful).  It stops early once a layout reaches the area lower bound
``ceil(total piece area / usable sheet area)``, which no layout can beat.

That greedy is what quick checks use (the catalog check, the BOM in a window).  An
order can give :func:`nest` (``optimise_s``) or :func:`improve` time to look for
fewer sheets: :mod:`~app.domain.production.nesting_columns` runs column generation
over 3-stage guillotine sheet patterns.  Budgets are CPU seconds of this process,
so a busy machine gives the same layouts, only later.

Grain: a piece is ``fixed`` (its length along the sheet's length), ``turned``
(its length across the sheet) or ``free`` (either way).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Turn = Literal["fixed", "turned", "free"]


@dataclass(frozen=True)
class Piece:
    """A rectangle to place: ``length`` runs along the grain of the part."""

    key: str            # what it is (a part number); several pieces may share one
    length: float
    width: float
    turn: Turn = "free"


@dataclass(frozen=True)
class Placed:
    """A piece on a sheet: ``x`` along the sheet's length, ``y`` across it, from the usable corner."""

    key: str
    x: float
    y: float
    along: float        # extent along the sheet's length
    across: float       # extent across it
    rotated: bool       # True: the piece's length runs across the sheet


@dataclass
class _Sheet:
    free: list[tuple[float, float, float, float]]   # x, y, w, h (inflated by the kerf)
    placed: list[Placed] = field(default_factory=list)
    area: float = 0.0


@dataclass(frozen=True)
class Nesting:
    """Sheets with their pieces, pieces that fit on no sheet, and how the layout was found."""

    sheets: tuple[tuple[Placed, ...], ...]
    oversize: tuple[Piece, ...]
    lower_bound: int
    strategy: str

    @property
    def sheet_count(self) -> int:
        return len(self.sheets)


def lower_bound(pieces: Sequence[Piece], length: float, width: float) -> int:
    """ceil(total piece area / usable sheet area): no layout needs fewer sheets."""
    total = sum(p.length * p.width for p in pieces)
    return math.ceil(total / (length * width) - 1e-9) if total else 0


def fits(piece: Piece, length: float, width: float) -> bool:
    return any(a <= length + 1e-9 and b <= width + 1e-9 for a, b in _orientations(piece))


def _orientations(piece: Piece) -> list[tuple[float, float]]:
    """(along, across) sizes a piece may take on the sheet."""
    if piece.turn == "fixed":
        return [(piece.length, piece.width)]
    if piece.turn == "turned":
        return [(piece.width, piece.length)]
    if piece.length == piece.width:
        return [(piece.length, piece.width)]
    return [(piece.length, piece.width), (piece.width, piece.length)]


# -------------------------------------------------------------- heuristics
def _best_area(fw: float, fh: float, pw: float, ph: float) -> tuple[float, float]:
    return fw * fh - pw * ph, min(fw - pw, fh - ph)


def _best_short_side(fw: float, fh: float, pw: float, ph: float) -> tuple[float, float]:
    a, b = fw - pw, fh - ph
    return min(a, b), max(a, b)


def _best_long_side(fw: float, fh: float, pw: float, ph: float) -> tuple[float, float]:
    a, b = fw - pw, fh - ph
    return max(a, b), min(a, b)


FITS: dict[str, Callable[[float, float, float, float], tuple[float, float]]] = {
    "best-area": _best_area,
    "best-short-side": _best_short_side,
    "best-long-side": _best_long_side,
}


def _split_shorter_leftover(fw: float, fh: float, pw: float, ph: float) -> bool:
    """True: cut along the piece's top edge across the whole free rectangle (horizontal split)."""
    return (fw - pw) <= (fh - ph)


def _split_max_area(fw: float, fh: float, pw: float, ph: float) -> bool:
    """Keep one leftover as large as possible (the most useful offcut)."""
    horizontal_big = fw * (fh - ph)     # the top strip when the cut runs across
    vertical_big = (fw - pw) * fh       # the right strip when the cut runs up
    return horizontal_big >= vertical_big


def _split_longer_leftover(fw: float, fh: float, pw: float, ph: float) -> bool:
    return (fw - pw) > (fh - ph)


def _split_min_area(fw: float, fh: float, pw: float, ph: float) -> bool:
    """Two leftovers of more even size."""
    return not _split_max_area(fw, fh, pw, ph)


def _split_shorter_axis(fw: float, fh: float, pw: float, ph: float) -> bool:
    return fw <= fh


SPLITS: dict[str, Callable[[float, float, float, float], bool]] = {
    "shorter-leftover": _split_shorter_leftover,
    "max-area": _split_max_area,
    "longer-leftover": _split_longer_leftover,
    "min-area": _split_min_area,
    "shorter-axis": _split_shorter_axis,
}

ORDERS: dict[str, Callable[[Piece], tuple[float, float]]] = {
    "area": lambda p: (-p.length * p.width, -max(p.length, p.width)),
    "longest-side": lambda p: (-max(p.length, p.width), -min(p.length, p.width)),
    "perimeter": lambda p: (-(p.length + p.width), -max(p.length, p.width)),
    "width": lambda p: (-min(p.length, p.width), -max(p.length, p.width)),
    "length": lambda p: (-p.length, -p.width),
}


# ------------------------------------------------------------------ one pass
def _pack(pieces: Sequence[Piece], length: float, width: float, kerf: float,
          fit: Callable[[float, float, float, float], tuple[float, float]],
          split: Callable[[float, float, float, float], bool]) -> list[_Sheet]:
    sheet_w, sheet_h = length + kerf, width + kerf
    sheets: list[_Sheet] = []
    for piece in pieces:
        best = None   # (score, sheet index, free index, option)
        options = [(a + kerf, b + kerf, (a, b) != (piece.length, piece.width) or piece.turn == "turned", a, b)
                   for a, b in _orientations(piece)]
        for si, sheet in enumerate(sheets):
            for fi, (_fx, _fy, fw, fh) in enumerate(sheet.free):
                for option in options:
                    pw, ph = option[0], option[1]
                    if pw <= fw + 1e-9 and ph <= fh + 1e-9:
                        score = fit(fw, fh, pw, ph)
                        if best is None or score < best[0]:
                            best = (score, si, fi, option)
        if best is None:
            sheets.append(_Sheet([(0.0, 0.0, sheet_w, sheet_h)]))
            si, fi = len(sheets) - 1, 0
            fitting = [o for o in options if o[0] <= sheet_w + 1e-9 and o[1] <= sheet_h + 1e-9]
            option = min(fitting, key=lambda o: fit(sheet_w, sheet_h, o[0], o[1]))
        else:
            _, si, fi, option = best
        pw, ph, rotated, along, across = option
        sheet = sheets[si]
        fx, fy, fw, fh = sheet.free.pop(fi)
        sheet.placed.append(Placed(piece.key, fx, fy, along, across, rotated))
        sheet.area += along * across
        if split(fw, fh, pw, ph):   # cut across: a strip above the piece over the whole width
            parts = [(fx + pw, fy, fw - pw, ph), (fx, fy + ph, fw, fh - ph)]
        else:                       # cut up: a strip right of the piece over the whole height
            parts = [(fx + pw, fy, fw - pw, fh), (fx, fy + ph, pw, fh - ph)]
        sheet.free.extend(r for r in parts if r[2] > kerf + 1e-9 and r[3] > kerf + 1e-9)
    return sheets


def _score(sheets: list[_Sheet]) -> tuple[int, float]:
    return len(sheets), (sheets[-1].area if sheets else 0.0)


_Best = tuple[tuple[int, float], list[_Sheet], str]   # score, sheets, strategy


def nest(pieces: Sequence[Piece], length: float, width: float, kerf: float = 0.0,
         time_budget_s: float = 1.5, optimise_s: float = 0.0) -> Nesting:
    """Place ``pieces`` on sheets of ``length`` x ``width`` (the usable area, after trim).

    Tries the greedy strategies in a fixed order until one reaches the lower bound or
    ``time_budget_s`` CPU seconds have passed (at least one full pass always runs).  When the best
    of them is still above the bound and ``optimise_s`` > 0, the column generation of
    :mod:`~app.domain.production.nesting_columns` looks for fewer sheets for up to
    ``optimise_s`` seconds more.  The result is the same on every run and machine
    unless a budget cuts a search short.
    """
    oversize = tuple(p for p in pieces if not fits(p, length, width))
    placeable = [p for p in pieces if fits(p, length, width)]
    bound = lower_bound(placeable, length, width)
    best: _Best | None = None
    started = time.process_time()   # CPU seconds: a busy machine does not change the result
    for order_name, order in ORDERS.items():
        ordered = sorted(placeable, key=order)
        for fit_name, fit in FITS.items():
            for split_name, split in SPLITS.items():
                sheets = _pack(ordered, length, width, kerf, fit, split)
                score = _score(sheets)
                if best is None or score < best[0]:
                    best = (score, sheets, f"{order_name} / {fit_name} / {split_name}")
                if best[0][0] <= bound or time.process_time() - started > time_budget_s:
                    return improve(_result(best, oversize, bound), placeable, length, width, kerf, optimise_s)
    return improve(_result(best, oversize, bound), placeable, length, width, kerf, optimise_s)


def _result(best: _Best | None, oversize: tuple[Piece, ...], bound: int) -> Nesting:
    if best is None:
        return Nesting((), oversize, bound, "nothing to place")
    _, sheets, strategy = best
    return Nesting(tuple(tuple(s.placed) for s in sheets), oversize, bound, strategy)


def improve(quick: Nesting, placeable: Sequence[Piece], length: float, width: float, kerf: float,
            seconds: float, keep_going: Callable[[], object] | None = None) -> Nesting:
    """``quick`` (a layout of ``placeable``), or the column generation's when it needs fewer sheets.

    Nothing is searched when ``seconds`` is 0 or ``quick`` already reaches the lower bound.
    ``keep_going`` is called now and then during the search and raises to stop it.
    """
    if seconds <= 0 or quick.sheet_count <= quick.lower_bound:
        return quick
    from app.domain.production import nesting_columns as columns  # numpy and HiGHS only when asked

    groups: dict[tuple[float, float, Turn], list[str]] = {}
    for piece in placeable:
        groups.setdefault((piece.length, piece.width, piece.turn), []).append(piece.key)
    kinds: list[columns.Kind] = []
    kind_of: dict[tuple[float, float, Turn], int] = {}
    for (p_length, p_width, turn), keys in groups.items():
        probe = Piece(keys[0], p_length, p_width, turn)
        orients = tuple((a, b, (a, b) != (p_length, p_width) or turn == "turned") for a, b in _orientations(probe))
        kind_of[(p_length, p_width, turn)] = len(kinds)
        kinds.append(columns.Kind(tuple(keys), orients))
    size_of = {p.key: (p.length, p.width, p.turn) for p in placeable}
    start = []
    for sheet in quick.sheets:
        spots = tuple((kind_of[size_of[p.key]], p.x, p.y, p.along, p.across, p.rotated) for p in sheet)
        counts = [0] * len(kinds)
        for spot in spots:
            counts[spot[0]] += 1
        start.append(columns.Column(tuple(counts), spots))
    found = columns.optimise(kinds, length, width, kerf, start, quick.lower_bound, seconds, keep_going)
    if found is None or len(found.sheets) >= quick.sheet_count:
        return quick
    sheets = tuple(tuple(Placed(key, x, y, along, across, rotated) for key, (_k, x, y, along, across, rotated)
                         in sheet) for sheet in found.sheets)
    return Nesting(sheets, quick.oversize, quick.lower_bound, found.strategy)
