"""The bookcase preset's bill of materials, worked out by hand from catalogs/linea.

Catalog figures used (catalog.toml, materials.toml, hardware.toml, modules/):
  mfc18 14.90/m2 680 kg/m3, mfc25 19.80/m2 650 kg/m3, hdf3 4.20/m2 900 kg/m3;
  oak x1.15 (+2 days), anthracite x1.05, white x1.0; lead: mfc18 2, mfc25 3, hdf3 1 days;
  abs04 0.4 mm 0.18/m +20 mm, abs2 2 mm 0.62/m +25 mm, abs2_29 2 mm 0.78/m +25 mm;
  shelf_pin 0.09 (4 g), connector 0.42 (20 g), plinth_foot 1.10 (60 g);
  labour 52.00/h, margin 45 %, VAT 19 %, base 3 days, 900 min a day.

The design (presets.toml [presets.bookcase]):
  p1 plinth 1200 x 350 x 100 anthracite; c1, c2 tall_cabinet 600 x 2000 x 350 oak on it;
  four 25 mm oak shelves in each (c1s1..c1s4, c2s1..c2s4). (600 mm wide since the shelf-sag rule
  counts each board's creep: at 800 the shelves of books would sag more than twice the limit.)
"""

from __future__ import annotations

from decimal import Decimal as D

from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from tests.domain import bom_check


