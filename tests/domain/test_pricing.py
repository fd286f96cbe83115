"""The quote the window shows: same figures as the BOM, follows edits, stable numbers, clear errors."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from app.domain.design.design import Design, PlacedModule, with_param
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import BomError, build_bom, design_id
from app.domain.production.parts import PartsError
from app.domain.production.pricing import Quoter, change_text, quote
from app.domain.production.tally import ExtraHardware, TallyError


def test_quote_agrees_with_the_bom_for_every_preset(catalog):
    # The window's quote is the BOM's live price exactly; the BOM's own price (board from the nesting)
    # is within the catalog's tolerance of it (tests/domain/test_prices_cover_cost.py), and for the
    # presets the live sheet counts equal the nesting's, so the two agree to the cent.
    for preset_id in catalog.presets:
        design = design_from_preset(catalog, preset_id)
        q, bom = quote(catalog, design), build_bom(catalog, design)
        assert q == bom.live_quote
        assert (q.price_gross, q.price_net, q.lead_time_days, q.weight_kg) == \
               (bom.quote.price_gross, bom.quote.price_net, bom.quote.lead_time_days, bom.weight_kg)
        assert q.currency == "EUR" and q.price_gross > 0
        assert q.costs.gross == q.costs.net + q.costs.vat
        assert q.costs.cost == q.costs.materials + q.costs.hardware_total + q.costs.labour_total


def test_quote_follows_an_edit_and_the_cache_never_serves_stale_figures(catalog):
    design = design_from_preset(catalog, "bookcase")
    quoter = Quoter(catalog)
    before = quoter.quote(design)
    # Widen one cabinet by 50 mm: its sides stay, bottom/top/back grow, its shelves follow the opening.
    design.replace(with_param(design.get("c1"), "width", 650), "params", "width")
    after = quoter.quote(design)
    fresh = Quoter(catalog).quote(design)
    assert after == fresh
    assert after.price_gross > before.price_gross
    # Labour of a tall cabinet does not depend on its width: the same minutes.
    assert after.labour_minutes == before.labour_minutes
    design.replace(with_param(design.get("c1"), "width", 600), "params", "width")
    assert quoter.quote(design) == before


def test_change_text_for_the_status_bar(catalog):
    design = design_from_preset(catalog, "sideboard")
    before = quote(catalog, design)
    # White fronts instead of sage lacquer: cheaper, and the slowest stock is no longer mdf19/sage
    # (2 + 6 days) but the oak top's mfc25 (3 + 2): 3 days sooner.
    design.replace(replace(design.get("c1d"), finish="white"), "finish")
    design.replace(replace(design.get("c3d"), finish="white"), "finish")
    for drawer in ("c2d1", "c2d2", "c2d3"):
        design.replace(replace(design.get(drawer), finish="white"), "finish")
    after = quote(catalog, design)
    assert (before.lead_time_days, after.lead_time_days) == (12, 9)
    cheaper = before.price_gross - after.price_gross
    assert cheaper > 0
    assert change_text(before, after) == f"- {cheaper:.2f} EUR, - 3 days"
    assert change_text(after, before) == f"+ {cheaper:.2f} EUR, + 3 days"
    assert change_text(after, after) == ""
    assert change_text(None, after) == ""


def test_empty_design_costs_nothing_and_takes_the_base_days(catalog):
    q = quote(catalog, Design(catalog.id, catalog.version))
    assert (q.price_gross, q.costs.cost, q.weight_kg) == (0, 0, 0)
    assert (q.lead_time.supply_days, q.lead_time.production_days, q.lead_time_days) == (0, 0, 3)


def test_extra_hardware_is_priced_and_checked(catalog):
    design = design_from_preset(catalog, "tv_bench")
    plain = quote(catalog, design)
    anchored = quote(catalog, design, extra_hardware=[ExtraHardware("wall_anchor", 2, "two tall units")])
    # 2 anchors x 3.20 = 6.40 more cost; x 1.45 x 1.19, each step rounded to the cent.
    assert anchored.costs.hardware_total - plain.costs.hardware_total == D("6.40")
    assert anchored.weight_kg - plain.weight_kg == D("0.16")
    with pytest.raises(TallyError, match="extra hardware 'sky_hook' for module 'c1': catalog 'linea' has no such"):
        quote(catalog, design, extra_hardware=[ExtraHardware("sky_hook", 1, module_id="c1")])
    with pytest.raises(BomError, match="sky_hook"):
        build_bom(catalog, design, extra_hardware=[ExtraHardware("sky_hook", 1)])


def test_production_days_grow_with_labour(catalog):
    # 20 base cabinets of 36 minutes = 720 min: one day of 900; 30 = 1080 min: two days.
    def cabinets(n: int) -> Design:
        return Design(catalog.id, catalog.version, "row", [
            PlacedModule(f"c{i}", "base_cabinet", {}, "white", (600 * i, 0, 0)) for i in range(n)])

    assert quote(catalog, cabinets(20)).lead_time.production_days == 1
    assert quote(catalog, cabinets(30)).lead_time.production_days == 2


def test_part_numbers_are_stable_across_runs_and_edits_elsewhere(catalog):
    design = design_from_preset(catalog, "sideboard")
    first = {p.label: p.number for p in build_bom(catalog, design).parts}
    # Another order of the same modules, and an edit to the top panel only: the other parts keep their numbers.
    shuffled = Design(catalog.id, catalog.version, "again", _hosts_first(design))
    assert shuffled.ids() != design.ids()
    assert {p.label: p.number for p in build_bom(catalog, shuffled).parts} == first
    design.replace(with_param(design.get("t1"), "width", 1790), "params", "width")
    second = {p.label: p.number for p in build_bom(catalog, design).parts}
    assert second["Top"] != first["Top"]
    assert {k: v for k, v in second.items() if k != "Top"} == {k: v for k, v in first.items() if k != "Top"}
    assert all(n.startswith("P-") and len(n) == 8 for n in second.values())


def _hosts_first(design: Design) -> list[PlacedModule]:
    """The modules in another order (reversed within each level), hosts still before what they carry."""
    def depth(module: PlacedModule) -> int:
        return 0 if module.to is None else 1 + depth(design.get(module.to))

    snapshot = design.snapshot()
    return sorted(snapshot, key=lambda m: (depth(m), -snapshot.index(m)))


def test_design_id_is_a_fingerprint_of_the_modules(catalog):
    design = design_from_preset(catalog, "wardrobe")
    same = design_from_preset(catalog, "wardrobe")
    same.name = "Renamed"
    assert design_id(design) == design_id(same)
    assert design_id(design).startswith("D-") and len(design_id(design)) == 10
    design.replace(with_param(design.get("w1"), "height", 2180), "params", "height")
    assert design_id(design) != design_id(same)


def test_a_module_that_cannot_be_expanded_is_named(catalog):
    design = Design(catalog.id, catalog.version, "bad", [PlacedModule("x1", "base_cabinet", {}, "tartan")])
    with pytest.raises(BomError, match="module 'x1' \\(base_cabinet\\): unknown finish 'tartan'"):
        build_bom(catalog, design)


def test_quote_with_the_views_layout(catalog):
    design = design_from_preset(catalog, "wardrobe")
    layout = Layout(catalog, design)
    assert quote(catalog, design, layout) == quote(catalog, design)


def test_values_the_catalog_does_not_offer_are_all_named(catalog):
    design = design_from_preset(catalog, "sideboard")
    design.replace(with_param(design.get("c1s1"), "material", "mdf99"), "params", "material")
    design.replace(with_param(design.get("c1d"), "handle", "golden_knob"), "params", "handle")
    design.replace(with_param(design.get("c2"), "width", "wide"), "params", "width")
    expected = ["module 'c2' (base_cabinet), parameter 'width': 'wide' is not a number",
                "module 'c1s1' (shelf), parameter 'material': 'mdf99' is not one of ['mfc18', 'mfc25']",
                "module 'c1d' (door), parameter 'handle': 'golden_knob' is not one of "
                "['handle_bar_160', 'handle_knob', 'push_latch']"]
    with pytest.raises(BomError) as caught:
        build_bom(catalog, design)
    assert caught.value.lines == expected
    with pytest.raises(PartsError) as quoted:
        quote(catalog, design)
    assert str(quoted.value).splitlines() == expected
