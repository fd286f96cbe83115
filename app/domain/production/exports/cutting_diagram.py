"""The workshop PDF's cutting diagrams: one sheet per page, with the cut order a panel-saw operator follows.

Each page shows the raw sheet (the trim shaded), its parts (number, cut size,
name, edge-band marks, a grain arrow where the stock has a grain), every cut as a
line with its number (first-stage cuts thicker), and the offcuts with their size
(stock to keep, as the material's ``offcut_stock`` says, in green; waste
hatched).  Beside it the saw list: per cut its number, stage, direction, fence
distance and the two pieces it gives; then the offcuts.  A sheet with more cuts
than the page holds continues the list on the next page.

Edge-band marks follow :mod:`~app.domain.production.exports.part_sides`: a part
lying with its length left to right has L1 (front) at the bottom, L2 at the top,
W1 left, W2 right; a part turned on the sheet (its length across) is that
drawing turned a quarter anticlockwise.  The drawing is plain fpdf2 vector
graphics; :mod:`~app.domain.production.exports.bom_pdf` calls :func:`draw_sheet`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.domain.production.cutlist import SheetLayout, StockCut
from app.domain.production.nesting_cuts import Cut, CutPlan, Offcut
from app.domain.production.quantities import plain

if TYPE_CHECKING:
    from app.domain.production.bom import BomStock

# The page is bom_pdf's WorkshopPdf (an fpdf2 FPDF with .bom, .family, .heading and .text_of);
# typed loosely here because bom_pdf imports this module and the import contracts forbid a cycle.
WorkshopPdf = Any
At = Callable[[float, float], tuple[float, float]]   # sheet mm -> page mm

PIECE_FILL = (226, 232, 240)
TRIM_FILL = (205, 205, 205)
SHEET_FILL = (252, 251, 248)
STOCK_FILL = (204, 236, 204)
BAND = (214, 120, 24)
CUT = (200, 30, 30)
INK = (40, 44, 52)
LIST_WIDTH = 92.0     # mm of the page the saw list takes, right of the diagram
ROW = 3.1             # mm per saw-list row


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _size(rect: tuple[float, float, float, float]) -> str:
    return f"{_mm(rect[2])} x {_mm(rect[3])}"


def piece_text(what: str, rect: tuple[float, float, float, float]) -> str:
    """What a cut gives, for the saw list: "P-1A2B3C 714 x 594", "strip 2780 x 560", "offcut 12 x 560"."""
    if what == "waste":
        return "waste"
    return f"{what} {_size(rect)}"


def cut_text(cut: Cut) -> str:
    """ "along, fence 560" — the direction and the distance to set on the fence."""
    return f"{cut.direction}, fence {_mm(cut.fence)}"


def draw_sheet(pdf: WorkshopPdf, stock: BomStock, sheet: SheetLayout) -> None:
    """One landscape page (or more, for a long saw list) for ``sheet`` of ``stock``."""
    cut = stock.cut
    plan = cut.plan(sheet)
    pdf.add_page(orientation="L")
    pdf.heading(f"Sheet {stock.name} {sheet.index} / {cut.sheet_count}:  {plain(cut.sheet_length)} x "
                f"{plain(cut.sheet_width)} mm, trim {plain(cut.trim)}, kerf {plain(cut.kerf)}, "
                f"yield {sheet.yield_ratio * 100:.1f} %, {len(plan.cuts)} cuts in {plan.stages} stages", 11)
    top = pdf.get_y() + 1
    width = pdf.epw - LIST_WIDTH - 4
    scale = min(width / float(cut.sheet_length), (pdf.eph - (top - pdf.t_margin) - 30) / float(cut.sheet_width))
    _diagram(pdf, stock, sheet, plan, pdf.l_margin, top, scale)
    below = top + float(cut.sheet_width) * scale + 2
    _notes(pdf, cut, plan, pdf.l_margin, below, width)
    _saw_list(pdf, stock, sheet, plan, pdf.l_margin + width + 4, top)


def _diagram(pdf: WorkshopPdf, stock: BomStock, sheet: SheetLayout, plan: CutPlan,
             x0: float, y0: float, scale: float) -> None:
    cut = stock.cut
    length, width, trim = float(cut.sheet_length), float(cut.sheet_width), float(cut.trim)

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + x * scale, y0 + y * scale

    pdf.set_line_width(0.2)
    pdf.set_draw_color(120, 120, 120)
    pdf.set_fill_color(*TRIM_FILL)
    pdf.rect(x0, y0, length * scale, width * scale, style="DF")
    pdf.set_fill_color(*SHEET_FILL)
    pdf.rect(*at(trim, trim), (length - 2 * trim) * scale, (width - 2 * trim) * scale, style="F")
    for offcut in plan.offcuts:
        _offcut(pdf, cut, offcut, at, scale)
    parts = {p.number: p for p in pdf.bom.parts}
    for piece in sheet.parts:
        x, y = at(float(piece.x), float(piece.y))
        w, h = float(piece.along) * scale, float(piece.across) * scale
        pdf.set_draw_color(60, 60, 60)
        pdf.set_fill_color(*PIECE_FILL)
        pdf.set_line_width(0.15)
        pdf.rect(x, y, w, h, style="DF")
        part = parts.get(piece.number)
        if part is not None:
            _bands(pdf, dict(part.edges), piece.rotated, x, y, w, h)
        _piece_text(pdf, piece.number, f"{plain(piece.along)} x {plain(piece.across)}",
                    part.label if part is not None else "", x, y, w, h)
        if cut.grain and part is not None and part.grain != "none":
            _arrow(pdf, x + w * 0.15, y + h - min(2.2, h * 0.2), min(w * 0.3, 14.0))
    _cut_lines(pdf, plan, at, scale)


def _offcut(pdf: WorkshopPdf, cut: StockCut, offcut: Offcut, at: At, scale: float) -> None:
    x, y = at(offcut.x, offcut.y)
    w, h = offcut.along * scale, offcut.across * scale
    if cut.is_stock(offcut):
        pdf.set_fill_color(*STOCK_FILL)
        pdf.set_draw_color(60, 140, 60)
        pdf.set_line_width(0.2)
        pdf.rect(x, y, w, h, style="DF")
        label = f"STOCK {_size((0, 0, offcut.along, offcut.across))}"
    else:
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.1)
        step = 2.0
        k = step
        while k < w + h:    # hatching: waste
            x1, y1 = x + min(k, w), y + max(0.0, k - w)
            x2, y2 = x + max(0.0, k - h), y + min(k, h)
            pdf.line(x1, y1, x2, y2)
            k += step
        label = _size((0, 0, offcut.along, offcut.across))
    size = max(3.5, min(6.0, h * 0.9, w / max(1, len(label)) * 2.2))
    if h > 2.2 and w > 6:
        pdf.set_font(pdf.family, "", size)
        pdf.set_text_color(40, 100, 40) if cut.is_stock(offcut) else pdf.set_text_color(110, 110, 110)
        pdf.set_xy(x, y + h / 2 - size * 0.21)
        pdf.cell(w, size * 0.42, pdf.text_of(label), align="C")
        pdf.set_text_color(*INK)


def _bands(pdf: WorkshopPdf, edges: dict[str, str], rotated: bool, x: float, y: float, w: float, h: float) -> None:
    """A thick orange line inside each banded edge (part_sides: L1 front at the bottom, as drawn upright)."""
    if not rotated:
        lines = {"L1": (x, y + h, x + w, y + h), "L2": (x, y, x + w, y), "W1": (x, y, x, y + h),
                 "W2": (x + w, y, x + w, y + h)}
    else:   # the upright drawing turned a quarter anticlockwise: front to the right, W1 at the bottom
        lines = {"L1": (x + w, y, x + w, y + h), "L2": (x, y, x, y + h), "W1": (x, y + h, x + w, y + h),
                 "W2": (x, y, x + w, y)}
    pdf.set_draw_color(*BAND)
    pdf.set_line_width(0.7)
    inset = 0.45
    for edge, (x1, y1, x2, y2) in lines.items():
        if edges.get(edge):
            dx = inset if x1 == x2 and x1 == x else (-inset if x1 == x2 else 0)
            dy = inset if y1 == y2 and y1 == y else (-inset if y1 == y2 else 0)
            pdf.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy)
    pdf.set_line_width(0.2)


def _arrow(pdf: WorkshopPdf, x: float, y: float, length: float) -> None:
    """A grain arrow pointing along the sheet's length (the decor runs that way on every part)."""
    if length < 3:
        return
    pdf.set_draw_color(90, 60, 30)
    pdf.set_line_width(0.25)
    pdf.line(x, y, x + length, y)
    pdf.line(x + length, y, x + length - 1.2, y - 0.7)
    pdf.line(x + length, y, x + length - 1.2, y + 0.7)
    pdf.set_line_width(0.2)


