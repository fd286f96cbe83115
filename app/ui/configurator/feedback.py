"""Rules and price after every edit: the feedback the customer sees at once.

:class:`DesignFeedback` listens to the document's history (every edit, undo,
redo, new or opened design ends there) and, in the same event-loop turn, checks
the manufacturing rules and quotes the price and lead time, so the status bar,
the problems list and the tints in the 3D view change in the very frame that
shows the edit (one render per edit).  Both are fast: the rules engine and the
quoter cache each module by content and re-evaluate only what an edit touched.
Fixes are not worked out here (they search); the problems list asks for them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.domain.rules import Finding, Fix
from app.editing.feedback import StepFeedback
from app.ui.document import DesignDocument


class DesignFeedback(QObject):
    """The editing layer's :class:`StepFeedback` for the window, with an ``updated`` signal."""

    updated = Signal()

    def __init__(self, document: DesignDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.step = StepFeedback(document.catalog)
        self._revision: int | None = None
        self._design = None
        document.history_changed.connect(self.refresh)
        self.refresh()

    engine = property(lambda self: self.step.engine)
    quoter = property(lambda self: self.step.quoter)
    report = property(lambda self: self.step.report)
    quote = property(lambda self: self.step.quote)
    quote_error = property(lambda self: self.step.quote_error)
    change = property(lambda self: self.step.change)

    def set_catalog(self, catalog) -> None:
        """Check and price with another catalog from now on (the caches belong to the old one)."""
        self.step = StepFeedback(catalog)
        self._revision = None
        self.refresh()

    def refresh(self) -> None:
        """Check and quote again if the design changed since the last time."""
        document = self.document
        if document.revision == self._revision and document.design is self._design:
            return
        same_design = document.design is self._design
        self._revision, self._design = document.revision, document.design
        self.step.update(document.design, document.layout, compare=same_design)
        self.updated.emit()

    def fixes(self, finding: Finding) -> tuple[Fix, ...]:
        return self.engine.fixes(self.document.design, finding, self.document.layout, self.report)

    def apply(self, finding: Finding, fix: Fix) -> bool:
        """Apply a fix as one undoable edit, once more confirmed on the design as it is now.

        False (and nothing changed) when the design has moved on and the fix no longer does what it says.
        """
        design = self.document.design
        errors = {f.key for f in self.report.errors}
        if not self.engine.scratch().accepts(design, finding, fix, errors):
            return False
        self.document.push(fix.build(design))
        return True
