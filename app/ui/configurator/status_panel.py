"""The status area: overall size, price, lead time, what the last edit changed, and whether it can be ordered.

An empty design has nothing to price or order: the area then says what to do
next instead.  Reads the document (size) and :class:`~app.ui.configurator.feedback.DesignFeedback` (price,
lead time, rules) whenever they change; it never edits anything.  The change an
edit made ("+ 34.00 EUR, + 2 days") shows for a few seconds next to the price.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.configurator.feedback import DesignFeedback
from app.ui.document import DesignDocument

CHANGE_SHOWN_MS = 6000
READY_STYLE = "background: #DDF4E4; color: #0F5323; border-radius: 10px; padding: 2px 10px; font-weight: 600;"
PROBLEM_STYLE = "background: #FBE3E1; color: #8A1C12; border-radius: 10px; padding: 2px 10px; font-weight: 600;"
CHANGE_STYLE = "color: #4A4F55; font-style: italic;"
HINT_STYLE = "background: #E4EEFB; color: #123B6D; border-radius: 10px; padding: 2px 10px; font-weight: 600;"
EMPTY_HINT = "Start here: double-click a module in the library or drag it into the view, or pick File > New from preset"


def money_text(amount, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


class StatusPanel(QWidget):
    def __init__(self, document: DesignDocument, feedback: DesignFeedback, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusPanel")
        self.document = document
        self.feedback = feedback
        self.size_label = self._label("overallSize")
        self.change_label = self._label("priceChange", CHANGE_STYLE)
        self.price_label = self._label("price")
        self.lead_label = self._label("leadTime")
        self.state_label = self._label("orderState")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)
        row.setSpacing(18)
        for label in (self.change_label, self.size_label, self.price_label, self.lead_label, self.state_label):
            row.addWidget(label)
        self._clear_change = QTimer(self, singleShot=True, interval=CHANGE_SHOWN_MS)
        self._clear_change.timeout.connect(lambda: self.change_label.setText(""))
        # The side panels follow one event-loop turn after the 3D view: the frame that shows the edit
        # is drawn first, the texts come a moment later (several edits in a turn refresh them once).
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.refresh)
        feedback.updated.connect(self._later.start)
        self.refresh()

    def _label(self, name: str, style: str = "") -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        if style:
            label.setStyleSheet(style)
        return label

    def refresh(self) -> None:
        if not len(self.document.design):
            self._show_empty()
            return
        size = self.document.overall_size()
        self.size_label.setText("Empty design" if size is None else
                                f"W {size[0]:.0f} × H {size[1]:.0f} × D {size[2]:.0f} mm")
        quote = self.feedback.quote
        if quote is None:
            self.price_label.setText("Price: —")
            self.price_label.setToolTip(self.feedback.quote_error)
            self.lead_label.setText("")
        else:
            self.price_label.setText(f"Price {money_text(quote.price_gross, quote.currency)} incl. VAT")
            self.price_label.setToolTip(
                f"Materials {money_text(quote.costs.materials, quote.currency)}, hardware "
                f"{money_text(quote.costs.hardware_total, quote.currency)}, labour "
                f"{money_text(quote.costs.labour_total, quote.currency)}; VAT "
                f"{money_text(quote.costs.vat, quote.currency)}")
            days = quote.lead_time_days
            self.lead_label.setText(f"Ready in {days} working day{'s' if days != 1 else ''}")
        report = self.feedback.report
        self.state_label.setText(report.summary())
        if self.state_label.property("ready") != report.ready_to_order:   # style sheets are slow to apply
            self.state_label.setProperty("ready", report.ready_to_order)
            self.state_label.setStyleSheet(READY_STYLE if report.ready_to_order else PROBLEM_STYLE)
        if self.feedback.change:
            self.change_label.setText(self.feedback.change)
            self._clear_change.start()

    def _show_empty(self) -> None:
        """Nothing placed: no size, price or order state, but what to do first."""
        self.size_label.setText("")
        self.price_label.setText("")
        self.price_label.setToolTip("")
        self.lead_label.setText("")
        self.change_label.setText("")
        self.state_label.setText(EMPTY_HINT)
        self.state_label.setProperty("ready", None)
        self.state_label.setStyleSheet(HINT_STYLE)
