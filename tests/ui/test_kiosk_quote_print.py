"""The kiosk summary's "Print my quote": printed on the configured printer, nothing of it on disk;
without a printer the button says so."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from app.domain.production.exports import quote_pdf
from app.domain.production.papers.customer_quote import customer_quote
from app.ui.kiosk.quote_print import print_pdf
from tests.ui.kiosk_helpers import open_kiosk

pytestmark = pytest.mark.gui


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _to_summary(qtbot, window, preset):
    window.start(preset)
    window.show_summary()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)


def test_without_a_printer_the_button_says_so(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    _to_summary(qtbot, window, "sideboard")
    button = window.summary.quote_print.button
    assert not button.isEnabled()
    assert button.text() == "No printer is set up for quotes"
    window.set_language("sv")
    assert button.text() == "Ingen skrivare är inställd för offerter"


def test_prints_the_quote_on_the_configured_printer_and_keeps_nothing(qtbot, catalog, tmp_path, monkeypatch):
    data = tmp_path / "kiosk-data"
    data.mkdir()
    monkeypatch.setenv("MODULOR_DATA_DIR", str(data))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))              # QDir::tempPath() and tempfile read it
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    window = open_kiosk(qtbot, catalog, tmp_path, printer="Showroom laser")
    _to_summary(qtbot, window, "wardrobe")
    window.set_language("sv")
    asked = []
    # The test's stand-in for the shop's printer: Qt's PDF printer, writing where only the test looks.
    paper = tmp_path / "paper" / "printed.pdf"
    paper.parent.mkdir()

    def printer(name):
        asked.append(name)
        made = QPrinter(QPrinter.PrinterMode.HighResolution)
        made.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        made.setOutputFileName(str(paper))
        return made

    window.summary.quote_print.make_printer = printer
    before = _files(tmp_path) - {paper}
    button = window.summary.quote_print.button
    assert button.isEnabled() and button.text() == "Skriv ut min offert"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["Showroom laser"]
    assert button.text().startswith("Din offert skrivs ut")
    printed = PdfReader(paper)
    expected = quote_pdf.render(customer_quote(catalog, window.session.design,
                                               window.session.report.required_hardware(), "sv"),
                                window.summary.quote_print._picture_png())   # the summary's own picture
    assert len(printed.pages) == len(PdfReader(io.BytesIO(expected)).pages) == window.summary.quote_print.last_pages
    # Nothing of the quote stays on the kiosk: no new file anywhere under the kiosk's folders.
    assert _files(tmp_path) - {paper} == before
    assert list(temp.iterdir()) == []     # nor in the temporary folder Python and Qt would use


def test_an_unknown_printer_fails_politely(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path, printer="No such printer 42")
    _to_summary(qtbot, window, "sideboard")
    assert not window.summary.quote_print.print_quote()
    assert "could not be printed" in window.summary.quote_print.button.text()


def test_print_pdf_draws_every_page(qtbot, catalog, tmp_path):
    from app.domain.design.presets import design_from_preset

    data = quote_pdf.render(customer_quote(catalog, design_from_preset(catalog, "tv_bench"), ()))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    pages = print_pdf(data, printer)
    assert pages == len(PdfReader(io.BytesIO(data)).pages) == len(PdfReader(tmp_path / "out.pdf").pages)
