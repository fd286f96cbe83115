"""Hardware is ordered in its finish: legs in the legs module's finish, as the 3D view draws them.

Figures from hardware.toml: leg_120 "Round leg 120 mm with mounting plate", 7.50 EUR, 0.25 kg;
legs.toml orders "4 if width <= 1000 else 6" legs in the module's finish; materials.toml names
the finishes ("Arctic white", "Natural oak decor", "Anthracite", "Brushed steel").
"""

from __future__ import annotations

import json
from decimal import Decimal as D

from openpyxl import load_workbook

from app.domain.catalog.loader import load_catalog
from app.domain.design.design import Design, PlacedModule
from app.domain.production.bom import build_bom
from app.domain.production.exports import write_export

LEG = "Round leg 120 mm with mounting plate"


def _legs(catalog, *finishes_and_widths) -> Design:
    modules = [PlacedModule(f"l{i}", "legs", {"width": width, "depth": 560, "leg": "leg_120"}, finish,
                            (1500 * i, 0, 0))
               for i, (finish, width) in enumerate(finishes_and_widths)]
    return Design(catalog.id, catalog.version, "legs", modules)


def test_white_legs_are_ordered_white(catalog):
    bom = build_bom(catalog, _legs(catalog, ("white", 600)))
    (legs,) = [h for h in bom.hardware if h.item == "leg_120"]
    # 600 <= 1000: 4 legs x 7.50 = 30.00, 4 x 0.25 = 1 kg.
    assert (legs.label, legs.finish, legs.qty, legs.amount, legs.mass_kg) == \
           (f"{LEG}, Arctic white", "white", 4, D("30.00"), D("1.00"))


def test_legs_in_two_finishes_are_two_lines_that_add_up_to_the_priced_line(catalog):
    bom = build_bom(catalog, _legs(catalog, ("oak", 600), ("white", 1200), ("oak", 800)))
    rows = [(h.label, h.finish, h.qty, h.amount) for h in bom.hardware if h.item == "leg_120"]
    # oak: 4 + 4 = 8 legs x 7.50 = 60.00; white: 1200 > 1000, 6 legs x 7.50 = 45.00; in the
    # catalog's finish order (white before oak).
    assert rows == [(f"{LEG}, Arctic white", "white", 6, D("45.00")),
                    (f"{LEG}, Natural oak decor", "oak", 8, D("60.00"))]
    (priced,) = [line for line in bom.quote.costs.hardware if line.key == "leg_120"]
    assert (priced.quantity, priced.amount) == (14, D("105.00"))


def test_hardware_without_a_finish_has_none(catalog):
    bom = build_bom(catalog, Design(catalog.id, catalog.version, "one", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "oak")]))
    (connector,) = bom.hardware
    assert (connector.item, connector.finish, connector.label) == ("connector", "", "Cam lock connector with dowel")


def test_an_items_own_finish_and_a_lines_finish(catalog_copy):
    hardware = catalog_copy / "hardware.toml"
    text = hardware.read_text(encoding="utf-8")
    hardware.write_text(text.replace('name = "Round knob, brushed steel, 30 mm"\n',
                                     'name = "Round knob, 30 mm"\nfinish = "steel"\n'), encoding="utf-8")
    drawer = catalog_copy / "modules" / "drawer.toml"
    text = drawer.read_text(encoding="utf-8")
    drawer.write_text(text.replace('item = "runner"\nqty = 1\n', 'item = "runner"\nqty = 1\nfinish = "white"\n'),
                      encoding="utf-8")
    catalog = load_catalog(catalog_copy)
    assert not catalog.problems, [str(p) for p in catalog.problems]
    design = Design(catalog.id, catalog.version, "one", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}),
        PlacedModule("d", "drawer", {"handle": "handle_knob"}, "oak", attach="in", to="c")])
    labels = {h.item: h.label for h in build_bom(catalog, design).hardware}
    assert labels["handle_knob"] == "Round knob, 30 mm, Brushed steel"     # the item's own finish
    assert labels["runner_450"].endswith("(pair), Arctic white")          # the line's finish


def test_unknown_hardware_finishes_are_refused_naming_file_entry_and_field(catalog_copy):
    hardware = catalog_copy / "hardware.toml"
    text = hardware.read_text(encoding="utf-8")
    hardware.write_text(text.replace('kind = "latch"\n', 'kind = "latch"\nfinish = "chrome"\n'), encoding="utf-8")
    legs = catalog_copy / "modules" / "legs.toml"
    text = legs.read_text(encoding="utf-8")
    legs.write_text(text.replace('finish = "module"', 'finish = "modul"'), encoding="utf-8")
    loaded = load_catalog(catalog_copy)
    found = {(p.entry, p.field): p.message for p in loaded.problems}
    assert found[("hardware item 'push_latch'", "hardware.push_latch.finish")] == "unknown finish 'chrome'"
    assert found[("module 'legs'", "hardware[0].finish")].startswith("unknown finish 'modul'")


def test_the_exports_order_hardware_in_its_finish(catalog, tmp_path):
    design = _legs(catalog, ("anthracite", 600))
    bom = build_bom(catalog, design)
    (xlsx,) = write_export("xlsx", tmp_path / "legs.xlsx", catalog, design, bom, None)
    sheet = load_workbook(xlsx)["Hardware"]
    assert [c.value for c in sheet[1]][:4] == ["Item", "Name", "Finish", "Kind"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["leg_120"][1:5] == (f"{LEG}, Anthracite", "anthracite", "leg", 4)
    (path,) = write_export("json", tmp_path / "legs.json", catalog, design, bom, None)
    (leg,) = [h for h in json.loads(path.read_text(encoding="utf-8"))["hardware"] if h["item"] == "leg_120"]
    assert (leg["name"], leg["finish"], leg["finish_name"]) == (LEG, "anthracite", "Anthracite")
    from pypdf import PdfReader

    (pdf,) = write_export("pdf", tmp_path / "legs.pdf", catalog, design, bom, None)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert f"{LEG}, Anthracite" in text
