"""The kiosk's 'Add beside this part' and 'Remove this part' (issue 15 item 4), without Qt.

Figures worked out by hand from the TV bench preset: two 900 mm drawer units on
their own 150 mm legs (x 0-900 and 900-1800), two 600 mm open wall cabinets
over them at x 300-900 and 900-1500, 1500-1900 mm up.  A tall cabinet is 800 mm
wide and 2000 mm tall by default.
"""

from __future__ import annotations

from app.domain.design.commands import fresh
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.editing.kiosk_choices import KioskEditor


def _x(catalog, design, module_id):
    lo, hi = Layout(catalog, design).state(module_id).world_bounds
    return round(float(lo[0])), round(float(hi[0]))


def _apply(editor, design, command):
    outcome = editor.attempt(design, command)
    assert outcome.ok, outcome.errors
    fresh(command).apply(design)


def test_only_the_catalogs_kiosk_units_that_stand_where_the_part_stands_are_offered(catalog):
    editor = KioskEditor(catalog)
    design = design_from_preset(catalog, "tv_bench")
    marked = {t for t, m in catalog.modules.items() if m.kiosk}
    assert marked == {"base_cabinet", "tall_cabinet", "wall_cabinet", "open_shelf"}
    assert editor.addable(design, "c1") == [t for t in catalog.modules if t in
                                            {"base_cabinet", "tall_cabinet", "open_shelf"}]
    assert editor.addable(design, "wc1") == ["wall_cabinet"]
    assert editor.add_unit(design, "c1", "wall_cabinet", "left") is None   # not beside a floor unit
    assert editor.add_unit(design, "c1", "tall_cabinet", "up") is None


def test_a_tall_unit_on_the_left_moves_the_bench_and_the_wall_cabinets_in_its_way(catalog):
    editor = KioskEditor(catalog)
    design = design_from_preset(catalog, "tv_bench")
    command = editor.add_unit(design, "c1", "tall_cabinet", "left")
    _apply(editor, design, command)
    new = next(m for m in design if m.type_id == "tall_cabinet")
    legs = design.get(new.to)
    # Its own legs like the bench's (leg_150, depth 450), as wide as it; the bench's depth and colour.
    assert (legs.type_id, legs.params["leg"], legs.params["width"], legs.params["depth"]) == \
        ("legs", "leg_150", 800, 450)
    assert new.params == {"depth": 450}   # its own default height: 400 mm is not a tall cabinet's
    assert new.finish == "anthracite"
    assert _x(catalog, design, new.id) == (0, 800)
    assert _x(catalog, design, "c1") == (800, 1700) and _x(catalog, design, "c2") == (1700, 2600)
    # The wall cabinets hang where the 2150 mm tall unit now stands: they move along too.
    assert _x(catalog, design, "wc1") == (1100, 1700) and _x(catalog, design, "wc2") == (1700, 2300)


def test_a_unit_of_the_benchs_height_between_two_units_takes_its_height_and_pushes_the_right_one(catalog):
    editor = KioskEditor(catalog)
    design = design_from_preset(catalog, "tv_bench")
    _apply(editor, design, editor.add_unit(design, "c2", "base_cabinet", "left"))   # between c1 and c2
    new = next(m for m in design if m.type_id == "base_cabinet" and m.id not in ("c1", "c2"))
    assert new.params["height"] == 400 and new.params["depth"] == 450
    assert _x(catalog, design, "c1") == (0, 900)
    assert _x(catalog, design, new.id) == (900, 1500)        # a 600 mm base cabinet
    assert _x(catalog, design, "c2") == (1500, 2400)
    assert _x(catalog, design, "l1") == (0, 900)             # the left unit's legs did not grow
    # The wall cabinets are above the low unit: they stay.
    assert _x(catalog, design, "wc1") == (300, 900) and _x(catalog, design, "wc2") == (900, 1500)


def test_remove_closes_the_gap_takes_the_legs_along_and_keeps_the_last_part(catalog):
    editor = KioskEditor(catalog)
    design = design_from_preset(catalog, "tv_bench")
    _apply(editor, design, editor.remove_unit(design, "c1"))
    assert "c1" not in design and "c1d" not in design and "l1" not in design
    assert _x(catalog, design, "c2") == (0, 900)
    _apply(editor, design, editor.remove_unit(design, "wc1"))
    assert _x(catalog, design, "wc2") == (300, 900)   # the wall run closes up from its left end
    _apply(editor, design, editor.remove_unit(design, "wc2"))
    assert editor.units(design) == ["c2"]
    assert not editor.can_remove(design, "c2") and editor.remove_unit(design, "c2") is None


def test_a_height_step_on_a_tall_side_unit_changes_the_tall_ones_not_the_bench(catalog):
    editor = KioskEditor(catalog)
    design = design_from_preset(catalog, "tv_bench")
    _apply(editor, design, editor.add_unit(design, "c1", "tall_cabinet", "left"))
    _apply(editor, design, editor.add_unit(design, "c2", "tall_cabinet", "right"))
    talls = [m.id for m in design if m.type_id == "tall_cabinet"]
    assert sorted(editor.row(design, talls[0], "height")) == sorted(talls)
    _apply(editor, design, editor.resize(design, talls[0], "height", 1800))
    assert {design.get(t).params["height"] for t in talls} == {1800}
    assert {design.get(c).params["height"] for c in ("c1", "c2")} == {400}


def test_the_kiosk_flag_is_for_units_only_and_a_wrong_one_is_named_at_load(catalog_copy):
    from app.domain.catalog.loader import load_catalog

    legs = catalog_copy / "modules" / "legs.toml"
    legs.write_text(legs.read_text().replace('category = "base"', 'category = "base"\nkiosk = true'))
    loaded = load_catalog(catalog_copy)
    assert "legs" not in loaded.modules
    problems = [str(p) for p in loaded.problems]
    assert any("legs.toml" in p and "module 'legs'" in p and "kiosk = true is for units" in p for p in problems), \
        problems
    # Without the flag nothing is offered: the kiosk adds only what its catalog marks.
    for name in ("base_cabinet", "tall_cabinet", "wall_cabinet", "open_shelf"):
        path = catalog_copy / "modules" / f"{name}.toml"
        path.write_text("\n".join(line for line in path.read_text().split("\n") if not line.startswith("kiosk")))
    unmarked = load_catalog(catalog_copy)
    design, editor = design_from_preset(unmarked, "bookcase"), KioskEditor(unmarked)
    assert editor.addable(design, editor.units(design)[0]) == []
    assert editor.add_unit(design, editor.units(design)[0], "tall_cabinet", "right") is None


def test_a_tall_unit_beside_a_sideboard_leaves_its_top_alone_and_never_goes_under_it(catalog):
    editor = KioskEditor(catalog)
    design = design_from_preset(catalog, "sideboard")
    top = next(m for m in design if catalog.module(m.type_id).category == "top")
    units = editor.units(design)
    width = design.get(top.id).params["width"]
    # At the right end: the top keeps its width (the tall unit is not of the sideboard's height).
    _apply(editor, design, editor.add_unit(design, units[-1], "tall_cabinet", "right"))
    assert design.get(top.id).params["width"] == width
    # Between two of the sideboard's cabinets it would stand under the top: refused, and why.
    design = design_from_preset(catalog, "sideboard")
    outcome = editor.attempt(design, editor.add_unit(design, units[0], "tall_cabinet", "right"))
    assert not outcome.ok
    assert next(e.code for e in outcome.errors if hasattr(e, "code")) == "assembly.overlap"
