"""Picking by rays against module boxes: the slab test and which module a click means."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.domain.design.design import Design, PlacedModule
from app.domain.design.layout import Layout
from app.domain.design.picking import ModuleBoxes, pick_module, ray_box_distance
from app.domain.design.presets import design_from_preset

LO, HI = (0.0, 0.0, 0.0), (10.0, 20.0, 30.0)
FRONT = (0.0, 1.0, 0.0)  # from the room towards the wall


# ---------------------------------------------------------------- ray_box_distance
def test_ray_enters_the_box_at_its_near_face():
    assert ray_box_distance((5, -100, 15), FRONT, LO, HI) == pytest.approx(100)
    assert ray_box_distance((5, 120, 15), (0, -1, 0), LO, HI) == pytest.approx(100)


def test_distance_is_in_units_of_the_direction():
    assert ray_box_distance((5, -100, 15), (0, 4, 0), LO, HI) == pytest.approx(25)


def test_oblique_ray_hits_and_misses():
    d = np.array([1.0, 1.0, 0.0]) / math.sqrt(2)
    assert ray_box_distance((-5, -5, 15), d, LO, HI) == pytest.approx(5 * math.sqrt(2))
    assert ray_box_distance((-5, -30, 15), d, LO, HI) is None      # passes below the corner
    assert ray_box_distance((-5, -5, 15), -d, LO, HI) is None      # box behind the origin


def test_zero_direction_components_are_parallel_slabs():
    # Parallel to x and z: only the y slab limits, inside the x and z slabs it hits.
    assert ray_box_distance((0.0, -50, 30.0), FRONT, LO, HI) == pytest.approx(50)  # on the edge counts
    assert ray_box_distance((10.5, -50, 15), FRONT, LO, HI) is None               # beside the box
    assert ray_box_distance((5, 50, 31), FRONT, LO, HI) is None                    # above it
    assert ray_box_distance((5, -50, 15), (0.0, -0.0, 1.0), LO, HI) is None        # parallel, outside in y
    assert ray_box_distance((5, 10, -7), (0.0, -0.0, 1.0), LO, HI) == pytest.approx(7)


def test_origin_inside_and_behind():
    assert ray_box_distance((5, 10, 15), (0.3, -0.2, 1.0), LO, HI) == 0.0
    assert ray_box_distance((5, 30, 15), FRONT, LO, HI) is None


def test_flat_box_and_zero_direction():
    assert ray_box_distance((5, -1, 15), FRONT, (0, 0, 0), (10, 0, 30)) == pytest.approx(1)  # a plane
    assert ray_box_distance((5, -1, 15), (0, 0, 0), LO, HI) is None


# ---------------------------------------------------------------- pick_module
@pytest.fixture
def sideboard(catalog):
    return design_from_preset(catalog, "sideboard")


def front_ray(x: float, z: float):
    return (x, -3000.0, z), FRONT


def test_a_door_in_front_of_its_carcass_is_picked(catalog, sideboard):
    assert pick_module(Layout(catalog, sideboard), *front_ray(300, 500)) == "c1d"
    assert pick_module(Layout(catalog, sideboard), *front_ray(900, 450)) == "c2d2"  # middle drawer
    assert pick_module(Layout(catalog, sideboard), *front_ray(1500, 500)) == "c3d"


def test_in_an_open_carcass_the_shelf_wins_else_the_carcass(catalog, sideboard):
    sideboard.remove("c1d")
    layout = Layout(catalog, sideboard)
    lo, hi = layout.state("c1s1").world_bounds            # shelf z 438..456
    shelf_z = (lo[2] + hi[2]) / 2
    assert pick_module(layout, *front_ray(300, shelf_z)) == "c1s1"
    assert pick_module(layout, *front_ray(300, 650)) == "c1"     # between shelf and top
    assert pick_module(layout, *front_ray(300, 250)) == "c1"     # below the shelf
    assert pick_module(layout, *front_ray(300, 50)) == "p1"      # the plinth under it


def test_a_ray_from_above_picks_the_top(catalog, sideboard):
    layout = Layout(catalog, sideboard)
    for x in (300, 900, 1500):
        assert pick_module(layout, (x, -200.0, 5000.0), (0.0, 0.0, -1.0)) == "t1"


def test_the_top_resting_on_a_carcass_is_not_picked_through_the_carcass_front(catalog, sideboard):
    sideboard.remove("c1d")
    layout = Layout(catalog, sideboard)
    # Aimed at the carcass front just below the top, climbing steeply: it leaves c1 through its top
    # face straight into t1 (attached to c1), which must not steal the click.
    origin = np.array([300.0, -3000.0, 819.0 - 2550 * 0.5])
    assert pick_module(layout, origin, (0.0, 1.0, 0.5)) == "c1"


def test_missing_everything_returns_none(catalog, sideboard):
    layout = Layout(catalog, sideboard)
    assert pick_module(layout, *front_ray(2500, 500)) is None    # beside the sideboard
    assert pick_module(layout, *front_ray(300, 1200)) is None    # above it
    assert pick_module(layout, (300, -3000, 500), (0, -1, 0)) is None  # looking away
    empty = Design(sideboard.catalog_id, sideboard.catalog_version)
    assert pick_module(Layout(catalog, empty), *front_ray(300, 500)) is None


def test_oblique_ray_through_the_view(catalog, sideboard):
    layout = Layout(catalog, sideboard)
    camera = np.array([-1500.0, -3000.0, 2000.0])
    target = np.array([900.0, -469.0, 460.0])               # on the middle drawer's front
    assert pick_module(layout, camera, target - camera) == "c2d2"


def test_unresolvable_modules_are_skipped(catalog, sideboard):
    sideboard.add(PlacedModule("x1", "no_such_type", {}, "white", (0, -3000, 0)))
    boxes = ModuleBoxes.from_layout(Layout(catalog, sideboard))
    assert "x1" not in boxes.ids and len(boxes.ids) == 12
    assert boxes.pick(*front_ray(300, 500)) == "c1d"


def test_a_thousand_modules_pick_fast(catalog):
    import time

    modules = [PlacedModule(f"c{i}", "base_cabinet", {"width": 600, "height": 720, "depth": 450}, "white",
                            ((i % 50) * 600.0, (i // 50) * 1000.0, 0.0)) for i in range(1000)]
    layout = Layout(catalog, Design(catalog.id, catalog.version, modules=modules))
    boxes = ModuleBoxes.from_layout(layout)
    start = time.perf_counter()
    for _ in range(20):
        picked = boxes.pick((10 * 600 + 300, -3000.0, 400.0), FRONT)
    per_pick = (time.perf_counter() - start) / 20
    assert picked == "c10"
    assert per_pick < 0.005, f"{per_pick * 1000:.2f} ms a pick"
