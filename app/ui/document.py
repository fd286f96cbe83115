"""The open design as a Qt object: design, undo history, selection, file, unsaved state.

Widgets never talk to each other; they read this document and send it commands,
and they listen to its signals.  It re-announces the design's own
:class:`~app.domain.design.design.DesignEvent` as the ``design_changed`` signal, so a
widget reacts to exactly what an edit touched, whether the edit came from the
inspector, the 3D view, the keyboard, undo or redo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.domain.catalog.catalog import Catalog
from app.domain.design.commands import UndoStack
from app.domain.design.design import Design, DesignEvent
from app.domain.design.layout import Layout, LayoutError


class DesignDocument(QObject):
    design_changed = Signal(object)      # DesignEvent
    selection_changed = Signal(object)   # module id or None
    history_changed = Signal()           # undo/redo availability or labels changed
    dirty_changed = Signal(bool)
    path_changed = Signal(object)        # Path or None
    message = Signal(str)                # a short note for the status bar

    def __init__(self, catalog: Catalog, design: Design, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.design = design
        self.path = path
        self.selected: str | None = None
        self.undo_stack = UndoStack(design)
        self.undo_stack.set_clean()
        self._layout: Layout | None = None
        self._dirty = False
        self.revision = 0   # counts design changes: autosave writes only when it moved
        design.subscribe(self._on_design_event)

    # ------------------------------------------------------------------ reading
    @property
    def layout(self) -> Layout:
        """The design resolved against the catalog; rebuilt lazily after each change."""
        if self._layout is None:
            self._layout = Layout(self.catalog, self.design)
        return self._layout

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.is_clean

    def overall_size(self) -> tuple[float, float, float] | None:
        """W x H x D in mm of everything placed (None for an empty design)."""
        try:
            bounds = self.layout.overall_bounds()
        except LayoutError:
            return None
        if bounds is None:
            return None
        lo, hi = bounds
        return float(hi[0] - lo[0]), float(hi[2] - lo[2]), float(hi[1] - lo[1])

    # ----------------------------------------------------------------- changing
    def push(self, command, merge: bool = False) -> None:
        """Apply an edit through the undo history."""
        self.undo_stack.push(command, merge=merge)
        self._after_history()

    def end_merge(self) -> None:
        self.undo_stack.end_merge()

    def undo(self) -> None:
        if self.undo_stack.undo():
            self._after_history()

    def redo(self) -> None:
        if self.undo_stack.redo():
            self._after_history()

    def select(self, module_id: str | None) -> None:
        if module_id is not None and module_id not in self.design:
            module_id = None
        if module_id != self.selected:
            self.selected = module_id
            self.selection_changed.emit(module_id)

    def replace_design(self, design: Design, path: Path | None) -> None:
        """Open another design in this document (new, open, preset): history starts afresh."""
        self.design.unsubscribe(self._on_design_event)
        self.design = design
        self.path = path
        self.revision += 1
        self.undo_stack = UndoStack(design)
        self.undo_stack.set_clean()
        self._layout = None
        design.subscribe(self._on_design_event)
        self.selected = None
        self.design_changed.emit(DesignEvent("reset"))
        self.selection_changed.emit(None)
        self.path_changed.emit(path)
        self._after_history()

    def set_catalog(self, catalog: Catalog) -> None:
        """Use a reloaded catalog (a designer published a module): every view redraws the same design."""
        self.catalog = catalog
        self._layout = None
        self.revision += 1
        self.design_changed.emit(DesignEvent("reset", detail="catalog"))
        self._after_history()

    def mark_unsaved(self) -> None:
        """A restored or imported design that is not on disk as it is now."""
        self.undo_stack.mark_unclean()
        self._after_history()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.set_clean()
        self.path_changed.emit(path)
        self._after_history()

    # ------------------------------------------------------------------ plumbing
    def _on_design_event(self, event: DesignEvent) -> None:
        self.revision += 1
        if self._layout is not None:
            self._layout.invalidate(event.module_id if event.kind != "reset" else None)
        if event.kind == "removed" and event.module_id == self.selected:
            self.selected = None
            self.selection_changed.emit(None)
        self.design_changed.emit(event)

    def _after_history(self) -> None:
        self.history_changed.emit()
        if self.dirty != self._dirty:
            self._dirty = self.dirty
            self.dirty_changed.emit(self._dirty)
