"""One open design being edited: the design, its undo history, the selection, and batched change news.

:class:`EditSession` is the editing state both windows share, with no Qt in it.
Every edit a person makes goes through :meth:`EditSession.push` (or undo, redo,
opening another design), and listeners hear of it once per undo step:

* ``on_change(DesignChange)``: every :class:`~app.domain.design.design.DesignEvent`
  the step caused, together.  A kiosk choice is a macro of nine to eleven
  commands; announcing them one by one made the rules, the price and the panels
  run once per command.  Listeners that care about single modules (the 3D view)
  subscribe to the design itself and still see each event as it happens.
* ``on_history()``: undo and redo availability, labels and the saved state.
* ``on_selection(module_id)``: the selection changed; ``module_id`` is its primary
  module (the one last clicked, shown in the inspector), :attr:`EditSession.selection`
  all of them (Ctrl/Shift-click, a run): edits from the inspector go to all.

The Qt document (:class:`app.ui.document.DesignDocument`) only relays these
callbacks as signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.domain.catalog.catalog import Catalog
from app.domain.design.commands import Command, UndoStack
from app.domain.design.design import Design, DesignEvent
from app.domain.design.layout import Layout, LayoutError


@dataclass(frozen=True)
class DesignChange:
    """What one undo step (or one outside change) did to the design."""

    events: tuple[DesignEvent, ...]

    @property
    def reset(self) -> bool:
        """The whole design is another one (opened, new, preset, reloaded catalog)."""
        return any(e.kind == "reset" for e in self.events)

    @property
    def catalog_reload(self) -> bool:
        return any(e.kind == "reset" and e.detail == "catalog" for e in self.events)

    def kinds(self) -> set[str]:
        return {e.kind for e in self.events}

    def module_ids(self, *kinds: str) -> set[str]:
        """Modules the step touched (only events of ``kinds`` when given)."""
        return {e.module_id for e in self.events if e.module_id is not None and (not kinds or e.kind in kinds)}


ChangeListener = Callable[[DesignChange], None]


class EditSession:
    """The design being edited, its history and selection; announces each step once."""

    def __init__(self, catalog: Catalog, design: Design, path: Path | None = None):
        self.catalog = catalog
        self.design = design
        self.path = path
        self.selected: str | None = None
        self.selection: tuple[str, ...] = ()   # every selected module, the primary one last
        self.undo_stack = UndoStack(design)
        self.undo_stack.set_clean()
        self.revision = 0   # counts design changes: autosave writes only when it moved
        self.on_change: list[ChangeListener] = []
        self.on_history: list[Callable[[], None]] = []
        self.on_selection: list[Callable[[str | None], None]] = []
        self._layout: Layout | None = None
        self._pending: list[DesignEvent] | None = None
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
        """W x H x D in mm of everything placed (None for an empty or unresolvable design)."""
        try:
            bounds = self.layout.overall_bounds()
        except LayoutError:
            return None
        if bounds is None:
            return None
        lo, hi = bounds
        return float(hi[0] - lo[0]), float(hi[2] - lo[2]), float(hi[1] - lo[1])

    # ----------------------------------------------------------------- changing
    def push(self, command: Command, merge: bool = False) -> None:
        """Apply an edit through the undo history: one step, announced once."""
        with self._step():
            self.undo_stack.push(command, merge=merge)

    def end_merge(self) -> None:
        self.undo_stack.end_merge()

    def undo(self) -> bool:
        with self._step():
            return self.undo_stack.undo()

    def redo(self) -> bool:
        with self._step():
            return self.undo_stack.redo()

    def select(self, module_id: str | None) -> None:
        """Select one module (or nothing)."""
        self.select_many([module_id] if module_id is not None else [])

    def select_many(self, module_ids: list[str] | tuple[str, ...]) -> None:
        """Select several modules; the last is the primary one."""
        ids = tuple(dict.fromkeys(m for m in module_ids if m in self.design))
        if ids != self.selection:
            self.selection = ids
            self.selected = ids[-1] if ids else None
            self._tell_selection()

    def toggle(self, module_id: str) -> None:
        """Add a module to the selection, or take it out (Ctrl/Shift-click)."""
        if module_id in self.selection:
            self.select_many([m for m in self.selection if m != module_id])
        else:
            self.select_many([*self.selection, module_id])

    def replace_design(self, design: Design, path: Path | None) -> None:
        """Open another design (new, open, preset, an order): history starts afresh."""
        with self._step():
            self.design.unsubscribe(self._on_design_event)
            self.design = design
            self.path = path
            self.undo_stack = UndoStack(design)
            self.undo_stack.set_clean()
            self._layout = None
            design.subscribe(self._on_design_event)
            self._on_design_event(DesignEvent("reset"))
            if self.selection:
                self.selected, self.selection = None, ()
                self._tell_selection()

    def set_catalog(self, catalog: Catalog) -> None:
        """Use a reloaded catalog (a designer published a module): the same design, redrawn."""
        with self._step():
            self.catalog = catalog
            self._on_design_event(DesignEvent("reset", detail="catalog"))

    def mark_unsaved(self) -> None:
        """A restored or imported design that is not on disk as it is now."""
        self.undo_stack.mark_unclean()
        self._tell_history()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.set_clean()
        self._tell_history()

    def close(self) -> None:
        """Stop following the design (the window or the kiosk customer is gone)."""
        self.design.unsubscribe(self._on_design_event)
        self.undo_stack.clear()
        self.on_change.clear()
        self.on_history.clear()
        self.on_selection.clear()

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _step(self) -> Iterator[None]:
        """Collect the design's events while the body runs; announce them once at the end."""
        if self._pending is not None:   # a step inside a step: the outer one announces
            yield
            return
        self._pending = []
        try:
            yield
        finally:
            events, self._pending = tuple(self._pending), None
            if events:
                self._announce(DesignChange(events))
            self._tell_history()

    def _on_design_event(self, event: DesignEvent) -> None:
        self.revision += 1
        if self._layout is not None:
            if event.kind == "reset":
                self._layout = None
            else:
                self._layout.invalidate(event.module_id)
        if event.kind == "removed" and event.module_id in self.selection:
            self.selection = tuple(m for m in self.selection if m != event.module_id)
            self.selected = self.selection[-1] if self.selection else None
            self._tell_selection()
        if self._pending is not None:
            self._pending.append(event)
        else:   # a change outside any step (a tool editing the design directly): announce it alone
            self._announce(DesignChange((event,)))

    def _announce(self, change: DesignChange) -> None:
        for listener in list(self.on_change):
            listener(change)

    def _tell_history(self) -> None:
        for listener in list(self.on_history):
            listener()

    def _tell_selection(self) -> None:
        for listener in list(self.on_selection):
            listener(self.selected)
