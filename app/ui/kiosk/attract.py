"""The attract mode: while nobody is at the kiosk, a preset turns slowly on the screen.

A few frames a second is plenty for a slow turn and keeps the CPU nearly idle
under software OpenGL (bench/bench_kiosk.py measures it); the timer runs only
while the page is shown.  Any touch wakes the kiosk to the welcome screen.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pyvistaqt import QtInteractor

from app.domain.catalog.catalog import Catalog
from app.domain.design.presets import design_from_preset
from app.ui.view.scene import SceneView

FRAMES_PER_SECOND = 3       # a slow turn needs no more; each frame is a full-screen render
DEGREES_PER_SECOND = 6.0     # one turn a minute


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

    def start(self) -> None:
        """Show the next preset (they take turns) and start turning it."""
        if self._presets:
            preset = self._presets[self._next % len(self._presets)]
            self._next += 1
            self.scene.show_design(self.catalog, design_from_preset(self.catalog, preset))
            self.scene.set_view("iso")
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def turn(self) -> None:
        self.plotter.camera.Azimuth(DEGREES_PER_SECOND / FRAMES_PER_SECOND)
        self.frames += 1
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
