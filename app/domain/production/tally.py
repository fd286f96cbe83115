"""Add up what a design consumes: board per stock, banding, hardware, labour, weight.

The tally is the common ground of the quote (:mod:`app.domain.production.pricing`, run on
every edit) and the bill of materials (:mod:`app.domain.production.bom`): both price the
same totals, so the status bar and the workshop papers always agree.

A *stock* is a board as the workshop buys it: a material in one decor
(``("mfc18", "white")``); parts of one material in two decors come from
different sheets.  Parts whose finish is ``none`` use the raw board.

Quantities are exact decimals:

* board area per stock: the sum of cut length x cut width (what the saw takes
  from the sheet), in mm2;
* banding per banding id: per banded edge of every piece, the edge's finished
  length (L1/L2: the part's length, W1/W2: its width) plus the banding's
  ``overlength_per_edge``, in mm;
* hardware per item: pieces, or metres for items sold by the metre, including
  ``extra_hardware`` (what the rules engine requires, e.g. wall anchors); and the
  same split by the finish each piece is ordered in (``hardware_finishes``, per
  item and finish id, ``""`` for none), which the BOM lists line by line;
* labour minutes: the sum of every module's ``labour_minutes``;
* weight: panels (finished size x thickness x density) plus hardware masses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.production.parts import ModuleParts
from app.domain.production.quantities import MILLIMETRE, dec, round_to

StockKey = tuple[str, str]   # (material id, finish id or "none")


class TallyError(ValueError):
    """Input the tally cannot use (an unknown extra hardware item ...)."""


@dataclass(frozen=True)
class ExtraHardware:
    """Hardware a design needs beyond its modules' recipes, e.g. a wall anchor the rules require."""

    item: str
    qty: Decimal | float | int
    note: str = ""                # why, for the workshop ("tall free-standing unit: anchor to the wall")
    module_id: str | None = None  # the module it is for, if any


@dataclass
class Tally:
    board_mm2: dict[StockKey, Decimal] = field(default_factory=dict)
    banding_mm: dict[str, Decimal] = field(default_factory=dict)
    banded_edges: dict[str, int] = field(default_factory=dict)
    hardware: dict[str, Decimal] = field(default_factory=dict)
    hardware_finishes: dict[tuple[str, str], Decimal] = field(default_factory=dict)   # (item, finish)
    labour_minutes: Decimal = Decimal(0)
    panel_kg: Decimal = Decimal(0)
    hardware_kg: Decimal = Decimal(0)
    modules: int = 0

    @property
    def weight_kg(self) -> Decimal:
        return self.panel_kg + self.hardware_kg


def tally(catalog: Catalog, parts: Iterable[ModuleParts], extra_hardware: Sequence[ExtraHardware] = ()) -> Tally:
    """Everything the design consumes, added up exactly."""
    result = Tally()
    board: dict[StockKey, Decimal] = defaultdict(Decimal)
    banding: dict[str, Decimal] = defaultdict(Decimal)
    edges: dict[str, int] = defaultdict(int)
    hardware: dict[str, Decimal] = defaultdict(Decimal)
    finishes: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for module in parts:
        result.modules += 1
        result.labour_minutes += module.labour_minutes
        result.panel_kg += module.panel_kg
        result.hardware_kg += module.hardware_kg
        for panel in module.panels:
            board[(panel.material, panel.finish)] += panel.cut_length * panel.cut_width * panel.count
            for edge, band in panel.edges:
                along = panel.length if edge.startswith("L") else panel.width
                banding[band] += (along + dec(catalog.edgebands[band].overlength_per_edge)) * panel.count
                edges[band] += panel.count
        for line in module.hardware:
            hardware[line.item] += line.qty
            finishes[(line.item, line.finish)] += line.qty
    for extra in extra_hardware:
        item = catalog.hardware.get(extra.item)
        if item is None:
            raise TallyError(f"extra hardware '{extra.item}'"
                             + (f" for module '{extra.module_id}'" if extra.module_id else "")
                             + f": catalog '{catalog.id}' has no such hardware item")
        qty = dec(extra.qty)
        if qty < 0:
            raise TallyError(f"extra hardware '{extra.item}': quantity {qty} is negative")
        qty = round_to(qty, MILLIMETRE) if item.unit == "m" else qty
        hardware[extra.item] += qty
        finishes[(extra.item, "")] += qty
        result.hardware_kg += qty * dec(item.mass_kg)
    result.board_mm2 = dict(board)
    result.banding_mm = dict(banding)
    result.banded_edges = dict(edges)
    result.hardware = dict(hardware)
    result.hardware_finishes = dict(finishes)
    return result
