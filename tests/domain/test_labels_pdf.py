"""Part labels on A4 sheets: every Code 128 barcode and QR code, rendered to pixels, decodes to its piece id.

The PDF is rendered with pdfium (pypdfium2) and each label's cell is cut out of the page by
the sheet's geometry, then decoded with zxing-cpp: both independent of the code that drew them.
Each preset and the two designs of tests/domain/workshop_designs.py is checked, with and without
an order reference.
"""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import write_export
from app.domain.production.exports.labels import piece_labels
from app.domain.production.exports.labels_pdf import STOCKS
from app.domain.production.exports.reference import OrderReference
from tests.domain.workshop_designs import built

DPI = 300
PRESETS = ("bookcase", "sideboard", "wardrobe", "tv_bench")
ORDER = OrderReference("7K2M-Q9TX", "Jane Doe", date(2026, 12, 4))


def _design(catalog, name):
    return design_from_preset(catalog, name) if name in PRESETS else built(catalog, name)


def _expected_ids(bom, prefix):
    """Piece ids worked out here from the part list: prefix-partno-k for k = 1..qty, part line by part line."""
    return [f"{prefix}-{p.number}-{k}" for p in bom.parts for k in range(1, p.qty + 1)]


def _decode_cells(path, stock, count):
    """Per label cell, in sheet order: the texts of the Code 128 and QR codes zxing finds in it."""
    found = []
    pdf = pdfium.PdfDocument(str(path))
    px = DPI / 25.4
    for page_index in range(len(pdf)):
        image = pdf[page_index].render(scale=DPI / 72).to_pil().convert("L")
        for i in range(stock.per_sheet):
            n = page_index * stock.per_sheet + i
            if n >= count:
                break
            x, y = stock.origin(i)
            cell = image.crop((round(x * px), round(y * px), round((x + stock.width) * px),
                               round((y + stock.height) * px)))
            codes = zxingcpp.read_barcodes(cell)
            found.append((sorted(c.text for c in codes if c.format == zxingcpp.BarcodeFormat.Code128),
                          sorted(c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode)))
    return found


@pytest.mark.parametrize("name", [*PRESETS, "study", "kitchen"])
def test_every_label_barcode_and_qr_decodes_to_its_piece_id(catalog, tmp_path, name):
    design = _design(catalog, name)
    bom = build_bom(catalog, design)
    (path,) = write_export("labels", tmp_path / "labels.pdf", catalog, design, bom, reference=ORDER)
    ids = _expected_ids(bom, "7K2M-Q9TX")
    assert len(ids) == sum(p.qty for p in bom.parts) > 0
    stock = STOCKS["70x37"]
    assert len(PdfReader(path).pages) == -(-len(ids) // stock.per_sheet)
    decoded = _decode_cells(path, stock, len(ids))
    assert decoded == [([i], [i]) for i in ids]


def test_labels_without_an_order_carry_the_design_id_and_larger_stocks_decode_too(catalog, tmp_path):
    design = built(catalog, "kitchen")
    bom = build_bom(catalog, design)
    ids = _expected_ids(bom, bom.design_id)
    for stock_name in ("105x48", "105x74"):
        (path,) = write_export("labels", tmp_path / f"{stock_name}.pdf", catalog, design, bom,
                               label_stock=stock_name)
        stock = STOCKS[stock_name]
        assert len(PdfReader(path).pages) == -(-len(ids) // stock.per_sheet)
        assert _decode_cells(path, stock, len(ids)) == [([i], [i]) for i in ids]


def test_label_text_names_order_cabinet_part_size_material_and_decor(catalog, tmp_path):
    design = built(catalog, "kitchen")
    bom = build_bom(catalog, design)
    (path,) = write_export("labels", tmp_path / "labels.pdf", catalog, design, bom, reference=ORDER)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert text.count("Order 7K2M-Q9TX · Jane Doe · 2026-12-04") == sum(p.qty for p in bom.parts)
    # The oak doors, worked out by hand: a 600 x 720 base cabinet's door is 716 x 596 (2 mm gap each side
    # below and above, as the sideboard's), MDF 19 in the oak decor, one per cabinet, hinged on opposite sides.
    doors = [p for p in bom.parts if p.label == "Door"]
    assert sorted((p.hinge, p.modules) for p in doors) == [("left", ("k1d",)), ("right", ("k2d",))]
    assert "Door · hinge left" in text and "Door · hinge right" in text
    assert text.count("716 x 596 x 19 mm") == 2
    assert text.count("Natural oak decor") == 2
    assert "k1d Door in k1" in text and "k2d Door in k2" in text
    # The base cabinets' shelves are one part line of two pieces, one in each cabinet, numbered in design
    # order; the wall cabinet's shallower shelf is a line of its own.
    shelves = sorted((p for p in bom.parts if p.label == "Shelf"), key=lambda p: -p.qty)
    assert [(p.qty, p.modules) for p in shelves] == [(2, ("k1s", "k2s")), (1, ("w1s",))]
    for k, module in enumerate(("k1s", "k2s"), start=1):
        assert f"{shelves[0].number}   piece {k} / 2" in text
        assert f"{module} Shelf in k{k}" in text
    assert f"{shelves[1].number}   piece 1 / 1" in text and "w1s Shelf in w1" in text
    by_id = {label.piece_id: label for label in piece_labels(catalog, design, bom, ORDER)}
    assert [by_id[f"7K2M-Q9TX-{shelves[0].number}-{k}"].module_id for k in (1, 2)] == ["k1s", "k2s"]
    assert "Melamine-faced chipboard 18 mm" in text and "Arctic white" in text


def test_unknown_label_stock_is_refused_by_name(catalog, tmp_path):
    from app.domain.production.exports import ExportError

    design = built(catalog, "kitchen")
    bom = build_bom(catalog, design)
    with pytest.raises(ExportError, match=r"unknown label stock '99x99'.*70x37"):
        write_export("labels", tmp_path / "x.pdf", catalog, design, bom, label_stock="99x99")
    assert not list(tmp_path.iterdir())


def test_a_chinese_customer_name_prints_on_the_labels(catalog, tmp_path):
    from app.domain.production.exports.pdf_fonts import CJK_FONTS

    if not any(path.is_file() for path in CJK_FONTS):
        pytest.skip("no CJK font installed (scripts/setup-env.sh installs fonts-wqy-microhei)")
    design = built(catalog, "kitchen")
    bom = build_bom(catalog, design)
    order = OrderReference("7K2M-Q9TX", "王小明", date(2026, 12, 4))
    (path,) = write_export("labels", tmp_path / "labels.pdf", catalog, design, bom, reference=order)
    assert PdfReader(path).pages[0].extract_text().count("Order 7K2M-Q9TX · 王小明 · 2026-12-04") == \
        min(24, sum(p.qty for p in bom.parts))
