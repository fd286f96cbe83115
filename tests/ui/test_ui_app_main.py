"""Starting the app: a usable catalog opens the window, an unusable one is explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui import app_main
from app.ui.configurator.catalog_window import CatalogWindow

pytestmark = pytest.mark.gui


def test_unusable_catalog_shows_the_problems_and_returns_1(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.detailedText()) or 0)
    (tmp_path / "catalog.toml").write_text("id = 'Bad Id'\n")
    assert app_main.run_app(tmp_path, []) == 1
    assert shown and "catalog.toml" in shown[0]


def _close_later(kind, seen: dict) -> None:
    """Once the event loop runs: note what the window of ``kind`` shows, then close it."""
    def close_windows():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                seen["title"] = widget.windowTitle()
                seen["size"] = (widget.width(), widget.height())
                seen["shown"] = widget.scene.module_ids
                widget.close()

    QTimer.singleShot(500, close_windows)


def test_run_app_opens_the_configurator_on_the_first_preset(qtbot):
    from app.ui.configurator.window import ConfiguratorWindow

    seen = {}
    _close_later(ConfiguratorWindow, seen)
    assert app_main.run_app(app_main.Path("catalogs"), []) == 0   # a folder of catalogs: the first one
    assert seen["title"] == "Bookcase — Modulor"
    assert "c1" in seen["shown"] and "c2s4" in seen["shown"]
    assert QApplication.instance().applicationName() == "Modulor"


def test_run_app_browse_opens_the_catalog_window(qtbot):
    seen = {}
    _close_later(CatalogWindow, seen)
    assert app_main.run_app(app_main.Path("catalogs"), [], browse=True) == 0
    assert seen["title"] == "Modulor — Linea modular storage"
    assert seen["size"] == (1280, 800)
    assert "c1" in seen["shown"]


def test_a_design_file_opens_first_in_its_own_group(qtbot, open_window, catalog, tmp_path):
    from app.domain.design.files import save_design
    from app.domain.design.presets import design_from_preset

    path = save_design(design_from_preset(catalog, "tv_bench"), tmp_path / "bench.json")
    design = app_main.open_design(path, catalog)
    window = open_window(catalog, design=design)
    assert window.tree.currentItem().data(0, 256) == "design:"
    assert window.groups["design"].child(0).text(0) == "TV bench"
    assert window.scene.module_ids == design.ids()
    assert "1800 x 1900 x 469 mm" in window.details.toPlainText()
