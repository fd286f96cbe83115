"""Parts expansion: panels, cut sizes, masses, hardware and hinge counts from the catalog.

Expected figures are worked out by hand from catalogs/linea (comments show how).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.design.design import Design, PlacedModule
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.production.hinges import hinge_count
from app.domain.production.parts import PartsCache, PartsError, design_parts, module_parts


def _design(catalog, *modules: PlacedModule) -> Design:
    return Design(catalog.id, catalog.version, "test", list(modules))


def _parts(catalog, design: Design, module_id: str):
    return module_parts(catalog, Layout(catalog, design).state(module_id))


def _cabinet(width=600, height=720, depth=560, **kw) -> PlacedModule:
    return PlacedModule("c", "base_cabinet", {"width": width, "height": height, "depth": depth}, "white", **kw)


def _door(handle="handle_bar_160") -> PlacedModule:
    return PlacedModule("d", "door", {"handle": handle}, "white", attach="in", to="c")


def test_base_cabinet_panels_sizes_cut_sizes_and_masses(catalog):
    parts = _parts(catalog, _design(catalog, _cabinet()), "c")
    got = {p.name: p for p in parts.panels}
    assert list(got) == ["Side", "Bottom", "Top", "Back"]
    side = got["Side"]
    # Side: length = height = 720, width = depth - back = 560 - 3 = 557; 2 of them; abs2 (2 mm) on L1 only,
    # so the cut width loses 2 mm (557 - 2 = 555) and the length stays 720.
    assert (side.count, side.length, side.width, side.cut_length, side.cut_width) == (2, 720, 557, 720, 555)
    assert (side.material, side.finish, side.thickness, side.edge_map) == ("mfc18", "white", 18, {"L1": "abs2"})
    # Mass: 0.720 m x 0.557 m x 0.018 m x 680 kg/m3 = 4.9087296 kg (finished size, banding not counted).
    assert side.mass_kg == D("4.9087296")
    bottom = got["Bottom"]
    # Bottom: width - 2 t = 600 - 36 = 564 long, 557 wide, cut 564 x 555.
    assert (bottom.length, bottom.width, bottom.cut_length, bottom.cut_width) == (564, 557, 564, 555)
    back = got["Back"]
    # Back: HDF 3 mm, 718 x 598, no banding, fixed finish white; 0.718 x 0.598 x 0.003 x 900 = 1.1592828 kg.
    assert (back.material, back.finish, back.cut_length, back.cut_width) == ("hdf3", "white", 718, 598)
    assert back.mass_kg == D("1.1592828")
    assert [(h.item, h.qty, h.unit) for h in parts.hardware] == [("connector", 8, "pcs")]
    # labour_minutes = 30 + width / 100 = 36; connectors 8 x 0.02 kg.
    assert parts.labour_minutes == 36
    assert parts.hardware_kg == D("0.16")
    # 2 x 4.9087296 + 2 x (0.564 x 0.557 = 0.314148 m2 x 0.018 x 680 = 3.84517152) + 1.1592828
    assert parts.panel_kg == D("9.8174592") + D("7.69034304") + D("1.1592828") == D("18.66708504")
    assert parts.mass_kg == parts.panel_kg + D("0.16")
    assert parts.leaves == ()


def test_banding_on_all_four_edges_shortens_both_cut_sizes(catalog):
    design = _design(catalog, _cabinet(), _door())
    door = _parts(catalog, design, "d").panels[0]
    # Door leaf: height - 2 gap = 716 long, width - 2 gap = 596 wide, abs1 (1 mm) on every edge:
    # cut 716 - 1 - 1 = 714 by 596 - 1 - 1 = 594.  MDF 19 mm, the module's finish.  The catalog part's
    # grain runs along its length, but neither MDF nor white has a grain: the panel's grain is none.
    assert (door.length, door.width, door.cut_length, door.cut_width) == (716, 596, 714, 594)
    assert (door.material, door.thickness, door.finish, door.grain) == ("mdf19", 19, "white", "none")
    top = _parts(catalog, _design(catalog, _cabinet(), PlacedModule(
        "t", "top_panel", {"width": 1800, "depth": 470}, "oak", attach="on", to="c")), "t").panels[0]
    # 25 mm top with abs2_29 (2 mm) all round: 1800 - 4 = 1796, 470 - 4 = 466; the oak decor's grain along it.
    assert (top.cut_length, top.cut_width, top.finish, top.grain) == (1796, 466, "oak", "length")


def test_tenth_millimetre_cut_size(catalog):
    plinth = _parts(catalog, _design(catalog, PlacedModule("p", "plinth", {"width": 1800, "depth": 450})), "p")
    front = plinth.panels[0]
    # Plinth front/back: 1800 x 100 with abs04 (0.4 mm) on L1: cut width 100 - 0.4 = 99.6.
    assert (front.count, front.cut_length, front.cut_width) == (2, 1800, D("99.6"))
    # Feet: 4 + 2 x floor(1800 / 800) = 8.
    assert [(h.item, h.qty) for h in plinth.hardware] == [("plinth_foot", 8), ("connector", 4)]


def test_hinges_come_from_the_table_by_weight_and_height(catalog):
    design = _design(catalog, _cabinet(), _door())
    parts = _parts(catalog, design, "d")
    (leaf,) = parts.leaves
    # Door 716 x 596 x 19 mm MDF at 750 kg/m3: 0.716 x 0.596 x 0.019 x 750 = 6.080988 kg, + bar handle 0.12 kg
    # = 6.200988 kg: over the 6 kg row, within the 12 kg / 1600 mm row -> 3 hinges (the old height-only
    # formula said 2).
    assert (leaf.height, leaf.width, leaf.panel_kg, leaf.handle_kg) == (716, 596, D("6.080988"), D("0.12"))
    assert leaf.weight_kg == D("6.200988")
    assert (leaf.hinges, leaf.within_table) == (3, True)
    assert dict((h.item, h.qty) for h in parts.hardware) == {"hinge_110": 3, "handle_bar_160": 1}


def test_a_lighter_handle_can_save_a_hinge(catalog):
    # Cabinet 700 high: door 696 x 596: 0.696 x 0.596 x 0.019 x 750 = 5.911128 kg.
    def hinges(handle: str) -> int:
        design = _design(catalog, _cabinet(height=700), _door(handle))
        return dict((h.item, h.qty) for h in _parts(catalog, design, "d").hardware)["hinge_110"]

    assert hinges("handle_bar_160") == 3   # + 0.12 kg = 6.031128 kg > 6 kg
    assert hinges("handle_knob") == 2      # + 0.05 kg = 5.961128 kg
    assert hinges("push_latch") == 2       # a latch is not a handle: the leaf alone, 5.911128 kg


def test_double_door_leaves_share_the_handles(catalog):
    design = design_from_preset(catalog, "wardrobe")
    parts = _parts(catalog, design, "w1d")
    (leaf,) = parts.leaves
    # Leaves: (1000 - 2 x 2 - 3) / 2 = 496.5 wide, 2200 - 4 = 2196 high; 2.196 x 0.4965 x 0.019 x 750
    # = 15.5369745 kg, + 2 knobs x 0.05 kg / 2 leaves = 15.5869745 kg; 2196 mm is over the 2000 mm row,
    # so the 25 kg / 2400 mm row: 5 hinges a leaf, 10 in all.
    assert (leaf.count, leaf.height, leaf.width, leaf.handle_kg) == (2, 2196, D("496.5"), D("0.05"))
    assert leaf.weight_kg == D("15.5869745")
    assert leaf.hinges == 5
    assert dict((h.item, h.qty) for h in parts.hardware) == {"hinge_110": 10, "handle_knob": 2}


def test_a_door_beyond_the_table_gets_the_most_hinges_and_says_so(catalog):
    design = _design(catalog, PlacedModule("c", "tall_cabinet", {"width": 1000, "height": 2300}, "white"),
                     PlacedModule("d", "door", {}, "white", attach="in", to="c"))
    (leaf,) = _parts(catalog, design, "d").leaves
    # 2296 x 996 x 19 x 750 / 1e9 = 32.58 kg: heavier than the 25 kg row.
    assert (leaf.hinges, leaf.within_table) == (5, False)


def test_hinge_table_lookup_boundaries(catalog):
    table = catalog.info.limits.doors.hinge_table
    assert hinge_count(table, D(6), D(1000)) == (2, True)        # both limits are inclusive
    assert hinge_count(table, D("6.001"), D(1000)) == (3, True)
    assert hinge_count(table, D(5), D(1001)) == (3, True)        # a tall light door still needs 3
    assert hinge_count(table, D(25), D(2400)) == (5, True)
    assert hinge_count(table, D(26), D(500)) == (5, False)


def test_metre_hardware_and_option_chosen_items(catalog):
    design = design_from_preset(catalog, "wardrobe")
    rail = _parts(catalog, design, "w1r")
    # Rail: (opening width - 6) / 1000 = (1000 - 36 - 6) / 1000 = 0.958 m; two end supports.
    assert [(h.item, h.qty, h.unit) for h in rail.hardware] == [("wardrobe_rail", D("0.958"), "m"),
                                                                ("rail_support", 2, "pcs")]
    assert rail.panels == ()
    sideboard = design_from_preset(catalog, "sideboard")
    drawer = _parts(catalog, sideboard, "c2d1")
    assert [h.item for h in drawer.hardware] == ["runner_400", "handle_bar_160", "connector"]
    sides = drawer.panels[1]
    # Drawer side: runner.length = 400 long, front_height - box_drop = 236 - 56 = 180 wide, 16 mm, fixed white.
    assert (sides.name, sides.length, sides.width, sides.thickness, sides.finish) == ("Drawer side", 400, 180, 16,
                                                                                       "white")


def test_every_preset_module_expands(catalog):
    for preset_id in catalog.presets:
        design = design_from_preset(catalog, preset_id)
        expanded = design_parts(catalog, design)
        assert [p.module_id for p in expanded] == design.ids()
        assert all(p.labour_minutes > 0 for p in expanded)


def test_cache_expands_equal_modules_once_and_keeps_ids(catalog):
    design = design_from_preset(catalog, "bookcase")
    cache = PartsCache(catalog)
    cached = design_parts(catalog, design, cache=cache)
    # Two equal cabinets, eight equal shelves, one plinth: three different expansions.
    assert len(cache) == 3
    assert cached == design_parts(catalog, design)
    assert [p.module_id for p in cached] == design.ids()


def test_unknown_finish_names_the_module(catalog):
    design = _design(catalog, PlacedModule("c9", "base_cabinet", {}, "purple"))
    with pytest.raises(PartsError, match="module 'c9' \\(base_cabinet\\): unknown finish 'purple'"):
        design_parts(catalog, design)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file, old, new, message", [
    ("modules/shelf.toml", 'item = "shelf_pin"\nqty = 4', 'item = "shelf_pin"\nqty = "hinges_per_leaf"',
     "field 'hardware[0].qty': 'hinges_per_leaf' needs a part with role 'front'"),
    ("modules/door.toml", 'item = "handle"\nqty = 1', 'item = "handle"\nqty = "hinges_per_leaf"',
     "field 'hardware[1].qty': a handle's quantity cannot use 'hinges_per_leaf'"),
    ("modules/door.toml", "t = 19 ", "hinges_per_leaf = 2\nt = 19 ",
     "field 'constants': 'hinges_per_leaf' is a name the program derives"),
])
def test_loader_checks_the_derived_hinge_name(catalog_copy, file, old, new, message):
    _edit(catalog_copy / file, old, new)
    loaded = load_catalog(catalog_copy)
    assert any(message in str(p) for p in loaded.problems), [str(p) for p in loaded.problems]
    assert Path(file).stem not in loaded.modules


def test_labour_minutes_are_kept_to_the_hundredth(catalog):
    design = _design(catalog, _cabinet(width=1000), PlacedModule("t", "top_panel", {"width": 1000}, "oak",
                                                                  attach="on", to="c"))
    # 8 + 1000 / 300 = 11.3333... minutes -> 11.33
    assert _parts(catalog, design, "t").labour_minutes == D("11.33")
