"""The "Start over?" question, laid over the screen before a changed design is thrown away.

Shown only when the design differs from the preset it started from
(:attr:`~app.ui.kiosk.session.KioskSession.edited`); an untouched design goes
straight back to the welcome screen.  The card shows a small picture of the
design (rendered in memory, see :mod:`app.ui.kiosk.pictures`) so the customer
sees what would be lost.  "No" keeps everything as it was; "Yes" is the reset
(keeping the customer's language: it is still the same customer).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

PICTURE = (420, 320)
CARD_WIDTH = 900


class StartOverQuestion(QWidget):
    """The question over a dimmed screen: ``confirmed`` (Yes) or ``declined`` (No)."""

    confirmed = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget, target: int):
        super().__init__(parent, objectName="startOverQuestion")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#startOverQuestion { background: rgba(20, 24, 30, 150); }")
        card = QFrame(self, objectName="startOverCard")
        card.setStyleSheet("#startOverCard { background: white; border-radius: 24px; }")
        column = QVBoxLayout(card)
        column.setContentsMargins(60, 40, 60, 40)
        column.setSpacing(12)
        self.question = QLabel(objectName="startOverTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.question.setProperty("role", "title")
        self.warning = QLabel(objectName="startOverWarning", alignment=Qt.AlignmentFlag.AlignCenter,
                              wordWrap=True)
        self.warning.setProperty("role", "heading")
        self.picture = QLabel(objectName="startOverPicture", alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(*PICTURE)
        self.picture.setStyleSheet("background: #F4F5F7; border-radius: 14px;")
        buttons = QHBoxLayout()
        buttons.setSpacing(30)
        self.no = QPushButton(objectName="startOverNo")
        self.no.clicked.connect(self._decline)
        self.yes = QPushButton(objectName="startOverYes")
        self.yes.setProperty("primary", True)
        self.yes.clicked.connect(self._confirm)
        for button in (self.no, self.yes):
            button.setMinimumSize(round(target * 5), round(target * 1.3))   # finger-sized, easy to tell apart
            buttons.addWidget(button)
        column.addWidget(self.question)
        column.addWidget(self.warning)
        column.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignCenter)
        column.addSpacing(16)
        column.addLayout(buttons)
        self.card = card
        self.retranslate()
        self.hide()

    def ask(self, picture: QPixmap) -> None:
        self.picture.setPixmap(picture)
        self.setGeometry(self.parentWidget().rect())
        self.card.setFixedWidth(CARD_WIDTH)
        layout = self.card.layout()
        self.card.setFixedHeight(layout.heightForWidth(CARD_WIDTH) if layout.hasHeightForWidth()
                                 else self.card.sizeHint().height())
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.card.move((self.width() - self.card.width()) // 2, (self.height() - self.card.height()) // 2)

    def dismiss(self) -> None:
        """Hide the question and drop the design's picture with it."""
        self.hide()
        self.picture.clear()

    def _decline(self) -> None:
        self.dismiss()
        self.declined.emit()

    def _confirm(self) -> None:
        self.dismiss()
        self.confirmed.emit()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Start over?"))
        self.warning.setText(self.tr("Your design will be lost."))
        self.no.setText(self.tr("No, keep my design"))
        self.yes.setText(self.tr("Yes, start over"))
