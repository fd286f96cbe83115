"""Runs (issue 14 item 1): widening pushes the neighbours, deleting closes the gap, a new unit joins.

Figures are worked out by hand from the presets: the sideboard is a 1800 mm plinth p1 carrying
three 600 mm base cabinets c1, c2, c3 (at 0, 600, 1200 on the plinth) under one 1800 mm top t1
resting on c1; the bookcase two 600 mm tall cabinets on a 1200 mm plinth.
"""

from __future__ import annotations

import pytest

from app.domain.design import runs
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.rules.engine import RulesEngine
from app.editing import doors, placing


@pytest.fixture
def sideboard(catalog):
    return design_from_preset(catalog, "sideboard")


def xs(catalog, design, *ids):
    layout = Layout(catalog, design)
    return [(float(layout.state(i).world_bounds[0][0]), float(layout.state(i).world_bounds[1][0])) for i in ids]


def errors(catalog, design):
    return [f for f in RulesEngine(catalog).check(design).errors]


def test_the_sideboard_is_one_run_of_three_with_its_top_and_plinth(catalog, sideboard):
    layout = Layout(catalog, sideboard)
    run = runs.run_of(catalog, layout, "c2d1")   # a drawer belongs to its cabinet's run
    assert run is not None and run.units == ("c1", "c2", "c3")
    assert (run.lo, run.hi, run.bottom, run.level) == (0.0, 1800.0, 100.0, "floor")
    assert sorted(runs.spanning(catalog, layout, run)) == ["p1", "t1"]


def test_widening_the_middle_cabinet_pushes_its_neighbour_and_stretches_top_and_plinth(catalog, sideboard):
    assert not errors(catalog, sideboard)
    proposal = placing.resize(catalog, sideboard, ["c2"], "width", 700, "Change width")
    proposal.command.apply(sideboard)
    # c2 grows 100 mm to the right: c3 moves from 1200-1800 to 1300-1900; top and plinth 1900 long.
    assert xs(catalog, sideboard, "c1", "c2", "c3") == [(0, 600), (600, 1300), (1300, 1900)]
    assert sideboard.get("t1").params["width"] == 1900 and sideboard.get("p1").params["width"] == 1900
    assert not errors(catalog, sideboard)
    proposal.command.revert(sideboard)
    assert sideboard == design_from_preset(catalog, "sideboard")


def test_deleting_the_middle_cabinet_closes_the_gap(catalog, sideboard):
    proposal = placing.delete(catalog, sideboard, "c2")
    proposal.command.apply(sideboard)
    assert "c2" not in sideboard and "c2d1" not in sideboard
    assert xs(catalog, sideboard, "c1", "c3") == [(0, 600), (600, 1200)]
    assert sideboard.get("t1").params["width"] == 1200 and sideboard.get("p1").params["width"] == 1200
    assert not errors(catalog, sideboard)


def test_deleting_the_cabinet_carrying_the_top_hands_the_top_on(catalog, sideboard):
    proposal = placing.delete(catalog, sideboard, "c1")
    proposal.command.apply(sideboard)
    top = sideboard.get("t1")
    assert top.to == "c2" and top.params["width"] == 1200
    assert xs(catalog, sideboard, "c2", "c3", "t1") == [(0, 600), (600, 1200), (0, 1200)]
    assert not errors(catalog, sideboard)
    proposal.command.revert(sideboard)
    assert sideboard == design_from_preset(catalog, "sideboard")


def test_a_base_cabinet_added_to_the_sideboard_takes_its_height_depth_finish_plinth_and_top(catalog, sideboard):
    proposal = placing.place(catalog, sideboard, "base_cabinet", selected="c3")
    proposal.command.apply(sideboard)
    new = sideboard.get(proposal.select)
    assert new.to == "p1" and new.attach == "on"
    assert new.params["height"] == 720 and new.params["depth"] == 450 and new.finish == "white"
    lo, hi = Layout(catalog, sideboard).state(new.id).world_bounds
    assert (float(lo[0]), float(hi[0]), float(lo[1]), float(lo[2])) == (1800, 2400, -450, 100)
    assert sideboard.get("p1").params["width"] == 2400 and sideboard.get("t1").params["width"] == 2400
    assert not errors(catalog, sideboard)


