"""The catalog browser: every module type and preset of one catalog, shown in 3D.

Left: a tree of presets and module types grouped by category, plus a red "Left
out" group for entries the loader had to drop, with the reasons.  Centre: the
3D view (a ``QtInteractor`` driven by :class:`~app.ui.view.scene.SceneView`).
Right: details of the selection.  This is the window until the configurator
lands; it only reads the catalog.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")  # before pyvistaqt: qtpy must not pick another binding

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTextBrowser, QTreeWidget, QTreeWidgetItem
from pyvistaqt import QtInteractor

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.design.presets import design_from_preset
from app.ui.view.details import CATEGORY_LABELS, design_html, module_design, module_html, preset_html, skipped_html
from app.ui.view.scene import SceneView

LEFT_OUT_COLOR = QColor("#B00020")
KEY_ROLE = Qt.ItemDataRole.UserRole  # "design:", "preset:<id>", "module:<id>" or "skipped:<entry>"

VIEW_ACTIONS = (  # toolbar text, scene view (None: zoom to fit), shortcut
    ("Front", "front", "1"),
    ("Side", "side", "2"),
    ("Top", "top", "3"),
    ("3/4 view", "iso", "4"),
    ("Zoom to fit", None, "F"),
)


class CatalogWindow(QMainWindow):
    """Browse one loaded catalog."""

    def __init__(self, catalog: Catalog, design: Design | None = None, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.design = design  # a design file opened from the command line, shown first
        self.setWindowTitle(f"Modulor — {catalog.info.name}")
        self.plotter = QtInteractor(self, auto_update=False, multi_samples=0)
        self.setCentralWidget(self.plotter)
        self.scene = SceneView(self.plotter)
        # Re-frame when the view gets its real size, unless the user has moved the camera since.
        self.plotter.installEventFilter(self)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)
        self._add_dock("Catalog", self.tree, Qt.DockWidgetArea.LeftDockWidgetArea, 250)
        self._add_dock("Details", self.details, Qt.DockWidgetArea.RightDockWidgetArea, 330)
        self._build_actions()
        self.status_label = QLabel(self._status_text())
        self.statusBar().addWidget(self.status_label)

        self.groups: dict[str, QTreeWidgetItem] = {}
        self._fill_tree()
        # The opened design, else the first preset, else (a catalog without presets) the first module type.
        first = next((g.child(0) for g in self.groups.values() if g.childCount()), None)
        if first is not None:
            self.tree.setCurrentItem(first)

    # ---------------------------------------------------------------- layout
    def _add_dock(self, title: str, widget, area, width: int) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.lower()}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
        return dock

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.quit_action = quit_action

        view_menu = self.menuBar().addMenu("&View")
        toolbar = self.addToolBar("Camera")
        toolbar.setObjectName("camera_toolbar")
        toolbar.setMovable(False)
        self.view_actions: dict[str, QAction] = {}
        for text, view, key in VIEW_ACTIONS:
            action = QAction(text, self, shortcut=QKeySequence(key))
            action.setToolTip(f"{text} ({key})")
            if view is None:
                action.triggered.connect(self.scene.frame_all)
            else:
                action.triggered.connect(lambda _checked=False, v=view: self.scene.set_view(v))
            toolbar.addAction(action)
            view_menu.addAction(action)
            self.view_actions[view or "fit"] = action

    def _status_text(self) -> str:
        info = self.catalog.info
        text = (f"{info.name} {info.version}  ·  {len(self.catalog.modules)} module types, "
                f"{len(self.catalog.presets)} presets")
        if self.catalog.problems:
            count = len(self.catalog.problems)
            text += f"  ·  {count} problem{'s' if count != 1 else ''}"
        return text

    # ------------------------------------------------------------------ tree
    def _group(self, key: str, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [title])
        font = QFont(group.font(0))
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a selection
        group.setExpanded(True)
        self.groups[key] = group
        return group

    def _entry(self, group: QTreeWidgetItem, text: str, key: str, tooltip: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(group, [text])
        item.setData(0, KEY_ROLE, key)
        item.setToolTip(0, tooltip)
        return item

    def _fill_tree(self) -> None:
        if self.design is not None:
            self._entry(self._group("design", "Design"), self.design.name, "design:", "The design file you opened")
        presets = self._group("presets", "Presets")
        for preset_id, preset in self.catalog.presets.items():
            self._entry(presets, preset.name, f"preset:{preset_id}", preset.description or preset.need)
        for category, title in CATEGORY_LABELS.items():
            types = [m for m in self.catalog.modules.values() if m.category == category]
            if not types:
                continue
            group = self._group(category, title)
            for mtype in types:
                self._entry(group, mtype.name, f"module:{mtype.id}", mtype.description or mtype.id)
        if self.catalog.skipped:
            left_out = self._group("left_out", f"Left out ({len(self.catalog.skipped)})")
            left_out.setForeground(0, QBrush(LEFT_OUT_COLOR))
            left_out.setToolTip(0, "Entries with errors: not offered until fixed")
            for entry, problems in self.catalog.skipped.items():
                item = self._entry(left_out, entry, f"skipped:{entry}", "\n".join(str(p) for p in problems))
                item.setForeground(0, QBrush(LEFT_OUT_COLOR))
        for group in self.groups.values():
            group.setExpanded(True)

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        """The tree entry with this key ("preset:bookcase", "module:door", ...)."""
        for group in self.groups.values():
            for i in range(group.childCount()):
                if group.child(i).data(0, KEY_ROLE) == key:
                    return group.child(i)
        return None

    def select(self, key: str) -> None:
        self.tree.setCurrentItem(self.item_for(key))

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else None
        if not key:
            return
        kind, ident = key.split(":", 1)
        if kind == "design":
            self.scene.show_design(self.catalog, self.design)
            self.details.setHtml(design_html(self.catalog, self.design))
        elif kind == "preset":
            self.scene.show_design(self.catalog, design_from_preset(self.catalog, ident))
            self.details.setHtml(preset_html(self.catalog, ident))
        elif kind == "module":
            self.scene.show_design(self.catalog, module_design(self.catalog, ident))
            self.details.setHtml(module_html(self.catalog, self.catalog.modules[ident]))
        else:  # a left-out entry has nothing to draw: keep the view, explain why
            self.details.setHtml(skipped_html(ident, self.catalog.skipped[ident]))
        if self.scene.failed:
            self.statusBar().showMessage("Not drawn: " + "; ".join(self.scene.failed.values()), 10000)

    # ------------------------------------------------------------ lifecycle
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plotter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.scene.refit_if_untouched)  # after VTK has taken the new size
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        # Close the plotter here, not at interpreter exit: avoids the teardown segfault (pyvistaqt #846).
        self.plotter.removeEventFilter(self)
        self.scene.close()
        self.plotter.close()
        super().closeEvent(event)
