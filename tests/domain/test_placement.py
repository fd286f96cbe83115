"""Placing and stepping modules: flush, on the grid, never overlapping; values inside the solution space."""

from __future__ import annotations

import pytest

from app.domain.design.design import PlacedModule
from app.domain.design.layout import Layout
from app.domain.design.placement import find_spot, next_step, overlaps, snap_steps
from app.domain.design.presets import design_from_preset, empty_design
from app.domain.design.solution_space import snap


def _add(design, catalog, type_id, spot, mid):
    design.add(PlacedModule(mid, type_id, {}, catalog.module(type_id).default_finish, spot.position,
                            attach=spot.attach, to=spot.to))


def test_cabinets_line_up_flush_along_the_wall(catalog):
    design = empty_design(catalog)
    for i in range(3):
        _add(design, catalog, "base_cabinet", find_spot(catalog, design, "base_cabinet"), f"c{i}")
    layout = Layout(catalog, design)
    xs = [layout.state(f"c{i}").world_bounds[0][0] for i in range(3)]
    assert xs == [0, 600, 1200]
    boxes = [layout.state(f"c{i}").world_bounds for i in range(3)]
    assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_shelves_fill_free_grid_heights_without_overlap(catalog):
    design = empty_design(catalog)
    _add(design, catalog, "tall_cabinet", find_spot(catalog, design, "tall_cabinet"), "t")
    for i in range(5):
        spot = find_spot(catalog, design, "shelf", host_id="t")
        assert spot is not None and spot.attach == "in" and spot.to == "t"
        _add(design, catalog, "shelf", spot, f"s{i}")
    zs = sorted(design.get(f"s{i}").position[2] for i in range(5))
    assert all((z - 18) % 32 == 0 for z in zs)  # on the 32 mm hole grid above the opening bottom
    layout = Layout(catalog, design)
    boxes = [layout.state(f"s{i}").world_bounds for i in range(5)]
    assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_a_second_door_finds_no_room(catalog):
    design = design_from_preset(catalog, "sideboard")
    assert find_spot(catalog, design, "door", host_id="c1") is None
    spot = find_spot(catalog, design, "door")  # any carcass with a free front? none in the sideboard
    assert spot is None


def test_door_goes_on_the_front_of_an_empty_carcass(catalog):
    design = empty_design(catalog)
    _add(design, catalog, "base_cabinet", find_spot(catalog, design, "base_cabinet"), "c")
    spot = find_spot(catalog, design, "door")
    assert spot.to == "c" and spot.position == (2, -560, 2)


def test_wall_cabinet_hangs_above_floor_units(catalog):
    design = design_from_preset(catalog, "sideboard")
    spot = find_spot(catalog, design, "wall_cabinet")
    assert spot.attach == "wall" and spot.position[2] >= 845 + 500


def test_arrow_steps_go_to_flush_positions(catalog):
    design = empty_design(catalog)
    _add(design, catalog, "base_cabinet", find_spot(catalog, design, "base_cabinet"), "a")
    _add(design, catalog, "base_cabinet", find_spot(catalog, design, "base_cabinet"), "b")
    design.replace(PlacedModule("b", "base_cabinet", {}, "white", (1500, 0, 0)), "moved")
    steps = snap_steps(catalog, design, "b")
    assert next_step(steps, design.get("b").position, -1, 0) == (600, 0, 0)  # flush right of 'a'
    assert next_step(steps, (600, 0, 0), -1, 0) is None  # x=0 would overlap 'a'
    assert (0, 0, 0) not in steps


def test_arrow_steps_for_a_shelf_follow_the_pin_grid(catalog):
    design = design_from_preset(catalog, "sideboard")
    steps = snap_steps(catalog, design, "c1s1")
    z = design.get("c1s1").position[2]
    assert next_step(steps, design.get("c1s1").position, +1, 2)[2] == z + 32
    assert next_step(steps, design.get("c1s1").position, -1, 2)[2] == z - 32


@pytest.mark.parametrize("value, expected, message", [
    (600, 600, ""),
    (637, 650, "Width 637 mm lies between the steps of 50 mm; set to 650 mm"),
    (612, 600, "Width 612 mm lies between the steps of 50 mm; set to 600 mm"),
    (100, 300, "Width 100 mm is below the minimum; set to 300 mm"),
    (5000, 1200, "Width 5000 mm is above the maximum; set to 1200 mm"),
    ("7x", 600, "Width '7x' is not a number; kept 600 mm"),
])
def test_values_snap_into_the_solution_space(catalog, value, expected, message):
    result = snap(catalog.module("base_cabinet").params["width"], value)
    assert result.value == expected and result.message == message and result.changed == bool(message)


def test_options_snap_to_the_nearest_offered(catalog):
    assert snap(catalog.module("plinth").params["height"], 90).value == 80  # tie goes to the lower
    assert snap(catalog.module("plinth").params["height"], 140).value == 150
    assert snap(catalog.module("door").params["handle"], "gold_knob").value == "handle_bar_160"


def test_each_new_shelf_halves_the_largest_empty_stretch(catalog):
    from app.domain.design.design import Design, PlacedModule
    from app.domain.design.placement import find_spot

    tall = PlacedModule("t", "tall_cabinet", {"width": 600, "height": 2000, "depth": 560}, "white")
    design = Design(catalog.id, catalog.version, "Tall", [tall])
    heights = []
    for i in range(3):
        spot = find_spot(catalog, design, "shelf", host_id="t")
        design.add(PlacedModule(f"s{i}", "shelf", {}, "white", spot.position, 0, spot.attach, spot.to))
        heights.append(spot.position[2])
    # Opening 18 .. 1982 on the 32 mm grid from 18. The first shelf at the catalog's default, the
    # middle: 18 + 32 x round(1964 / 64) = 1010. Then the larger stretch is below (18 .. 1010, 992 mm):
    # its middle 514 lies between 498 and 530, the lower is taken: 498. Then above (1028 .. 1982):
    # middle 1505, nearest grid 1490. Never one board just above another.
    assert heights == [1010.0, 498.0, 1490.0]
    assert all(abs(a - b) > 300 for a in heights for b in heights if a != b)
