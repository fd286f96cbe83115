"""A one-door-pair wardrobe's bill of materials, worked out by hand from catalogs/linea.

Catalog figures used, beyond those in test_bom_bookcase.py and test_bom_sideboard.py:
  pearl_grey x1.0 (no extra days); wardrobe_rail 7.80/m (350 g/m), rail_support 1.20 (30 g),
  wall_anchor 3.20 (80 g); hinge table row <= 25 kg and <= 2400 mm: 5 hinges.

The design: p1 plinth 1000 x 600 x 100 white; w1 tall_cabinet 1000 x 2200 x 600 white on it with a
hat shelf (mfc18 white), a hanging rail, and a pearl grey double door with knobs.  The rules engine's
hook adds one wall anchor (extra_hardware).
"""

from __future__ import annotations

from decimal import Decimal as D

from app.domain.design.design import Design, PlacedModule
from app.domain.production.bom import build_bom
from app.domain.production.tally import ExtraHardware
from tests.domain import bom_check

ROUND = {e: "abs1" for e in ("L1", "L2", "W1", "W2")}


def wardrobe(catalog) -> Design:
    return Design(catalog.id, catalog.version, "Wardrobe", [
        PlacedModule("p1", "plinth", {"width": 1000, "depth": 600, "height": 100}, "white"),
        PlacedModule("w1", "tall_cabinet", {"width": 1000, "height": 2200, "depth": 600}, "white", (0, 0, 100),
                     attach="on", to="p1"),
        PlacedModule("w1s1", "shelf", {}, "white", (19, -3, 1938), attach="in", to="w1"),
        PlacedModule("w1r", "hanging_rail", {}, "steel", (18, -271.5, 1842), attach="in", to="w1"),
        PlacedModule("w1d", "double_door", {"handle": "handle_knob"}, "pearl_grey", attach="in", to="w1"),
    ])


