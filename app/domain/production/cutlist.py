"""The cut list: the design's panels nested on stock sheets, one stock (material + decor) at a time.

For each stock the usable sheet is the catalog's ``sheet`` minus ``trim`` on
every edge; pieces are the parts' *cut* sizes, a ``saw_kerf`` apart
(``[limits] saw_kerf``).  Grain: where the material or the finish (a wood decor)
has a grain, a part with grain ``length`` keeps its length along the sheet's
length and one with grain ``width`` lies across it, never turned (the part's
grain is ``none`` elsewhere, see :func:`~app.domain.production.parts.grain_bound`);
every other part may be turned.  The nesting itself
is :func:`app.domain.production.nesting.nest` (guillotine cuts only).

Each :class:`SheetLayout` is plain data an export can draw: rectangles in
millimetres from the raw sheet's corner (``x`` along the sheet's length, ``y``
across it), trim included.  Yield = the cut area of the parts on the sheets /
the whole area of the sheets bought.

:meth:`StockCut.plan` gives a sheet's cut order (the guillotine cut tree, strip by
strip, with its offcuts); an offcut at least the material's ``offcut_stock`` is
stock to keep (:meth:`StockCut.is_stock`), smaller ones are waste.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.production.nesting import Nesting, Piece, Turn, fits, improve, nest
from app.domain.production.nesting_cuts import CutPlan, Offcut, cut_plan
from app.domain.production.part_list import BomPart
from app.domain.production.parts import grain_bound
from app.domain.production.quantities import dec
from app.domain.production.tally import StockKey


@dataclass(frozen=True)
class SheetPart:
    number: str            # part number
    x: Decimal             # mm from the raw sheet's corner, along its length
    y: Decimal             # mm across it
    along: Decimal         # the piece's extent along the sheet's length
    across: Decimal
    rotated: bool          # the part's length runs across the sheet


@dataclass(frozen=True)
class SheetLayout:
    index: int             # 1-based within its stock
    parts: tuple[SheetPart, ...]
    length: Decimal
    width: Decimal

    @property
    def parts_mm2(self) -> Decimal:
        return sum((p.along * p.across for p in self.parts), Decimal(0))

    @property
    def yield_ratio(self) -> Decimal:
        return self.parts_mm2 / (self.length * self.width)


@dataclass(frozen=True)
class StockCut:
    """The nesting of one stock."""

    material: str
    finish: str
    sheet_length: Decimal
    sheet_width: Decimal
    trim: Decimal
    kerf: Decimal
    grain: bool            # the material or the decor has a grain: grain-bound parts keep their direction
    sheets: tuple[SheetLayout, ...]
    lower_bound: int       # ceil(parts' cut area / usable sheet area)
    parts_mm2: Decimal     # cut area of every piece of this stock
    oversize: tuple[str, ...]   # part numbers that fit on no sheet
    strategy: str
    offcut_stock: tuple[Decimal, Decimal] | None = None   # the material's smallest offcut kept as stock

    def plan(self, sheet: SheetLayout) -> CutPlan:
        """The saw's cuts for one of this stock's sheets, strip by strip (see nesting_cuts)."""
        board = (float(self.trim), float(self.trim), float(self.usable[0]), float(self.usable[1]))
        return cut_plan([(p.number, float(p.x), float(p.y), float(p.along), float(p.across)) for p in sheet.parts],
                        board, float(self.kerf))

    def is_stock(self, offcut: Offcut) -> bool:
        """An offcut at least the material's ``offcut_stock`` (either way round) goes back to the rack."""
        if self.offcut_stock is None:
            return False
        longer, shorter = offcut.size
        return longer >= float(max(self.offcut_stock)) and shorter >= float(min(self.offcut_stock))

    @property
    def key(self) -> StockKey:
        return (self.material, self.finish)

    @property
    def sheet_count(self) -> int:
        return len(self.sheets)

    @property
    def yield_ratio(self) -> Decimal:
        bought = self.sheet_length * self.sheet_width * self.sheet_count
        return self.parts_mm2 / bought if bought else Decimal(0)

    @property
    def usable(self) -> tuple[Decimal, Decimal]:
        return self.sheet_length - 2 * self.trim, self.sheet_width - 2 * self.trim


def _turn(part: BomPart) -> Turn:
    """A part's grain is ``none`` unless its material or its finish has one (parts.grain_bound)."""
    if part.grain == "none":
        return "free"
    return "fixed" if part.grain == "length" else "turned"


def _quantize(value: float) -> Decimal:
    """Nesting works in floats; positions go back to 0.1 mm (kerfs such as 4.4 mm add up to tenths)."""
    return dec(round(value, 1)).quantize(Decimal("0.1"))


def _pieces(parts: Sequence[BomPart]) -> list[Piece]:
    return [Piece(p.number, float(p.cut_length), float(p.cut_width), _turn(p)) for p in parts for _ in range(p.qty)]


