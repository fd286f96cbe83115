"""Machining from the catalog: the drilling rule's clashes on both sides of their limits, and machining.toml's checks.

Figures worked out by hand from hardware.toml's ``drilling`` tables and
machining.toml (the hinge plate is 50 mm long, centred on the hinge; a shelf pin's
centre is 2.5 mm under its shelf; the clash clearances are 2 mm to an edge, 2 mm
between rims, 3 mm of board under a blind hole, 5 mm from a handle screw to a
drawer-box side).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.design.design import Design, PlacedModule
from app.domain.design.presets import design_from_preset
from app.domain.production.machining import clashes, design_machining
from app.domain.production.parts import design_parts
from app.domain.rules import RulesEngine


def door_cabinet(catalog, shelf_z: float | None = None) -> Design:
    modules = [PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
               PlacedModule("d", "door", {"hinge_side": "left"}, "white", attach="in", to="c")]
    if shelf_z is not None:
        modules.append(PlacedModule("s", "shelf", {}, "white", (19, -3, shelf_z), attach="in", to="c"))
    return Design(catalog.id, catalog.version, "Door cabinet", modules)


def narrow_drawer(catalog) -> Design:
    return Design(catalog.id, catalog.version, "Narrow drawer", [
        PlacedModule("c", "base_cabinet", {"width": 300, "height": 720, "depth": 560}, "white"),
        PlacedModule("d", "drawer", {"handle": "handle_bar_160"}, "white", (2, 0, 2), attach="in", to="c"),
    ])


def drilling(report) -> dict[str, tuple]:
    return {f.code: (f.severity, f.modules, f.message) for f in report.findings if f.code.startswith("drilling.")}


def with_figures(catalog_copy: Path, item: str, **figures: float):
    """The catalog copy with some of a hardware item's drilling figures changed."""
    path = catalog_copy / "hardware.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"[hardware.{item}]")
    line_start = text.index("drilling = {", start)
    line_end = text.index("\n", line_start)
    line = text[line_start:line_end]
    for name, value in figures.items():
        line, n = re.subn(rf"\b{name} = [0-9.]+", f"{name} = {value}", line)
        assert n == 1, name
    path.write_text(text[:line_start] + line + text[line_end:], encoding="utf-8")
    loaded = load_catalog(catalog_copy)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    return loaded


# ---------------------------------------------------------------- placement clashes

@pytest.mark.parametrize("shelf_z, clash", [
    # The 716 mm door gets 3 hinges; the middle one 2 + 100 + 258 = 360 mm up the carcass, its plate
    # 335 .. 385.  A shelf at 338 stands on pins 333 .. 338 (centre 335.5, 5 mm): under the plate.
    (338, True),
    (306, False),    # pins 301 .. 306: below the plate
    (402, False),    # pins 397 .. 402: above it
    (370, True),     # pins 365 .. 370
])
def test_a_shelf_pin_under_a_hinge_plate_is_reported(catalog, shelf_z, clash):
    found = drilling(RulesEngine(catalog).check(door_cabinet(catalog, shelf_z)))
    if clash:
        severity, modules, message = found["drilling.pin_under_plate"]
        assert severity == catalog.machining.clearances.placement_severity == "warning"
        assert modules == ("s", "d")
        assert f"the shelf {shelf_z} mm up stands where a door's hinge plate sits (335 to 385 mm up the side)" \
            in message and "Move the shelf one step" in message
    else:
        assert found == {}


def test_pin_holes_under_plates_are_left_out_of_the_rows(catalog):
    machining = design_machining(catalog, door_cabinet(catalog, 306))
    plates = machining.plates
    assert len(plates) == 3     # one per hinge, on the left side
    side = machining.piece(plates[0].piece)
    pins = [h for h in side.holes if h.rule == "shelf_pins"]
    for plate in plates:
        x0, y0, x1, y1 = plate.rect
        assert not [h for h in pins if x0 - h.radius < h.x < x1 + h.radius and y0 - h.radius < h.y < y1 + h.radius]
    # 18 levels x 2 rows, less the front-row pins under the three plates (82-2.5 and 114-2.5 under the
    # lowest, 335.5 and 367.5 under the middle, 591.5 and 623.5 under the top one: 602 .. 652 is 618 +- 25)
    assert len(pins) == 36 - 6


