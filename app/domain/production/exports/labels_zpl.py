"""Part labels in ZPL II for thermal label printers (Zebra and the many that speak its language).

One ``^XA ... ^XZ`` block per physical piece, at 203 dpi (8 dots per mm) on
4 x 2 in (812 x 406 dots) or 4 x 3 in labels (``label_stock`` ``4x2`` or ``4x3``).
It holds what the PDF label holds (:mod:`app.domain.production.exports.labels`):
the order reference, the piece's name, part number and "piece k / n", the
finished size, the cabinet, material and decor, an edge sketch drawn with
``^GB`` boxes (banded edges as thick bars, the grain as an arrow), a QR code
(``^BQ``, model 2, error correction M) and a Code 128 barcode (``^BC``, the
printer picks the code sets) of the piece id, printed below the bars.

Text goes through ``^FH`` so that ``^``, ``~`` and ``_`` in a name or a customer's
name are sent as hex escapes (``_5E``) and can never end a field or start a
command; ``^CI28`` makes the printer read the rest as UTF-8 ("Natural oak
decor", "Björk").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.bom import Bom
from app.domain.production.exports import ExportError, code128, write_atomic
from app.domain.production.exports.labels import PieceLabel, piece_labels
from app.domain.production.exports.reference import OrderReference

ESCAPE = "_"             # the ^FH escape character (ZPL's default)
# Average width of a character of the scalable font 0 as a share of its height: used to cut a line
# that would run off the label (measured loosely on Zebra's font; better too short than clipped).
CHAR_WIDTH = 0.56


@dataclass(frozen=True)
class ZplStock:
    name: str
    width: int           # dots
    height: int
    what: str


STOCKS = {stock.name: stock for stock in (
    ZplStock("4x2", 812, 406, "4 x 2 in (101.6 x 50.8 mm) at 203 dpi"),
    ZplStock("4x3", 812, 609, "4 x 3 in (101.6 x 76.2 mm) at 203 dpi"),
)}
DEFAULT_STOCK = "4x2"


def stock_named(name: str) -> ZplStock:
    try:
        return STOCKS[name]
    except KeyError:
        raise ExportError(f"unknown ZPL label stock '{name}' (expected one of "
                          f"{'; '.join(f'{s.name}: {s.what}' for s in STOCKS.values())})") from None


def field_text(text: str) -> str:
    """Field data safe inside ``^FH^FD ... ^FS``: the escape character, ``^`` and ``~`` as hex."""
    return "".join(f"{ESCAPE}{ord(ch):02X}" if ch in "^~_" else ch for ch in text)


def _fit(text: str, width: int, height: int) -> str:
    limit = max(4, int(width / (height * CHAR_WIDTH)))
    # Three dots, not "…": a printer's resident font 0 need not have the ellipsis.
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."


def _text(x: int, y: int, height: int, text: str, width: int, align: str = "") -> str:
    """A line of text cut to ``width`` dots; ``align`` "R" right-justifies it in that width (a one-line ^FB)."""
    block = f"^FB{width},1,0,{align}" if align else ""
    return f"^FO{x},{y}^A0N,{height},{height}{block}^FH^FD{field_text(_fit(text, width, height))}^FS"


def _box(x: float, y: float, w: float, h: float, thickness: float) -> str:
    w, h = max(1, round(w)), max(1, round(h))
    return f"^FO{round(x)},{round(y)}^GB{w},{h},{max(1, min(round(thickness), w, h))}^FS"


def _sketch(label: PieceLabel, x: int, y: int, width: int, height: int) -> list[str]:
    ratio = min(4.0, max(0.4, float(label.length / label.width) if label.width else 1.0))
    w, h = float(width), width / ratio
    if h > height:
        w, h = height * ratio, float(height)
    left, top = x + (width - w) / 2, y + (height - h) / 2
    thick = max(6.0, h * 0.1)
    out = [_box(left, top, w, h, 1)]   # the outline, thin: unbanded edges
    banded = {side for side, _ in label.bands}
    if "front" in banded:
        out.append(_box(left, top + h - thick, w, thick, thick))
    if "back" in banded:
        out.append(_box(left, top, w, thick, thick))
    if "left" in banded:
        out.append(_box(left, top, thick, h, thick))
    if "right" in banded:
        out.append(_box(left + w - thick, top, thick, h, thick))
    head = max(8.0, min(w, h) * 0.2)
    if label.grain == "length":
        cy = top + h / 2
        x0, x1 = left + w * 0.2, left + w * 0.8
        out.append(_box(x0, cy - 1.5, x1 - x0, 3, 3))
        out.append(f"^FO{round(x1 - head)},{round(cy - head / 2)}^GD{round(head)},{round(head / 2)},3,B,L^FS")
        out.append(f"^FO{round(x1 - head)},{round(cy)}^GD{round(head)},{round(head / 2)},3,B,R^FS")
    elif label.grain == "width":
        cx = left + w / 2
        y0, y1 = top + h * 0.2, top + h * 0.8
        out.append(_box(cx - 1.5, y0, 3, y1 - y0, 3))
        out.append(f"^FO{round(cx - head / 2)},{round(y0)}^GD{round(head / 2)},{round(head)},3,B,R^FS")
        out.append(f"^FO{round(cx)},{round(y0)}^GD{round(head / 2)},{round(head)},3,B,L^FS")
    return out


def label_zpl(label: PieceLabel, stock: ZplStock) -> str:
    """One label's ``^XA ... ^XZ`` block."""
    W, H = stock.width, stock.height
    m = 20                               # dots kept clear at every edge
    tall = H >= 500                      # 4 x 3 in: the sketch goes under the QR code, the text gets wider
    scale = 1.1 if tall else 1.0
    qr_mag = 6 if tall else 5
    qr_size = 25 * qr_mag                # up to version 2 (25 modules): piece ids are 20-odd characters
    qr_x = W - m - qr_size
    qr_y = m + round(24 * scale)
    bar_h = 90 if tall else 70
    bar_y = H - m - bar_h - 28           # the printed id line (^BC's interpretation line) below the bars
    if tall:
        sketch_x, sketch_y, sketch_w, sketch_h = qr_x, qr_y + qr_size + 24, qr_size, 100
    else:
        sketch_x, sketch_y, sketch_w, sketch_h = qr_x - 20 - 140, m + 50, 140, 90
    text_w = sketch_x - 2 * m if not tall else qr_x - 2 * m
    lines = ["^XA", "^CI28", f"^PW{W}", f"^LL{H}", "^LH0,0"]
    y = m
    lines.append(_text(m, y, round(24 * scale), label.heading, W - 2 * m))
    y += round(30 * scale)
    name = label.name + (f" - hinge {label.hinge}" if label.hinge else "")
    rows = [(round(38 * scale), name), (round(28 * scale), f"{label.part_number}   piece {label.k} / {label.qty}"),
            (round(34 * scale), label.size_text), (round(24 * scale), label.cabinet),
            (round(22 * scale), label.material)]
    if label.decor:
        rows.append((round(22 * scale), label.decor))
    rows.append((round(22 * scale), label.band_text))
    for height, text in rows:
        if y + height > bar_y - 6:
            break
        lines.append(_text(m, y, height, text, text_w))
        y += height + 4
    # ^BQ draws its symbol a few dots below ^FO; the field data is the error correction level (M),
    # the input mode (A: automatic) and the text.
    lines.append(f"^FO{qr_x},{qr_y}^BQN,2,{qr_mag}^FDMA,{label.piece_id}^FS")
    lines += _sketch(label, sketch_x, sketch_y, sketch_w, sketch_h)
    # Under the sketch, right-aligned: the banding, then the grain (the text column says the banding in full).
    caption_x = max(sketch_x - 20, text_w + 2 * m + 8) if not tall else W - m - 300
    caption_w = sketch_x + sketch_w - caption_x
    lines.append(_text(caption_x, sketch_y + sketch_h + 4, 18, label.bands_short, caption_w, "R"))
    lines.append(_text(caption_x, sketch_y + sketch_h + 24, 18, "no grain" if label.grain == "none" else "grain",
                       caption_w, "R"))
    # Module width 2 dots (0.25 mm): a 20-character id is about 255 modules, 510 dots, centred with its
    # quiet zones (our encoder's width; the printer's own choice of code sets differs by a symbol at most).
    bar_w = 2 * code128.width_in_modules(label.piece_id)
    lines.append(f"^BY2,3,{bar_h}")
    lines.append(f"^FO{max(m + 20, (W - bar_w) // 2)},{bar_y}^BCN,{bar_h},Y,N,N,A^FD{label.piece_id}^FS")
    lines.append("^PQ1")
    lines.append("^XZ")
    return "\n".join(lines) + "\n"


def render(labels: Sequence[PieceLabel], stock: ZplStock) -> str:
    return "".join(label_zpl(label, stock) for label in labels)


def write(path: Path, *, catalog: Catalog, design: Design, bom: Bom, reference: OrderReference | None = None,
          label_stock: str = DEFAULT_STOCK, **_: Any) -> list[Path]:
    stock = stock_named(label_stock)
    write_atomic(path, render(piece_labels(catalog, design, bom, reference), stock))
    return [path]
