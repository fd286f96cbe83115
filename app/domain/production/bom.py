"""The bill of materials of a design: everything the workshop needs to build it.

``build_bom(catalog, design, extra_hardware=(), layout=None) -> Bom`` gathers:

* ``parts``: identical panels merged with quantities and stable part numbers
  (:mod:`app.domain.production.part_list`), finished and cut sizes, banding per edge;
* ``hardware``: per item, quantity (pieces, or metres), price and mass, with the
  notes of ``extra_hardware`` lines (what the rules engine adds, e.g. wall
  anchors: ``ExtraHardware("wall_anchor", 1, "tall unit c1")``);
* ``banding``: metres per banding, edges counted, overlength included;
* ``stocks``: per material and decor the cut area, price, sheets used, the area
  lower bound and the yield, from the nesting in ``cut_list``
  (:mod:`app.domain.production.cutlist`, sheet layouts as rectangles);
* ``quote``: costs split into materials, hardware and labour, price with margin
  and VAT, lead time, weight (:mod:`app.domain.production.pricing`, the same figures the
  window shows);
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
from app.domain.production.pricing import CostLine, Quote, costs, lead_time, stock_name
from app.domain.production.quantities import dec, size_mm
from app.domain.production.tally import ExtraHardware, TallyError, tally

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
    amount: Decimal
    cut: StockCut          # sheets used, lower bound, yield, layouts

    @property
    def name(self) -> str:
        return stock_name((self.material, self.finish))


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


def _hardware_rows(catalog: Catalog, lines: Sequence[CostLine], extra: Sequence[ExtraHardware]) -> list[BomHardware]:
    rows = []
    for line in lines:
        item = catalog.hardware[line.key]
        notes = tuple(e.note for e in extra if e.item == line.key and e.note)
        rows.append(BomHardware(line.key, item.name, item.kind, item.unit, line.quantity, line.unit_price,
                                line.amount, line.quantity * dec(item.mass_kg), notes))
    return rows


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
              nesting_budget_s: float = 1.5, progress: Progress | None = None) -> Bom:
    """The bill of materials of ``design`` (see the module docstring).

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
    priced = costs(catalog, counted)
    quote = Quote(catalog.info.currency, priced, lead_time(catalog, counted), counted.labour_minutes,
                  counted.weight_kg, counted.modules)
    parts = merge_parts(modules)
    cuts = {cut.key: cut for cut in cut_list(catalog, parts, nesting_budget_s, progress)}
    stocks = []
    for line, key in zip(priced.board, sorted(counted.board_mm2)):
        material = catalog.materials[key[0]]
        finish_name = catalog.finishes[key[1]].name if key[1] in catalog.finishes else "none"
        stocks.append(BomStock(key[0], key[1], material.name, finish_name, dec(material.thickness), line.quantity,
                               line.unit_price, line.amount, cuts[key]))
    banding = [BomBanding(line.key, catalog.edgebands[line.key].name, dec(catalog.edgebands[line.key].thickness),
                          counted.banded_edges[line.key], line.quantity, line.unit_price, line.amount)
               for line in priced.banding]
    size: tuple[Decimal, Decimal, Decimal] | None = None
    if bounds is not None:
        (x0, y0, z0), (x1, y1, z1) = bounds
        size = (size_mm(float(x1 - x0)), size_mm(float(y1 - y0)), size_mm(float(z1 - z0)))
    return Bom(design_id(design), design.name, design.catalog_id, design.catalog_version, catalog.info.currency,
               size, modules, parts, tuple(_hardware_rows(catalog, priced.hardware, extra_hardware)),
               tuple(banding), tuple(stocks), quote, tuple(_problems(catalog, modules, cuts.values())))