@pytest.mark.parametrize("spacing, clash", [
    # A 300 mm carcass: the drawer front is 296 wide, its box 264 - 26 = 238 wide from x = 29; its right
    # side stands 251 .. 267 behind the front.  The handle is centred at 148: its right screw at
    # 148 + spacing / 2, rim 2.5 mm further.  At least 5 mm clear: spacing / 2 <= 251 - 5 - 2.5 - 148 = 95.5.
    (160, False), (190, False), (191, False), (192, True), (224, True),
])
def test_a_handle_screw_over_a_drawer_box_joint_is_reported(catalog_copy, spacing, clash):
    catalog = with_figures(catalog_copy, "handle_bar_160", hole_spacing=spacing)
    found = drilling(RulesEngine(catalog).check(narrow_drawer(catalog)))
    if clash:
        severity, modules, message = found["drilling.handle_over_joint"]
        assert (severity, modules) == ("warning", ("d",))
        assert "handle screw" in message and "drawer side" in message
    else:
        assert found == {}


# ---------------------------------------------------------------- hole geometry

@pytest.mark.parametrize("figures, code", [
    ({"cup_depth": 16}, None),                 # 19 mm door - 16 = 3 mm left under the cup: just enough
    ({"cup_depth": 16.5}, "drilling.depth"),
    ({"boring_distance": 2}, None),            # the cup's rim 2 mm from the door's edge
    ({"boring_distance": 1.5}, "drilling.edge_distance"),
    ({"plate_screw_spacing": 7}, None),        # two 5 mm screws 7 apart: 2 mm between their rims
    ({"plate_screw_spacing": 6.5}, "drilling.overlap"),
])
def test_holes_too_deep_at_an_edge_or_overlapping_are_errors(catalog_copy, figures, code):
    catalog = with_figures(catalog_copy, "hinge_110", **figures)
    report = RulesEngine(catalog).check(door_cabinet(catalog))
    found = drilling(report)
    if code is None:
        assert found == {}
    else:
        assert set(found) == {code}
        severity, _modules, message = found[code]
        assert severity == "error" and not report.ready_to_order
        assert message.startswith("Drilling the ")


def test_every_preset_drills_without_a_clash(catalog):
    """The presets drill cleanly (the sideboard's shelves stand at 402, above its 3-hinge doors' middle plates)."""
    for pid in catalog.presets:
        design = design_from_preset(catalog, pid)
        found = clashes(design_machining(catalog, design), catalog.machining.clearances)
        assert found == [], (pid, [c.message for c in found])
        assert not [f for f in RulesEngine(catalog).check(design).findings if f.code.startswith("drilling.")]


def test_joints_where_an_edge_meets_a_face(catalog):
    """A drawer box: back and inner front butt against both sides (4 joints), the 3 mm bottom is not drilled;
    the drawer orders 4 connectors, one per joint, in the middle of its 180 mm (236 - 56) height, no dowel."""
    design = Design(catalog.id, catalog.version, "Drawer", [
        PlacedModule("c", "base_cabinet", {"width": 600, "height": 720, "depth": 560}, "white"),
        PlacedModule("d", "drawer", {"front_height": 236}, "white", (2, 0, 2), attach="in", to="c"),
    ])
    pieces = [p for p in design_machining(catalog, design).pieces if p.module_id == "d"]
    by_name: dict[str, list] = {}
    for piece in pieces:
        by_name.setdefault(piece.name, []).append([h for h in piece.holes if h.rule == "joints"])
    assert [len(h) for h in by_name["Drawer side"]] == [2, 2]      # a bolt hole for each of its two joints
    assert [len(h) for h in by_name["Drawer back"]] == [4, 4]      # a cam and a bolt boring at each end
    assert by_name["Drawer bottom"] == [[]]
    assert [h for h in by_name["Drawer front"][0] if h.rule == "joints"] == []
    borings = sorted((h.x, h.y, h.direction, h.diameter, h.depth) for h in by_name["Drawer back"][0]
                     if h.face == "edge")
    # The back is 596 - 2 x 13 (runner clearance) - 2 x 16 ... = 506 long (x) and 180 tall: a bolt boring
    # into each end (X = 0 and 506), 90 up, on the 16 mm board's mid-plane, 8 mm, 34 deep.
    assert [(b[0], b[2], b[3], b[4]) for b in borings] == [(0.0, (1.0, 0.0), 8.0, 34.0),
                                                          (506.0, (-1.0, 0.0), 8.0, 34.0)]
    assert {b[1] for b in borings} == {90.0}


