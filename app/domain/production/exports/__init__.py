"""Write a bill of materials to the workshop's file formats, with no display.

``write_export(fmt, path, catalog, design, bom, picture_png=None) -> list[Path]``
writes one format and returns the files written:

=========  ==============================================================
``csv``    ``OUT`` in CutList Optimizer's columns, plus ``OUT-parts.csv``
           (every column of the part list) beside it
``xlsx``   one workbook: Parts, Hardware, Sheets, Summary
``pdf``    the workshop papers (``picture_png``: a rendered view for the
           cover, made by the UI layer; None leaves it out)
``json``   everything, machine-readable, format ``modulor-bom`` version 1
           (JSON Schema: docs/bom.schema.json)
``glb``    the assembled design in 3D with its finishes' colours
``dxf``    a folder: one DXF file per part (outline and holes) in a folder per
           stock, and parts.csv (``layers``: the catalog's layer template)
``labels`` one label per physical piece on A4 label sheets (PDF), with a
           Code 128 barcode and a QR code of the piece id
``zpl``    the same labels for a thermal label printer (ZPL II, 203 dpi)
``saw-csv`` the saw / ERP part list (one column per edge, grain, finished
           and cut sizes, order); ``saw-xlsx`` it and the intelliDivide list
           as a workbook set up to print
``intellidivide`` HOMAG intelliDivide's part-import fields (CSV)
``cuts-csv`` the saw-ready cut list: every cut of every sheet in the order
           to saw (stage, direction, position, fence, the pieces it gives),
           plus ``OUT-offcuts.csv`` (every offcut, stock or waste)
=========  ==============================================================

``reference`` (an :class:`~app.domain.production.exports.reference.OrderReference`,
papers made from an order) is printed by every writer that prints papers;
``options`` are the format's own (``label_stock`` for labels and zpl, ``layers`` for dxf).

Each writer makes its file's bytes in memory and :func:`write_atomic` hands them
to :mod:`app.domain.atomic_files` (a temporary file in the target folder, synced,
renamed into place), so a failure never leaves half a file; a replaced export
keeps its mode, a new one gets the umask's.  Problems writing become
:class:`ExportError` with a message naming the file.  The format modules are
imported only when used (openpyxl, fpdf2 and trimesh cost time to import).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from app.domain import atomic_files
from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.bom import Bom
from app.domain.production.exports.reference import OrderReference

FORMATS = ("csv", "xlsx", "pdf", "json", "glb", "labels", "zpl", "saw-csv", "saw-xlsx", "intellidivide", "dxf",
           "cuts-csv")
_MODULES = {"csv": "bom_csv", "xlsx": "bom_xlsx", "pdf": "bom_pdf", "json": "bom_json", "glb": "bom_glb",
            "labels": "labels_pdf", "zpl": "labels_zpl", "saw-csv": "saw_lists", "saw-xlsx": "saw_lists_xlsx",
            "intellidivide": "intellidivide", "dxf": "dxf_parts", "cuts-csv": "saw_cuts"}


class ExportError(Exception):
    """An export that could not be written; the message names the file and why."""


def format_for(path: Path) -> str | None:
    """The format a file name asks for (``out.xlsx`` -> ``xlsx``), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def companion_path(path: Path, tag: str) -> Path:
    """``out.csv`` -> ``out-parts.csv``: a second file written beside the first."""
    path = Path(path)
    return path.with_name(f"{path.stem}-{tag}{path.suffix}")


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all; :class:`ExportError` names the file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        return atomic_files.write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_export(fmt: str, path: Path | str, catalog: Catalog, design: Design, bom: Bom,
                 picture_png: bytes | None = None, reference: OrderReference | None = None,
                 **options: Any) -> list[Path]:
    """Write ``bom`` as ``fmt`` to ``path``; returns the files written.

    ``reference``: the order the papers belong to (None: a design file's papers, which carry the
    design id); ``options``: the format's own keyword options, passed to its writer.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}' (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    written: list[Path] = module.write(Path(path), catalog=catalog, design=design, bom=bom,
                                       picture_png=picture_png, reference=reference, **options)
    return written
