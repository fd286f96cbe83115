"""The customer's quote as a PDF (A4, in the customer's language): what they take home.

``render(quote, picture_png=None) -> bytes`` and ``write(path, quote, picture_png)``
lay out a :class:`~app.domain.production.papers.customer_quote.CustomerQuote`:

* the shop's name and address, the date and the validity date; the order code
  and its QR code when the design is an order;
* the design's picture (PNG from the rendering layer, optional), its overall
  size, and the front view drawn as vector lines from the located parts, with
  the overall width and height and each unit's width and height;
* a line per unit (what, size, finish, options, price), the finishes with
  their swatches (the decor's image where it has one, else its colour), the
  price before VAT, the VAT and the total, and the lead time.

Only what the customer pays is in a CustomerQuote, so nothing of cost, labour
or margin can reach this file.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from app.domain.production.exports import write_atomic
from app.domain.production.exports.customer_pdf import INK, MUTED, RULE, CustomerPdf, mm_text, money_text
from app.domain.production.papers.customer_quote import CustomerQuote
from app.domain.production.papers.elevation import Elevation
from app.domain.production.papers.words import Words

SWATCH = 11.0


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _date(quote: CustomerQuote, day: dt.date) -> str:
    if quote.language == "zh_CN":
        return day.isoformat()
    return day.strftime("%d.%m.%Y") if quote.language == "sv" else day.strftime("%d %b %Y")


def _head(pdf: CustomerPdf, quote: CustomerQuote, words: Words) -> None:
    shop = quote.shop
    top = pdf.get_y()
    if quote.order_code:
        import segno

        buffer = io.BytesIO()
        segno.make(quote.order_code, error="m").save(buffer, kind="png", scale=8, border=2)
        pdf.image(io.BytesIO(buffer.getvalue()), x=pdf.w - pdf.r_margin - 26, y=top, w=26, h=26)
    pdf.font(15, True)
    pdf.cell(0, 7, pdf.text_of(shop.name if shop else quote.catalog_name), new_x="LMARGIN", new_y="NEXT")
    pdf.font(8.5, colour=MUTED)
    lines = list(shop.address) if shop else []
    if shop and shop.phone:
        lines.append(f"{words.get('phone')} {shop.phone}")
    if shop and shop.email:
        lines.append(f"{words.get('email')} {shop.email}")
    for line in lines:
        pdf.cell(0, 4, pdf.text_of(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.font(20, True)
    pdf.cell(0, 9, pdf.text_of(words.get("quote")), new_x="LMARGIN", new_y="NEXT")
    pdf.font(11)
    pdf.cell(0, 6, pdf.text_of(quote.design_name), new_x="LMARGIN", new_y="NEXT")
    pdf.font(9, colour=MUTED)
    facts = [f"{words.get('date')} {_date(quote, quote.date)}",
             f"{words.get('valid_until')} {_date(quote, quote.valid_until)}"]
    if quote.order_code:
        facts.append(f"{words.get('order_code')} {quote.order_code}")
    pdf.cell(0, 5, pdf.text_of("   ·   ".join(facts)), new_x="LMARGIN", new_y="NEXT")
    if quote.order_code:
        pdf.set_y(max(pdf.get_y(), top + 27))
        pdf.font(7.5, colour=MUTED)
        pdf.cell(0, 4, pdf.text_of(words.get("order_code_note")), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _picture(pdf: CustomerPdf, picture_png: bytes | None) -> None:
    if not picture_png:
        return
    width = pdf.epw
    height = 64.0
    y = pdf.get_y()
    pdf.image(io.BytesIO(picture_png), x=pdf.l_margin, y=y, w=width, h=height, keep_aspect_ratio=True)
    pdf.set_y(y + height + 2)


def _dimension(pdf: CustomerPdf, x0: float, y0: float, x1: float, y1: float, text: str,
               vertical: bool = False) -> None:
    """A dimension line with end ticks and its figure beside it (page mm)."""
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.15)
    pdf.line(x0, y0, x1, y1)
    tick = 1.2
    if vertical:
        pdf.line(x0 - tick, y0, x0 + tick, y0)
        pdf.line(x1 - tick, y1, x1 + tick, y1)
        with pdf.rotation(90, x0 - 1.2, (y0 + y1) / 2):
            pdf.font(6.5, colour=INK)
            pdf.set_xy(x0 - 1.2 - 10, (y0 + y1) / 2 - 3)
            pdf.cell(20, 2.5, text, align="C")
    else:
        pdf.line(x0, y0 - tick, x0, y0 + tick)
        pdf.line(x1, y1 - tick, x1, y1 + tick)
        pdf.font(6.5, colour=INK)
        pdf.set_xy((x0 + x1) / 2 - 10, y0 - 3.2)
        pdf.cell(20, 2.8, text, align="C")


def _elevation(pdf: CustomerPdf, quote: CustomerQuote, words: Words) -> None:
    drawing: Elevation = quote.elevation
    if drawing.bounds is None:
        return
    bx0, bz0, bx1, bz1 = drawing.bounds
    room_w, room_h = max(bx1 - bx0, 1.0), max(bz1 - bz0, 1.0)
    box_w, box_h = pdf.epw - 36, 50.0
    scale = min(box_w / room_w, box_h / room_h)
    if pdf.get_y() + room_h * scale + 28 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.font(10, True)
    pdf.cell(0, 6, pdf.text_of(words.get("elevation")), new_x="LMARGIN", new_y="NEXT")
    left = pdf.l_margin + 16 + (box_w - room_w * scale) / 2
    top = pdf.get_y() + 8

    def page(x: float, z: float) -> tuple[float, float]:
        return left + (x - bx0) * scale, top + (bz1 - z) * scale

    pdf.set_line_width(0.2)
    for rect in drawing.rects:
        x0, y0 = page(rect.x0, rect.z1)
        x1, y1 = page(rect.x1, rect.z0)
        pdf.set_fill_color(*_hex(rect.colour))
        pdf.set_draw_color(70, 72, 78)
        pdf.rect(x0, y0, max(x1 - x0, 0.1), max(y1 - y0, 0.1), style="DF")
    _, bottom = page(bx0, bz0)
    # Overall width above, overall height on the left.
    ox0, oy0 = page(bx0, bz1)
    ox1, _ = page(bx1, bz1)
    _dimension(pdf, ox0, oy0 - 4, ox1, oy0 - 4, mm_text(room_w))
    _dimension(pdf, ox0 - 6, oy0, ox0 - 6, bottom, mm_text(room_h), vertical=True)
    # Each unit's width under the drawing, its height on the right (one column per height).
    columns: list[tuple[float, float]] = []
    right = ox1
    for span in drawing.spans:
        sx0, _ = page(span.x0, span.z0)
        sx1, _ = page(span.x1, span.z0)
        _dimension(pdf, sx0, bottom + 5, sx1, bottom + 5, mm_text(span.x1 - span.x0))
        pdf.font(6.5, True, MUTED)
        pdf.set_xy(sx0, bottom + 6.3)
        pdf.cell(sx1 - sx0, 3, pdf.text_of(words.get("unit", n=span.unit)), align="C")
        key = (round(span.z0), round(span.z1))
        if key not in [(round(a), round(b)) for a, b in columns]:
            columns.append((span.z0, span.z1))
    for n, (z0, z1) in enumerate(columns):
        _, ty = page(bx1, z1)
        _, by = page(bx1, z0)
        x = right + 5 + 6 * n
        _dimension(pdf, x, ty, x, by, mm_text(z1 - z0), vertical=True)
    pdf.set_y(bottom + 12)
    pdf.set_text_color(*INK)


def _lines(pdf: CustomerPdf, quote: CustomerQuote, words: Words) -> None:
    pdf.font(8.5)
    pdf.set_fill_color(255, 255, 255)   # the elevation's last finish colour must not fill the table
    pdf.set_draw_color(*RULE)
    headings = FontFaceBold()
    with pdf.table(col_widths=(14, 52, 86, 30), text_align=("L", "L", "L", "R"), line_height=4.2,
                   headings_style=headings, borders_layout="HORIZONTAL_LINES", width=pdf.epw) as table:
        head = table.row()
        for title in ("", words.get("what"), words.get("options"), words.get("price")):
            head.cell(pdf.text_of(title))
        for line in quote.lines:
            row = table.row()
            row.cell(pdf.text_of(words.get("unit", n=line.unit)))
            w, h, d = (mm_text(v) for v in line.size)
            row.cell(pdf.text_of(f"{line.name}\n{words.get('size', w=w, h=h, d=d)}\n{line.finish}"))
            row.cell(pdf.text_of("\n".join(line.options) or "-"))
            row.cell(pdf.text_of(money_text(line.price, quote.currency, quote.language)))
    pdf.ln(3)


def FontFaceBold() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(236, 237, 240))


def _swatches(pdf: CustomerPdf, quote: CustomerQuote, words: Words) -> None:
    if pdf.get_y() + SWATCH + 14 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.font(10, True)
    pdf.cell(0, 6, pdf.text_of(words.get("finishes")), new_x="LMARGIN", new_y="NEXT")
    x, y = pdf.l_margin, pdf.get_y() + 1
    for swatch in quote.swatches:
        if x + SWATCH + 40 > pdf.w - pdf.r_margin:
            x, y = pdf.l_margin, y + SWATCH + 3
        if swatch.texture is not None:
            pdf.image(str(swatch.texture), x=x, y=y, w=SWATCH, h=SWATCH)
        else:
            pdf.set_fill_color(*_hex(swatch.colour))
            pdf.rect(x, y, SWATCH, SWATCH, style="F")
        pdf.set_draw_color(*RULE)
        pdf.rect(x, y, SWATCH, SWATCH)
        pdf.font(8)
        pdf.set_xy(x + SWATCH + 2, y + SWATCH / 2 - 2)
        pdf.cell(38, 4, pdf.text_of(swatch.name))
        x += SWATCH + 44
    pdf.set_xy(pdf.l_margin, y + SWATCH + 4)


def _totals(pdf: CustomerPdf, quote: CustomerQuote, words: Words) -> None:
    if pdf.get_y() + 32 > pdf.h - pdf.b_margin:
        pdf.add_page()
    label_w, value_w = 60.0, 40.0
    x = pdf.w - pdf.r_margin - label_w - value_w
    rate = f"{quote.vat_rate * 100:.0f}" if (quote.vat_rate * 100) % 1 == 0 else f"{quote.vat_rate * 100:.1f}"
    rows = ((words.get("net"), quote.net, False), (words.get("vat", rate=rate), quote.vat, False),
            (words.get("total"), quote.gross, True))
    for label, amount, bold in rows:
        pdf.set_x(x)
        pdf.font(12 if bold else 9, bold)
        pdf.cell(label_w, 7 if bold else 5, pdf.text_of(label))
        pdf.font(12 if bold else 9, bold)   # afresh after a Chinese label (see CustomerPdf.font)
        pdf.cell(value_w, 7 if bold else 5, pdf.text_of(money_text(amount, quote.currency, quote.language)),
                 align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.line_text(words.get("lead_time", days=quote.lead_time_days), 10, True)
    pdf.line_text(words.get("prices_note"), 8, colour=MUTED)


def render(quote: CustomerQuote, picture_png: bytes | None = None) -> bytes:
    words = Words(quote.language)
    shop = quote.shop.name if quote.shop else quote.catalog_name
    pdf = CustomerPdf(f"{words.get('quote')}: {quote.design_name}", f"{shop}  ·  {quote.design_name}",
                      words.get("page", n="{n}", total="{total}"),
                      cjk=quote.language == "zh_CN")
    pdf.set_subject(words.get("quote"))
    pdf.add_page()
    _head(pdf, quote, words)
    _picture(pdf, picture_png)
    if quote.overall_size is not None:
        w, h, d = (mm_text(v) for v in quote.overall_size)
        pdf.line_text(f"{words.get('overall')}: {words.get('size', w=w, h=h, d=d)}", 10, True)
    _elevation(pdf, quote, words)
    _lines(pdf, quote, words)
    _swatches(pdf, quote, words)
    _totals(pdf, quote, words)
    return bytes(pdf.output())


def write(path: Path, quote: CustomerQuote, picture_png: bytes | None = None) -> Path:
    write_atomic(path, render(quote, picture_png))
    return path