@pytest.mark.parametrize("pid", ["bookcase", "sideboard", "wardrobe", "tv_bench"])
def test_every_connector_the_bom_orders_is_drilled(catalog, pid):
    """Per module with joints: one 15 mm cam per connector of its [[hardware]] (base cabinet 8, tall 12 ...)."""
    design = design_from_preset(catalog, pid)
    machining = design_machining(catalog, design)
    ordered = {}
    for module in design_parts(catalog, design):
        ordered[module.module_id] = sum(int(line.qty) for line in module.hardware
                                        if catalog.hardware[line.item].kind == "connector")
    cams: dict[str, int] = {}
    for piece in machining.pieces:
        n = sum(1 for h in piece.holes if h.rule == "joints" and h.diameter == 15)
        if n:
            cams[piece.module_id] = cams.get(piece.module_id, 0) + n
    assert cams and all(cams[m] == ordered[m] for m in cams), (cams, ordered)
    # modules that order connectors but have no joint of their own: a top panel screwed onto its carcasses
    assert {m for m, n in ordered.items() if n and m not in cams} <= {
        m.id for m in design if m.type_id == "top_panel"}


# ---------------------------------------------------------------- machining.toml checks

def edit(catalog_copy: Path, name: str, old: str, new: str) -> None:
    path = catalog_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_name_leaves_that_rule_out_and_names_file_entry_field(catalog_copy):
    edit(catalog_copy, "machining.toml", 'at = "hinge.end_distance + k * (length',
         'at = "hinge.end_distance + k * (lenght')
    catalog = load_catalog(catalog_copy)
    assert [(p.file.endswith("machining.toml"), p.entry, p.field) for p in catalog.problems] == [
        (True, "rule 'hinge_cups'", "hinge_cups.at")]
    assert "'lenght'" in catalog.problems[0].message
    assert catalog.machining is not None and catalog.machining.hinge_cups is None
    assert catalog.machining.shelf_pins is not None          # the other rules stay


def test_a_handle_without_a_hole_spacing_is_named(catalog_copy):
    edit(catalog_copy, "hardware.toml", "drilling = { hole_spacing = 0, hole_diameter = 5 }",
         "drilling = { hole_diameter = 5 }")
    catalog = load_catalog(catalog_copy)
    assert [p.field for p in catalog.problems] == ["handle_holes.count", "handle_holes.at"]   # both formulas read it
    for problem in catalog.problems:
        assert problem.file.endswith("machining.toml") and problem.entry == "rule 'handle_holes'"
        assert "'handle.hole_spacing'" in problem.message and "['handle_knob']" in problem.message
    assert catalog.machining.handle_holes is None


@pytest.mark.parametrize("template, says", [
    ('drill = "DRILL:{diameter}"', "which DXF layer names cannot hold"),
    ('drill = "DRILL_{tool}"', "uses ['tool']"),
    ('drill = "DRILL_{depth!r}"', "a placeholder takes no format"),
])
def test_a_layer_template_a_dxf_cannot_hold_is_refused(catalog_copy, template, says):
    edit(catalog_copy, "machining.toml", 'drill = "DRILL_D{diameter}_Z{depth}"', template)
    catalog = load_catalog(catalog_copy)
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.file.endswith("machining.toml") and problem.field == "layers.generic.drill"
    assert says in problem.message
    assert catalog.machining is None


def test_a_catalog_without_machining_drills_nothing(catalog_copy):
    (catalog_copy / "machining.toml").unlink()
    catalog = load_catalog(catalog_copy)
    assert not catalog.problems and catalog.machining is None
    assert all(not p.holes for p in design_machining(catalog, door_cabinet(catalog, 338)).pieces)
    assert drilling(RulesEngine(catalog).check(door_cabinet(catalog, 338))) == {}


