"""The bookcase preset's bill of materials, worked out by hand from catalogs/linea.

Catalog figures used (catalog.toml, materials.toml, hardware.toml, modules/):
  mfc18 14.90/m2 680 kg/m3, mfc25 19.80/m2 650 kg/m3, hdf3 4.20/m2 900 kg/m3;
  oak x1.15 (+2 days), anthracite x1.05, white x1.0; lead: mfc18 2, mfc25 3, hdf3 1 days;
  abs04 0.4 mm 0.18/m +20 mm, abs2 2 mm 0.62/m +25 mm, abs2_29 2 mm 0.78/m +25 mm;
  shelf_pin 0.09 (4 g), connector 0.42 (20 g), plinth_foot 1.10 (60 g);
  labour 52.00/h, margin 45 %, VAT 19 %, base 3 days, 900 min a day.

The design (presets.toml [presets.bookcase]):
  p1 plinth 1600 x 350 x 100 anthracite; c1, c2 tall_cabinet 800 x 2000 x 350 oak on it;
  four 25 mm oak shelves in each (c1s1..c1s4, c2s1..c2s4).
"""

from __future__ import annotations

from decimal import Decimal as D

from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from tests.domain import bom_check


def test_bookcase_bom_by_hand(catalog):
    bom = build_bom(catalog, design_from_preset(catalog, "bookcase"))

    # ---- parts (sorted by stock, then largest cut area first)
    # Back (tall_cabinet): height - 2 = 1998 by width - 2 = 798, HDF in the carcass's finish (oak: backs
    #   follow the carcass decor since issue 12, they were white), no banding: 2 cabinets.
    # Plinth front/back: width 1600 by height 100, abs04 on L1: cut width 100 - 0.4 = 99.6; 2 of them.
    # Plinth end: depth - setback - 2 t = 350 - 40 - 36 = 274 by 100, no banding; 2 of them.
    # Side: height 2000 by depth - back = 347, abs2 on L1: cut 2000 x 345; 2 per cabinet = 4.
    # Bottom and Top are the same panel: width - 2 t = 764 by 347, cut 764 x 345; 2 per cabinet = 4.
    # Shelf: opening 800 - 36 = 764 wide, 350 - 3 = 347 deep: 764 - 2 play = 762 by 347 - 20 = 327,
    #   abs2_29 on L1: cut 762 x 325; mfc25 chosen by the preset; 8.
    assert bom_check.parts(bom) == [
        ("Back", 2, "hdf3/oak", 1998, 798, 1998, 798, {}),
        ("Plinth front/back", 2, "mfc18/anthracite", 1600, 100, 1600, D("99.6"), {"L1": "abs04"}),
        ("Plinth end", 2, "mfc18/anthracite", 274, 100, 274, 100, {}),
        ("Side", 4, "mfc18/oak", 2000, 347, 2000, 345, {"L1": "abs2"}),
        ("Bottom / Top", 4, "mfc18/oak", 764, 347, 764, 345, {"L1": "abs2"}),
        ("Shelf", 8, "mfc25/oak", 762, 327, 762, 325, {"L1": "abs2_29"}),
    ]

    # ---- board per stock: catalog.toml [pricing] board = "sheets": the whole sheets the nesting buys
    # x sheet area (2800 x 2070 = 5.796 m2) x price per m2 x finish factor, rounded to the cent.
    # Cut areas:
    # hdf3/oak: 2 x 1998 x 798 = 3 188 808 mm2
    # mfc18/anthracite: 2 x 1600 x 99.6 + 2 x 274 x 100 = 318 720 + 54 800 = 373 520 mm2
    # mfc18/oak: 4 x 2000 x 345 + 4 x 764 x 345 = 2 760 000 + 1 054 320 = 3 814 320 mm2
    # mfc25/oak: 8 x 762 x 325 = 1 981 200 mm2
    # Every stock fits one 2780 x 2050 usable sheet (e.g. the four oak sides side by side take
    # 4 x 345 + 3 x 4.4 = 1393.2 mm across): 1 sheet each, and the area bound is 1 each. So:
    # hdf3/oak: 5.796 x (4.20 x 1.15 = 4.83) = 27.99468 -> 27.99 (in white it was 24.34)
    # mfc18/anthracite: 5.796 x (14.90 x 1.05 = 15.645) = 90.67842 -> 90.68 (by area 5.84)
    # mfc18/oak: 5.796 x (14.90 x 1.15 = 17.135) = 99.31446 -> 99.31 (by area 65.36)
    # mfc25/oak: 5.796 x (19.80 x 1.15 = 22.77) = 131.97492 -> 131.97 (by area 45.11)
    # The live price counts the same sheets: every area is below 5.796 x expected_yield 0.80 = 4.6368 m2.
    assert bom_check.stocks(bom) == {
        "hdf3/oak": (D("3.188808"), D("27.99"), 1, 1),
        "mfc18/anthracite": (D("0.37352"), D("90.68"), 1, 1),
        "mfc18/oak": (D("3.81432"), D("99.31"), 1, 1),
        "mfc25/oak": (D("1.9812"), D("131.97"), 1, 1),
    }
    # Yield of the oak mfc18 sheet: 3 814 320 / (2800 x 2070 = 5 796 000) = 0.658095...
    oak = next(s for s in bom.stocks if s.name == "mfc18/oak")
    assert oak.cut.yield_ratio == D(3_814_320) / D(5_796_000)

    # ---- banding: per banded edge, the edge's length + overlength
    # abs04: 2 plinth fronts x (1600 + 20) = 3240 mm = 3.24 m x 0.18 = 0.5832 -> 0.58
    # abs2: 4 sides x (2000 + 25) + 4 bottoms/tops x (764 + 25) = 8100 + 3156 = 11 256 mm
    #   = 11.256 m x 0.62 = 6.97872 -> 6.98
    # abs2_29: 8 shelves x (762 + 25) = 6296 mm = 6.296 m x 0.78 = 4.91088 -> 4.91
    assert bom_check.banding(bom) == {
        "abs04": (2, D("3.24"), D("0.58")),
        "abs2": (8, D("11.256"), D("6.98")),
        "abs2_29": (8, D("6.296"), D("4.91")),
    }

    # ---- hardware
    # shelf pins 8 shelves x 4 = 32 x 0.09 = 2.88; connectors plinth 4 + 2 cabinets x 12 = 28 x 0.42 = 11.76;
    # plinth feet 4 + 2 x floor(1600 / 800) = 8 x 1.10 = 8.80
    assert bom_check.hardware(bom) == {
        "shelf_pin": (32, D("2.88")),
        "connector": (28, D("11.76")),
        "plinth_foot": (8, D("8.80")),
    }

    # ---- totals
    # materials = board 27.99 + 90.68 + 99.31 + 131.97 = 349.95, + banding 0.58 + 6.98 + 4.91 = 12.47 -> 362.42
    # hardware = 2.88 + 11.76 + 8.80 = 23.44
    # labour minutes: plinth 10 + 1600 / 200 = 18, cabinets 2 x (40 + 2000 / 100) = 120, shelves 8 x 4 = 32
    #   -> 170 min x 52.00 / 60 = 147.333... -> 147.33
    # cost = 362.42 + 23.44 + 147.33 = 533.19; net = 533.19 x 1.45 = 773.1255 -> 773.13;
    # VAT = 773.13 x 0.19 = 146.8947 -> 146.89; gross = 773.13 + 146.89 = 920.02
    # lead time: slowest stock mfc25/oak 3 + 2 = 5 days (hdf3/oak 1 + 2 = 3), + base 3, + ceil(170 / 900) = 1
    #   -> 9 days
    # weight (finished size x thickness x density, + hardware):
    #   plinth fronts 2 x 1.6 x 0.1 x 0.018 x 680 = 3.9168; ends 2 x 0.274 x 0.1 x 0.018 x 680 = 0.670752;
    #   sides 4 x 2.0 x 0.347 x 0.018 x 680 = 33.97824; bottoms/tops 4 x 0.764 x 0.347 x 0.018 x 680 = 12.97968768;
    #   backs 2 x 1.998 x 0.798 x 0.003 x 900 = 8.6097816; shelves 8 x 0.762 x 0.327 x 0.025 x 650 = 32.39262;
    #   panels 92.54788128; hardware 32 x 0.004 + 28 x 0.02 + 8 x 0.06 = 1.168 -> 93.71588128 kg
    assert bom_check.totals(bom) == {
        "materials": D("362.42"), "hardware": D("23.44"), "labour minutes": 170, "labour": D("147.33"),
        "cost": D("533.19"), "net": D("773.13"), "vat": D("146.89"), "gross": D("920.02"),
        "lead time": 9, "weight": D("93.71588128"),
    }
    assert bom.quote.lead_time.supply_from == "mfc25/oak"
    # Overall: the plinth's 1600 wide, 350 deep; 100 plinth + 2000 cabinet = 2100 high.
    assert bom.overall_size == (1600, 350, 2100)
    assert bom.problems == ()
