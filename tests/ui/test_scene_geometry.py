"""Module geometry as numbers: panel outlines found in numpy match VTK's feature edges exactly."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from app.ui.view.scene_geometry import OUTLINE_ANGLE, MeshCache, feature_edges

pytestmark = pytest.mark.gui


def segments(points, pairs) -> set:
    return {tuple(sorted(map(tuple, np.round(points[p], 3)))) for p in pairs}


def test_outlines_are_vtks_feature_edges_for_every_catalog_mesh(catalog):
    cache = MeshCache()
    paths = {catalog.mesh_path(t.mesh) for t in catalog.modules.values()}
    paths |= {catalog.mesh_path(h.mesh) for h in catalog.hardware.values() if h.mesh}
    for path in sorted(paths):
        vertices, faces = cache.get(path)
        vtk = pv.PolyData.from_regular_faces(vertices, faces).extract_feature_edges(
            OUTLINE_ANGLE, boundary_edges=True, non_manifold_edges=False, manifold_edges=False)
        ours = segments(vertices, feature_edges(vertices, faces, OUTLINE_ANGLE))
        assert ours == segments(vtk.points, vtk.lines.reshape(-1, 3)[:, 1:]), path.name
        assert len(ours) > 10, path.name


def test_a_cube_has_its_twelve_edges_and_not_its_diagonals():
    cube = pv.Cube().triangulate()
    edges = feature_edges(cube.points, cube.regular_faces, OUTLINE_ANGLE)
    lengths = np.linalg.norm(cube.points[edges[:, 0]] - cube.points[edges[:, 1]], axis=1)
    # Eight shared corners, twelve triangles: the twelve sides, none of the six face diagonals.
    assert cube.n_points == 8 and len(edges) == 12 and np.allclose(lengths, 1.0)


# ------------------------------------------------------------------ the decor's grain on each part
def grain_directions(points: np.ndarray, tcoords: np.ndarray) -> np.ndarray:
    """Per triangle, the direction in model space along which the texture's v (the image's height, the
    decor's grain) grows, scaled by how fast: the gradient of v over the triangle's plane."""
    corners, v = points.reshape(-1, 3, 3), tcoords[:, 1].reshape(-1, 3)
    e1, e2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    d1, d2 = v[:, 1] - v[:, 0], v[:, 2] - v[:, 0]
    g11, g12, g22 = (e1 * e1).sum(1), (e1 * e2).sum(1), (e2 * e2).sum(1)
    det = g11 * g22 - g12 * g12
    a, b = (d1 * g22 - d2 * g12) / det, (d2 * g11 - d1 * g12) / det   # gradient = a e1 + b e2
    return a[:, None] * e1 + b[:, None] * e2


def facing(points: np.ndarray) -> np.ndarray:
    corners = points.reshape(-1, 3, 3)
    return np.argmax(np.abs(np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])), axis=1)


def body(catalog, modules, module_id: str, in_room: bool = False):
    from app.domain.design.design import Design
    from app.domain.design.layout import Layout
    from app.ui.view.scene_geometry import module_shapes

    state = Layout(catalog, Design(catalog.id, catalog.version, "grain", modules)).state(module_id)
    shape = module_shapes(catalog, state, MeshCache(), in_room)[0]
    assert shape.kind == "body" and shape.texture is not None
    return shape.points, grain_directions(shape.points, shape.tcoords)


def oak_cabinet(rotation: int = 0):
    from app.domain.design.design import PlacedModule

    # base_cabinet 600 x 560 x 720, 18 mm sides (x 0..18 and 582..600), top at z 702..720; an oak shelf
    # (shelf.toml: length = width - 2 play along x) inside; oak decor: one repeat covers 1200 mm.
    return [PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "oak",
                         rotation=rotation),
            PlacedModule("s", "shelf", {}, "oak", attach="in", to="c")]


def assert_grain(directions: np.ndarray, axis: tuple[float, float, float]) -> None:
    # Along the axis, one repeat (1 in texture coordinates) per 1200 mm, either way round.
    expected = np.asarray(axis, dtype=float) / 1200
    assert len(directions)
    for g in directions:
        assert np.allclose(g, expected, atol=1e-9) or np.allclose(g, -expected, atol=1e-9), g


def test_the_decor_runs_along_each_parts_grain(catalog):
    points, grain = body(catalog, oak_cabinet(), "s")
    # The shelf's length runs along x: its top, bottom and front and back edges show the grain along x
    # (its two ends, facing x, are end grain).
    assert_grain(grain[facing(points) != 0], (1, 0, 0))
    points, grain = body(catalog, oak_cabinet(), "c")
    centres = points.reshape(-1, 3, 3).mean(axis=1)
    carcass = centres[:, 1] < -3.001                                # in front of the HDF back (y -3..0)
    side = carcass & (centres[:, 0] <= 18) & (facing(points) != 2)  # the left side, not its end faces
    top = carcass & (centres[:, 2] >= 702) & (centres[:, 0] > 18) & (centres[:, 0] < 582) & (facing(points) != 0)
    back = (centres[:, 1] > -2.999) & (facing(points) != 2)       # not the faces where back and carcass meet
    assert side.sum() >= 6 and top.sum() >= 6 and back.sum() >= 6       # whole faces, two triangles each
    assert_grain(grain[side], (0, 0, 1))     # sides: length = height, up z
    assert_grain(grain[top], (1, 0, 0))      # top: length = width - 2 t, along x (not across it)
    assert_grain(grain[back], (0, 0, 1))     # back: length = height - 2, up z


def test_the_grain_turns_with_the_module(catalog):
    # A quarter turn about z takes the module's x onto the room's y: the shelf's grain goes with it.
    points, grain = body(catalog, oak_cabinet(rotation=1), "s", in_room=True)
    assert_grain(grain[facing(points) != 1], (0, 1, 0))


def test_the_glb_fitting_grey_is_the_3d_views():
    from app.domain.production.exports.bom_glb import FITTING_COLOR
    from app.ui.view.scene_geometry import FITTING_COLOR as VIEW_FITTING_COLOR

    assert FITTING_COLOR.upper() == VIEW_FITTING_COLOR.upper()
