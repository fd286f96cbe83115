"""The saw list and the intelliDivide list as one workbook (``saw-xlsx``), set up to print.

Sheets "Saw list" and "intelliDivide", with the columns of
:mod:`app.domain.production.exports.saw_lists`; numbers are spreadsheet
numbers, and each sheet prints A4 landscape, one page wide, its header row
repeated on every page and the order reference in the page header
(:func:`app.domain.production.exports.bom_xlsx.print_setup`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.catalog.catalog import Catalog
from app.domain.production.bom import Bom
from app.domain.production.exports.bom_xlsx import header_text, save, tables_workbook
from app.domain.production.exports.reference import OrderReference
from app.domain.production.exports.saw_lists import intellidivide_table, saw_table


def write(path: Path, *, catalog: Catalog, bom: Bom, reference: OrderReference | None = None,
          **_: Any) -> list[Path]:
    header = header_text(bom, reference)
    book = tables_workbook([saw_table(catalog, bom, reference), intellidivide_table(bom, reference)], header,
                           f"Saw list: {header}")
    return save(book, path)
