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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.production.nesting import Piece, Turn, nest
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


def nest_stock(catalog: Catalog, material_id: str, finish: str, parts: Sequence[BomPart],
               time_budget_s: float = 1.5) -> StockCut:
    material = catalog.materials[material_id]
    trim, kerf = dec(material.trim), dec(catalog.info.limits.saw_kerf)
    length, width = dec(material.sheet[0]), dec(material.sheet[1])
    usable_l, usable_w = length - 2 * trim, width - 2 * trim
    pieces = [Piece(p.number, float(p.cut_length), float(p.cut_width), _turn(p))
              for p in parts for _ in range(p.qty)]
    result = nest(pieces, float(usable_l), float(usable_w), float(kerf), time_budget_s)
    sheets = tuple(
        SheetLayout(i + 1, tuple(SheetPart(pl.key, trim + _quantize(pl.x), trim + _quantize(pl.y),
                                           _quantize(pl.along), _quantize(pl.across), pl.rotated)
                                 for pl in placed), length, width)
        for i, placed in enumerate(result.sheets))
    parts_mm2 = sum((p.cut_length * p.cut_width * p.qty for p in parts), Decimal(0))
    oversize = tuple(dict.fromkeys(piece.key for piece in result.oversize))
    grain = grain_bound(catalog, material_id, finish)
    return StockCut(material_id, finish, length, width, trim, kerf, grain, sheets, result.lower_bound,
                    parts_mm2, oversize, result.strategy)


Progress = Callable[[int, int, str], bool]   # (stocks done, stocks in all, next stock) -> go on?


class Cancelled(Exception):
    """The progress callback asked to stop."""


def cut_list(catalog: Catalog, parts: Sequence[BomPart], time_budget_s: float = 1.5,
             progress: Progress | None = None) -> tuple[StockCut, ...]:
    """Every stock of the part list nested, in stock order.

    ``progress`` is called before each stock (a window's progress dialog); when it
    returns False the work stops with :class:`Cancelled`.
    """
    stocks: dict[StockKey, list[BomPart]] = {}
    for part in parts:
        stocks.setdefault((part.material, part.finish), []).append(part)
    done = []
    for i, ((material, finish), group) in enumerate(sorted(stocks.items())):
        if progress is not None and not progress(i, len(stocks), f"{material}/{finish}"):
            raise Cancelled()
        done.append(nest_stock(catalog, material, finish, group, time_budget_s))
    return tuple(done)
