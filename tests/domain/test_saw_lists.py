"""Saw-optimiser and ERP lists read back with csv and openpyxl and compared with the part list.

For each preset and the two designs of tests/domain/workshop_designs.py: the saw list CSV, the
intelliDivide CSV and the saw-list workbook.  Expected cells are worked out here from the BOM's
part lines and the catalog, with the edge sides written out by hand (L1 front, L2 back, W1 left,
W2 right; docs/bom-and-exports.md), not taken from the writers' own tables.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import write_export
from app.domain.production.exports.reference import OrderReference
from tests.domain.workshop_designs import built

PRESETS = ("bookcase", "sideboard", "wardrobe", "tv_bench")
ORDER = OrderReference("7K2M-Q9TX", "Jane Doe & Sons", date(2026, 12, 4))
SIDE_EDGES = {"front": "L1", "back": "L2", "left": "W1", "right": "W2"}
HOMAG_GRAIN = {"length": "Lengthwise", "width": "Crosswise", "none": "None"}


def _bom(catalog, name):
    design = design_from_preset(catalog, name) if name in PRESETS else built(catalog, name)
    return design, build_bom(catalog, design)


def _read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def _n(text):
    """A CSV or spreadsheet number as an exact decimal ('' stays '')."""
    return Decimal(str(text)) if text not in ("", None) else ""


def _expected_saw_row(catalog, part, order):
    edges = dict(part.edges)
    row = {"Order": order, "Part no": part.number, "Description": part.label, "Qty": part.qty,
           "Material code": f"{part.material}/{part.finish}", "Material": catalog.materials[part.material].name,
           "Decor": catalog.finishes[part.finish].name if part.finish in catalog.finishes else "",
           "Thickness mm": part.thickness, "Length mm": part.length, "Width mm": part.width,
           "Cut length mm": part.cut_length, "Cut width mm": part.cut_width, "Grain": part.grain,
           "Hinged": part.hinge, "Cabinets": ", ".join(part.modules), "CNC program": part.number}
    for side, edge in SIDE_EDGES.items():
        band = edges.get(edge, "")
        row[f"Edge {side}"] = band
        row[f"Edge {side} mm"] = Decimal(str(catalog.edgebands[band].thickness)) if band else ""
    return row


NUMERIC = {"Qty", "Thickness mm", "Length mm", "Width mm", "Cut length mm", "Cut width mm",
           "Edge front mm", "Edge back mm", "Edge left mm", "Edge right mm", "Quantity", "Length", "Width",
           "FinishLength", "FinishWidth"}


def _typed(row):
    return {k: (_n(v) if k in NUMERIC else ("" if v is None else v)) for k, v in row.items()}


@pytest.mark.parametrize("name", [*PRESETS, "study", "kitchen"])
def test_saw_list_csv_matches_the_part_list(catalog, tmp_path, name):
    design, bom = _bom(catalog, name)
    (path,) = write_export("saw-csv", tmp_path / "saw.csv", catalog, design, bom, reference=ORDER)
    header, rows = _read_csv(path)
    assert header[:4] == ["Order", "Part no", "Description", "Qty"]
    assert header[13:21] == ["Edge front", "Edge back", "Edge left", "Edge right",
                             "Edge front mm", "Edge back mm", "Edge left mm", "Edge right mm"]
    expected = [_expected_saw_row(catalog, p, "7K2M-Q9TX") for p in bom.parts]
    assert [_typed(r) for r in rows] == [_typed(e) for e in expected]
    assert sum(int(r["Qty"]) for r in rows) == sum(p.qty for p in bom.parts)


@pytest.mark.parametrize("name", [*PRESETS, "study", "kitchen"])
def test_intellidivide_csv_has_homags_fields_and_the_order(catalog, tmp_path, name):
    design, bom = _bom(catalog, name)
    (path,) = write_export("intellidivide", tmp_path / "id.csv", catalog, design, bom, reference=ORDER)
    header, rows = _read_csv(path)
    assert header == ["Description", "MaterialCode", "Quantity", "Length", "Width", "Grain", "EdgeFront",
                      "EdgeBack", "EdgeLeft", "EdgeRight", "FinishLength", "FinishWidth", "CncProgramName1",
                      "CustomerName", "OrderName", "OrderDate"]
    assert len(rows) == len(bom.parts)
    for row, part in zip(rows, bom.parts):
        edges = dict(part.edges)
        assert _typed(row) == _typed({
            "Description": f"{part.number} {part.label}", "MaterialCode": f"{part.material}/{part.finish}",
            "Quantity": part.qty, "Length": part.cut_length, "Width": part.cut_width,
            "Grain": HOMAG_GRAIN[part.grain], "EdgeFront": edges.get("L1", ""), "EdgeBack": edges.get("L2", ""),
            "EdgeLeft": edges.get("W1", ""), "EdgeRight": edges.get("W2", ""), "FinishLength": part.length,
            "FinishWidth": part.width, "CncProgramName1": part.number, "CustomerName": "Jane Doe & Sons",
            "OrderName": "7K2M-Q9TX", "OrderDate": "2026-12-04"})


def test_the_kitchen_door_by_hand(catalog, tmp_path):
    # door.toml: banded all round with abs1 (1 mm, materials.toml), finished size given, so a
    # 716 x 596 door is cut 714 x 594; MDF in the oak decor has a grain along its length.
    design, bom = _bom(catalog, "kitchen")
    (path,) = write_export("intellidivide", tmp_path / "id.csv", catalog, design, bom)
    _, rows = _read_csv(path)
    doors = [r for r in rows if r["Description"].endswith(" Door")]
    assert [(r["Quantity"], r["Length"], r["Width"], r["FinishLength"], r["FinishWidth"], r["Grain"],
             r["EdgeFront"], r["EdgeBack"], r["EdgeLeft"], r["EdgeRight"], r["MaterialCode"]) for r in doors] == \
        [("1", "714", "594", "716", "596", "Lengthwise", "abs1", "abs1", "abs1", "abs1", "mdf19/oak")] * 2
    # Without an order the order name is the design id and there is no customer or date.
    assert {(r["OrderName"], r["CustomerName"], r["OrderDate"]) for r in rows} == {(bom.design_id, "", "")}
    # The shelf (shelf.toml: abs2_29 on L1 only) has its band on the front edge.
    (path,) = write_export("saw-csv", tmp_path / "saw.csv", catalog, design, bom)
    _, saw = _read_csv(path)
    shelves = [r for r in saw if r["Description"] == "Shelf"]
    assert {(r["Edge front"], r["Edge front mm"], r["Edge back"], r["Edge left"], r["Edge right"])
            for r in shelves} == {("abs2_29", "2", "", "", "")}


@pytest.mark.parametrize("name", [*PRESETS, "study", "kitchen"])
def test_saw_workbook_reads_back_and_prints_a4_landscape_one_page_wide(catalog, tmp_path, name):
    design, bom = _bom(catalog, name)
    (path,) = write_export("saw-xlsx", tmp_path / "saw.xlsx", catalog, design, bom, reference=ORDER)
    book = load_workbook(path)
    assert book.sheetnames == ["Saw list", "intelliDivide"]
    saw = book["Saw list"]
    header = [c.value for c in saw[1]]
    rows = [dict(zip(header, r)) for r in saw.iter_rows(min_row=2, values_only=True)]
    assert [_typed(r) for r in rows] == [_typed(_expected_saw_row(catalog, p, "7K2M-Q9TX")) for p in bom.parts]
    assert all(isinstance(r["Cut length mm"], int | float) for r in rows)   # numbers, not text
    ids = book["intelliDivide"]
    assert [c.value for c in ids[1]][:6] == ["Description", "MaterialCode", "Quantity", "Length", "Width", "Grain"]
    assert ids.max_row == len(bom.parts) + 1
    for sheet in (saw, ids):
        setup = sheet.page_setup
        # Paper size 9 is A4 in the OOXML paper-size list.
        assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == \
               ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"          # the header row on every printed page
        # The page header carries the order ('&' doubled: a single one starts a header code).
        assert sheet.oddHeader.left.text.startswith("Order 7K2M-Q9TX, Jane Doe && Sons, 2026-12-04")
        assert sheet.freeze_panes == "A2"


def test_bom_workbook_prints_every_sheet_and_its_summary_names_the_order(catalog, tmp_path):
    design, bom = _bom(catalog, "sideboard")
    (path,) = write_export("xlsx", tmp_path / "bom.xlsx", catalog, design, bom, reference=ORDER)
    book = load_workbook(path)
    for sheet in book.worksheets:
        assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1), sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert "7K2M-Q9TX" in sheet.oddHeader.left.text
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert (summary["Order"], summary["Customer"], summary["Order date"]) == \
           ("7K2M-Q9TX", "Jane Doe & Sons", "2026-12-04")
    (plain_path,) = write_export("xlsx", tmp_path / "plain.xlsx", catalog, design, bom)
    plain_book = load_workbook(plain_path)
    assert "Order" not in {r[0] for r in plain_book["Summary"].iter_rows(values_only=True)}
    assert plain_book["Parts"].oddHeader.left.text == f"{bom.design_name} ({bom.design_id})"


def test_cutlist_optimizer_csv_says_which_parts_keep_their_grain(catalog, tmp_path):
    # The study's walnut, oak and birch parts have a grain along their length (the decors' and the
    # plywood's grain, materials.toml); its white HDF backs and drawer box have none and may turn.
    design, bom = _bom(catalog, "study")
    cutlist, _ = write_export("csv", tmp_path / "clo.csv", catalog, design, bom)
    _, rows = _read_csv(cutlist)
    grains = {(r["Material"], r["Grain"]) for r in rows}
    assert ("mfc18/walnut", "length") in grains and ("ply18/birch", "length") in grains
    assert ("mfc16/white", "") in grains and ("hdf3/white", "") in grains
    assert all(g == ("length" if not m.endswith("/white") else "") for m, g in grains)


def test_libreoffice_prints_the_saw_workbook_on_a4_landscape_one_page_wide(catalog, tmp_path):
    """Where LibreOffice is installed: its own PDF of the workbook, independent of openpyxl's reading."""
    import shutil
    import subprocess

    from pypdf import PdfReader

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    design, bom = _bom(catalog, "study")
    (path,) = write_export("saw-xlsx", tmp_path / "saw.xlsx", catalog, design, bom, reference=ORDER)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    pages = PdfReader(tmp_path / "saw.pdf").pages
    # Two sheets of 15 rows: one page each, A4 (595 x 842 pt) turned landscape.
    assert len(pages) == 2
    for page in pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    first = pages[0].extract_text()
    # One page wide: the first and the last column on the same page, the order in the page header.
    assert "Order" in first and "CNC program" in first and "Order 7K2M-Q9TX, Jane Doe & Sons, 2026-12-04" in first
    assert "CncProgramName1" in pages[1].extract_text() and "OrderDate" in pages[1].extract_text()
