"""Sheet patterns for the nesting: one sheet filled with 3-stage guillotine strips, by value.

:mod:`app.domain.production.nesting_columns` asks this module, again and again,
for the most valuable way to fill one sheet with pieces of given *types* (pieces
of equal size and grain rule are interchangeable), each worth a value (a dual
price, or its area) and available a given number of times.

A pattern is cut in three stages, as a panel saw does it: first cuts through the
whole sheet make *strips*; cuts across a strip make *stacks*; cuts across a stack
separate its pieces (and trim what is left).  Every pattern is therefore
guillotine by construction.  The strips run along axis ``A`` of the frame the
caller passes (the sheet's length, or its width when the caller swaps the axes to
try strips the other way).

How one sheet is filled (a greedy with look-ahead, fast enough to be called a
few hundred times per order):

* a 0/1 knapsack over the strip's length, by dynamic programming on integer
  units (numpy arrays), chooses the stacks of a strip.  Its items are stacks of
  ``k`` equal pieces for every ``k`` that fits, added in order of their height,
  so one pass gives the best strip for *every* strip height at once;
* the sheet's height is then shared out by an unbounded knapsack over those strip
  values; its most valuable strip is committed, the counts go down, and the strip
  values are computed again for what is left, until no strip fits;
* what is left above a stack's pieces is filled with any remaining piece narrow
  and short enough (the third stage's trim cut makes this free).

Sizes here are already *inflated* by the kerf and in integer units (see
:func:`units_of`), so neighbours are a kerf apart by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Shape:
    """A piece type in the frame of one search: sizes per allowed orientation, in integer units."""

    options: tuple[tuple[int, int], ...]   # (a, b) per orientation: a along the strips, b across them


@dataclass(frozen=True)
class Spot:
    """One piece of a pattern: its type, its corner (in units, in the search frame), the option it takes."""

    kind: int
    a0: int
    b0: int
    option: int


def units_of(values: Sequence[float]) -> float:
    """The coarsest unit (1, 0.1 or 0.01) in which every value is a whole number, else 0.1.

    With a coarser unit than the data the sizes would be rounded (pieces up, the
    sheet down: still valid, only a little wasteful).
    """
    for unit in (1.0, 0.1, 0.01):
        if all(abs(v / unit - round(v / unit)) < 1e-6 for v in values):
            return unit
    return 0.1


# A stack: layers of equal pieces, bottom up: (kind, option, pieces).
Layers = tuple[tuple[int, int, int], ...]
# A knapsack item for strips: (stack height, width, value, layers, copies side by side).
Item = tuple[int, int, float, Layers, int]

MIXED_KINDS = 12      # mixed stacks (two kinds, one on the other) only for this many kinds or fewer
MIXED_SLACK = 0.9     # ... and only when the upper layer is at least this share of the lower one's width


def _strip_items(shapes: Sequence[Shape], counts: Sequence[int], values: Sequence[float],
                 length: int, height: int) -> list[Item]:
    """Knapsack items for strips, sorted by stack height.

    A kind available ``c`` times gives stacks of ``k`` pieces for every k that fits the
    tallest strip, each repeated (by binary splitting) as often as the count and the
    strip's length allow.  With few kinds (a workshop's stock), a stack may also carry
    a layer of another, not much narrower kind on top (third-stage cuts between them).
    Stacks may together exceed a count: :func:`_reconstruct` trims the excess.
    """
    stacks: list[tuple[int, int, float, Layers]] = []   # height, width, value, layers
    singles: list[tuple[int, int, int, int, int]] = []   # kind, option, k, a, height
    for kind, shape in enumerate(shapes):
        count, value = counts[kind], values[kind]
        if count <= 0 or value <= 0:
            continue
        for oi, (a, b) in enumerate(shape.options):
            if a > length or b > height:
                continue
            for k in range(1, min(count, height // b) + 1):
                stacks.append((k * b, a, k * value, ((kind, oi, k),)))
                singles.append((kind, oi, k, a, k * b))
    live = sum(1 for c, v in zip(counts, values) if c > 0 and v > 0)
    if live <= MIXED_KINDS:
        for kind, oi, k, a, h in singles:
            for kind2, oi2, k2, a2, h2 in singles:
                if kind2 != kind and MIXED_SLACK * a <= a2 <= a and h + h2 <= height:
                    stacks.append((h + h2, a, k * values[kind] + k2 * values[kind2],
                                   ((kind, oi, k), (kind2, oi2, k2))))
    items: list[Item] = []
    for h, a, value, layers in stacks:
        kind, _oi, k = layers[0]
        copies = min(counts[kind] // k, length // a)
        if len(layers) == 2:
            copies = min(copies, counts[layers[1][0]] // layers[1][2])
        step = 1
        while copies > 0:       # binary splitting of the copies
            take = min(step, copies)
            items.append((h, take * a, take * value, layers, take))
            copies -= take
            step *= 2
    items.sort(key=lambda it: (it[0], it[1]))
    return items


@dataclass
class _StripTable:
    items: list[Item]
    rows: list[np.ndarray]       # rows[i]: the DP over the strip's length with items[:i]
    heights: list[int]           # candidate strip heights, ascending
    ends: list[int]              # items[:ends[i]] are the stacks allowed in a strip of heights[i]
    best: list[float]            # best strip value per candidate height


def _strip_table(shapes: Sequence[Shape], counts: Sequence[int], values: Sequence[float],
                 length: int, height: int) -> _StripTable:
    items = _strip_items(shapes, counts, values, length, height)
    dp = np.zeros(length + 1)
    rows: list[np.ndarray] = [dp]     # the DP after each item: item i is taken at cap where rows differ
    heights: list[int] = []
    ends: list[int] = []
    best: list[float] = []
    for i, (h, w, v, _layers, _take) in enumerate(items):
        candidate = dp[:length + 1 - w] + v
        nxt = dp.copy()
        np.copyto(nxt[w:], candidate, where=candidate > dp[w:] + 1e-12)
        dp = nxt
        rows.append(dp)
        if i + 1 == len(items) or items[i + 1][0] != h:
            heights.append(h)
            ends.append(i + 1)
            best.append(float(dp[length]))
    return _StripTable(items, rows, heights, ends, best)


def _reconstruct(table: _StripTable, which: int, length: int, counts: list[int]) -> list[Layers]:
    """The stacks of the best strip of ``table.heights[which]``, trimmed to ``counts``."""
    chosen: list[Layers] = []
    cap = length
    for i in range(table.ends[which] - 1, -1, -1):
        if table.rows[i + 1][cap] != table.rows[i][cap]:
            _h, w, _v, layers, take = table.items[i]
            cap -= w
            chosen.extend([layers] * take)
    stacks: list[Layers] = []
    for layers in sorted(chosen, key=lambda ls: -sum(k for _kind, _oi, k in ls)):
        kept = []
        for kind, oi, k in layers:
            k = min(k, counts[kind])
            if k > 0:
                counts[kind] -= k
                kept.append((kind, oi, k))
        if kept:
            stacks.append(tuple(kept))
    return stacks


def _share_height(heights: Sequence[int], best: Sequence[float], room: int, rule: int) -> int | None:
    """Index of the strip to commit: the most valuable strip of the best unbounded mix filling ``room``.

    A look-ahead only, so it works on a grid of at most ~256 steps (heights rounded up,
    the room down): a strip it picks always fits, whatever the rounding.
    """
    usable: list[tuple[int, int, float]] = []
    for i, (h, v) in enumerate(zip(heights, best)):   # heights ascending: drop a taller strip worth no more
        if h <= room and v > 0 and (not usable or v > usable[-1][2] + 1e-12):
            usable.append((i, h, v))
    if not usable:
        return None
    step = max(1, -(-room // 256))
    cells = room // step
    pick = _unbounded(cells, [(i, -(-h // step), v) for i, h, v in usable])
    cap, used = cells, []
    while cap > 0 and pick[cap] >= 0:
        i = int(pick[cap])
        used.append(i)
        cap -= -(-heights[i] // step)
    if not used:    # nothing fits on the coarse grid: take the most valuable strip that fits
        return max((i for i, _h, _v in usable), key=lambda i: (best[i], heights[i]))
    return max(used, key=RULES[rule](heights, best))


def _unbounded(cells: int, items: Sequence[tuple[int, int, float]]) -> Sequence[int]:
    """Unbounded knapsack over ``cells``: per capacity, the item (index) last added in a best mix, or -1."""
    items = [it for it in items if it[1] <= cells]
    if cells * len(items) <= 4000:    # small: plain lists beat numpy's per-call cost
        dp = [0.0] * (cells + 1)
        pick = [-1] * (cells + 1)
        for cap in range(1, cells + 1):
            for i, hs, v in items:
                if hs <= cap and dp[cap - hs] + v > dp[cap] + 1e-12:
                    dp[cap] = dp[cap - hs] + v
                    pick[cap] = i
        return pick
    dpa = np.zeros(cells + 1)
    picka = np.full(cells + 1, -1)
    for i, hs, v in items:     # vectorised in blocks of one strip height
        for start in range(hs, cells + 1, hs):
            stop = min(start + hs, cells + 1)
            cand = dpa[start - hs:stop - hs] + v
            better = cand > dpa[start:stop] + 1e-12
            dpa[start:stop] = np.where(better, cand, dpa[start:stop])
            picka[start:stop] = np.where(better, i, picka[start:stop])
    return [int(p) for p in picka]


# Which strip of the look-ahead's mix to commit first: the most valuable, the tallest, the densest.
RULES = (
    lambda heights, best: lambda i: (best[i], heights[i]),
    lambda heights, best: lambda i: (heights[i], best[i]),
    lambda heights, best: lambda i: (best[i] / heights[i], heights[i]),
)


def fill_sheet(shapes: Sequence[Shape], counts: Sequence[int], values: Sequence[float],
               length: int, height: int, rule: int = 0) -> tuple[float, list[Spot]]:
    """The most valuable 3-stage pattern this greedy finds: (its value, its pieces).

    ``rule`` (an index of :data:`RULES`) says which strip of the look-ahead to commit first.
    """
    left = list(counts)
    spots: list[Spot] = []
    total = 0.0
    b0 = 0
    while True:
        room = height - b0
        table = _strip_table(shapes, left, values, length, room)
        if not table.heights:
            break
        which = _share_height(table.heights, table.best, room, rule)
        if which is None:
            break
        stacks = _reconstruct(table, which, length, left)
        if not stacks:
            break
        strip_h = max(sum(shapes[kind].options[oi][1] * k for kind, oi, k in layers) for layers in stacks)
        a0 = 0
        for layers in stacks:
            width = shapes[layers[0][0]].options[layers[0][1]][0]
            top = b0
            for kind, oi, k in layers:
                b = shapes[kind].options[oi][1]
                for _ in range(k):
                    spots.append(Spot(kind, a0, top, oi))
                    total += values[kind]
                    top += b
            total += _top_up(shapes, left, values, spots, a0, top, width, b0 + strip_h)
            a0 += width
        b0 += strip_h
    return total, spots


def _top_up(shapes: Sequence[Shape], left: list[int], values: Sequence[float], spots: list[Spot],
            a0: int, start: int, width: int, stop: int) -> float:
    """Fill the room above a stack (``width`` wide, ``start``..``stop``) with what still fits, best value first."""
    gained = 0.0
    while stop - start > 0:
        best = None
        for kind, shape in enumerate(shapes):
            if left[kind] <= 0 or values[kind] <= 0:
                continue
            for oi, (a, b) in enumerate(shape.options):
                if a <= width and b <= stop - start:
                    key = (values[kind], -b)
                    if best is None or key > best[0]:
                        best = (key, kind, oi, b)
        if best is None:
            break
        _key, kind, oi, b = best
        left[kind] -= 1
        spots.append(Spot(kind, a0, start, oi))
        gained += values[kind]
        start += b
    return gained
