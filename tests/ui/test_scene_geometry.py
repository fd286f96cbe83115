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
