"""The order code, large and as a QR code, and how to use it; then the screen is free again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.kiosk.pictures import qr_pixmap

QR_SIZE = 380


class DonePage(QWidget):
    start_again = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, objectName="done")
        self.code = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(80, 60, 80, 60)
        column.addStretch(1)
        self.thanks = QLabel(objectName="doneThanks", alignment=Qt.AlignmentFlag.AlignCenter)
        self.thanks.setProperty("role", "title")
        column.addWidget(self.thanks)
        row = QHBoxLayout()
        row.addStretch(1)
        code_column = QVBoxLayout()
        self.code_title = QLabel(objectName="codeTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.code_title.setProperty("role", "heading")
        self.code_label = QLabel(objectName="orderCode", alignment=Qt.AlignmentFlag.AlignCenter)
        self.code_label.setProperty("role", "code")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.how = QLabel(objectName="codeHow", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.how.setProperty("role", "muted")
        self.how.setMaximumWidth(760)
        for widget in (self.code_title, self.code_label, self.how):
            code_column.addWidget(widget)
        row.addLayout(code_column)
        row.addSpacing(60)
        self.qr = QLabel(objectName="orderQr")
        self.qr.setFixedSize(QR_SIZE, QR_SIZE)
        row.addWidget(self.qr)
        row.addStretch(1)
        column.addLayout(row)
        column.addSpacing(40)
        self.again = QPushButton(objectName="startAgain")
        self.again.setProperty("primary", True)
        self.again.clicked.connect(self.start_again)
        column.addWidget(self.again, 0, Qt.AlignmentFlag.AlignCenter)
        column.addStretch(1)

    def show_code(self, code: str) -> None:
        self.code = code
        self.code_label.setText(code)
        self.qr.setPixmap(qr_pixmap(code, QR_SIZE))

    def clear(self) -> None:
        self.code = ""
        self.code_label.clear()
        self.qr.clear()

    def retranslate(self) -> None:
        self.thanks.setText(self.tr("Thank you!"))
        self.code_title.setText(self.tr("Your order code"))
        self.how.setText(self.tr("Show or read this code at the counter, or scan it with your phone to keep it. "
                                 "We need no name, phone number or e-mail."))
        self.again.setText(self.tr("Done"))
