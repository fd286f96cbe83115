"""Large designs for the benchmarks, built from the sample catalog's real module types.

:func:`grid_design` lays out ``n`` modules as rows of kitchen-like units: a base
cabinet with a shelf and a door, and a wall cabinet with a shelf above it (five
modules per 600 mm unit).  Rows stand one behind the other so a 500-module design
still fits a view.  Positions are computed directly (no placement search), so
building the design costs nothing next to what is measured.
"""

from __future__ import annotations

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design, PlacedModule

UNIT_WIDTH = 600.0
UNITS_PER_ROW = 10
ROW_PITCH = 1200.0     # mm between rows, front to back
WALL_BOTTOM = 1400.0


def _unit(i: int, x: float, y: float) -> list[PlacedModule]:
    c, w = f"c{i}", f"w{i}"
    return [
        PlacedModule(c, "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white", (x, y, 0)),
        PlacedModule(f"{c}s", "shelf", {}, "white", (19, -3, 338), attach="in", to=c),
        PlacedModule(f"{c}d", "door", {"hinge_side": "left" if i % 2 else "right"}, "oak", (2, -560, 2),
                     attach="in", to=c),
        PlacedModule(w, "wall_cabinet", {"width": 600, "height": 400, "depth": 350}, "white",
                     (x, y, WALL_BOTTOM), attach="wall"),
        PlacedModule(f"{w}s", "shelf", {}, "white", (19, -3, 178), attach="in", to=w),
    ]


def grid_design(catalog: Catalog, n: int) -> Design:
    """A design of exactly ``n`` modules (the last unit is cut short when ``n`` is not a multiple of 5)."""
    modules: list[PlacedModule] = []
    i = 0
    while len(modules) < n:
        row, col = divmod(i, UNITS_PER_ROW)
        modules += _unit(i, col * UNIT_WIDTH, row * ROW_PITCH)
        i += 1
    return Design(catalog.id, catalog.version, f"Benchmark {n}", modules[:n])
