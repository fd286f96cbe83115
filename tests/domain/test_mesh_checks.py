"""The topology checks and the units / up guesses on small meshes made here."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from app.domain.mesh.topology import analyse, components
from app.domain.mesh.units import Y_UP_TO_Z_UP, guess_units, guess_up, to_modulor, unit_in_text


def box(lo=(0, 0, 0), hi=(1, 1, 1)) -> trimesh.Trimesh:
    return trimesh.creation.box(bounds=[lo, hi])


def soup(*meshes: trimesh.Trimesh) -> tuple[np.ndarray, np.ndarray]:
    """The meshes as one STL would give them: every triangle with its own three vertices."""
    tris = np.concatenate([m.vertices[m.faces] for m in meshes])
    return tris.reshape(-1, 3), np.arange(len(tris) * 3).reshape(-1, 3)


def test_a_box_read_as_triangle_soup_is_closed_and_faces_out():
    topo = analyse(*soup(box()))
    assert topo.watertight and topo.winding_consistent and topo.pieces == 1 and topo.closed_pieces == 1
    assert not len(topo.inverted_pieces) and not topo.degenerate.any() and not topo.duplicate.any()


def test_a_missing_triangle_leaves_three_open_edges():
    mesh = box()
    topo = analyse(mesh.vertices, mesh.faces[1:])
    assert not topo.watertight and topo.open_edges == 3


def test_one_flipped_triangle_makes_the_winding_inconsistent():
    mesh = box()
    faces = mesh.faces.copy()
    faces[0] = faces[0][::-1]
    topo = analyse(mesh.vertices, faces)
    assert topo.watertight and topo.inconsistent_edges == 3


def test_a_box_inside_out_is_found():
    mesh = box()
    topo = analyse(mesh.vertices, mesh.faces[:, ::-1])
    assert topo.watertight and topo.winding_consistent and list(topo.inverted_pieces) == [0]


def test_degenerate_and_duplicate_triangles_are_counted_and_left_out_of_the_rest():
    mesh = box()
    faces = np.concatenate([mesh.faces, mesh.faces[:2], [[0, 0, 1]], [mesh.faces[3][[1, 2, 0]]]])
    topo = analyse(mesh.vertices, faces)
    assert topo.degenerate.sum() == 1 and topo.duplicate.sum() == 3
    assert topo.watertight and topo.winding_consistent  # judged without them, as published


def test_panels_touching_along_an_edge_are_still_closed_solids():
    # Two boards meeting at a corner share an edge: four triangles on it, balanced.
    side, bottom = box((0, 0, 0), (18, 500, 700)), box((18, 0, 0), (600, 500, 18))
    topo = analyse(*soup(side, bottom))
    assert topo.watertight and topo.winding_consistent and topo.nonmanifold_edges > 0


def test_separate_pieces_and_stray_fragments():
    topo = analyse(*soup(box((0, 0, 0), (600, 500, 700)), box((1000, 0, 0), (1600, 500, 700)),
                         box((300, 300, 300), (301, 301, 301))))
    assert topo.pieces == 3 and topo.stray_pieces == 1


def test_union_find_joins_chains():
    faces = np.array([[i, i + 1, i + 2] for i in range(0, 100, 2)])
    labels = components(faces, 101)
    assert len(set(labels.tolist())) == 1


@pytest.mark.parametrize("name, unit", [
    ("counter.unitsmm.STL", "mm"), ("door_mm.obj", "mm"), ("Cabinet-units-in.stl", "in"),
    ("shelf (inches).stl", "in"), ("plinth_metres.glb", "m"), ("unit_m.ply", "m"), ("side-cm.obj", "cm"),
    ("built-in-cabinet.stl", None), ("parameter.obj", None), ("door_m_left.stl", None),
])
def test_units_from_a_file_name(name, unit):
    found = unit_in_text(name)
    assert (found[0] if found else None) == unit


def test_units_the_file_declares_win_over_size_and_format():
    guess = guess_units({"gltf_scene_extras": {"units": "mm"}}, "glb", (600, 560, 720), 700)
    assert (guess.value, guess.source) == ("mm", "file") and "scene extras" in guess.reason
    guess = guess_units({"gltf_mesh_units": ["inches"]}, "glb", (24, 22, 28), 700)
    assert (guess.value, guess.source) == ("in", "file")


def test_a_reference_size_decides_between_units():
    guess = guess_units({}, "stl", (23.62, 22.05, 28.35), 700, reference_size=(600, 560, 720))
    assert (guess.value, guess.source) == ("in", "catalog")
    guess = guess_units({}, "glb", (600, 560, 720), 700, reference_size=(600, 560, 720))
    assert (guess.value, guess.source) == ("mm", "catalog")  # a glTF in mm despite the specification


def test_without_any_hint_the_size_closest_to_the_catalogs_modules_wins():
    assert guess_units({}, "stl", (0.6, 0.56, 0.72), 700).value == "m"
    assert guess_units({}, "stl", (600, 560, 720), 700).value == "mm"
    assert guess_units({}, "stl", (23.6, 22, 28.3), 700).value == "in"
    assert guess_units({}, "glb", (0.6, 0.56, 0.72), 700).source == "format"


def test_up_axis_from_extras_or_the_formats_convention():
    assert guess_up({"gltf_scene_extras": {"up": "Z"}}, "glb").value == "Z"
    assert guess_up({}, "glb").value == "Y" and guess_up({}, "obj").value == "Y"
    assert guess_up({}, "stl").value == "Z" and guess_up({}, "ply").value == "Z"


def test_y_up_turns_to_z_up_with_the_front_facing_minus_y():
    # In a Y-up file the top is +Y and the front faces +Z (towards the viewer).
    top, front = np.array([[0, 1, 0]]), np.array([[0, 0, 1]])
    assert np.allclose(to_modulor(top, "mm", "Y"), [[0, 0, 1]])
    assert np.allclose(to_modulor(front, "mm", "Y"), [[0, -1, 0]])
    assert np.isclose(np.linalg.det(Y_UP_TO_Z_UP), 1.0)
    assert np.allclose(to_modulor(np.array([[1, 2, 3]]), "in", "Z"), [[25.4, 50.8, 76.2]])
