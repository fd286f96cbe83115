"""Machining: what is drilled where in every panel of a design, from the catalog's machining.toml.

``design_machining(catalog, design, layout=None, cache=None) -> DesignMachining``
    Every located panel piece of the design with its holes in the part's own
    drawing frame (:mod:`.holes` says which), plus what the drilling check needs:
    the hinge plates' footprints, the pins each shelf stands on, the handles'
    screws.  Nothing here names a catalog id or holds a figure: the rules and
    their numbers are the catalog's (docs/catalog-format.md, "machining.toml").
``clashes(machining, clearances) -> list[Clash]``
    Holes that cannot be drilled as they are (:mod:`.clashes`).

Qt-free and file-free; the DXF writer (production/exports/dxf_parts.py) and the
rule ``rules/drilling.py`` read it.
"""

from app.domain.production.machining.clashes import Clash, clashes
from app.domain.production.machining.drilling import MachiningError, design_machining
from app.domain.production.machining.holes import DesignMachining, Hole, PieceMachining

__all__ = ["Clash", "DesignMachining", "Hole", "MachiningError", "PieceMachining", "clashes", "design_machining"]
