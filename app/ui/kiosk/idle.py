"""Idle handling: no touch for a while asks "Are you still there?", then the kiosk starts afresh.

:class:`IdleWatcher` sees every press, touch and key of the application (an
application event filter), so any input anywhere restarts the idle clock.
:class:`StillThere` is the question laid over the whole screen with a
countdown; answering it keeps the design, letting it run out resets.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
                QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress,
                QEvent.Type.Wheel, QEvent.Type.TabletPress}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, app, seconds: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.idle)
        self.set_timeout(seconds)
        app.installEventFilter(self)

    def set_timeout(self, seconds: int) -> None:
        self.timer.setInterval(int(seconds * 1000))
        self.timer.start()

    def poke(self) -> None:
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:
        # A hovering mouse is no customer.
        if event.type() in INPUT_EVENTS and (event.type() != QEvent.Type.MouseMove or event.buttons()):
            self.timer.start()
        return False


class StillThere(QWidget):
    """The question over a dimmed screen; ``expired`` when the countdown reaches zero."""

    expired = Signal()
    answered = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent, objectName="stillThere")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#stillThere { background: rgba(20, 24, 30, 150); }")
        self.remaining = 0
        self.tick = QTimer(self, interval=1000)
        self.tick.timeout.connect(self._tick)
        card = QFrame(self, objectName="stillThereCard")
        card.setStyleSheet("#stillThereCard { background: white; border-radius: 24px; }")
        column = QVBoxLayout(card)
        column.setContentsMargins(60, 50, 60, 50)
        self.question = QLabel(objectName="stillThereQuestion", alignment=Qt.AlignmentFlag.AlignCenter)
        self.question.setProperty("role", "title")
        self.countdown = QLabel(objectName="stillThereCountdown", alignment=Qt.AlignmentFlag.AlignCenter,
                                wordWrap=True)
        self.countdown.setProperty("role", "heading")
        self.yes = QPushButton(objectName="stillHere")
        self.yes.setProperty("primary", True)
        self.yes.clicked.connect(self._answer)
        for widget in (self.question, self.countdown):
            column.addWidget(widget)
        column.addSpacing(20)
        column.addWidget(self.yes, 0, Qt.AlignmentFlag.AlignCenter)
        self.card = card
        self.hide()

    def ask(self, seconds: int) -> None:
        self.remaining = seconds
        self.setGeometry(self.parentWidget().rect())
        self._show_count()
        self.card.setFixedWidth(900)   # wrap first, then take the height the wrapped text needs
        self.card.setFixedHeight(self.card.layout().heightForWidth(900) if self.card.layout().hasHeightForWidth()
                                 else self.card.sizeHint().height())
        self.card.move((self.width() - 900) // 2, (self.height() - self.card.height()) // 2)
        self.show()
        self.raise_()
        self.tick.start()

    def dismiss(self) -> None:
        self.tick.stop()
        self.hide()

    def _answer(self) -> None:
        self.dismiss()
        self.answered.emit()

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.dismiss()
            self.expired.emit()
        else:
            self._show_count()

    def _show_count(self) -> None:
        self.question.setText(self.tr("Are you still there?"))
        self.countdown.setText(self.tr("The screen starts afresh in %n second(s) and your design is deleted.", "",
                                       self.remaining))
        self.yes.setText(self.tr("Yes, I am still here"))
