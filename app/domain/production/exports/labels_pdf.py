"""Part labels on A4 label sheets (fpdf2): one label per physical piece, barcode and QR code as vectors.

Each label (see :mod:`app.domain.production.exports.labels` for what it holds):

* the order reference (or the design's name and id) along the top;
* the piece's name (with the hinge side of a door), part number and "piece k / n",
  the finished size in bold, the cabinet it belongs to, material and decor;
* an edge sketch: the part drawn with its length left to right (as the saw list
  lays it, :mod:`~app.domain.production.exports.part_sides`), banded edges as
  thick black lines, unbanded ones thin and grey, and the grain as an arrow
  (none where the part has no grain);
* a QR code (segno) and a Code 128 barcode (:mod:`~app.domain.production.exports.code128`)
  of the piece id, with the id printed under the bars.

Everything is drawn as rectangles and text, no raster images, so the bars stay
sharp at any printer resolution.  The sheet formats are the common A4 label
stocks in :data:`STOCKS` (``label_stock`` option; the sheets have no gaps
between labels).  A laser printer leaves a few millimetres at the paper's edge
unprinted: each label keeps a margin inside its edges, and the bars keep a
quiet zone of more than ten modules from anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from fpdf import FPDF

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.bom import Bom
from app.domain.production.exports import ExportError, code128, write_atomic
from app.domain.production.exports.labels import PieceLabel, piece_labels
from app.domain.production.exports.pdf_fonts import register_fonts
from app.domain.production.exports.reference import OrderReference

PT = 0.3528   # mm per typographic point
GREY = (150, 150, 150)


@dataclass(frozen=True)
class LabelStock:
    """A sheet of labels: label size, how many across and down, where the first one starts (mm)."""

    name: str
    width: float
    height: float
    columns: int
    rows: int
    left: float
    top: float
    what: str

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        """Top left corner of the index-th label on its sheet (row by row)."""
        row, column = divmod(index % self.per_sheet, self.columns)
        return self.left + column * self.width, self.top + row * self.height


# The usual A4 sheets without gaps between labels (the sizes sold by every label maker).
STOCKS = {stock.name: stock for stock in (
    LabelStock("70x37", 70, 37, 3, 8, 0, 0.5, "A4, 3 x 8 = 24 labels of 70 x 37 mm"),
    LabelStock("105x48", 105, 48, 2, 6, 0, 4.5, "A4, 2 x 6 = 12 labels of 105 x 48 mm"),
    LabelStock("105x74", 105, 74, 2, 4, 0, 0.5, "A4, 2 x 4 = 8 labels of 105 x 74 mm"),
)}
DEFAULT_STOCK = "70x37"


def stock_named(name: str) -> LabelStock:
    try:
        return STOCKS[name]
    except KeyError:
        raise ExportError(f"unknown label stock '{name}' (expected one of "
                          f"{'; '.join(f'{s.name}: {s.what}' for s in STOCKS.values())})") from None


class LabelPdf(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.c_margin = 0
        # Condensed where installed (more of a part name fits a label); Chinese customer names print.
        if register_fonts(self, "Label", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", cjk=True) \
                or register_fonts(self, "Label", cjk=True):
            self.face, self.unicode = "Label", True
        else:
            self.face, self.unicode = "Helvetica", False
        self.set_title(title)
        self.set_creator("Modulor")
        self.set_subject("Part labels")

    def printable(self, text: str) -> str:
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def fitted(self, text: str, width: float, size: float, style: str = "", smallest: float = 0.0) -> tuple[str, float]:
        """``text`` at ``size`` pt, smaller (down to ``smallest``) or cut with an ellipsis to fit ``width`` mm."""
        text = self.printable(text)
        smallest = smallest or size * 0.75
        self.set_font(self.face, style, size)
        while self.get_string_width(text) > width and size > smallest:
            size = max(smallest, size - 0.25)
            self.set_font(self.face, style, size)
        if self.get_string_width(text) > width:
            ellipsis = "…" if self.unicode else "..."
            while text and self.get_string_width(text + ellipsis) > width:
                text = text[:-1]
            text = text.rstrip() + ellipsis
        return text, size

    def line_of_text(self, x: float, y: float, width: float, text: str, size: float, style: str = "",
                     align: str = "L") -> float:
        """One line at (x, y top); returns the y below it."""
        shown, size = self.fitted(text, width, size, style)
        height = size * PT * 1.18
        self.set_xy(x, y)
        self.cell(width, height, shown, align=align)
        return y + height


QUIET_MODULES = 10   # white a scanner needs either side of the bars, in modules


def _barcode(pdf: LabelPdf, text: str, x: float, y: float, width: float, height: float, label_width: float) -> None:
    """Code 128 bars centred in the box, as wide as the box allows while ten modules of quiet zone on either
    side still fall inside the label (``label_width``, centred on the box)."""
    total = code128.width_in_modules(text)
    module = min(width / total, label_width / (total + 2 * QUIET_MODULES))
    left = x + (width - total * module) / 2
    pdf.set_fill_color(0, 0, 0)
    for offset, bar in code128.bars(text):
        pdf.rect(left + offset * module, y, bar * module, height, style="F")


def _qr(pdf: LabelPdf, text: str, x: float, y: float, size: float) -> None:
    """The QR code's dark modules as rectangles (runs of a row merged), no quiet zone drawn."""
    matrix = segno.make(text, error="m", micro=False).matrix
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + start * module, y + r * module, (c - start) * module, module, style="F")
            else:
                c += 1


