"""Parts derived from a designer's mesh (issue 12, item 4): the mesh's panels become the cut list.

The cabinet is made here with trimesh, five boards exported in metres, Y up, centred
on the origin (as another 3D tool would), and goes through the designer's units,
up axis and origin choices.  Every expected figure is worked out by hand from the
boards below, not by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import trimesh

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.module_eval import module_env, resolve_params
from app.domain.design.design import Design, PlacedModule
from app.domain.mesh.derive import piece_boxes
from app.domain.mesh.designer_session import DesignerSession
from app.domain.mesh.entry_toml import AxisParam
from app.domain.mesh.inspection import inspect_file
from app.domain.mesh.loading import read_mesh
from app.domain.mesh.publish import PublishError
from app.domain.production.mesh_agreement import module_disagreements, reference_pieces
from app.domain.production.parts import expand
from app.domain.production.pricing import Quoter
from tests.designer_meshes import Z_UP_TO_Y_UP

W, D, H, T, B = 600.0, 560.0, 720.0, 18.0, 3.0
# The boards in mm, Z up, origin at the back-left-bottom corner (front at y = -560):
# two 18 x 557 x 720 sides, a bottom and a top between them, a 3 mm back 1 mm in from every edge.
BOARDS = {
    "side_left": ((0, -D, 0), (T, -B, H)),
    "side_right": ((W - T, -D, 0), (W, -B, H)),
    "bottom": ((T, -D, 0), (W - T, -B, T)),
    "top": ((T, -D, H - T), (W - T, -B, H)),
    "back": ((1, -B, 1), (W - 1, 0, H - 1)),
}
ZONES = {"x": [(T, W - T)], "y": [(-550.0, -10.0)], "z": [(T, H - T)]}
PARAMS = {"x": AxisParam(300, 1200, 50), "y": AxisParam(350, 600, 10), "z": AxisParam(400, 900, 20)}


def _foreign(folder: Path, boards: dict, name: str = "derived_cabinet") -> Path:
    """``boards`` as a GLB in metres, Y up, centred on the origin."""
    scene = trimesh.Scene()
    lows = np.array([lo for lo, _ in boards.values()], dtype=float)
    highs = np.array([hi for _, hi in boards.values()], dtype=float)
    centre = (lows.min(axis=0) + highs.max(axis=0)) / 2
    for piece, (lo, hi) in boards.items():
        box = trimesh.creation.box(bounds=[lo, hi])
        vertices = ((box.vertices - centre) / 1000.0) @ Z_UP_TO_Y_UP.T
        scene.add_geometry(trimesh.Trimesh(vertices, box.faces, process=False), node_name=piece, geom_name=piece)
    path = folder / f"{name}.glb"
    path.write_bytes(trimesh.exchange.gltf.export_glb(scene))
    return path


def _session(tmp_path: Path, catalog_copy: Path, boards: dict = BOARDS) -> DesignerSession:
    catalog = load_catalog(catalog_copy)
    session = DesignerSession(catalog, inspect_file(_foreign(tmp_path, boards)))
    assert (session.choices.units, session.choices.up) == ("m", "Y")   # glTF: metres, Y up
    session.fix_origin()
    session.zones = {axis: list(zones) for axis, zones in ZONES.items()}
    session.params = dict(PARAMS)
    return session


def _completed(session: DesignerSession) -> DesignerSession:
    session.hardware = [("connector", "8")]
    session.labour_minutes = "30 + width / 100"
    return session


def test_the_panels_become_parts_with_formulas_that_follow_the_zones(tmp_path, catalog_copy):
    session = _session(tmp_path, catalog_copy)
    parts = {p.piece: p for p in session.derived_parts()}
    assert sorted(parts) == sorted(BOARDS)
    side = parts["side_right"]
    # 18 x 557 x 720: length up the side (z, 720), width along the depth (y, 557), 18 mm thick.
    assert (side.name, side.role, side.material, side.thickness) == ("Side right", "carcass", "mfc18", 18)
    assert side.reference == (720, 557, 18)
    assert (side.length, side.width) == ("height", "depth - 3")
    # x0 = 582 sits right of the x zone [18, 582]: it moves with all of it, 582 + (width - 600).
    assert side.at == {"x": "width - 18", "y": "-depth", "z": "0", "length": "z", "width": "y"}
    assert parts["side_left"].at["x"] == "0" and parts["side_left"].name == "Side left"
    bottom, top = parts["bottom"], parts["top"]
    assert (bottom.name, bottom.length, bottom.width) == ("Bottom", "width - 36", "depth - 3")   # 564 x 557
    assert bottom.at == {"x": "18", "y": "-depth", "z": "0", "length": "x", "width": "y"}
    assert top.name == "Top" and top.at["z"] == "height - 18"
    back = parts["back"]
    # 598 x 718 x 3 at the back: HDF 3, its length up (718 > 598), 1 mm in from every edge.
    assert (back.role, back.material, back.length, back.width) == ("back", "hdf3", "height - 2", "width - 2")
    assert back.at == {"x": "1", "y": "-3", "z": "1", "length": "z", "width": "x"}
    # The inner box offered to inserts: between the sides, bottom and top, in front of the back.
    assert session.derived_opening() == {"x": "18", "y": "-3", "z": "18", "width": "width - 36",
                                         "height": "height - 36", "depth": "depth - 3"}


def test_a_piece_in_two_zones_grows_by_its_share(tmp_path, catalog_copy):
    session = _session(tmp_path, catalog_copy)
    session.zones["x"] = [(T, 300.0), (300.0, W - T)]    # two zones of 282 mm: each takes half the growth
    parts = {p.piece: p for p in session.derived_parts()}
    assert parts["bottom"].length == "width - 36"          # spans both zones: all of it
    assert parts["side_right"].at["x"] == "width - 18"


def test_derived_parts_agree_with_the_mesh_at_two_other_sizes(tmp_path, catalog_copy):
    session = _completed(_session(tmp_path, catalog_copy))
    session.publish()
    catalog = load_catalog(catalog_copy)
    assert not catalog.problems, [str(p) for p in catalog.problems]
    mtype = catalog.module("derived_cabinet")
    assert sorted(p.name for p in mtype.parts) == ["Back", "Bottom", "Side left", "Side right", "Top"]
    assert mtype.labour_minutes.source == "30 + width / 100" and [h.item for h in mtype.hardware] == ["connector"]
    stored = read_mesh(catalog.mesh_path(mtype.mesh))
    pieces = reference_pieces(stored.vertices, stored.faces, stored.face_part, stored.part_names)
    # The designer's boxes (one pass over the triangles) are the agreement check's (a pass per piece).
    assert piece_boxes(stored.vertices, stored.faces, stored.face_part, stored.part_names) == \
        [(piece.name, piece.box) for piece in pieces]
    for values, size in (({"width": 300, "depth": 350, "height": 400}, (300, 350, 400)),
                         ({"width": 1200, "depth": 600, "height": 900}, (1200, 600, 900))):
        env = module_env(catalog, mtype, resolve_params(mtype, values))
        parts = expand(catalog, mtype, env, "m1", "")
        assert module_disagreements(catalog, mtype, parts, pieces, size) == []
        boxes = {panel.name: panel.boxes[0] for panel in parts.panels}
        w, d, h = size
        # By hand: the right side from x = w - 18 to w, y = -d to -3, z = 0 to h; the top 18 mm under h.
        assert boxes["Side right"] == pytest.approx((w - 18, -d, 0, w, -3, h))
        assert boxes["Top"] == pytest.approx((18, -d, h - 18, w - 18, -3, h))
        assert boxes["Back"] == pytest.approx((1, -3, 1, w - 1, 0, h - 1))


def test_a_wrong_derived_size_would_be_caught_by_the_agreement_check(tmp_path, catalog_copy):
    """The agreement check is not blind to derived parts: a bottom 13 mm short is named."""
    session = _completed(_session(tmp_path, catalog_copy))
    session.publish()
    catalog = load_catalog(catalog_copy)
    mtype = catalog.module("derived_cabinet")
    bottom = next(i for i, p in enumerate(mtype.parts) if p.name == "Bottom")
    short = mtype.parts[bottom].model_copy(update={"length": type(mtype.parts[bottom].length).parse("width - 49")})
    broken = mtype.model_copy(update={"parts": [*mtype.parts[:bottom], short, *mtype.parts[bottom + 1:]]})
    stored = read_mesh(catalog.mesh_path(mtype.mesh))
    pieces = reference_pieces(stored.vertices, stored.faces, stored.face_part, stored.part_names)
    env = module_env(catalog, broken, resolve_params(broken, {"width": 900}))
    lines = module_disagreements(catalog, broken, expand(catalog, broken, env, "m1", ""), pieces, (900, D, H))
    assert any("part 'Bottom' is 851 x 557 x 18 mm" in line for line in lines), lines


def test_the_designer_edits_material_role_and_name(tmp_path, catalog_copy):
    session = _completed(_session(tmp_path, catalog_copy))
    session.edit_part("top", material="ply18", name="Plywood top")
    session.edit_part("bottom", role="base")
    with pytest.raises(ValueError, match="'hdf3' is 3 mm thick; the mesh's panel 'top' is 18 mm"):
        session.edit_part("top", material="hdf3")
    with pytest.raises(ValueError, match="role 'lid' is none of"):
        session.edit_part("top", role="lid")
    with pytest.raises(KeyError):
        session.edit_part("no_such_piece", name="x")
    session.publish()
    mtype = load_catalog(catalog_copy).module("derived_cabinet")
    by_name = {p.name: p for p in mtype.parts}
    assert by_name["Plywood top"].material == "ply18" and by_name["Bottom"].role == "base"


def test_publish_is_refused_until_hardware_and_labour_are_filled_in(tmp_path, catalog_copy):
    session = _session(tmp_path, catalog_copy)
    plan = session.plan()
    with pytest.raises(PublishError) as refused:
        session.publish()
    text = str(refused.value)
    assert "hardware: give at least one line" in text and "labour_minutes: give the workshop's minutes" in text
    session.hardware = [("connector", "8"), ("flux_capacitor", "1")]
    session.labour_minutes = "width - 600"               # 0 at the reference size
    with pytest.raises(PublishError) as refused:
        session.publish()
    text = str(refused.value)
    assert "hardware: the catalog has no item 'flux_capacitor'" in text
    assert "labour_minutes: 'width - 600' is 0 at the reference size; it must be above 0" in text
    assert not plan.entry_path.exists() and not plan.mesh_path.exists()
    _completed(session).publish()
    assert plan.entry_path.exists()


def test_a_mesh_without_panels_and_without_hardware_is_refused(tmp_path, catalog_copy):
    blocks = {"block": ((0, -300, 0), (400, 0, 500))}      # 400 x 300 x 500: no board is 300 mm thick
    catalog = load_catalog(catalog_copy)
    session = DesignerSession(catalog, inspect_file(_foreign(tmp_path, blocks, "block")))
    session.fix_origin()
    assert session.derived_parts() == []
    assert "no board thickness" in " ".join(session.derivation().others)
    session.labour_minutes = "20"
    with pytest.raises(PublishError, match="no parts and no hardware"):
        session.publish()


def test_a_published_module_is_priced_above_zero(tmp_path, catalog_copy):
    session = _completed(_session(tmp_path, catalog_copy))
    session.publish()
    catalog = load_catalog(catalog_copy)
    design = Design(catalog.id, catalog.version, "derived", [PlacedModule("c1", "derived_cabinet", {}, "white")])
    quote = Quoter(catalog).quote(design)
    assert quote.labour_minutes == 36                       # 30 + 600 / 100
    assert quote.costs.net > 0 and quote.costs.hardware_total > 0 and quote.costs.labour_total > 0


def test_an_obj_keeps_its_objects_of_one_material_apart(tmp_path):
    lines = ["mtllib boards.mtl"]
    for index, (name, x0) in enumerate((("left", 0.0), ("right", 582.0))):
        box = trimesh.creation.box(bounds=[[x0, -557, 0], [x0 + 18, 0, 720]])
        lines += [f"o {name}", "usemtl board"]
        lines += [f"v {x:g} {y:g} {z:g}" for x, y, z in box.vertices]
        lines += [f"f {a + 1 + 8 * index} {b + 1 + 8 * index} {c + 1 + 8 * index}" for a, b, c in box.faces]
    (tmp_path / "boards.mtl").write_text("newmtl board\nKd 0.8 0.8 0.8\n")
    path = tmp_path / "boards.obj"
    path.write_text("\n".join(lines) + "\n")
    mesh = read_mesh(path)
    assert sorted(mesh.part_names) == ["left", "right"]
    assert np.bincount(mesh.face_part).tolist() == [12, 12]
    grouped = tmp_path / "grouped.obj"                    # the same with groups (g) instead of objects
    grouped.write_text(path.read_text().replace("o left", "g left").replace("o right", "g right"))
    assert sorted(read_mesh(grouped).part_names) == ["left", "right"]


def test_the_catalog_check_proves_the_published_module_over_its_solution_space(tmp_path, catalog_copy):
    """At every corner of width, depth and height (and in its hosts) the derived parts are positive, within
    the sheet and the machines, do not overlap, agree with the mesh, and the module has labour."""
    from app.domain.rules.solution_space_proof import prove_solution_space

    _completed(_session(tmp_path, catalog_copy)).publish()
    catalog = load_catalog(catalog_copy)

    def pieces(mtype):
        mesh = read_mesh(catalog.mesh_path(mtype.mesh))
        return reference_pieces(mesh.vertices, mesh.faces, mesh.face_part, mesh.part_names)

    proof = prove_solution_space(catalog, pieces)
    # Its own configurations, and every insert (shelves, drawers, doors) in it at its corners.
    assert [str(p) for p in proof.problems if "derived_cabinet" in str(p)] == []
    assert proof.configurations > 8


def test_a_shelf_over_one_of_two_zones_grows_by_half_the_width(catalog):
    from app.domain.mesh.derive import derive_parts

    # 282 x 557 x 18 from x = 18 to 300, 300 mm up; x zones [18, 300] and [300, 582] share the growth.
    pieces = [("shelf", (18.0, -560.0, 300.0, 300.0, -3.0, 318.0)), ("leg", (0.0, -40.0, 0.0, 30.0, -10.0, 100.0))]
    zones = {"x": [(18.0, 300.0), (300.0, 582.0)], "z": [(18.0, 702.0)]}
    derivation = derive_parts(catalog, pieces, (W, D, H), zones, {"x": "width", "y": None, "z": "height"})
    [shelf] = derivation.parts
    # End x = 300 moves by half the growth: 300 + 0.5 (width - 600); the start stays at 18.
    # Its longest extent is the 557 mm depth (a fixed axis here): the length; the 282 mm along x its width.
    assert (shelf.role, shelf.name, shelf.length, shelf.width) == ("shelf", "Shelf", "557", "0.5 * width - 18")
    assert (shelf.at["x"], shelf.at["y"], shelf.at["length"], shelf.at["width"]) == ("18", "-560", "y", "x")
    # z = 300 lies 282 mm into the 684 mm zone: 300 + 282 / 684 (height - 720).
    coefficient, constant = 282 / 684, 300 - 282 / 684 * 720
    assert shelf.at["z"] == f"{round(coefficient, 6):g} * height + {round(constant, 3):g}"
    assert len(derivation.others) == 1 and "'leg'" in derivation.others[0]


def test_a_door_leaf_is_a_front_in_mdf(catalog):
    from app.domain.mesh.derive import derive_parts

    # A door module's mesh: one 596 x 19 x 716 leaf, its whole depth; x and z resize between 2 and 594 / 714.
    pieces = [("leaf", (0.0, -19.0, 0.0, 596.0, 0.0, 716.0))]
    zones = {"x": [(2.0, 594.0)], "z": [(2.0, 714.0)]}
    [leaf] = derive_parts(catalog, pieces, (596, 19, 716), zones, {"x": "width", "y": None, "z": "height"}).parts
    assert (leaf.role, leaf.material, leaf.name, leaf.thickness) == ("front", "mdf19", "Front", 19)
    assert (leaf.length, leaf.width) == ("height", "width")
    assert leaf.at == {"x": "0", "y": "-19", "z": "0", "length": "z", "width": "x"}
