"""HOMAG intelliDivide's part import as CSV (``intellidivide``): one row per part line, HOMAG's field names.

The columns and what each holds are in :mod:`app.domain.production.exports.saw_lists`
(``intellidivide_table``); intelliDivide reads such a list through an import
template that maps columns by their header, so the headers are HOMAG's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
from app.domain.production.exports.bom_csv import table_text
from app.domain.production.exports.reference import OrderReference
from app.domain.production.exports.saw_lists import intellidivide_table


def write(path: Path, *, bom: Bom, reference: OrderReference | None = None, **_: Any) -> list[Path]:
    write_atomic(path, table_text(intellidivide_table(bom, reference)))
    return [path]