def test_the_catalog_check_proves_every_configuration_drills(catalog, catalog_copy):
    from app.domain.rules.solution_space_proof import prove_solution_space

    assert prove_solution_space(catalog, lambda _mtype: None, only="door").problems == []
    broken = with_figures(catalog_copy, "hinge_110", cup_depth=17)   # 17 mm cups in 19 mm doors: 2 mm left
    problems = prove_solution_space(broken, lambda _mtype: None, only="door").problems
    assert problems and all(p.file.endswith("modules/door.toml") and p.entry == "module 'door'" for p in problems)
    assert any("is 17 mm deep in 19 mm of board" in p.message for p in problems)


@pytest.mark.parametrize("front_depth, back_at, clash", [
    (7, 0, False),      # 18 - 7 - 8 = 3 mm of board between the two: just enough
    (7.5, 0, True),     # 2.5 mm
    (7.5, 5, False),    # 5 mm holes 5 mm apart do not meet
    (7.5, 4.9, True),
])
def test_holes_from_both_faces_must_leave_board_between(catalog, front_depth, back_at, clash):
    from app.domain.production.machining.holes import DesignMachining, Hole, PieceMachining

    holes = (Hole("front", 100, 50, 5, front_depth, False, "test"),
             Hole("back", 100 + back_at, 50, 5, 8, False, "test"))
    piece = PieceMachining(("m", 0, 0), "Side", "carcass", 700, 500, 18, holes)
    found = clashes(DesignMachining((piece,)), catalog.machining.clearances)
    assert [c.code for c in found] == (["overlap"] if clash else [])
    if clash:
        assert "on the front" in found[0].message and "on the back of the side" in found[0].message


def test_pin_rows_keep_clear_of_runner_screws(catalog):
    """Beside a drawer 354 mm up, the runner screws (37 mm from the front edge, 354 + 30 - 3 - 10 = 371 up)
    take the place of the front-row pin at 370 - 2.5 = 367.5; no hole overlaps another, the rows go on."""
    design = Design(catalog.id, catalog.version, "Drawer and shelves", [
        PlacedModule("t", "tall_cabinet", {"width": 600, "height": 2000, "depth": 560}, "white"),
        PlacedModule("d", "drawer", {"front_height": 124}, "white", (2, 0, 354), attach="in", to="t"),
        PlacedModule("s", "shelf", {}, "white", (19, -3, 1010), attach="in", to="t"),
    ])
    machining = design_machining(catalog, design)
    assert clashes(machining, catalog.machining.clearances) == []
    left = next(p for p in machining.pieces if p.module_id == "t" and p.name == "Side" and p.key[2] == 0)
    # Length z, width y, thickness x: left-handed, Y = 557 - distance from the front edge; 37 -> 520.
    runner = {(h.x, h.y) for h in left.holes if h.rule == "runner_screws"}
    assert runner == {(371.0, 520.0), (371.0, 557 - 357.0)}   # 37 and 37 + 320 from the front (runner_450)
    pins = {(h.x, h.y) for h in left.holes if h.rule == "shelf_pins"}
    assert (367.5, 520.0) not in pins and (335.5, 520.0) in pins and (399.5, 520.0) in pins
    assert (367.5, 557 - 517.0) in pins      # the back row is clear of the runner there


@pytest.mark.parametrize("shelf_z, clash", [(690, False), (700, True)])
def test_a_shelf_off_the_pin_grid_is_reported(catalog, shelf_z, clash):
    """The tall cabinet's grid: 18 + 32 n (690 is on it, 700 is not)."""
    design = Design(catalog.id, catalog.version, "Off the grid", [
        PlacedModule("t", "tall_cabinet", {"width": 600, "height": 2000, "depth": 560}, "white"),
        PlacedModule("s", "shelf", {}, "white", (19, -3, shelf_z), attach="in", to="t"),
    ])
    found = drilling(RulesEngine(catalog).check(design))
    if clash:
        severity, modules, message = found["drilling.pin_not_drilled"]
        assert (severity, modules) == ("warning", ("s",)) and "the shelf 700 mm up has no pin holes" in message
    else:
        assert found == {}


