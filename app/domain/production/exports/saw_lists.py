"""Part lists for the saw optimiser and the ERP: the saw list and HOMAG intelliDivide's part import.

Both are one row per part line (identical pieces merged, quantity counted), built
once here as :class:`~app.domain.production.exports.tables.Table` and written as
CSV (``saw-csv``: OUT is the saw list; ``intellidivide``: OUT is the intelliDivide
list) or as a workbook (``saw-xlsx``, :mod:`.saw_lists_xlsx`).

**Saw list** columns: the order (order code, or the design id for papers
without an order), part number, description, quantity, material code (the stock:
material and decor, ``mfc18/oak``, the same code as the CutList Optimizer CSV and
the cutting diagrams), material and decor names, thickness, finished length and
width, cut length and width (banding subtracted where the catalog part gives
finished sizes), grain (``length``, ``width`` or ``none``), one column per edge
with its banding id (front, back, left, right, see :mod:`.part_sides`) and one per
edge with that banding's thickness, the hinge side of a door, the cabinets
(module ids) and the CNC program name (the part number: the part's machining
file is named after it).

**intelliDivide** columns, named as HOMAG's part import names them (the public
HOMAG Connect API's ``OptimizationRequestPart``): ``Description``, ``MaterialCode``,
``Quantity``, ``Length`` and ``Width`` (the cut size the saw cuts), ``Grain``
(``None``, ``Lengthwise``: the part's length along the board's grain,
``Crosswise``), ``EdgeFront``, ``EdgeBack``, ``EdgeLeft``, ``EdgeRight`` (banding
ids), ``FinishLength``, ``FinishWidth``, ``CncProgramName1``, ``CustomerName``,
``OrderName``, ``OrderDate`` (ISO date, empty without an order).

Sizes in millimetres, decimal point, no needless zeros; UTF-8, comma-separated,
a header row (the CSV module's quoting).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.catalog.catalog import Catalog
from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
from app.domain.production.exports.bom_csv import table_text
from app.domain.production.exports.part_sides import SIDES
from app.domain.production.exports.reference import OrderReference
from app.domain.production.exports.tables import Column, Table
from app.domain.production.part_list import BomPart
from app.domain.production.pricing import stock_name
from app.domain.production.quantities import dec

GRAIN_NAMES = {"length": "Lengthwise", "width": "Crosswise", "none": "None"}   # intelliDivide's Grain


def order_name(bom: Bom, reference: OrderReference | None) -> str:
    """The order column: the order code, or the design id when the papers come from a design file."""
    return reference.code if reference is not None else bom.design_id


def cnc_program_name(part: BomPart) -> str:
    """The name of the part's machining program: its part number (the same panel, the same program)."""
    return part.number


def _band_thickness(catalog: Catalog, band: str) -> Decimal | str:
    return dec(catalog.edgebands[band].thickness) if band in catalog.edgebands else ""


def saw_table(catalog: Catalog, bom: Bom, reference: OrderReference | None = None) -> Table:
    columns = (Column("Order", width=12), Column("Part no", width=11), Column("Description", width=22),
               Column("Qty", "int", 6), Column("Material code", width=14), Column("Material", width=28),
               Column("Decor", width=16), Column("Thickness mm", "mm", 9), Column("Length mm", "mm", 9),
               Column("Width mm", "mm", 9), Column("Cut length mm", "mm", 9), Column("Cut width mm", "mm", 9),
               Column("Grain", width=7),
               *(Column(f"Edge {side}", width=9) for _, side in SIDES),
               *(Column(f"Edge {side} mm", "mm", 7) for _, side in SIDES),
               Column("Hinged", width=7), Column("Cabinets", width=22), Column("CNC program", width=11))
    order = order_name(bom, reference)
    rows = []
    for p in bom.parts:
        edges = p.edge_map
        material = catalog.materials[p.material].name if p.material in catalog.materials else p.material
        decor = catalog.finishes[p.finish].name if p.finish in catalog.finishes else ""
        rows.append((order, p.number, p.label, p.qty, stock_name((p.material, p.finish)), material, decor,
                     p.thickness, p.length, p.width, p.cut_length, p.cut_width, p.grain,
                     *(edges.get(edge, "") for edge, _ in SIDES),
                     *(_band_thickness(catalog, edges[edge]) if edges.get(edge) else "" for edge, _ in SIDES),
                     p.hinge, ", ".join(p.modules), cnc_program_name(p)))
    return Table("Saw list", columns, tuple(rows))


INTELLIDIVIDE_FIELDS = ("Description", "MaterialCode", "Quantity", "Length", "Width", "Grain", "EdgeFront",
                        "EdgeBack", "EdgeLeft", "EdgeRight", "FinishLength", "FinishWidth", "CncProgramName1",
                        "CustomerName", "OrderName", "OrderDate")


def intellidivide_table(bom: Bom, reference: OrderReference | None = None) -> Table:
    kinds = {"Quantity": "int", "Length": "mm", "Width": "mm", "FinishLength": "mm", "FinishWidth": "mm"}
    columns = tuple(Column(name, kinds.get(name, "text"), max(10, len(name) + 2)) for name in INTELLIDIVIDE_FIELDS)
    customer = reference.customer if reference is not None else ""
    placed = reference.placed.isoformat() if reference is not None and reference.placed else ""
    order = order_name(bom, reference)
    rows = []
    for p in bom.parts:
        edges = p.edge_map
        rows.append((f"{p.number} {p.label}", stock_name((p.material, p.finish)), p.qty, p.cut_length, p.cut_width,
                     GRAIN_NAMES.get(p.grain, "None"), *(edges.get(edge, "") for edge, _ in SIDES),
                     p.length, p.width, cnc_program_name(p), customer, order, placed))
    return Table("intelliDivide", columns, tuple(rows))


def write(path: Path, *, catalog: Catalog, bom: Bom, reference: OrderReference | None = None,
          **_: Any) -> list[Path]:
    write_atomic(path, table_text(saw_table(catalog, bom, reference)))
    return [path]
