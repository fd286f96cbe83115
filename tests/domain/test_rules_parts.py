"""Rules 1, 2 and 8: parameters in their solution space, parts that can be cut, catalog combinations."""

from __future__ import annotations

import pytest

from app.domain.rules import RulesEngine
from tests.domain.rules_helpers import apply_fix, cabinet, codes, design, edited, insert


@pytest.mark.parametrize("params, code", [
    ({"width": 600}, None),
    ({"width": 1200}, None),                      # the maximum itself
    ({"width": 1250}, "param.range.width"),       # above
    ({"width": 250}, "param.range.width"),        # below
    ({"width": 637}, "param.step.width"),         # between the 50 mm steps
    ({"height": 900}, None),
    ({"height": 910}, "param.range.height"),
])
def test_numeric_parameters_must_lie_on_the_catalog_grid(catalog, params, code):
    found = {c for c, _ in codes(catalog, design(catalog, cabinet("c", **params)))}
    assert ({code} & found if code else {c for c in found if c.startswith("param.")}) == ({code} if code else set())


@pytest.mark.parametrize("handle, ok", [("handle_knob", True), ("push_latch", True), ("gold_knob", False)])
def test_option_parameters_must_be_offered(catalog, handle, ok):
    d = design(catalog, cabinet("c"), insert("d", "door", "c", handle=handle))
    assert (("param.option.handle", ("d",)) not in codes(catalog, d)) == ok


def test_a_value_from_a_file_snaps_to_the_nearest_allowed_one(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("c", width=637))
    (finding,) = engine.check(d).errors
    assert finding.measure.value == 637 and finding.measure.limit == 650
    (fix,) = engine.fixes(d, finding)
    assert fix.label == "Set the base cabinet's width to 650 mm"
    assert apply_fix(engine, d, fix).get("c").params["width"] == 650


def test_a_size_taken_from_the_host_is_fixed_on_the_host(catalog_copy):
    catalog = edited(catalog_copy, "modules/door.toml", "max = 1200", "max = 1000")
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("c", width=1100), insert("d", "double_door", "c"), insert("e", "door", "c"))
    findings = [f for f in engine.check(d).findings if f.code == "param.range.width"]
    assert [f.modules for f in findings] == [("e",)]
    assert "follows the carcass" in findings[0].message
    labels = [f.label for f in engine.fixes(d, findings[0])]
    assert "Set the base cabinet's width to 1000 mm" in labels


@pytest.mark.parametrize("height, ok", [(1980, True), (2000, False)])
def test_a_part_must_fit_the_usable_sheet(catalog_copy, height, ok):
    # A smaller stock sheet: 2000 x 1000 with 10 mm trim leaves 1980 x 980 for the tall cabinet's sides.
    catalog = edited(catalog_copy, "materials.toml", "sheet = [2800, 2070]", "sheet = [2000, 1000]")
    d = design(catalog, cabinet("t", "tall_cabinet", width=600, height=height, depth=560))
    assert (("part.sheet.Side", ("t",)) not in codes(catalog, d)) == ok


def test_a_too_long_part_is_fixed_by_the_nearest_height_that_cuts(catalog_copy):
    catalog = edited(catalog_copy, "materials.toml", "sheet = [2800, 2070]", "sheet = [2000, 1000]")
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("t", "tall_cabinet", width=600, height=2100, depth=560))
    finding = next(f for f in engine.check(d).errors if f.code == "part.sheet.Side")
    assert "1980 x 980" in finding.message
    labels = [f.label for f in engine.fixes(d, finding)]
    assert "Set the tall cabinet's height to 1980 mm" in labels


def test_grain_keeps_a_part_from_turning_to_fit(catalog_copy):
    # Plywood (grain) on a 1500 x 2500 sheet: the 1164 mm sides of a 1200 mm open unit, grain along
    # their length, cannot lie across the 1480 mm width... they fit along the length; a 1600 mm
    # tall unit's 1564 mm sides do not fit the 1480 mm the grain allows.
    catalog = edited(catalog_copy, "materials.toml", "sheet = [2500, 1250]", "sheet = [1500, 2500]")
    ok = design(catalog, cabinet("o", "open_shelf", width=800, height=1200, depth=350))
    assert not any(c.startswith("part.sheet") for c, _ in codes(catalog, ok))
    turned = design(catalog, cabinet("o", "open_shelf", width=800, height=1600, depth=350))
    assert ("part.sheet.Side", ("o",)) in codes(catalog, turned)


@pytest.mark.parametrize("front_height, ok", [(172, False), (188, True)])
def test_parts_smaller_than_the_machines_take_are_refused(catalog_copy, front_height, ok):
    # The drawer side is front_height - 56 wide: 116 mm is under a 120 mm minimum width, 132 is not.
    catalog = edited(catalog_copy, "catalog.toml", "min_part_width = 50", "min_part_width = 120")
    d = design(catalog, cabinet("c"), insert("dr", "drawer", "c", 2, front_height=front_height,
                                             runner="runner_400"))
    assert (("part.too_small.Drawer side", ("dr",)) not in codes(catalog, d)) == ok


@pytest.mark.parametrize("height, finish, ok", [
    (2000, "sage", True), (2200, "sage", False), (2200, "white", True),
])
def test_lacquer_fronts_only_up_to_their_height(catalog, height, finish, ok):
    d = design(catalog, cabinet("t", "tall_cabinet", width=600, height=height, depth=560),
               insert("d", "door", "t", finish=finish))
    assert (("compat.lacquer_front_height", ("d",)) not in codes(catalog, d)) == ok


def test_compatibility_fixes_offer_another_finish_or_a_lower_carcass(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("t", "tall_cabinet", width=600, height=2200, depth=560),
               insert("d", "door", "t", finish="sage"))
    finding = next(f for f in engine.check(d).errors if f.code.startswith("compat."))
    assert finding.message.startswith("Sage lacquer fronts are made up to 2000 mm tall")
    fixes = engine.fixes(d, finding)
    assert [f.label for f in fixes] == ["Choose Arctic white for the door", "Set the tall cabinet's height to 2000 mm"]
    for fix in fixes:
        assert not any(f.key == finding.key for f in engine.check(apply_fix(engine, d, fix)).findings)


@pytest.mark.parametrize("width, ok", [(900, True), (950, False)])
def test_push_to_open_drawers_only_up_to_900_mm(catalog, width, ok):
    d = design(catalog, cabinet("c", width=width),
               insert("dr", "drawer", "c", 2, handle="push_latch", runner="runner_400"))
    assert (("compat.push_latch_drawer_width", ("dr",)) not in codes(catalog, d)) == ok
