"""The front view of a design, as rectangles and dimension spans for a vector drawing.

Every located part of every module is projected on the wall's plane (room x
across, z up) and drawn back to front, so doors and drawer fronts cover the
carcass behind them; a module without located parts (legs) is drawn as its
outline.  Dimensions: the overall width and height, and per unit with an
opening (a carcass or an open unit: what the customer chose the sizes of) its
width and its height with where it stands.  All figures in mm, from the same
located parts the workshop cuts, so the drawing cannot disagree with the boards.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.production.papers.units import Unit, module_world_box, units, world_box
from app.domain.production.parts import ModuleParts


@dataclass(frozen=True)
class FrontRect:
    x0: float
    z0: float
    x1: float
    z1: float
    colour: str          # '#rrggbb' of its finish
    depth: float         # how far in front it is (-y of its front face): drawn in that order


@dataclass(frozen=True)
class UnitSpan:
    unit: int
    x0: float
    x1: float
    z0: float
    z1: float


@dataclass(frozen=True)
class Elevation:
    rects: tuple[FrontRect, ...]      # back to front
    spans: tuple[UnitSpan, ...]       # units with an opening, left to right
    bounds: tuple[float, float, float, float] | None   # x0, z0, x1, z1 of the whole design


def _colour(catalog: Catalog, finish: str) -> str:
    found = catalog.finishes.get(finish)
    return found.color if found is not None else "#d8d4cc"


def elevation(catalog: Catalog, design: Design, layout: Layout, modules: list[ModuleParts]) -> Elevation:
    rects: list[FrontRect] = []
    for parts in modules:
        state = layout.state(parts.module_id)
        located = [(panel, box) for panel in parts.panels for box in panel.boxes]
        if not located:
            x0, y0, z0, x1, _y1, z1 = module_world_box(layout, parts.module_id)
            rects.append(FrontRect(x0, z0, x1, z1, _colour(catalog, parts.finish), -y0))
        for panel, box in located:
            x0, y0, z0, x1, _y1, z1 = world_box(state, box)
            colour = _colour(catalog, panel.finish if panel.finish in catalog.finishes else parts.finish)
            rects.append(FrontRect(x0, z0, x1, z1, colour, -y0))
    rects.sort(key=lambda r: r.depth)
    spans = []
    for unit in units(design):
        if layout.state(unit.root).opening is None:
            continue
        x0, _y0, z0, x1, _y1, z1 = module_world_box(layout, unit.root)
        spans.append(UnitSpan(unit.number, x0, x1, z0, z1))
    spans.sort(key=lambda s: (s.x0, s.z0))
    bounds = None
    if rects:
        bounds = (min(r.x0 for r in rects), min(r.z0 for r in rects), max(r.x1 for r in rects),
                  max(r.z1 for r in rects))
    return Elevation(tuple(rects), tuple(spans), bounds)


__all__ = ["Elevation", "FrontRect", "Unit", "UnitSpan", "elevation"]
