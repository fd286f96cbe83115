"""Per-part DXF files for the workshop's CNC: the outline and every hole, one file per part.

``modulor bom DESIGN --format dxf -o OUTDIR [--layers TEMPLATE]`` writes::

    OUTDIR/
      parts.csv                    one row per file: part number, name, stock, qty, sizes, holes, modules
      mfc18_white/P-1A2B3C.dxf     one folder per stock (material and decor), one file per part
      mfc18_white/P-4D5E6F-a.dxf   mirror pieces of one part number (a left and a right side) get -a, -b

Each drawing is the part's drawing frame (:mod:`app.domain.production.machining.holes`):
X along its finished length, Y across its width, seen from its front face, in
millimetres (``$INSUNITS`` = mm).  The outline is a closed polyline; a hole is a
circle of its diameter at its centre; a boring into an edge is a line from where
it enters, as long as it is deep.  Layer names come from the catalog's template
(``machining.toml [layers.<id>]``): CAM software reads tool and depth from them.
Every file goes through :func:`~app.domain.production.exports.write_atomic`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import ezdxf
from ezdxf.document import Drawing

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.machining_model import LayerTemplate
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.production.bom import Bom
from app.domain.production.exports import ExportError, write_atomic
from app.domain.production.exports.reference import OrderReference
from app.domain.production.machining import Hole, design_machining
from app.domain.production.machining.holes import PieceKey
from app.domain.production.part_list import BomPart, PanelKey, identity
from app.domain.production.parts import PartsCache, design_parts
from app.domain.production.quantities import plain

INDEX_FILE = "parts.csv"
INDEX_COLUMNS = ("File", "Part number", "Name", "Material", "Finish", "Qty", "Length", "Width", "Thickness",
                 "Holes", "Layers", "Modules", "Order")


@dataclass(frozen=True)
class PartDrawing:
    """One DXF file's content: a part (or one of its mirror variants) and its holes."""

    folder: str
    name: str                   # file name
    part: BomPart
    qty: int
    length: float
    width: float
    thickness: float
    holes: tuple[Hole, ...]
    modules: tuple[str, ...] = ()   # the modules its pieces belong to, in design order


def number_text(value: float, decimal: str = ".") -> str:
    """A figure as a layer name holds it: plain decimals, no needless zeros (12.5, 35, 0.4)."""
    text = plain(Decimal(str(round(value, 3))))
    return text.replace(".", decimal) if decimal != "." else text


def layer_for(template: LayerTemplate, hole: Hole, thickness: float) -> str:
    """The layer a hole is drawn on, by the template."""
    figures = {"diameter": hole.diameter, "depth": hole.depth, "radius": hole.diameter / 2, "thickness": thickness}
    values = {name: number_text(value, template.decimal) for name, value in figures.items()}
    if hole.face == "edge":
        return template.edge.format(**values)
    if hole.through:
        return template.through.format(**values)
    name = template.drill.format(**values)
    return template.back_prefix + name if hole.face == "back" else name


def outline_layer(template: LayerTemplate, thickness: float) -> str:
    return template.outline.format(thickness=number_text(thickness, template.decimal), diameter="", depth="",
                                   radius="")


def stock_folder(part: BomPart) -> str:
    return part.material if part.finish == "none" else f"{part.material}_{part.finish}"


def _key(part: BomPart) -> PanelKey:
    return (part.material, part.finish, part.thickness, part.length, part.width, part.cut_length, part.cut_width,
            part.grain, part.edges, part.finished_size, part.hinge)


def part_drawings(catalog: Catalog, design: Design, bom: Bom, cache: PartsCache | None = None) -> list[PartDrawing]:
    """Every DXF file's content, in the part list's order."""
    layout = Layout(catalog, design)
    modules = design_parts(catalog, design, layout, cache)
    machining = design_machining(catalog, design, layout, cache)
    holes: dict[PieceKey, tuple[Hole, ...]] = {p.key: p.holes for p in machining.pieces}
    by_key = {_key(p): p for p in bom.parts}
    # part number -> hole set -> pieces; unlocated panels count as pieces without holes
    variants: dict[str, dict[tuple[Hole, ...], list[str]]] = {}   # ... -> the module of each piece
    for module in modules:
        for p, panel in enumerate(module.panels):
            for b in range(panel.count):
                hinge = panel.hinges[b] if panel.hinges else ""
                part = by_key.get(identity(panel, hinge))
                if part is None:
                    raise ExportError(f"module '{module.module_id}': part '{panel.name}' is not in the part list")
                found = variants.setdefault(part.number, {})
                pattern = holes.get((module.module_id, p, b), ())
                found.setdefault(pattern, []).append(module.module_id)
    drawings = []
    for part in bom.parts:
        patterns = variants.get(part.number, {(): [""] * part.qty})
        several = len(patterns) > 1
        for n, (pattern, owners) in enumerate(patterns.items()):
            suffix = f"-{chr(ord('a') + n)}" if several and n < 26 else (f"-{n + 1}" if several else "")
            drawings.append(PartDrawing(stock_folder(part), f"{part.number}{suffix}.dxf", part, len(owners),
                                        float(part.length), float(part.width), float(part.thickness), pattern,
                                        tuple(m for m in dict.fromkeys(owners) if m)))
    return drawings


