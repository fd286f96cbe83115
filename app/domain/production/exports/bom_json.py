"""JSON: the whole bill of materials, machine-readable, format ``modulor-bom`` version 1.

The document is described by the JSON Schema docs/bom.schema.json (the tests
validate every export against it).  Sizes are millimetres, areas m2, masses kg,
money in the document's ``currency``; all are JSON numbers written from the
exact decimals (money has at most two decimals: read it as a decimal, not a
binary float, to add it up to the cent).  Raise ``FORMAT_VERSION`` when a field
changes meaning or goes away; new fields may be added within a version.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
from app.domain.production.exports.tables import EDGES, percent

FORMAT_NAME = "modulor-bom"
FORMAT_VERSION = 1
SCHEMA_NAME = "bom.schema.json"


def num(value: Decimal | int) -> Any:
    """A JSON number for an exact decimal.

    json writes a float as its shortest round-trip text, which is the decimal's
    own text for the under 15 significant digits of every BOM figure.
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def document(bom: Bom) -> dict[str, Any]:
    """The JSON document as Python data."""
    costs, lead = bom.quote.costs, bom.quote.lead_time
    size = bom.overall_size
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "design": {
            "id": bom.design_id,
            "name": bom.design_name,
            "catalog": {"id": bom.catalog_id, "version": bom.catalog_version},
            "overall_size_mm": None if size is None else {"width": num(size[0]), "depth": num(size[1]),
                                                          "height": num(size[2])},
            "modules": [{"id": m.module_id, "type": m.type_id, "finish": m.finish,
                         "labour_minutes": num(m.labour_minutes), "mass_kg": num(m.mass_kg)}
                        for m in bom.modules],
        },
        "currency": bom.currency,
        "parts": [{
            "number": p.number, "label": p.label, "names": list(p.names), "roles": list(p.roles),
            "qty": p.qty, "material": p.material, "finish": p.finish, "thickness_mm": num(p.thickness),
            "length_mm": num(p.length), "width_mm": num(p.width), "cut_length_mm": num(p.cut_length),
            "cut_width_mm": num(p.cut_width), "grain": p.grain, "hinge": p.hinge or None,
            "edges": {e: p.edge_map[e] for e in EDGES if e in p.edge_map},
            "finished_size": p.finished_size, "mass_kg_each": num(p.mass_kg),
            "cut_area_m2_each": num(p.cut_area_m2), "modules": list(p.modules),
        } for p in bom.parts],
        "hardware": [{
            "item": h.item, "name": h.name, "finish": h.finish or None, "finish_name": h.finish_name or None,
            "kind": h.kind, "unit": h.unit, "qty": num(h.qty),
            "unit_price": num(h.unit_price), "amount": num(h.amount), "mass_kg": num(h.mass_kg),
            "notes": list(h.notes),
        } for h in bom.hardware],
        "edge_banding": [{
            "banding": b.banding, "name": b.name, "thickness_mm": num(b.thickness), "edges": b.edges,
            "metres": num(b.metres), "unit_price": num(b.unit_price), "amount": num(b.amount),
        } for b in bom.banding],
        "stocks": [{
            "material": s.material, "finish": s.finish, "material_name": s.material_name,
            "finish_name": s.finish_name, "thickness_mm": num(s.thickness), "area_m2": num(s.area_m2),
            "unit_price": num(s.unit_price), "amount": num(s.amount),
            "sheet": {"length_mm": num(s.cut.sheet_length), "width_mm": num(s.cut.sheet_width),
                      "trim_mm": num(s.cut.trim)},
            "kerf_mm": num(s.cut.kerf), "grain": s.cut.grain, "sheets_used": s.cut.sheet_count,
            "lower_bound": s.cut.lower_bound, "yield_percent": num(percent(s.cut.yield_ratio)),
            "oversize": list(s.cut.oversize), "strategy": s.cut.strategy,
            "sheets": [{
                "index": sheet.index, "yield_percent": num(percent(sheet.yield_ratio)),
                "parts": [{"number": pl.number, "x_mm": num(pl.x), "y_mm": num(pl.y), "along_mm": num(pl.along),
                           "across_mm": num(pl.across), "rotated": pl.rotated} for pl in sheet.parts],
            } for sheet in s.cut.sheets],
        } for s in bom.stocks],
        "labour": {"minutes": num(costs.labour.quantity), "rate_per_hour": num(costs.labour.unit_price),
                   "amount": num(costs.labour.amount)},
        "totals": {
            "board": num(sum((line.amount for line in costs.board), Decimal(0))),
            "edge_banding": num(sum((line.amount for line in costs.banding), Decimal(0))),
            "materials": num(costs.materials), "hardware": num(costs.hardware_total),
            "labour": num(costs.labour_total), "cost": num(costs.cost), "margin_rate": num(costs.margin_rate),
            "margin": num(costs.margin), "net": num(costs.net), "vat_rate": num(costs.vat_rate),
            "vat": num(costs.vat), "gross": num(costs.gross), "weight_kg": num(bom.weight_kg),
        },
        "lead_time": {"days": lead.total_days, "supply_days": lead.supply_days, "supply_from": lead.supply_from,
                      "base_days": lead.base_days, "production_days": lead.production_days},
        "problems": [{"severity": p.severity, "entry": p.entry, "message": p.message} for p in bom.problems],
    }


def dumps(bom: Bom) -> str:
    return json.dumps(document(bom), indent=2, ensure_ascii=False) + "\n"


def write(path: Path, *, bom: Bom, **_: Any) -> list[Path]:
    text = dumps(bom)
    write_atomic(path, text)
    return [path]
