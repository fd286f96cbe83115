"""The product-viewer camera (issue 14, item 7): turntable orbit, floor, zoom to the cursor, reset, elevations.

Mouse drags are real Qt mouse events sent to the configurator's 3D view, which the
turntable style turns into camera moves; the assertions are on the VTK camera.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.domain.design.presets import design_from_preset
from app.ui.view.camera import TurntableCamera
from tests.ui.conftest import display_position

pytestmark = pytest.mark.gui


def drag(view, start, moves, button=Qt.LeftButton, modifiers=Qt.NoModifier) -> None:
    """Press at ``start``, move through ``moves`` (widget points), release at the last one."""
    def send(kind, point, buttons):
        event = QMouseEvent(kind, QPointF(*point), view.mapToGlobal(QPointF(*point)), button, buttons, modifiers)
        QApplication.sendEvent(view, event)

    send(QMouseEvent.MouseButtonPress, start, button)
    for point in moves:
        send(QMouseEvent.MouseMove, point, button)
    send(QMouseEvent.MouseButtonRelease, moves[-1] if moves else start, Qt.NoButton)
    QApplication.processEvents()


def right_vector(camera) -> np.ndarray:
    forward = np.subtract(camera.focal_point, camera.position)
    right = np.cross(forward, camera.up)
    return right / np.linalg.norm(right)


def elevation(camera) -> float:
    offset = np.subtract(camera.position, camera.focal_point)
    return math.degrees(math.asin(offset[2] / np.linalg.norm(offset)))


def azimuth(camera) -> float:
    offset = np.subtract(camera.position, camera.focal_point)
    return math.degrees(math.atan2(offset[1], offset[0]))


@pytest.fixture
def sideboard_window(make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.document.select(None)
    return window


def test_a_horizontal_drag_turns_the_furniture_about_the_vertical_and_never_rolls_it(sideboard_window):
    window = sideboard_window
    camera = window.plotter.camera
    before_az, before_el = azimuth(camera), elevation(camera)
    cx, cy = window.plotter.width() // 2, 40          # empty space above the furniture: no module under it
    drag(window.plotter, (cx, cy), [(cx + 20 * i, cy) for i in range(1, 16)])
    turned = (before_az - azimuth(camera) + 540) % 360 - 180
    assert turned == pytest.approx(300 * 0.35, abs=1.0)           # 0.35 degrees a pixel, about Z only
    assert elevation(camera) == pytest.approx(before_el, abs=1e-6)
    np.testing.assert_allclose(camera.up, (0, 0, 1))
    assert abs(right_vector(camera)[2]) < 1e-9                    # the horizon stays level: no roll
    # A diagonal scribble in every direction still leaves the horizon level.
    drag(window.plotter, (cx, cy), [(cx + 37 * i % 300, cy + (23 * i) % 200) for i in range(1, 30)])
    assert abs(right_vector(camera)[2]) < 1e-9
    np.testing.assert_allclose(camera.up, (0, 0, 1))


def test_dragging_down_as_far_as_the_mouse_goes_never_takes_the_camera_below_the_floor(sideboard_window):
    window = sideboard_window
    camera = window.plotter.camera
    cx = window.plotter.width() // 2
    drag(window.plotter, (cx, 10), [(cx, 10 + 25 * i) for i in range(1, 40)])   # pulls the view under
    control = window.scene.camera_control
    assert camera.position[2] >= control.floor_z + control.min_height - 1e-6
    assert elevation(camera) >= control.min_elevation - 1e-6
    drag(window.plotter, (cx, 600), [(cx, 600 - 25 * i) for i in range(1, 40)])  # and over the top
    assert elevation(camera) <= control.max_elevation + 1e-6
    # Panning down and zooming out do not sink it either.
    for _ in range(5):
        control.pan(0, 400)
        control.zoom(0.6)
    assert camera.position[2] >= control.floor_z + control.min_height - 1e-6


def test_the_wheel_zooms_towards_the_point_under_the_cursor(sideboard_window):
    window = sideboard_window
    scene, camera = window.scene, window.plotter.camera
    lo, hi = scene.layout.state("c3").world_bounds
    target = (lo + hi) / 2
    before = display_position(window, target)
    distance = np.linalg.norm(np.subtract(camera.position, camera.focal_point))
    point = QPointF(*before)
    wheel = QWheelEvent(point, window.plotter.mapToGlobal(point), QPoint(0, 0), QPoint(0, 120), Qt.NoButton,
                        Qt.NoModifier, Qt.ScrollUpdate, False)
    QApplication.sendEvent(window.plotter, wheel)
    QApplication.processEvents()
    assert np.linalg.norm(np.subtract(camera.position, camera.focal_point)) < distance * 0.9
    after = display_position(window, target)
    # The cabinet under the cursor stays under it (its middle lies a little off the focal plane).
    assert math.dist(before, after) < 12


def test_reset_brings_back_the_three_quarter_view_of_everything(sideboard_window):
    window = sideboard_window
    camera = window.plotter.camera
    window.act_views["iso"].trigger()
    home = (camera.position, camera.focal_point)
    window.scene.camera_control.rotate(70)
    window.scene.camera_control.zoom(2.0)
    assert not np.allclose(camera.position, home[0])
    window.view_toolbar.act_reset.trigger()
    np.testing.assert_allclose(camera.position, home[0], atol=1e-6)
    np.testing.assert_allclose(camera.focal_point, home[1], atol=1e-6)
    assert not camera.parallel_projection


def test_front_side_and_top_are_orthographic_elevations_with_dimensions_per_unit_and_opening(sideboard_window):
    window = sideboard_window
    scene, camera = window.scene, window.plotter.camera
    window.act_views["front"].trigger()
    assert camera.parallel_projection
    dims = scene.elevation
    units = [t for t, k in zip(scene.elevation_texts, dims.kinds) if k == "unit"]
    assert units == ["600 mm"] * 3                     # each cabinet's width, left to right
    overall = [t for t, k in zip(scene.elevation_texts, dims.kinds) if k == "overall"]
    assert overall == ["1800 mm", "845 mm"]            # plinth 100 + cabinet 720 + top 25
    openings = [t for t, k in zip(scene.elevation_texts, dims.kinds) if k == "opening"]
    # c1 and c3: 720 mm carcass, 18 mm panels, an opening of 684 from z 18; the 18 mm shelf at height h
    # leaves h - 18 below and 684 - (h - 18) - 18 above.  c2's three drawers fill it.
    h = window.document.design.get("c1s1").position[2]
    below, above = h - 18, 684 - (h - 18) - 18
    assert sorted(openings) == sorted([f"{below:.0f} mm", f"{above:.0f} mm"] * 2)
    assert not any(a.GetVisibility() for a in scene._dimensions.actors())   # the 3D lines give way
    window.act_views["side"].trigger()
    assert camera.parallel_projection and "845 mm" in scene.elevation_texts
    window.act_views["top"].trigger()
    assert camera.parallel_projection and scene.elevation_texts.count("600 mm") == 3
    # Turning an elevation makes it a perspective view again, its dimensions go.
    scene.camera_control.rotate(30)
    assert not camera.parallel_projection and scene.elevation_texts == []
    assert any(a.GetVisibility() for a in scene._dimensions.actors())


def test_the_turntable_entry_points_work_on_any_renderer(offscreen_scene, catalog):
    """The kiosk reuses the class: rotate(dx), zoom(factor), reset() without a window."""
    scene = offscreen_scene
    scene.show_design(catalog, design_from_preset(catalog, "bookcase"))
    control = TurntableCamera(scene.plotter.renderer, on_reset=lambda: scene.set_view("iso"))
    camera = scene.plotter.camera
    home = camera.position
    control.rotate(45)
    assert azimuth(camera) != pytest.approx(math.degrees(math.atan2(home[1], home[0])))
    control.zoom(1.5)
    control.reset()
    np.testing.assert_allclose(camera.position, home, atol=1e-6)


def test_a_double_click_does_not_bring_back_the_tumbling_trackball(sideboard_window):
    """pyvista answers a double click by putting its own interactor style back; the view's stays."""
    window = sideboard_window
    view = window.plotter
    style = view.iren.interactor.GetInteractorStyle()
    cx, cy = view.width() // 2, 40
    point = QPointF(cx, cy)
    for kind in (QMouseEvent.MouseButtonPress, QMouseEvent.MouseButtonRelease, QMouseEvent.MouseButtonDblClick,
                 QMouseEvent.MouseButtonRelease):
        buttons = Qt.NoButton if kind == QMouseEvent.MouseButtonRelease else Qt.LeftButton
        QApplication.sendEvent(view, QMouseEvent(kind, point, view.mapToGlobal(point), Qt.LeftButton, buttons,
                                                 Qt.NoModifier))
    QApplication.processEvents()
    assert view.iren.interactor.GetInteractorStyle() is style
    drag(view, (cx, cy), [(cx + 37 * i % 300, cy + (23 * i) % 200) for i in range(1, 30)])
    assert abs(right_vector(view.camera)[2]) < 1e-9
    np.testing.assert_allclose(view.camera.up, (0, 0, 1))
