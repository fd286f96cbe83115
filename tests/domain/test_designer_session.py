"""The designer's session without a window: choices, zones, previews at a parameter's limits."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.mesh.designer_session import DesignerSession
from app.domain.mesh.inspection import inspect_file
from app.domain.mesh.stretch import StretchError
from tests.designer_meshes import BOARD, DEPTH, HEIGHT, WIDTH, foreign_cabinet


@pytest.fixture
def session(tmp_path, catalog):
    return DesignerSession(catalog, inspect_file(foreign_cabinet(tmp_path)))


def test_a_new_module_is_named_after_the_file(session):
    assert (session.target, session.new_id, session.new_name) == (None, "cabinet", "Cabinet")


def test_zones_wait_for_the_origin_and_must_lie_on_the_mesh(session):
    session.zones = {"x": [(BOARD, WIDTH - BOARD)]}
    assert any("fix the origin first" in p for p in session.zone_problems())
    session.fix_origin()
    assert session.zone_problems() == []
    session.zones = {"x": [(300, 200)], "z": [(0, HEIGHT + 10)]}
    problems = " ".join(session.zone_problems())
    assert "must go from low to high" in problems and "lies outside the mesh" in problems


def test_a_resizable_axis_starts_with_a_range_its_fixed_parts_allow(session):
    session.fix_origin()
    session.zones = {"x": session.suggest("x")}
    param = session.default_param("x")
    assert (param.minimum, param.maximum, param.step, param.default) == (300, 1200, 10, WIDTH)
    session.zones = {"x": [(BOARD, 100)]}            # 518 mm that keep their size
    assert session.default_param("x").minimum == 520


def test_preview_of_a_new_module_at_its_limits(session):
    session.fix_origin()
    session.zones = {"x": session.suggest("x")}
    session.params = {"x": session.default_param("x")}
    [width] = session.preview_params()
    assert (width.name, width.minimum, width.maximum) == ("width", 300, 1200)
    size = session.size_at("width", 1200)
    assert size == pytest.approx((1200, DEPTH, HEIGHT))
    stretched = session.stretched(size)
    assert np.ptp(stretched[:, 0]) == pytest.approx(1200)
    with pytest.raises(StretchError):
        session.stretched(session.size_at("width", 30))


def test_updating_an_entry_previews_with_its_own_formulas(tmp_path, catalog):
    session = DesignerSession(catalog, inspect_file(catalog.mesh_path("linea/door.glb")), target="door")
    assert session.zones["x"] == [(2, 594)] and session.origin_at_corner
    names = [p.name for p in session.preview_params()]
    assert names == ["width", "height"]
    assert session.size_at("width", 400) == pytest.approx((396, 19, 716))   # width - 2 * gap
