"""File > Customer quote… and File > Assembly instructions… in the configurator: the menu, the
progress dialog, the files (read back with pypdf), and cancelling writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.design.presets import design_from_preset
from app.domain.production.pricing import Quoter
from app.domain.rules import RulesEngine
from app.domain.showroom.order_code import new_code
from app.ui.configurator.customer_papers import CustomerPapers, order_code_of

pytestmark = pytest.mark.gui


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_file_menu_writes_the_quote_of_the_design_shown(qtbot, make_window, catalog, tmp_path, monkeypatch):
    design = design_from_preset(catalog, "sideboard")
    window = make_window(design)
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Customer quote…" in titles and "Assembly instructions…" in titles
    target = tmp_path / "quote.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    window.act_quote.trigger()
    qtbot.waitUntil(target.is_file, timeout=180_000)
    papers = window.last_customer_papers
    assert papers.progress is None                      # the progress dialog is gone
    text = _text(target)
    shown = window.feedback.quote.price_gross           # the status bar's price
    assert f"Total including VAT {shown:,.2f} EUR" in text
    assert len(PdfReader(target).pages[0].images) >= 1  # the picture
    assert "Wrote" in window.statusBar().currentMessage() or papers.last_message is not None


def test_assembly_instructions_with_progress_and_pictures(qtbot, catalog, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    design = design_from_preset(catalog, "bookcase")
    extra = RulesEngine(catalog).check(design).required_hardware()
    papers = CustomerPapers(parent, catalog, design, extra, language="en")
    labels = []
    original = papers._step

    def spy(value, label):
        labels.append(label)
        original(value, label)

    papers._step = spy
    path = papers.write_assembly(tmp_path / "bookcase.pdf")
    assert path == tmp_path / "bookcase.pdf"
    assert any(label.startswith("Drawing step") for label in labels)
    reader = PdfReader(path)
    assert sum(len(page.images) for page in reader.pages) >= 10   # a picture per step with boards
    assert "Step 1" in _text(path)
    assert Quoter(catalog).quote(design, None, extra).price_gross > 0


def test_cancelling_writes_nothing(qtbot, catalog, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    papers = CustomerPapers(parent, catalog, design_from_preset(catalog, "wardrobe"))
    original = papers._step

    def cancel_at_pictures(value, label):
        if label.startswith("Drawing step") and papers.progress is not None:
            papers.progress.cancel()
        original(value, label)

    papers._step = cancel_at_pictures
    assert papers.write_assembly(tmp_path / "never.pdf") is None
    assert not (tmp_path / "never.pdf").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_design_opened_from_an_order_carries_its_code(qtbot, catalog, tmp_path):
    design = design_from_preset(catalog, "tv_bench")
    code = new_code()
    design.name = f"{design.name} (order {code})"     # as File > Open order by code names it
    assert order_code_of(design) == code
    parent = QWidget()
    qtbot.addWidget(parent)
    papers = CustomerPapers(parent, catalog, design, language="en")
    papers._picture = lambda: None   # the picture is the first test's business; this one is about the code
    path = papers.write_quote(tmp_path / "order.pdf")
    assert f"Order code {code}" in _text(path)
    mistyped = code[:-1] + ("2" if code[-1] != "2" else "3")   # the check character no longer fits
    design.name = f"TV bench (order {mistyped})"
    assert order_code_of(design) is None
