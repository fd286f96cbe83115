"""Price and lead time of a design, from the catalog's figures: fast enough for every edit.

For the window's status bar::

    from app.domain.production.pricing import Quoter, change_text
    quoter = Quoter(catalog)                 # keep one per catalog: it caches module expansions
    q = quoter.quote(design, layout)         # layout optional: the view's Layout saves a little
    q.price_gross, q.currency, q.lead_time_days
    change_text(previous, q)                 # "+ 34.00 EUR, + 2 days"

``quote(catalog, design)`` does the same with a shared Quoter per catalog.  A
100-module design quotes in about a millisecond once its modules are cached
(bench/bench_bom.py measures it); an edit re-expands only the modules it changed.

How the figures are made (every step reproducible by hand, see
docs/bom-and-exports.md):

* board, per stock (material and decor), as ``[pricing] board`` says: with
  ``"sheets"`` the whole sheets bought x the sheet's area x ``price_per_m2`` x the
  finish's ``price_factor``, the sheets counted by the nesting in the BOM and, for
  the live price (:class:`Quoter`, on every edit), estimated without nesting as
  ceil(cut area / (sheet area x the material's ``expected_yield``)), never below
  the nesting's lower bound; with ``"area"`` the cut area / ``expected_yield`` x
  ``price_per_m2`` x ``price_factor``, live and BOM alike;
* banding, per banding: metres (edge lengths plus overlength) x ``price_per_m``;
* hardware, per item: quantity x ``unit_price``;
* labour: minutes x ``labour_rate_per_hour`` / 60;
* materials = board + banding; cost = materials + hardware + labour;
* net price = cost x (1 + ``margin``), VAT = net x ``vat_rate``, gross = net + VAT.

Every line and each of net and VAT is rounded to the cent, half up
(:func:`~app.domain.production.quantities.money`); sums of rounded lines are exact.
Lead time = the slowest stock (material ``lead_time_days`` + its finish's
``extra_lead_days``) + ``base_production_days`` + ceil(labour minutes /
``daily_capacity_minutes``).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.production.parts import NO_FINISH, PartsCache, PartsError, design_parts, value_problems
from app.domain.production.quantities import MM2_PER_M2, dec, money
from app.domain.production.tally import ExtraHardware, StockKey, Tally, tally

LineKind = Literal["board", "banding", "hardware", "labour"]
Sheets = Mapping[StockKey, int]   # sheets bought per stock, from the nesting
MINUTES_PER_HOUR = Decimal(60)
MM_PER_M = Decimal(1000)


@dataclass(frozen=True)
class CostLine:
    """One priced line: ``amount`` = ``quantity`` x ``unit_price`` / ``yield_ratio``, to the cent.

    Labour's unit price is per hour, of minutes / 60.  ``yield_ratio`` is the material's
    expected yield on board priced by area, 1 everywhere else.
    """

    kind: LineKind
    key: str              # stock "mfc18/white", banding id, hardware id, "labour"
    quantity: Decimal     # sheets, m2 (cut area), m, pieces or minutes
    unit: str             # "sheets", "m2", "m", "pcs", "min"
    unit_price: Decimal   # per sheet or per m2 (finish factor included), per m, per piece, per hour
    amount: Decimal       # to the cent
    yield_ratio: Decimal = Decimal(1)


@dataclass(frozen=True)
class Costs:
    board: tuple[CostLine, ...]
    banding: tuple[CostLine, ...]
    hardware: tuple[CostLine, ...]
    labour: CostLine
    margin_rate: Decimal
    vat_rate: Decimal

    @property
    def materials(self) -> Decimal:
        return sum((line.amount for line in self.board + self.banding), Decimal(0))

    @property
    def hardware_total(self) -> Decimal:
        return sum((line.amount for line in self.hardware), Decimal(0))

    @property
    def labour_total(self) -> Decimal:
        return self.labour.amount

    @property
    def cost(self) -> Decimal:
        return self.materials + self.hardware_total + self.labour_total

    @property
    def net(self) -> Decimal:
        return money(self.cost * (1 + self.margin_rate))

    @property
    def margin(self) -> Decimal:
        return self.net - self.cost

    @property
    def vat(self) -> Decimal:
        return money(self.net * self.vat_rate)

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class LeadTime:
    supply_days: int       # the slowest stock: material lead time + finish extra days
    supply_from: str       # which stock that is, e.g. "mdf19/sage" ("" when nothing is made)
    base_days: int         # the workshop's fixed days
    production_days: int   # ceil(labour minutes / daily capacity)

    @property
    def total_days(self) -> int:
        return self.supply_days + self.base_days + self.production_days


@dataclass(frozen=True)
class Quote:
    currency: str
    costs: Costs
    lead_time: LeadTime
    labour_minutes: Decimal
    weight_kg: Decimal     # exact; round for display
    modules: int

    @property
    def price_gross(self) -> Decimal:
        return self.costs.gross

    @property
    def price_net(self) -> Decimal:
        return self.costs.net

    @property
    def lead_time_days(self) -> int:
        return self.lead_time.total_days


def stock_name(key: StockKey) -> str:
    return f"{key[0]}/{key[1]}"


def price_factor(catalog: Catalog, finish: str) -> Decimal:
    return Decimal(1) if finish == NO_FINISH else dec(catalog.finishes[finish].price_factor)


def per_m2(catalog: Catalog, key: StockKey) -> Decimal:
    """The board's price per m2 of a stock, its finish's factor included."""
    return dec(catalog.materials[key[0]].price_per_m2) * price_factor(catalog, key[1])


def sheet_mm2(catalog: Catalog, material_id: str) -> Decimal:
    """The area of one whole sheet as bought (trim included), mm2."""
    length, width = catalog.materials[material_id].sheet
    return dec(length) * dec(width)


def estimated_sheets(catalog: Catalog, key: StockKey, cut_mm2: Decimal) -> int:
    """Sheets the live price counts for ``cut_mm2`` of parts: ceil(area / (sheet area x expected yield)).

    Never fewer than the nesting's lower bound (the area over the usable sheet, trim off), nor than
    one sheet when there is anything to cut.
    """
    if cut_mm2 <= 0:
        return 0
    material = catalog.materials[key[0]]
    usable = (dec(material.sheet[0]) - 2 * dec(material.trim)) * (dec(material.sheet[1]) - 2 * dec(material.trim))
    by_yield = cut_mm2 / (sheet_mm2(catalog, key[0]) * dec(material.expected_yield))
    return max(1, math.ceil(by_yield), math.ceil(cut_mm2 / usable))


def board_line(catalog: Catalog, key: StockKey, cut_mm2: Decimal, sheets: int | None = None) -> CostLine:
    """One stock's board line as ``[pricing] board`` says; ``sheets``: the nesting's count (None: live)."""
    if catalog.info.pricing.board == "area":
        area, ratio = cut_mm2 / MM2_PER_M2, dec(catalog.materials[key[0]].expected_yield)
        unit_price = per_m2(catalog, key)
        return CostLine("board", stock_name(key), area, "m2", unit_price, money(area * unit_price / ratio), ratio)
    count = Decimal(estimated_sheets(catalog, key, cut_mm2) if sheets is None else sheets)
    unit_price = sheet_mm2(catalog, key[0]) / MM2_PER_M2 * per_m2(catalog, key)
    return CostLine("board", stock_name(key), count, "sheets", unit_price, money(count * unit_price))


def costs(catalog: Catalog, counted: Tally, sheets: Sheets | None = None) -> Costs:
    """Price a tally with the catalog's figures (see the module docstring).

    ``sheets``: the sheets the nesting buys per stock (the BOM); without it, the live price.
    """
    board = [board_line(catalog, key, counted.board_mm2[key], None if sheets is None else sheets.get(key, 0))
             for key in sorted(counted.board_mm2)]
    banding = []
    for band_id in sorted(counted.banding_mm):
        metres = counted.banding_mm[band_id] / MM_PER_M
        unit_price = dec(catalog.edgebands[band_id].price_per_m)
        banding.append(CostLine("banding", band_id, metres, "m", unit_price, money(metres * unit_price)))
    hardware = []
    order = {item_id: i for i, item_id in enumerate(catalog.hardware)}
    for item_id in sorted(counted.hardware, key=lambda i: order[i]):
        item = catalog.hardware[item_id]
        qty, unit_price = counted.hardware[item_id], dec(item.unit_price)
        hardware.append(CostLine("hardware", item_id, qty, item.unit, unit_price, money(qty * unit_price)))
    rate = dec(catalog.info.workshop.labour_rate_per_hour)
    minutes = counted.labour_minutes
    labour = CostLine("labour", "labour", minutes, "min", rate, money(minutes * rate / MINUTES_PER_HOUR))
    return Costs(tuple(board), tuple(banding), tuple(hardware), labour,
                 dec(catalog.info.margin), dec(catalog.info.vat_rate))


def lead_time(catalog: Catalog, counted: Tally) -> LeadTime:
    workshop = catalog.info.workshop
    supply, source = 0, ""
    for key in sorted(counted.board_mm2):
        material_id, finish = key
        days = catalog.materials[material_id].lead_time_days
        days += 0 if finish == NO_FINISH else catalog.finishes[finish].extra_lead_days
        if days > supply:
            supply, source = days, stock_name(key)
    capacity = dec(workshop.daily_capacity_minutes)
    production = math.ceil(counted.labour_minutes / capacity) if counted.labour_minutes else 0
    return LeadTime(supply, source, workshop.base_production_days, production)


class Quoter:
    """Quotes designs of one catalog, remembering module expansions between calls."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.cache = PartsCache(catalog)

    def tally(self, design: Design, layout: Layout | None = None,
              extra_hardware: Sequence[ExtraHardware] = ()) -> Tally:
        try:
            modules = design_parts(self.catalog, design, layout, self.cache)
        except PartsError:
            wrong = value_problems(self.catalog, design)   # say what is wrong, all of it, when we can
            if wrong:
                raise PartsError("\n".join(wrong)) from None
            raise
        return tally(self.catalog, modules, extra_hardware)

    def quote(self, design: Design, layout: Layout | None = None,
              extra_hardware: Sequence[ExtraHardware] = ()) -> Quote:
        """Price and lead time.

        Raises :class:`~app.domain.production.parts.PartsError` naming a module it cannot expand.
        """
        counted = self.tally(design, layout, extra_hardware)
        return Quote(self.catalog.info.currency, costs(self.catalog, counted), lead_time(self.catalog, counted),
                     counted.labour_minutes, counted.weight_kg, counted.modules)


