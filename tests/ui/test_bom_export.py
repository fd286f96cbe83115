"""The window's export for the workshop: progress, cancel, errors naming the file, the PDF picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.design.presets import design_from_preset
from app.ui.configurator.bom_export import BomExporter

pytestmark = pytest.mark.gui


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_exports_a_pdf_with_its_rendered_picture(qtbot, parent, catalog, tmp_path):
    from pypdf import PdfReader

    exporter = BomExporter(parent, catalog, design_from_preset(catalog, "sideboard"))
    with qtbot.waitSignal(exporter.exported, timeout=60_000) as signal:
        outcome = exporter.export(tmp_path / "sideboard.pdf")
    assert outcome.ok and outcome.warnings == []
    assert signal.args == [[tmp_path / "sideboard.pdf"]]
    assert len(PdfReader(tmp_path / "sideboard.pdf").pages[0].images) == 1
    assert exporter.progress is None   # the progress dialog is gone


def test_csv_writes_both_files(qtbot, parent, catalog, tmp_path):
    exporter = BomExporter(parent, catalog, design_from_preset(catalog, "bookcase"))
    outcome = exporter.export(tmp_path / "cuts.csv")
    assert outcome.paths == [tmp_path / "cuts.csv", tmp_path / "cuts-parts.csv"]
    assert all(p.is_file() for p in outcome.paths)


def test_cancel_during_nesting_writes_nothing(qtbot, parent, catalog, tmp_path, monkeypatch):
    exporter = BomExporter(parent, catalog, design_from_preset(catalog, "wardrobe"))
    seen = []

    def step_then_cancel(done, total, stock):
        seen.append(stock)
        exporter.progress.cancel()         # what the Cancel button does
        return BomExporter._nesting_step(exporter, done, total, stock)

    monkeypatch.setattr(exporter, "_nesting_step", step_then_cancel)
    outcome = exporter.export(tmp_path / "w.xlsx")
    assert outcome.cancelled and outcome.paths == [] and seen == ["hdf3/white"]
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_written_is_named_in_the_message(qtbot, parent, catalog, tmp_path):
    exporter = BomExporter(parent, catalog, design_from_preset(catalog, "bookcase"))
    target = tmp_path / "no-such-folder" / "order.json"
    with qtbot.waitSignal(exporter.failed) as signal:
        outcome = exporter.export(target)
    assert not outcome.ok and str(target) in outcome.error
    assert signal.args[0] == outcome.error
    box = exporter.last_message
    assert box.icon() == QMessageBox.Critical and str(target) in box.text() and box.isVisible()
    box.close()


def test_a_pdf_without_gl_is_still_written_and_says_so(qtbot, parent, catalog, tmp_path, monkeypatch):
    import app.ui.view.offscreen_render as offscreen

    def no_gl(*_args, **_kwargs):
        raise offscreen.RenderError("3D rendering failed: no OpenGL")

    monkeypatch.setattr(offscreen, "render_design_png", no_gl)
    exporter = BomExporter(parent, catalog, design_from_preset(catalog, "bookcase"))
    outcome = exporter.export(tmp_path / "b.pdf")
    assert outcome.ok and (tmp_path / "b.pdf").is_file()
    assert outcome.warnings == ["The PDF has no picture of the design: 3D rendering failed: no OpenGL"]
    assert "no picture" in exporter.last_message.text()
    exporter.last_message.close()


def test_the_dialog_adds_the_suffix_of_the_chosen_format(qtbot, parent, catalog, tmp_path, monkeypatch):
    chosen = tmp_path / "order"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(chosen), "Spreadsheet, Excel (*.xlsx)"))
    exporter = BomExporter(parent, catalog, design_from_preset(catalog, "tv_bench"))
    outcome = exporter.export_dialog()
    assert outcome.paths == [Path(f"{chosen}.xlsx")] and outcome.ok
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert exporter.export_dialog() is None


def test_the_export_nests_as_an_order_does(qtbot, parent, catalog, tmp_path):
    """The window's export is the workshop's order: it searches for fewer sheets as `modulor bom` does
    (125 units of the benchmark grid: 20 sheets in the quick layouts, 19 after the search)."""
    import json

    from bench.designs import grid_design

    exporter = BomExporter(parent, catalog, grid_design(catalog, 125))
    outcome = exporter.export(tmp_path / "grid.json")
    assert outcome.ok
    stocks = json.loads((tmp_path / "grid.json").read_text(encoding="utf-8"))["stocks"]
    assert sum(s["sheets_used"] for s in stocks) == 19
