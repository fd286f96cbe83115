"""Touch widgets: a stepper with finger-sized − and + (no spin-box arrows), a row of choices, swatches.

They show values and report what the customer pressed; they never change the
design themselves.  Whether a button's choice is available is set from outside
(the editor asks the rules before offering a step), so a customer cannot reach a
value the workshop does not make.  An unavailable button looks greyed out but
still takes the tap: instead of its choice it asks for the reason
(``explain(button)``), so a customer never taps a dead button without an answer.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

SWATCH_STYLE = "QPushButton { text-align: left; padding-left: 10px; font-size: 19px; }"
UNAVAILABLE = "unavailable"   # the style sheet greys out buttons with this property set


def set_available(button: QPushButton, available: bool) -> None:
    """Grey ``button`` out (or back in) while it keeps taking taps (to explain itself)."""
    if bool(button.property(UNAVAILABLE)) != (not available):
        button.setProperty(UNAVAILABLE, not available)
        button.style().unpolish(button)
        button.style().polish(button)


def is_available(button: QPushButton) -> bool:
    return button.isEnabled() and not button.property(UNAVAILABLE)


class Stepper(QWidget):
    """``label``  [−]  value  [+]; emits ``stepped(-1 | +1)``."""

    stepped = Signal(int)
    explain = Signal(object)   # the unavailable button that was tapped

    def __init__(self, name: str, target: int, parent=None):
        super().__init__(parent)
        self.setObjectName(f"stepper_{name}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.minus = QPushButton("−", objectName=f"{name}_minus")
        self.plus = QPushButton("+", objectName=f"{name}_plus")
        self.value = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName=f"{name}_value")
        self.value.setMinimumWidth(round(target * 3))
        for button in (self.minus, self.plus):
            button.setFixedSize(round(target * 1.3), round(target * 1.3))
            button.setStyleSheet("font-size: 34px; font-weight: 700; padding: 0;")
            button.setAutoRepeat(False)   # one tap, one step, one undo step
        self.minus.clicked.connect(lambda: self._tapped(-1))
        self.plus.clicked.connect(lambda: self._tapped(+1))
        row.addWidget(self.label, 1)
        row.addWidget(self.minus)
        row.addWidget(self.value)
        row.addWidget(self.plus)

    def _tapped(self, direction: int) -> None:
        button = self.button(direction)
        if is_available(button):
            self.stepped.emit(direction)
        else:
            self.explain.emit(button)

    def show_value(self, text: str, can_down: bool, can_up: bool) -> None:
        self.value.setText(text)
        set_available(self.minus, can_down)
        set_available(self.plus, can_up)

    def button(self, direction: int) -> QPushButton:
        return self.plus if direction > 0 else self.minus


class Choices(QWidget):
    """A wrapping row of checkable buttons, one per option; emits ``chosen(value)``."""

    chosen = Signal(object)
    explain = Signal(object)   # the unavailable button that was tapped

    def __init__(self, name: str, target: int, columns: int = 3, parent=None):
        super().__init__(parent)
        self.setObjectName(f"choices_{name}")
        self.name = name
        self.target = target
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[object, QPushButton] = {}
        self._blank_icon: QIcon | None = None

    def set_options(self, options: list[tuple[object, str]], current, enabled: dict | None = None,
                    icons: dict | None = None, priced: bool = False) -> None:
        """(value, text) pairs; ``enabled`` maps value -> bool; ``icons`` makes swatches (value -> QIcon);
        ``priced`` keeps a second line under each name for its price difference (:meth:`set_price`),
        blank until it is known, so the buttons never grow under a finger when the prices arrive."""
        if [v for v, _ in options] != list(self.buttons):
            for button in self.buttons.values():
                self.group.removeButton(button)
                self.grid.removeWidget(button)   # now: the rows below must not move a turn later
                button.hide()
                button.deleteLater()
            self.buttons = {}
            for i, (value, _text) in enumerate(options):
                button = QPushButton(checkable=True, objectName=f"{self.name}_{value}")
                button.setMinimumHeight(round(self.target * 1.2))
                button.clicked.connect(lambda _=False, v=value: self._tapped(v))
                self.group.addButton(button)
                self.grid.addWidget(button, i // self.columns, i % self.columns)
                button.show()   # now, not in a later turn: the panel lays itself out in this one
                self.buttons[value] = button
        for value, text in options:
            button = self.buttons[value]
            button.setProperty("label", text)
            button.setProperty("price", "")
            button.setText(f"{text}\n " if priced else text)
            button.setChecked(value == current)
            set_available(button, True if enabled is None else enabled.get(value, True) or value == current)
            button.setProperty("current", value == current)
            icon = (icons or {}).get(value)
            if icon is None and icons:   # a choice with no picture among pictured ones lines up with them
                icon = self._blank()
            # Icons and style sheets only when they change: a style sheet set again is parsed and
            # polished again, and the panel refreshes after every tap.
            key = icon.cacheKey() if icon is not None else None
            if button.property("iconKey") != key:
                button.setProperty("iconKey", key)
                if icon is not None:
                    # The real decor or handle beside its name: it reads at a glance, the name says which.
                    button.setIcon(icon)
                    button.setIconSize(QSize(self.target, self.target))
                    button.setStyleSheet(SWATCH_STYLE)
                else:
                    button.setIcon(QIcon())
                    button.setStyleSheet("")

    def _blank(self) -> QIcon:
        if self._blank_icon is None:
            blank = QPixmap(self.target, self.target)
            blank.fill(Qt.GlobalColor.transparent)
            self._blank_icon = QIcon(blank)
        return self._blank_icon

    def set_price(self, value, text: str) -> None:
        """Show ``text`` (a price difference) on the second line of ``value``'s button."""
        button = self.buttons.get(value)
        if button is not None and button.property("price") != text:
            button.setProperty("price", text)
            button.setText(f"{button.property('label')}\n{text or ' '}")

    def _tapped(self, value) -> None:
        button = self.buttons[value]
        if is_available(button):
            self.chosen.emit(value)
            return
        # A greyed-out choice leaves the current one checked: it explains itself instead.
        current = next((b for b in self.buttons.values() if b.property("current")), None)
        if current is not None:
            current.setChecked(True)   # the exclusive group unchecks the tapped one
        else:
            self.group.setExclusive(False)
            button.setChecked(False)
            self.group.setExclusive(True)
        self.explain.emit(button)
