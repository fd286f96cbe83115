"""File > Customer quote… and File > Assembly instructions…: the customer's papers from the window.

:func:`actions` makes the two menu actions for a configurator window; each
asks for a PDF file and hands the design as it is (with the wall anchors its
rules require) to :class:`CustomerPapers`, which does the work in steps shown
by a :class:`QProgressDialog` as the workshop export does
(:mod:`app.ui.configurator.bom_export`): the quote's content, its picture
(the renderer's high-quality path), the file; or the bill of materials, the
plan, one exploded picture per step (cancellable between pictures), the
file.  Cancelling writes nothing; files are written atomically.  Everything
runs on the GUI thread (VTK lives there); the dialog keeps the window alive.

The papers are in the app's language: the system locale's when the papers
have its words (Swedish, Chinese), else English.  A design opened from an
order (File > Open order by code) gets its order code and QR code on the quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.bom import BomError, build_bom
from app.domain.production.exports import ExportError, assembly_pdf, quote_pdf
from app.domain.production.papers.assembly_plan import AssemblyError, assembly_plan
from app.domain.production.papers.customer_quote import customer_quote
from app.domain.production.papers.words import WORDS
from app.domain.production.parts import PartsError
from app.domain.production.tally import ExtraHardware
from app.domain.showroom.order_code import is_valid


class Cancelled(Exception):
    pass


ORDER_TAG = re.compile(r"\(order ([0-9A-Z]{4}-[0-9A-Z]{4})\)")


def order_code_of(design: Design) -> str | None:
    """The order code of a design opened by File > Open order by code (its name says "(order CODE)",
    see order_open.py), when that code is a valid one; None for any other design."""
    found = ORDER_TAG.search(design.name)
    return found.group(1) if found and is_valid(found.group(1)) else None


def app_language() -> str:
    name = QLocale().name()          # 'sv_SE', 'zh_CN', 'en_US'
    for language in (name, name.split("_")[0]):
        if language in WORDS:
            return language
    return "en"


class CustomerPapers(QObject):
    """Writes one design's quote or assembly instructions, with a progress dialog."""

    written = Signal(object)     # the Path written
    failed = Signal(str)

    def __init__(self, parent: QWidget, catalog: Catalog, design: Design,
                 extra_hardware: Sequence[ExtraHardware] = (), language: str | None = None):
        super().__init__(parent)
        self.parent_widget = parent
        self.catalog, self.design = catalog, design
        self.extra_hardware = tuple(extra_hardware)
        self.language = language or app_language()
        self.progress: QProgressDialog | None = None
        self.last_message: QMessageBox | None = None
        self.warnings: list[str] = []

    # ---------------------------------------------------------------- dialogs
    def _ask(self, title: str, stem: str) -> Path | None:
        suggested = Path.home() / f"{_safe_name(self.design.name)} {stem}.pdf"
        name, _ = QFileDialog.getSaveFileName(self.parent_widget, title, str(suggested), "PDF (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def quote_dialog(self) -> Path | None:
        path = self._ask("Customer quote", "quote")
        return self.write_quote(path) if path else None

    def assembly_dialog(self) -> Path | None:
        path = self._ask("Assembly instructions", "assembly")
        return self.write_assembly(path) if path else None

    # ------------------------------------------------------------------ work
    def write_quote(self, path: Path | str) -> Path | None:
        path = Path(path)

        def work() -> None:
            self._step(0, "Working out the quote...")
            quote = customer_quote(self.catalog, self.design, self.extra_hardware, self.language,
                                   order_code=order_code_of(self.design))
            self._step(1, "Rendering the picture...")
            picture = self._picture()
            self._step(2, f"Writing {path.name}...")
            quote_pdf.write(path, quote, picture)

        return self._run("Customer quote", 3, path, work)

    def write_assembly(self, path: Path | str) -> Path | None:
        path = Path(path)

        def work() -> None:
            self._step(0, "Working out the steps...")
            bom = build_bom(self.catalog, self.design, self.extra_hardware)
            plan = assembly_plan(self.catalog, self.design, bom, self.extra_hardware, self.language)
            pictures = self._step_pictures(plan)
            self._step(98, f"Writing {path.name}...")
            assembly_pdf.write(path, plan, bom, pictures)

        return self._run("Assembly instructions", 100, path, work)

    def _run(self, title: str, steps: int, path: Path, work: Callable[[], None]) -> Path | None:
        self.warnings = []
        self.progress = QProgressDialog(title + "...", "Cancel", 0, steps, self.parent_widget)
        self.progress.setObjectName("customerPapersProgress")
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        try:
            work()
        except Cancelled:
            return None
        except (BomError, PartsError, AssemblyError, ExportError) as exc:
            message = str(exc) if str(path) in str(exc) else f"{path} was not written: {exc}"
            self._show(QMessageBox.Icon.Critical, f"{title} not written", message)
            self.failed.emit(message)
            return None
        finally:
            if self.progress is not None:
                self.progress.reset()
                self.progress.deleteLater()
                self.progress = None
        if self.warnings:
            self._show(QMessageBox.Icon.Warning, "Written with a warning",
                       f"Wrote {path.name}.\n" + "\n".join(self.warnings))
        self.written.emit(path)
        return path

    def _step(self, value: int, label: str) -> None:
        if self.progress is None:
            return
        self.progress.setLabelText(label)
        self.progress.setValue(value)
        QApplication.processEvents()
        if self.progress.wasCanceled():
            raise Cancelled()

    def _picture(self) -> bytes | None:
        from app.ui.view.assembly_pictures import best_design_png
        from app.ui.view.offscreen_render import RenderError

        try:
            return best_design_png(self.catalog, self.design)
        except RenderError as exc:
            self.warnings.append(f"The quote has no picture of the design: {exc}")
            return None

    def _step_pictures(self, plan) -> dict[int, bytes]:
        from app.ui.view.assembly_pictures import render_step_pictures
        from app.ui.view.offscreen_render import RenderError

        def progress(done: int, total: int) -> bool:
            self._step(1 + (96 * done) // max(total, 1), f"Drawing step {done + 1} of {total}...")
            return True

        try:
            return render_step_pictures(plan, progress=progress)
        except RenderError as exc:
            self.warnings.append(f"The instructions have no pictures: {exc}")
            return {}

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("customerPapersMessage")
        box.open()   # window-modal, not blocking
        self.last_message = box


def actions(window) -> tuple[QAction, QAction]:
    """File > Customer quote… and File > Assembly instructions… for a configurator window (which has
    ``catalog``, ``document``, ``feedback`` and ``show_message``)."""

    def papers() -> CustomerPapers:
        report = window.feedback.report
        made = CustomerPapers(window, window.catalog, window.document.design,
                              report.required_hardware() if report is not None else ())
        made.written.connect(lambda path: window.show_message(f"Wrote {path}"))
        window.last_customer_papers = made   # kept for the dialog's lifetime (and read by tests)
        return made

    quote = QAction("Customer quote…", window)
    quote.setToolTip("The quote the customer takes home: picture, sizes, a price per unit, total with VAT")
    quote.triggered.connect(lambda: papers().quote_dialog())
    assembly = QAction("Assembly instructions…", window)
    assembly.setToolTip("Step-by-step assembly instructions with a picture per step, as PDF")
    assembly.triggered.connect(lambda: papers().assembly_dialog())
    return quote, assembly


def _safe_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip()
    return cleaned or "design"