def _usable(catalog: Catalog, material_id: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """trim, kerf and the usable sheet (length, width) of a material."""
    material = catalog.materials[material_id]
    trim, kerf = dec(material.trim), dec(catalog.info.limits.saw_kerf)
    return trim, kerf, dec(material.sheet[0]) - 2 * trim, dec(material.sheet[1]) - 2 * trim


def nest_stock(catalog: Catalog, material_id: str, finish: str, parts: Sequence[BomPart],
               time_budget_s: float = 1.5, optimise_s: float = 0.0) -> StockCut:
    """One stock nested: the greedy search, then (``optimise_s`` > 0) the column generation."""
    _trim, kerf, usable_l, usable_w = _usable(catalog, material_id)
    result = nest(_pieces(parts), float(usable_l), float(usable_w), float(kerf), time_budget_s, optimise_s)
    return _stock_cut(catalog, material_id, finish, parts, result)


def _stock_cut(catalog: Catalog, material_id: str, finish: str, parts: Sequence[BomPart],
               result: Nesting) -> StockCut:
    material = catalog.materials[material_id]
    trim, kerf, _l, _w = _usable(catalog, material_id)
    length, width = dec(material.sheet[0]), dec(material.sheet[1])
    sheets = tuple(
        SheetLayout(i + 1, tuple(SheetPart(pl.key, trim + _quantize(pl.x), trim + _quantize(pl.y),
                                           _quantize(pl.along), _quantize(pl.across), pl.rotated)
                                 for pl in placed), length, width)
        for i, placed in enumerate(result.sheets))
    parts_mm2 = sum((p.cut_length * p.cut_width * p.qty for p in parts), Decimal(0))
    oversize = tuple(dict.fromkeys(piece.key for piece in result.oversize))
    grain = grain_bound(catalog, material_id, finish)
    keep = None if material.offcut_stock is None else (dec(material.offcut_stock[0]), dec(material.offcut_stock[1]))
    return StockCut(material_id, finish, length, width, trim, kerf, grain, sheets, result.lower_bound,
                    parts_mm2, oversize, result.strategy, keep)


# Seconds an order's nesting may search for fewer sheets (the column generation of cut_list): a
# workshop waits this long once per order (the CLI and the window's export), and it saves a sheet or
# two on large orders.
ORDER_NESTING_SECONDS = 10.0

Progress = Callable[[int, int, str], bool]   # (stocks done, stocks in all, next stock) -> go on?


class Cancelled(Exception):
    """The progress callback asked to stop."""


def _asker(progress: Progress | None, done: int, total: int, stock: str) -> Callable[[], None] | None:
    """The search's "still wanted?": raises :class:`Cancelled` when ``progress`` says stop."""
    if progress is None:
        return None

    def keep_going() -> None:
        if not progress(done, total, stock):
            raise Cancelled()
    return keep_going


def cut_list(catalog: Catalog, parts: Sequence[BomPart], time_budget_s: float = 1.5,
             progress: Progress | None = None, optimise_s: float = 0.0) -> tuple[StockCut, ...]:
    """Every stock of the part list nested, in stock order.

    ``optimise_s`` is the time for the whole order's column generation: once every stock
    has its greedy layout, the stocks still above their lower bound share it, in stock
    order, each taking an equal share of what is left (a stock that finishes early leaves
    its time to the next).  0 (the default, for quick checks) searches nothing more.

    ``progress`` is called before each stock (a window's progress dialog), and every few
    patterns while the column generation searches a stock (so a Cancel is heard within a
    fraction of a second); when it returns False the work stops with :class:`Cancelled`.
    """
    stocks: dict[StockKey, list[BomPart]] = {}
    for part in parts:
        stocks.setdefault((part.material, part.finish), []).append(part)
    quick: list[tuple[StockKey, list[BomPart], Nesting]] = []
    for i, ((material, finish), group) in enumerate(sorted(stocks.items())):
        if progress is not None and not progress(i, len(stocks), f"{material}/{finish}"):
            raise Cancelled()
        _trim, kerf, usable_l, usable_w = _usable(catalog, material)
        quick.append(((material, finish), group,
                      nest(_pieces(group), float(usable_l), float(usable_w), float(kerf), time_budget_s)))
    waiting = sum(1 for _k, _g, result in quick if result.sheet_count > result.lower_bound)
    deadline = time.process_time() + optimise_s   # CPU seconds, as nesting_columns counts them
    done = []
    for (material, finish), group, result in quick:
        if optimise_s > 0 and result.sheet_count > result.lower_bound:
            share = max(0.0, deadline - time.process_time()) / waiting
            waiting -= 1
            _trim, kerf, usable_l, usable_w = _usable(catalog, material)
            placeable = [p for p in _pieces(group) if fits(p, float(usable_l), float(usable_w))]
            # Asked as the last step of the nesting: the window's bar stays at its end meanwhile.
            asking = _asker(progress, len(quick) - 1, len(quick), f"{material}/{finish}, looking for fewer sheets")
            result = improve(result, placeable, float(usable_l), float(usable_w), float(kerf), share, asking)
        done.append(_stock_cut(catalog, material, finish, group, result))
    return tuple(done)