def test_bookcase_bom_by_hand(catalog):
    bom = build_bom(catalog, design_from_preset(catalog, "bookcase"))

    # ---- parts (sorted by stock, then largest cut area first)
    # Back (tall_cabinet): height - 2 = 1998 by width - 2 = 598, HDF in the carcass's finish (oak: backs
    #   follow the carcass decor since issue 12, they were white), no banding: 2 cabinets.
    # Plinth front/back: width 1200 by height 100, abs04 on L1: cut width 100 - 0.4 = 99.6; 2 of them.
    # Plinth end: depth - setback - 2 t = 350 - 40 - 36 = 274 by 100, no banding; 2 of them.
    # Side: height 2000 by depth - back = 347, abs2 on L1: cut 2000 x 345; 2 per cabinet = 4.
    # Bottom and Top are the same panel: width - 2 t = 564 by 347, cut 564 x 345; 2 per cabinet = 4.
    # Shelf: opening 600 - 36 = 564 wide, 350 - 3 = 347 deep: 564 - 2 play = 562 by 347 - 20 = 327,
    #   abs2_29 on L1: cut 562 x 325; mfc25 chosen by the preset; 8.
    assert bom_check.parts(bom) == [
        ("Back", 2, "hdf3/oak", 1998, 598, 1998, 598, {}),
        ("Plinth front/back", 2, "mfc18/anthracite", 1200, 100, 1200, D("99.6"), {"L1": "abs04"}),
        ("Plinth end", 2, "mfc18/anthracite", 274, 100, 274, 100, {}),
        ("Side", 4, "mfc18/oak", 2000, 347, 2000, 345, {"L1": "abs2"}),
        ("Bottom / Top", 4, "mfc18/oak", 564, 347, 564, 345, {"L1": "abs2"}),
        ("Shelf", 8, "mfc25/oak", 562, 327, 562, 325, {"L1": "abs2_29"}),
    ]

    # ---- board per stock: catalog.toml [pricing] board = "sheets": the whole sheets the nesting buys
    # x sheet area (2800 x 2070 = 5.796 m2) x price per m2 x finish factor, rounded to the cent.
    # Cut areas:
    # hdf3/oak: 2 x 1998 x 598 = 2 389 608 mm2
    # mfc18/anthracite: 2 x 1200 x 99.6 + 2 x 274 x 100 = 239 040 + 54 800 = 293 840 mm2
    # mfc18/oak: 4 x 2000 x 345 + 4 x 564 x 345 = 2 760 000 + 778 320 = 3 538 320 mm2
    # mfc25/oak: 8 x 562 x 325 = 1 461 200 mm2
    # Every stock fits one 2780 x 2050 usable sheet (e.g. the four oak sides side by side take
    # 4 x 345 + 3 x 4.4 = 1393.2 mm across): 1 sheet each, and the area bound is 1 each. So:
    # hdf3/oak: 5.796 x (4.20 x 1.15 = 4.83) = 27.99468 -> 27.99 (in white it was 24.34)
    # mfc18/anthracite: 5.796 x (14.90 x 1.05 = 15.645) = 90.67842 -> 90.68 (by area 4.60)
    # mfc18/oak: 5.796 x (14.90 x 1.15 = 17.135) = 99.31446 -> 99.31 (by area 60.63)
    # mfc25/oak: 5.796 x (19.80 x 1.15 = 22.77) = 131.97492 -> 131.97 (by area 33.27)
    # The live price counts the same sheets: every area is below 5.796 x expected_yield 0.80 = 4.6368 m2.
    assert bom_check.stocks(bom) == {
        "hdf3/oak": (D("2.389608"), D("27.99"), 1, 1),
        "mfc18/anthracite": (D("0.29384"), D("90.68"), 1, 1),
        "mfc18/oak": (D("3.53832"), D("99.31"), 1, 1),
        "mfc25/oak": (D("1.4612"), D("131.97"), 1, 1),
    }
    # Yield of the oak mfc18 sheet: 3 538 320 / (2800 x 2070 = 5 796 000) = 0.610476...
    oak = next(s for s in bom.stocks if s.name == "mfc18/oak")
    assert oak.cut.yield_ratio == D(3_538_320) / D(5_796_000)

    # ---- banding: per banded edge, the edge's length + overlength
    # abs04: 2 plinth fronts x (1200 + 20) = 2440 mm = 2.44 m x 0.18 = 0.4392 -> 0.44
    # abs2: 4 sides x (2000 + 25) + 4 bottoms/tops x (564 + 25) = 8100 + 2356 = 10 456 mm
    #   = 10.456 m x 0.62 = 6.48272 -> 6.48
    # abs2_29: 8 shelves x (562 + 25) = 4696 mm = 4.696 m x 0.78 = 3.66288 -> 3.66
    assert bom_check.banding(bom) == {
        "abs04": (2, D("2.44"), D("0.44")),
        "abs2": (8, D("10.456"), D("6.48")),
        "abs2_29": (8, D("4.696"), D("3.66")),
    }

    # ---- hardware
    # shelf pins 8 shelves x 4 = 32 x 0.09 = 2.88; connectors plinth 4 + 2 cabinets x 12 = 28 x 0.42 = 11.76;
    # plinth feet 4 + 2 x floor(1200 / 800) = 6 x 1.10 = 6.60
    assert bom_check.hardware(bom) == {
        "shelf_pin": (32, D("2.88")),
        "connector": (28, D("11.76")),
        "plinth_foot": (6, D("6.60")),
    }

    # ---- totals
    # materials = board 27.99 + 90.68 + 99.31 + 131.97 = 349.95, + banding 0.44 + 6.48 + 3.66 = 10.58 -> 360.53
    # hardware = 2.88 + 11.76 + 6.60 = 21.24
    # labour minutes: plinth 10 + 1200 / 200 = 16, cabinets 2 x (40 + 2000 / 100) = 120, shelves 8 x 4 = 32
    #   -> 168 min x 52.00 / 60 = 145.60
    # cost = 360.53 + 21.24 + 145.60 = 527.37; net = 527.37 x 1.45 = 764.6865 -> 764.69;
    # VAT = 764.69 x 0.19 = 145.2911 -> 145.29; gross = 764.69 + 145.29 = 909.98
    # lead time: slowest stock mfc25/oak 3 + 2 = 5 days (hdf3/oak 1 + 2 = 3), + base 3, + ceil(168 / 900) = 1
    #   -> 9 days
    # weight (finished size x thickness x density, + hardware):
    #   plinth fronts 2 x 1.2 x 0.1 x 0.018 x 680 = 2.9376; ends 2 x 0.274 x 0.1 x 0.018 x 680 = 0.670752;
    #   sides 4 x 2.0 x 0.347 x 0.018 x 680 = 33.97824; bottoms/tops 4 x 0.564 x 0.347 x 0.018 x 680 = 9.58186368;
    #   backs 2 x 1.998 x 0.598 x 0.003 x 900 = 6.4519416; shelves 8 x 0.562 x 0.327 x 0.025 x 650 = 23.89062;
    #   panels 77.51101728; hardware 32 x 0.004 + 28 x 0.02 + 6 x 0.06 = 1.048 -> 78.55901728 kg
    assert bom_check.totals(bom) == {
        "materials": D("360.53"), "hardware": D("21.24"), "labour minutes": 168, "labour": D("145.60"),
        "cost": D("527.37"), "net": D("764.69"), "vat": D("145.29"), "gross": D("909.98"),
        "lead time": 9, "weight": D("78.55901728"),
    }
    assert bom.quote.lead_time.supply_from == "mfc25/oak"
    # Overall: the plinth's 1200 wide, 350 deep; 100 plinth + 2000 cabinet = 2100 high.
    assert bom.overall_size == (1200, 350, 2100)
    assert bom.problems == ()
