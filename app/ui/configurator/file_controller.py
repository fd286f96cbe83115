"""Opening, saving and never losing a design: the window's file commands.

* New (empty or from a preset), Open, Save, Save As, Open Recent.  Save As names the
  design after its file (the title follows); dialogs open in the last folder used.
* Asks before discarding unsaved changes.
* Autosaves to a recovery file every few seconds while there are unsaved changes,
  so a crash or a kill -9 loses at most those seconds; offers the recovery file
  at the next start.  A normal save or close removes it.

Dialogs are only opened by the ``*_dialog`` slots; the work is done by methods
taking paths, which is what tests and the kiosk call.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.design.files import FILE_SUFFIX, DesignFileError, load_design, save_design
from app.domain.design.presets import design_from_preset, empty_design
from app.domain.design.recovery import Recovery, RecoveryWriter, find_recoveries
from app.ui.configurator import window_settings
from app.ui.configurator.recent_files import recent_files, remember
from app.ui.document import DesignDocument

AUTOSAVE_MS = 3000
FILE_FILTER = f"Modulor designs (*{FILE_SUFFIX} *.json);;All files (*)"


class FileController(QObject):
    recent_changed = Signal()
    problems_reported = Signal(list)   # list[Problem] from loading a file

    def __init__(self, document: DesignDocument, parent_widget: QWidget, recovery: RecoveryWriter | None = None):
        super().__init__(parent_widget)
        self.document = document
        self.window = parent_widget
        self.recovery = recovery or RecoveryWriter()
        self._autosaved_revision = -1
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        document.dirty_changed.connect(self._on_dirty_changed)

    # ----------------------------------------------------------- asking first
    def confirm_discard(self) -> bool:
        """True when there is nothing unsaved, or the user saved or chose to discard it."""
        if not self.document.dirty:
            return True
        box = QMessageBox(QMessageBox.Warning, "Unsaved changes",
                          f"Save the changes to '{self.document.design.name}' first?",
                          QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, self.window)
        box.setObjectName("confirmDiscard")
        box.setDefaultButton(QMessageBox.Save)
        answer = box.exec()
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # ------------------------------------------------------------------- new
    def new_empty(self) -> bool:
        if not self.confirm_discard():
            return False
        self._replace(empty_design(self.document.catalog), None)
        return True

    def new_from_preset(self, preset_id: str) -> bool:
        if not self.confirm_discard():
            return False
        self._replace(design_from_preset(self.document.catalog, preset_id), None)
        return True

    # ------------------------------------------------------------------ open
    def open_dialog(self) -> bool:
        if not self.confirm_discard():
            return False
        start = str(self.document.path.parent) if self.document.path else str(window_settings.last_folder())
        name, _ = QFileDialog.getOpenFileName(self.window, "Open design", start, FILE_FILTER)
        return bool(name) and self.open_path(Path(name), confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> bool:
        """Open a design file; on refusal say why and keep the current design."""
        if not confirmed and not self.confirm_discard():
            return False
        try:
            result = load_design(path, self.document.catalog)
        except DesignFileError as exc:
            QMessageBox.warning(self.window, "Cannot open design", str(exc))
            return False
        self._replace(result.design, path)
        remember(path)
        window_settings.remember_folder(path)
        self.recent_changed.emit()
        if result.problems:
            self.problems_reported.emit(result.problems)
        return True

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as_dialog()
        return self.save_to(self.document.path)

    def save_as_dialog(self) -> bool:
        suggested = self.document.path or window_settings.last_folder() / f"{self.document.design.name}{FILE_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(self.window, "Save design", str(suggested), FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.name.endswith((".json",)):
            path = path.with_name(path.name + FILE_SUFFIX)
        return self.save_as(path)

    def save_as(self, path: Path) -> bool:
        """Save under a new name: the design is then called after its file, and the title says so."""
        old = self.document.design.name
        self.document.design.name = design_name_for(path)
        if self.save_to(path):
            return True
        self.document.design.name = old
        return False

    def save_to(self, path: Path) -> bool:
        try:
            save_design(self.document.design, path)
        except OSError as exc:
            QMessageBox.critical(self.window, "Cannot save design",
                                 f"{path}: {exc.strerror or exc}. Your design is still open; "
                                 "try another folder.")
            return False
        self.document.mark_saved(path)
        self.recovery.discard()
        remember(path)
        window_settings.remember_folder(path)
        self.recent_changed.emit()
        return True

    def recent(self) -> list[Path]:
        return recent_files()

    # -------------------------------------------------------------- recovery
    def autosave(self) -> None:
        """Write the recovery file when there are unsaved changes it does not hold yet."""
        if not self.document.dirty:
            return
        if self.document.revision == self._autosaved_revision:
            return
        try:
            self.recovery.write(self.document.design, self.document.path)
            self._autosaved_revision = self.document.revision
        except OSError:
            pass  # a full disk must not interrupt designing; the next tick tries again

    def offer_recovery(self) -> bool:
        """At start: offer the newest design left by a session that crashed.  True when restored."""
        found = find_recoveries(self.recovery.folder)
        if not found:
            return False
        newest: Recovery = found[0]
        when = newest.saved_at.astimezone().strftime("%H:%M on %d %b")
        box = QMessageBox(QMessageBox.Question, "Restore unsaved design?",
                          f"Modulor closed unexpectedly. Restore '{newest.design_name}' as it was at {when}?",
                          QMessageBox.Yes | QMessageBox.No, self.window)
        box.setObjectName("offerRecovery")
        box.button(QMessageBox.Yes).setText("Restore")
        box.button(QMessageBox.No).setText("Discard")
        if box.exec() != QMessageBox.Yes:
            for recovery in found:
                recovery.path.unlink(missing_ok=True)
            return False
        try:
            result = load_design(newest.path, self.document.catalog)
        except DesignFileError as exc:
            QMessageBox.warning(self.window, "Cannot restore", str(exc))
            return False
        self._replace(result.design, newest.source)
        self.document.mark_unsaved()
        self.recovery.write(self.document.design, newest.source)  # now ours: keep it until saved
        for recovery in found:
            recovery.path.unlink(missing_ok=True)
        return True

    def shutdown(self) -> None:
        """Normal close: nothing to recover."""
        self.autosave_timer.stop()
        self.recovery.discard()

    # --------------------------------------------------------------- helpers
    def _replace(self, design, path: Path | None) -> None:
        self.document.replace_design(design, path)
        self.recovery.discard()
        self._autosaved_revision = -1

    def _on_dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.recovery.discard()


def design_name_for(path: Path) -> str:
    """'Kitchen' for kitchen.modulor.json: the name a design saved under ``path`` goes by."""
    name = path.name
    for suffix in (FILE_SUFFIX, ".json"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
