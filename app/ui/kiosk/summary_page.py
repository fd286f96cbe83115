"""Finish: what the customer is about to order (picture, size, price, lead time, what is included),
and, only if the shop asks for it, a name and a phone number or e-mail typed on a screen keyboard.

Nothing here is kept after the visit: the picture lives in memory, the fields
are cleared on every reset, and contact details go to the order store only
encrypted (:mod:`app.domain.showroom.contact_vault`).
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog.texts import CatalogTexts
from app.domain.production.papers.customer_quote import customer_quote
from app.domain.production.parts import PartsError
from app.ui.kiosk.drag_scroll import DragScroll
from app.ui.kiosk.i18n import days, money, size_text
from app.ui.kiosk.keyboard import ScreenKeyboard
from app.ui.kiosk.pictures import design_pixmap
from app.ui.kiosk.quote_print import QuotePrint
from app.ui.kiosk.session import KioskSession

PICTURE = (900, 680)
PICTURE_WITH_KEYBOARD = (900, 520)   # the screen keyboard goes under the picture

log = logging.getLogger("modulor.kiosk")


class SummaryPage(QWidget):
    back_requested = Signal()
    order_requested = Signal(dict)   # contact details ({} when none were asked for or given)

    def __init__(self, session: KioskSession, target: int, parent=None):
        super().__init__(parent, objectName="summary")
        self.session = session
        self.texts: CatalogTexts | None = None
        self.language = "en"
        self.collect_contact = False
        row = QHBoxLayout(self)
        row.setContentsMargins(50, 30, 50, 30)
        row.setSpacing(40)
        self.picture = QLabel(objectName="summaryPicture", alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(*PICTURE)
        self.picture.setStyleSheet("background: white; border-radius: 18px;")
        left = QVBoxLayout()
        left.addWidget(self.picture)
        left.addStretch(1)
        self.keyboard = ScreenKeyboard(target)
        left.addWidget(self.keyboard)
        row.addLayout(left)
        column = QVBoxLayout()
        column.setSpacing(12)
        self.title = QLabel(objectName="summaryTitle")
        self.title.setProperty("role", "title")
        self.name = QLabel(objectName="summaryName")
        self.name.setProperty("role", "heading")
        self.size = QLabel(objectName="summarySize")
        self.price = QLabel(objectName="summaryPrice")
        self.price.setProperty("role", "price")
        self.lead = QLabel(objectName="summaryLead")
        self.included_title = QLabel(objectName="includedTitle")
        self.included_title.setProperty("role", "heading")
        self.included = QLabel(objectName="included", wordWrap=True)
        self.included.setStyleSheet("font-size: 20px;")
        for widget in (self.title, self.name, self.size, self.price, self.lead, self.included_title):
            column.addWidget(widget)
        # A long design (a 3 m wall unit is eight lines and more) scrolls by dragging, instead of pushing
        # the order button off the screen.
        self.included_scroll = QScrollArea(objectName="includedScroll", widgetResizable=True,
                                           frameShape=QFrame.Shape.NoFrame,
                                           horizontalScrollBarPolicy=Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lines = QWidget(objectName="includedLines")
        lines_column = QVBoxLayout(lines)   # a layout gives the wrapped label its height for the width
        lines_column.setContentsMargins(0, 0, 8, 0)
        lines_column.addWidget(self.included)
        lines_column.addStretch(1)
        self.included_scroll.setWidget(lines)
        self.included_scroll.setStyleSheet("QScrollArea, #includedLines { background: transparent; }")
        self.included_scroll.verticalScrollBar().setStyleSheet(
            f"QScrollBar:vertical {{ width: {target}px; background: #ECEEF1; }}"
            f" QScrollBar::handle:vertical {{ min-height: {target * 2}px; background: #A9AFB8;"
            f" border-radius: {target // 3}px; margin: 6px; }}")
        self.included_drag = DragScroll(self.included_scroll)
        column.addWidget(self.included_scroll, 1)
        self.contact_box = QFrame(objectName="contactBox")
        contact = QGridLayout(self.contact_box)
        contact.setContentsMargins(0, 8, 0, 0)
        self.contact_note = QLabel(objectName="contactNote", wordWrap=True)
        self.contact_note.setProperty("role", "muted")
        self.name_label, self.reach_label = QLabel(), QLabel()
        self.name_field = QLineEdit(objectName="contactName")
        self.reach_field = QLineEdit(objectName="contactReach")
        for field in (self.name_field, self.reach_field):
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        contact.addWidget(self.contact_note, 0, 0, 1, 2)
        contact.addWidget(self.name_label, 1, 0)
        contact.addWidget(self.name_field, 1, 1)
        contact.addWidget(self.reach_label, 2, 0)
        contact.addWidget(self.reach_field, 2, 1)
        column.addWidget(self.contact_box)
        # Hidden until a shop asks for contact details: a hidden page still sets the stack's minimum size.
        self.contact_box.hide()
        self.keyboard.hide()
        buttons = QHBoxLayout()
        self.back = QPushButton(objectName="summaryBack")
        self.back.clicked.connect(self.back_requested)
        self.order = QPushButton(objectName="placeOrder")
        self.order.setProperty("primary", True)
        self.order.clicked.connect(self._order)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.order)
        # "Print my quote" on the kiosk's printer (issue 16), on a row of its own: beside Back and
        # Order the three long labels were cut off at 1920 px.
        self.quote_print = QuotePrint(self)
        printing = QHBoxLayout()
        printing.addStretch(1)
        printing.addWidget(self.quote_print.button)
        column.addLayout(printing)
        column.addLayout(buttons)
        row.addLayout(column, 1)

    def _order(self) -> None:
        contact = {"name": self.name_field.text(), "reach": self.reach_field.text()} if self.collect_contact else {}
        self.order_requested.emit(contact)

    def show_session(self, collect_contact: bool) -> None:
        """Fill the page for the current design (renders its picture)."""
        self.collect_contact = collect_contact
        self.contact_box.setVisible(collect_contact)
        self.keyboard.setVisible(collect_contact)
        picture = PICTURE_WITH_KEYBOARD if collect_contact else PICTURE
        self.picture.setFixedSize(*picture)
        self.name_field.clear()
        self.reach_field.clear()
        self.keyboard.target_field = self.name_field
        session = self.session
        self.picture.setPixmap(design_pixmap(session.catalog, session.design, *picture))
        self.refresh()
        self.included_scroll.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        self.picture.clear()
        self.name_field.clear()
        self.reach_field.clear()
        for label in (self.name, self.size, self.price, self.lead, self.included):
            label.clear()
        self.included_scroll.verticalScrollBar().setValue(0)

    def price_lines(self) -> list[tuple[str, str]]:
        """(what, price) per unit of the design, in the customer's language, then the total: the
        customer quote's breakdown (:func:`~app.domain.production.papers.customer_quote.customer_quote`),
        whose unit prices add up to the price shown, and the kit the rules add (a wall anchor)."""
        session = self.session
        extra = session.report.required_hardware() if session.report else []
        try:
            breakdown = customer_quote(session.catalog, session.design, extra, self.language)
        except (PartsError, ValueError, KeyError) as exc:   # the price bar shows the total all the same
            log.error("price breakdown not made: %s", exc)
            return []
        currency = session.quote.currency if session.quote else ""
        lines = []
        for line in breakdown.lines:
            what = self.tr("%1. %2, %3").replace("%1", str(line.unit)).replace("%2", line.name).replace(
                "%3", size_text(line.size, self.language))
            if line.options:
                what += "\n" + ", ".join(line.options)
            lines.append((what, money(line.price, currency, self.language)))
        return lines

    def _price_table(self) -> str:
        """The breakdown as a two-column table: what, then its price aligned right."""
        rows = "".join(f"<tr><td style='padding: 4px 24px 4px 0'>{escape(what).replace(chr(10), '<br>')}</td>"
                       f"<td align='right' style='padding: 4px 0; white-space: nowrap'>{escape(price)}</td></tr>"
                       for what, price in self.price_lines())
        return f"<table width='100%'>{rows}</table>"

    def retranslate(self, texts: CatalogTexts, language: str) -> None:
        self.texts, self.language = texts, language
        self.title.setText(self.tr("Your design"))
        self.included_title.setText(self.tr("What is included"))
        self.back.setText(self.tr("Back to the design"))
        self.order.setText(self.tr("Order and get my code"))
        self.contact_note.setText(self.tr("Optional: leave a name and a phone number or e-mail if you would like "
                                          "us to contact you. You can also just take the code."))
        self.name_label.setText(self.tr("Name"))
        self.reach_label.setText(self.tr("Phone or e-mail"))
        self.keyboard.retranslate()
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        if session.design is None or self.texts is None or session.quote is None:
            return
        quote = session.quote
        self.name.setText(self.texts.preset(session.preset_id, "name") if session.preset_id else "")
        self.size.setText(size_text(session.document.overall_size(), self.language))
        self.price.setText(self.tr("%1 including VAT").replace("%1", money(quote.price_gross, quote.currency,
                                                                         self.language)))
        self.lead.setText(self.tr("Ready in %1").replace("%1", days(quote.lead_time_days)))
        self.included.setText(self._price_table())
        self.quote_print.refresh()
