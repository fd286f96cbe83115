"""The placed modules as a tree: select from a list what is hard to click in 3D.

Each module sits under its host, so the tree reads like the furniture: plinth,
the cabinets on it, each cabinet's shelves, drawers and door under that cabinet.
Rows say where things are: a shelf "at 640 mm" (its underside above the floor,
as a tape measure from the floor reads it), a wall unit at its hanging height,
a unit its width.  Ctrl- and Shift-click select several (edits in the inspector
then go to all of them).  It follows the document's selection and design events
and never edits the design itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QTreeWidgetItemIterator

from app.domain.design.layout import LayoutError
from app.editing.session import DesignChange
from app.ui.document import DesignDocument

ID_ROLE = Qt.UserRole
UNIT_CATEGORIES = ("carcass", "open_shelf")


class PlacedModulesList(QTreeWidget):
    def __init__(self, document: DesignDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("placedModules")
        self.document = document
        self._syncing = False
        self._items: dict[str, QTreeWidgetItem] = {}
        self.setHeaderHidden(True)
        self.setIndentation(18)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setStyleSheet("QTreeWidget::item { min-height: 32px; }")
        self.itemSelectionChanged.connect(self._on_selection_edited)
        self._rebuild_later = QTimer(self, singleShot=True, interval=0)
        self._rebuild_later.timeout.connect(self.rebuild)
        document.design_changed.connect(self._on_design_changed)
        document.selection_changed.connect(lambda _primary: self._show_selection())
        self.rebuild()

    # ------------------------------------------------------------------ reading (tests)
    def module_ids(self) -> list[str]:
        """Every row's module, top to bottom (the tree fully open)."""
        found = []
        iterator = QTreeWidgetItemIterator(self)
        while iterator.value() is not None:
            found.append(iterator.value().data(0, ID_ROLE))
            iterator += 1
        return found

    def item_for(self, module_id: str) -> QTreeWidgetItem:
        return self._items[module_id]

    def text_of(self, module_id: str) -> str:
        return self._items[module_id].text(0)

    # ------------------------------------------------------------------ building
    def rebuild(self) -> None:
        self._syncing = True
        self.clear()
        self._items = {}
        design = self.document.design
        # What stands on the floor first, then what hangs on the wall, each left to right.
        roots = sorted((m for m in design if m.to is None), key=lambda m: (m.attach == "wall", *self._order(m)))
        for module in roots:
            self._add(module, None)   # and what it carries, under it
        self.expandAll()
        self._syncing = False
        self._show_selection()

    def _add(self, module, parent: QTreeWidgetItem | None) -> None:
        item = QTreeWidgetItem([self._text(module)])
        item.setData(0, ID_ROLE, module.id)
        mtype = self.document.catalog.modules.get(module.type_id)
        item.setToolTip(0, f"{mtype.name if mtype else module.type_id} ({module.id})")
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._items[module.id] = item
        children = sorted(self.document.design.children(module.id), key=self._order)
        for child in children:
            self._add(child, item)

    def _order(self, module) -> tuple[float, float]:
        """Children left to right, then from the floor up (drawers and shelves read bottom up)."""
        try:
            lo, _hi = self.document.layout.state(module.id).world_bounds
            return float(lo[0]), float(lo[2])
        except (LayoutError, KeyError, ValueError):
            return 0.0, 0.0

    def _text(self, module) -> str:
        catalog = self.document.catalog
        mtype = catalog.modules.get(module.type_id)
        finish = catalog.finishes.get(module.finish)
        name = mtype.name if mtype else module.type_id
        where = ""
        if mtype is not None:
            try:
                state = self.document.layout.state(module.id)
                lo, hi = state.world_bounds
                if module.attach == "in" and mtype.attach.z_step:
                    where = f" at {float(lo[2]):.0f} mm"        # a shelf or rail: its height
                elif module.attach == "wall":
                    where = f" at {float(lo[2]):.0f} mm"        # a wall unit: its hanging height
                elif mtype.category in UNIT_CATEGORIES or mtype.category in ("top", "base"):
                    where = f" {float(hi[0] - lo[0]):.0f} mm"   # a unit, top or plinth: its width
            except (LayoutError, KeyError, ValueError):
                where = ""
        return name + where + (f"  ·  {finish.name}" if finish else "")

    # ------------------------------------------------------------------ following the document
    def _on_design_changed(self, change: DesignChange) -> None:
        if change.kinds() & {"added", "removed", "reset", "moved"}:   # a move may change host or order
            self._rebuild_later.start()   # once, after the 3D view has drawn the edit
            return
        touched = change.module_ids()
        design = self.document.design
        for module_id in list(touched):   # sizes move what they carry: their rows say where too
            if module_id in design:
                touched |= {d.id for d in design.descendants(module_id)}
        for module_id in touched:
            item = self._items.get(module_id)
            if item is not None and module_id in design:
                item.setText(0, self._text(design.get(module_id)))

    def _show_selection(self) -> None:
        self._syncing = True
        selection = set(self.document.selection)
        for module_id, item in self._items.items():
            item.setSelected(module_id in selection)
        primary = self._items.get(self.document.selected) if self.document.selected else None
        if primary is not None:
            self.setCurrentItem(primary, 0, self.selectionModel().SelectionFlag.NoUpdate)
            self.scrollToItem(primary)
        self._syncing = False

    def _on_selection_edited(self) -> None:
        if self._syncing:
            return
        chosen = [item.data(0, ID_ROLE) for item in self.selectedItems()]
        current = self.currentItem()
        if current is not None and current.isSelected():   # the row clicked last is the primary one
            chosen = [m for m in chosen if m != current.data(0, ID_ROLE)] + [current.data(0, ID_ROLE)]
        self.document.select_many(chosen)
