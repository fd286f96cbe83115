"""The attract mode: while nobody is at the kiosk, a preset turns slowly on the screen.

It turns like a turntable (the configurator's :class:`~app.ui.view.camera.TurntableCamera`):
about the vertical axis only, at one fixed elevation, upright, and only over the
front half: the view sweeps slowly back and forth within :data:`SWEEP_DEGREES` of
straight in front (a smooth sine, one sweep there and back every
:data:`SWEEP_PERIOD_S`), so the customer never watches the furniture's back or
sees it rock.  The camera stands far enough back for the furniture to fit at
every angle of the sweep.

A few frames a second is plenty for a slow turn and keeps the CPU nearly idle
under software OpenGL (bench/bench_kiosk.py measures it); the timer runs only
while the page is shown.  Any touch wakes the kiosk to the welcome screen.
"""

from __future__ import annotations

import math
import os

import numpy as np

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pyvistaqt import QtInteractor

from app.domain.catalog.catalog import Catalog
from app.domain.design.presets import design_from_preset
from app.ui.view.camera import VIEWS, fit_camera
from app.ui.view.scene import SceneView

FRAMES_PER_SECOND = 3       # a slow turn needs no more; each frame is a full-screen render
SWEEP_DEGREES = 60.0        # each side of straight in front: the sides show, never the back
SWEEP_PERIOD_S = 60.0       # there and back once a minute: at most about 6 degrees a second
FRONT_AZIMUTH = -90.0       # the camera straight in front (furniture faces -Y): turntable azimuth


class AttractPage(QWidget):
    woken = Signal()

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent, objectName="attract")
        self.catalog = catalog
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.plotter = QtInteractor(self, auto_update=False, multi_samples=0)
        self.plotter.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.plotter.installEventFilter(self)
        self.scene = SceneView(self.plotter)
        self.scene.set_dimensions_visible(False)
        # No FXAA pass: at 2 degrees a frame nobody sees the jaggies, and it is a quarter of the frame's cost
        # under software OpenGL (bench/bench_kiosk.py).
        self.plotter.disable_anti_aliasing()
        if self.scene.settled is not None:
            self.scene.settled.set_enabled(False)   # it turns all the time: never at rest
        column.addWidget(self.plotter, 1)
        self.banner = QLabel(objectName="attractBanner", alignment=Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet("background: #1F6FEB; color: white; font-size: 40px; font-weight: 700;"
                                  " padding: 36px;")
        column.addWidget(self.banner)
        self.timer = QTimer(self, interval=1000 // FRAMES_PER_SECOND)
        self.timer.timeout.connect(self.turn)
        self.frames = 0
        self._presets = list(catalog.presets)
        self._next = 0
        self._start_azimuth = FRONT_AZIMUTH

    def start(self) -> None:
        """Show the next preset (they take turns) and start turning it."""
        if self._presets:
            preset = self._presets[self._next % len(self._presets)]
            self._next += 1
            self.scene.show_design(self.catalog, design_from_preset(self.catalog, preset))
            self.scene.set_view("iso")
            self._stand_back()
        self.frames = 0
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def sweep_azimuth(self, frame: int) -> float:
        """The turntable azimuth of ``frame`` (degrees): a sine about the front, starting at the iso view."""
        start = math.asin(max(-1.0, min(1.0, (self._start_azimuth - FRONT_AZIMUTH) / SWEEP_DEGREES)))
        phase = start + 2 * math.pi * frame / (FRAMES_PER_SECOND * SWEEP_PERIOD_S)
        return FRONT_AZIMUTH + SWEEP_DEGREES * math.sin(phase)

    def _stand_back(self) -> None:
        """From the iso framing, back off far enough that the furniture fits at every angle of the sweep."""
        control = self.scene.camera_control
        self._start_azimuth = control.azimuth()
        bounds = self.scene.body_bounds()
        if bounds is None:
            return
        camera = self.plotter.camera
        elevation = math.radians(control.elevation())
        size = self.plotter.size()
        aspect = size.width() / max(size.height(), 1)
        lo, hi = np.asarray(bounds[0], dtype=float), np.asarray(bounds[1], dtype=float)
        distance = 0.0
        for k in range(-6, 7):
            a = math.radians(FRONT_AZIMUTH + SWEEP_DEGREES * k / 6)
            direction = (math.cos(elevation) * math.cos(a), math.cos(elevation) * math.sin(a), math.sin(elevation))
            pose = fit_camera(lo, hi, direction, VIEWS["front"][1], camera.view_angle, aspect)
            distance = max(distance, float(np.linalg.norm(np.subtract(pose.position, pose.focal_point))))
        focal = (lo + hi) / 2
        offset = np.subtract(camera.position, camera.focal_point)
        camera.focal_point = tuple(focal)
        camera.position = tuple(focal + offset / np.linalg.norm(offset) * distance)
        control.rotate(0.0)   # the turntable's own pose: view-up the room's vertical, above the floor

    def turn(self) -> None:
        """One frame of the sweep: a turn about the vertical only (the elevation stays)."""
        self.frames += 1
        control = self.scene.camera_control
        control.rotate(control.azimuth() - self.sweep_azimuth(self.frames))
        QOpenGLWidget.update(self.plotter)

    def retranslate(self) -> None:
        self.banner.setText(self.tr("Touch the screen to design your own furniture"))

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress):
            self.woken.emit()
            return True
        # The attract view is not for turning by hand.
        return event.type() in (QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.MouseButtonRelease,
                                QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.KeyPress)

    def mousePressEvent(self, event) -> None:
        self.woken.emit()

    def close_view(self) -> None:
        self.timer.stop()
        self.scene.close()
        self.plotter.close()
