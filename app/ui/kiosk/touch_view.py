"""Fingers on the 3D view: one finger orbits, two fingers pinch to zoom and move to pan, a tap picks.

Qt delivers touch points to the view once it accepts touch events
(``WA_AcceptTouchEvents``); this filter turns them into VTK camera moves
(``Azimuth``/``Elevation`` about the focal point, ``Dolly`` for the pinch,
focal point and position shifted together for the pan) and asks for one
repaint with ``QOpenGLWidget.update`` (see the rendering notes).  Touch events
are accepted, so Qt does not also synthesise mouse events from them.  A short
touch that hardly moves, or a mouse click, is a tap: ``tapped(x, y)`` in
widget coordinates.  The mouse keeps VTK's own orbit for staff with a mouse.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtOpenGLWidgets import QOpenGLWidget

DEGREES_PER_PIXEL = 0.35    # a swipe across a 1200 px view turns the furniture a bit more than once
MAX_ELEVATION = 80.0        # never over the top: the view would flip
TAP_SLOP = 12.0             # px a finger may wander and still tap


class TouchOrbit(QObject):
    tapped = Signal(float, float)
    touched = Signal()       # any touch on the view (the idle timer listens to the app anyway)

    def __init__(self, plotter, parent: QObject | None = None):
        super().__init__(parent or plotter)
        self.plotter = plotter
        plotter.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        plotter.installEventFilter(self)
        self._last: list[QPointF] = []
        self._start: QPointF | None = None
        self._travel = 0.0
        self._press: QPointF | None = None

    # ------------------------------------------------------------------ camera moves (also used by tests)
    def orbit(self, dx: float, dy: float) -> None:
        camera = self.plotter.camera
        camera.Azimuth(-dx * DEGREES_PER_PIXEL)
        direction = np.subtract(camera.position, camera.focal_point)
        elevation = math.degrees(math.asin(direction[2] / max(np.linalg.norm(direction), 1e-9)))
        wanted = max(-MAX_ELEVATION, min(MAX_ELEVATION, elevation + dy * DEGREES_PER_PIXEL))
        camera.Elevation(wanted - elevation)
        camera.OrthogonalizeViewUp()
        self._changed()

    def zoom(self, factor: float) -> None:
        if factor > 0:
            self.plotter.camera.Dolly(factor)
            self._changed()

    def pan(self, dx: float, dy: float) -> None:
        camera = self.plotter.camera
        position, focal = np.array(camera.position), np.array(camera.focal_point)
        forward = focal - position
        distance = np.linalg.norm(forward)
        up = np.array(camera.up)
        right = np.cross(forward / distance, up)
        height = max(self.plotter.height(), 1)
        per_pixel = 2 * distance * math.tan(math.radians(camera.view_angle) / 2) / height
        shift = (-dx * right + dy * up) * per_pixel
        camera.position, camera.focal_point = tuple(position + shift), tuple(focal + shift)
        self._changed()

    def _changed(self) -> None:
        self.plotter.renderer.ResetCameraClippingRange()
        QOpenGLWidget.update(self.plotter)

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
                self.zoom(after / before)
            moved = _middle(points[0], points[1]) - _middle(self._last[0], self._last[1])
            self.pan(moved.x(), moved.y())
        self._last = points[:2]


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def _middle(a: QPointF, b: QPointF) -> QPointF:
    return QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
