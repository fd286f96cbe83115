"""The saw's cut order: worked out by hand on a small sheet, replayed cut by cut on every preset's sheets,
and read back from the cuts-csv export and the workshop PDF."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from pydantic import ValidationError

from app.domain.catalog.model import Material
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import write_export
from app.domain.production.nesting_cuts import cut_plan
from tests.domain.test_cutlist import _check as check_cut_list

EPS = 0.051


def _replay(plan, board, parts, kerf) -> list[tuple[float, float, float, float]]:
    """Saw ``board`` as the plan says, independently; returns the boards left at the end."""
    boards = [board]
    for cut in plan.cuts:
        match = [b for b in boards if all(abs(u - v) < EPS for u, v in zip(b, cut.board))]
        assert match, f"cut {cut.number} divides a board that is not on the saw: {cut.board}"
        b = match[0]
        boards.remove(b)
        x, y, a, w = b
        if cut.direction == "across":   # at x = position, through the board's whole width
            assert x - EPS <= cut.position <= x + a + EPS and abs(cut.fence - (cut.position - x)) < EPS
            first = (x, y, cut.position - x, w)
            second = (cut.position + kerf, y, x + a - cut.position - kerf, w)
        else:
            assert y - EPS <= cut.position <= y + w + EPS and abs(cut.fence - (cut.position - y)) < EPS
            first = (x, y, a, cut.position - y)
            second = (x, cut.position + kerf, a, y + w - cut.position - kerf)
        for got, expected in ((cut.first, first), (cut.second, second)):
            if expected[2] > EPS and expected[3] > EPS:
                assert all(abs(u - v) < EPS for u, v in zip(got, expected)), (cut.number, got, expected)
        boards += [r for r in (first, second) if r[2] > EPS and r[3] > EPS]
    for key, *rect in parts:   # every part is one of the boards left, exactly
        assert any(all(abs(u - v) < EPS for u, v in zip(b, rect)) for b in boards), f"{key} is not cut free"
    return boards


def test_a_small_sheet_by_hand():
    # Usable board 1000 x 500 from (10, 10), kerf 4: A 600 x 300 and B 380 x 300 side by side in a
    # first strip (300 high), C 600 x 150 above A.  Strip 1: y 10..310, a cut along at y = 310 (fence 300);
    # in it a cut across at x = 610 (fence 600) frees A, and B (614..994) ends 16 mm short of 1010:
    # a cut at x = 994 leaves an offcut 12 x 300 (1010 - 998).  The rest of the board (y 314..510) is
    # still first stage: a cut along at y = 464 (fence 150) makes strip 2 and an offcut 1000 x 42
    # (510 - 468); strip 2 cut across at x = 610 frees C and an offcut 396 x 150 (1010 - 614).
    parts = [("A", 10, 10, 600, 300), ("B", 614, 10, 380, 300), ("C", 10, 314, 600, 150)]
    board = (10.0, 10.0, 1000.0, 500.0)
    plan = cut_plan(parts, board, 4.0)
    got = [(c.number, c.stage, c.direction, c.position, c.fence, c.first_is, c.second_is) for c in plan.cuts]
    assert got == [
        (1, 1, "along", 310.0, 300.0, "strip", "rest"),
        (2, 2, "across", 610.0, 600.0, "A", "rest"),
        (3, 2, "across", 994.0, 380.0, "B", "offcut"),
        (4, 1, "along", 464.0, 150.0, "strip", "offcut"),
        (5, 2, "across", 610.0, 600.0, "C", "offcut"),
    ]
    assert sorted((o.x, o.y, o.along, o.across) for o in plan.offcuts) == [
        (10.0, 468.0, 1000.0, 42.0), (614.0, 314.0, 396.0, 150.0), (998.0, 10.0, 12.0, 300.0)]
    assert plan.stages == 2
    left = _replay(plan, board, parts, 4.0)
    assert len(left) == 3 + 3     # the parts and the offcuts, nothing else


def test_a_pinwheel_has_no_cut_plan():
    pinwheel = [("a", 0, 0, 2, 1), ("b", 2, 0, 1, 2), ("c", 1, 2, 2, 1), ("d", 0, 1, 1, 2), ("e", 1, 1, 1, 1)]
    with pytest.raises(ValueError, match="edge to edge"):
        cut_plan(pinwheel, (0.0, 0.0, 3.0, 3.0), 0.0)


def test_every_preset_sheet_replays_cut_by_cut(catalog):
    for preset_id in catalog.presets:
        bom = build_bom(catalog, design_from_preset(catalog, preset_id), optimise_s=2.0)
        check_cut_list(bom)      # the independent layout validator first
        for stock in bom.stocks:
            cut = stock.cut
            kerf = float(cut.kerf)
            board = (float(cut.trim), float(cut.trim), float(cut.usable[0]), float(cut.usable[1]))
            for sheet in cut.sheets:
                parts = [(p.number, float(p.x), float(p.y), float(p.along), float(p.across)) for p in sheet.parts]
                plan = cut.plan(sheet)
                left = _replay(plan, board, parts, kerf)
                offcuts = sorted((o.x, o.y, o.along, o.across) for o in plan.offcuts)
                pieces = sorted(tuple(p[1:]) for p in parts)
                rounded = sorted(tuple(round(v, 1) for v in r) for r in left)
                assert rounded == sorted(pieces + offcuts), (preset_id, stock.name, sheet.index)
                # Parts, offcuts and kerfs make up the board: the area of the parts and offcuts is the board's
                # less what the kerfs took, never more.
                area = sum(r[2] * r[3] for r in left)
                assert area <= board[2] * board[3] + 1e-6


def test_offcut_stock_follows_the_material(catalog, tmp_path):
    bom = build_bom(catalog, design_from_preset(catalog, "wardrobe"))
    out = tmp_path / "wardrobe-cuts.csv"
    written = write_export("cuts-csv", out, catalog, design_from_preset(catalog, "wardrobe"), bom)
    assert written == [out, tmp_path / "wardrobe-cuts-offcuts.csv"]
    with open(out, newline="", encoding="utf-8") as f:
        cuts = list(csv.DictReader(f))
    with open(written[1], newline="", encoding="utf-8") as f:
        offcuts = list(csv.DictReader(f))
    expected = Counter()
    for stock in bom.stocks:
        for sheet in stock.cut.sheets:
            expected[(stock.name, str(sheet.index))] = len(stock.cut.plan(sheet).cuts)
    assert Counter((row["Stock"], row["Sheet"]) for row in cuts) == expected
    assert all(row["Order"] == bom.design_id for row in cuts)
    for row in cuts:    # numbered 1.. per sheet, fence = position - the board's edge
        assert row["Direction"] in ("along", "across") and int(row["Stage"]) >= 1
    keep = {"mfc18": (600, 300), "mfc25": (600, 300), "mdf19": (600, 300), "hdf3": (800, 400)}  # materials.toml
    assert offcuts
    for row in offcuts:
        longer = max(float(row["Length mm"]), float(row["Width mm"]))
        shorter = min(float(row["Length mm"]), float(row["Width mm"]))
        need = keep[row["Stock"].split("/")[0]]
        assert row["Keep"] == ("stock" if longer >= need[0] and shorter >= need[1] else "waste"), row
    assert {row["Keep"] for row in offcuts} == {"stock", "waste"}


def test_the_workshop_pdf_lists_the_cuts_of_each_sheet(catalog, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    design = design_from_preset(catalog, "sideboard")
    bom = build_bom(catalog, design)
    out = tmp_path / "sideboard.pdf"
    write_export("pdf", out, catalog, design, bom)
    document = pdfium.PdfDocument(str(out))
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for stock in bom.stocks:
        for sheet in stock.cut.sheets:
            plan = stock.cut.plan(sheet)
            assert f"Sheet {stock.name} {sheet.index} / {stock.cut.sheet_count}" in text
            assert f"{len(plan.cuts)} cuts in {plan.stages} stages" in text
            for c in plan.cuts:
                assert f"{c.direction}, fence {c.fence:g}" in text


def test_offcut_stock_is_validated():
    fields = dict(name="Board", kind="mfc", thickness=18, sheet=(2800, 2070), density=680, elastic_modulus=2500,
                  k_def=2.25, price_per_m2=10, expected_yield=0.8, grain=False, lead_time_days=2)
    assert Material(**fields, offcut_stock=(600, 300)).offcut_stock == (600, 300)
    assert Material(**fields).offcut_stock is None
    with pytest.raises(ValidationError, match="larger than the sheet"):
        Material(**fields, offcut_stock=(3000, 300))
    with pytest.raises(ValidationError):
        Material(**fields, offcut_stock=(600, -1))