def _piece_text(pdf: WorkshopPdf, number: str, size_text: str, label: str,
                x: float, y: float, w: float, h: float) -> None:
    size = max(3.8, min(7.5, h * 1.0, w * 0.45))
    lines = [number, size_text, label]
    shown = [line for i, line in enumerate(lines) if (i + 1) * size * 0.42 < h - 2]
    pdf.set_text_color(*INK)
    pdf.set_xy(x, y + max(0.5, (h - len(shown) * size * 0.42) / 2))
    for i, line in enumerate(shown):
        pdf.set_font(pdf.family, "B" if i == 0 else "", size)
        width_chars = max(4, int(w / (size * 0.2)))
        pdf.set_x(x)
        pdf.cell(w, size * 0.42, pdf.text_of(line[:width_chars]), align="C", new_x="LEFT", new_y="NEXT")


def _cut_lines(pdf: WorkshopPdf, plan: CutPlan, at: At, scale: float) -> None:
    """Each cut as a red line along the middle of its kerf, its number in a tag at the line's start."""
    pdf.set_draw_color(*CUT)
    for c in plan.cuts:
        board = c.board
        kerf_mid = (c.second[0] - c.first[0] - c.first[2]) / 2 if c.direction == "across" else \
            (c.second[1] - c.first[1] - c.first[3]) / 2
        if c.direction == "across":
            x1, y1 = at(c.position + kerf_mid, board[1])
            x2, y2 = at(c.position + kerf_mid, board[1] + board[3])
        else:
            x1, y1 = at(board[0], c.position + kerf_mid)
            x2, y2 = at(board[0] + board[2], c.position + kerf_mid)
        pdf.set_line_width(0.45 if c.stage == 1 else 0.25)
        pdf.line(x1, y1, x2, y2)
    pdf.set_line_width(0.1)
    for c in plan.cuts:
        board = c.board
        if c.direction == "across":
            tx, ty = at(c.position, board[1])
        else:
            tx, ty = at(board[0], c.position)
        text = str(c.number)
        pdf.set_font(pdf.family, "B", 5)
        tw = pdf.get_string_width(text) + 1.0
        pdf.set_fill_color(*CUT)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(tx - tw / 2 if c.direction == "across" else tx, ty if c.direction == "across" else ty - 1.1)
        pdf.cell(tw, 2.2, text, align="C", fill=True)
    pdf.set_text_color(*INK)
    pdf.set_line_width(0.2)


