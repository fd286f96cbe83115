"""XLSX workbook (openpyxl): Parts, Hardware, Edge banding, Sheets, Layouts, Summary.

Real spreadsheet types: quantities, sizes and money are numbers (money with two
decimals shown, sizes with one where needed), text is text; every table has a
bold header row frozen at the top and columns wide enough to read.  Numbers are
written from the exact decimals; a spreadsheet holds them as binary floats,
which is exact to the shown digits.

Every sheet prints as the workshop needs it (:func:`print_setup`): A4 landscape,
scaled so the whole table fits one page's width (as many pages down as it
takes), the header row repeated at the top of each page, and a page header with
the order reference (order code, customer, date; the design's name and id
without an order) and a footer with the page number.  With an order, the
Summary sheet starts with the order's code, customer and date.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
from app.domain.production.exports.reference import OrderReference
from app.domain.production.exports.tables import (
    Table,
    banding_table,
    hardware_table,
    layouts_table,
    parts_table,
    stocks_table,
    summary_rows,
)

NUMBER_FORMATS = {
    "money": "#,##0.00",
    "mm": "0.0##",
    "m2": "0.0#####",
    "m": "0.0##",
    "kg": "0.000",
    "percent": "0.0",
    "qty": "0.###",
    "int": "0",
}
BOLD = Font(bold=True)


def number(value: Any) -> Any:
    """Decimals become numbers the spreadsheet calculates with; the rest stays as is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def header_text(bom: Bom, reference: OrderReference | None) -> str:
    """What every printed page says at its top: the order, or the design's name and id."""
    if reference is not None:
        return f"{reference.line(', ')}  ({bom.design_name}, {bom.design_id})"
    return f"{bom.design_name} ({bom.design_id})"


def _header_safe(text: str) -> str:
    # '&' starts a code in a spreadsheet's page header (&P page, &D date ...): a literal one is doubled.
    return text.replace("&", "&&")


def print_setup(sheet: Worksheet, header: str, repeat_header_row: bool = True) -> None:
    """A4 landscape, one page wide, the header row on every page, the reference on top, page numbers below."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0        # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if repeat_header_row:
        sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    page_header, page_footer = sheet.oddHeader, sheet.oddFooter
    assert page_header is not None and page_footer is not None   # a new worksheet has both, empty
    page_header.left.text = _header_safe(header)
    page_header.right.text = _header_safe(sheet.title)
    page_footer.right.text = "page &P / &N"


def fill_table(sheet: Worksheet, table: Table) -> None:
    """Header row (bold, frozen), rows as spreadsheet numbers and text, widths and number formats."""
    sheet.append([c.title for c in table.columns])
    for cell in sheet[1]:
        cell.font = BOLD
    for row in table.rows:
        sheet.append([number(v) for v in row])
    for i, column in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = max(column.width, len(column.title) + 2)
        fmt = NUMBER_FORMATS.get(column.kind)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
    sheet.freeze_panes = "A2"


def _summary(sheet: Worksheet, bom: Bom, reference: OrderReference | None = None) -> None:
    sheet.append(["Figure", "Value", "Unit"])
    for cell in sheet[1]:
        cell.font = BOLD
    if reference is not None:
        sheet.append(["Order", reference.code, ""])
        if reference.customer:
            sheet.append(["Customer", reference.customer, ""])
        if reference.placed is not None:
            sheet.append(["Order date", reference.placed.isoformat(), ""])
    for label, value, unit in summary_rows(bom):
        sheet.append([label, number(value), unit])
        if unit == bom.currency:
            sheet.cell(row=sheet.max_row, column=2).number_format = NUMBER_FORMATS["money"]
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["C"].width = 8
    sheet.freeze_panes = "A2"


def tables_workbook(tables: list[Table], header: str, title: str) -> Workbook:
    """One sheet per table, each set up to print (:func:`print_setup`)."""
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)  # a new workbook has one worksheet
    for i, table in enumerate(tables):
        sheet = first if i == 0 else book.create_sheet()
        sheet.title = table.name
        fill_table(sheet, table)
        print_setup(sheet, header)
    book.properties.title = title
    book.properties.creator = "Modulor"
    return book


def workbook(bom: Bom, reference: OrderReference | None = None) -> Workbook:
    header = header_text(bom, reference)
    tables = [parts_table(bom), hardware_table(bom), banding_table(bom), stocks_table(bom), layouts_table(bom)]
    book = tables_workbook(tables, header, header)
    summary = book.create_sheet("Summary")
    _summary(summary, bom, reference)
    print_setup(summary, header)
    return book


def save(book: Workbook, path: Path) -> list[Path]:
    buffer = io.BytesIO()   # openpyxl writes its zip to any file object: the bytes go through write_atomic
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
    return [path]


def write(path: Path, *, bom: Bom, reference: OrderReference | None = None, **_: Any) -> list[Path]:
    return save(workbook(bom, reference), path)
