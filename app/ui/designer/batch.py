"""Import a folder of meshes at once (issue 19 item 8): each file's report, open one, publish the fit ones.

The files are checked one after another in the worker process
(:func:`app.domain.mesh.batch.check_folder`); the table fills as they come, the
event loop runs between files.  A file named after a catalog module updates it
and, when fit, is published with *Publish the fit ones* (its entry has its parts,
hardware and labour already; a backup of each replaced file is kept).  A new
module needs the designer: *Open* loads it into the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.loader import load_catalog
from app.domain.mesh.batch import BatchEntry, check_folder, publish_entry
from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.publish import PublishConflict, PublishError, StagedCheck
from app.domain.mesh.sandbox import MeshWorker

COLUMNS = ("File", "Verdict", "Publish as", "Published")


class BatchDialog(QDialog):
    open_requested = Signal(object)   # a path, to open in the designer window
    published = Signal(str)           # a module id written into the catalog

    def __init__(self, catalog: Catalog, folder: Path, staged_check: StagedCheck | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog, self.folder, self.staged_check = catalog, Path(folder), staged_check
        self.entries: list[BatchEntry] = []
        self.setWindowTitle(f"Import folder — {self.folder}")
        self.resize(980, 640)
        self.summary = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report = QTextBrowser()
        self.open_button = QPushButton("Open in the designer")
        self.publish_button = QPushButton("Publish the fit ones")
        self.publish_button.setToolTip("Publish every fit file that updates a catalog module (backups kept)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.report, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.open_button.clicked.connect(self._open_selected)
        self.publish_button.clicked.connect(self.publish_fit)

    # ------------------------------------------------------------------ checking
    def check(self) -> None:
        """Check every mesh file of the folder, filling the table as each report comes."""
        self.summary.setText(f"Checking the meshes in {self.folder} …")
        for entry in check_folder(self.catalog, self.folder):
            self.entries.append(entry)
            self._add_row(entry)
            QApplication.processEvents()
        self._summarise()
        if self.entries:
            self.table.selectRow(0)

    def _add_row(self, entry: BatchEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        target = f"Update: {entry.target}" if entry.target else "A new module (open it to complete)"
        for column, text in enumerate((entry.path.name, entry.verdict, target, "")):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _summarise(self) -> None:
        fit = sum(e.fit for e in self.entries)
        ready = sum(e.publishable for e in self.entries)
        self.summary.setText(f"{len(self.entries)} mesh file(s): {fit} fit, {len(self.entries) - fit} unfit, "
                             f"ambiguous or refused; {ready} can be published now (updates of catalog modules)")
        self.publish_button.setEnabled(ready > 0)

    def _selected(self) -> BatchEntry | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.entries[min(rows)] if rows else None

    def _show_selected(self) -> None:
        entry = self._selected()
        self.report.setPlainText(entry.report if entry is not None else "")

    def _open_selected(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.open_requested.emit(entry.path)
            self.accept()

    # ------------------------------------------------------------------ publishing
    def publish_fit(self) -> list[str]:
        """Publish every publishable file; the module ids written.  Each row says what became of it."""
        written = []
        with MeshWorker() as worker:
            for row, entry in enumerate(self.entries):
                if not entry.publishable:
                    continue
                try:
                    inspected = worker.call(entry.path)
                    result = publish_entry(self.catalog, entry, inspected, self.staged_check)
                except (MeshLoadError, PublishError, PublishConflict, OSError) as exc:
                    self.table.item(row, 3).setText(f"not published: {str(exc).splitlines()[0]}")
                    continue
                backups = f" (backups: {len(result.backups)})" if result.backups else ""
                self.table.item(row, 3).setText(f"published{backups}")
                written.append(str(entry.target))
                self.catalog = load_catalog(self.catalog.root, self.catalog.models_dir)   # the next sees this one
                self.published.emit(str(entry.target))
                QApplication.processEvents()
        self.publish_button.setEnabled(False)
        return written
