"""The tables every export shows, defined once: columns and rows of plain values.

CSV, XLSX and PDF all read these, so a column means the same in each file.
Values are ``str``, ``int``, ``bool`` or exact :class:`~decimal.Decimal`; each
writer formats them its own way (text, spreadsheet numbers, printed cells).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.production.bom import Bom
from app.domain.production.part_list import BomPart
from app.domain.production.quantities import CENT, round_to

EDGES = ("L1", "L2", "W1", "W2")
Row = tuple[Any, ...]


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"      # text, int, mm, m2, m, kg, money, percent, minutes
    width: int = 12         # characters, for spreadsheets


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


def part_row(part: BomPart) -> Row:
    edges = part.edge_map
    return (part.number, part.label, part.qty, part.material, part.finish, part.thickness, part.length,
            part.width, part.cut_length, part.cut_width, part.grain, part.hinge, *(edges.get(e, "") for e in EDGES),
            "finished" if part.finished_size else "cut", part.mass_kg, ", ".join(part.modules))


def parts_table(bom: Bom) -> Table:
    columns = (Column("Part no", width=11), Column("Label", width=24), Column("Qty", "int", 6),
               Column("Material", width=9), Column("Finish", width=11), Column("Thickness mm", "mm", 9),
               Column("Length mm", "mm", 10), Column("Width mm", "mm", 10), Column("Cut length mm", "mm", 10),
               Column("Cut width mm", "mm", 10), Column("Grain", width=7), Column("Hinged", width=7),
               *(Column(e, width=8) for e in EDGES), Column("Size is", width=9),
               Column("Mass each kg", "kg", 10), Column("Modules", width=30))
    return Table("Parts", columns, tuple(part_row(p) for p in bom.parts))


def hardware_table(bom: Bom) -> Table:
    # Name: what is ordered, the item's name with the finish it is made in ("Round leg 120 mm ..., Arctic white").
    columns = (Column("Item", width=16), Column("Name", width=52), Column("Finish", width=11),
               Column("Kind", width=13), Column("Qty", "qty", 8), Column("Unit", width=5),
               Column("Unit price", "money", 10), Column("Amount", "money", 10), Column("Mass kg", "kg", 9),
               Column("Notes", width=30))
    rows = tuple((h.item, h.label, h.finish, h.kind, h.qty, h.unit, h.unit_price, h.amount, h.mass_kg,
                  "; ".join(h.notes)) for h in bom.hardware)
    return Table("Hardware", columns, rows)


def banding_table(bom: Bom) -> Table:
    columns = (Column("Banding", width=10), Column("Name", width=44), Column("Thickness mm", "mm", 9),
               Column("Edges", "int", 7), Column("Metres", "m", 9), Column("Price per m", "money", 10),
               Column("Amount", "money", 10))
    rows = tuple((b.banding, b.name, b.thickness, b.edges, b.metres, b.unit_price, b.amount) for b in bom.banding)
    return Table("Edge banding", columns, rows)


def stocks_table(bom: Bom) -> Table:
    columns = (Column("Material", width=9), Column("Finish", width=11), Column("Thickness mm", "mm", 9),
               Column("Sheet length mm", "mm", 10), Column("Sheet width mm", "mm", 10), Column("Trim mm", "mm", 7),
               Column("Parts area m2", "m2", 11), Column("Sheets used", "int", 8), Column("Lower bound", "int", 8),
               Column("Yield %", "percent", 8), Column("Price per m2", "money", 10), Column("Amount", "money", 10))
    rows = tuple((s.material, s.finish, s.thickness, s.cut.sheet_length, s.cut.sheet_width, s.cut.trim, s.area_m2,
                  s.cut.sheet_count, s.cut.lower_bound, percent(s.cut.yield_ratio), s.unit_price, s.amount)
                 for s in bom.stocks)
    return Table("Sheets", columns, rows)


def layouts_table(bom: Bom) -> Table:
    columns = (Column("Material", width=9), Column("Finish", width=11), Column("Sheet", "int", 6),
               Column("Part no", width=11), Column("X mm", "mm", 8), Column("Y mm", "mm", 8),
               Column("Along mm", "mm", 9), Column("Across mm", "mm", 9), Column("Turned", width=7))
    rows = tuple((s.material, s.finish, sheet.index, p.number, p.x, p.y, p.along, p.across,
                  "yes" if p.rotated else "no")
                 for s in bom.stocks for sheet in s.cut.sheets for p in sheet.parts)
    return Table("Layouts", columns, rows)


def percent(ratio: Decimal) -> Decimal:
    """A ratio as a percentage to 0.1 %."""
    return round_to(ratio * 100, Decimal("0.1"))


def summary_rows(bom: Bom) -> list[tuple[str, Any, str]]:
    """(label, value, unit) lines of the totals, in reading order."""
    costs, lead = bom.quote.costs, bom.quote.lead_time
    size = bom.overall_size
    rows: list[tuple[str, Any, str]] = [
        ("Design id", bom.design_id, ""),
        ("Design", bom.design_name, ""),
        ("Catalog", f"{bom.catalog_id} {bom.catalog_version}", ""),
    ]
    if size is not None:
        rows += [("Overall width", size[0], "mm"), ("Overall depth", size[1], "mm"), ("Overall height", size[2], "mm")]
    rows += [
        ("Modules", bom.quote.modules, ""),
        ("Parts (pieces)", sum(p.qty for p in bom.parts), ""),
        ("Sheets", sum(s.cut.sheet_count for s in bom.stocks), ""),
        ("Board", sum((line.amount for line in costs.board), Decimal(0)), bom.currency),
        ("Edge banding", sum((line.amount for line in costs.banding), Decimal(0)), bom.currency),
        ("Materials", costs.materials, bom.currency),
        ("Hardware", costs.hardware_total, bom.currency),
        ("Labour minutes", bom.quote.labour_minutes, "min"),
        ("Labour", costs.labour_total, bom.currency),
        ("Cost", costs.cost, bom.currency),
        ("Margin", costs.margin, bom.currency),
        ("Net price", costs.net, bom.currency),
        ("VAT", costs.vat, bom.currency),
        ("Price", costs.gross, bom.currency),
        ("Lead time", lead.total_days, "days"),
        ("Weight", round_to(bom.weight_kg, CENT), "kg"),
    ]
    return rows
