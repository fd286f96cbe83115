"""The kiosk's edits keep every preset orderable: rows re-pack, fronts and shelves re-fill, undo restores."""

from __future__ import annotations

import pytest

from app.domain.design.commands import UndoStack
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.editing.kiosk_choices import KioskEditor


@pytest.fixture(scope="module")
def editor(catalog):
    return KioskEditor(catalog)


def _apply(editor, design, command):
    outcome = editor.attempt(design, command)
    assert outcome.ok, outcome.errors
    stack = UndoStack(design)
    stack.push(outcome.command)
    return stack


def _x_extent(catalog, design, ids):
    layout = Layout(catalog, design)
    return [(float(layout.state(i).world_bounds[0][0]), float(layout.state(i).world_bounds[1][0])) for i in ids]


def test_a_wider_unit_pushes_its_neighbour_and_widens_the_plinth(catalog, editor):
    design = design_from_preset(catalog, "bookcase")
    before = design.snapshot()
    # 700 mm: its 25 mm shelves of books sag 3.7 mm against 2.8 allowed, a warning (900 would be an error).
    stack = _apply(editor, design, editor.resize(design, "c1", "width", 700))
    (a0, a1), (b0, b1) = _x_extent(catalog, design, ["c1", "c2"])
    assert (a0, a1, b0, b1) == (0, 700, 700, 1300)
    assert design.get("p1").params["width"] == 1300
    assert editor.check(design).ready_to_order
    stack.undo()
    assert design.snapshot() == before


def test_a_sideboard_top_keeps_spanning_its_row(catalog, editor):
    design = design_from_preset(catalog, "sideboard")
    _apply(editor, design, editor.resize(design, "c2", "width", 700))
    assert design.get("t1").params["width"] == 1900 == design.get("p1").params["width"]
    _apply(editor, design, editor.resize(design, "c2", "depth", 500))
    assert {design.get(c).params["depth"] for c in ("c1", "c2", "c3")} == {500}
    assert design.get("t1").params["depth"] == 520   # the 20 mm overhang stays
    assert design.get("p1").params["depth"] == 500


def test_height_moves_shelves_on_the_grid_and_restacks_drawers(catalog, editor):
    design = design_from_preset(catalog, "sideboard")
    _apply(editor, design, editor.resize(design, "c2", "height", 820))
    drawers = editor.inserts(design, "c2", "fronts")
    assert len(drawers) == 3
    assert [d.position[2] for d in drawers] == [2, 274, 546]   # fronts 268 = 124 + 9 x 16, 2 mm gaps
    assert editor.check(design).ready_to_order


def test_shelves_spread_evenly_and_fronts_change(catalog, editor):
    design = design_from_preset(catalog, "bookcase")
    _apply(editor, design, editor.set_shelves(design, "c1", 2))
    zs = [s.position[2] for s in editor.inserts(design, "c1", "shelves")]
    assert len(zs) == 2 and all((z - zs[0]) % 32 == 0 for z in zs)
    _apply(editor, design, editor.set_fronts(design, "c2", "double_door"))
    assert editor.front_kind(design, "c2") == ("double_door", 1)
    _apply(editor, design, editor.set_fronts(design, "c2", "drawers", 4))
    assert editor.front_kind(design, "c2") == ("drawers", 4)
    assert editor.inserts(design, "c2", "shelves") == []   # drawers fill the carcass
    assert editor.check(design).ready_to_order


def test_edits_that_would_break_a_rule_are_refused_with_the_rule(catalog, editor):
    design = design_from_preset(catalog, "sideboard")
    outcome = editor.attempt(design, editor.resize(design, "c1", "width", 650))   # a 650 mm single door
    assert not outcome.ok and {f.code for f in outcome.errors} == {"door.leaf_width"}
    design_tv = design_from_preset(catalog, "tv_bench")
    outcome = editor.attempt(design_tv, editor.resize(design_tv, "c1", "width", 950))   # push latch > 900
    assert not outcome.ok and outcome.errors[0].code == "compat.push_latch_drawer_width"


def test_finish_handle_and_legs_apply_to_their_groups(catalog, editor):
    design = design_from_preset(catalog, "tv_bench")
    _apply(editor, design, editor.set_finish(design, "fronts", "walnut"))
    assert {design.get(i).finish for i in ("c1d", "c2d")} == {"walnut"}
    _apply(editor, design, editor.set_option(design, "handle", "handle_knob"))
    assert editor.option_choice(design, "handle")[1] == "handle_knob"
    _apply(editor, design, editor.set_option(design, "leg", "leg_120"))
    assert Layout(catalog, design).state("c1").world_bounds[0][2] == 120   # the cabinet sits on the lower legs
    assert editor.check(design).ready_to_order


@pytest.mark.parametrize("preset", ["bookcase", "sideboard", "wardrobe", "tv_bench"])
def test_every_offered_step_of_every_preset_stays_orderable(catalog, editor, preset):
    """The kiosk offers a step only when attempt() accepts it; what it accepts has no rules error."""
    design = design_from_preset(catalog, preset)
    for unit in editor.units(design):
        for name in ("width", "height", "depth"):
            choice = editor.size_choice(design, unit, name)
            if choice is None:
                continue
            current, lo, hi, step = choice
            for value in (current - step, current + step):
                if lo <= value <= hi:
                    outcome = editor.attempt(design, editor.resize(design, unit, name, value))
                    if outcome.ok:
                        trial = design.copy()
                        outcome.command.apply(trial)
                        assert editor.check(trial).ready_to_order, (unit, name, value)