def test_a_tall_cabinet_does_not_join_low_cabinets(catalog, sideboard):
    proposal = placing.place(catalog, sideboard, "tall_cabinet", selected="c3")
    proposal.command.apply(sideboard)
    new = sideboard.get(proposal.select)
    assert new.attach == "floor" and new.to is None
    assert sideboard.get("p1").params["width"] == 1800


def test_paired_doors_hinge_away_from_each_other(catalog, sideboard):
    # Drawers out of c2, a door in: c1 and c2 then pair (left, right); c3 alone at the right end: right.
    for drawer in ("c2d1", "c2d2", "c2d3"):
        placing.delete(catalog, sideboard, drawer).command.apply(sideboard)
    proposal = placing.place(catalog, sideboard, "door", host_id="c2")
    proposal.command.apply(sideboard)
    door = sideboard.get(proposal.select)
    sides = {d: sideboard.get(d).params.get("hinge_side") for d in ("c1d", door.id, "c3d")}
    # c1, c2, c3 all have doors now: pairs from the left (c1 left, c2 right), the odd last one right.
    assert sides == {"c1d": "left", door.id: "right", "c3d": "right"}
    assert door.finish == "sage"   # the run's fronts' finish, not the door's default
    assert doors.hinge_param(catalog.module("door")) == "hinge_side"


def test_a_wall_cabinet_next_to_two_tall_units_hangs_with_its_top_in_line_and_steps_down(catalog):
    design = design_from_preset(catalog, "bookcase")   # two tall units 0-1200 on a 100 mm plinth: tops at 2100
    proposal = placing.place(catalog, design, "wall_cabinet")
    proposal.command.apply(design)
    cabinet = design.get(proposal.select)
    # Over the tall units there is no room under the 2400 mm ceiling; beside them its top is in line (2100).
    assert cabinet.attach == "wall" and cabinet.position == (1200.0, 0.0, 1700.0)
    assert not errors(catalog, design)
    # Arrow down: the next snap height below is 1650 (every 50 mm); up again to 1700, then 1750.
    down = placing.step(catalog, design, cabinet.id, 2, -1)
    assert down.command.position == (1200.0, 0.0, 1650.0)
    down.command.apply(design)
    up = placing.step(catalog, design, cabinet.id, 2, +1)
    assert up.command.position[2] == 1700.0
    up.command.apply(design)
    placing.step(catalog, design, cabinet.id, 2, +1).command.apply(design)
    # 1800 + 400 = 2200, 1950 + 400 = 2350: the top stays under the 2400 mm limit (max_assembly_height).
    for _ in range(10):
        step = placing.step(catalog, design, cabinet.id, 2, +1)
        if not step.ok:
            break
        step.command.apply(design)
    assert design.get(cabinet.id).position[2] == 2000.0 and not step.ok


def test_a_wall_cabinet_over_low_cabinets_hangs_at_the_usual_gap_above_the_worktop(catalog, sideboard):
    proposal = placing.place(catalog, sideboard, "wall_cabinet")
    proposal.command.apply(sideboard)
    cabinet = sideboard.get(proposal.select)
    # The worktop (top panel) is at 100 + 720 + 25 = 845; the first gap of [placement.wall_units] is 500.
    assert cabinet.position == (0.0, 0.0, 1345.0)
    # It never comes closer to the worktop than the 450 mm clearance: 1295 is the lowest height.
    heights = [p[2] for p in placing.snap_steps(catalog, sideboard, cabinet.id) if p[0] == 0.0]
    assert min(heights) == 1300.0 and 1295.0 not in heights