def drawing_document(drawing: PartDrawing, template: LayerTemplate, order: str = "") -> Drawing:
    """The DXF document of one part; ``order`` (the order's reference, or the design's) goes into its
    custom properties with the part's number, name, stock, size and quantity."""
    doc = ezdxf.new("R2010", setup=False)
    doc.units = ezdxf.units.MM
    doc.header["$INSUNITS"] = ezdxf.units.MM
    part = drawing.part
    for tag, value in (("Part", part.number), ("Name", part.label), ("Stock", f"{part.material}/{part.finish}"),
                       ("Size", f"{number_text(drawing.length)} x {number_text(drawing.width)} x "
                                f"{number_text(drawing.thickness)}"), ("Qty", str(drawing.qty)), ("Order", order)):
        if value:
            doc.header.custom_vars.append(tag, value)
    msp = doc.modelspace()
    outline = outline_layer(template, drawing.thickness)
    _layer(doc, outline, "outline")
    length, width = drawing.length, drawing.width
    msp.add_lwpolyline([(0, 0), (length, 0), (length, width), (0, width)], close=True,
                       dxfattribs={"layer": outline})
    for hole in drawing.holes:
        layer = layer_for(template, hole, drawing.thickness)
        _layer(doc, layer, _kind(hole))
        if hole.face == "edge":
            dx, dy = hole.direction
            msp.add_line((hole.x, hole.y), (hole.x + dx * hole.depth, hole.y + dy * hole.depth),
                         dxfattribs={"layer": layer})
        else:
            msp.add_circle((hole.x, hole.y), hole.diameter / 2, dxfattribs={"layer": layer})
    return doc


# Layer colours (AutoCAD colour index) so a viewer tells the kinds apart; CAM tools go by the names.
COLOURS = {"outline": 7, "front": 1, "back": 5, "through": 3, "edge": 6}


def _kind(hole: Hole) -> str:
    return "through" if hole.through else hole.face


def _layer(doc: Drawing, name: str, kind: str) -> None:
    if name not in doc.layers:
        try:
            doc.layers.add(name, color=COLOURS[kind])
        except ezdxf.DXFValueError as exc:
            raise ExportError(f"layer '{name}' cannot be used in a DXF file: {exc}") from None


def template_of(catalog: Catalog, layers: str | None) -> LayerTemplate:
    machining = catalog.machining
    if machining is None:
        raise ExportError(f"catalog '{catalog.id}' has no machining.toml: there is nothing to drill and no layer "
                          f"names for the DXF files")
    chosen = layers or machining.layer_template
    if chosen not in machining.layers:
        raise ExportError(f"unknown layer template '{chosen}' (the catalog has {', '.join(sorted(machining.layers))})")
    return machining.layers[chosen]


def _dxf_bytes(doc: Drawing) -> bytes:
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue().encode("utf-8")


def _index(drawings: Sequence[PartDrawing], template: LayerTemplate, order: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(INDEX_COLUMNS)
    for d in drawings:
        layers = sorted({layer_for(template, h, d.thickness) for h in d.holes})
        writer.writerow((f"{d.folder}/{d.name}", d.part.number, d.part.label, d.part.material, d.part.finish, d.qty,
                         number_text(d.length), number_text(d.width), number_text(d.thickness), len(d.holes),
                         " ".join(layers), " ".join(d.modules), order))
    return out.getvalue()


def write(path: Path, *, catalog: Catalog, design: Design, bom: Bom, layers: str | None = None,
          reference: OrderReference | None = None, **_ignored: Any) -> list[Path]:
    """Write the folder ``path`` (made if missing; its parent must exist): one DXF per part and parts.csv.

    ``reference``: the order they belong to (else the design's name and id), in every file."""
    template = template_of(catalog, layers)
    order = reference.line() if reference is not None else f"{design.name} {bom.design_id}".strip()
    drawings = part_drawings(catalog, design, bom)
    if path.exists() and not path.is_dir():
        raise ExportError(f"cannot write {path}: it is a file; the DXF export writes a folder")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    written = []
    for folder in sorted({d.folder for d in drawings}):
        try:
            (path / folder).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot write {path / folder}: {exc.strerror or exc}") from None
    for drawing in drawings:
        written.append(write_atomic(path / drawing.folder / drawing.name,
                                    _dxf_bytes(drawing_document(drawing, template, order))))
    written.append(write_atomic(path / INDEX_FILE, _index(drawings, template, order)))
    return written

