"""The open design as a Qt object: the editing session's news as signals.

Widgets never talk to each other; they read this document, send it edits and
listen to its signals.  The editing itself (history, selection, batching the
events of one undo step) is the Qt-free :class:`~app.editing.session.EditSession`;
this class only relays its callbacks as signals, so a widget reacts once per
undo step to exactly what the step touched, whether the edit came from the
inspector, the 3D view, the keyboard, the kiosk, undo or redo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.catalog.catalog import Catalog
from app.domain.design.commands import Command
from app.domain.design.design import Design
from app.editing.session import DesignChange, EditSession


def _relay(name: str) -> Any:
    """A read-only attribute that reads the editing session's attribute of that name."""
    return property(lambda self: getattr(self.session, name), doc=f"The editing session's ``{name}``.")


class DesignDocument(QObject):
    design_changed = Signal(object)      # DesignChange: once per undo step
    selection_changed = Signal(object)   # module id or None
    history_changed = Signal()           # undo/redo availability or labels changed
    dirty_changed = Signal(bool)
    path_changed = Signal(object)        # Path or None
    message = Signal(str)                # a short note for the status bar

    def __init__(self, catalog: Catalog, design: Design, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.session = EditSession(catalog, design, path)
        self.session.on_change.append(self.design_changed.emit)
        self.session.on_selection.append(self.selection_changed.emit)
        self.session.on_history.append(self._after_history)
        self._dirty = False

    # ------------------------------------------------------------------ reading (the session's state)
    catalog = _relay("catalog")
    design = _relay("design")
    path = _relay("path")
    selected = _relay("selected")
    selection = _relay("selection")
    undo_stack = _relay("undo_stack")
    layout = _relay("layout")
    revision = _relay("revision")
    dirty = _relay("dirty")

    def overall_size(self) -> tuple[float, float, float] | None:
        return self.session.overall_size()

    # ----------------------------------------------------------------- changing
    def push(self, command: Command, merge: bool = False) -> None:
        self.session.push(command, merge)

    def end_merge(self) -> None:
        self.session.end_merge()

    def undo(self) -> None:
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    def select(self, module_id: str | None) -> None:
        self.session.select(module_id)

    def select_many(self, module_ids) -> None:
        self.session.select_many(module_ids)

    def toggle(self, module_id: str) -> None:
        self.session.toggle(module_id)

    def replace_design(self, design: Design, path: Path | None) -> None:
        self.session.replace_design(design, path)
        self.path_changed.emit(path)

    def set_catalog(self, catalog: Catalog) -> None:
        self.session.set_catalog(catalog)

    def mark_unsaved(self) -> None:
        self.session.mark_unsaved()

    def mark_saved(self, path: Path) -> None:
        self.session.mark_saved(path)
        self.path_changed.emit(path)

    def close(self) -> None:
        """Forget the design and its history (the kiosk's next customer)."""
        self.session.close()

    # ------------------------------------------------------------------ plumbing
    def _after_history(self) -> None:
        self.history_changed.emit()
        if self.dirty != self._dirty:
            self._dirty = self.dirty
            self.dirty_changed.emit(self._dirty)


__all__ = ["DesignChange", "DesignDocument"]
