"""The room in the view (issue 14, items 6 and 8): walls at the ceiling height entered, the contact shadow.

The real configurator: the room height typed into the room panel becomes one undo
step on the design, the walls are drawn that high, the door opening feeds its rule.
"""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from PySide6.QtWidgets import QApplication

from app.domain.design.commands import MoveModule, SetFinish
from app.domain.design.presets import design_from_preset
from app.ui.view.contact_shadow import shadow_image

pytestmark = pytest.mark.gui


def surface_box(actor) -> np.ndarray:
    return np.reshape(actor.GetBounds(), (3, 2))


def test_the_room_height_entered_in_the_window_raises_the_walls_and_is_one_undo_step(make_window, catalog):
    window = make_window(design_from_preset(catalog, "wardrobe"))
    scene, panel = window.scene, window.room_panel
    panel.height_box.setValue(2500)
    QApplication.processEvents()
    assert window.document.design.room_height == 2500
    back = surface_box(scene.room.back)
    assert back[2, 1] - back[2, 0] == pytest.approx(2500)      # floor to ceiling
    assert back[1, 0] == pytest.approx(back[1, 1])              # a flat wall ...
    lo, hi = scene.body_bounds()
    assert back[1, 0] >= hi[1]                                  # ... behind the furniture, which stands against it
    assert back[1, 0] - hi[1] < 2
    assert scene.room.ceiling.GetVisibility()
    floor = surface_box(scene.room.floor)
    assert floor[2, 1] <= lo[2] and floor[0, 0] < lo[0] and floor[0, 1] > hi[0]
    window.act_undo.trigger()
    assert window.document.design.room_height is None
    assert panel.height_box.value() == 0 and not scene.room.ceiling.GetVisibility()
    window.act_redo.trigger()
    assert panel.height_box.value() == 2500


def test_side_walls_on_request_stand_beyond_the_ends(make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    scene = window.scene
    assert not scene.room.left.GetVisibility()
    window.room_panel.side_walls.setChecked(True)
    lo, hi = scene.body_bounds()
    left, right = surface_box(scene.room.left), surface_box(scene.room.right)
    assert scene.room.left.GetVisibility() and scene.room.right.GetVisibility()
    assert left[0, 0] == pytest.approx(left[0, 1]) and left[0, 0] < lo[0]
    assert right[0, 0] > hi[0]


def test_a_door_too_narrow_for_the_wardrobe_shows_in_the_problems(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "wardrobe"))
    window.room_panel.door_width.setValue(500)
    window.room_panel.door_height.setValue(1900)
    assert window.document.design.door_opening == (500, 1900)
    qtbot.waitUntil(lambda: any(f.code == "room.door_opening" for f in window.feedback.report.findings))


def test_the_contact_shadow_lies_under_and_behind_the_furniture(make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    scene = window.scene
    floor, wall = scene.room.floor, scene.room.back
    assert floor.texture is not None and wall.texture is not None   # painted into the room, no extra actor
    lo, hi = scene.body_bounds()
    u0, v0, u1, v1 = scene.shadow.extents["floor"]
    assert u0 < lo[0] and u1 > hi[0] and v0 < lo[1]                  # the footprint and a margin round it
    # The floor's texture coordinates put the shadow's extent on 0..1 of the image.
    mesh = floor.mapper.GetInput()
    world = np.asarray(pv.wrap(mesh).points) * np.array(floor.scale) + np.array(floor.position)
    tcoords = np.asarray(pv.wrap(mesh).active_texture_coordinates)
    np.testing.assert_allclose(tcoords[:, 0], (world[:, 0] - u0) / (u1 - u0))
    np.testing.assert_allclose(tcoords[:, 1], (world[:, 1] - v0) / (v1 - v0))
    wu0, _, _, wv1 = scene.shadow.extents["wall"]
    assert wu0 < lo[0] and wv1 > hi[2]                               # behind: up the wall past the top
    # A finish changes no footprint: the shadow is not painted again.
    paints = scene.shadow.paints
    window.document.push(SetFinish("c1d", finish="walnut"))
    assert scene.shadow.paints == paints
    window.document.push(MoveModule("p1", position=(300.0, 0.0, 0.0)))
    assert scene.shadow.paints == paints + 1 and scene.shadow.extents["floor"][0] == pytest.approx(u0 + 300)
    scene.set_shadow(False)
    assert floor.texture is None and wall.texture is None


def test_the_shadow_image_is_darkest_under_the_footprint_and_fades_out():
    # A 1000 x 500 footprint in a 2000 x 1500 image: row 0 is the far (high v) edge.
    image = shadow_image(np.array([[500, 500, 1500, 1000]]), (0, 0, 2000, 1500), 200, ((20, 0.5), (100, 0.3)))
    alpha = image[..., 3].astype(float)
    height, width = alpha.shape
    assert (height, width) == (150, 200)
    centre = alpha[height - 75, 100]        # v = 750 mm: the middle of the footprint
    assert centre > 150
    assert alpha[height - 75, 2] < 5 and alpha[2, 100] < 5   # far from it: nothing
    # Rows turned over: v = 1100 (just beyond the footprint's far edge) is near the top of the image.
    assert alpha[150 - 110, 100] > alpha[150 - 140, 100]
    assert np.all(image[..., :3] == 0)
