"""One customer's visit: the design, its history, price, lead time and feedback; and the wipe.

The kiosk makes a new :class:`~app.ui.document.DesignDocument` for each
customer (from a preset) and drops it on :meth:`KioskSession.wipe`, so the
next customer starts with nothing of the last one: no design, no undo history,
no cached quote or report.  Edits come from the screens as kiosk commands
(:mod:`app.editing.kiosk_choices`) and are only applied when the rules accept them.
Placing the order writes the design, price and lead time to the order store in
one durable transaction, and the contact details (if any) encrypted; in a chain
it is queued for the central database in the same transaction (docs/orders.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.domain.catalog.catalog import Catalog
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.production.pricing import Quote, Quoter
from app.domain.rules.engine import RulesReport
from app.domain.showroom.chain_settings import ChainSettings
from app.domain.showroom.order_placing import place_order
from app.domain.showroom.order_store import Order
from app.editing.feedback import StepFeedback
from app.editing.kiosk_choices import KioskEditor, Outcome
from app.ui.document import DesignDocument

log = logging.getLogger("modulor.kiosk")


class KioskSession(QObject):
    changed = Signal()            # the design, its price or its feedback changed
    history_changed = Signal()    # undo became possible or impossible (after the edit's own events)
    refused = Signal(object)      # Outcome of an edit the rules did not accept

    def __init__(self, catalog: Catalog, editor: KioskEditor, parent: QObject | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.editor = editor
        self.feedback = StepFeedback(catalog, editor.engine)
        self.document: DesignDocument | None = None
        self.preset_id: str | None = None
        self._next_report: RulesReport | None = None   # the accepted trial's report, for the edit's step

    @property
    def quoter(self) -> Quoter:
        return self.feedback.quoter

    @property
    def report(self) -> RulesReport | None:
        return self.feedback.report if self.document is not None else None

    @property
    def quote(self) -> Quote | None:
        return self.feedback.quote if self.document is not None else None

    @property
    def active(self) -> bool:
        return self.document is not None

    @property
    def design(self):
        return self.document.design if self.document is not None else None

    def start(self, preset_id: str) -> None:
        self.wipe()
        self.preset_id = preset_id
        self.document = DesignDocument(self.catalog, design_from_preset(self.catalog, preset_id), None, self)
        self.document.design_changed.connect(self._update)
        self.document.history_changed.connect(self.history_changed)
        self._update()

    def apply(self, command) -> Outcome:
        """Push a kiosk command when the rules accept it; otherwise say why (``refused``)."""
        if self.document is None:
            return Outcome(None)
        before = {f.key for f in self.report.errors} if self.report is not None else None
        outcome = self.editor.attempt(self.document.design, command, errors_before=before)
        if outcome.ok:
            # The trial already checked the design as it will be: that report is the edit's one rules run.
            self._next_report = outcome.report
            self.document.push(outcome.command)
        elif outcome.errors:
            self.refused.emit(outcome)
        return outcome

    def undo(self) -> None:
        if self.document is not None:
            self.document.undo()

    @property
    def can_undo(self) -> bool:
        return self.document is not None and self.document.undo_stack.can_undo

    @property
    def edited(self) -> bool:
        """The design differs from the preset it started from (an edit undone, or made and taken
        back by hand, leaves nothing to lose): "Start over" asks first only then."""
        return self.document is not None and self.preset_id is not None \
            and self.document.design != design_from_preset(self.catalog, self.preset_id)

    def _update(self, *_change) -> None:
        """Rules and quote once per undo step (the document announces a whole macro at once)."""
        report, self._next_report = self._next_report, None
        self.feedback.update(self.document.design, self.document.layout, report)
        if self.feedback.quote is None:   # cannot happen for accepted edits; keep the screen alive if it does
            log.error("quote failed: %s", self.feedback.quote_error)
        self.changed.emit()

    def place_order(self, language: str, store_path: Path, contact: dict | None = None,
                    key_path: Path | None = None, chain: ChainSettings | None = None) -> Order:
        """Store the design with the price and lead time shown (queued for the central database in a
        chain, :mod:`app.domain.showroom.order_placing`); returns the order (with its code)."""
        return place_order(design_to_dict(self.document.design), self.quote.price_gross, self.quote.currency,
                           self.quote.lead_time_days, language, store_path, chain or ChainSettings(), contact,
                           key_path)

    def wipe(self) -> None:
        """Forget the customer: document, history, quote and report (the screens clear their own)."""
        if self.document is not None:
            self.document.design_changed.disconnect(self._update)
            self.document.history_changed.disconnect(self.history_changed)
            self.document.close()
            self.document.setParent(None)
            self.document.deleteLater()
        self.document = None
        self.preset_id = None
        self._next_report = None
        self.feedback.clear()