def _arrow(pdf: LabelPdf, x0: float, y0: float, x1: float, y1: float, head: float) -> None:
    pdf.line(x0, y0, x1, y1)
    if x0 == x1:   # vertical, pointing up
        points: Sequence[tuple[float, float]] = ((x1, y1), (x1 - head / 2, y1 + head), (x1 + head / 2, y1 + head))
    else:          # horizontal, pointing right
        points = ((x1, y1), (x1 - head, y1 - head / 2), (x1 - head, y1 + head / 2))
    pdf.polygon(points, style="F")


def _sketch(pdf: LabelPdf, label: PieceLabel, x: float, y: float, width: float, height: float) -> None:
    """The part with its length left to right, banded edges thick, the grain as an arrow."""
    # Drawn to the part's proportions, within reason: a 2 m x 50 mm plinth board still shows its ends.
    ratio = min(4.0, max(0.4, float(label.length / label.width) if label.width else 1.0))
    w, h = width, width / ratio
    if h > height:
        w, h = height * ratio, height
    left, top = x + (width - w) / 2, y + (height - h) / 2
    banded = {side for side, _ in label.bands}
    edges = {"front": ((left, top + h), (left + w, top + h)), "back": ((left, top), (left + w, top)),
             "left": ((left, top), (left, top + h)), "right": ((left + w, top), (left + w, top + h))}
    thick = max(0.5, h * 0.09)
    for side, ((ax, ay), (bx, by)) in edges.items():
        if side in banded:
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(thick)
        else:
            pdf.set_draw_color(*GREY)
            pdf.set_line_width(0.15)
        pdf.line(ax, ay, bx, by)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(0, 0, 0)
    pdf.set_line_width(0.2)
    head = min(w, h) * 0.22
    if label.grain == "length":
        _arrow(pdf, left + w * 0.2, top + h / 2, left + w * 0.8, top + h / 2, head)
    elif label.grain == "width":
        _arrow(pdf, left + w / 2, top + h * 0.8, left + w / 2, top + h * 0.2, head)


def draw_label(pdf: LabelPdf, label: PieceLabel, x: float, y: float, stock: LabelStock) -> None:
    """One label with its top left corner at (x, y)."""
    w, h = stock.width, stock.height
    scale = min(h / 37, w / 70)
    pad = max(2.2, h * 0.06)
    inner_w = w - 2 * pad
    pdf.set_text_color(0, 0, 0)
    top = pdf.line_of_text(x + pad, y + pad, inner_w, label.heading, 5.4 * scale, "B")
    id_size = 5.2 * scale
    id_top = y + h - pad - id_size * PT * 1.18
    bar_h = h * 0.2
    bar_top = id_top - bar_h - 0.3
    pdf.line_of_text(x + pad, id_top, inner_w, label.piece_id, id_size, align="C")
    _barcode(pdf, label.piece_id, x + pad, bar_top, inner_w, bar_h, w)
    middle = bar_top - 1.6 - (top + 0.6)          # room between the heading and the bars
    qr = min(middle, inner_w * 0.3)
    _qr(pdf, label.piece_id, x + w - pad - qr, top + 0.6 + (middle - qr) / 2, qr)
    sketch_w = qr * 0.85
    sketch_x = x + w - pad - qr - 2.0 - sketch_w
    text_w = sketch_x - 1.2 - (x + pad)
    name = label.name + (f" · hinge {label.hinge}" if label.hinge else "")
    line_y = top + 0.5
    line_y = pdf.line_of_text(x + pad, line_y, text_w, name, 7.4 * scale, "B")
    line_y = pdf.line_of_text(x + pad, line_y, text_w, f"{label.part_number}   piece {label.k} / {label.qty}",
                              6.2 * scale, "B")
    line_y = pdf.line_of_text(x + pad, line_y, text_w, label.size_text, 7.0 * scale, "B")
    line_y = pdf.line_of_text(x + pad, line_y, text_w, label.cabinet, 5.6 * scale)
    line_y = pdf.line_of_text(x + pad, line_y, text_w, label.material, 5.2 * scale)
    if label.decor:
        line_y = pdf.line_of_text(x + pad, line_y, text_w, label.decor, 5.2 * scale)
    if scale >= 1.2 and line_y + 5.2 * scale * PT * 1.2 < bar_top - 1:
        pdf.line_of_text(x + pad, line_y, text_w, label.band_text, 5.2 * scale)
    sketch_h = min(qr * 0.62, middle * 0.62)
    _sketch(pdf, label, sketch_x, top + 0.6 + (middle - sketch_h) / 2, sketch_w, sketch_h)
    grain = "no grain" if label.grain == "none" else "grain"
    pdf.set_text_color(90, 90, 90)
    pdf.line_of_text(sketch_x - 1, top + 0.6 + (middle + sketch_h) / 2 + 1.0, sketch_w + 2,
                     f"{label.bands_short} · {grain}", 4.6 * scale, align="C")
    pdf.set_text_color(0, 0, 0)


def render(labels: Sequence[PieceLabel], stock: LabelStock, title: str) -> bytes:
    pdf = LabelPdf(title)
    for n, label in enumerate(labels):
        if n % stock.per_sheet == 0:
            pdf.add_page()
        x, y = stock.origin(n)
        draw_label(pdf, label, x, y, stock)
    if not labels:
        pdf.add_page()
        pdf.line_of_text(20, 20, 170, "No parts: this design has no panels to label.", 12)
    return bytes(pdf.output())


def write(path: Path, *, catalog: Catalog, design: Design, bom: Bom, reference: OrderReference | None = None,
          label_stock: str = DEFAULT_STOCK, **_: Any) -> list[Path]:
    stock = stock_named(label_stock)
    labels = piece_labels(catalog, design, bom, reference)
    title = f"Labels: {reference.line(', ') if reference else bom.design_name} ({bom.design_id})"
    write_atomic(path, render(labels, stock, title))
    return [path]
