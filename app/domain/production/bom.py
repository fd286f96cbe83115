"""The bill of materials of a design: everything the workshop needs to build it.

``build_bom(catalog, design, extra_hardware=(), layout=None) -> Bom`` gathers:

* ``parts``: identical panels merged with quantities and stable part numbers
  (:mod:`app.domain.production.part_list`), finished and cut sizes, banding per edge;
* ``hardware``: per item and the finish it is ordered in (legs in the legs
  module's finish: "Round leg 120 mm with mounting plate, Arctic white"),
  quantity (pieces, or metres), price and mass, with the
  notes of ``extra_hardware`` lines (what the rules engine adds, e.g. wall
  anchors: ``ExtraHardware("wall_anchor", 1, "tall unit c1")``);
* ``banding``: metres per banding, edges counted, overlength included;
* ``stocks``: per material and decor the cut area, price, sheets used, the area
  lower bound and the yield, from the nesting in ``cut_list``
  (:mod:`app.domain.production.cutlist`, sheet layouts as rectangles);
* ``quote``: costs split into materials, hardware and labour, price with margin
  and VAT, lead time, weight (:mod:`app.domain.production.pricing`), board priced as
  the catalog's ``[pricing] board`` says (the sheets the nesting buys, or area with the
  yield); ``live_quote``: the price the window showed for the same design, without
  nesting; where the two differ by more than ``[pricing] live_price_tolerance`` a
  warning says so;
* ``design_id``: a fingerprint of the design's modules (``D-`` and 8 hex digits),
  the same for the same design on any machine;
* ``problems``: what stops production (a part larger than its sheet) as errors,
  what the workshop should check (a door beyond the hinge table) as warnings.

Raises :class:`BomError` (a message naming the module or item) when the design
cannot be expanded at all.  No Qt, no files: exports live in app/domain/production/exports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.design.layout import Layout, LayoutError
from app.domain.problems import Problem
from app.domain.production.cutlist import Cancelled, Progress, StockCut, cut_list
from app.domain.production.part_list import BomPart, merge_parts
from app.domain.production.parts import ModuleParts, PartsCache, PartsError, design_parts, value_problems
from app.domain.production.pricing import CostLine, Quote, costs, lead_time, per_m2, stock_name
from app.domain.production.quantities import MM2_PER_M2, dec, money, plain, size_mm
from app.domain.production.tally import ExtraHardware, StockKey, Tally, TallyError, tally

__all__ = ["Bom", "BomError", "Cancelled", "ExtraHardware", "build_bom", "design_id"]


class BomError(ValueError):
    """The design cannot be turned into a bill of materials; ``lines`` say which modules or items and why."""

    def __init__(self, lines: str | Sequence[str]):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True)
class BomHardware:
    item: str
    name: str
    kind: str
    unit: str              # "pcs" or "m"
    qty: Decimal
    unit_price: Decimal
    amount: Decimal
    mass_kg: Decimal       # all of them
    notes: tuple[str, ...] = ()
    finish: str = ""       # the finish id it is ordered in, "" for none
    finish_name: str = ""

    @property
    def label(self) -> str:
        """What the workshop orders: the item's name and, when it has one, its finish."""
        return f"{self.name}, {self.finish_name}" if self.finish_name else self.name


@dataclass(frozen=True)
class BomBanding:
    banding: str
    name: str
    thickness: Decimal
    edges: int             # banded edges (pieces x edges)
    metres: Decimal        # edge lengths + overlength per edge
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class BomStock:
    material: str
    finish: str
    material_name: str
    finish_name: str
    thickness: Decimal
    area_m2: Decimal       # cut area of its parts
    unit_price: Decimal    # per m2, finish factor included
    amount: Decimal        # the quote's board line: sheets bought x sheet area x unit_price (or by area)
    cut: StockCut          # sheets used, lower bound, yield, layouts

    @property
    def key(self) -> StockKey:
        return (self.material, self.finish)

    @property
    def name(self) -> str:
        return stock_name(self.key)


@dataclass(frozen=True)
class Bom:
    design_id: str
    design_name: str
    catalog_id: str
    catalog_version: str
    currency: str
    overall_size: tuple[Decimal, Decimal, Decimal] | None   # width (x), depth (y), height (z), mm
    modules: tuple[ModuleParts, ...]
    parts: tuple[BomPart, ...]
    hardware: tuple[BomHardware, ...]
    banding: tuple[BomBanding, ...]
    stocks: tuple[BomStock, ...]
    quote: Quote
    problems: tuple[Problem, ...]
    live_quote: Quote      # what the window and the kiosk show for this design (board without nesting)

    @property
    def weight_kg(self) -> Decimal:
        return self.quote.weight_kg

    def part(self, number: str) -> BomPart:
        return next(p for p in self.parts if p.number == number)


def design_id(design: Design) -> str:
    """A fingerprint of what the design is made of (its modules and catalog), not of its name or file."""
    content = {"catalog": [design.catalog_id, design.catalog_version],
               "modules": [m.to_dict() for m in design]}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "D-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8].upper()


