"""One sharper frame when the live view comes to rest: supersampled, where moving frames use FXAA.

FXAA smooths the edges a frame drew; it cannot mend what the frame never sampled.  A carcass's
front edge showing 2 mm beside a door, or two edge lines a millimetre apart (a door's top and the
carcass top's front edge), fall between pixels and come out as dotted seams.  VTK's SSAA pass
draws the frame larger and averages it down, and those seams come out solid, but under software
OpenGL it costs 3.6-4.0 FXAA frames (bench/bench_settled_frame.py, three presets), too much
for every frame of an orbit or a drag.  So the frames of a change use FXAA, and
:data:`SETTLE_MS` after the last one the view draws once more with SSAA; the first frame of the
next change goes back to FXAA before it is drawn (the render window's StartEvent).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import pyvista as pv
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtOpenGLWidgets import QOpenGLWidget

SETTLE_MS = 400   # after the last frame of a change: longer than the pause between two drags


def _weakly(method: Callable[[], None]) -> Callable[..., None]:
    """A VTK observer that calls ``method`` while its object lives, and does nothing after."""
    ref = weakref.WeakMethod(method)

    def observer(*_args) -> None:
        alive = ref()
        if alive is not None:
            alive()
    return observer


class SettledFrame:
    """Switches ``plotter`` (a QtInteractor) between FXAA while it changes and SSAA at rest."""

    def __init__(self, plotter: pv.BasePlotter, delay_ms: int = SETTLE_MS):
        self.plotter = plotter
        self.enabled = True
        self.sharp = False        # the SSAA pass is on: the frame on screen is the settled one
        self.settled_frames = 0   # how many settled frames were drawn (tests, benchmarks)
        self._settling = False    # the frame being drawn is the settled one
        self._timer = QTimer(interval=delay_ms, singleShot=True)
        self._timer.timeout.connect(self._settle)
        window = plotter.ren_win
        # VTK holds its observers: through weak references, so they do not keep this (and the widget) alive.
        self._observers = [window.AddObserver("StartEvent", _weakly(self._on_start)),
                           window.AddObserver("EndEvent", _weakly(self._on_end))]

    @property
    def pending(self) -> bool:
        """Whether a settled frame is waiting for the view to stay still."""
        return self._timer.isActive()

    @property
    def delay_ms(self) -> int:
        return self._timer.interval()

    def set_delay(self, ms: int) -> None:
        """How long the view must have been still before the settled frame is drawn."""
        self._timer.setInterval(int(ms))

    def set_enabled(self, on: bool) -> None:
        """Off: no settled frames (the attract mode draws without anti-aliasing at all)."""
        self.enabled = bool(on)
        if not self.enabled:
            self._timer.stop()
            if self.sharp:
                self._soft()

    def close(self) -> None:
        self._timer.stop()
        self.enabled = False
        window = self.plotter.ren_win if shiboken6.isValid(self.plotter) else None
        if window is not None:
            for tag in self._observers:
                window.RemoveObserver(tag)
        self._observers = []

    # ------------------------------------------------------------------ plumbing
    def _on_start(self) -> None:
        if self.sharp and not self._settling:
            self._soft()   # a change is being drawn: at FXAA's speed

    def _on_end(self) -> None:
        if self._settling:
            self._settling = False
            self.settled_frames += 1
            return
        if self.enabled:
            self._timer.start()   # restarted by every frame: fires once the view has come to rest

    def _settle(self) -> None:
        if not self.enabled or not shiboken6.isValid(self.plotter) or not self.plotter.isVisible():
            return
        renderer = self.plotter.renderer
        renderer.SetUseFXAA(False)
        renderer.enable_anti_aliasing("ssaa")
        self.sharp = self._settling = True
        QOpenGLWidget.update(self.plotter)

    def _soft(self) -> None:
        renderer = self.plotter.renderer
        renderer.disable_anti_aliasing()   # the SSAA pass goes (pyvista makes a new one next time)
        renderer.SetUseFXAA(True)          # directly: pyvista's "fxaa" means SSAA on EGL builds
        self.sharp = False
