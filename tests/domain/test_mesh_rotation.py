"""Rotation in 90° steps and the front-facing check (issue 19 item 3), on the wine rack made in
tests/designer_meshes.py: its glass door and handle are at the front (-Y) as exported."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.mesh.clean import quarter_turns
from app.domain.mesh.designer_session import DesignerSession
from app.domain.mesh.inspection import inspect_file
from tests.designer_meshes import RACK_DEPTH, RACK_HEIGHT, RACK_WIDTH, wine_rack


@pytest.fixture
def rack(tmp_path, catalog):
    return DesignerSession(catalog, inspect_file(wine_rack(tmp_path)))


def test_quarter_turns_are_right_handed_90_degree_steps():
    assert np.allclose(quarter_turns((0, 0, 1)) @ [1, 0, 0], [0, 1, 0])      # x -> y about z
    assert np.allclose(quarter_turns((1, 0, 0)) @ [0, 1, 0], [0, 0, 1])      # y -> z about x
    assert np.allclose(quarter_turns((0, 1, 0)) @ [0, 0, 1], [1, 0, 0])      # z -> x about y
    assert np.allclose(quarter_turns((0, 0, 4)), np.eye(3))


def test_the_rack_faces_the_room_and_says_why(rack):
    front = rack.report.finding("front")
    assert front.level == "ok" and "handle" in front.message and "door_glass" in front.message


def test_turned_to_the_wall_it_is_warned_and_turning_back_fixes_it(rack):
    rack.rotate("z", 2)
    front = rack.report.finding("front")
    assert front.level == "warning" and "the back (+Y)" in front.message and "turn it 180° about Z" in front.message
    assert rack.report.finding("turned").message.startswith("turned 180° about z")
    rack.fix_origin()
    mesh = rack.mesh
    door = mesh.vertices[np.unique(mesh.faces[mesh.face_part == mesh.part_names.index("door_glass")])]
    # by the wall now, behind its handle
    assert door[:, 1].min() == pytest.approx(-24) and door[:, 1].max() == pytest.approx(-20)
    rack.rotate("z", 2)
    assert rack.report.finding("front").level == "ok" and rack.report.finding("turned") is None


def test_a_quarter_turn_about_x_swaps_depth_and_height_and_keeps_the_origin_at_the_corner(rack):
    rack.fix_origin()
    rack.zones = {"x": [(45.0, 291.0)]}
    rack.rotate("x")
    assert rack.zones == {}     # zones along the old axes are dropped
    depth = RACK_DEPTH + 20     # the handle stands 20 mm out of the glass
    assert np.allclose(rack.reference_size, (RACK_WIDTH, RACK_HEIGHT, depth))
    lo, hi = rack.mesh.bounds
    assert np.allclose(lo, (0, -RACK_HEIGHT, 0)) and np.allclose(hi, (RACK_WIDTH, 0, depth))
    assert rack.choices.turns == (1, 0, 0)
