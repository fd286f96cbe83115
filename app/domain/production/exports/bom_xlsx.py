"""XLSX workbook (openpyxl): Parts, Hardware, Edge banding, Sheets, Layouts, Summary.

Real spreadsheet types: quantities, sizes and money are numbers (money with two
decimals shown, sizes with one where needed), text is text; every table has a
bold header row frozen at the top and columns wide enough to read.  Numbers are
written from the exact decimals; a spreadsheet holds them as binary floats,
which is exact to the shown digits.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
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


def _fill(sheet: Worksheet, table: Table) -> None:
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


def _summary(sheet: Worksheet, bom: Bom) -> None:
    sheet.append(["Figure", "Value", "Unit"])
    for cell in sheet[1]:
        cell.font = BOLD
    for label, value, unit in summary_rows(bom):
        sheet.append([label, number(value), unit])
        if unit == bom.currency:
            sheet.cell(row=sheet.max_row, column=2).number_format = NUMBER_FORMATS["money"]
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["C"].width = 8
    sheet.freeze_panes = "A2"


def workbook(bom: Bom) -> Workbook:
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)  # a new workbook has one worksheet
    tables = [parts_table(bom), hardware_table(bom), banding_table(bom), stocks_table(bom), layouts_table(bom)]
    for i, table in enumerate(tables):
        sheet = first if i == 0 else book.create_sheet()
        sheet.title = table.name
        _fill(sheet, table)
    _summary(book.create_sheet("Summary"), bom)
    book.properties.title = f"{bom.design_name} ({bom.design_id})"
    book.properties.creator = "Modulor"
    return book


def write(path: Path, *, bom: Bom, **_: Any) -> list[Path]:
    buffer = io.BytesIO()   # openpyxl writes its zip to any file object: the bytes go through write_atomic
    workbook(bom).save(buffer)
    write_atomic(path, buffer.getvalue())
    return [path]