def test_a_second_wall_cabinet_joins_the_first_at_its_height(catalog, sideboard):
    first = placing.place(catalog, sideboard, "wall_cabinet")
    first.command.apply(sideboard)
    placing.step(catalog, sideboard, first.select, 2, +1).command.apply(sideboard)   # 1350
    second = placing.place(catalog, sideboard, "wall_cabinet", selected=first.select)
    second.command.apply(sideboard)
    assert sideboard.get(second.select).position == (600.0, 0.0, 1350.0)


def test_wall_cabinets_between_tall_units_push_the_right_tall_unit_when_widened(catalog):
    from app.domain.design.presets import empty_design

    design = empty_design(catalog)

    def add(proposal):
        proposal.command.apply(design)
        return proposal.select

    left = add(placing.place(catalog, design, "tall_cabinet"))
    placing.resize(catalog, design, [left], "width", 600, "w").command.apply(design)
    first = add(placing.place(catalog, design, "wall_cabinet"))
    middle = add(placing.place(catalog, design, "wall_cabinet", selected=first))
    last = add(placing.place(catalog, design, "wall_cabinet", selected=middle))
    right = add(placing.place(catalog, design, "tall_cabinet"))   # past the wall cabinets: 2400
    placing.resize(catalog, design, [right], "width", 600, "w").command.apply(design)
    bench = add(placing.place(catalog, design, "base_cabinet"))   # right of everything: 3000
    assert xs(catalog, design, first, middle, last, right, bench) == [
        (600, 1200), (1200, 1800), (1800, 2400), (2400, 3000), (3000, 3600)]
    placing.resize(catalog, design, [middle], "width", 800, "w").command.apply(design)
    # The middle wall cabinet 200 mm wider: the last one and the tall unit against it move along,
    # and the bench standing against the tall unit (same floor run) goes with it.
    assert xs(catalog, design, left, first, middle, last, right, bench) == [
        (0, 600), (600, 1200), (1200, 2000), (2000, 2600), (2600, 3200), (3200, 3800)]
    assert not [f for f in errors(catalog, design) if f.code == "assembly.overlap"]


def test_duplicating_a_cabinet_of_a_run_puts_the_copy_at_its_end_under_the_same_top(catalog, sideboard):
    proposal = placing.duplicate(catalog, sideboard, "c1")
    proposal.command.apply(sideboard)
    copy = sideboard.get(proposal.select)
    assert copy.to == "p1" and xs(catalog, sideboard, copy.id) == [(1800, 2400)]
    # Its shelf and door come along; the run's top does not (it grows to 2400 instead), nor does the plinth.
    assert sorted(c.type_id for c in sideboard.children(copy.id)) == ["door", "shelf"]
    assert [m.id for m in sideboard if m.type_id == "top_panel"] == ["t1"]
    assert sideboard.get("t1").params["width"] == 2400 and sideboard.get("p1").params["width"] == 2400
    assert not errors(catalog, sideboard)


@pytest.mark.parametrize(("deleted", "left"), [(["c1", "c2"], "c3"), (["c2", "c3"], "c1"), (["c1", "c3"], "c2")])
def test_deleting_two_cabinets_at_once_leaves_one_under_the_top_on_its_plinth(catalog, sideboard, deleted, left):
    proposal = placing.delete(catalog, sideboard, deleted)
    proposal.command.apply(sideboard)
    assert xs(catalog, sideboard, left, "t1", "p1") == [(0, 600), (0, 600), (0, 600)]
    assert sideboard.get("t1").to == left and not errors(catalog, sideboard)
    proposal.command.revert(sideboard)   # one step
    assert sideboard == design_from_preset(catalog, "sideboard")


def test_deleting_the_last_cabinet_on_a_plinth_takes_the_plinth_too(catalog, sideboard):
    placing.delete(catalog, sideboard, ["c1", "c2", "c3"]).command.apply(sideboard)
    assert len(sideboard) == 0
