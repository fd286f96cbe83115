"""Rules 6 and 7: overlaps, support, heights, room, and tipping over."""

from __future__ import annotations

import pytest

from app.domain.design.design import PlacedModule
from app.domain.rules import RulesEngine
from app.domain.rules.stability import balance, units
from tests.domain.rules_helpers import apply_fix, cabinet, codes, design, edited, insert


@pytest.mark.parametrize("x, ok", [(600, True), (650, True), (599, False), (0, False)])
def test_side_by_side_cabinets_may_touch_but_not_overlap(catalog, x, ok):
    d = design(catalog, cabinet("a"), cabinet("b", x=x))
    assert (("assembly.overlap", ("b", "a")) not in codes(catalog, d)) == ok


def test_an_insert_in_its_own_host_is_no_overlap_but_two_shelves_at_one_height_are(catalog):
    d = design(catalog, cabinet("c"), insert("s1", "shelf", "c", 338), insert("s2", "shelf", "c", 338),
               insert("s3", "shelf", "c", 498))
    assert {(code, mods) for code, mods in codes(catalog, d) if code == "assembly.overlap"} == \
        {("assembly.overlap", ("s2", "s1"))}


def test_an_overlap_is_fixed_by_moving_to_the_nearest_free_place_or_removing(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("c"), insert("s1", "shelf", "c", 338), insert("s2", "shelf", "c", 338))
    finding = next(f for f in engine.check(d).errors if f.code == "assembly.overlap")
    move, remove = engine.fixes(d, finding)
    assert move.label == "Move the shelf to the nearest free place"
    moved = apply_fix(engine, d, move)
    assert abs(moved.get("s2").position[2] - 338) == 32   # one step of the 32 mm hole grid
    assert not engine.check(moved).errors
    assert "s2" not in apply_fix(engine, d, remove)


@pytest.mark.parametrize("z, ok", [(0, True), (100, False)])
def test_floor_modules_stand_on_the_floor(catalog, z, ok):
    d = design(catalog, PlacedModule("c", "base_cabinet", {}, "white", (0, 0, z)))
    assert (("assembly.floating", ("c",)) not in codes(catalog, d)) == ok


def test_a_top_must_rest_on_something_with_its_middle(catalog):
    top = PlacedModule("t", "top_panel", {"width": 1800, "depth": 580}, "oak", attach="on", to="a")
    alone = design(catalog, cabinet("a"), top)
    assert ("assembly.unsupported", ("t",)) in codes(catalog, alone)
    row = design(catalog, cabinet("a"), cabinet("b", x=600), cabinet("c", x=1200), top)
    assert ("assembly.unsupported", ("t",)) not in codes(catalog, row)


def test_a_wall_module_needs_hanging_hardware(catalog_copy):
    edited(catalog_copy, "modules/wall_cabinet.toml", 'item = "hanging_bracket"', 'item = "connector"')
    catalog = edited(catalog_copy, "modules/wall_cabinet.toml", 'item = "mounting_rail"', 'item = "connector"')
    d = design(catalog, PlacedModule("w", "wall_cabinet", {}, "white", (0, 0, 1400), attach="wall"))
    assert ("assembly.no_hanging_hardware", ("w",)) in codes(catalog, d)


def _on_plinth(height: int, plinth: int):
    return [PlacedModule("p", "plinth", {"width": 600, "depth": 560, "height": plinth}, "white"),
            PlacedModule("t", "tall_cabinet", {"width": 600, "height": height, "depth": 560}, "white",
                         attach="on", to="p")]


@pytest.mark.parametrize("height, plinth, ok", [(2300, 100, True), (2300, 150, False)])
def test_units_up_to_the_catalog_height(catalog, height, plinth, ok):
    d = design(catalog, *_on_plinth(height, plinth))
    assert (("assembly.height", ("p",)) not in codes(catalog, d)) == ok


def test_a_too_tall_unit_is_fixed_by_the_nearest_lower_carcass(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, *_on_plinth(2300, 150))
    finding = next(f for f in engine.check(d).errors if f.code == "assembly.height")
    assert finding.measure.value == 2450 and finding.measure.limit == 2400
    labels = [f.label for f in engine.fixes(d, finding)]
    assert labels[0] == "Set the tall cabinet's height to 2240 mm"   # 150 + 2240 = 2390 (20 mm steps)


