"""Per-part DXF files read back with ezdxf's own reader: exactly the model's holes, and hand-worked positions.

Hand-worked figures come from the catalog's numbers (hardware.toml ``drilling``,
machining.toml) and shared/reference/workshop-output.md (35 mm cups, 32 mm system,
front row 37 mm), worked out here, not by the code under test.  The drawing
frame (docs/bom-and-exports.md, "Drilling and DXF"): X along the part's length
from its box's low end, Y across it, the drawing a true view of the front face
(the face at the + end of the thickness axis); Y runs from the low end of the
width axis when (length axis, width axis, thickness axis) is right-handed, else
from the high end.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import ezdxf
import pytest

from app.domain.design.design import Design, PlacedModule
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import ExportError, write_export
from app.domain.production.machining import design_machining

GENERIC = {
    "drill": re.compile(r"^(BACK_)?DRILL_D([0-9.]+)_Z([0-9.]+)$"),
    "through": re.compile(r"^DRILL_D([0-9.]+)_THRU$"),
    "edge": re.compile(r"^HDRILL_D([0-9.]+)_Z([0-9.]+)$"),
    "outline": re.compile(r"^OUTLINE_Z([0-9.]+)$"),
}


def r3(value: float) -> float:
    return round(float(value), 3) + 0.0


def kitchen(catalog) -> Design:
    """Two base cabinets (one with a door and a shelf, one with two drawers), a wall cabinet with a
    double door and a shelf, a top over the base cabinets, on a plinth."""
    return Design(catalog.id, catalog.version, "Kitchen", [
        PlacedModule("p", "plinth", {"width": 1200, "depth": 560, "height": 100}, "white"),
        PlacedModule("b1", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white", (0, 0, 100),
                     attach="on", to="p"),
        PlacedModule("b1s", "shelf", {}, "white", (19, -3, 402), attach="in", to="b1"),
        PlacedModule("b1d", "door", {"hinge_side": "right", "handle": "handle_knob"}, "oak", attach="in", to="b1"),
        PlacedModule("b2", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white", (600, 0, 100),
                     attach="on", to="p"),
        PlacedModule("b2d1", "drawer", {"front_height": 348}, "oak", (2, 0, 2), attach="in", to="b2"),
        PlacedModule("b2d2", "drawer", {"front_height": 364}, "oak", (2, 0, 354), attach="in", to="b2"),
        PlacedModule("t", "top_panel", {"width": 1200, "depth": 580}, "oak", (0, 0, 820), attach="on", to="b1"),
        PlacedModule("w", "wall_cabinet", {"width": 800, "height": 700, "depth": 350}, "white", (0, 0, 1500),
                     attach="wall"),
        PlacedModule("ws", "shelf", {}, "white", (19, -3, 338), attach="in", to="w"),
        PlacedModule("wd", "double_door", {}, "white", attach="in", to="w"),
    ])


def study(catalog) -> Design:
    """A tall cabinet with a double door, shelves and a rail; a birch open shelf with plywood shelves; legs."""
    return Design(catalog.id, catalog.version, "Study", [
        PlacedModule("l", "legs", {"width": 800, "depth": 450}, "oak"),
        PlacedModule("c", "tall_cabinet", {"width": 800, "height": 2100, "depth": 450}, "walnut", (0, 0, 120),
                     attach="on", to="l"),
        PlacedModule("cs1", "shelf", {"material": "mfc25"}, "walnut", (19, -3, 722), attach="in", to="c"),
        PlacedModule("cr", "hanging_rail", {}, "steel", (18, -200, 1800), attach="in", to="c"),
        PlacedModule("cd", "double_door", {"handle": "handle_bar_160"}, "walnut", attach="in", to="c"),
        PlacedModule("o", "open_shelf", {"width": 600, "height": 1600, "depth": 300}, "birch", (900, 0, 0)),
        PlacedModule("os1", "ply_shelf", {}, "birch", (19, -3, 530), attach="in", to="o"),
        PlacedModule("os2", "ply_shelf", {}, "birch", (19, -3, 1042), attach="in", to="o"),
    ])


DESIGNS = {"kitchen": kitchen, "study": study}


def design_named(catalog, name: str) -> Design:
    return DESIGNS[name](catalog) if name in DESIGNS else design_from_preset(catalog, name)


def write_dxf(catalog, design: Design, out: Path, layers: str | None = None) -> list[dict[str, str]]:
    bom = build_bom(catalog, design)
    write_export("dxf", out, catalog, design, bom, layers=layers)
    with (out / "parts.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_generic(path: Path) -> tuple[tuple[float, float, float], Counter]:
    """(length, width, thickness) of the outline and the holes, all from the DXF and its layer names alone."""
    doc = ezdxf.readfile(path)
    assert doc.units == ezdxf.units.MM
    msp = doc.modelspace()
    outlines = msp.query("LWPOLYLINE")
    assert len(outlines) == 1
    outline = outlines[0]
    thickness = float(GENERIC["outline"].match(outline.dxf.layer).group(1))
    points = [(p[0], p[1]) for p in outline.get_points("xy")]
    assert outline.closed and len(points) == 4
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert min(xs) == 0 and min(ys) == 0
    holes: Counter = Counter()
    for circle in msp.query("CIRCLE"):
        layer = circle.dxf.layer
        cx, cy = circle.dxf.center.x, circle.dxf.center.y
        if m := GENERIC["drill"].match(layer):
            face, diameter, depth, through = ("back" if m.group(1) else "front"), m.group(2), m.group(3), False
        else:
            m = GENERIC["through"].match(layer)
            assert m, layer
            face, diameter, depth, through = "front", m.group(1), str(thickness), True
        assert r3(2 * circle.dxf.radius) == r3(float(diameter)), layer   # the circle is as large as its tool
        holes[(face, r3(cx), r3(cy), r3(float(diameter)), r3(float(depth)), through)] += 1
    for line in msp.query("LINE"):
        m = GENERIC["edge"].match(line.dxf.layer)
        assert m, line.dxf.layer
        start, end = line.dxf.start, line.dxf.end
        depth = float(m.group(2))
        assert r3(((end.x - start.x) ** 2 + (end.y - start.y) ** 2) ** 0.5) == r3(depth)
        holes[("edge", r3(start.x), r3(start.y), r3(end.x), r3(end.y), r3(float(m.group(1))), r3(depth))] += 1
    assert len(msp) == 1 + len(msp.query("CIRCLE")) + len(msp.query("LINE"))   # nothing else in the file
    return (max(xs), max(ys), thickness), holes


def model_holes(catalog, design: Design) -> Counter:
    """Every hole of every piece the model has, in the same terms."""
    found: Counter = Counter()
    for piece in design_machining(catalog, design).pieces:
        for h in piece.holes:
            if h.face == "edge":
                dx, dy = h.direction
                found[("edge", r3(h.x), r3(h.y), r3(h.x + dx * h.depth), r3(h.y + dy * h.depth), r3(h.diameter),
                       r3(h.depth))] += 1
            else:
                found[(h.face, r3(h.x), r3(h.y), r3(h.diameter), r3(h.depth), h.through)] += 1
    return found


@pytest.mark.parametrize("name", ["bookcase", "sideboard", "wardrobe", "tv_bench", "kitchen", "study"])
def test_every_dxf_holds_exactly_the_models_holes(catalog, tmp_path, name):
    assert set(catalog.presets) == {"bookcase", "sideboard", "wardrobe", "tv_bench"}   # every preset is here
    design = design_named(catalog, name)
    bom = build_bom(catalog, design)
    rows = write_dxf(catalog, design, tmp_path / name)
    files = sorted(p.relative_to(tmp_path / name).as_posix() for p in (tmp_path / name).rglob("*.dxf"))
    assert files == sorted(r["File"] for r in rows)
    parts = {p.number: p for p in bom.parts}
    assert {r["Part number"] for r in rows} == set(parts)            # one file (or more) per part
    for number, part in parts.items():                                # the variants add up to the part's qty
        assert sum(int(r["Qty"]) for r in rows if r["Part number"] == number) == part.qty
        assert {m for r in rows if r["Part number"] == number for m in r["Modules"].split()} == set(part.modules)
    in_files: Counter = Counter()
    for row in rows:
        part = parts[row["Part number"]]
        assert row["File"].split("/")[0] == (part.material if part.finish == "none"
                                              else f"{part.material}_{part.finish}")   # a folder per stock
        size, holes = read_generic(tmp_path / name / row["File"])
        assert size == (float(part.length), float(part.width), float(part.thickness))
        assert sum(holes.values()) == int(row["Holes"])
        for hole, n in holes.items():
            in_files[hole] += n * int(row["Qty"])
    expected = model_holes(catalog, design)
    assert sum(expected.values()) > 0
    assert in_files == expected
    # The files agree with the bill of materials: one 35 mm cup per hinge it orders.
    hinges = sum(int(h.qty) for h in bom.hardware if h.kind == "hinge")
    assert sum(n for hole, n in in_files.items() if hole[0] != "edge" and hole[3] == 35) == hinges


def _file_of(tmp: Path, rows, name: str, front: bool | None = None) -> tuple[tuple, Counter]:
    """The one file of a part name whose holes are on the front (True) or the back (False) face."""
    found = []
    for row in rows:
        if row["Name"] == name:
            size, holes = read_generic(tmp / row["File"])
            faces = {h[0] for h in holes}
            if front is None or (front and "back" not in faces) or (front is False and "back" in faces):
                found.append((size, holes))
    assert len(found) == 1, [r["File"] for r in rows if r["Name"] == name]
    return found[0]


def test_door_hinge_cups_and_handle_worked_by_hand(catalog, tmp_path):
    design = Design(catalog.id, catalog.version, "Door", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("d", "door", {"hinge_side": "left", "handle": "handle_bar_160"}, "white", attach="in", to="c"),
    ])
    rows = write_dxf(catalog, design, tmp_path)
    size, holes = _file_of(tmp_path, rows, "Door")
    # The leaf: 720 - 2 x 2 = 716 tall (its length, up z), 600 - 2 x 2 = 596 wide (x), 19 mm MDF.
    assert size == (716, 596, 19)
    # 716 x 596 x 19 mm at 750 kg/m3 = 6.081 kg + the 0.12 kg bar handle = 6.201 kg: over the 6 kg row of
    # the hinge table, so the 12 kg / 1600 mm row: 3 hinges.  Ends 100 mm from the door's ends (Blum
    # 80-120), the middle one halfway: X = 100, 100 + (716 - 200) / 2 = 358, 716 - 100 = 616.
    # Length z, width x, thickness y is right-handed (z x x = y), so Y runs from the door's left edge (x = 0),
    # the hinge edge: cup centre = boring distance 5 + cup radius 35 / 2 = 22.5 mm.  Front face = +y = the
    # inside of the door.  35 mm, 12.5 deep.
    cups = {("front", x, 22.5, 35.0, 12.5, False) for x in (100.0, 358.0, 616.0)}
    # The bar handle stands vertically 52 mm in from the edge away from the hinges: its box (192 x 35 x 12
    # turned upright: 12 wide, 192 tall) starts at x = 600 - 4 - 52 = 544, z = min(720 - 4 - 252, 900) = 464,
    # so its centre is x = 544 + 6 = 550, z = 464 + 96 = 560; two screws 160 apart along it: z = 480 and 640.
    # Through the 19 mm door, 5 mm.
    handle = {("front", z, 550.0, 5.0, 19.0, True) for z in (480.0, 640.0)}
    assert set(holes) == cups | handle and all(n == 1 for n in holes.values())


def test_side_with_shelf_pins_worked_by_hand(catalog, tmp_path):
    design = Design(catalog.id, catalog.version, "Shelves", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("s", "shelf", {}, "white", (19, -3, 338), attach="in", to="c"),
    ])
    rows = write_dxf(catalog, design, tmp_path)
    # Sides: 720 (length, z) x 560 - 3 = 557 (width, y) x 18.  Length z, width y, thickness x is
    # left-handed (z x y = -x), so Y runs from the side's high y end, the back edge: Y = 557 - (distance
    # from the front edge).  The left side's inner face is +x, its front face; the right side's is its back.
    left_size, left = _file_of(tmp_path, rows, "Side", front=True)
    right_size, right = _file_of(tmp_path, rows, "Side", front=False)
    assert left_size == right_size == (720, 557, 18)
    # The opening runs from z = 18, 684 tall; the shelves' 32 mm grid is anchored where the shelf is
    # placed by default, 18 + 32 x round(684 / 64) = 18 + 352 = 370, and levels at least 64 mm inside
    # the opening are drilled: 82 (= 370 - 9 x 32) .. 626 (= 370 + 8 x 32), 18 levels.  The pin's centre
    # is 2.5 mm below the shelf it carries.  Front row 37 mm from the front edge -> Y = 557 - 37 = 520;
    # back row 37 + 32 x floor((557 - 74) / 32) = 37 + 480 = 517 from it -> Y = 40.  5 mm, 12 deep.
    levels = [82 + 32 * n for n in range(18)]
    assert levels[-1] == 626
    pins = {(z - 2.5, y) for z in levels for y in (520.0, 40.0)}
    # The bottom (z 0..18) and top (z 702..720) butt against the side: a joint 557 long, two connectors
    # 50 mm from its ends (50 and 507 from the front edge -> Y = 507, 50), each with a dowel 32 mm towards
    # the middle (82 and 475 from the front -> Y = 475, 82); on the bottom's and top's mid-planes, X = 9
    # and 711.  Bolt hole 5 mm 11 deep, dowel 8 mm 12 deep.
    bolts = {(x, y) for x in (9.0, 711.0) for y in (507.0, 50.0)}
    dowels = {(x, y) for x in (9.0, 711.0) for y in (475.0, 82.0)}
    for face, holes in (("front", left), ("back", right)):
        expected = ({(face, x, y, 5.0, 12.0, False) for x, y in pins}
                    | {(face, x, y, 5.0, 11.0, False) for x, y in bolts}
                    | {(face, x, y, 8.0, 12.0, False) for x, y in dowels})
        assert set(holes) == expected and all(n == 1 for n in holes.values())
        assert len(expected) == 36 + 4 + 4


def test_drawer_front_handle_holes_worked_by_hand(catalog, tmp_path):
    design = Design(catalog.id, catalog.version, "Drawer", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("d", "drawer", {"handle": "handle_bar_160", "front_height": 236}, "white", (2, 0, 2),
                     attach="in", to="c"),
    ])
    rows = write_dxf(catalog, design, tmp_path)
    size, holes = _file_of(tmp_path, rows, "Drawer front")
    # The front: 600 - 4 = 596 long (x) x 236 (z) x 19.  The bar's box (192 wide, 12 tall) starts at
    # x = (596 - 192) / 2 = 202 and z = 236 / 2 - 6 = 112: centre x = 298, z = 118.  Screws 160 apart along
    # it: x = 218 and 378.  Length x, width z, thickness y is left-handed (x x z = -y), so Y = 236 - 118 = 118.
    assert size == (596, 236, 19)
    assert set(holes) == {("front", 218.0, 118.0, 5.0, 19.0, True), ("front", 378.0, 118.0, 5.0, 19.0, True)}


def test_thermwood_layers_carry_depth_with_p_for_the_point(catalog, tmp_path):
    design = Design(catalog.id, catalog.version, "Door", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("d", "door", {"hinge_side": "right", "handle": "handle_knob"}, "white", attach="in", to="c"),
    ])
    rows = write_dxf(catalog, design, tmp_path, layers="thermwood")
    door = next(r for r in rows if r["Name"] == "Door")
    doc = ezdxf.readfile(tmp_path / door["File"])
    msp = doc.modelspace()
    assert [e.dxf.layer for e in msp.query("LWPOLYLINE")] == ["outline z19"]
    cups = [c for c in msp.query("CIRCLE") if c.dxf.layer == "drill z12p5"]
    # Right-hinged: the cups' centres 22.5 mm from the right edge, Y = 596 - 22.5 = 573.5.  The knob sits on
    # the left, its 30 x 30 box from x = 40, z = 464: one screw through the door at its centre, X (up the door)
    # = 464 + 15 = 479, Y = 40 + 15 = 55.
    assert sorted((c.dxf.center.x, c.dxf.center.y, 2 * c.dxf.radius) for c in cups) == [
        (100, 573.5, 35), (358, 573.5, 35), (616, 573.5, 35)]
    knob = [c for c in msp.query("CIRCLE") if c.dxf.layer == "drill z19"]
    assert [(c.dxf.center.x, c.dxf.center.y) for c in knob] == [(479, 55)]
    # The sides: the right one carries the hinge plates on its inner face, its back: "backdrill z12".
    side = [r for r in rows if r["Name"] == "Side"]
    layers = {e.dxf.layer for r in side for e in ezdxf.readfile(tmp_path / r["File"]).modelspace()}
    assert "backdrill z12" in layers and "drill z12" in layers and "drill z11" in layers


def test_unknown_template_and_a_file_in_the_way_are_refused(catalog, tmp_path):
    design = design_from_preset(catalog, "tv_bench")
    bom = build_bom(catalog, design)
    with pytest.raises(ExportError, match="unknown layer template 'homag'"):
        write_export("dxf", tmp_path / "out", catalog, design, bom, layers="homag")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="it is a file"):
        write_export("dxf", tmp_path / "file", catalog, design, bom)
    with pytest.raises(ExportError, match="does not exist"):
        write_export("dxf", tmp_path / "missing" / "out", catalog, design, bom)


def test_a_dxf_drawn_to_png_shows_the_cups(catalog, tmp_path):
    """ezdxf's drawing add-on (matplotlib backend) draws the door: dark rings where the cups are."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from ezdxf.addons.drawing import Frontend, RenderContext
    from ezdxf.addons.drawing.config import BackgroundPolicy, Configuration
    from ezdxf.addons.drawing.matplotlib import MatplotlibBackend
    from PIL import Image

    design = Design(catalog.id, catalog.version, "Door", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("d", "door", {"hinge_side": "left"}, "white", attach="in", to="c"),
    ])
    rows = write_dxf(catalog, design, tmp_path / "out")
    door = next(r for r in rows if r["Name"] == "Door")
    doc = ezdxf.readfile(tmp_path / "out" / door["File"])
    fig = plt.figure(figsize=(7.36, 6.16), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    Frontend(RenderContext(doc), MatplotlibBackend(ax), config=Configuration(
        background_policy=BackgroundPolicy.WHITE)).draw_layout(doc.modelspace(), finalize=True)
    ax.set_xlim(-10, 726)       # 10 mm round the door
    ax.set_ylim(-10, 606)
    png = tmp_path / "door.png"
    fig.savefig(png, facecolor="white")
    plt.close(fig)
    image = Image.open(png).convert("L")
    width, height = image.size

    def ink(x_mm: float, y_mm: float) -> int:
        px, py = round((x_mm + 10) / 736 * (width - 1)), round((1 - (y_mm + 10) / 616) * (height - 1))
        return min(image.getpixel((min(max(px + dx, 0), width - 1), min(max(py + dy, 0), height - 1)))
                   for dx in range(-2, 3) for dy in range(-2, 3))

    for x in (100, 358, 616):
        assert ink(x + 17.5, 22.5) < 160          # on the cup's ring
        assert ink(x, 22.5 + 70) > 230            # blank board beside it
    assert ink(300, 300) > 230                    # the middle of the door is blank
    assert ink(300, 0) < 160 and ink(716, 300) < 160   # the outline


def test_every_file_carries_the_order_reference(catalog, tmp_path):
    from datetime import date

    from app.domain.production.exports.reference import OrderReference

    design = design_from_preset(catalog, "tv_bench")
    bom = build_bom(catalog, design)
    reference = OrderReference("7K2M-Q9TX", "Ada Lovelace", date(2026, 12, 4))
    write_export("dxf", tmp_path / "order", catalog, design, bom, reference=reference)
    write_export("dxf", tmp_path / "design", catalog, design, bom)
    with (tmp_path / "order" / "parts.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["Order"] for r in rows} == {"Order 7K2M-Q9TX  ·  Ada Lovelace  ·  2026-12-04"}
    for row in rows:
        props = dict(ezdxf.readfile(tmp_path / "order" / row["File"]).header.custom_vars)
        assert props["Order"] == "Order 7K2M-Q9TX  ·  Ada Lovelace  ·  2026-12-04"
        assert (props["Part"], props["Name"], props["Qty"]) == (row["Part number"], row["Name"], row["Qty"])
    with (tmp_path / "design" / "parts.csv").open(encoding="utf-8", newline="") as f:
        assert {r["Order"] for r in csv.DictReader(f)} == {f"{design.name} {bom.design_id}"}
