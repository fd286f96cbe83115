"""A small sideboard's bill of materials, worked out by hand from catalogs/linea.

Catalog figures used, beyond those in test_bom_bookcase.py:
  mdf19 16.50/m2 750 kg/m3 (lead 2), mfc16 13.20/m2 690 kg/m3 (lead 2);
  sage x1.60 (+6 days); abs1 1 mm 0.45/m +25 mm;
  hinge_110 4.60 (120 g), runner_400 23.60 (1.4 kg), handle_bar_160 6.90 (120 g), handle_knob 3.80 (50 g);
  hinge table: <= 6 kg and <= 1000 mm: 2 hinges, <= 12 kg and <= 1600 mm: 3.

The design: p1 plinth 1200 x 450 x 100 white; on it c1 and c2, base cabinets 600 x 720 x 450 white;
an oak top 1200 x 470 on c1; in c1 a shelf (mfc18 white) and a sage door with a bar handle; in c2 a
sage drawer, front 236 high, 400 mm runners, a knob.
"""

from __future__ import annotations

from decimal import Decimal as D

from app.domain.design.design import Design, PlacedModule
from app.domain.production.bom import build_bom
from tests.domain import bom_check


def sideboard(catalog) -> Design:
    return Design(catalog.id, catalog.version, "Small sideboard", [
        PlacedModule("p1", "plinth", {"width": 1200, "depth": 450, "height": 100}, "white"),
        PlacedModule("c1", "base_cabinet", {"width": 600, "height": 720, "depth": 450}, "white", (0, 0, 100),
                     attach="on", to="p1"),
        PlacedModule("c2", "base_cabinet", {"width": 600, "height": 720, "depth": 450}, "white", (600, 0, 100),
                     attach="on", to="p1"),
        PlacedModule("t1", "top_panel", {"width": 1200, "depth": 470}, "oak", (0, 0, 720), attach="on", to="c1"),
        PlacedModule("c1s1", "shelf", {}, "white", (19, -3, 338), attach="in", to="c1"),
        PlacedModule("c1d", "door", {"hinge_side": "left", "handle": "handle_bar_160"}, "sage", attach="in", to="c1"),
        PlacedModule("c2d1", "drawer", {"front_height": 236, "runner": "runner_400", "handle": "handle_knob"},
                     "sage", (2, -50, 2), attach="in", to="c2"),
    ])


