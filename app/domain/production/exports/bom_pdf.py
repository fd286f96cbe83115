"""PDF for the workshop (fpdf2): cover, part list, hardware, banding, sheets, diagrams, totals.

Laid out for A4: the cover (portrait) shows the design's name and id, the
overall dimensions, a rendered view when the caller passes one (PNG bytes made
by the UI layer: the domain never renders) and the headline figures; the tables
and one nested-sheet diagram per page follow in landscape, where the part list's
columns fit at 8 pt.  Every page's footer repeats the design id and the page
number, so loose pages find their order; papers of an order (an
:class:`~app.domain.production.exports.reference.OrderReference`) name it on the
cover and in every page's header (order code, customer, date).

Text uses DejaVu Sans when the system has it (any catalog name prints), else
the PDF core font Helvetica with characters outside Latin-1 replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
from app.domain.production.exports.cutting_diagram import draw_sheet
from app.domain.production.exports.pdf_fonts import needs_cjk, register_fonts
from app.domain.production.exports.reference import OrderReference
from app.domain.production.exports.tables import (
    EDGES,
    Table,
    banding_table,
    hardware_table,
    percent,
    stocks_table,
    summary_rows,
)
from app.domain.production.pricing import CostLine
from app.domain.production.quantities import plain

HEADING = (40, 44, 52)
RULE = (150, 150, 150)
HEADER_FILL = FontFace(emphasis="BOLD", fill_color=(225, 228, 233))


class WorkshopPdf(FPDF):
    def __init__(self, bom: Bom, reference: OrderReference | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.bom = bom
        self.reference = reference
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(12, 12, 12)
        # A Chinese customer's name (a kiosk order) prints with the CJK fallback.
        names = (bom.design_name, reference.customer if reference is not None else "")
        if register_fonts(self, "Body", cjk=needs_cjk(*names)):
            self.family, self.unicode = "Body", True
        else:
            self.family, self.unicode = "Helvetica", False
        self.set_title(f"{bom.design_name} ({bom.design_id})")
        self.set_creator("Modulor")
        self.set_subject("Bill of materials and cut list")

    def text_of(self, value: Any) -> str:
        text = plain(value) if isinstance(value, Decimal) else str(value)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        if self.reference is None:
            return
        self.set_y(5)
        self.set_font(self.family, "", 7)
        self.set_text_color(*RULE)
        self.cell(0, 4, self.text_of(self.reference.line()), align="R")
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(self.family, "", 7)
        self.set_text_color(*RULE)
        self.cell(0, 4, self.text_of(f"{self.bom.design_name}  ·  {self.bom.design_id}  ·  "
                                     f"{self.bom.catalog_id} {self.bom.catalog_version}"), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"page {self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 13) -> None:
        self.set_font(self.family, "B", size)
        self.set_text_color(*HEADING)
        self.cell(0, size * 0.6, self.text_of(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def data_table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
                   align: Sequence[str], size: float = 8) -> None:
        """A table with a header row repeated on every page (fpdf's own ``table`` builds it)."""
        self.set_font(self.family, "", size)
        with super().table(col_widths=widths, width=sum(widths), text_align=align, headings_style=HEADER_FILL,
                           line_height=size * 0.5, repeat_headings=1, align="LEFT",
                           borders_layout="HORIZONTAL_LINES") as table:
            head = table.row()
            for title in headers:
                head.cell(self.text_of(title))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.text_of(value))
        self.ln(3)

    def plain_table(self, table: Table, widths: Sequence[float], skip: Sequence[str] = ()) -> None:
        keep = [i for i, c in enumerate(table.columns) if c.title not in skip]
        align = ["R" if table.columns[i].kind != "text" else "L" for i in keep]
        rows = [[_shown(row[i], table.columns[i].kind) for i in keep] for row in table.rows]
        self.data_table([table.columns[i].title for i in keep], rows, widths, align)


def _shown(value: Any, kind: str) -> Any:
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if kind == "kg" and isinstance(value, Decimal):
        return f"{value:.3f}"
    return value


def _size(size: Sequence[Decimal]) -> str:
    return " x ".join(f"{plain(v)}" for v in size) + " mm" if size else "-"


