"""`modulor quote` and `modulor assembly` from the command line, with no display; bad input gives one
line per problem and writes nothing; the catalog's [shop] is validated naming the file and field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli.main import main
from app.domain.catalog.loader import CatalogError, load_catalog
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.production.pricing import quote
from app.domain.rules import RulesEngine
from app.domain.showroom.kiosk_settings import load_settings
from app.domain.showroom.order_code import new_code

ROOT = Path(__file__).resolve().parent.parent


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _design_file(catalog, tmp_path, preset) -> Path:
    path = tmp_path / f"{preset}.modulor.json"
    path.write_text(json.dumps(design_to_dict(design_from_preset(catalog, preset))), encoding="utf-8")
    return path


def test_assembly_without_a_display_has_a_picture_per_step(catalog, tmp_path):
    design_file = _design_file(catalog, tmp_path, "bookcase")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    out = tmp_path / "bookcase-assembly.pdf"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "assembly", str(design_file), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"wrote {out}:")
    reader = PdfReader(out)
    assert sum(len(page.images) for page in reader.pages) >= 10
    assert "Step 1" in _text(out)


def test_quote_with_order_code_and_language(catalog, tmp_path, capsys):
    design_file = _design_file(catalog, tmp_path, "wardrobe")
    wardrobe = design_from_preset(catalog, "wardrobe")
    expected = quote(catalog, wardrobe, extra_hardware=RulesEngine(catalog).check(wardrobe).required_hardware())
    code = new_code()
    out = tmp_path / "offert.pdf"
    assert main(["quote", str(design_file), "-o", str(out), "--language", "sv", "--order", code.lower(),
                 "--no-picture"]) == 0
    text = _text(out)
    swedish_total = f"{expected.price_gross:,.2f}".replace(",", " ").replace(".", ",")
    assert f"Totalt inklusive moms {swedish_total} EUR" in text
    assert f"Orderkod {code}" in text
    assert len(PdfReader(out).pages[0].images) == 1      # the QR code (no picture asked for)
    assert f"{expected.price_gross:.2f} EUR" in capsys.readouterr().out


def test_bad_input_writes_nothing(catalog, tmp_path, capsys):
    broken = tmp_path / "broken.modulor.json"
    broken.write_text("{ not json", encoding="utf-8")
    out = tmp_path / "q.pdf"
    assert main(["quote", str(broken), "-o", str(out), "--no-picture"]) == 1
    assert main(["assembly", str(broken), "-o", str(out), "--no-pictures"]) == 1
    assert main(["quote", str(_design_file(catalog, tmp_path, "sideboard")), "-o", str(out),
                 "--order", "NOT-A-CODE"]) == 1
    printed = capsys.readouterr().out
    assert "broken.modulor.json" in printed and "--order" in printed
    assert "Traceback" not in printed
    assert not out.exists()


def test_shop_fields_are_validated_naming_the_file_and_field(tmp_path):
    root = tmp_path / "catalogs" / "linea"
    shutil.copytree(ROOT / "catalogs" / "linea", root)
    (tmp_path / "models3d").symlink_to(ROOT / "models3d")
    head = root / "catalog.toml"
    head.write_text(head.read_text(encoding="utf-8").replace("quote_valid_days = 30", "quote_valid_days = 0"),
                    encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert "catalog.toml" in message and "shop" in message and "quote_valid_days" in message


def test_printer_setting_is_validated(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('printer = "Showroom laser"\n', encoding="utf-8")
    assert load_settings(path).printer == "Showroom laser"
    path.write_text('printer = "bad\\u0007name"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.printer == ""
    assert any("field 'printer'" in p and str(path) in p for p in settings.problems)
