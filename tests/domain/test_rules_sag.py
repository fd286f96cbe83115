"""Shelf sag: the published tables, the catalog's realism, both sides of the limit, and the fixes."""

from __future__ import annotations

import pytest

from app.domain.rules import RulesEngine
from app.domain.rules.physics import max_span, shelf_sag
from tests.domain.rules_helpers import apply_fix, cabinet, codes, design, insert

PSI = 0.00689476       # N/mm2 per psi
INCH = 25.4            # mm
PSF = 4.88243          # kg/m2 per lb/ft2

# AWI/AWMAC/WI Architectural Woodwork Standards (2009) 4.4.14.10.11-13, the rows of the table in
# shared/reference/manufacturing.md: (material, MOE psi, thickness in, load lb/ft2, published span in).
# Their limit is span/144 with no creep allowance.
AWI_ROWS = [
    ("Douglas-fir plywood", 950_000, 0.75, 40, 40),
    ("Douglas-fir plywood", 950_000, 0.75, 50, 37),
    ("Douglas-fir plywood", 950_000, 1.0, 40, 53),
    ("Douglas-fir plywood", 950_000, 1.0, 50, 49),
    ("hardwood-veneer plywood", 1_800_000, 0.75, 40, 49),
    ("hardwood-veneer plywood", 1_800_000, 0.75, 50, 46),
    ("hardwood-veneer plywood", 1_800_000, 1.0, 40, 66),
    ("hardwood-veneer plywood", 1_800_000, 1.0, 50, 61),
]


@pytest.mark.parametrize("material, moe, inches, psf, published", AWI_ROWS)
def test_largest_span_matches_the_awi_table_within_ten_percent(material, moe, inches, psf, published):
    span_in = max_span(inches * INCH, moe * PSI, psf * PSF, ratio=144, creep_factor=1.0) / INCH
    assert span_in == pytest.approx(published, rel=0.10)
    # At that span the sag is exactly the limit: the two formulas agree.
    sag = shelf_sag(span_in * INCH, 300, inches * INCH, moe * PSI, psf * PSF)
    assert sag == pytest.approx(span_in * INCH / 144, rel=1e-9)


def test_sag_by_hand_for_an_18_mm_chipboard_shelf_of_books(catalog):
    # Tall cabinet 800 x 350: opening 764 wide, 347 deep; shelf 762 x 327 (1 mm play a side, 20 mm set back).
    d = design(catalog, cabinet("c", "tall_cabinet", width=800, height=2000, depth=350),
               insert("s", "shelf", "c", 786, load="books"))
    (finding,) = [f for f in RulesEngine(catalog).check(d).findings if f.code == "shelf.sag"]
    w = 150 * 9.80665 * 327 / 1e6                       # N/mm: 150 kg/m2 on a 327 mm deep shelf
    inertia = 327 * 18 ** 3 / 12                          # mm^4
    sag = 5 * w * 762 ** 4 / (384 * 2500 * inertia) * 1.5  # chipboard E 2500 N/mm2, creep 1.5
    assert finding.value("sag_mm") == pytest.approx(sag, abs=0.01)
    assert sag == pytest.approx(7.97, abs=0.01)
    assert finding.measure.limit == pytest.approx(762 / 240, abs=0.05)
    assert f"{sag:.1f} mm" in finding.message and "books" in finding.message.lower()
    assert finding.severity == "warning"


def test_the_catalog_warns_for_books_on_800_mm_but_not_for_everyday_things_on_600_mm(catalog):
    books = design(catalog, cabinet("c", "tall_cabinet", width=800, height=2000, depth=350),
                   insert("s", "shelf", "c", 786, load="books"))
    assert ("shelf.sag", ("s",)) in codes(catalog, books)
    everyday = design(catalog, cabinet("c", width=600, depth=560), insert("s", "shelf", "c", 338))
    assert not any(code == "shelf.sag" for code, _ in codes(catalog, everyday))


@pytest.mark.parametrize("material", ["mfc18", "mfc25"])
@pytest.mark.parametrize("load", ["everyday", "books"])
def test_the_rule_switches_exactly_where_the_formula_crosses_the_limit(catalog, material, load):
    limits = catalog.info.limits.shelf
    board = catalog.materials[material]
    seen = set()
    for width in range(400, 1001, 50):   # every tall-cabinet width: shelves on both sides of the limit
        span, depth = width - 2 * 18 - 2, 350 - 3 - 20
        sag = shelf_sag(span, depth, board.thickness, board.elastic_modulus, limits.loads[load].kg_per_m2,
                        limits.creep_factor)
        expected = sag > span / limits.max_deflection_ratio
        d = design(catalog, cabinet("c", "tall_cabinet", width=width, height=2000, depth=350),
                   insert("s", "shelf", "c", 786, material=material, load=load))
        assert (("shelf.sag", ("s",)) in codes(catalog, d)) == expected, width
        seen.add(expected)
    if (material, load) != ("mfc25", "everyday"):
        assert seen == {True, False}   # the widths straddle the limit


def test_plywood_is_stiffer_than_chipboard(catalog):
    # Birch plywood (E 8000) on an 800 mm open unit carries books that would bend 18 mm chipboard.
    d = design(catalog, cabinet("o", "open_shelf", width=800, height=1200, depth=350),
               insert("s", "ply_shelf", "o", 594, finish="birch", load="books"))
    assert not any(code == "shelf.sag" for code, _ in codes(catalog, d))


def test_fixes_offer_the_thicker_board_and_a_narrower_cabinet_and_each_one_works(catalog):
    engine = RulesEngine(catalog)
    d = design(catalog, cabinet("c", "tall_cabinet", width=800, height=2000, depth=350),
               insert("s", "shelf", "c", 786, load="books"))
    (finding,) = [f for f in engine.check(d).findings if f.code == "shelf.sag"]
    fixes = engine.fixes(d, finding)
    assert [f.label for f in fixes] == ["Set the shelf's board to Melamine-faced chipboard 25 mm",
                                        "Set the tall cabinet's width to 550 mm"]
    for fix in fixes:
        after = engine.check(apply_fix(engine, d, fix))
        assert not any(f.key == finding.key for f in after.findings)
        assert not after.errors
