"""Drag a scroll area's contents with a finger, buttons and all, without losing taps.

A customer drags a list the way a phone taught them: anywhere on it, over the
buttons too.  :class:`DragScroll` watches the presses inside the scroll area: a
press that stays within :data:`SLOP_PX` is left alone and ends as the tap it
was; once it moves further vertically it becomes a drag that scrolls the area,
and the button under the finger is let go outside itself, so it is not clicked.
(Qt's ``QScroller`` was tried: it holds every press back until it knows whether
it is a drag, so a quick tap on a stepper did nothing.)

Touch screens deliver the finger as mouse events Qt synthesises from the touch
(the panel's widgets take no touch events), so one filter serves mouse and touch.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

SLOP_PX = 14   # a finger's wobble during a tap; beyond it the press is a drag


class DragScroll(QObject):
    """Scrolls ``area`` vertically when a press inside it is dragged."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area
        self._start: QPointF | None = None   # global position of the press
        self._start_value = 0
        self._dragging = False
        self._pressed: QWidget | None = None
        self._press_time = -1
        self._letting_go = False   # our own release to the button passes the filter untouched
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        area.destroyed.connect(self._detach)

    @property
    def dragging(self) -> bool:
        return self._dragging

    def _detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _inside(self, obj: QObject) -> bool:
        viewport = self.area.viewport()
        return isinstance(obj, QWidget) and (obj is viewport or viewport.isAncestorOf(obj))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return False
        assert isinstance(event, QMouseEvent)
        if kind == QEvent.Type.MouseButtonPress:
            # A press a label ignores goes on to its parents: the first widget it reached is the pressed one.
            first = self._start is None or event.timestamp() != self._press_time
            if event.button() == Qt.MouseButton.LeftButton and self._inside(obj) and first:
                self._start, self._pressed = event.globalPosition(), obj if isinstance(obj, QWidget) else None
                self._press_time = event.timestamp()
                self._start_value = self.area.verticalScrollBar().value()
                self._dragging = False
            return False
        if self._start is None or not self._inside(obj) or self._letting_go:
            return False
        dy = event.globalPosition().y() - self._start.y()
        if kind == QEvent.Type.MouseMove:
            if not self._dragging and abs(dy) > SLOP_PX:
                self._dragging = True
                self._let_go(self._pressed)
            if self._dragging:
                self.area.verticalScrollBar().setValue(round(self._start_value - dy))
                return True
            return False
        # The release: a drag ends here, and its release must not reach a button as a click.
        dragging, self._dragging, self._start, self._pressed = self._dragging, False, None, None
        return dragging

    def _let_go(self, obj: QObject | None) -> None:
        """Release the pressed button outside itself: it pops up and does not click."""
        if isinstance(obj, QAbstractButton):
            outside = QPointF(-10_000, -10_000)
            release = QMouseEvent(QEvent.Type.MouseButtonRelease, outside, outside, Qt.MouseButton.LeftButton,
                                  Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
            self._letting_go = True
            try:
                QApplication.sendEvent(obj, release)
            finally:
                self._letting_go = False
