"""The configurator: library, live 3D view, inspector, placed modules, status.

The window wires widgets to one :class:`DesignDocument`; widgets never talk to
each other.  Edits become domain commands pushed through the document (so every
edit is undoable), and the 3D view follows the design's change events.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
)
from pyvistaqt import QtInteractor

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.loader import CatalogError, load_catalog
from app.domain.design import runs
from app.domain.design.design import Design
from app.domain.design.presets import design_from_preset, empty_design
from app.domain.problems import format_problems
from app.editing import placing
from app.editing.session import DesignChange
from app.ui.configurator import customer_papers, window_settings
from app.ui.configurator.bom_export import BomExporter
from app.ui.configurator.feedback import DesignFeedback
from app.ui.configurator.file_controller import FileController
from app.ui.configurator.inspector import Inspector
from app.ui.configurator.library_panel import LibraryPanel
from app.ui.configurator.order_open import open_order_dialog
from app.ui.configurator.placed_list import PlacedModulesList
from app.ui.configurator.problems_panel import ProblemsPanel
from app.ui.configurator.room_panel import RoomPanel
from app.ui.configurator.selection_outlines import SelectionOutlines
from app.ui.configurator.shortcuts import ShortcutGuard, commit_focused_field
from app.ui.configurator.status_panel import StatusPanel
from app.ui.configurator.view_interaction import ViewInteraction
from app.ui.configurator.view_toolbar import ViewToolbar
from app.ui.document import DesignDocument
from app.ui.view.scene import SceneView
from app.ui.view.thumbnails import ThumbnailCache

PICTURE_SIZES = ["1920 x 1080", "2560 x 1440", "3840 x 2160", "1280 x 720", "1080 x 1080"]


class ConfiguratorWindow(QMainWindow):
    def __init__(self, catalog: Catalog, design: Design | None = None, path: Path | None = None,
                 thumbnails: ThumbnailCache | None = None):
        super().__init__()
        self.setObjectName("configurator")
        self.catalog = catalog
        if design is None:
            design = design_from_preset(catalog, next(iter(catalog.presets))) if catalog.presets \
                else empty_design(catalog)
        self.document = DesignDocument(catalog, design, path, self)
        self.files = FileController(self.document, self)
        self.feedback = DesignFeedback(self.document, self)

        self.plotter = QtInteractor(self, auto_update=False, multi_samples=0)
        self.setCentralWidget(self.plotter)
        self.scene = SceneView(self.plotter)
        self.scene.show_design(catalog, design)
        self.interaction = ViewInteraction(self.document, self.scene, self.plotter, self)
        self.selection_outlines = SelectionOutlines(self.document, self.scene)   # the rest of a multi-selection
        self.scene.use_turntable_mouse()   # orbit about the vertical, never under the floor

        self.thumbnails = thumbnails or ThumbnailCache(catalog)
        self.library = LibraryPanel(catalog, self.thumbnails)
        self.library.place_requested.connect(self.place_module)
        self._designers = []   # designer windows opened from here (they publish into this catalog)
        self.inspector = Inspector(self.document)
        self.placed = PlacedModulesList(self.document)
        self.problems = ProblemsPanel(self.document, self.feedback, self.scene.frame_module)
        self._build_docks()
        self._build_actions()
        self._build_status()

        self.document.design_changed.connect(self._on_design_changed)
        self.feedback.updated.connect(self._show_marks)
        self.document.selection_changed.connect(self.scene.set_selected)
        self.document.history_changed.connect(self._update_actions)
        self.document.dirty_changed.connect(lambda _dirty: self._update_title())
        self.document.path_changed.connect(lambda _path: self._update_title())
        self.document.message.connect(self.show_message)
        self.inspector.message.connect(self.show_message)
        self.files.recent_changed.connect(self._fill_recent_menu)
        self.files.problems_reported.connect(self._show_load_problems)
        self._update_title()
        self._update_actions()
        self._show_marks()
        self.resize(1440, 900)
        window_settings.restore_window(self)   # as it was closed: size, maximised, docks

    # ------------------------------------------------------------------ layout
    def _build_docks(self) -> None:
        def dock(title: str, widget, area, name: str) -> QDockWidget:
            d = QDockWidget(title, self)
            d.setObjectName(name)
            d.setWidget(widget)
            d.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
            self.addDockWidget(area, d)
            return d

        library = self.library_dock = dock("Library", self.library, Qt.LeftDockWidgetArea, "libraryDock")
        placed = dock("Placed modules", self.placed, Qt.LeftDockWidgetArea, "placedDock")
        self.tabifyDockWidget(library, placed)
        library.raise_()
        dock("Inspector", self.inspector, Qt.RightDockWidgetArea, "inspectorDock")
        problems = dock("Problems", self.problems, Qt.BottomDockWidgetArea, "problemsDock")
        # The problems list is a strip under the view, not a rival to it.
        self.problems.setMinimumHeight(60)
        self.resizeDocks([library], [300], Qt.Horizontal)
        self.resizeDocks([problems], [170], Qt.Vertical)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_new = a("New empty design", self.files.new_empty, QKeySequence.New)
        self.act_open = a("Open…", self.files.open_dialog, QKeySequence.Open)
        self.act_open_order = a("Open order by code…", lambda: open_order_dialog(self), None,
                                "Open a design a customer ordered at the showroom kiosk")
        self.act_save = a("Save", self.files.save, QKeySequence.Save)
        self.act_save_as = a("Save as…", self.files.save_as_dialog, QKeySequence.SaveAs)
        self.act_picture = a("Export picture…", self.export_picture, "Ctrl+E")
        self.act_bom = a("Workshop papers…", self.export_bom, "Ctrl+B",
                         "Bill of materials, cut list and price as PDF, spreadsheet, CSV, JSON or 3D model")
        self.act_quote, self.act_assembly = customer_papers.actions(self)   # the customer's papers (issue 16)
        self.act_quit = a("Quit", self.close, QKeySequence.Quit)
        self.act_undo = a("Undo", self.undo, QKeySequence.Undo)
        self.act_redo = a("Redo", self.redo, "Ctrl+Shift+Z")
        # A field of the inspector must not keep Ctrl+Z and Ctrl+Shift+Z to itself.
        self._shortcut_guard = ShortcutGuard(self, [self.act_undo, self.act_redo])
        self.act_delete = a("Delete", self.delete_selected, QKeySequence.Delete)
        self.act_select_run = a("Select run", self.select_run, "Ctrl+Shift+A",
                                "Select the units standing side by side with the selected one")
        self.act_select_all = a("Select all", self.select_all, QKeySequence.SelectAll)
        self.act_duplicate = a("Duplicate", self.duplicate_selected, "Ctrl+D")
        self.act_rotate = a("Rotate", self.rotate_selected, "R", "Turn a quarter turn (free-standing modules)")
        self.act_views = {v: a(label, lambda _=False, v=v: self.scene.set_view(v), key)
                          for v, label, key in (("front", "Front", "1"), ("side", "Side", "2"),
                                                ("top", "Top", "3"), ("iso", "3/4 view", "4"))}
        self.act_fit = a("Zoom to fit", self.scene.frame_all, "F")
        self.act_designer = a("Module designer…", self.open_designer, None,
                              "Bring a mesh into the catalog: check it, set how it stretches, publish it")
        self.act_reload = a("Reload catalog", self.reload_catalog, None,
                            "Read the catalog files again (after editing them or publishing a module)")
        self.act_dimensions = a("Dimensions", lambda on: self.scene.set_dimensions_visible(on))
        self.act_dimensions.setCheckable(True)
        self.act_dimensions.setChecked(True)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.act_new)
        self.preset_menu = file_menu.addMenu("New from preset")
        self._fill_preset_menu()
        file_menu.addAction(self.act_open)
        file_menu.addAction(self.act_open_order)
        self.recent_menu: QMenu = file_menu.addMenu("Open recent")
        self._fill_recent_menu()
        file_menu.addSeparator()
        for act in (self.act_save, self.act_save_as, self.act_picture, self.act_bom, self.act_quote,
                    self.act_assembly):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = self.menuBar().addMenu("&Edit")
        for act in (self.act_undo, self.act_redo, self.act_delete, self.act_duplicate, self.act_rotate,
                    self.act_select_run, self.act_select_all):
            edit_menu.addAction(act)
        view_menu = self.menuBar().addMenu("&View")
        for act in (*self.act_views.values(), self.act_fit, self.act_dimensions):
            view_menu.addAction(act)
        tools_menu = self.menuBar().addMenu("&Tools")
        for act in (self.act_designer, self.act_reload):
            tools_menu.addAction(act)

        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        bar.setMovable(False)
        for act in (self.act_new, self.act_open, self.act_save, None, self.act_undo, self.act_redo, None,
                    self.act_delete, self.act_duplicate, self.act_rotate, None, *self.act_views.values(),
                    self.act_fit, None, self.act_picture, self.act_bom):
            bar.addSeparator() if act is None else bar.addAction(act)
        self.addToolBar(bar)
        self.addToolBarBreak()
        self.view_toolbar = ViewToolbar(self.scene, self)   # reset view, see inside; then the room
        self.room_panel = RoomPanel(self.document, self.scene)
        self.view_toolbar.addSeparator()
        self.view_toolbar.addWidget(self.room_panel)
        self.addToolBar(self.view_toolbar)

    def _build_status(self) -> None:
        self.status = StatusPanel(self.document, self.feedback)
        self.size_label = self.status.size_label
        self.statusBar().addPermanentWidget(self.status)

    def _fill_preset_menu(self) -> None:
        self.preset_menu.clear()
        for pid, preset in self.catalog.presets.items():
            self.preset_menu.addAction(f"{preset.name} · {preset.need}",   # as written: "TV bench · Furnish a TV wall"
                                       lambda pid=pid: self.files.new_from_preset(pid))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.files.recent()
        for path in paths:
            self.recent_menu.addAction(path.name, lambda p=path: self.files.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    # --------------------------------------------------------------- reactions
    def _on_design_changed(self, change: DesignChange) -> None:
        if change.reset:
            # Another design is framed afresh; the same design with a reloaded catalog keeps the camera.
            reload = change.catalog_reload
            self.scene.show_design(self.catalog, self.document.design, reset_camera=not reload)
            if not reload:
                self.problems.set_file_notes([])

    def _show_marks(self) -> None:
        """Tint the modules with an error; pin the computed sag to shelves that sag too much."""
        report = self.feedback.report
        tinted = {m for finding in report.errors for m in finding.modules}
        labels = {f.modules[0]: f"sags {f.value('sag_mm'):.1f} mm, we allow {f.value('allowed_mm'):.1f} mm"
                  for f in report.findings if f.code == "shelf.sag"}
        self.scene.set_marks(tinted, labels)

    def _update_actions(self) -> None:
        stack = self.document.undo_stack
        self.act_undo.setEnabled(stack.can_undo)
        self.act_redo.setEnabled(stack.can_redo)
        # The buttons keep their short text (the toolbar must not shift as labels change length); the
        # tooltip and the status tip say what would be undone.
        for action, verb, label in ((self.act_undo, "Undo", stack.undo_label),
                                    (self.act_redo, "Redo", stack.redo_label)):
            action.setToolTip(f"{verb} {label.lower()}" if label else verb)
            action.setStatusTip(action.toolTip())

    def _update_title(self) -> None:
        mark = " *" if self.document.dirty else ""
        where = f" — {self.document.path}" if self.document.path else ""
        self.setWindowTitle(f"{self.document.design.name}{mark}{where} — Modulor")

    def _show_load_problems(self, problems) -> None:
        self.problems.set_file_notes([f"{problem.severity}: {problem}" for problem in problems])

    def show_catalog_problems(self) -> None:
        """Entries the catalog left out, and why: the library simply lacks them otherwise."""
        self.problems.set_catalog_notes([f"{entry} left out: {problem}" for entry, problems
                                         in self.catalog.skipped.items() for problem in problems])

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ edits
    def place_module(self, type_id: str, host_id: str | None = None) -> str | None:
        """Put a new module at the next free spot (into the selected carcass when it fits there)."""
        return self.push(placing.place(self.catalog, self.document.design, type_id, host_id,
                                       self.document.selected))

    def undo(self) -> None:
        commit_focused_field()   # a number typed but not yet entered becomes a step first
        self.document.undo()

    def redo(self) -> None:
        commit_focused_field()
        self.document.redo()

    def delete_selected(self) -> None:
        """Delete everything selected, as one step; a run closes up behind a deleted unit."""
        if self.document.selection:
            self.push(placing.delete(self.catalog, self.document.design, list(self.document.selection)))

    def select_run(self) -> None:
        """Select the selected unit's whole run (then an edit in the inspector goes to all of it)."""
        if self.document.selected is None:
            self.show_message("Select a unit first.")
            return
        run = runs.run_of(self.catalog, self.document.layout, self.document.selected)
        if run is None:
            self.show_message("That is not part of a run of units.")
            return
        primary = runs.unit_of(self.catalog, self.document.design, self.document.selected)
        self.document.select_many([u for u in run.units if u != primary] + [primary])

    def select_all(self) -> None:
        self.document.select_many(self.document.design.ids())

    def duplicate_selected(self) -> None:
        """Copy the selected module (with what it carries) to the next free spot."""
        if self.document.selected:
            self.push(placing.duplicate(self.catalog, self.document.design, self.document.selected))

    def rotate_selected(self) -> None:
        if self.document.selected:
            self.push(placing.turn(self.document.design, self.document.selected))
        else:
            self.show_message("Select a module to turn first.")

    def push(self, proposal: placing.Proposal, merge: bool = False) -> str | None:
        """Push an editing-layer proposal as one undo step and select what it names; or say why not."""
        if proposal.command is None:
            self.show_message(proposal.message)
            return None
        self.document.push(proposal.command, merge=merge)
        if proposal.select is not None:
            self.document.select(proposal.select)
        return proposal.select

    def export_picture(self) -> None:
        size, ok = QInputDialog.getItem(self, "Export picture", "Resolution (pixels):", PICTURE_SIZES, 0, False)
        if not ok:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Export picture", str(
            window_settings.last_folder() / f"{self.document.design.name}.png"), "PNG (*.png)")
        if name:
            window_settings.remember_folder(Path(name))
            width, height = (int(v) for v in size.split(" x "))
            self.scene.save_image(Path(name), width, height, quality="high")
            self.show_message(f"Saved {name} ({width} x {height})")

    # --------------------------------------------------------------- catalog
    def open_designer(self) -> None:
        """The designer in a window of its own; what it publishes appears in the library here."""
        from app.ui.designer.main import open_designer

        designer = open_designer(self.catalog, parent=self)
        designer.published.connect(self._on_published)
        self._designers.append(designer)
        designer.destroyed.connect(lambda *_: self._designers.remove(designer) if designer in self._designers else None)

    def _on_published(self, module_id: str) -> None:
        if self.reload_catalog():
            name = self.catalog.modules[module_id].name if module_id in self.catalog.modules else module_id
            self.show_message(f"'{name}' is in the library now.")

    def reload_catalog(self) -> bool:
        """Read the catalog files again and show the design with them; False (and a message) when it fails."""
        try:
            catalog = load_catalog(self.catalog.root, self.catalog.models_dir)
        except CatalogError as error:
            QMessageBox.warning(self, "Catalog not reloaded",
                                "The catalog cannot be read now; the one already loaded stays in use.\n\n"
                                + format_problems(error.problems[:20]))
            return False
        # A catalog that now leaves out a type the design uses would show the design drawn but priced and
        # measured as "Empty design" (issue 19): keep the loaded one and say which entries broke.
        missing = sorted({m.type_id for m in self.document.design if m.type_id not in catalog.modules})
        if missing:
            broken = [p for p in catalog.problems if p.severity == "error"]
            QMessageBox.warning(self, "Catalog not reloaded",
                                f"The catalog as it is now leaves out {', '.join(repr(t) for t in missing)}, "
                                "used by your design; the one already loaded stays in use.\n\n"
                                + format_problems(broken[:20]))
            return False
        old_thumbnails = self.thumbnails
        self.catalog = catalog
        self.thumbnails = ThumbnailCache(catalog)
        library = LibraryPanel(catalog, self.thumbnails)
        library.place_requested.connect(self.place_module)
        self.library_dock.setWidget(library)
        self.library.close_thumbnails()
        self.library.deleteLater()
        self.library = library
        old_thumbnails.close()
        self.feedback.set_catalog(catalog)
        self.document.set_catalog(catalog)   # the views redraw the design with the new catalog
        self._fill_preset_menu()
        self.show_catalog_problems()
        return True

    def export_bom(self) -> None:
        """The workshop's papers for the design as it is, with the anchors the rules require."""
        exporter = BomExporter(self, self.catalog, self.document.design,
                               extra_hardware=self.feedback.report.required_hardware())
        exporter.exported.connect(lambda paths: self.show_message(f"Wrote {', '.join(str(p) for p in paths)}"))
        exporter.export_dialog()

    # ------------------------------------------------------------------ close
    def closeEvent(self, event) -> None:
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.files.shutdown()
        window_settings.save_window(self)
        self._shortcut_guard.detach()
        for designer in list(self._designers):   # they publish into this window's catalog
            designer.close()
        self.scene.close()
        self.document.close()   # the design and its history go with the window, not with Qt's late cleanup
        self.thumbnails.close()
        self.plotter.close()  # pyvistaqt: close before teardown or VTK crashes (#846)
        super().closeEvent(event)
