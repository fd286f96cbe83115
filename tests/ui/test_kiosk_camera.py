"""The kiosk's 3D view turns like a turntable (issue 15 item 2), by finger and by mouse.

One finger turns (horizontal: about the vertical axis, vertical: tilt), two
fingers pinch to zoom towards the point between them; neither ever rolls the
furniture (the camera's up stays the room's vertical, its right vector level)
nor takes the camera below the floor.  The reset-view button brings back the
framing a fresh start has.  The attract mode, over a simulated minute, only
turns about the vertical, at one elevation, within the front half.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.ui.kiosk.attract import FRAMES_PER_SECOND
from tests.ui.kiosk_helpers import open_kiosk, pinch, swipe, tap


@pytest.fixture
def device(qapp):
    return QTest.createTouchDevice()


@pytest.fixture
def kiosk(qtbot, catalog, tmp_path):
    return open_kiosk(qtbot, catalog, tmp_path)


def _pose(camera) -> np.ndarray:
    return np.array([*camera.position, *camera.focal_point, *camera.up])


def _assert_upright_above_floor(camera, where: str) -> None:
    position, focal, up = (np.array(v) for v in (camera.position, camera.focal_point, camera.up))
    assert up == pytest.approx((0.0, 0.0, 1.0), abs=1e-9), where
    right = np.cross(focal - position, up)
    assert right[2] == pytest.approx(0.0, abs=1e-6 * np.linalg.norm(right)), where   # no roll
    assert position[2] > 0.0, where                          # above the floor (z = 0)
    assert position[2] > focal[2], where                     # looking down at it, never up from under it


def _elevation(camera) -> float:
    offset = np.subtract(camera.position, camera.focal_point)
    return math.degrees(math.asin(offset[2] / np.linalg.norm(offset)))


def _open_bookcase(window, qtbot, device):
    tap(device, window.welcome.cards["bookcase"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    return window.editor.plotter.camera


def test_swipes_turn_about_the_vertical_never_roll_and_never_sink(qtbot, kiosk, device):
    camera = _open_bookcase(kiosk, qtbot, device)
    view = kiosk.editor.plotter
    centre = view.rect().center()
    fresh = _pose(camera)
    elevation = _elevation(camera)
    # A horizontal swipe turns about the vertical: same height, same distance, another direction.
    swipe(device, view, centre, centre + QPoint(300, 0))
    _assert_upright_above_floor(camera, "right")
    assert camera.position[2] == pytest.approx(fresh[2], abs=1e-6)
    assert _elevation(camera) == pytest.approx(elevation, abs=1e-6)
    assert not np.allclose(camera.position, fresh[:3])
    for name, move in [("left", QPoint(-400, 0)), ("up", QPoint(0, -300)), ("diagonal", QPoint(250, 250)),
                       ("down-left", QPoint(-200, 300))]:
        swipe(device, view, centre, centre + move)
        _assert_upright_above_floor(camera, name)
    # Swiping up tilts down to the side view, but never below the turntable's lowest elevation.
    for _ in range(4):
        swipe(device, view, centre + QPoint(0, 300), centre - QPoint(0, 300))
        _assert_upright_above_floor(camera, "far up")
    control = kiosk.editor.scene.camera_control
    assert _elevation(camera) == pytest.approx(control.min_elevation, abs=0.5)
    # Swiping down looks from above, stopping short of straight down (the view would flip).
    for _ in range(4):
        swipe(device, view, centre - QPoint(0, 300), centre + QPoint(0, 300))
        _assert_upright_above_floor(camera, "far down")
    assert _elevation(camera) == pytest.approx(control.max_elevation, abs=0.5)


def test_mouse_drags_turn_the_same_turntable(qtbot, kiosk, device):
    camera = _open_bookcase(kiosk, qtbot, device)
    view = kiosk.editor.plotter
    centre = view.rect().center()
    before = _pose(camera)
    for end in (centre + QPoint(300, 0), centre + QPoint(-100, 400), centre + QPoint(200, -400)):
        QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        for i in range(1, 9):
            QTest.mouseMove(view, centre + (end - centre) * i / 8)
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        _assert_upright_above_floor(camera, f"mouse to {end}")
    assert not np.allclose(_pose(camera), before)   # the drags did turn it (with VTK's style they would roll)


def test_pinch_zooms_towards_the_fingers_and_reset_restores_the_fresh_framing(qtbot, kiosk, device):
    camera = _open_bookcase(kiosk, qtbot, device)
    editor = kiosk.editor
    view, renderer = editor.plotter, editor.plotter.renderer
    fresh = _pose(camera)
    distance = camera.distance
    # Between the fingers, off the middle: what is there stays under the fingers.
    centre = view.rect().center() + QPoint(-150, 80)
    ratio = view.devicePixelRatioF()
    display = (centre.x() * ratio, (view.height() - centre.y()) * ratio)
    anchor = editor.scene.camera_control._focal_plane_point(display)
    pinch(device, view, centre, 120, 360)
    assert camera.distance < distance * 0.6
    _assert_upright_above_floor(camera, "pinch")
    renderer.SetWorldPoint(*anchor, 1.0)
    renderer.WorldToDisplay()
    x, y, _z = renderer.GetDisplayPoint()
    assert (x, y) == pytest.approx(display, abs=3.0)
    # Pinching out again zooms back out.
    closer = camera.distance
    pinch(device, view, view.rect().center(), 360, 120)
    assert camera.distance > closer * 1.5
    # The big reset button, touch-sized, in the customer's language, frames it as a fresh start.
    swipe(device, view, view.rect().center(), view.rect().center() + QPoint(250, 150))
    assert not np.allclose(_pose(camera), fresh)
    button = editor.reset_view
    assert button.isVisible() and min(button.width(), button.height()) >= 48
    assert button.text() == "⟲ Reset view"
    tap(device, button)
    assert _pose(camera) == pytest.approx(fresh, rel=1e-6, abs=1e-6)
    kiosk.set_language("sv")
    assert editor.reset_view.text() == "⟲ Återställ vyn"
    kiosk.set_language("zh_CN")
    assert editor.reset_view.text() == "⟲ 重置视图"


def test_the_attract_mode_sweeps_the_front_half_upright_for_a_minute(qtbot, kiosk):
    attract = kiosk.attract
    seen = []
    for _turn in range(2):   # the presets take turns: a tall one and a long one
        kiosk.show_page(attract)
        attract.stop()            # frames by hand: a minute of simulated time, not of waiting
        camera = attract.plotter.camera
        elevation = _elevation(camera)
        focal = np.array(camera.focal_point)
        azimuths = []
        for _ in range(60 * FRAMES_PER_SECOND):
            attract.turn()
            _assert_upright_above_floor(camera, f"frame {attract.frames}")
            offset = np.subtract(camera.position, camera.focal_point)
            assert offset[1] < 0, "the camera stays in front of the furniture"
            azimuth = math.degrees(math.atan2(offset[1], offset[0]))
            assert abs(azimuth - -90.0) <= 70.0
            assert _elevation(camera) == pytest.approx(elevation, abs=1e-6)   # no rocking, no tilting
            assert np.array(camera.focal_point) == pytest.approx(focal, abs=1e-6)
            azimuths.append(azimuth)
        steps = np.diff(azimuths)
        assert np.max(np.abs(steps)) <= 2.5   # slow: at most 2.5 degrees a frame, 7.5 a second
        assert max(azimuths) - min(azimuths) > 90   # it does turn, both ways
        assert (steps > 0).any() and (steps < 0).any()
        seen.append(attract.scene.design.name)
        kiosk.show_page(kiosk.welcome)
    assert seen[0] != seen[1]