def test_wardrobe_bom_by_hand(catalog):
    anchor = ExtraHardware("wall_anchor", 1, "w1 is 2300 mm tall on a 600 mm base: anchor it", "w1")
    bom = build_bom(catalog, wardrobe(catalog), extra_hardware=[anchor])

    # ---- parts
    # Back: 2200 - 2 = 2198 by 1000 - 2 = 998, hdf3.
    # Door leaf: 2200 - 4 = 2196 high by (1000 - 4 - 3) / 2 = 496.5 wide, abs1 round: cut 2194 x 494.5; 2.
    # Side: 2200 by 600 - 3 = 597, abs2 on L1: cut 2200 x 595; 2.
    # Bottom / Top: 1000 - 36 = 964 by 597: cut 964 x 595; 2.
    # Shelf: 964 - 2 = 962 by 597 - 20 = 577, abs2_29 on L1: cut 962 x 575.
    # Plinth front/back: 1000 by 100, cut 1000 x 99.6; plinth end: 600 - 40 - 36 = 524 by 100.
    assert bom_check.parts(bom) == [
        ("Back", 1, "hdf3/white", 2198, 998, 2198, 998, {}),
        # The pair's leaves are one of each hand (left leaf hinged left, right leaf right): two rows.
        ("Door leaf, hinged right", 1, "mdf19/pearl_grey", 2196, D("496.5"), 2194, D("494.5"), ROUND),
        ("Door leaf, hinged left", 1, "mdf19/pearl_grey", 2196, D("496.5"), 2194, D("494.5"), ROUND),
        ("Side", 2, "mfc18/white", 2200, 597, 2200, 595, {"L1": "abs2"}),
        ("Bottom / Top", 2, "mfc18/white", 964, 597, 964, 595, {"L1": "abs2"}),
        ("Shelf", 1, "mfc18/white", 962, 577, 962, 575, {"L1": "abs2_29"}),
        ("Plinth front/back", 2, "mfc18/white", 1000, 100, 1000, D("99.6"), {"L1": "abs04"}),
        ("Plinth end", 2, "mfc18/white", 524, 100, 524, 100, {}),
    ]
    # A leaf: 2.196 x 0.4965 x 0.019 x 750 = 15.5369745 kg + 2 knobs x 0.05 / 2 leaves = 15.5869745 kg;
    # 2196 mm is taller than the 2000 mm row: the 25 kg / 2400 mm row, 5 hinges a leaf.
    (leaf,) = next(m for m in bom.modules if m.module_id == "w1d").leaves
    assert (leaf.weight_kg, leaf.hinges) == (D("15.5869745"), 5)

    # ---- board: whole sheets bought ([pricing] board = "sheets"), 2800 x 2070 = 5.796 m2 each
    # hdf3/white: 2198 x 998 = 2 193 604 mm2 -> 1 sheet x 5.796 x 4.20 = 24.3432 -> 24.34 (by area 9.21)
    # mdf19/pearl_grey: 2 x 2194 x 494.5 = 2 169 866 mm2 -> 1 sheet x 5.796 x 16.50 = 95.634 -> 95.63
    #   (by area 35.80)
    # mfc18/white: 2 x 2200 x 595 + 2 x 964 x 595 + 962 x 575 + 2 x 1000 x 99.6 + 2 x 524 x 100
    #   = 2 618 000 + 1 147 160 + 553 150 + 199 200 + 104 800 = 4 622 310 mm2
    #   -> 1 sheet x 5.796 x 14.90 = 86.3604 -> 86.36 (by area 68.87)
    # One sheet each: the bound is 1 (4.62 m2 < 5.70 m2), and by hand it fits: cut the 2780 sheet at
    # 2204.4; left, the two sides across (1194.4), under them the two bottoms (964 + 4.4 + 964 along),
    # then the plinth boards and ends in the last 256 mm; the shelf turned in the 575.6 mm right strip.
    # The live price counts 1 too: 4.62231 / (5.796 x expected_yield 0.80 = 4.6368) = 0.997 -> 1.
    assert bom_check.stocks(bom) == {
        "hdf3/white": (D("2.193604"), D("24.34"), 1, 1),
        "mdf19/pearl_grey": (D("2.169866"), D("95.63"), 1, 1),
        "mfc18/white": (D("4.62231"), D("86.36"), 1, 1),
    }

    # ---- banding
    # abs04: 2 x (1000 + 20) = 2040 mm x 0.18 = 0.3672 -> 0.37
    # abs1: 2 leaves x (2 x (2196 + 25) + 2 x (496.5 + 25)) = 2 x 5485 = 10 970 mm x 0.45 = 4.9365 -> 4.94
    # abs2: 2 x (2200 + 25) + 2 x (964 + 25) = 4450 + 1978 = 6428 mm x 0.62 = 3.98536 -> 3.99
    # abs2_29: 962 + 25 = 987 mm x 0.78 = 0.76986 -> 0.77
    assert bom_check.banding(bom) == {
        "abs04": (2, D("2.04"), D("0.37")),
        "abs1": (8, D("10.97"), D("4.94")),
        "abs2": (4, D("6.428"), D("3.99")),
        "abs2_29": (1, D("0.987"), D("0.77")),
    }

    # ---- hardware: 10 hinges, 2 knobs, 4 pins, connectors plinth 4 + cabinet 12 = 16, feet
    # 4 + 2 x floor(1000 / 800) = 6, the anchor, rail (964 - 6) / 1000 = 0.958 m x 7.80 = 7.4724 -> 7.47,
    # 2 rail supports
    assert bom_check.hardware(bom) == {
        "hinge_110": (10, D("46.00")),
        "handle_knob": (2, D("7.60")),
        "shelf_pin": (4, D("0.36")),
        "connector": (16, D("6.72")),
        "plinth_foot": (6, D("6.60")),
        "wall_anchor": (1, D("3.20")),
        "wardrobe_rail": (D("0.958"), D("7.47")),
        "rail_support": (2, D("2.40")),
    }
    rail = next(h for h in bom.hardware if h.item == "wardrobe_rail")
    assert (rail.unit, rail.mass_kg) == ("m", D("0.3353"))   # 0.958 m x 0.35 kg/m
    assert next(h for h in bom.hardware if h.item == "wall_anchor").notes == (anchor.note,)

    # ---- totals
    # materials: board 24.34 + 95.63 + 86.36 = 206.33, banding 0.37 + 4.94 + 3.99 + 0.77 = 10.07 -> 216.40
    # hardware: 46.00 + 7.60 + 0.36 + 6.72 + 6.60 + 3.20 + 7.47 + 2.40 = 80.35
    # labour: plinth 10 + 1000 / 200 = 15, cabinet 40 + 2200 / 100 = 62, shelf 4, rail 5,
    #   double door 20 + 4 x ceil(2200 / 1000) = 32 -> 118 min x 52 / 60 = 102.2666 -> 102.27
    # cost 216.40 + 80.35 + 102.27 = 399.02; net x 1.45 = 578.579 -> 578.58; VAT x 0.19 = 109.9302 -> 109.93;
    # gross 688.51
    # lead: every stock 2 days or less (pearl grey adds nothing) -> 2 + 3 + ceil(118 / 900) = 1 -> 6 days
    # weight: plinth 2 x 1.0 x 0.1 x 0.018 x 680 = 2.448; ends 2 x 0.524 x 0.1 x 0.018 x 680 = 1.282752;
    #   sides 2 x 2.2 x 0.597 x 0.018 x 680 = 32.152032; bottoms/tops 2 x 0.964 x 0.597 x 0.018 x 680
    #   = 14.08843584; back 2.198 x 0.998 x 0.003 x 900 = 5.9227308; shelf 0.962 x 0.577 x 0.018 x 680
    #   = 6.79410576; leaves 2 x 15.5369745 = 31.073949 -> panels 93.7620054
    #   hardware 10 x 0.12 + 2 x 0.05 + 4 x 0.004 + 16 x 0.02 + 6 x 0.06 + 0.08 + 0.958 x 0.35 + 2 x 0.03
    #   = 2.4713 -> 96.2333054 kg
    assert bom_check.totals(bom) == {
        "materials": D("216.40"), "hardware": D("80.35"), "labour minutes": 118, "labour": D("102.27"),
        "cost": D("399.02"), "net": D("578.58"), "vat": D("109.93"), "gross": D("688.51"),
        "lead time": 6, "weight": D("96.2333054"),
    }
    # 1000 wide; 600 + 19 (the doors stand in front) deep; 100 + 2200 high.
    assert bom.overall_size == (1000, 619, 2300)
