"""Reload catalog with a broken entry (issue 19 item 7): the design keeps its catalog, prices and size,
and the designer is told which entry broke, instead of a drawn design called "Empty design, Price: —"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.domain.catalog.loader import load_catalog
from app.domain.design.presets import design_from_preset

pytestmark = pytest.mark.gui


def test_a_reload_that_would_leave_out_a_used_type_keeps_the_loaded_catalog(qtbot, catalog_copy, monkeypatch):
    from app.ui.configurator.window import ConfiguratorWindow

    catalog = load_catalog(catalog_copy)
    window = ConfiguratorWindow(catalog, design=design_from_preset(catalog, "sideboard"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.set_clean())
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.status.size_label.text().startswith("W "))
    size_before = window.status.size_label.text()
    entry = catalog_copy / "modules" / "base_cabinet.toml"
    entry.write_text(entry.read_text().replace('name = "Base cabinet"', 'name = ""', 1))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))
    assert window.reload_catalog() is False
    [(title, text)] = warnings
    assert title == "Catalog not reloaded" and "leaves out 'base_cabinet'" in text
    assert "base_cabinet.toml: module 'base_cabinet', field 'name'" in text
    assert window.catalog is catalog and "base_cabinet" in window.catalog.modules
    qtbot.wait(50)
    assert window.status.size_label.text() == size_before and "Empty design" not in size_before
    assert window.status.price_label.text().startswith("Price ") and "—" not in window.status.price_label.text()
    window.document.undo_stack.set_clean()
    window.close()
