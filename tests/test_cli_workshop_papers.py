"""Every workshop paper of a kiosk order carries the order's reference (issue 13 item 6), from the command line.

`modulor order CODE --bom FORMAT` is run on an order placed in the (test) order store; each file is
read back with an independent reader: pypdf for the PDFs' text, pdfium + zxing-cpp for the labels'
barcodes, csv for the saw lists, openpyxl for the workbooks' page headers, the ZPL's ^FD fields.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pypdfium2 as pdfium
import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli.main import main
from app.domain.design.files import design_to_dict
from app.domain.production.bom import build_bom
from app.domain.showroom.order_store import OrderStore
from tests.domain.workshop_designs import kitchen


def _place(catalog):
    design = kitchen(catalog)
    with OrderStore() as store:   # the default store in the (test) data folder, as the kiosk writes it
        order = store.place(design_to_dict(design), Decimal("1500.00"), "EUR", 12)
    return order, build_bom(catalog, design)


def test_every_paper_of_an_order_names_it(catalog, tmp_path, capsys):
    order, bom = _place(catalog)
    code, day = order.code, order.created_at.astimezone().date().isoformat()
    line = f"Order {code} · Jane Doe · {day}"
    out = {fmt: tmp_path / name for fmt, name in (("pdf", "bom.pdf"), ("labels", "labels.pdf"), ("zpl", "l.zpl"),
                                                  ("saw-csv", "saw.csv"), ("intellidivide", "id.csv"),
                                                  ("xlsx", "bom.xlsx"), ("saw-xlsx", "saw.xlsx"))}
    for fmt, path in out.items():
        assert main(["order", code, "--bom", fmt, "-o", str(path), "--no-picture", "--customer", "Jane Doe"]) == 0
        assert path.is_file(), fmt
    capsys.readouterr()
    # The workshop PDF: on the cover and at the top of every page.
    pages = PdfReader(out["pdf"]).pages
    assert all(line.replace(" · ", "  ·  ") in page.extract_text() for page in pages)
    # Labels: one per piece, each barcode and QR holding CODE-PARTNO-k, the reference printed on each.
    ids = sorted(f"{code}-{p.number}-{k}" for p in bom.parts for k in range(1, p.qty + 1))
    document = pdfium.PdfDocument(str(out["labels"]))
    found = []
    for page in document:
        codes = zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil().convert("L"))
        found += [(c.format, c.text) for c in codes]
    assert sorted(t for f, t in found if f == zxingcpp.BarcodeFormat.Code128) == ids
    assert sorted(t for f, t in found if f == zxingcpp.BarcodeFormat.QRCode) == ids
    assert PdfReader(out["labels"]).pages[0].extract_text().count(line) == min(24, len(ids))
    zpl = out["zpl"].read_text(encoding="utf-8")
    assert zpl.count(f"^FH^FD{line}^FS") == len(ids) == zpl.count("^XA")
    # Saw lists: the order column.
    with out["saw-csv"].open(newline="", encoding="utf-8") as handle:
        assert {r["Order"] for r in csv.DictReader(handle)} == {code}
    with out["intellidivide"].open(newline="", encoding="utf-8") as handle:
        assert {(r["OrderName"], r["CustomerName"], r["OrderDate"]) for r in csv.DictReader(handle)} == \
               {(code, "Jane Doe", day)}
    # Workbooks: every sheet's printed page header.
    for name in ("xlsx", "saw-xlsx"):
        book = load_workbook(out[name])
        assert all(s.oddHeader.left.text.startswith(f"Order {code}, Jane Doe, {day}") for s in book.worksheets)


def test_bom_takes_an_order_by_hand_and_refuses_half_of_one(catalog, tmp_path, capsys):
    design_file = tmp_path / "kitchen.modulor.json"
    import json

    design_file.write_text(json.dumps(design_to_dict(kitchen(catalog))), encoding="utf-8")
    target = tmp_path / "saw.csv"
    assert main(["bom", str(design_file), "--format", "saw-csv", "-o", str(target), "--order", "PHONE-0042"]) == 0
    with target.open(newline="", encoding="utf-8") as handle:
        assert {r["Order"] for r in csv.DictReader(handle)} == {"PHONE-0042"}
    capsys.readouterr()
    assert main(["bom", str(design_file), "--format", "labels", "-o", str(tmp_path / "l.pdf"),
                 "--customer", "Jane"]) == 1
    assert "--customer and --order-date need --order CODE" in capsys.readouterr().out
    assert main(["bom", str(design_file), "--format", "labels", "-o", str(tmp_path / "l.pdf"),
                 "--order", "A^B"]) == 1
    assert "may hold only letters, digits and '-'" in capsys.readouterr().out
    assert main(["bom", str(design_file), "--format", "zpl", "-o", str(tmp_path / "l.zpl"),
                 "--label-stock", "70x37"]) == 1
    assert ("unknown ZPL label stock '70x37' (expected one of 4x2: 4 x 2 in (101.6 x 50.8 mm) at 203 dpi; 4x3: "
            in capsys.readouterr().out)
    assert not (tmp_path / "l.pdf").exists() and not (tmp_path / "l.zpl").exists()


def test_labels_zpl_and_saw_lists_need_no_display(catalog, tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    design_file = tmp_path / "study.modulor.json"
    from tests.domain.workshop_designs import study

    design_file.write_text(json.dumps(design_to_dict(study(catalog))), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(root)
    for fmt, name in (("labels", "l.pdf"), ("zpl", "l.zpl"), ("saw-csv", "s.csv"), ("saw-xlsx", "s.xlsx"),
                      ("intellidivide", "i.csv")):
        result = subprocess.run([sys.executable, str(root / "main.py"), "bom", str(design_file), "--format", fmt,
                                 "-o", str(tmp_path / name)], capture_output=True, text=True, env=env, timeout=240)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and (tmp_path / name).stat().st_size > 0
        assert f"wrote {tmp_path / name}:" in result.stdout
