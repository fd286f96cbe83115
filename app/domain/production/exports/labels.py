"""What goes on each part label: one label per physical piece, shared by the PDF sheets and ZPL.

:func:`piece_labels` walks the merged part list (stock by stock, largest part
first, as the saw cuts them) and, for every piece of a part line, says which
module it belongs to: the pieces of a part line are counted out over the
modules in design order (a side with quantity 4 from cabinets c1 and c2 gives
pieces 1 and 2 to c1, 3 and 4 to c2), with the catalog name the piece has in
that module ("Bottom" or "Top" of a line "Bottom / Top").  The piece id
(:func:`~app.domain.production.exports.reference.piece_id`) is what the
barcode and the QR code hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.bom import Bom
from app.domain.production.exports.part_sides import SIDES
from app.domain.production.exports.reference import OrderReference, piece_id, piece_prefix
from app.domain.production.part_list import BomPart, PanelKey, identity
from app.domain.production.quantities import plain


@dataclass(frozen=True)
class PieceLabel:
    piece_id: str
    heading: str                 # the order reference line, or the design's name and id
    part_number: str
    name: str                    # the catalog name of this piece ("Top"), not the merged line's
    k: int                       # which piece of its part line, from 1
    qty: int
    module_id: str
    cabinet: str                 # "c1s2 Shelf in c1"
    length: Decimal              # finished, along the grain
    width: Decimal
    thickness: Decimal
    material: str                # the material's name
    decor: str                   # the finish's name, "" for none
    grain: str                   # "length", "width" or "none"
    bands: tuple[tuple[str, str], ...]   # (side, banding id) of the banded edges: ("front", "abs1")
    hinge: str = ""

    @property
    def size_text(self) -> str:
        return f"{plain(self.length)} x {plain(self.width)} x {plain(self.thickness)} mm"

    @property
    def bands_short(self) -> str:
        """"front abs2, back abs2", "abs1 all round" or "no banding": the caption under the edge sketch."""
        if not self.bands:
            return "no banding"
        if len(self.bands) == 4 and len({band for _, band in self.bands}) == 1:
            return f"{self.bands[0][1]} all round"
        return ", ".join(f"{side} {band}" for side, band in self.bands)

    @property
    def band_text(self) -> str:
        """"Edges: front abs2, back abs2", "Edges: abs1 all round" or "No edge banding"."""
        return "No edge banding" if not self.bands else f"Edges: {self.bands_short}"


def _key(part: BomPart) -> PanelKey:
    return (part.material, part.finish, part.thickness, part.length, part.width, part.cut_length,
            part.cut_width, part.grain, part.edges, part.finished_size, part.hinge)


def _owners(bom: Bom) -> dict[str, list[tuple[str, str]]]:
    """Per part number, (module id, catalog part name) of each piece, in design order."""
    numbers = {_key(p): p.number for p in bom.parts}
    owners: dict[str, list[tuple[str, str]]] = {p.number: [] for p in bom.parts}
    for module in bom.modules:
        for panel in module.panels:
            sides = ([(h, 1) for h in panel.hinges] if panel.hinges else [("", panel.count)])
            for hinge, count in sides:
                owners[numbers[identity(panel, hinge)]] += [(module.module_id, panel.name)] * count
    return owners


def heading_text(bom: Bom, reference: OrderReference | None) -> str:
    if reference is not None:
        return reference.line(" · ")
    return f"{bom.design_name} · {bom.design_id}" if bom.design_name else bom.design_id


def cabinet_text(catalog: Catalog, design: Design, module_id: str) -> str:
    """"c1s2 Shelf in c1": the module's id, its type's name, the host it sits in or on."""
    placed = next((m for m in design if m.id == module_id), None)
    if placed is None:
        return module_id
    entry = catalog.modules.get(placed.type_id)
    text = f"{module_id} {entry.name if entry is not None else placed.type_id}"
    return f"{text} {placed.attach} {placed.to}" if placed.to else text


def piece_labels(catalog: Catalog, design: Design, bom: Bom,
                 reference: OrderReference | None = None) -> list[PieceLabel]:
    """One label per physical piece, part line by part line (see the module docstring)."""
    prefix = piece_prefix(bom.design_id, reference)
    heading = heading_text(bom, reference)
    owners = _owners(bom)
    labels = []
    for part in bom.parts:
        material = catalog.materials[part.material].name if part.material in catalog.materials else part.material
        decor = catalog.finishes[part.finish].name if part.finish in catalog.finishes else ""
        edges = part.edge_map
        bands = tuple((side, edges[edge]) for edge, side in SIDES if edges.get(edge))
        pieces = owners[part.number]
        assert len(pieces) == part.qty, f"{part.number}: {len(pieces)} pieces found for quantity {part.qty}"
        for k, (module_id, name) in enumerate(pieces, start=1):
            labels.append(PieceLabel(piece_id(prefix, part.number, k), heading, part.number, name, k, part.qty,
                                     module_id, cabinet_text(catalog, design, module_id), part.length,
                                     part.width, part.thickness, material, decor, part.grain, bands, part.hinge))
    return labels
