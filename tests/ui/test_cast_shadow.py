"""The key light's cast shadow on the high-quality path: polygons worked out by hand, painted where they fall."""

from __future__ import annotations

import numpy as np
import pytest

from app.ui.view import cast_shadow
from app.ui.view.high_quality import KEY_DIRECTION

# A light travelling 0.6 right, 1.2 into the wall and 1.6 down for each unit of its length.
LIGHT = np.array([0.6, 1.2, -1.6]) / np.linalg.norm([0.6, 1.2, -1.6])
BOX = np.array([[0.0, -500.0, 0.0, 1000.0, 0.0, 800.0]])   # 1 m wide, 500 deep, 800 high, against the wall y = 0


def as_set(polygon) -> set[tuple[float, float]]:
    return {(round(float(u), 1), round(float(v), 1)) for u, v in polygon}


def test_the_key_light_is_the_one_worked_out_here():
    assert np.allclose(KEY_DIRECTION, LIGHT)


def test_floor_shadow_of_a_box_by_hand():
    # A top corner at height 800 lands 800 x 0.6/1.6 = 300 right and 800 x 1.2/1.6 = 600 back; the
    # bottom corners stay.  The hull: the front edge, out to the top corners' shadows, back to the wall
    # corner (0, 0); the top front-left corner's shadow (300, 100) lies inside.  Beyond y = 0 it falls
    # behind the wall, where the floor's image ends.
    (polygon,) = cast_shadow.floor_polygons(BOX, LIGHT, 0.0)
    assert as_set(polygon) == {(0.0, -500.0), (1000.0, -500.0), (1300.0, 100.0), (1300.0, 600.0), (300.0, 600.0),
                               (0.0, 0.0)}


def test_wall_shadow_of_a_box_by_hand():
    # A front corner 500 from the wall lands 500 x 0.6/1.2 = 250 right and 500 x 1.6/1.2 = 666.7 lower.
    (polygon,) = cast_shadow.wall_polygons(BOX, LIGHT, 0.0)
    assert as_set(polygon) == {(0.0, 0.0), (0.0, 800.0), (1000.0, 800.0), (1250.0, 133.3), (1250.0, -666.7),
                               (250.0, -666.7)}


def test_the_painted_wall_shadow_falls_right_of_the_box_not_left():
    extent = (-500.0, 0.0, 2000.0, 1200.0)          # x along the wall, z up (mm)
    alpha = cast_shadow.shadow_alpha(cast_shadow.wall_polygons(BOX, LIGHT, 0.0), extent, 500, blur_mm=10.0)
    per_mm = 500 / 2500.0

    def at(x: float, z: float) -> float:
        return float(alpha[int((1200.0 - z) * per_mm), int((x + 500.0) * per_mm)])

    # (1100, 300) lies inside: the hull's edge from (1000, 800) to (1250, 133.3) passes x = 1187.5 there.
    assert at(1100.0, 300.0) == pytest.approx(cast_shadow.STRENGTH, abs=0.02)
    assert at(1400.0, 300.0) == pytest.approx(0.0, abs=0.01)   # beyond the shadow's reach
    assert at(-100.0, 300.0) == pytest.approx(0.0, abs=0.01)   # the lit side: the light comes from the left
    assert at(500.0, 1000.0) == pytest.approx(0.0, abs=0.01)   # above the box


def test_the_high_quality_path_paints_the_cast_shadow_into_the_room(catalog):
    """prepare() puts the key light's shadow on the scene's floor and wall textures; the live view has none."""
    import pyvista as pv

    from app.domain.design.presets import design_from_preset
    from app.ui.view.high_quality import prepare
    from app.ui.view.scene import SceneView

    plotter = pv.Plotter(off_screen=True, window_size=(400, 300))
    scene = SceneView(plotter)
    try:
        scene.show_design(catalog, design_from_preset(catalog, "tv_bench"), reset_camera=True)
        assert scene.shadow.cast_direction is None
        live = np.asarray(scene.room.back.texture.to_array()).copy()
        prepare(plotter, scene.body_bounds(), scene.shadow)
        assert np.allclose(scene.shadow.cast_direction, LIGHT)
        cast = np.asarray(scene.room.back.texture.to_array())
        # The cast shadow's image reaches further (right of the furniture) and is darker somewhere.
        _u0, _v0, u1, _v1 = scene.shadow.extents["wall"]
        bounds = scene.body_bounds()
        assert u1 > float(bounds[1][0]) + 300.0
        assert cast.min() < live.min() - 40
    finally:
        scene.close()
        plotter.close()
