"""A screen keyboard for the optional contact fields: the kiosk has no keyboard of its own.

Latin letters, digits and what e-mail addresses and phone numbers need; keys are
finger-sized.  It types into the field it was last given (``target_field``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.-_", "+")


class ScreenKeyboard(QWidget):
    def __init__(self, target: int, parent=None):
        super().__init__(parent, objectName="screenKeyboard")
        self.target_field: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        for r, keys in enumerate(ROWS):
            for c, key in enumerate(keys):
                button = QPushButton(key, objectName=f"key_{key}")
                button.setFixedSize(target, target)
                button.setStyleSheet("padding: 0;")
                button.clicked.connect(lambda _=False, k=key: self._type(k))
                grid.addWidget(button, r, c)
        self.space = QPushButton(objectName="key_space")
        self.space.clicked.connect(lambda: self._type(" "))
        self.backspace = QPushButton("⌫", objectName="key_backspace")
        self.backspace.clicked.connect(self._backspace)
        self.next_field = QPushButton(objectName="key_next")
        self.next_field.clicked.connect(self._next)
        grid.addWidget(self.space, 4, 1, 1, 4)
        grid.addWidget(self.backspace, 4, 5, 1, 2)
        grid.addWidget(self.next_field, 4, 7, 1, 3)   # three keys wide: "next field" is long in some languages

    def retranslate(self) -> None:
        self.space.setText(self.tr("space"))
        self.next_field.setText(self.tr("next field"))

    def _type(self, text: str) -> None:
        if self.target_field is not None:
            self.target_field.insert(text)

    def _backspace(self) -> None:
        if self.target_field is not None:
            self.target_field.backspace()

    def _next(self) -> None:
        """Move typing to the other contact field."""
        page = self.parentWidget()
        fields = page.findChildren(QLineEdit) if page is not None else []
        if self.target_field in fields and len(fields) > 1:
            self.target_field = fields[(fields.index(self.target_field) + 1) % len(fields)]
            self.target_field.setFocus()
