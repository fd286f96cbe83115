"""Rules 4 and 5: doors the hinges carry, two leaves for wide openings; drawers that fit and carry."""

from __future__ import annotations

import pytest

from app.domain.rules import RulesEngine
from tests.domain.rules_helpers import apply_fix, cabinet, codes, design, edited, insert


@pytest.mark.parametrize("width, ok", [(600, True), (650, False), (1200, False)])
def test_a_single_door_leaf_is_at_most_600_mm_wide(catalog, width, ok):
    # Leaf = carcass width - 2 x 2 mm reveal: 596 mm fits the 600 mm limit, 646 mm does not.
    d = design(catalog, cabinet("c", width=width), insert("d", "door", "c"))
    assert (("door.leaf_width", ("d",)) not in codes(catalog, d)) == ok


def test_a_double_door_splits_a_wide_opening(catalog):
    d = design(catalog, cabinet("c", width=1200), insert("d", "double_door", "c"))
    assert not RulesEngine(catalog).check(d).errors   # two leaves of 596.5 mm


def test_a_too_wide_door_is_fixed_by_two_leaves_or_a_narrower_carcass(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("c", width=900), insert("d", "door", "c", handle="handle_knob"))
    finding = next(f for f in engine.check(d).errors if f.code == "door.leaf_width")
    assert finding.measure.value == 896 and finding.measure.limit == 600
    split, narrower = engine.fixes(d, finding)
    assert split.label == "Use a double door (two leaves)"
    assert narrower.label == "Set the base cabinet's width to 600 mm"
    after = apply_fix(engine, d, split)
    (new,) = after.children("c")
    assert (new.type_id, new.params.get("handle"), new.finish) == ("double_door", "handle_knob", "white")
    assert not engine.check(after).errors


def test_doors_beyond_every_row_of_the_hinge_table_are_refused(catalog_copy):
    # A catalog whose hinges carry at most 8 kg: a 596 x 716 mm MDF door with its handle weighs 6.2 kg,
    # a 596 x 1996 mm one about 17 kg.
    catalog = edited(catalog_copy, "catalog.toml", """hinge_table = [
  { max_door_weight_kg = 6,  max_door_height = 1000, hinges = 2 },
  { max_door_weight_kg = 12, max_door_height = 1600, hinges = 3 },
  { max_door_weight_kg = 18, max_door_height = 2000, hinges = 4 },
  { max_door_weight_kg = 25, max_door_height = 2400, hinges = 5 },
]""", "hinge_table = [{ max_door_weight_kg = 8, max_door_height = 2400, hinges = 3 }]")
    light = design(catalog, cabinet("c", width=600, height=720), insert("d", "door", "c"))
    heavy = design(catalog, cabinet("t", "tall_cabinet", width=600, height=2000), insert("d", "door", "t"))
    assert ("door.hinges", ("d",)) not in codes(catalog, light)
    assert ("door.hinges", ("d",)) in codes(catalog, heavy)


@pytest.mark.parametrize("depth, runner, ok", [
    (450, "runner_400", True),
    (450, "runner_450", False),   # 447 mm inside: the 450 mm runner does not fit
    (460, "runner_450", True),    # 457 mm inside
    (560, "runner_500", True),
    (500, "runner_500", False),
])
def test_runners_must_fit_the_carcass_depth(catalog, depth, runner, ok):
    d = design(catalog, cabinet("c", depth=depth), insert("dr", "drawer", "c", 2, runner=runner))
    assert (("drawer.runner_depth", ("dr",)) not in codes(catalog, d)) == ok


def test_a_too_long_runner_is_fixed_by_the_longest_that_fits_or_a_deeper_carcass(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("c", depth=450), insert("dr", "drawer", "c", 2, runner="runner_500"))
    finding = next(f for f in engine.check(d).errors if f.code == "drawer.runner_depth")
    labels = [f.label for f in engine.fixes(d, finding)]
    # The nearest runner that fits 447 mm inside is the 400 mm one (the 450 mm one does not fit either).
    assert labels == ["Set the drawer's runner length to Full-extension soft-close runner 400 mm, 40 kg (pair)",
                      "Set the base cabinet's depth to 510 mm"]


@pytest.mark.parametrize("load, ok", [(70, True), (90, False)])
def test_drawer_contents_against_the_runner_load_class(catalog_copy, load, ok):
    # 1200 mm carcass, 450 mm runners (40 kg): the box floor is 448 x 1134 mm = 0.508 m2.
    # At 70 kg/m2 that is 35.6 kg (fine), at 90 kg/m2 45.7 kg (over 40 kg).
    catalog = edited(catalog_copy, "catalog.toml", "design_load_kg_per_m2 = 70", f"design_load_kg_per_m2 = {load}")
    d = design(catalog, cabinet("c", width=1200), insert("dr", "drawer", "c", 2, runner="runner_450"))
    assert (("drawer.load", ("dr",)) not in codes(catalog, d)) == ok
    if not ok:
        engine = RulesEngine(catalog)
        finding = next(f for f in engine.check(d).findings if f.code == "drawer.load")
        assert finding.severity == "warning" and finding.measure.limit == 40
        assert any("500 mm, 70 kg" in fix.label for fix in engine.fixes(d, finding))
