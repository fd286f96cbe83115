"""The thorough nesting: column generation over guillotine sheet patterns, then diving to whole sheets.

:func:`app.domain.production.nesting.improve` calls :func:`optimise` when the quick
greedy layout stays above the area lower bound and the caller gave it time.

The model is the classic one for cutting stock (Gilmore and Gomory, 1961): a
*column* is one way to fill a sheet (how many pieces of each kind it holds, and
where they lie); the master problem chooses how many sheets to cut of each column
so every piece is covered, with as few sheets as possible.

1. Columns to start with: the greedy layout's sheets (any-stage guillotine) and a
   sheet-by-sheet fill with :func:`~app.domain.production.nesting_patterns.fill_sheet`
   valuing pieces by their area, strips both ways of the sheet (this fill always
   runs to its end: it is also a whole layout, often better than the greedy's).
2. The linear relaxation of the master is solved by HiGHS; its dual prices say
   what each piece kind is worth; ``fill_sheet`` looks for a sheet worth more than
   one sheet (a column with negative reduced cost), strips both ways, and adds it.
   This repeats until no such sheet is found or a third of the work is done.
3. Diving makes whole sheets of it: fix the columns the LP takes most, generate
   columns for the pieces left, solve again, until every piece is covered; then
   dives that take the LP's second choice at one step each (a limited discrepancy
   search), while the work and the time last.  A piece a chosen column holds once
   too often is left out (leaving a piece out keeps a layout guillotine).

The pricing is a heuristic, so the LP value is no proven bound; the search stops
early only at the area lower bound.  The work is capped (:data:`MAX_FILLS`
patterns priced, in a fixed order) as well as the time, so a run that does not
hit the time limit gives the same layout on every machine, busy or idle.  HiGHS
runs single-threaded.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from app.domain.production.nesting_patterns import RULES, Shape, Spot, fill_sheet, units_of

# The search is bounded by work, so a run gives the same layout on a busy machine as on an idle
# one; the caller's seconds (CPU seconds of this process, so other programs on the machine do
# not eat them) only cut it short when the machine is too slow for that work.
MAX_FILLS = 1500      # sheet patterns priced (fill_sheet calls) in all: about 3 s for 100 pieces
FIRST_LP_SHARE = 3    # the first LP may take a third of them; the dives the rest
MAX_ROUNDS = 400      # column generation rounds of the first LP
MAX_DIVES = 40        # dives with one other choice (at depth 0, 1, ...) after the plain one
DIVE_ROUNDS = 10      # column generation rounds for the residual after each fixing step


@dataclass(frozen=True)
class Kind:
    """Interchangeable pieces: one size and grain rule, with the keys of the pieces of that kind."""

    keys: tuple[str, ...]
    orients: tuple[tuple[float, float, bool], ...]   # (along, across, rotated) the kind may take


# A placed piece before it gets its key: kind, x, y, along, across, rotated (sheet frame, usable corner).
Spot2 = tuple[int, float, float, float, float, bool]


@dataclass(frozen=True)
class Column:
    counts: tuple[int, ...]
    spots: tuple[Spot2, ...]


@dataclass(frozen=True)
class Result:
    sheets: tuple[tuple[tuple[str, Spot2], ...], ...]   # per sheet: (key, spot)
    strategy: str


class _Frames:
    """The pieces in integer units, with strips along the sheet's length (frame 0) or its width (frame 1)."""

    def __init__(self, kinds: Sequence[Kind], length: float, width: float, kerf: float) -> None:
        sizes = [v for k in kinds for o in k.orients for v in (o[0] + kerf, o[1] + kerf)]
        self.unit = unit = units_of([*sizes, length + kerf, width + kerf])
        self.length_u = math.floor((length + kerf) / unit + 1e-6)
        self.width_u = math.floor((width + kerf) / unit + 1e-6)

        def up(v: float) -> int:
            return math.ceil((v + kerf) / unit - 1e-6)

        self.shapes = (
            [Shape(tuple((up(o[0]), up(o[1])) for o in k.orients)) for k in kinds],
            [Shape(tuple((up(o[1]), up(o[0])) for o in k.orients)) for k in kinds],
        )
        self.kinds = kinds
        self.fills = 0            # patterns priced so far: the search's measure of work
        self.deadline = math.inf
        self.late = False
        self.keep_going: Callable[[], object] | None = None   # the caller's "still wanted?" (a Cancel button)
        self._next_check = 0      # fills grow by 2 to 6 a round: a count to reach, not a multiple to hit

    def spent(self, fills: int = MAX_FILLS) -> bool:
        """True once ``fills`` patterns were priced, or the time is up."""
        if self.fills >= fills:
            return True
        if self.fills >= self._next_check:   # the clock is not free with many threads: every 8 patterns
            self._next_check = self.fills + 8
            self.late = time.process_time() > self.deadline
            if self.keep_going is not None:
                self.keep_going()   # raises to stop the search (a window's Cancel); 8 fills are ~20 ms
        return self.late

    def fill(self, frame: int, counts: Sequence[int], values: Sequence[float],
             rule: int = 0) -> tuple[float, list[Spot]]:
        self.fills += 1
        if frame == 0:
            return fill_sheet(self.shapes[0], counts, values, self.length_u, self.width_u, rule)
        return fill_sheet(self.shapes[1], counts, values, self.width_u, self.length_u, rule)

    def column(self, frame: int, spots: Sequence[Spot]) -> Column:
        counts = [0] * len(self.kinds)
        placed: list[Spot2] = []
        for s in spots:
            along, across, rotated = self.kinds[s.kind].orients[s.option]
            x, y = (s.a0, s.b0) if frame == 0 else (s.b0, s.a0)
            placed.append((s.kind, x * self.unit, y * self.unit, along, across, rotated))
            counts[s.kind] += 1
        return Column(tuple(counts), tuple(placed))


