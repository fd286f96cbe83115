"""The saw-ready cut list (``cuts-csv``): every cut of every sheet, in the order to saw, and the offcuts.

``OUT`` has one row per cut, numbered per sheet as the cutting diagrams number
them (:mod:`~app.domain.production.nesting_cuts`: a strip off the board, that strip
cut up, then the next strip): the order (its code, or the design id), the stock
(``mfc18/white``), sheet number, cut number, stage (1: through the whole board),
direction (``along``: parallel to the sheet's length, a rip cut; ``across``: a
cross cut), position (mm from the raw sheet's corner: y for ``along``, x for
``across``), fence (mm from the edge of the board being cut: the size of the
piece taken off), the board's length and width, and the two pieces the cut gives:
what each is (a part number, ``strip`` to cut further, ``rest`` of the board,
``offcut`` or ``waste``) with its length and width.

``OUT-offcuts.csv`` (beside it) lists every offcut: order, stock, sheet, its
corner (x, y) and size, and ``stock`` when it is at least the material's
``offcut_stock`` (keep it on the rack) or ``waste``.

Sizes in mm to 0.1, decimal point; UTF-8, comma-separated, a header row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.production.bom import Bom
from app.domain.production.exports import companion_path, write_atomic
from app.domain.production.exports.bom_csv import csv_text
from app.domain.production.exports.reference import OrderReference

CUT_COLUMNS = ("Order", "Stock", "Sheet", "Cut", "Stage", "Direction", "Position mm", "Fence mm",
               "Board length mm", "Board width mm", "Gives", "Gives length mm", "Gives width mm",
               "And", "And length mm", "And width mm")
OFFCUT_COLUMNS = ("Order", "Stock", "Sheet", "X mm", "Y mm", "Length mm", "Width mm", "Keep")
OFFCUTS_TAG = "offcuts"


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def cut_rows(bom: Bom, reference: OrderReference | None = None) -> tuple[list[list[str]], list[list[str]]]:
    """(cut rows, offcut rows) of every sheet of every stock."""
    order = reference.code if reference is not None else bom.design_id
    cuts: list[list[str]] = []
    offcuts: list[list[str]] = []
    for stock in bom.stocks:
        for sheet in stock.cut.sheets:
            plan = stock.cut.plan(sheet)
            for c in plan.cuts:
                cuts.append([order, stock.name, str(sheet.index), str(c.number), str(c.stage), c.direction,
                             _mm(c.position), _mm(c.fence), _mm(c.board[2]), _mm(c.board[3]),
                             c.first_is, _mm(c.first[2]), _mm(c.first[3]),
                             c.second_is, _mm(max(0.0, c.second[2])), _mm(max(0.0, c.second[3]))])
            for o in plan.offcuts:
                offcuts.append([order, stock.name, str(sheet.index), _mm(o.x), _mm(o.y), _mm(o.along),
                                _mm(o.across), "stock" if stock.cut.is_stock(o) else "waste"])
    return cuts, offcuts


def write(path: Path, *, bom: Bom, reference: OrderReference | None = None, **_: Any) -> list[Path]:
    cuts, offcuts = cut_rows(bom, reference)
    offcuts_path = companion_path(path, OFFCUTS_TAG)
    write_atomic(path, csv_text(CUT_COLUMNS, cuts))
    write_atomic(offcuts_path, csv_text(OFFCUT_COLUMNS, offcuts))
    return [path, offcuts_path]
