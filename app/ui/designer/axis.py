"""One axis of the stretch editor: the zones that stretch along it, and (new modules) its size range.

A small table of zones (from, to, in mm of the published mesh), buttons to add,
remove or suggest one, and for a new module whether the axis resizes and
between which sizes.  Every edit emits ``changed``; :meth:`AxisEditor.zones`
reads the table back and names the cell that is not a number.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.mesh.entry_toml import AXIS_PARAMS, AxisParam

ROW_HEIGHT = 24
# The zone table shows at least this many rows, and grows with its zones up to the most: a table that
# showed two and a half rows hid the third zone of a three-door cabinet.
MIN_ROWS, MAX_ROWS = 3, 8
MAX_SIZE_MM = 10_000.0   # spin box range only; the catalog's own limits judge what is made


def _spin(value: float = 0.0) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, MAX_SIZE_MM)
    spin.setDecimals(0)
    spin.setSuffix(" mm")
    spin.setValue(value)
    return spin


class AxisEditor(QGroupBox):
    changed = Signal()
    suggest_requested = Signal(str)

    def __init__(self, axis: str, parent: QWidget | None = None):
        name, label = AXIS_PARAMS[axis]
        super().__init__(f"{axis.upper()}: {label.lower()}", parent)
        self.axis = axis
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["stretches from (mm)", "to (mm)"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._fit_rows()
        self.add_button = QPushButton("Add zone")
        self.remove_button = QPushButton("Remove")
        self.suggest_button = QPushButton("Suggest")
        self.suggest_button.setToolTip("The widest stretch with no corner of the mesh in it (between the panels)")
        self.resizable = QCheckBox(f"Resizes: parameter '{name}'")
        self.minimum, self.maximum, self.step = _spin(), _spin(), _spin(10)
        self.step.setRange(0.0, 1000.0)
        self._new = True

        buttons = QHBoxLayout()
        for button in (self.suggest_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        self.range_row = QWidget()
        sizes = QHBoxLayout(self.range_row)
        sizes.setContentsMargins(0, 0, 0, 0)
        for spin, tip in ((self.minimum, "smallest"), (self.maximum, "largest"), (self.step, "step")):
            spin.setToolTip(f"The {tip} size a customer may choose")
            sizes.addWidget(spin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.resizable)
        layout.addWidget(self.range_row)

        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.table.model().rowsInserted.connect(lambda *_: self._fit_rows())
        self.table.model().rowsRemoved.connect(lambda *_: self._fit_rows())
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_row)
        self.suggest_button.clicked.connect(lambda: self.suggest_requested.emit(self.axis))
        self.resizable.toggled.connect(self._on_resizable)
        for spin in (self.minimum, self.maximum, self.step):
            spin.valueChanged.connect(lambda _v: self.changed.emit())
        self._on_resizable(False)

    # ------------------------------------------------------------------ zones
    def _fit_rows(self) -> None:
        """Height for every zone (between MIN_ROWS and MAX_ROWS rows) and the header, no scrolling below that."""
        rows = min(max(self.table.rowCount(), MIN_ROWS), MAX_ROWS)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * ROW_HEIGHT + 2 * self.table.frameWidth())

    def visible_rows(self) -> float:
        """How many zone rows the table shows without scrolling."""
        viewport = self.table.height() - self.table.horizontalHeader().sizeHint().height() - 2 * self.table.frameWidth()
        return viewport / ROW_HEIGHT

    def set_zones(self, zones: list[tuple[float, float]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for a, b in zones:
            self._append(a, b)
        self.table.blockSignals(False)
        self.changed.emit()

    def _append(self, a: float, b: float) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((a, b)):
            self.table.setItem(row, column, QTableWidgetItem(f"{value:g}"))

    def _add_row(self) -> None:
        zones = self._numbers()
        start = zones[-1][1] if zones else 0.0
        self.table.blockSignals(True)
        self._append(start, start)
        self.table.blockSignals(False)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 1))

    def _remove_row(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()} or {self.table.rowCount() - 1})
        for row in reversed([r for r in rows if r >= 0]):
            self.table.removeRow(row)
        self.changed.emit()

    def _numbers(self) -> list[tuple[float, float]]:
        try:
            return self.zones()
        except ValueError:
            return []

    def zones(self) -> list[tuple[float, float]]:
        """The zones in the table, in order of rows; ValueError names a cell that is not a number."""
        zones = []
        for row in range(self.table.rowCount()):
            values = []
            for column in range(2):
                item = self.table.item(row, column)
                text = item.text().strip().replace(",", ".") if item is not None else ""
                try:
                    values.append(float(text))
                except ValueError:
                    raise ValueError(f"{self.axis}: zone {row + 1}: '{text}' is not a number") from None
            if values[0] != values[1]:  # a row just added and not filled in yet is not a zone
                zones.append((values[0], values[1]))
        return zones

    # ----------------------------------------------------------------- range
    def set_new_module(self, new: bool) -> None:
        """Sizes are chosen here only for a new module; an existing entry keeps its parameters."""
        self._new = new
        self.resizable.setVisible(new)
        self.range_row.setVisible(new and self.resizable.isChecked())

    def _on_resizable(self, checked: bool) -> None:
        self.range_row.setVisible(checked and self._new)
        self.changed.emit()

    def set_param(self, param: AxisParam | None) -> None:
        for widget in (self.resizable, self.minimum, self.maximum, self.step):
            widget.blockSignals(True)
        self.resizable.setChecked(param is not None)
        if param is not None:
            self.minimum.setValue(param.minimum)
            self.maximum.setValue(param.maximum)
            self.step.setValue(param.step or 0)
        self.range_row.setVisible(param is not None and self._new)
        for widget in (self.resizable, self.minimum, self.maximum, self.step):
            widget.blockSignals(False)
        self.changed.emit()

    def param(self) -> AxisParam | None:
        if not self.resizable.isChecked():
            return None
        return AxisParam(self.minimum.value(), self.maximum.value(), self.step.value() or None)