def _sequential(frames: _Frames, demand: Sequence[int], values: Sequence[float]) -> list[Column]:
    """A whole layout, sheet by sheet: each sheet the better of the two strip directions."""
    left = list(demand)
    sheets: list[Column] = []
    while any(left):
        best: tuple[float, Column] | None = None
        for frame in (0, 1):
            value, spots = frames.fill(frame, left, values)
            if spots and (best is None or value > best[0] + 1e-9):
                best = (value, frames.column(frame, spots))
        if best is None:
            break    # nothing left fits (the caller only passes pieces that fit)
        sheets.append(best[1])
        left = [d - c for d, c in zip(left, best[1].counts)]
    return sheets


def _new_highs() -> highspy.Highs:
    """A HiGHS instance; its first construction in a process prints a banner on the C stdout: hide it."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highs = highspy.Highs()  # type: ignore[no-untyped-call]  # highspy's __init__ is unannotated
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return highs


class _Master:
    """The restricted master problem in HiGHS: rows = piece kinds (covered at least ``demand`` times)."""

    def __init__(self, demand: Sequence[int]) -> None:
        self.highs = _new_highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        # Each LP differs from the last by a column or a bound: warm-started simplex, no presolve.
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("solver", "simplex")
        n = len(demand)
        inf = highspy.kHighsInf
        self.highs.addRows(n, np.array(demand, dtype=float), np.full(n, inf), 0,
                           np.array([], dtype=np.int32), np.array([], dtype=np.int32), np.array([], dtype=float))
        self.columns: list[Column] = []
        self.seen: set[tuple[int, ...]] = set()

    def add(self, column: Column) -> bool:
        if column.counts in self.seen or not any(column.counts):
            return False
        self.seen.add(column.counts)
        rows = [i for i, c in enumerate(column.counts) if c]
        self.highs.addCol(1.0, 0.0, highspy.kHighsInf, len(rows), np.array(rows, dtype=np.int32),
                          np.array([column.counts[i] for i in rows], dtype=float))
        self.columns.append(column)
        return True

    def solve_lp(self) -> tuple[float, list[float]]:
        self.highs.run()
        solution = self.highs.getSolution()
        return self.highs.getInfo().objective_function_value, list(solution.row_dual)

    def set_demand(self, demand: Sequence[int]) -> None:
        for row, d in enumerate(demand):
            self.highs.changeRowBounds(row, float(d), highspy.kHighsInf)

    def values(self) -> list[float]:
        return list(self.highs.getSolution().col_value)


def _layout(kinds: Sequence[Kind], columns: Sequence[Column], repeats: Sequence[int],
            demand: Sequence[int]) -> tuple[tuple[tuple[str, Spot2], ...], ...]:
    """The chosen sheets with keys handed out in order; surplus pieces are left out, empty sheets dropped."""
    left = list(demand)
    next_key = [0] * len(kinds)
    sheets: list[tuple[tuple[str, Spot2], ...]] = []
    order = sorted(((c, r) for c, r in zip(columns, repeats) if r > 0),
                   key=lambda cr: -sum(s[3] * s[4] for s in cr[0].spots))
    for column, repeat in order:
        for _ in range(repeat):
            placed = []
            for spot in column.spots:
                kind = spot[0]
                if left[kind] > 0:
                    left[kind] -= 1
                    placed.append((kinds[kind].keys[next_key[kind]], spot))
                    next_key[kind] += 1
            if placed:
                sheets.append(tuple(placed))
    return tuple(sheets)


def optimise(kinds: Sequence[Kind], length: float, width: float, kerf: float,
             start: Sequence[Column], bound: int, seconds: float,
             keep_going: Callable[[], object] | None = None) -> Result | None:
    """Fewer sheets than ``start`` (the greedy layout, as columns) if the search finds them in ``seconds``.

    ``seconds`` are CPU seconds of this process (a busy machine does not shorten the search).
    ``keep_going`` is called every few patterns; to stop the search it raises (the exception
    goes to the caller: the search keeps no state outside this call).
    """
    began = time.process_time()
    demand = [len(k.keys) for k in kinds]
    frames = _Frames(kinds, length, width, kerf)
    frames.keep_going = keep_going
    master = _Master(demand)
    best_count = len(start)
    best: tuple[list[Column], str] = (list(start), "greedy")
    for column in start:
        master.add(column)
    areas = [k.orients[0][0] * k.orients[0][1] for k in kinds]
    sequential = _sequential(frames, demand, areas)
    for column in sequential:
        master.add(column)
    if len(sequential) < best_count and sum(sum(c.counts[i] for c in sequential) >= d
                                            for i, d in enumerate(demand)) == len(demand):
        best_count, best = len(sequential), (sequential, "strips by area")
    if best_count <= bound:
        return _finish(kinds, best, demand)

    frames.deadline = began + seconds
    # The first LP to its end (or a third of the work): the dives need the rest.
    rounds = _generate(master, frames, demand, MAX_FILLS // FIRST_LP_SHARE, MAX_ROUNDS)
    found: list[int] | None = None
    for depth in range(-1, MAX_DIVES):   # -1: the plain dive; then one other choice at each depth in turn
        if frames.spent():
            break
        dived = _dive(master, frames, demand, best_count, depth)
        if dived is not None and sum(dived) < best_count:
            found, best_count = dived, sum(dived)
            if best_count <= bound:
                break
    if found is not None:
        return _finish_repeats(kinds, master.columns, found, demand,
                               f"column generation and diving ({rounds} rounds)")
    return _finish(kinds, best, demand)


def _generate(master: _Master, frames: _Frames, demand: Sequence[int], fills: int, rounds: int) -> int:
    """Add improving columns until none is found, ``rounds`` are done or ``fills`` patterns were priced."""
    done = 0
    while done < rounds and not frames.spent(fills):
        done += 1
        _objective, duals = master.solve_lp()
        prices = [max(0.0, d) for d in duals]
        added = False
        for rule in range(len(RULES)):    # the other look-ahead rules only when the first finds nothing
            for frame in (0, 1):
                value, spots = frames.fill(frame, demand, prices, rule)
                if value > 1.0 + 1e-6 and master.add(frames.column(frame, spots)):
                    added = True
            if added:
                break
        if not added:
            break
    return done


def _dive(master: _Master, frames: _Frames, demand: Sequence[int], beat: int, other_at: int) -> list[int] | None:
    """Diving: fix the columns the LP likes most, generate columns for what is left, repeat.

    Columns the LP takes a whole number of times or more are fixed that many times; else
    the one it takes most.  The dive gives up when the sheets fixed plus the residual LP
    (rounded up) cannot beat ``beat``.  At step ``other_at`` it takes the LP's second
    choice instead (a limited discrepancy search over several dives).
    """
    fixed = [0] * len(master.columns)
    residual = list(demand)
    step = -1
    while any(r > 0 for r in residual):
        step += 1
        if frames.spent():
            master.set_demand(demand)
            return None
        master.set_demand(residual)
        _generate(master, frames, residual, MAX_FILLS, DIVE_ROUNDS)
        objective, _duals = master.solve_lp()
        if sum(fixed) + math.ceil(objective - 1e-6) >= beat:
            master.set_demand(demand)
            return None
        x = master.values()
        fixed += [0] * (len(master.columns) - len(fixed))
        whole = [(i, math.floor(v + 1e-6)) for i, v in enumerate(x) if v >= 1 - 1e-6]
        if step == other_at:
            ranked = sorted(range(len(x)), key=lambda i: (-x[i], i))
            if len(ranked) < 2 or x[ranked[1]] <= 1e-6:
                master.set_demand(demand)
                return None     # no second choice here: this dive would repeat the plain one
            whole = [(ranked[1], 1)]
        elif not whole:
            top = max(range(len(x)), key=lambda i: (x[i], -i))
            whole = [(top, 1)]
        for i, times in whole:
            for _ in range(times):
                if not any(r > 0 and c > 0 for r, c in zip(residual, master.columns[i].counts)):
                    break
                fixed[i] += 1
                residual = [max(0, r - c) for r, c in zip(residual, master.columns[i].counts)]
    master.set_demand(demand)
    return fixed


def _finish(kinds: Sequence[Kind], best: tuple[list[Column], str], demand: Sequence[int]) -> Result:
    columns, strategy = best
    return Result(_layout(kinds, columns, [1] * len(columns), demand), strategy)


def _finish_repeats(kinds: Sequence[Kind], columns: Sequence[Column], repeats: Sequence[int],
                    demand: Sequence[int], strategy: str) -> Result:
    return Result(_layout(kinds, columns, repeats, demand), strategy)
