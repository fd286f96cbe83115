"""Export the current design for the workshop from the window, with a progress dialog.

Self-contained: the window creates one and calls it from a menu action::

    exporter = BomExporter(window, catalog, design)       # or pass the rules' extra_hardware
    export_action.triggered.connect(exporter.export_dialog)
    exporter.exported.connect(lambda paths: status_bar.showMessage(f"Wrote {paths[0]}"))

:meth:`BomExporter.export_dialog` asks for a file (the format follows the chosen
filter or the file's suffix), then :meth:`BomExporter.export` does the work in
steps shown by a :class:`QProgressDialog`: the parts and prices, the nesting of
each stock (cancellable between stocks), the rendered view for a PDF cover, the
file.  Cancelling writes nothing; files are written atomically, so a failure
never leaves half a file.  A failure is shown as a message that names the file
and says why; a PDF whose picture could not be rendered is still written, and a
message says so.  Everything runs on the GUI thread (the picture needs VTK
there); the progress dialog keeps the window responsive between steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.bom import BomError, Cancelled, build_bom
from app.domain.production.cutlist import ORDER_NESTING_SECONDS
from app.domain.production.exports import FORMATS, ExportError, format_for, write_export
from app.domain.production.tally import ExtraHardware
from app.ui.configurator import window_settings

FILTERS = {
    "pdf": "Workshop papers, PDF (*.pdf)",
    "xlsx": "Spreadsheet, Excel (*.xlsx)",
    "csv": "Cut list for CutList Optimizer, CSV (*.csv)",
    "json": "Everything, JSON (*.json)",
    "glb": "3D model, glTF binary (*.glb)",
}


@dataclass
class ExportOutcome:
    paths: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.paths) and self.error is None and not self.cancelled


class BomExporter(QObject):
    """Exports one design of one catalog; keep it as long as the window shows that design."""

    exported = Signal(list)      # the files written (list[Path])
    failed = Signal(str)         # the message shown

    def __init__(self, parent: QWidget, catalog: Catalog, design: Design,
                 extra_hardware: Sequence[ExtraHardware] = ()):
        super().__init__(parent)
        self.parent_widget = parent
        self.catalog = catalog
        self.design = design
        self.extra_hardware = tuple(extra_hardware)
        self.progress: QProgressDialog | None = None
        self.last_message: QMessageBox | None = None   # the last message shown (tests read it)
        self.last_folder = window_settings.last_folder()   # where the last file was opened, saved or exported

    # ---------------------------------------------------------------- dialog
    def export_dialog(self) -> ExportOutcome | None:
        """Ask for a file and format, then export; None when the user chose nothing."""
        suggested = self.last_folder / f"{_safe_name(self.design.name)}.pdf"
        name, chosen = QFileDialog.getSaveFileName(self.parent_widget, "Export for the workshop", str(suggested),
                                                   ";;".join(FILTERS.values()), FILTERS["pdf"])
        if not name:
            return None
        path = Path(name)
        fmt = format_for(path) or next((f for f, text in FILTERS.items() if text == chosen), "pdf")
        if format_for(path) is None:
            path = path.with_name(f"{path.name}.{fmt}")
        self.last_folder = path.parent
        window_settings.remember_folder(path)
        return self.export(path, fmt)

    # ------------------------------------------------------------------ work
    def export(self, path: Path | str, fmt: str | None = None) -> ExportOutcome:
        """Write the design to ``path`` as ``fmt`` (default: from the suffix), showing progress."""
        path = Path(path)
        fmt = fmt or format_for(path)
        outcome = ExportOutcome()
        if fmt not in FORMATS:
            return self._fail(outcome, f"{path}: choose one of {', '.join(FORMATS)} (from the file's suffix)")
        steps = 4 if fmt == "pdf" else 3
        self.progress = QProgressDialog("Working out parts and prices...", "Cancel", 0, steps * 100,
                                        self.parent_widget)
        self.progress.setObjectName("bomExportProgress")
        self.progress.setWindowTitle("Export for the workshop")
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        try:
            # An export is the workshop's order: the order's nesting time, as `modulor bom` takes it.
            bom = build_bom(self.catalog, self.design, self.extra_hardware, progress=self._nesting_step,
                            optimise_s=ORDER_NESTING_SECONDS)
            errors = [p for p in bom.problems if p.severity == "error"]
            if errors:
                details = "\n".join(f"{p.entry}: {p.message}" for p in errors)
                return self._fail(outcome, f"{path} was not written: the design cannot be made as it is.\n{details}")
            picture = None
            if fmt == "pdf":
                if not self._step(200, "Rendering the view for the cover..."):
                    raise Cancelled()
                picture = self._picture(outcome)
            if not self._step((steps - 1) * 100, f"Writing {path.name}..."):
                raise Cancelled()
            outcome.paths = write_export(fmt, path, self.catalog, self.design, bom, picture)
        except Cancelled:
            outcome.cancelled = True
            return outcome
        except (BomError, ExportError) as exc:
            message = str(exc)
            return self._fail(outcome, message if str(path) in message else f"{path} was not written: {message}")
        finally:
            self._close_progress()
        if outcome.warnings:
            self._show(QMessageBox.Warning, "Exported with a warning",
                       f"Wrote {', '.join(p.name for p in outcome.paths)}.\n" + "\n".join(outcome.warnings))
        self.exported.emit(outcome.paths)
        return outcome

    def _nesting_step(self, done: int, total: int, stock: str) -> bool:
        return self._step(100 + (100 * done) // max(total, 1), f"Nesting the sheets: {stock} ({done + 1}/{total})...")

    def _step(self, value: int, label: str) -> bool:
        """Show a step; False when the user has cancelled."""
        if self.progress is None:
            return True
        self.progress.setLabelText(label)
        self.progress.setValue(value)
        QApplication.processEvents()
        return not self.progress.wasCanceled()

    def _picture(self, outcome: ExportOutcome) -> bytes | None:
        from app.ui.view.offscreen_render import RenderError, render_design_png

        try:
            return render_design_png(self.catalog, self.design)
        except RenderError as exc:
            outcome.warnings.append(f"The PDF has no picture of the design: {exc}")
            return None

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _fail(self, outcome: ExportOutcome, message: str) -> ExportOutcome:
        outcome.error = message
        self._show(QMessageBox.Critical, "Export failed", message)
        self.failed.emit(message)
        return outcome

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.Ok, self.parent_widget)
        box.setObjectName("bomExportMessage")
        box.setAttribute(Qt.WA_DeleteOnClose, False)
        box.open()   # window-modal but not blocking: the caller (and a test) goes on
        self.last_message = box


def _safe_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip()
    return cleaned or "design"
