"""Located parts: every panel knows where it is in its module, and the mesh draws the same panels.

Expected boxes are worked out by hand from the catalog entries (base_cabinet.toml: 18 mm sides full
height, top and bottom between them, a 3 mm back 1 mm in from every edge; door.toml: 2 mm reveal,
19 mm MDF), not by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.design.design import Design, PlacedModule
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.mesh.loading import read_mesh
from app.domain.production.mesh_agreement import (
    MeshPiece,
    board_thicknesses,
    disagreements,
    mesh_pieces,
)
from app.domain.production.parts import module_parts

ROOT = Path(__file__).resolve().parents[2]


def sideboard_parts(catalog, module_id: str, **params):
    design = design_from_preset(catalog, "sideboard")
    if params:
        module = design.get(module_id)
        design.replace(PlacedModule(module.id, module.type_id, {**module.params, **params}, module.finish,
                                    module.position, module.rotation, module.attach, module.to), "params")
    state = Layout(catalog, design).state(module_id)
    return state, module_parts(catalog, state)


def boxes(parts) -> dict[str, list[tuple[float, ...]]]:
    return {p.name: [tuple(round(v, 3) for v in box) for box in p.boxes] for p in parts.panels}


def test_base_cabinet_panels_are_where_the_catalog_says(catalog):
    # The sideboard's c1: 600 wide, 720 high, 450 deep (presets.toml).
    _, parts = sideboard_parts(catalog, "c1")
    assert boxes(parts) == {
        "Side": [(0, -450, 0, 18, -3, 720), (582, -450, 0, 600, -3, 720)],
        "Bottom": [(18, -450, 0, 582, -3, 18)],
        "Top": [(18, -450, 702, 582, -3, 720)],
        "Back": [(1, -3, 1, 599, 0, 719)],
    }
    side = next(p for p in parts.panels if p.name == "Side")
    assert side.axes == ("z", "y", "x")   # length up, width in depth, 18 mm across


def test_a_widened_cabinet_moves_its_right_side(catalog):
    _, parts = sideboard_parts(catalog, "c1", width=900)
    assert boxes(parts)["Side"] == [(0, -450, 0, 18, -3, 720), (882, -450, 0, 900, -3, 720)]
    assert boxes(parts)["Top"] == [(18, -450, 702, 882, -3, 720)]


def test_doors_carry_their_hinge_side(catalog):
    _, left = sideboard_parts(catalog, "c1d")
    _, right = sideboard_parts(catalog, "c3d")
    assert [p.hinges for p in left.panels] == [("left",)]
    assert [p.hinges for p in right.panels] == [("right",)]
    # 596 x 716 leaf (600 - 2 x 2, 720 - 2 x 2), 19 mm MDF on the front of the door's frame.
    assert boxes(left) == {"Door": [(0, -19, 0, 596, 0, 716)]}


def test_a_pair_of_doors_is_hinged_left_and_right(catalog):
    design = design_from_preset(catalog, "wardrobe")
    parts = module_parts(catalog, Layout(catalog, design).state("w1d"))
    (leaves,) = parts.panels
    assert leaves.hinges == ("left", "right")
    (a, b) = leaves.boxes
    # Leaves (w - 2 x 2 - 3) / 2 wide with the 3 mm middle gap between them.
    assert b[0] - a[3] == pytest.approx(3.0)
    assert a[3] - a[0] == pytest.approx(b[3] - b[0])


@pytest.mark.parametrize("preset", ["bookcase", "sideboard", "wardrobe", "tv_bench"])
def test_every_preset_module_agrees_with_its_mesh(catalog, preset):
    design = design_from_preset(catalog, preset)
    layout = Layout(catalog, design)
    limits = catalog.info.limits
    for module in design:
        state = layout.state(module.id)
        mesh = read_mesh(catalog.models_dir / state.mtype.mesh)
        pieces = mesh_pieces(mesh.vertices, mesh.faces, mesh.face_part, mesh.part_names, state.mtype, state.size)
        found = disagreements(module_parts(catalog, state), pieces, board_thicknesses(catalog),
                              limits.mesh_parts_tolerance, limits.min_part_width)
        assert found == [], (module.id, found)


def _shelf(catalog):
    design = Design(catalog.id, catalog.version, "shelf", [
        PlacedModule("c1", "base_cabinet", {}, "white"),
        PlacedModule("s1", "shelf", {}, "white", (19, -3, 338), attach="in", to="c1"),
    ])
    state = Layout(catalog, design).state("s1")
    return module_parts(catalog, state)


def test_a_12_mm_mesh_shelf_against_an_18_mm_cut_list_shelf_is_named(catalog):
    parts = _shelf(catalog)
    (shelf,) = parts.panels
    x0, y0, z0, x1, y1, _z1 = shelf.boxes[0]
    # In a default base cabinet (564 x 557 opening): 564 - 2 x 1 play = 562 long, 557 - 20 setback = 537 deep.
    # The designer modelled the shelf 12 mm thick; the catalog cuts it from 18 mm chipboard.
    thin = MeshPiece("shelf", (x0, y0, z0, x1, y1, z0 + 12))
    found = disagreements(parts, [thin], board_thicknesses(catalog), 0.5, 50)
    assert len(found) == 1   # a 12 mm piece is no board of this catalog: only the part is unmatched
    assert "part 'Shelf' is 562 x 537 x 18 mm in the cut list" in found[0]
    assert "'shelf' is 562 x 537 x 12 mm" in found[0]


def test_a_13_mm_shorter_mesh_shelf_is_named_with_both_lengths(catalog):
    parts = _shelf(catalog)
    (shelf,) = parts.panels
    x0, y0, z0, x1, y1, z1 = shelf.boxes[0]
    short = MeshPiece("shelf", (x0, y0, z0, x1 - 13, y1, z1))
    part_line, mesh_line = disagreements(parts, [short], board_thicknesses(catalog), 0.5, 50)
    assert "562 x 537 x 18 mm in the cut list" in part_line and "'shelf' is 549 x 537 x 18 mm" in part_line
    assert mesh_line == "mesh piece 'shelf' (549 x 537 x 18 mm) is a 18 mm panel, but no part of the cut list is there"


def test_a_mesh_panel_without_a_part_is_reported_and_a_round_rail_is_not(catalog):
    parts = _shelf(catalog)
    (shelf,) = parts.panels
    extra = MeshPiece("stray_panel", (0, -300, 100, 400, -282, 500))   # 400 x 18 x 400: a board
    rail = MeshPiece("rail", (0, -40, 100, 900, -15, 125))             # 900 x 25 x 25: not a board
    found = disagreements(parts, [MeshPiece("shelf", shelf.boxes[0]), extra, rail], board_thicknesses(catalog),
                          0.5, 50)
    assert found == ["mesh piece 'stray_panel' (400 x 18 x 400 mm) is a 18 mm panel, but no part of the cut list "
                     "is there"]


def test_a_part_without_placement_is_reported(catalog):
    from dataclasses import replace

    parts = _shelf(catalog)
    unlocated = replace(parts, panels=tuple(replace(p, boxes=()) for p in parts.panels))
    assert disagreements(unlocated, [], board_thicknesses(catalog), 0.5, 50) == [
        "part 'Shelf' has no placement ('at'): the catalog cannot show where it is"]


def test_the_bundled_meshes_are_the_ones_the_generator_writes():
    """The drawer mesh gained its inner front and a bottom of the cut list's size: regenerated, not edited."""
    mesh = read_mesh(ROOT / "models3d" / "linea" / "drawer.glb")
    assert {"box_front", "box_bottom", "box_back"} <= set(mesh.part_names)
