"""The stretch panel (which module, its zones per axis) and the stretch preview's controls.

- *Module*: update an entry of the catalog, or make a new one (id, name, category).
- *Stretch zones*: one :class:`~app.ui.designer.axis.AxisEditor` per axis.

:class:`PreviewControls`, under the stretch preview, chooses the parameter to
vary and a custom value between its minimum and maximum (the preview shows min,
custom and max side by side).  The widgets hold no state of their own; the
window reads them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog.catalog import Catalog
from app.domain.mesh.designer_session import PreviewParam
from app.domain.mesh.entry_toml import ATTACH_TEMPLATES
from app.ui.designer.axis import AxisEditor
from app.ui.view.details import CATEGORY_LABELS

NEW_MODULE = ""   # the target combo's data for "a new module"


class StretchPanel(QWidget):
    target_changed = Signal(object)      # a module id, or None for a new module
    identity_changed = Signal()
    zones_changed = Signal()
    suggest_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.target = QComboBox()
        self.new_id = QLineEdit()
        self.new_id.setPlaceholderText("lower_case_id")
        self.new_name = QLineEdit()
        self.category = QComboBox()
        for category in ATTACH_TEMPLATES:
            self.category.addItem(CATEGORY_LABELS.get(category, category), category)
        module_box = QGroupBox("Module")
        form = QFormLayout(module_box)
        form.addRow("Publish as", self.target)
        form.addRow("Id", self.new_id)
        form.addRow("Name", self.new_name)
        form.addRow("Category", self.category)
        self._new_rows = [self.new_id, self.new_name, self.category]

        self.axes = {axis: AxisEditor(axis) for axis in "xyz"}
        self.zone_problems = QLabel()
        self.zone_problems.setWordWrap(True)
        self.zone_problems.setStyleSheet("color: #C62828;")

        layout = QVBoxLayout(self)
        layout.addWidget(module_box)
        hint = QLabel("Zones are the stretches of the mesh (mm from its back-left-bottom corner) that grow or "
                      "shrink with the module; everything outside keeps its size.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5F6B76; font-size: 11px;")
        layout.addWidget(hint)
        for editor in self.axes.values():
            layout.addWidget(editor)
            editor.changed.connect(self.zones_changed.emit)
            editor.suggest_requested.connect(self.suggest_requested.emit)
        layout.addWidget(self.zone_problems)
        layout.addStretch(1)

        self.target.activated.connect(lambda i: self.target_changed.emit(self.target.itemData(i) or None))
        for edit in (self.new_id, self.new_name):
            edit.textEdited.connect(lambda _t: self.identity_changed.emit())
        self.category.activated.connect(lambda _i: self.identity_changed.emit())

    # --------------------------------------------------------------- module
    def set_catalog(self, catalog: Catalog, target: str | None) -> None:
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem("A new module", NEW_MODULE)
        for mid, mtype in sorted(catalog.modules.items(), key=lambda kv: kv[1].name):
            self.target.addItem(f"Update: {mtype.name} ({mid})", mid)
        self.target.setCurrentIndex(max(0, self.target.findData(target or NEW_MODULE)))
        self.target.blockSignals(False)
        self.set_new_module(target is None)

    def set_new_module(self, new: bool) -> None:
        for widget in self._new_rows:
            widget.setEnabled(new)
        for editor in self.axes.values():
            editor.set_new_module(new)

    def set_identity(self, module_id: str, name: str, category: str) -> None:
        self.new_id.setText(module_id)
        self.new_name.setText(name)
        self.category.setCurrentIndex(max(0, self.category.findData(category)))

    def identity(self) -> tuple[str, str, str]:
        return self.new_id.text().strip(), self.new_name.text().strip(), self.category.currentData()



class PreviewControls(QWidget):
    """Under the preview: which parameter it varies, and the custom value between min and max."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.param = QComboBox()
        self.param.setMinimumWidth(220)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(140)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Preview"))
        layout.addWidget(self.param)
        layout.addWidget(QLabel("custom"))
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value_label)
        self.param.activated.connect(lambda _i: self._reset_slider())
        self.slider.valueChanged.connect(lambda _v: self._on_slider())
        self._params: list[PreviewParam] = []

    def set_preview_params(self, params: list[PreviewParam]) -> None:
        current = self.param.currentData()
        self._params = params
        self.param.blockSignals(True)
        self.param.clear()
        for p in params:
            self.param.addItem(f"{p.label} ({p.minimum:g} to {p.maximum:g} {p.unit})".strip(), p.name)
        index = self.param.findData(current)
        self.param.setCurrentIndex(index if index >= 0 else 0)
        self.param.blockSignals(False)
        self._reset_slider(keep=index >= 0)

    def preview_param(self) -> PreviewParam | None:
        name = self.param.currentData()
        return next((p for p in self._params if p.name == name), None)

    def custom_value(self) -> float | None:
        return float(self.slider.value()) if self.preview_param() is not None else None

    def _reset_slider(self, keep: bool = False) -> None:
        param = self.preview_param()
        self.slider.setEnabled(param is not None)
        if param is None:
            self.value_label.setText("no size to vary")
            self.changed.emit()
            return
        old = self.slider.value()
        self.slider.blockSignals(True)
        self.slider.setRange(round(param.minimum), round(param.maximum))
        self.slider.setValue(old if keep and param.minimum <= old <= param.maximum
                             else round((param.minimum + param.maximum) / 2))
        self.slider.blockSignals(False)
        self._on_slider()

    def _on_slider(self) -> None:
        param = self.preview_param()
        if param is not None:
            self.value_label.setText(f"{param.label} {self.slider.value()} {param.unit}".strip())
        self.changed.emit()
