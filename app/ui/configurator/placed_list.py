"""The list of placed modules: select from a list what is hard to click in 3D.

Inserts are indented under their host, so the list reads like the furniture:
plinth, cabinet, its shelves and door.  It follows the document's selection and
design events; it never edits the design itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.editing.session import DesignChange
from app.ui.document import DesignDocument

ID_ROLE = Qt.UserRole
DEPTH_ROLE = Qt.UserRole + 1   # how far the row is indented under its host


class PlacedModulesList(QListWidget):
    def __init__(self, document: DesignDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("placedModules")
        self.document = document
        self._syncing = False
        self.setStyleSheet("QListWidget::item { min-height: 32px; }")
        self.currentItemChanged.connect(self._on_current)
        self._rebuild_later = QTimer(self, singleShot=True, interval=0)
        self._rebuild_later.timeout.connect(self.rebuild)
        document.design_changed.connect(self._on_design_changed)
        document.selection_changed.connect(self._on_selection)
        self.rebuild()

    def rebuild(self) -> None:
        self._syncing = True
        self.clear()
        catalog = self.document.catalog
        depth: dict[str, int] = {}
        for module in self._in_tree_order():
            depth[module.id] = depth[module.to] + 1 if module.to in depth else 0
            mtype = catalog.modules.get(module.type_id)
            name = mtype.name if mtype else module.type_id
            item = QListWidgetItem(self._text(module, depth[module.id]))
            item.setData(ID_ROLE, module.id)
            item.setData(DEPTH_ROLE, depth[module.id])
            item.setToolTip(f"{name} ({module.id})")
            self.addItem(item)
        self._syncing = False
        self._on_selection(self.document.selected)

    def _text(self, module, depth: int) -> str:
        catalog = self.document.catalog
        mtype = catalog.modules.get(module.type_id)
        finish = catalog.finishes.get(module.finish)
        name = mtype.name if mtype else module.type_id
        return "    " * depth + name + (f"  ·  {finish.name}" if finish else "")

    def _in_tree_order(self):
        design = self.document.design
        ordered = []
        for module in design:
            if module.to is None:
                ordered.append(module)
                ordered.extend(design.descendants(module.id))
        return ordered

    def module_ids(self) -> list[str]:
        return [self.item(i).data(ID_ROLE) for i in range(self.count())]

    def _on_design_changed(self, change: DesignChange) -> None:
        if change.kinds() & {"added", "removed", "reset"}:
            self._rebuild_later.start()   # once, after the 3D view has drawn the edit
            return
        refinished = change.module_ids("finish")   # row texts; moves and sizes do not show in the list
        for i in range(self.count()):
            item = self.item(i)
            if item.data(ID_ROLE) in refinished and item.data(ID_ROLE) in self.document.design:
                item.setText(self._text(self.document.design.get(item.data(ID_ROLE)), item.data(DEPTH_ROLE)))

    def _on_selection(self, module_id) -> None:
        self._syncing = True
        for i in range(self.count()):
            if self.item(i).data(ID_ROLE) == module_id:
                self.setCurrentRow(i)
                break
        else:
            self.setCurrentRow(-1)
        self._syncing = False

    def _on_current(self, current, _previous) -> None:
        if not self._syncing:
            self.document.select(current.data(ID_ROLE) if current else None)
