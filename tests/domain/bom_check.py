"""Helpers for the hand-computed BOM tests: a BOM's figures as plain tuples to compare."""

from __future__ import annotations

from decimal import Decimal

from app.domain.production.bom import Bom

D = Decimal


def parts(bom: Bom) -> list[tuple]:
    """(label, qty, stock, length, width, cut length, cut width, {edge: banding}) in BOM order.

    A front on hinges has its side in the label: "Door leaf, hinged left".
    """
    return [(p.label + (f", hinged {p.hinge}" if p.hinge else ""), p.qty, f"{p.material}/{p.finish}", p.length,
             p.width, p.cut_length, p.cut_width, p.edge_map) for p in bom.parts]


def stocks(bom: Bom) -> dict[str, tuple]:
    """stock -> (cut area m2, amount, sheets used, lower bound)."""
    return {s.name: (s.area_m2, s.amount, s.cut.sheet_count, s.cut.lower_bound) for s in bom.stocks}


def banding(bom: Bom) -> dict[str, tuple]:
    """banding -> (edges, metres, amount)."""
    return {b.banding: (b.edges, b.metres, b.amount) for b in bom.banding}


def hardware(bom: Bom) -> dict[str, tuple]:
    """item -> (qty, amount)."""
    return {h.item: (h.qty, h.amount) for h in bom.hardware}


def totals(bom: Bom) -> dict[str, Decimal | int]:
    costs = bom.quote.costs
    return {"materials": costs.materials, "hardware": costs.hardware_total, "labour minutes": bom.quote.labour_minutes,
            "labour": costs.labour_total, "cost": costs.cost, "net": costs.net, "vat": costs.vat,
            "gross": costs.gross, "lead time": bom.quote.lead_time_days, "weight": bom.weight_kg}