def _hardware_rows(catalog: Catalog, lines: Sequence[CostLine], counted: Tally,
                   extra: Sequence[ExtraHardware]) -> list[BomHardware]:
    """One row per item and finish.  An item ordered in several finishes has its priced line split by
    quantity; the last row takes what is left of the line's amount, so the rows add up to the cent."""
    order = {finish_id: i for i, finish_id in enumerate(("", *catalog.finishes))}
    rows = []
    for line in lines:
        item = catalog.hardware[line.key]
        notes = tuple(e.note for e in extra if e.item == line.key and e.note)
        split = sorted(((finish, qty) for (item_id, finish), qty in counted.hardware_finishes.items()
                        if item_id == line.key and qty), key=lambda fq: order.get(fq[0], len(order)))
        left = line.amount
        for n, (finish, qty) in enumerate(split):
            amount = left if n == len(split) - 1 else money(qty * line.unit_price)
            left -= amount
            name = catalog.finishes[finish].name if finish in catalog.finishes else ""
            rows.append(BomHardware(line.key, item.name, item.kind, item.unit, qty, line.unit_price,
                                    amount, qty * dec(item.mass_kg), notes, finish, name))
    return rows


def live_difference(quote: Quote, live: Quote) -> Decimal:
    """How far the live price is from the quote, as a share of the quote's gross price (0 for two zeros)."""
    if not quote.price_gross:
        return Decimal(0) if not live.price_gross else Decimal(1)
    return abs(live.price_gross - quote.price_gross) / quote.price_gross


def _price_problems(catalog: Catalog, quote: Quote, live: Quote) -> list[Problem]:
    tolerance = dec(catalog.info.pricing.live_price_tolerance)
    difference = live_difference(quote, live)
    if difference <= tolerance:
        return []
    counts = ", ".join(f"{b.key}: {plain(a.quantity)} live, {plain(b.quantity)} nested"
                       for a, b in zip(live.costs.board, quote.costs.board, strict=True) if a.quantity != b.quantity)
    return [Problem("", "price", "", (
        f"the quote's {quote.price_gross:.2f} {quote.currency} differs from the live price "
        f"{live.price_gross:.2f} {quote.currency} by {difference:.1%}, more than the catalog's "
        f"{tolerance:.0%}" + (f" (sheets {counts})" if counts else "")), "warning")]


def _problems(catalog: Catalog, modules: Sequence[ModuleParts], cuts: Iterable[StockCut]) -> list[Problem]:
    found = []
    for cut in cuts:
        usable_l, usable_w = cut.usable
        for number in cut.oversize:
            found.append(Problem("", f"part {number}", "", f"does not fit on a {cut.material} sheet "
                                 f"({usable_l} x {usable_w} mm usable after trim)"))
    for module in modules:
        for leaf in module.leaves:
            if not leaf.within_table:
                found.append(Problem("", f"module '{module.module_id}'", "", (
                    f"door leaf '{leaf.part}' ({leaf.height} mm, {leaf.weight_kg:.2f} kg) is beyond the "
                    f"catalog's hinge table; {leaf.hinges} hinges counted"), "warning"))
    return found


def build_bom(catalog: Catalog, design: Design, extra_hardware: Sequence[ExtraHardware] = (),
              layout: Layout | None = None, cache: PartsCache | None = None,
              nesting_budget_s: float = 1.5, progress: Progress | None = None,
              optimise_s: float = 0.0) -> Bom:
    """The bill of materials of ``design`` (see the module docstring).

    ``optimise_s``: seconds the whole order's nesting may spend looking for fewer sheets
    (column generation, :func:`~app.domain.production.cutlist.cut_list`); 0 keeps the
    quick greedy layouts (the catalog check and quick prices).

    ``progress(done, total, stock)`` is called before each stock is nested; returning
    False stops with :class:`~app.domain.production.cutlist.Cancelled`.
    """
    layout = layout if layout is not None else Layout(catalog, design)
    wrong_values = value_problems(catalog, design)
    if wrong_values:
        raise BomError(wrong_values)
    try:
        modules = tuple(design_parts(catalog, design, layout, cache))
        counted = tally(catalog, modules, extra_hardware)
        bounds = layout.overall_bounds()
    except (PartsError, TallyError, LayoutError) as exc:
        raise BomError(str(exc)) from None
    parts = merge_parts(modules)
    cuts = {cut.key: cut for cut in cut_list(catalog, parts, nesting_budget_s, progress, optimise_s)}
    priced = costs(catalog, counted, {key: cut.sheet_count for key, cut in cuts.items()})
    days = lead_time(catalog, counted)
    quote = Quote(catalog.info.currency, priced, days, counted.labour_minutes, counted.weight_kg, counted.modules)
    live = Quote(catalog.info.currency, costs(catalog, counted), days, counted.labour_minutes, counted.weight_kg,
                 counted.modules)
    stocks = []
    for line, key in zip(priced.board, sorted(counted.board_mm2)):
        material = catalog.materials[key[0]]
        finish_name = catalog.finishes[key[1]].name if key[1] in catalog.finishes else "none"
        stocks.append(BomStock(key[0], key[1], material.name, finish_name, dec(material.thickness),
                               counted.board_mm2[key] / MM2_PER_M2, per_m2(catalog, key), line.amount, cuts[key]))
    banding = [BomBanding(line.key, catalog.edgebands[line.key].name, dec(catalog.edgebands[line.key].thickness),
                          counted.banded_edges[line.key], line.quantity, line.unit_price, line.amount)
               for line in priced.banding]
    size: tuple[Decimal, Decimal, Decimal] | None = None
    if bounds is not None:
        (x0, y0, z0), (x1, y1, z1) = bounds
        size = (size_mm(float(x1 - x0)), size_mm(float(y1 - y0)), size_mm(float(z1 - z0)))
    return Bom(design_id(design), design.name, design.catalog_id, design.catalog_version, catalog.info.currency,
               size, modules, parts, tuple(_hardware_rows(catalog, priced.hardware, counted, extra_hardware)),
               tuple(banding), tuple(stocks), quote,
               tuple(_problems(catalog, modules, cuts.values()) + _price_problems(catalog, quote, live)), live)
