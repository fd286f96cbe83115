"""Seeing inside (issue 14, item 5): fronts open about their hinges, drawers slide, see-through, notes.

The real configurator on the sideboard preset (doors c1d hinged left and c3d hinged
right on 600 mm cabinets, three 400 mm-runner drawers in c2, a shelf behind each door),
driven through the view toolbar's actions; expected positions worked out by hand from
the catalog's figures (2 mm reveal: a 596 mm leaf; a 19 mm front on a 400 mm runner).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.domain.design.commands import SetParameter
from app.domain.design.presets import design_from_preset
from app.ui.view.fronts import DOOR_ANGLE, DRAWER_OUT

pytestmark = pytest.mark.gui
LEAF = 600 - 2 * 2          # the door's width: the cabinet's less a 2 mm reveal each side
DRAWER_DEPTH = 19 + 400     # front thickness + runner length


def matrix(actor) -> np.ndarray:
    m = actor.GetUserMatrix()
    return np.array([[m.GetElement(r, c) for c in range(4)] for r in range(4)])


def moved(m: np.ndarray, point) -> np.ndarray:
    return (m @ np.append(np.asarray(point, dtype=float), 1.0))[:3]


def sagging_sideboard(catalog):
    design = design_from_preset(catalog, "sideboard")
    for command in (SetParameter("c1s1", name="material", value="mfc18"),
                    SetParameter("c1s1", name="load", value="books")):
        command.apply(design)
    return design


def test_open_fronts_swing_each_door_about_its_hinge_edge_and_slide_the_drawers_out(make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    scene = window.scene
    closed = {m: scene.layout.state(m).transform for m in ("c1d", "c3d", "c2d1")}
    window.view_toolbar.front_actions["open"].trigger()
    assert scene.fronts.mode == "open"
    turn = math.radians(DOOR_ANGLE)
    for z in (0.0, 500.0):
        # Left hinge: the left back edge stays, the free edge comes forward, turned clockwise from above.
        left = matrix(scene.actors("c1d")[0])
        hinge = moved(closed["c1d"], (0, 0, z))
        np.testing.assert_allclose(moved(left, (0, 0, z)), hinge, atol=1e-6)
        np.testing.assert_allclose(moved(left, (LEAF, 0, z)),
                                   hinge + np.array([LEAF * math.cos(turn), -LEAF * math.sin(turn), 0]), atol=1e-6)
        # Right hinge: the mirror image about its right back edge.
        right = matrix(scene.actors("c3d")[0])
        hinge = moved(closed["c3d"], (LEAF, 0, z))
        np.testing.assert_allclose(moved(right, (LEAF, 0, z)), hinge, atol=1e-6)
        np.testing.assert_allclose(moved(right, (0, 0, z)),
                                   hinge + np.array([-LEAF * math.cos(turn), -LEAF * math.sin(turn), 0]), atol=1e-6)
    # The free edge of an opened door stands in front of the carcass: 100 degrees, past square.
    assert moved(matrix(scene.actors("c1d")[0]), (LEAF, 0, 0))[1] < closed["c1d"][1, 3] - 0.95 * LEAF
    # Every actor of a door moves with it (its handle too).
    assert all(np.allclose(matrix(a), matrix(scene.actors("c1d")[0])) for a in scene.actors("c1d"))
    # A drawer slides straight out along -Y, box and front together.
    drawer = matrix(scene.actors("c2d1")[0])
    np.testing.assert_allclose(drawer[:3, :3], np.eye(3), atol=1e-9)
    slid = np.array([0, -DRAWER_OUT * DRAWER_DEPTH, 0])
    np.testing.assert_allclose(drawer[:3, 3], closed["c2d1"][:3, 3] + slid, atol=1e-6)
    # Closed again: every actor back on its module's own transform.
    window.view_toolbar.front_actions["closed"].trigger()
    for module_id, transform in closed.items():
        np.testing.assert_allclose(matrix(scene.actors(module_id)[0]), transform, atol=1e-9)


def test_a_double_door_opens_as_two_leaves_each_about_its_own_hinge(make_window, catalog):
    design = design_from_preset(catalog, "wardrobe")
    doubles = [m.id for m in design if m.type_id == "double_door"]
    assert doubles, "the wardrobe preset has a double door"
    window = make_window(design)
    scene = window.scene
    window.view_toolbar.front_actions["open"].trigger()
    module_id = doubles[0]
    motions = scene.fronts.motions[module_id]
    assert len(motions) == 2
    # Left leaf turns clockwise seen from above (sin < 0), the right one the other way.
    assert motions[0][1, 0] < 0 < motions[1][1, 0]
    leaf_actors = scene.fronts.split_actors(module_id)
    assert leaf_actors and all(a.GetVisibility() for a in leaf_actors)
    assert not any(a.GetVisibility() for a in scene.actors(module_id))   # drawn by its leaves while open
    window.view_toolbar.front_actions["closed"].trigger()
    assert scene.fronts.split_actors(module_id) == []
    assert all(a.GetVisibility() for a in scene.actors(module_id))


def test_see_through_fronts_stay_shut_and_translucent(make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    scene = window.scene
    window.view_toolbar.front_actions["see-through"].trigger()
    door = scene.actors("c1d")[0]
    assert door.prop.opacity < 0.5
    np.testing.assert_allclose(matrix(door), scene.layout.state("c1d").transform, atol=1e-9)
    assert scene.actors("c1s1")[0].prop.opacity == 1.0   # the shelf behind it is drawn as it is
    window.view_toolbar.front_actions["closed"].trigger()
    assert door.prop.opacity == 1.0


def test_a_note_inside_closed_furniture_shows_only_when_the_customer_can_see_inside(qtbot, make_window, catalog):
    window = make_window(sagging_sideboard(catalog))
    scene = window.scene
    qtbot.waitUntil(lambda: any(f.code == "shelf.sag" for f in window.feedback.report.findings))
    assert "c1s1" not in scene.label_texts        # behind the closed door: not pinned on the door
    assert scene.concealed("c1s1")
    window.view_toolbar.front_actions["open"].trigger()
    assert scene.label_texts["c1s1"].startswith("sags ")
    window.view_toolbar.front_actions["see-through"].trigger()
    assert "c1s1" in scene.label_texts
    window.view_toolbar.front_actions["closed"].trigger()
    assert "c1s1" not in scene.label_texts


def test_a_note_never_covers_a_dimension_label(qtbot, make_window, catalog):
    window = make_window(sagging_sideboard(catalog))
    scene = window.scene
    qtbot.waitUntil(lambda: any(f.code == "shelf.sag" for f in window.feedback.report.findings))
    window.view_toolbar.front_actions["open"].trigger()
    renderer = window.plotter.renderer

    def box(actor):   # (x0, x1, y0, y1) on screen: the text's box around its computed anchor
        b = [0.0] * 4
        actor.GetBoundingBox(renderer, b)
        x, y = actor.GetPositionCoordinate().GetComputedDisplayValue(renderer)
        return [x + b[0], x + b[1], y + b[2], y + b[3]]

    for view in ("iso", "front"):
        window.act_views[view].trigger()
        window.plotter.render()
        notes = scene._labels.visible_actors()
        assert notes
        fixed = [a for a in scene._dimensions.labels() + scene._elevation.actors()[1:] if a.GetVisibility()]
        assert fixed
        for note in notes:
            n = box(note)
            for other in fixed:
                o = box(other)
                assert not (n[0] < o[1] and o[0] < n[1] and n[2] < o[3] and o[2] < n[3]), (view, other.GetInput())