def test_a_modules_own_holes_go_into_its_hosts_sides(catalog):
    """hanging_rail.toml's [[drilling]]: each end support screws into the side it stands against."""
    design = Design(catalog.id, catalog.version, "Wardrobe", [
        PlacedModule("t", "tall_cabinet", {"width": 800, "height": 2000, "depth": 600}, "white"),
        PlacedModule("r", "hanging_rail", {}, "steel", (18, 0, 1842), attach="in", to="t"),
    ])
    machining = design_machining(catalog, design)
    own = {p.key[2]: sorted((h.face, h.x, h.y, h.diameter, h.depth) for h in p.holes if h.rule == "drilling")
           for p in machining.pieces if p.module_id == "t" and p.name == "Side"}
    # The rail's frame: y from the opening's middle + 30 = -3 - 597 / 2 + 30 = -271.5 back to front 60 deep,
    # so the supports' centre is at y = -301.5, the screws 16 mm either side: -285.5 and -317.5, i.e. 314.5
    # and 282.5 from the side's front edge (y = -600); the side is left-handed (Y = 597 - that): 282.5 and
    # 314.5.  Up the side: 1842 + 30 = 1872.  The left side's inner face is its front, the right side's its back.
    assert own == {0: [("front", 1872.0, 282.5, 4.0, 10.0), ("front", 1872.0, 314.5, 4.0, 10.0)],
                   1: [("back", 1872.0, 282.5, 4.0, 10.0), ("back", 1872.0, 314.5, 4.0, 10.0)]}


def test_a_modules_own_holes_are_checked_at_load(catalog_copy):
    edit(catalog_copy, "modules/hanging_rail.toml", 'x = "0 if k < 2 else width"', 'x = "0 if k < 2 else widht"')
    edit(catalog_copy, "modules/hanging_rail.toml", "host = true\n", "")
    catalog = load_catalog(catalog_copy)
    found = {(p.file.split("/")[-1], p.entry, p.field) for p in catalog.problems}
    assert found >= {("hanging_rail.toml", "module 'hanging_rail'", "drilling[0].x"),
                     ("hanging_rail.toml", "module 'hanging_rail'", "drilling[0].part")}
    assert "hanging_rail" not in catalog.modules   # a broken entry is left out, as any other


@pytest.mark.parametrize("name, old, new, field, says", [
    # a count the drilling would refuse (0 .. MAX_QUANTITY) is refused when the catalog loads, not at export
    ("machining.toml", 'count = "runner.screws"', 'count = "99999999"', "runner_screws.count", "0 .. 1000"),
    ("machining.toml", "diameter = 15\n", "diameter = -15\n", "joints.holes[0].diameter", "more than 0"),
    ("machining.toml", "depth = 34\n", "depth = 0\n", "joints.holes[1].depth", "more than 0"),
    # a hardware drilling figure that makes a hole of no size: the rule that reads it is named
    ("hardware.toml", "cup_diameter = 35,", "cup_diameter = -35,", "hinge_cups.holes[0].diameter", "'hinge_110'"),
])
def test_a_formula_giving_a_count_or_size_the_drilling_refuses_is_named(catalog_copy, name, old, new, field, says):
    edit(catalog_copy, name, old, new)
    catalog = load_catalog(catalog_copy)
    assert field in [p.field for p in catalog.problems], [str(p) for p in catalog.problems]
    problem = next(p for p in catalog.problems if p.field == field)
    assert problem.file.endswith("machining.toml") and says in problem.message


def test_a_drilling_rule_that_fails_at_a_designs_sizes_is_an_error_not_silence(catalog, monkeypatch):
    # a count formula can pass the catalog's sample sizes and still fail at a real unit's: the rules
    # must say so (before, the design passed every check and only `bom --format dxf` failed)
    import app.domain.rules.drilling as drilling_rule
    from app.domain.production.machining import MachiningError

    def failing(*args, **kwargs):
        raise MachiningError("module 'c1': machining.toml runner_screws.count gives 5000 (0 .. 1000)")

    monkeypatch.setattr(drilling_rule, "design_machining", failing)
    report = RulesEngine(catalog).check(design_from_preset(catalog, "sideboard"))
    failed = [f for f in report.findings if f.code == "drilling.rule_failed"]
    assert failed and all(f.severity == "error" for f in failed)
    assert "runner_screws.count gives 5000" in failed[0].message
