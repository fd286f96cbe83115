"""CSV for the panel saw's optimiser and a full parts CSV.

``OUT`` holds CutList Optimizer's import columns: Length (the cut length, along
the grain), Width (the cut width), Qty, Material (the stock, ``mfc18/white``),
Label (part number and name), Enabled, and Grain: ``length`` (the grain runs
along Length: keep it along the sheet's grain), ``width`` (it runs along Width)
or empty (no grain, the part may turn).  ``OUT-parts.csv`` beside it holds every
column of the part list (see docs/bom-and-exports.md).  UTF-8, comma-separated,
a header row, decimal point, sizes in millimetres without needless zeros.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.production.bom import Bom
from app.domain.production.exports import companion_path, write_atomic
from app.domain.production.exports.tables import Table, parts_table
from app.domain.production.pricing import stock_name
from app.domain.production.quantities import plain

CUTLIST_COLUMNS = ("Length", "Width", "Qty", "Material", "Label", "Enabled", "Grain")
PARTS_TAG = "parts"


def cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def cutlist_rows(bom: Bom) -> list[tuple[str, ...]]:
    return [(plain(p.cut_length), plain(p.cut_width), str(p.qty), stock_name((p.material, p.finish)),
             f"{p.number} {p.label}", "true", "" if p.grain == "none" else p.grain) for p in bom.parts]


def csv_text(header: tuple[str, ...], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO(newline="")   # the csv module's own line ends (\r\n), untranslated
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def table_text(table: Table) -> str:
    return csv_text(tuple(c.title for c in table.columns), [[cell(v) for v in row] for row in table.rows])


def write_table(path: Path, table: Table) -> None:
    write_atomic(path, table_text(table))


def write(path: Path, *, bom: Bom, **_: Any) -> list[Path]:
    parts_path = companion_path(path, PARTS_TAG)
    write_atomic(path, csv_text(CUTLIST_COLUMNS, cutlist_rows(bom)))
    write_table(parts_path, parts_table(bom))
    return [path, parts_path]
