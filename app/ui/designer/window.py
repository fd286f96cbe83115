"""The designer window: open a mesh, see it measured and checked, set how it stretches, publish it.

Left: the check report (units and up axis to confirm, the origin fix, every
finding).  Centre: the mesh in 3D as Modulor will use it (top) and the stretch
preview at a parameter's minimum, a custom value and its maximum (bottom).
Right: the module it becomes, its stretch zones per axis, the preview's
parameter, the parts derived from the mesh's panels (name, role and material
to confirm), the hardware and labour the designer fills in, and Publish.

All the work is done by :class:`~app.domain.mesh.designer_session.DesignerSession`;
files are read by a worker process (:class:`~app.ui.designer.loader.MeshLoader`),
so a hostile file can neither hang nor crash the window.  Nothing is replaced
in the catalog without the designer's yes, and leaving with unpublished work asks
first.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")  # before pyvistaqt: qtpy must not pick another binding

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from pyvistaqt import QtInteractor

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.loader import load_catalog
from app.domain.mesh.designer_session import DesignerSession
from app.domain.mesh.inspection import Inspected
from app.domain.mesh.loading import MESH_SUFFIXES
from app.domain.mesh.publish import PublishConflict, PublishError
from app.domain.mesh.stretch import StretchError
from app.domain.mesh.units import UNIT_NAMES
from app.domain.problems import format_problems
from app.domain.rules.solution_space_proof import prove_module
from app.ui.designer.batch import BatchDialog
from app.ui.designer.loader import MeshLoader
from app.ui.designer.parts import PartsPanel
from app.ui.designer.preview import Copy, StretchPreview
from app.ui.designer.report import ReportPanel
from app.ui.designer.stretch import PreviewControls, StretchPanel
from app.ui.designer.view import MESH_COLOR, MeshStage

VIEWS = (("Front", "front", "1"), ("Side", "side", "2"), ("Top", "top", "3"), ("3/4 view", "iso", "4"))
FILE_FILTER = "Meshes (" + " ".join(f"*{s} *{s.upper()}" for s in MESH_SUFFIXES) + ");;All files (*)"


class DesignerWindow(QMainWindow):
    published = Signal(str)   # a module id, after it was written into the catalog

    def __init__(self, catalog: Catalog, module: str | None = None, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.initial_module = module if module in catalog.modules else None
        self.session: DesignerSession | None = None
        self.dirty = False          # work not published yet
        self.files_read = 0         # files opened or refused so far
        self._shown_choices = None  # the choices the main view was drawn with
        self._table_problems: list[str] = []   # zone cells that are not numbers
        self.setWindowTitle(f"Modulor designer — {catalog.info.name}")
        self.loader = MeshLoader(parent=self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.loader.warm_up()

        self.view = QtInteractor(self, auto_update=False, multi_samples=0)
        self.preview_view = QtInteractor(self, auto_update=False, multi_samples=0)
        self.stage = MeshStage(self.view)
        self.preview = StretchPreview(self.preview_view)
        self.controls = PreviewControls()
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.preview_view, 1)
        column.addWidget(self.controls)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(bottom)
        split.setSizes([560, 380])
        self.setCentralWidget(split)
        self.view.installEventFilter(self)
        self.preview_view.installEventFilter(self)

        self.report = ReportPanel()
        self.stretch = StretchPanel()
        self.stretch.set_catalog(catalog, self.initial_module)
        self.parts = PartsPanel()
        self.parts.set_catalog(catalog)
        panels = QWidget()
        panels_column = QVBoxLayout(panels)
        panels_column.setContentsMargins(0, 0, 0, 0)
        panels_column.addWidget(self.stretch)
        panels_column.addWidget(self.parts)
        scroll = self.panels_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panels)
        self.publish_button = QPushButton("Publish to catalog…")
        self.publish_button.setStyleSheet("font-weight: bold; padding: 6px;")
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 4)
        right_column.addWidget(scroll, 1)
        right_column.addWidget(self.publish_button)
        self._dock("Check", self.report, Qt.DockWidgetArea.LeftDockWidgetArea, 390)
        self._dock("Stretch and publish", right, Qt.DockWidgetArea.RightDockWidgetArea, 380)
        self._build_actions()
        self.report.units_chosen.connect(lambda u: self._change(lambda s: s.set_units(u)))
        self.report.up_chosen.connect(lambda u: self._change(lambda s: s.set_up(u)))
        self.report.fix_origin.connect(self.fix_origin)
        self.report.rotate.connect(self.rotate)
        self.stretch.target_changed.connect(self._on_target)
        self.stretch.identity_changed.connect(self._on_identity)
        self.stretch.zones_changed.connect(self._on_zones)
        self.stretch.suggest_requested.connect(self.suggest)
        self.controls.changed.connect(lambda: self._update_preview(reframe=False))
        self.parts.part_edited.connect(self._on_part_edited)
        self.parts.slot_edited.connect(self._on_slot_edited)
        self.parts.hardware_changed.connect(self._on_work)
        self.parts.labour_changed.connect(self._on_work)
        self.publish_button.clicked.connect(self.publish)
        self._set_enabled(False)
        self.statusBar().showMessage(f"Catalog {catalog.info.name}: open a mesh file to check it (Ctrl+O)")

    # ------------------------------------------------------------------ layout
    def _dock(self, title: str, widget, area, width: int) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.split()[0].lower()}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def _build_actions(self) -> None:
        def action(text, slot, key=None, tip=None):
            made = QAction(text, self)
            if key:
                made.setShortcut(QKeySequence(key))
            made.setToolTip(tip or text)
            made.triggered.connect(slot)
            return made

        self.open_action = action("Open…", lambda: self.choose_file(), "Ctrl+O", "Open a mesh file (Ctrl+O)")
        self.batch_action = action("Import folder…", lambda: self.choose_folder(), "Ctrl+Shift+O",
                                   "Check every mesh of a folder; publish the fit ones (Ctrl+Shift+O)")
        self.origin_action = action("Fix origin", self.fix_origin, None, "Move the back-left-bottom corner to 0")
        self.publish_action = action("Publish…", self.publish, "Ctrl+P", "Write the mesh and entry into the catalog")
        self.stop_action = action("Stop reading", self.loader.cancel, "Esc", "Stop reading the file (Esc)")
        self.stop_action.setEnabled(False)
        file_menu = self.menuBar().addMenu("&File")
        for item in (self.open_action, self.batch_action, self.publish_action):
            file_menu.addAction(item)
        file_menu.addAction(action("Close", self.close, "Ctrl+W"))
        toolbar = self.addToolBar("Designer")
        toolbar.setObjectName("designer_toolbar")
        toolbar.setMovable(False)
        for item in (self.open_action, self.stop_action, self.origin_action, self.publish_action):
            toolbar.addAction(item)
        toolbar.addSeparator()
        view_menu = self.menuBar().addMenu("&View")
        for text, view, key in VIEWS:
            made = action(text, lambda _c=False, v=view: self.stage.set_view(v), key, f"{text} ({key})")
            toolbar.addAction(made)
            view_menu.addAction(made)

    def _set_enabled(self, enabled: bool) -> None:
        self.stretch.setEnabled(enabled)
        self.parts.setEnabled(enabled)
        self.controls.setEnabled(enabled)
        self.origin_action.setEnabled(enabled and self.session is not None and not self.session.origin_at_corner)
        self.publish_action.setEnabled(enabled)
        self.publish_button.setEnabled(enabled)

    # ------------------------------------------------------------------- files
    def confirm(self, title: str, text: str) -> bool:
        """Ask the designer; tests replace this method."""
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str, details: str = "") -> None:
        """Show a message; tests replace this method."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        if details:
            box.setDetailedText(details)
        box.exec()

    def choose(self, title: str, text: str, options: list[str]) -> int | None:
        """Ask the designer to pick one of ``options`` (its index, None if cancelled); tests replace this."""
        answer, ok = QInputDialog.getItem(self, title, text, options, 0, False)
        return options.index(answer) if ok and answer in options else None

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a mesh", "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of meshes")
        if folder:
            self.import_folder(Path(folder)).exec()

    def import_folder(self, folder: Path | str) -> BatchDialog:
        """The batch dialog for ``folder``, its files checked (the caller shows it)."""
        dialog = BatchDialog(self.catalog, Path(folder), staged_check=prove_module, parent=self)
        dialog.open_requested.connect(self.open_file)
        dialog.published.connect(self._after_batch_publish)
        dialog.check()
        return dialog

    def _after_batch_publish(self, module_id: str) -> None:
        self.catalog = load_catalog(self.catalog.root, self.catalog.models_dir)
        self.parts.set_catalog(self.catalog)
        self.statusBar().showMessage(f"Published '{module_id}' from the folder", 20000)
        self.published.emit(module_id)

    def open_file(self, path: Path | str) -> None:
        if self.dirty and not self.confirm("Modulor designer", "Your zones and choices for the current mesh are not "
                                           "published. Open another file and drop them?"):
            return
        self.statusBar().showMessage(f"Reading {path} … (Esc stops)")
        self.stop_action.setEnabled(True)
        self.loader.load(Path(path))

    def _on_loaded(self, path: Path, inspected: Inspected) -> None:
        self.files_read += 1
        self.stop_action.setEnabled(self.loader.busy)
        self.session = DesignerSession(self.catalog, inspected, target=self.initial_module)
        self.dirty = False
        self._shown_choices = None
        self._reset_panels()
        self._set_enabled(True)
        self.refresh()
        report = self.session.report
        if report.ambiguous:   # two units give a furniture size: only the designer knows (issue 19)
            units = (report.units.value, *report.units.alternatives)
            answer = self.choose("Which units?", f"{Path(path).name}: {report.units.reason}.\n"
                                 "In which units was it made?", [UNIT_NAMES[u] for u in units])
            if answer is not None:
                self._change(lambda s: s.set_units(units[answer]))
                self.dirty = False
        self.statusBar().showMessage(f"{path}: read; check the report, confirm units and up axis", 10000)

    def _reset_panels(self) -> None:
        """Every panel as for the first file: a new session starts from nothing the last one left.

        After a publish the panels showed "Update: <the published module>" with the identity greyed
        out and the Resizes boxes hidden, so the next file's publish made a fixed-size update; each
        file now starts from the catalog as it is and the module the window was opened for (or a new one).
        """
        session = self.session
        self.stretch.set_catalog(self.catalog, session.target if session is not None else self.initial_module)
        self.parts.set_catalog(self.catalog)
        if session is not None:
            self.stretch.set_identity(session.new_id, session.new_name, session.new_category)
        self.stretch.blockSignals(True)   # filling the editors from the session is not an edit
        for editor in self.stretch.axes.values():
            editor.set_param(None)
        self.stretch.blockSignals(False)
        if session is not None:
            self._load_zones()
        self.stretch.zone_problems.clear()
        self._table_problems = []
        self.parts.clear_work()
        self.controls.set_preview_params([])

    def _on_failed(self, path: Path, message: str) -> None:
        self.files_read += 1
        self.stop_action.setEnabled(self.loader.busy)
        self.session = None
        self.dirty = False
        self._shown_choices = None
        self._reset_panels()   # nothing of the last file stays behind a refusal either
        self.stage.clear()
        self.preview.clear()
        self.report.show_refusal(Path(path).name, message)
        self._set_enabled(False)
        self.statusBar().showMessage(f"{Path(path).name}: refused", 10000)

    # ----------------------------------------------------------------- editing
    def _change(self, edit) -> None:
        if self.session is None:
            return
        edit(self.session)
        self.dirty = True
        self.refresh()

    def fix_origin(self) -> None:
        self._change(lambda s: s.fix_origin())

    def rotate(self, axis: str) -> None:
        """Turn the mesh 90 degrees about ``axis``; its zones (along the old axes) start again."""
        self._change(lambda s: s.rotate(axis))
        self._load_zones()

    def suggest(self, axis: str) -> None:
        if self.session is None:
            return
        if not self.session.origin_at_corner:
            self.fix_origin()
        editor = self.stretch.axes[axis]
        editor.set_zones(self.session.suggest(axis))
        if self.session.target is None and editor.param() is None:
            editor.set_param(self.session.default_param(axis))

    def _load_zones(self) -> None:
        for axis, editor in self.stretch.axes.items():
            editor.blockSignals(True)
            editor.set_zones(self.session.zones.get(axis, []))
            editor.blockSignals(False)

    def _on_target(self, module_id: str | None) -> None:
        if self.session is None:
            return
        self.session.set_target(module_id)
        self.stretch.set_new_module(module_id is None)
        self._load_zones()
        self.dirty = True
        self.refresh()

    def _on_identity(self) -> None:
        if self.session is not None:
            self.session.new_id, self.session.new_name, self.session.new_category = self.stretch.identity()
            self.dirty = True

    def _on_zones(self) -> None:
        if self.session is None:
            return
        problems = []
        for axis, editor in self.stretch.axes.items():
            try:
                self.session.set_zones(axis, editor.zones())   # sorted: right to left is as good as left to right
            except ValueError as exc:
                problems.append(str(exc))
            param = editor.param()
            if param is None:
                self.session.params.pop(axis, None)
            else:
                self.session.params[axis] = param
        self.dirty = True
        self._table_problems = problems
        self.stretch.zone_problems.setText("\n".join(problems + self.session.zone_problems()))
        self.stage.show_zones(self.session.zones)
        self.controls.set_preview_params(self.session.preview_params())
        self._show_parts()
        self._update_preview(reframe=True)

    def _on_part_edited(self, piece: str, what: str, value: str) -> None:
        if self.session is None:
            return
        try:
            self.session.edit_part(piece, **{what: value})
        except (KeyError, ValueError) as exc:
            self.statusBar().showMessage(str(exc), 10000)
        self.dirty = True
        self._show_parts()

    def _on_slot_edited(self, piece: str, slot: str) -> None:
        if self.session is None:
            return
        self.session.set_slot(piece, slot)
        self.dirty = True
        self.refresh()   # the 3D view draws the piece in its new slot's finish

    def _on_work(self) -> None:
        if self.session is None:
            return
        self.session.hardware = self.parts.hardware_lines()
        self.session.labour_minutes = self.parts.labour.text()
        self.dirty = True
        self.parts.show_missing(self.session.publish_problems())

    def _show_parts(self) -> None:
        session = self.session
        if session is None:
            return
        derivation = session.derivation()
        self.parts.show_slots(list(session.inspected.mesh.part_names), session.piece_slots())
        self.parts.show_parts(session.derived_parts(), derivation.others + session.slot_others(),
                              session.publish_problems())

    # ------------------------------------------------------------------ drawing
    def refresh(self) -> None:
        """Show the session: report, mesh (redrawn only when units, up or origin changed), zones, preview."""
        session = self.session
        if session is None:
            return
        report = session.report
        self.report.show_report(report, Path(report.path).name)
        self.origin_action.setEnabled(not session.origin_at_corner)
        shown = (report.choices, tuple(sorted(session.piece_slots().items())))
        if self._shown_choices != shown:
            mesh = session.mesh
            looks = [(self.catalog.finishes[look.finish].color if look.finish in self.catalog.finishes else
                      MESH_COLOR, look.opacity, look.specular, mask) for look, mask in session.slot_faces()]
            self.stage.show_mesh(mesh.vertices, mesh.faces, reframe=self._shown_choices is None
                                 or self._shown_choices[0] != report.choices, slots=looks)
            self._shown_choices = shown
        self.stage.show_zones(session.zones)
        self.stretch.zone_problems.setText("\n".join(session.zone_problems()))
        self.controls.set_preview_params(session.preview_params())
        self._show_parts()
        self._update_preview(reframe=True)

    def _update_preview(self, reframe: bool) -> None:
        session, param = self.session, self.controls.preview_param()
        if session is None or param is None:
            self.preview.clear("" if session is None else
                               "Stretch preview: fix the origin, set zones (Suggest) and, for a new module,\n"
                               "tick 'Resizes' on an axis; the module then shows here at its smallest,\n"
                               "a custom and its largest size." if session.target is None else
                               "This module has no size parameter to preview.")
            return
        invalid = self._table_problems + session.zone_problems()
        if invalid:   # never draw a state that cannot be published: say why instead
            self.preview.clear("No preview until the zones are right:\n" + "\n".join(invalid))
            return
        copies = []
        custom = self.controls.custom_value()
        for value, what in ((param.minimum, "min"), (custom, "custom"), (param.maximum, "max")):
            label = f"{value:g} {param.unit} ({what})".replace("  ", " ")
            try:
                copies.append(Copy(session.stretched(session.size_at(param.name, value)), label))
            except (StretchError, ValueError, KeyError) as exc:
                copies.append(Copy(None, f"{label}: {exc}"))
        self.preview.show(copies, session.mesh.faces, reframe=reframe)

    # ------------------------------------------------------------------ publish
    def publish(self) -> bool:
        """Publish after the checks and the designer's confirmation; True when written."""
        session = self.session
        if session is None:
            return False
        report = session.report
        if not report.fit:
            errors = [f.message for f in report.findings if f.level == "error"]
            self.tell("Not published", "This mesh is unfit for the showroom; fix it in your 3D tool first.",
                      "\n".join(errors))
            return False
        if report.questions:
            self.tell("Not published", "Confirm the units and the up axis first (the Units and Up axis boxes).",
                      "\n".join(report.questions))
            return False
        problems = session.zone_problems()
        if problems:
            self.tell("Not published", "The stretch zones need fixing first.", "\n".join(problems))
            return False
        missing = session.publish_problems()
        if missing:
            self.tell("Not published", "The module is not complete: fill in what the mesh cannot say.",
                      "\n".join(missing))
            return False
        plan = session.plan()
        if not plan.updating and plan.module_id in self.catalog.modules:
            self.tell("Not published", f"'{plan.module_id}' is already a module of this catalog: choose "
                                       "“Update” for it, or another id.")
            return False
        overwrite = False
        if plan.existing:
            names = "\n".join(str(p) for p in plan.existing)
            if not self.confirm("Replace files?", f"These files exist and will be replaced (a copy of each is kept "
                                                  f"as <name>.bak-<date-time>):\n{names}"):
                return False
            overwrite = True
        try:
            # The staged catalog is proven for this module at every corner too: its mesh draws its cut list.
            result = session.publish(overwrite=overwrite, staged_check=prove_module)
        except PublishError as exc:
            self.tell("Not published", "The catalog check failed; nothing was written.",
                      format_problems(p for p in exc.problems if not isinstance(p, str)) or str(exc))
            return False
        except (PublishConflict, OSError) as exc:
            self.tell("Not published", f"Nothing was written: {exc}")
            return False
        self.catalog = load_catalog(self.catalog.root, self.catalog.models_dir)
        session.catalog = self.catalog
        self.parts.set_catalog(self.catalog)
        session.set_target(plan.module_id)
        self.stretch.set_catalog(self.catalog, plan.module_id)
        self.dirty = False
        self.refresh()
        written = ", ".join(p.name for p in result.written)
        self.statusBar().showMessage(f"Published '{plan.module_id}': {written}"
                                     + (f" (backups: {', '.join(p.name for p in result.backups)})"
                                        if result.backups else ""), 20000)
        self.published.emit(plan.module_id)
        return True

    # --------------------------------------------------------------- lifecycle
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in (self.view, self.preview_view):
            # Frame again once VTK has taken the new size.
            if watched is self.view:
                QTimer.singleShot(0, lambda: self.stage.set_view(self.stage.view))
            else:
                QTimer.singleShot(0, lambda: self._update_preview(reframe=True))
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        if self.dirty and not self.confirm("Modulor designer", "Your zones and choices are not published. "
                                                                "Close and drop them?"):
            event.ignore()
            return
        self.loader.close()
        self.view.removeEventFilter(self)
        self.preview_view.removeEventFilter(self)
        self.view.close()          # always close the plotters (pyvistaqt #846)
        self.preview_view.close()
        super().closeEvent(event)
