"""Every export is written to a real file and read back with an independent reader."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import ExportError, companion_path, format_for, write_export
from app.domain.production.exports.bom_csv import CUTLIST_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "bom.schema.json"


@pytest.fixture(scope="module")
def sideboard(catalog):
    design = design_from_preset(catalog, "sideboard")
    return design, build_bom(catalog, design)


def _write(catalog, sideboard, tmp_path: Path, fmt: str, picture: bytes | None = None) -> list[Path]:
    design, bom = sideboard
    written = write_export(fmt, tmp_path / f"order.{fmt}", catalog, design, bom, picture)
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary files left behind"
    return written


def test_csv_cutlist_optimizer_columns_and_full_parts_file(catalog, sideboard, tmp_path):
    _, bom = sideboard
    cutlist, parts = _write(catalog, sideboard, tmp_path, "csv")
    assert parts == companion_path(cutlist, "parts") == tmp_path / "order-parts.csv"
    with cutlist.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == CUTLIST_COLUMNS == ("Length", "Width", "Qty", "Material", "Label",
                                                                "Enabled", "Grain")
        rows = list(reader)
    assert len(rows) == len(bom.parts)
    for row, part in zip(rows, bom.parts):
        assert (Decimal(row["Length"]), Decimal(row["Width"]), int(row["Qty"])) == \
               (part.cut_length, part.cut_width, part.qty)
        assert row["Material"] == f"{part.material}/{part.finish}"
        assert row["Label"] == f"{part.number} {part.label}" and row["Enabled"] == "true"
        assert row["Grain"] == {"length": "length", "width": "width", "none": ""}[part.grain]
    drawer_back = next(r for r in rows if r["Label"].endswith("Drawer back"))
    assert (drawer_back["Length"], drawer_back["Width"]) == ("506", "179.6")   # 0.1 mm where it is needed
    with parts.open(newline="", encoding="utf-8") as handle:
        full = list(csv.DictReader(handle))
    # The preset's two doors hinge away from each other (c1d left, c3d right): one row each, same size,
    # because their hinge cups are drilled on opposite edges.
    doors = sorted((r for r in full if r["Label"] == "Door"), key=lambda r: r["Hinged"])
    assert [(d["Hinged"], d["Qty"], d["Length mm"], d["Width mm"], d["Cut length mm"], d["Cut width mm"], d["Modules"])
            for d in doors] == [("left", "1", "716", "596", "714", "594", "c1d"),
                                ("right", "1", "716", "596", "714", "594", "c3d")]
    # Sage is a lacquer on MDF: neither has a grain, so the doors' grain is "none" (they may turn on the sheet).
    assert all((d["L1"], d["W2"], d["Grain"], d["Finish"]) == ("abs1", "abs1", "none", "sage") for d in doors)


def test_xlsx_has_real_types_headers_frozen_panes_and_widths(catalog, sideboard, tmp_path):
    from openpyxl import load_workbook

    _, bom = sideboard
    (path,) = _write(catalog, sideboard, tmp_path, "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Parts", "Hardware", "Edge banding", "Sheets", "Layouts", "Summary"]
    parts = book["Parts"]
    header = [c.value for c in parts[1]]
    assert header[:4] == ["Part no", "Label", "Qty", "Material"] and all(c.font.bold for c in parts[1])
    assert parts.freeze_panes == "A2" and book["Summary"].freeze_panes == "A2"
    assert parts.column_dimensions["B"].width >= 20
    assert parts.max_row == len(bom.parts) + 1
    numbers = {row[0]: row for row in parts.iter_rows(min_row=2, values_only=True)}
    for part in bom.parts:
        row = numbers[part.number]
        assert isinstance(row[2], int) and row[2] == part.qty
        assert row[8:10] == (float(part.cut_length), float(part.cut_width))
        assert all(isinstance(v, (int, float)) for v in row[5:10])
    hardware = {row[0]: row for row in book["Hardware"].iter_rows(min_row=2, values_only=True)}
    # Item, name, finish (none for a hinge), kind, then qty, unit, unit price, amount.
    assert hardware["hinge_110"][2] is None and hardware["hinge_110"][4:8] == (6, "pcs", 4.6, 27.6)
    assert book["Hardware"]["H2"].number_format == "#,##0.00"
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Price"] == float(bom.quote.price_gross) and summary["Design id"] == bom.design_id
    assert summary["Lead time"] == bom.quote.lead_time_days
    sheets = list(book["Sheets"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[7], r[8]) for r in sheets] == \
           [(s.material, s.finish, s.cut.sheet_count, s.cut.lower_bound) for s in bom.stocks]
    placed = list(book["Layouts"].iter_rows(min_row=2, values_only=True))
    assert len(placed) == sum(p.qty for p in bom.parts)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (120, 160, 120)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_pdf_text_holds_part_numbers_totals_and_the_design_id(catalog, sideboard, tmp_path):
    from pypdf import PdfReader

    _, bom = sideboard
    (path,) = _write(catalog, sideboard, tmp_path, "pdf", picture=_png())
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for part in bom.parts:
        assert part.number in text
    for figure in (bom.quote.price_gross, bom.quote.costs.net, bom.quote.costs.vat, bom.quote.costs.cost):
        assert f"{figure:,.2f}" in text
    assert bom.design_id in text and "1800 x 470 x 845 mm" in text
    assert "hinge_110" in text and "abs2_29" in text
    # Cover, parts, lists, one page per nested sheet, totals; every page is A4 (portrait or landscape).
    sheets = sum(s.cut.sheet_count for s in bom.stocks)
    assert len(reader.pages) == 4 + sheets
    for page in reader.pages:
        assert sorted(round(float(v)) for v in page.mediabox[2:]) == [595, 842]
    assert len(reader.pages[0].images) == 1   # the picture on the cover
    assert f"{bom.design_id}" in reader.pages[-1].extract_text()   # the footer on every page


def test_pdf_without_a_picture_says_so(catalog, sideboard, tmp_path):
    from pypdf import PdfReader

    (path,) = _write(catalog, sideboard, tmp_path, "pdf", picture=None)
    first = PdfReader(path).pages[0]
    assert "(no rendered view)" in first.extract_text() and len(first.images) == 0


def test_json_validates_against_its_schema_and_holds_everything(catalog, sideboard, tmp_path):
    import jsonschema

    _, bom = sideboard
    (path,) = _write(catalog, sideboard, tmp_path, "json")
    document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
    assert (document["format"], document["format_version"]) == ("modulor-bom", 1)
    assert document["design"]["id"] == bom.design_id
    assert document["totals"]["gross"] == bom.quote.price_gross
    assert document["totals"]["weight_kg"] == bom.weight_kg
    money = [v for k, v in document["totals"].items() if not k.endswith(("_rate", "_kg"))]
    money += [h["amount"] for h in document["hardware"]] + [s["amount"] for s in document["stocks"]]
    assert all(Decimal(v).as_tuple().exponent >= -2 for v in money)   # to the cent, as the schema says
    assert [p["number"] for p in document["parts"]] == [p.number for p in bom.parts]
    drawer_back = next(p for p in document["parts"] if p["label"] == "Drawer back")
    assert drawer_back["cut_width_mm"] == Decimal("179.6") and drawer_back["edges"] == {"L1": "abs04"}
    placed = sum(len(sheet["parts"]) for s in document["stocks"] for sheet in s["sheets"])
    assert placed == sum(p.qty for p in bom.parts)
    # The schema is strict enough to catch a broken document.
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["parts"][0]["qty"] = "two"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_glb_reloads_with_the_designs_bounds_and_finish_colours(catalog, sideboard, tmp_path):
    import trimesh

    design, _ = sideboard
    (path,) = _write(catalog, sideboard, tmp_path, "glb")
    scene = trimesh.load(path, force="scene")
    assert scene.units == "mm" and scene.metadata.get("up") == "Z"
    modules, fittings = [], []
    for node in scene.graph.nodes_geometry:
        transform, name = scene.graph[node]
        mesh = scene.geometry[name].copy()
        mesh.apply_transform(transform)
        (modules if node.startswith("module:") else fittings).append((node, mesh))
    assert sorted(n for n, _ in modules) == sorted(f"module:{m}" for m in design.ids())
    assert len(fittings) == 5   # two door handles, three drawer handles
    # Linea's handles name no finish of their own: the 3D view's brushed-steel grey.
    assert {(m.visual.material.name, tuple(m.visual.material.baseColorFactor[:3])) for _, m in fittings} == {
        ("fitting", (0x8C, 0x90, 0x96))}
    low = np.min([m.bounds[0] for _, m in modules], axis=0)
    high = np.max([m.bounds[1] for _, m in modules], axis=0)
    expected_low, expected_high = Layout(catalog, design).overall_bounds()
    assert np.allclose(low, expected_low, atol=0.01) and np.allclose(high, expected_high, atol=0.01)
    colours = {n: tuple(m.visual.material.baseColorFactor[:3]) for n, m in modules}
    assert colours["module:t1"] == (0xC8, 0xA2, 0x7A)      # oak
    assert colours["module:c1d"] == (0x9A, 0xA8, 0x8F)     # sage


def test_writing_where_it_cannot_names_the_file(catalog, sideboard, tmp_path):
    design, bom = sideboard
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError, match=r"cannot write .*not-a-folder/order\.json: the folder .* does not exist"):
        write_export("json", blocker / "order.json", catalog, design, bom)
    with pytest.raises(ExportError, match="unknown format 'docx'"):
        write_export("docx", tmp_path / "order.docx", catalog, design, bom)
    assert format_for(Path("a/b.XLSX")) == "xlsx" and format_for(Path("a.txt")) is None