def _notes(pdf: WorkshopPdf, cut: StockCut, plan: CutPlan, x: float, y: float, width: float) -> None:
    pdf.set_xy(x, y)
    pdf.set_font(pdf.family, "", 7)
    grain = ("Grain runs left to right (along the sheet): arrows on the parts." if cut.grain
             else "No grain: parts may be turned.")
    pdf.multi_cell(width, 3.3, pdf.text_of(
        f"{grain}  Positions in mm from the top left sheet corner, trim included.  Trim the edges first "
        f"({plain(cut.trim)} mm), then saw in the order of the numbers: each strip off the board, and that "
        f"strip cut up, before the next.  Red: cuts (thick: first stage).  Orange: edge banding "
        f"(L1 front at the bottom of an upright part).  Green: offcuts kept as stock"
        + (f" (at least {plain(cut.offcut_stock[0])} x {plain(cut.offcut_stock[1])} mm)" if cut.offcut_stock
           else " (this material keeps none)") + "; hatched: waste."), new_x="LMARGIN", new_y="NEXT")
    kept = [o for o in plan.offcuts if cut.is_stock(o)]
    if kept:
        pdf.set_x(x)
        pdf.set_font(pdf.family, "B", 7)
        pdf.multi_cell(width, 3.3, pdf.text_of(
            "Offcuts to stock: " + ", ".join(f"{_mm(o.size[0])} x {_mm(o.size[1])} (at {_mm(o.x)}, {_mm(o.y)})"
                                             for o in kept)), new_x="LMARGIN", new_y="NEXT")


def _saw_list(pdf: WorkshopPdf, stock: BomStock, sheet: SheetLayout, plan: CutPlan, x: float, y: float) -> None:
    rows = [(str(c.number), str(c.stage), cut_text(c), piece_text(c.first_is, c.first),
             piece_text(c.second_is, c.second)) for c in plan.cuts]
    rows += [("", "", "offcut" + (" STOCK" if stock.cut.is_stock(o) else ""),
              f"{_mm(o.along)} x {_mm(o.across)}", f"at {_mm(o.x)}, {_mm(o.y)}") for o in plan.offcuts]
    widths = (6.0, 5.0, 23.0, 29.0, 29.0)
    headers = ("#", "St", "Cut", "Gives (at the fence)", "and (beyond)")
    bottom = pdf.h - pdf.b_margin - 2
    pdf.set_xy(x, y)

    def header_row() -> None:
        pdf.set_font(pdf.family, "B", 6)
        pdf.set_fill_color(225, 228, 233)
        pdf.set_x(x)
        for text, w in zip(headers, widths):
            pdf.cell(w, ROW + 0.4, pdf.text_of(text), border=0, fill=True)
        pdf.ln(ROW + 0.4)

    header_row()
    for row in rows:
        if pdf.get_y() + ROW > bottom:
            pdf.add_page(orientation="L")
            pdf.heading(f"Sheet {stock.name} {sheet.index} / {stock.cut.sheet_count}: saw list (continued)", 11)
            x = pdf.l_margin
            header_row()
        pdf.set_x(x)
        pdf.set_font(pdf.family, "", 5.6)
        for text, w in zip(row, widths):
            pdf.cell(w, ROW, pdf.text_of(text[: int(w / 1.05)]))
        pdf.ln(ROW)
