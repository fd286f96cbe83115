"""Fingers on the 3D view: one finger turns, two fingers pinch to zoom and move to pan, a tap picks.

The moves are the configurator's turntable (:class:`~app.ui.view.camera.TurntableCamera`,
the scene's ``camera_control``): a horizontal swipe turns the furniture about the
vertical axis, a vertical one tilts it, within the turntable's limits, so the view
never rolls and never goes below the floor; a pinch zooms towards the point
between the fingers.  Qt delivers touch points to the view once it accepts touch
events (``WA_AcceptTouchEvents``); they are accepted here, so Qt does not also
synthesise mouse events from them.  The mouse drives the same turntable
(:meth:`~app.ui.view.scene.SceneView.use_turntable_mouse`, installed by the editor
page), never VTK's tumbling trackball.  A short touch that hardly moves, or a mouse
click, is a tap: ``tapped(x, y)`` in widget coordinates.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal

from app.ui.view.camera import TurntableCamera

DEGREES_PER_PIXEL = 0.35    # a swipe across a 1200 px view turns the furniture a bit more than once
TAP_SLOP = 12.0             # px a finger may wander and still tap


class TouchOrbit(QObject):
    tapped = Signal(float, float)
    touched = Signal()       # any touch on the view (the idle timer listens to the app anyway)

    def __init__(self, plotter, control: TurntableCamera, parent: QObject | None = None):
        super().__init__(parent or plotter)
        self.plotter = plotter
        self.control = control
        plotter.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        plotter.installEventFilter(self)
        self._last: list[QPointF] = []
        self._start: QPointF | None = None
        self._travel = 0.0
        self._press: QPointF | None = None

    # ------------------------------------------------------------------ camera moves (widget pixels)
    def orbit(self, dx: float, dy: float) -> None:
        """A finger moved by (dx, dy) widget pixels: right turns the furniture right, down shows more
        of its top (as the mouse does)."""
        self.control.orbit(dx * DEGREES_PER_PIXEL, dy * DEGREES_PER_PIXEL)

    def zoom(self, factor: float, at: QPointF | None = None) -> None:
        """Closer by ``factor`` (> 1), keeping what is under ``at`` (widget pixels) where it is."""
        self.control.zoom(factor, at=self._display(at) if at is not None else None)

    def pan(self, dx: float, dy: float) -> None:
        """The furniture follows two fingers moving together (Qt's y grows downwards, VTK's upwards)."""
        self.control.pan(dx * self._ratio(), -dy * self._ratio())

    def _ratio(self) -> float:
        return float(self.plotter.devicePixelRatioF())

    def _display(self, point: QPointF) -> tuple[float, float]:
        """A widget point as VTK display pixels (from the bottom left, in device pixels)."""
        ratio = self._ratio()
        return point.x() * ratio, (self.plotter.height() - point.y()) * ratio

    # ------------------------------------------------------------------ events
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            self._touch(event)
            event.accept()
            return True
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton \
                and self._press is not None:
            if (event.position() - self._press).manhattanLength() <= TAP_SLOP:
                self.tapped.emit(event.position().x(), event.position().y())
            self._press = None
        return False

    def _touch(self, event) -> None:
        self.touched.emit()
        points = [p.position() for p in event.points()
                  if p.state() != p.State.Released] if event.type() != QEvent.Type.TouchEnd else []
        if event.type() == QEvent.Type.TouchBegin:
            self._start = event.points()[0].position()
            self._travel = 0.0
        if event.type() in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            ended = event.points()[0].position() if event.points() else None
            if event.type() == QEvent.Type.TouchEnd and self._start is not None and ended is not None \
                    and self._travel <= TAP_SLOP and len(event.points()) == 1:
                self.tapped.emit(ended.x(), ended.y())
            self._last, self._start = [], None
            return
        if len(points) == 1 and len(self._last) == 1:
            delta = points[0] - self._last[0]
            self._travel += abs(delta.x()) + abs(delta.y())
            if self._travel > TAP_SLOP:
                self.orbit(delta.x(), delta.y())
        elif len(points) >= 2 and len(self._last) >= 2:
            self._travel = TAP_SLOP + 1   # two fingers never tap
            before = _distance(self._last[0], self._last[1])
            after = _distance(points[0], points[1])
            if before > 1 and after > 1:
                self.zoom(after / before, _middle(points[0], points[1]))
            moved = _middle(points[0], points[1]) - _middle(self._last[0], self._last[1])
            if moved.x() or moved.y():
                self.pan(moved.x(), moved.y())
        self._last = points[:2]


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def _middle(a: QPointF, b: QPointF) -> QPointF:
    return QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