def test_sideboard_bom_by_hand(catalog):
    bom = build_bom(catalog, sideboard(catalog))

    # ---- parts (by stock, then the larger piece first)
    # Back: 720 - 2 = 718 by 600 - 2 = 598, hdf3 white, 1 per cabinet.
    # Drawer bottom: runner.length - 2 = 398 by opening 564 - 2 x 13 - 2 = 536, hdf3 white.
    # Door: 720 - 4 = 716 by 600 - 4 = 596, abs1 (1 mm) round: cut 714 x 594; sage.
    # Drawer front: 600 - 4 = 596 by 236, abs1 round: cut 594 x 234; sage.
    # Drawer back (and inner front): 564 - 26 - 32 = 506 by 236 - 56 = 180, abs04 on L1: cut 506 x 179.6; 2.
    # Drawer side: runner.length 400 by 180, abs04 on L1: cut 400 x 179.6; 2.
    # Side: 720 by 450 - 3 = 447, abs2 on L1: cut 720 x 445; 2 per cabinet = 4.
    # Bottom / Top: 600 - 36 = 564 by 447, cut 564 x 445; 4.
    # Shelf: 564 - 2 = 562 by 447 - 20 = 427, abs2_29 on L1: cut 562 x 425; mfc18 (default board).
    # Plinth front/back: 1200 x 100, abs04 on L1: cut 1200 x 99.6; 2 (a smaller piece than the shelf).
    # Plinth end: 450 - 40 - 36 = 374 by 100; 2.
    # Top: 1200 x 470 mfc25 oak, abs2_29 (2 mm) round: cut 1196 x 466.
    assert bom_check.parts(bom) == [
        ("Back", 2, "hdf3/white", 718, 598, 718, 598, {}),
        ("Drawer bottom", 1, "hdf3/white", 398, 536, 398, 536, {}),
        ("Door, hinged left", 1, "mdf19/sage", 716, 596, 714, 594, {e: "abs1" for e in ("L1", "L2", "W1", "W2")}),
        ("Drawer front", 1, "mdf19/sage", 596, 236, 594, 234, {e: "abs1" for e in ("L1", "L2", "W1", "W2")}),
        ("Drawer back", 2, "mfc16/white", 506, 180, 506, D("179.6"), {"L1": "abs04"}),
        ("Drawer side", 2, "mfc16/white", 400, 180, 400, D("179.6"), {"L1": "abs04"}),
        ("Side", 4, "mfc18/white", 720, 447, 720, 445, {"L1": "abs2"}),
        ("Bottom / Top", 4, "mfc18/white", 564, 447, 564, 445, {"L1": "abs2"}),
        ("Shelf", 1, "mfc18/white", 562, 427, 562, 425, {"L1": "abs2_29"}),
        ("Plinth front/back", 2, "mfc18/white", 1200, 100, 1200, D("99.6"), {"L1": "abs04"}),
        ("Plinth end", 2, "mfc18/white", 374, 100, 374, 100, {}),
        ("Top", 1, "mfc25/oak", 1200, 470, 1196, 466, {e: "abs2_29" for e in ("L1", "L2", "W1", "W2")}),
    ]

    # ---- board: catalog.toml [pricing] board = "sheets": each stock pays for the whole sheets its
    # nesting buys, 2800 x 2070 = 5.796 m2 each, x price per m2 x the finish's factor.
    # Cut areas (what the parts take), each far below one 2780 x 2050 usable sheet (5.699 m2), so one sheet each:
    # hdf3/white: 2 x 718 x 598 + 398 x 536 = 858 728 + 213 328 = 1 072 056 mm2
    #   -> 1 sheet x 5.796 x 4.20 = 24.3432 -> 24.34 (by area it was 4.50: 19 % of the sheet)
    # mdf19/sage: 714 x 594 + 594 x 234 = 424 116 + 138 996 = 563 112 mm2
    #   -> 1 sheet x 5.796 x (16.50 x 1.60 = 26.40) = 153.0144 -> 153.01 (by area 14.87)
    # mfc16/white: 2 x 506 x 179.6 + 2 x 400 x 179.6 = 181 755.2 + 143 680 = 325 435.2 mm2
    #   -> 1 sheet x 5.796 x 13.20 = 76.5072 -> 76.51 (by area 4.30)
    # mfc18/white: 4 x 720 x 445 + 4 x 564 x 445 + 2 x 1200 x 99.6 + 562 x 425 + 2 x 374 x 100
    #   = 1 281 600 + 1 003 920 + 239 040 + 238 850 + 74 800 = 2 838 210 mm2
    #   -> 1 sheet x 5.796 x 14.90 = 86.3604 -> 86.36 (by area 42.29)
    # mfc25/oak: 1196 x 466 = 557 336 mm2 -> 1 sheet x 5.796 x (19.80 x 1.15 = 22.77) = 131.97492 -> 131.97
    #   (by area 12.69)
    # The live price counts the same: ceil(area / (5.796 m2 x expected_yield 0.80 = 4.6368 m2)) = 1 for each.
    assert bom_check.stocks(bom) == {
        "hdf3/white": (D("1.072056"), D("24.34"), 1, 1),
        "mdf19/sage": (D("0.563112"), D("153.01"), 1, 1),
        "mfc16/white": (D("0.3254352"), D("76.51"), 1, 1),
        "mfc18/white": (D("2.83821"), D("86.36"), 1, 1),
        "mfc25/oak": (D("0.557336"), D("131.97"), 1, 1),
    }

    # ---- banding
    # abs04: plinth 2 x (1200 + 20) + drawer backs 2 x (506 + 20) + sides 2 x (400 + 20)
    #   = 2440 + 1052 + 840 = 4332 mm x 0.18/m = 0.77976 -> 0.78; 6 edges
    # abs1: door 2 x (716 + 25) + 2 x (596 + 25) = 2724; drawer front 2 x (596 + 25) + 2 x (236 + 25) = 1764
    #   -> 4488 mm x 0.45 = 2.0196 -> 2.02; 8 edges
    # abs2: 4 x (720 + 25) + 4 x (564 + 25) = 2980 + 2356 = 5336 mm x 0.62 = 3.30832 -> 3.31; 8 edges
    # abs2_29: top 2 x (1200 + 25) + 2 x (470 + 25) = 3440, shelf 562 + 25 = 587 -> 4027 mm x 0.78
    #   = 3.14106 -> 3.14; 5 edges
    assert bom_check.banding(bom) == {
        "abs04": (6, D("4.332"), D("0.78")),
        "abs1": (8, D("4.488"), D("2.02")),
        "abs2": (8, D("5.336"), D("3.31")),
        "abs2_29": (5, D("4.027"), D("3.14")),
    }

    # ---- hardware (in hardware.toml's order)
    # Door leaf 0.716 x 0.596 x 0.019 x 750 = 6.080988 kg + bar handle 0.12 = 6.200988 kg > 6 kg: 3 hinges.
    # Connectors: plinth 4 + cabinets 2 x 8 + top 4 + 2 x floor(1200 / 1000) = 6 + drawer 4 = 30.
    # Plinth feet: 4 + 2 x floor(1200 / 800) = 6.
    assert bom_check.hardware(bom) == {
        "hinge_110": (3, D("13.80")),
        "runner_400": (1, D("23.60")),
        "handle_bar_160": (1, D("6.90")),
        "handle_knob": (1, D("3.80")),
        "shelf_pin": (4, D("0.36")),
        "connector": (30, D("12.60")),
        "plinth_foot": (6, D("6.60")),
    }

    # ---- totals
    # board 24.34 + 153.01 + 76.51 + 86.36 + 131.97 = 472.19; banding 0.78 + 2.02 + 3.31 + 3.14 = 9.25
    #   -> materials 481.44
    # hardware 13.80 + 23.60 + 6.90 + 3.80 + 0.36 + 12.60 + 6.60 = 67.66
    # labour: plinth 10 + 1200 / 200 = 16, cabinets 2 x (30 + 600 / 100) = 72, top 8 + 1200 / 300 = 12,
    #   shelf 4, door 12 + 2 x ceil(720 / 1000) = 14, drawer 25 -> 143 min x 52 / 60 = 123.9333 -> 123.93
    # cost 481.44 + 67.66 + 123.93 = 673.03; net x 1.45 = 975.8935 -> 975.89; VAT x 0.19 = 185.4191 -> 185.42;
    # gross 1161.31 (by area it was 482.26, less than the 472.19 of sheets plus 67.66 of hardware it buys)
    # lead: mdf19/sage 2 + 6 = 8 days (slowest), + 3 + ceil(143 / 900) = 1 -> 12 days
    # weight: backs 2 x 0.718 x 0.598 x 0.003 x 900 = 2.3185656; drawer bottom 0.398 x 0.536 x 0.003 x 900
    #   = 0.5759856; door 6.080988; drawer front 0.596 x 0.236 x 0.019 x 750 = 2.004348;
    #   drawer backs 2 x 0.506 x 0.18 x 0.016 x 690 = 2.0110464; sides 2 x 0.4 x 0.18 x 0.016 x 690 = 1.58976;
    #   cabinet sides 4 x 0.72 x 0.447 x 0.018 x 680 = 15.7572864; bottoms/tops 4 x 0.564 x 0.447 x 0.018 x 680
    #   = 12.34320768; shelf 0.562 x 0.427 x 0.018 x 680 = 2.93728176; plinth 2 x 1.2 x 0.1 x 0.018 x 680
    #   = 2.9376; ends 2 x 0.374 x 0.1 x 0.018 x 680 = 0.915552; top 1.2 x 0.47 x 0.025 x 650 = 9.165
    #   -> panels 58.63662144; hardware 3 x 0.12 + 1.4 + 0.12 + 0.05 + 4 x 0.004 + 30 x 0.02 + 6 x 0.06 = 2.906
    #   -> 61.54262144 kg
    assert bom_check.totals(bom) == {
        "materials": D("481.44"), "hardware": D("67.66"), "labour minutes": 143, "labour": D("123.93"),
        "cost": D("673.03"), "net": D("975.89"), "vat": D("185.42"), "gross": D("1161.31"),
        "lead time": 12, "weight": D("61.54262144"),
    }
    assert bom.quote.lead_time.supply_from == "mdf19/sage"
    # 1200 wide; 470 deep (the top overhangs the 450 cabinets); 100 + 720 + 25 = 845 high.
    assert bom.overall_size == (1200, 470, 845)
