"""Grain: a property of the board and of the decor; grain-bound parts never turn on the sheet.

The figures here come from the catalog files themselves (read with tomllib, not through the
program's catalog model or parts expansion): which materials and finishes have a grain, which way
each catalog part's grain runs, the finish a part is made in.  The nesting under test must keep
every piece whose board or decor has a grain with that grain along the sheet's length.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.design.design import Design, PlacedModule
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from tests.conftest import SAMPLE


def _toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


class RawCatalog:
    """The catalog files as written: materials, finishes and the parts of each module type."""

    def __init__(self, root: Path):
        materials = _toml(root / "materials.toml")
        self.material_grain = {mid: m["grain"] for mid, m in materials["materials"].items()}
        self.finish_grain = {fid: f.get("grain", False) for fid, f in materials["finishes"].items()}
        self.modules = {p.stem: _toml(p) for p in (root / "modules").glob("*.toml")}

    def part(self, type_id: str, name: str) -> dict:
        (entry,) = [p for p in self.modules[type_id].get("parts", []) if p["name"] == name]
        return entry

    def grain(self, module: PlacedModule, name: str) -> str:
        """The grain the workshop must keep for this part of this placed module ("none": free to turn)."""
        mtype = self.modules[module.type_id]
        entry = self.part(module.type_id, name)
        material = entry["material"]
        if material in mtype.get("params", {}):     # a parameter choosing the board
            material = module.params.get(material, mtype["params"][material]["default"])
        finish = entry.get("finish", "module")
        if finish == "module":
            finish = module.finish or mtype["default_finish"]
        bound = self.material_grain[material] or self.finish_grain.get(finish, False)
        return entry.get("grain", "none") if bound else "none"


@pytest.fixture(scope="module")
def raw() -> RawCatalog:
    return RawCatalog(SAMPLE)


# Grain-bound pieces per preset, counted by hand from presets.toml and the module files:
# bookcase: two oak tall cabinets, each 2 sides + bottom + top + back (the back in the carcass decor)
#   = 10, and eight oak shelves: 18 (the anthracite plinth has no grain);
# sideboard: the oak top only (white carcasses, sage fronts): 1;
# tv_bench: the two oak drawer fronts (anthracite carcasses, oak legs are hardware): 2;
# wardrobe: all white and pearl grey: 0.
GRAIN_BOUND = {"bookcase": 18, "sideboard": 1, "tv_bench": 2, "wardrobe": 0}


@pytest.mark.parametrize("preset_id", sorted(GRAIN_BOUND))
def test_no_grain_bound_piece_is_turned_in_any_presets_nesting(catalog, raw, preset_id):
    design = design_from_preset(catalog, preset_id)
    modules = {m.id: m for m in design}
    bom = build_bom(catalog, design)
    expected = {}
    for part in bom.parts:
        grains = {raw.grain(modules[mid], name) for mid in part.modules for name in part.names
                  if name in {p["name"] for p in raw.modules[modules[mid].type_id].get("parts", [])}}
        assert len(grains) == 1, (part.number, part.label, grains)
        expected[part.number] = grains.pop()
        assert part.grain == expected[part.number], (part.label, part.material, part.finish)
    bound = Counter()
    for stock in bom.stocks:
        for sheet in stock.cut.sheets:
            for piece in sheet.parts:
                part, grain = bom.part(piece.number), expected[piece.number]
                if grain == "none":
                    continue
                bound[preset_id] += 1
                assert stock.cut.grain
                # The grain runs along the sheet's length: a part's length (grain "length") or its width.
                along = part.cut_length if grain == "length" else part.cut_width
                assert (piece.rotated, piece.along) == (grain == "width", along), (part.label, stock.name)
    assert bound[preset_id] == GRAIN_BOUND[preset_id]


def test_the_decor_gives_the_grain_not_the_board_alone(catalog):
    # One 600 mm base cabinet in three finishes: chipboard has no grain of its own, the oak and walnut
    # decors do (materials.toml), the white one does not.  Sides run up (grain "length" along z).
    for finish, grain in (("white", "none"), ("pearl_grey", "none"), ("oak", "length"), ("walnut", "length")):
        design = Design(catalog.id, catalog.version, "one", [
            PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, finish)])
        bom = build_bom(catalog, design)
        grains = {p.label: p.grain for p in bom.parts}
        assert grains == {"Side": grain, "Bottom / Top": grain, "Back": grain}, finish
        assert all(s.cut.grain == (grain != "none") for s in bom.stocks)


def test_carcass_backs_are_made_in_the_carcass_decor_and_open_shelf_backs_in_white(catalog, raw):
    # The decision is catalog data (modules/*.toml, with its reason beside it): carcass backs in the
    # module's finish, the birch open shelf's back white (no birch HDF).
    for type_id in ("base_cabinet", "tall_cabinet", "wall_cabinet"):
        assert raw.part(type_id, "Back")["finish"] == "module"
    assert raw.part("open_shelf", "Back")["finish"] == "white"
    design = Design(catalog.id, catalog.version, "two", [
        PlacedModule("c", "tall_cabinet", {"width": 600, "height": 2000, "depth": 350}, "walnut"),
        PlacedModule("o", "open_shelf", {"width": 800, "height": 1200, "depth": 350}, "birch", (700, 0, 0))])
    backs = {(p.modules, p.material, p.finish) for p in build_bom(catalog, design).parts if p.label == "Back"}
    assert backs == {(("c",), "hdf3", "walnut"), (("o",), "hdf3", "white")}


def test_a_part_that_can_be_grained_must_say_which_way(catalog_copy):
    module = catalog_copy / "modules" / "top_panel.toml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace('grain = "length"\n', "", 1), encoding="utf-8")
    loaded = load_catalog(catalog_copy)
    assert "top_panel" not in loaded.modules
    (problem,) = [p for p in loaded.problems if p.entry == "module 'top_panel'"]
    assert problem.field == "parts[0].grain"
    assert "can be made in finish 'oak', which has a grain, but says grain = 'none'" in problem.message
