"""Stretching real module meshes: panels, chamfers, legs and handles keep their size."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from app.domain.mesh.loading import load_mesh
from app.domain.mesh.stretch import StretchError, axis_knots, stretch_vertices


def _stretched(catalog, type_id: str, size) -> trimesh.Trimesh:
    mtype = catalog.module(type_id)
    mesh = load_mesh(catalog.mesh_path(mtype.mesh))
    vertices = stretch_vertices(mesh.vertices, mtype.reference_size, size, mtype.stretch.model_dump())
    return trimesh.Trimesh(vertices, mesh.faces, process=False)


def _distinct(values) -> list[float]:
    return sorted(set(np.round(np.asarray(values, dtype=float), 6)))


@pytest.mark.parametrize("width", [300, 600, 1200])
def test_side_panels_stay_18_mm_at_any_width(catalog, width):
    mesh = _stretched(catalog, "base_cabinet", (width, 560, 720))
    lo, hi = mesh.bounds
    assert np.allclose(lo, [0, -560, 0]) and np.allclose(hi, [width, 0, 720])
    # Away from the back panel, the only x faces are the sides' faces: 0, 18 and width-18, width.
    front = mesh.vertices[mesh.vertices[:, 1] < -10]
    assert _distinct(front[:, 0]) == [0, 18, width - 18, width]


def test_back_panel_stays_3_mm_when_depth_changes(catalog):
    mesh = _stretched(catalog, "base_cabinet", (600, 350, 720))
    back = mesh.vertices[mesh.vertices[:, 1] > -10][:, 1]
    assert back.max() == 0 and sorted(set(np.round(back, 6)))[:2] == [-3, 0]


def test_double_door_leaves_stay_equal_and_the_gap_3_mm(catalog):
    mesh = _stretched(catalog, "double_door", (1196, 19, 2196))
    xs = mesh.vertices[:, 0]
    left_edge, right_edge = xs[xs < 1196 / 2].max(), xs[xs > 1196 / 2].min()
    left, gap, right = left_edge - xs.min(), right_edge - left_edge, xs.max() - right_edge
    assert gap == pytest.approx(3) and left == pytest.approx(right) == pytest.approx((1196 - 3) / 2)


def test_legs_keep_their_diameter(catalog):
    reference = load_mesh(catalog.mesh_path(catalog.module("legs").mesh))
    mesh = _stretched(catalog, "legs", (1200, 400, 150))
    def leg_width(m):
        low = m.vertices[(m.vertices[:, 2] < 50) & (m.vertices[:, 0] < 100)]
        return low[:, 0].max() - low[:, 0].min()
    assert leg_width(mesh) == pytest.approx(leg_width(reference)) == pytest.approx(40, abs=0.5)
    assert mesh.bounds[1][2] == pytest.approx(150)


def test_handle_mesh_has_no_zones_and_keeps_its_size(catalog):
    item = catalog.hardware["handle_bar_160"]
    mesh = load_mesh(catalog.mesh_path(item.mesh))
    assert np.allclose(mesh.extents, item.reference_size)


def test_shrinking_below_the_fixed_parts_is_refused():
    with pytest.raises(StretchError, match="smaller than the 36 mm"):
        axis_knots(0, 600, [(18, 582)], 30, anchor_high=False)


def test_y_axis_stays_anchored_at_the_back():
    _old, new = axis_knots(-560, 0, [(-550, -10)], 300, anchor_high=True)
    assert new[-1] == 0 and new[0] == -300
    assert np.allclose(np.diff(new)[[0, 2]], [10, 10])
