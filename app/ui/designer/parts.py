"""The derived parts panel: the cut list derived from the mesh's panels, and what the designer adds.

- *Parts*: one row per mesh piece that is a panel
  (:meth:`~app.domain.mesh.designer_session.DesignerSession.derived_parts`): its
  piece, name (editable), role and material (chosen; only materials of the
  panel's thickness are offered), its size at the reference size and its length
  and width formulas.  Pieces that are no panel are listed below.
- *Hardware*: lines of a catalog item and a quantity (a number or a formula).
- *Labour*: the workshop's minutes to make one (a formula of the size parameters).

The panel holds no state of its own: the window forwards every edit to the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog.catalog import Catalog
from app.domain.mesh.derive import PART_ROLES, DerivedPart

PART_COLUMNS = ("Piece", "Name", "Role", "Material", "Size (mm)", "Length", "Width")
NAME, ROLE, MATERIAL = 1, 2, 3


class PartsPanel(QWidget):
    part_edited = Signal(str, str, str)      # mesh piece, field (name, role, material), value
    slot_edited = Signal(str, str)           # mesh piece, material slot id
    hardware_changed = Signal()
    labour_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self._filling = False
        self.table = QTableWidget(0, len(PART_COLUMNS))
        self.table.setHorizontalHeaderLabels(list(PART_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.itemChanged.connect(self._on_item)
        self.others = QLabel()
        self.others.setWordWrap(True)
        # Issue 19: every mesh piece's material slot (carcass, front, back, glass, metal ...), its finish.
        self.slots = QTableWidget(0, 2)
        self.slots.setHorizontalHeaderLabels(["Piece", "Material slot (its finish)"])
        self.slots.verticalHeader().setVisible(False)
        self.slots.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.slots.setMinimumHeight(180)
        slots_box = QGroupBox("Material slots (each piece's finish)")
        QVBoxLayout(slots_box).addWidget(self.slots)
        parts_box = QGroupBox("Parts (derived from the mesh's panels)")
        parts_column = QVBoxLayout(parts_box)
        parts_column.addWidget(self.table)
        parts_column.addWidget(self.others)

        self.hardware = QTableWidget(0, 2)
        self.hardware.setHorizontalHeaderLabels(["Item", "Quantity"])
        self.hardware.verticalHeader().setVisible(False)
        self.hardware.itemChanged.connect(self._on_hardware_item)
        self.hardware.setMaximumHeight(140)
        self.add_hardware = QPushButton("Add line")
        self.remove_hardware = QPushButton("Remove line")
        self.add_hardware.clicked.connect(lambda: self.add_hardware_line())
        self.remove_hardware.clicked.connect(self._remove_hardware_line)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_hardware)
        buttons.addWidget(self.remove_hardware)
        buttons.addStretch(1)
        self.labour = QLineEdit()
        self.labour.setPlaceholderText("minutes, e.g. 30 + width / 100")
        self.labour.textChanged.connect(lambda _t: self._emit(self.labour_changed))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #a33;")
        work_box = QGroupBox("What the mesh cannot say")
        form = QFormLayout(work_box)
        form.addRow(QLabel("Hardware"))
        form.addRow(self.hardware)
        form.addRow(buttons)
        form.addRow("Labour", self.labour)
        form.addRow(self.missing)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(slots_box)
        column.addWidget(parts_box)
        column.addWidget(work_box)

    # ------------------------------------------------------------------ filling
    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def show_parts(self, parts: list[DerivedPart], others: list[str], missing: list[str]) -> None:
        """Fill the table with ``parts`` (as the session derives and the designer edited them)."""
        self._filling = True
        try:
            _hide_cell_widgets(self.table)
            self.table.setRowCount(len(parts))
            for row, part in enumerate(parts):
                size = " x ".join(f"{v:g}" for v in part.reference)
                for column, text in enumerate((part.piece, part.name, "", "", size, part.length, part.width)):
                    item = QTableWidgetItem(text)
                    if column != NAME:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, column, item)
                self.table.setCellWidget(row, ROLE, self._combo(part.piece, "role", list(PART_ROLES), part.role))
                self.table.setCellWidget(row, MATERIAL, self._combo(part.piece, "material",
                                                                    self._materials(part.thickness), part.material))
            self.table.resizeColumnsToContents()
            self.others.setText("Not a panel (no part): " + "; ".join(others) if others else "")
        finally:
            self._filling = False
        self.show_missing(missing)

    def show_slots(self, pieces: list[str], slots: dict[str, str]) -> None:
        """One row per mesh piece with its slot to choose (the catalog's slots, named with their finish)."""
        self._filling = True
        try:
            same = [self.slots.item(r, 0).text() for r in range(self.slots.rowCount())] == pieces
            if same:   # the same pieces: only the choices change (rebuilding would leave dying combos on show)
                for piece in pieces:
                    combo = self.slot_combo(piece)
                    combo.setCurrentIndex(max(combo.findData(slots.get(piece, "")), 0))
                return
            _hide_cell_widgets(self.slots)
            self.slots.setRowCount(len(pieces))
            for row, piece in enumerate(pieces):
                item = QTableWidgetItem(piece)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.slots.setItem(row, 0, item)
                combo = QComboBox()
                for sid, slot in (self.catalog.slots.items() if self.catalog is not None else ()):
                    finish = "the module's finish" if slot.finish == "module" else slot.finish
                    combo.addItem(f"{slot.name} ({finish})", sid)
                combo.setCurrentIndex(max(combo.findData(slots.get(piece, "")), 0))
                combo.currentIndexChanged.connect(
                    lambda _i, c=combo, p=piece: None if self._filling else self.slot_edited.emit(p, c.currentData()))
                self.slots.setCellWidget(row, 1, combo)
            self.slots.resizeColumnsToContents()
        finally:
            self._filling = False

    def slot_combo(self, piece: str) -> QComboBox:
        row = next(r for r in range(self.slots.rowCount()) if self.slots.item(r, 0).text() == piece)
        widget = self.slots.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def show_missing(self, missing: list[str]) -> None:
        self.missing.setText("To fill in before publishing:\n" + "\n".join(missing) if missing else "")

    def _materials(self, thickness: float) -> list[str]:
        if self.catalog is None:
            return []
        tolerance = float(self.catalog.info.limits.mesh_parts_tolerance)
        return [mid for mid, m in self.catalog.materials.items() if abs(float(m.thickness) - thickness) <= tolerance]

    def _combo(self, piece: str, what: str, choices: list[str], current: str) -> QComboBox:
        combo = QComboBox()
        for index, choice in enumerate(choices):
            combo.addItem(choice, choice)   # the id, short enough for the table; the name as its tip
            if what == "material" and self.catalog is not None and choice in self.catalog.materials:
                combo.setItemData(index, self.catalog.materials[choice].name, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.currentIndexChanged.connect(
            lambda _i, c=combo: None if self._filling else self.part_edited.emit(piece, what, c.currentData()))
        return combo

    def role_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, ROLE)
        assert isinstance(widget, QComboBox)
        return widget

    def material_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, MATERIAL)
        assert isinstance(widget, QComboBox)
        return widget

    def row_of(self, piece: str) -> int:
        return next(row for row in range(self.table.rowCount()) if self.table.item(row, 0).text() == piece)

    def _on_item(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == NAME:
            self.part_edited.emit(self.table.item(item.row(), 0).text(), "name", item.text())

    # ------------------------------------------------------------------ hardware and labour
    def add_hardware_line(self, item_id: str = "", qty: str = "1") -> None:
        row = self.hardware.rowCount()
        self._filling = True
        self.hardware.insertRow(row)
        combo = QComboBox()
        for hid, hardware in (self.catalog.hardware.items() if self.catalog is not None else ()):
            combo.addItem(f"{hid}: {hardware.name}", hid)
        combo.setCurrentIndex(max(combo.findData(item_id), 0))
        combo.currentIndexChanged.connect(lambda _i: self._emit(self.hardware_changed))
        self.hardware.setCellWidget(row, 0, combo)
        self.hardware.setItem(row, 1, QTableWidgetItem(qty))
        self._filling = False
        self._emit(self.hardware_changed)

    def _remove_hardware_line(self) -> None:
        row = self.hardware.currentRow() if self.hardware.currentRow() >= 0 else self.hardware.rowCount() - 1
        if row >= 0:
            self.hardware.removeRow(row)
            self._emit(self.hardware_changed)

    def _on_hardware_item(self, _item: QTableWidgetItem) -> None:
        self._emit(self.hardware_changed)

    def hardware_lines(self) -> list[tuple[str, str]]:
        lines = []
        for row in range(self.hardware.rowCount()):
            combo = self.hardware.cellWidget(row, 0)
            qty = self.hardware.item(row, 1)
            if isinstance(combo, QComboBox) and combo.currentData():
                lines.append((str(combo.currentData()), qty.text().strip() if qty is not None else ""))
        return lines

    def clear_work(self) -> None:
        """A new file: no hardware lines, no labour."""
        self._filling = True
        self.hardware.setRowCount(0)
        self.labour.clear()
        self._filling = False

    def _emit(self, signal) -> None:
        if not self._filling:
            signal.emit()


def _hide_cell_widgets(table: QTableWidget) -> None:
    """Hide the combos a refill replaces: Qt deletes them later, and until then they showed, stale, over
    the first cell of the table (seen in the tutorial's screenshots)."""
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            widget = table.cellWidget(row, column)
            if widget is not None:
                widget.hide()
