"""`modulor kiosk` setup steps and `modulor order CODE` for the workshop: no display needed."""

from __future__ import annotations

import io
import sys
from decimal import Decimal

from app.cli.main import main
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.kiosk_settings import load_settings, settings_path
from app.domain.showroom.order_store import OrderStore


def test_kiosk_refuses_to_start_without_a_pin(capsys):
    assert main(["kiosk"]) == 2
    assert "--set-pin" in capsys.readouterr().err
    assert main(["--kiosk"]) == 2


def test_set_pin_stores_only_its_hash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("86420\n"))
    assert main(["kiosk", "--set-pin"]) == 0
    text = settings_path().read_text()
    assert "86420" not in text and load_settings().check_pin("86420")
    monkeypatch.setattr(sys, "stdin", io.StringIO("12\n"))
    assert main(["kiosk", "--set-pin"]) == 2
    assert load_settings().check_pin("86420")


def test_translations_are_complete(capsys):
    assert main(["kiosk", "--check-translations"]) == 0
    assert "0 catalog text(s) missing" in capsys.readouterr().out


def test_order_summary_and_bom(catalog, tmp_path, capsys):
    design = design_from_preset(catalog, "tv_bench")
    with OrderStore() as store:   # the default store in the (test) data folder, as the kiosk writes it
        order = store.place(design_to_dict(design), Decimal("813.83"), "EUR", 11, language="zh_CN")
    assert main(["order", order.code.lower()]) == 0
    out = capsys.readouterr().out
    assert order.code in out and "813.83 EUR" in out and "lead time 11 days" in out
    assert "2 x Legs" in out and "zh_CN" in out and "contact: none" in out
    target = tmp_path / "order.pdf"
    assert main(["order", order.code, "--bom", "pdf", "-o", str(target), "--no-picture"]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert main(["order", order.code, "--design", str(tmp_path / "order.modulor.json")]) == 0
    assert main(["design", "check", str(tmp_path / "order.modulor.json")]) == 0


def test_order_errors_are_one_line(tmp_path, capsys):
    assert main(["order", "ABCD-EFGH", "--store", str(tmp_path / "none.sqlite3")]) == 1
    assert "no order store" in capsys.readouterr().out
    with OrderStore(tmp_path / "o.sqlite3") as store:
        code = store.place({"catalog": {"id": "linea", "version": "1.0.0"}, "modules": []}, Decimal(1), "EUR", 1).code
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert main(["order", typo, "--store", str(tmp_path / "o.sqlite3")]) == 1
    assert "mistyped" in capsys.readouterr().out
    assert main(["order", "0000-0000", "--store", str(tmp_path / "o.sqlite3")]) == 1
    assert main(["order", code, "--store", str(tmp_path / "o.sqlite3"), "--bom", "pdf"]) == 2


def test_order_refuses_unicode_look_alikes_naming_the_character(catalog, tmp_path, capsys):
    """The issue's look-alike code would case-map to the valid 1S7T-F1MW: the CLI refuses it, naming the character."""
    path = tmp_path / "o.sqlite3"
    with OrderStore(path, code_source=lambda: "1S7T-F1MW") as store:
        store.place(design_to_dict(design_from_preset(catalog, "tv_bench")), Decimal(1), "EUR", 1)
    assert main(["order", "1s7t-f1mw", "--store", str(path)]) == 0   # the real code, Crockford's aliases
    capsys.readouterr()
    assert main(["order", "\u0131\u017f7T\ufb01MW", "--store", str(path)]) == 1
    out = capsys.readouterr().out
    assert "character 1, '\u0131' (LATIN SMALL LETTER DOTLESS I)" in out and "1S7T-F1MW" not in out
    assert main(["order", "\uff11S7T-F1MW", "--store", str(path)]) == 1
    assert "FULLWIDTH DIGIT ONE" in capsys.readouterr().out
