"""Fixtures for the UI tests: real catalog, real meshes, real widgets under Xvfb.

The shared ``catalog`` and ``catalog_copy`` fixtures come from tests/conftest.py.
Every test that makes a QtInteractor must close it; the autouse check below fails
the test when one outlives it (an unclosed interactor crashes at interpreter exit,
pyvistaqt #846).
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_API", "pyside6")  # before pyvistaqt is imported anywhere

import pytest


@pytest.fixture(autouse=True)
def _no_open_interactors(request):
    yield
    if "qtbot" not in request.fixturenames:
        return
    from pyvistaqt import QtInteractor

    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, QtInteractor) and not getattr(o, "_closed", True)]
    for plotter in alive:  # close them so one leak does not cascade into later tests
        plotter.close()
    assert not alive, f"{len(alive)} QtInteractor(s) left open by the test"


@pytest.fixture
def open_window(qtbot):
    """Open a CatalogWindow on a catalog; closed (plotter included) at teardown."""
    from app.ui.configurator.catalog_window import CatalogWindow

    windows = []

    def _open(catalog, **kwargs):
        window = CatalogWindow(catalog, **kwargs)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield _open
    for window in windows:
        window.close()


@pytest.fixture
def window(open_window, catalog):
    return open_window(catalog)


@pytest.fixture
def offscreen_scene():
    """A SceneView on an offscreen pv.Plotter (no widget), closed at teardown."""
    import pyvista as pv

    from app.ui.view.scene import SceneView

    plotter = pv.Plotter(off_screen=True, window_size=(400, 300))
    scene = SceneView(plotter)
    yield scene
    scene.close()
    plotter.close()


@pytest.fixture
def make_window(qtbot, catalog):
    """Open ConfiguratorWindows: shown, active (keys reach them), closed without questions at teardown."""
    from app.ui.configurator.window import ConfiguratorWindow

    windows = []

    def make(design=None, path=None):
        window = ConfiguratorWindow(catalog, design=design, path=path)
        # pytest-qt closes its widgets before fixtures tear down: nothing may be left to ask about.
        qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.set_clean())
        window.resize(1280, 860)
        window.show()
        qtbot.waitExposed(window)
        # Xvfb has no window manager to activate a new window: keys would go nowhere.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.isVisible():
            window.document.undo_stack.set_clean()  # nothing to ask about at teardown
            window.close()


def body_bounds(window, module_id):
    """(min, max) of a module's body actor in the room, as drawn."""
    import numpy as np

    b = window.scene.actors(module_id)[0].GetBounds()
    return np.array([b[0], b[2], b[4]]), np.array([b[1], b[3], b[5]])


def display_position(window, point) -> tuple[float, float]:
    """Where a room point appears in the view widget, in Qt logical pixels."""
    renderer = window.plotter.renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    dpr = window.plotter.devicePixelRatioF()
    return x / dpr, window.plotter.height() - y / dpr


def module_on_screen(window, module_id) -> tuple[float, float]:
    """Where the middle of a module's box appears in the view widget, in Qt logical pixels."""
    lo, hi = window.scene.layout.state(module_id).world_bounds
    return display_position(window, (lo + hi) / 2)