def _cover(pdf: WorkshopPdf, bom: Bom, picture_png: bytes | None) -> None:
    pdf.add_page(orientation="P")
    pdf.heading("Workshop order", 20)
    if pdf.reference is not None:
        pdf.set_font(pdf.family, "B", 12)
        pdf.cell(0, 7, pdf.text_of(pdf.reference.line()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 12)
    pdf.cell(0, 7, pdf.text_of(bom.design_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 10)
    pdf.cell(0, 6, pdf.text_of(f"Design id {bom.design_id}   ·   catalog {bom.catalog_id} {bom.catalog_version}"),
             new_x="LMARGIN", new_y="NEXT")
    size = bom.overall_size
    dims = ("Overall size (width x depth x height): " + _size(size)) if size else "Overall size: empty design"
    pdf.cell(0, 6, pdf.text_of(dims), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if picture_png:
        import io
        width = pdf.epw
        pdf.image(io.BytesIO(picture_png), x=pdf.l_margin, w=width, h=width * 0.62, keep_aspect_ratio=True)
        pdf.ln(3)
    else:
        pdf.set_font(pdf.family, "", 9)
        pdf.set_text_color(*RULE)
        pdf.cell(0, 6, "(no rendered view)", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.heading("Summary", 12)
    rows = [(label, f"{value:,.2f}" if unit == bom.currency else value, unit)
            for label, value, unit in summary_rows(bom)[3:]]
    pdf.data_table(["Figure", "Value", "Unit"], rows, [60, 45, 18], ["L", "R", "L"], size=9)
    for problem in bom.problems:
        pdf.set_font(pdf.family, "B", 9)
        pdf.multi_cell(0, 5, pdf.text_of(f"{problem.severity}: {problem.entry}: {problem.message}"),
                       new_x="LMARGIN", new_y="NEXT")


def _parts(pdf: WorkshopPdf, bom: Bom) -> None:
    pdf.add_page(orientation="L")
    pdf.heading("Parts")
    headers = ["Part no", "Label", "Qty", "Stock", "T", "Finished L x W", "Cut L x W", "Grain",
               "L1", "L2", "W1", "W2", "kg each", "Modules"]
    rows = []
    for p in bom.parts:
        edges = p.edge_map
        rows.append([p.number, p.label, p.qty, f"{p.material}/{p.finish}", p.thickness,
                     f"{plain(p.length)} x {plain(p.width)}", f"{plain(p.cut_length)} x {plain(p.cut_width)}",
                     p.grain, *(edges.get(e, "-") for e in EDGES), f"{p.mass_kg:.2f}",
                     _short(", ".join(p.modules), 38)])
    widths = [19, 30, 9, 28, 8, 27, 27, 13, 15, 15, 15, 15, 13, 39]
    pdf.data_table(headers, rows, widths, ["L", "L", "R", "L", "R", "R", "R", "L", "L", "L", "L", "L", "R", "L"])


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _lists(pdf: WorkshopPdf, bom: Bom) -> None:
    pdf.add_page(orientation="L")
    pdf.heading("Hardware")
    pdf.plain_table(hardware_table(bom), [26, 86, 20, 20, 14, 10, 18, 20, 16, 43])
    pdf.heading("Edge banding")
    pdf.plain_table(banding_table(bom), [20, 90, 22, 14, 18, 22, 22])
    pdf.heading("Sheets")
    pdf.plain_table(stocks_table(bom), [20, 24, 20, 24, 24, 14, 24, 20, 20, 16, 22, 22])


def _board_text(line: CostLine) -> str:
    """"2 sheets x 86.3604" (whole sheets bought) or "3.81432 m2 x 17.135 / 0.8 yield" (by area)."""
    if line.unit == "sheets":
        return f"{plain(line.quantity)} sheet{'' if line.quantity == 1 else 's'} x {plain(line.unit_price)}"
    return f"{plain(line.quantity)} {line.unit} x {plain(line.unit_price)} / {plain(line.yield_ratio)} yield"


def _totals(pdf: WorkshopPdf, bom: Bom) -> None:
    costs, lead = bom.quote.costs, bom.quote.lead_time
    pdf.add_page(orientation="P")
    pdf.heading("Totals")
    money = bom.currency
    rows = [(f"Board {line.key}", _board_text(line), f"{line.amount:,.2f}") for line in costs.board]
    rows += [(f"Banding {line.key}", f"{plain(line.quantity)} m x {plain(line.unit_price)}", f"{line.amount:,.2f}")
             for line in costs.banding]
    rows += [("Materials", "", f"{costs.materials:,.2f}"), ("Hardware", "", f"{costs.hardware_total:,.2f}"),
             ("Labour", f"{plain(costs.labour.quantity)} min x {plain(costs.labour.unit_price)} / 60",
              f"{costs.labour_total:,.2f}"),
             ("Cost", "", f"{costs.cost:,.2f}"),
             ("Margin", f"{percent(costs.margin_rate)} %", f"{costs.margin:,.2f}"),
             ("Net price", "", f"{costs.net:,.2f}"),
             ("VAT", f"{percent(costs.vat_rate)} %", f"{costs.vat:,.2f}"),
             (f"Price ({money})", "", f"{costs.gross:,.2f}")]
    pdf.data_table(["Line", "How", f"Amount {money}"], rows, [70, 70, 40], ["L", "L", "R"], size=9)
    pdf.heading("Lead time", 12)
    lead_rows = [("Slowest stock" + (f" ({lead.supply_from})" if lead.supply_from else ""), lead.supply_days),
                 ("Workshop base days", lead.base_days),
                 (f"Production ({plain(bom.quote.labour_minutes)} min)", lead.production_days),
                 ("Lead time (days)", lead.total_days)]
    pdf.data_table(["Step", "Days"], lead_rows, [120, 30], ["L", "R"], size=9)
    pdf.set_font(pdf.family, "", 9)
    pdf.cell(0, 6, pdf.text_of(f"Total weight {bom.weight_kg:.2f} kg"), new_x="LMARGIN", new_y="NEXT")


def render(bom: Bom, picture_png: bytes | None = None, reference: OrderReference | None = None) -> bytes:
    pdf = WorkshopPdf(bom, reference)
    _cover(pdf, bom, picture_png)
    if bom.parts:
        _parts(pdf, bom)
    _lists(pdf, bom)
    for stock in bom.stocks:
        for sheet in stock.cut.sheets:
            draw_sheet(pdf, stock, sheet)   # the cutting diagram and its saw list (cutting_diagram.py)
    _totals(pdf, bom)
    return bytes(pdf.output())


def write(path: Path, *, bom: Bom, picture_png: bytes | None = None, reference: OrderReference | None = None,
          **_: Any) -> list[Path]:
    data = render(bom, picture_png, reference)
    write_atomic(path, data)
    return [path]
