"""The bundled sample catalog loads completely, with realistic data, immutably."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset


def test_sample_system_is_complete(catalog):
    categories = {m.category for m in catalog.modules.values()}
    assert {"carcass", "open_shelf", "insert", "front", "base", "top"} <= categories
    support = {m.id: set(m.attach.support) for m in catalog.modules.values()}
    assert "floor" in support["base_cabinet"] and "floor" in support["tall_cabinet"]
    assert support["wall_cabinet"] == {"wall"}
    assert {"door", "double_door", "drawer", "shelf", "plinth", "legs", "top_panel"} <= set(catalog.modules)
    assert len(catalog.materials) >= 5 and len(catalog.finishes) >= 6 and len(catalog.hardware) >= 8
    assert len(catalog.presets) >= 4
    handles = {h for h, item in catalog.hardware.items() if item.kind == "handle"}
    assert len(handles) >= 2
    kinds = {item.kind for item in catalog.hardware.values()}
    assert {"hinge", "runner", "handle", "shelf_pin", "connector", "leg", "wall_anchor", "hanging_rail"} <= kinds


def test_real_board_figures(catalog):
    mfc = catalog.materials["mfc18"]
    assert (mfc.thickness, mfc.sheet) == (18, (2800, 2070))
    assert catalog.materials["hdf3"].thickness == 3
    assert catalog.materials["mdf19"].thickness == 19
    assert catalog.info.currency == "EUR" and 0 < catalog.info.vat_rate < 1


def test_catalog_is_immutable(catalog):
    with pytest.raises(ValidationError):
        catalog.materials["mfc18"].thickness = 25
    with pytest.raises(TypeError):
        catalog.modules["door"] = catalog.modules["shelf"]


def test_formulas_give_real_part_sizes(catalog):
    from app.domain.catalog.module_eval import module_env, resolve_params

    cabinet = catalog.module("base_cabinet")
    env = module_env(catalog, cabinet, resolve_params(cabinet, {"width": 800}))
    sizes = {p.name: (p.qty.number(env), p.length.number(env), p.width.number(env)) for p in cabinet.parts}
    assert sizes["Side"] == (2, 720, 557)
    assert sizes["Bottom"] == (1, 764, 557)
    assert sizes["Back"] == (1, 718, 798)


@pytest.mark.parametrize("preset_id", ["bookcase", "sideboard", "wardrobe", "tv_bench"])
def test_presets_lay_out(catalog, preset_id):
    layout = Layout(catalog, design_from_preset(catalog, preset_id))
    lo, hi = layout.overall_bounds()
    assert lo[0] == 0 and hi[1] == 0 and lo[2] == 0  # starts at the wall corner, on the floor
    assert hi[2] <= catalog.info.limits.max_assembly_height


def test_inserts_follow_their_host(catalog):
    from dataclasses import replace

    design = design_from_preset(catalog, "sideboard")
    before = Layout(catalog, design).state("c2d1").world_bounds
    design.replace(replace(design.get("p1"), position=(500.0, 0.0, 0.0)), "moved")
    after = Layout(catalog, design).state("c2d1").world_bounds
    assert after[0][0] - before[0][0] == 500
    assert (after[0][1:] == before[0][1:]).all()


def test_insert_sizes_come_from_the_host(catalog):
    design = design_from_preset(catalog, "sideboard")
    layout = Layout(catalog, design)
    door = layout.state("c1d")
    assert door.size == (596, 19, 716)   # 600 x 720 carcass, 2 mm reveal
    shelf = layout.state("c1s1")
    assert shelf.size == (562, 427, 18)  # 564 opening - 2 mm play, 447 deep - 20 setback


def test_quarter_turn_rotation(catalog):
    from app.domain.design.design import Design, PlacedModule

    design = Design(catalog.id, catalog.version, modules=[
        PlacedModule("a", "base_cabinet", {}, "white", (0, 0, 0), rotation=1)])
    lo, hi = Layout(catalog, design).state("a").world_bounds
    # A quarter turn counter-clockwise: width now runs along y, depth along -x.
    assert list(lo) == [0, 0, 0] and list(hi) == [560, 600, 720]


def test_layout_invalidation_recomputes_only_what_an_edit_touched(catalog):
    from app.domain.design.commands import SetParameter

    design = design_from_preset(catalog, "sideboard")
    layout = Layout(catalog, design)
    before = {s.module.id: s for s in layout.states()}
    SetParameter("c1", name="depth", value=500).apply(design)
    layout.invalidate("c1")
    after = {s.module.id: s for s in layout.states()}
    assert after["c1d"].world_bounds[0][1] == -519  # the door followed the deeper carcass front
    assert after["c2"] is before["c2"] and after["c1"] is not before["c1"]
