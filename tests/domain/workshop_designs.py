"""Two designs built by hand for the workshop-output tests (labels, saw lists), beside the presets.

* ``study``: a walnut tall cabinet with two shelves and a left-hinged walnut door,
  a birch open shelf (plywood: grain of its own) and an oak base cabinet with
  a drawer: three grained decors and a grained board, a hinged front, a drawer box,
  parts in nine stocks.
* ``kitchen``: two white base cabinets with oak doors hinged away from each other, a
  white wall cabinet above with a shelf: identical pieces over several modules, so
  the pieces of one part line belong to different cabinets.
"""

from __future__ import annotations

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design, PlacedModule

NAMES = ("study", "kitchen")


def study(catalog: Catalog) -> Design:
    return Design(catalog.id, catalog.version, "Walnut study", [
        PlacedModule("t1", "tall_cabinet", {"width": 600, "height": 2000, "depth": 350}, "walnut"),
        PlacedModule("t1s1", "shelf", {}, "walnut", (19, -3, 700), attach="in", to="t1"),
        PlacedModule("t1s2", "shelf", {}, "walnut", (19, -3, 1300), attach="in", to="t1"),
        PlacedModule("t1d", "door", {"hinge_side": "left"}, "walnut", attach="in", to="t1"),
        PlacedModule("o1", "open_shelf", {"width": 800, "height": 1200, "depth": 350}, "birch", (700, 0, 0)),
        PlacedModule("b1", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "oak", (1600, 0, 0)),
        PlacedModule("b1d1", "drawer", {"handle": "handle_knob"}, "oak", attach="in", to="b1"),
    ])


def kitchen(catalog: Catalog) -> Design:
    return Design(catalog.id, catalog.version, "Kitchen run", [
        PlacedModule("k1", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("k1s", "shelf", {}, "white", (19, -3, 338), attach="in", to="k1"),
        PlacedModule("k1d", "door", {"hinge_side": "left"}, "oak", (2, -560, 2), attach="in", to="k1"),
        PlacedModule("k2", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white", (600, 0, 0)),
        PlacedModule("k2s", "shelf", {}, "white", (19, -3, 338), attach="in", to="k2"),
        PlacedModule("k2d", "door", {"hinge_side": "right"}, "oak", (2, -560, 2), attach="in", to="k2"),
        PlacedModule("w1", "wall_cabinet", {"width": 600, "height": 400, "depth": 350}, "white", (0, 0, 1400),
                     attach="wall"),
        PlacedModule("w1s", "shelf", {}, "white", (19, -3, 178), attach="in", to="w1"),
    ])


def built(catalog: Catalog, name: str) -> Design:
    return {"study": study, "kitchen": kitchen}[name](catalog)