_QuoterTable = dict[int, tuple[weakref.ref[Catalog], Quoter]]
_QUOTERS: _QuoterTable = {}


def quoter_for(catalog: Catalog) -> Quoter:
    """The shared :class:`Quoter` of a catalog (made on first use, dropped with the catalog)."""
    entry = _QUOTERS.get(id(catalog))
    if entry is not None and entry[0]() is catalog:
        return entry[1]
    quoter = Quoter(catalog)
    key = id(catalog)
    # The table is bound here: at interpreter exit the module's globals are gone before the last callbacks.
    def forget(_ref: weakref.ref[Catalog], k: int = key, table: _QuoterTable = _QUOTERS) -> None:
        table.pop(k, None)

    _QUOTERS[key] = (weakref.ref(catalog, forget), quoter)
    return quoter


def quote(catalog: Catalog, design: Design, layout: Layout | None = None,
          extra_hardware: Sequence[ExtraHardware] = ()) -> Quote:
    """Price and lead time of ``design`` (see the module docstring for every step)."""
    return quoter_for(catalog).quote(design, layout, extra_hardware)


def change_text(before: Quote | None, after: Quote) -> str:
    """What an edit changed, for the status bar: "+ 34.00 EUR, + 2 days" ("" when nothing changed)."""
    if before is None:
        return ""
    parts = []
    price = after.price_gross - before.price_gross
    if price:
        parts.append(f"{'+' if price > 0 else '-'} {abs(price):.2f} {after.currency}")
    days = after.lead_time_days - before.lead_time_days
    if days:
        parts.append(f"{'+' if days > 0 else '-'} {abs(days)} day{'s' if abs(days) != 1 else ''}")
    return ", ".join(parts)
