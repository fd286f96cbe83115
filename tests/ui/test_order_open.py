"""The configurator opens a kiosk order by its code (app/ui/configurator/order_open.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.order_store import OrderStore
from app.ui.configurator.order_open import OrderOpenError, load_order, open_order


def _place(catalog, path, preset="wardrobe"):
    design = design_from_preset(catalog, preset)
    with OrderStore(path) as store:
        return store.place(design_to_dict(design), Decimal("1121.97"), "EUR", 13), design


def test_load_order_by_code_and_refuse_typos(catalog, tmp_path):
    order, design = _place(catalog, tmp_path / "orders.sqlite3")
    loaded, opened = load_order(order.code.lower().replace("-", " "), catalog, tmp_path / "orders.sqlite3")
    assert loaded.code == order.code and opened.snapshot() == design.snapshot()
    typo = order.code[:-1] + ("1" if order.code[-1] != "1" else "2")
    with pytest.raises(OrderOpenError, match="mistyped"):
        load_order(typo, catalog, tmp_path / "orders.sqlite3")
    with pytest.raises(OrderOpenError, match="no order store"):
        load_order(order.code, catalog, tmp_path / "missing.sqlite3")


def test_the_window_opens_an_order(make_window, catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("MODULOR_DATA_DIR", str(tmp_path))
    order, design = _place(catalog, tmp_path / "orders.sqlite3")
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_open_order in file_menu.actions()   # File > Open order by code…
    assert open_order(window, order.code) is not None
    assert window.document.design.snapshot() == design.snapshot()
    assert order.code in window.document.design.name and not window.document.dirty   # nothing to lose yet


def test_open_by_code_refuses_unicode_look_alikes(catalog, tmp_path):
    """The configurator shows the order-code refusal: which character, where (issue 15, item 7)."""
    path = tmp_path / "orders.sqlite3"
    design = design_from_preset(catalog, "wardrobe")
    with OrderStore(path, code_source=lambda: "1S7T-F1MW") as store:
        store.place(design_to_dict(design), Decimal("1121.97"), "EUR", 13)
    assert load_order("1s7t f1mw", catalog, path)[0].code == "1S7T-F1MW"
    with pytest.raises(OrderOpenError, match=r"character 1, '\u0131' \(LATIN SMALL LETTER DOTLESS I\)"):
        load_order("\u0131\u017f7T\ufb01MW", catalog, path)


def test_loading_an_order_writes_no_file(catalog, tmp_path, monkeypatch):
    # the stored design goes through the design loader in memory: no temp file outside atomic_files' rule
    order, design = _place(catalog, tmp_path / "orders.sqlite3")
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("load_order wrote a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", refuse)
    assert load_order(order.code, catalog, tmp_path / "orders.sqlite3")[1].snapshot() == design.snapshot()