@pytest.mark.parametrize("room, code", [(2390, "assembly.room_height"), (2450, "assembly.tilt_up"), (2500, None)])
def test_the_room_height_limits_the_unit_and_how_it_is_stood_up(catalog, room, code):
    # 2400 mm tall on a 520 mm deep plinth: it needs hypot(2400, 520) = 2456 mm to be tilted up.
    d = design(catalog, *_on_plinth(2300, 100), room_height=room)
    found = {c for c, _ in codes(catalog, d) if c.startswith("assembly.")}
    assert found == ({code} if code else set())


def test_a_slender_unit_needs_an_anchor_which_goes_into_the_order(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("t", "tall_cabinet", width=800, height=2000, depth=350))
    report = engine.check(d)
    (finding,) = report.findings
    assert finding.code == "stability.anchor" and finding.severity == "warning"
    assert report.ready_to_order and report.summary() == "Ready to order"
    assert finding.measure.value == pytest.approx(2000 / 350, abs=0.01)
    (anchor,) = report.required_hardware()
    assert (anchor.item, anchor.qty, anchor.module_id) == ("wall_anchor", 1, "t")


def test_a_low_open_cabinet_stands_but_a_child_on_its_open_drawer_tips_it(catalog):
    engine = RulesEngine(catalog)
    open_unit = design(catalog, cabinet("c", width=600, height=720, depth=560), insert("s", "shelf", "c", 338))
    assert not engine.check(open_unit).findings
    drawer = design(catalog, cabinet("c", width=600, height=720, depth=560),
                    insert("d", "drawer", "c", 2, runner="runner_500"))
    ctx = engine.context(drawer)
    b = balance(ctx, units(ctx)["c"])
    # By hand: the drawer's front face is 21 mm in front of the carcass (2 mm reveal + 19 mm board) and
    # opens 500 mm; the carcass stands on its own front edge at y = -560.
    assert b.edge_y == -560 and b.load_y == pytest.approx(-560 - 19 - 500)
    assert b.overturning == pytest.approx(23 * (1079 - 560))
    assert b.tips and engine.check(drawer).findings[0].code == "stability.anchor"


def test_a_unit_that_may_not_be_anchored_is_an_error(catalog_copy):
    catalog = edited(catalog_copy, "modules/tall_cabinet.toml", 'hosts = ["base"]',
                     'hosts = ["base"]\nanchorable = false')
    d = design(catalog, cabinet("t", "tall_cabinet", width=800, height=2000, depth=350))
    (finding,) = RulesEngine(catalog).check(d).errors
    assert finding.code == "stability.cannot_anchor" and "cannot be anchored" in finding.message


def test_removing_a_module_is_offered_only_when_nothing_else_loses_its_support(catalog):
    # Found by the property test: legs l2 overlap legs l1, and l1's cabinet rests half on l2. Removing
    # l2 clears the overlap but leaves that cabinet overhanging, so that fix must not be offered.
    engine = RulesEngine(catalog)
    d = design(catalog,
               PlacedModule("l1", "legs", {"width": 400, "depth": 450, "leg": "leg_150"}, "oak", (1200, 0, 0)),
               PlacedModule("c1", "base_cabinet", {"width": 900, "height": 400, "depth": 450}, "white",
                            (0, 0, 150), attach="on", to="l1"),
               PlacedModule("l2", "legs", {"width": 900, "depth": 450, "leg": "leg_150"}, "oak", (900, 0, 0)),
               PlacedModule("c2", "base_cabinet", {"width": 900, "height": 400, "depth": 450}, "white",
                            (0, 0, 150), attach="on", to="l2"))
    report = engine.check(d)
    overlap = next(f for f in report.errors if f.code == "assembly.overlap" and f.modules[0] == "l2")
    before = {f.key for f in report.errors}
    for fix in engine.fixes(d, overlap):
        after = engine.check(apply_fix(engine, d, fix))
        assert {f.key for f in after.errors} <= before, fix.label
    assert "Remove the legs" not in [fix.label for fix in engine.fixes(d, overlap)]
