"""The catalog check proves the whole solution space: corners, geometry options, inserts in every host.

Counts are made by hand from the module files; broken catalogs are copies of the bundled one with one
figure changed, as a catalog author would get it wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.mesh.loading import read_mesh
from app.domain.production.mesh_agreement import reference_pieces
from app.domain.production.parts import module_parts
from app.domain.rules.solution_space_proof import (
    geometry_options,
    module_configurations,
    overlaps,
    prove_solution_space,
)


def mesh_pieces_of(catalog):
    def pieces(mtype):
        mesh = read_mesh(catalog.mesh_path(mtype.mesh))
        return reference_pieces(mesh.vertices, mesh.faces, mesh.face_part, mesh.part_names)
    return pieces


def test_geometry_options_leave_out_finishes_handles_and_hinge_sides(catalog):
    assert geometry_options(catalog.module("drawer")) == ["runner"]       # runner.length sizes the box
    assert geometry_options(catalog.module("shelf")) == ["material"]      # the board's thickness
    assert geometry_options(catalog.module("door")) == []                 # handle, hinge side: no geometry


@pytest.mark.parametrize(("type_id", "expected"), [
    # top_panel: width and depth, 2 x 2 corners + 1 inside, no geometry option.
    ("top_panel", 5),
    # shelf: its sizes come from the host: 1 corner (the defaults) + 1 inside, x 2 boards.
    ("shelf", 4),
    # drawer: front_height 2 ends + 1 inside, x 5 runners (the handle is factored out).
    ("drawer", 15),
])
def test_configurations_per_module_counted_by_hand(catalog, type_id, expected):
    assert sum(1 for _ in module_configurations(catalog, catalog.module(type_id))) == expected


def test_the_bundled_catalog_is_proven_over_its_solution_space(catalog):
    proof = prove_solution_space(catalog, mesh_pieces_of(catalog))
    assert proof.problems == []
    assert proof.configurations > 200
    assert re.fullmatch(r"\d+ configurations of the solution space proven in \d+\.\d s", proof.summary())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_minimum_width_that_makes_negative_parts_fails_with_file_entry_and_field(catalog_copy):
    _edit(catalog_copy / "modules" / "base_cabinet.toml", 'label = "Width"\nmin = 300', 'label = "Width"\nmin = 50')
    broken = load_catalog(catalog_copy)
    assert not broken.problems   # the defaults are fine: loading alone does not see it
    lines = [str(p) for p in prove_solution_space(broken, mesh_pieces_of(broken)).problems]
    cabinet = [line for line in lines if line.startswith(str(Path("modules/base_cabinet.toml")))
               or "modules/base_cabinet.toml" in line.split(":")[0]]
    # 50 - 2 x 18 = 14 mm for the bottom and top: smaller than the saw and bander take.
    assert any("module 'base_cabinet'" in line and "params.width.min" in line and "(14 x" in line
               and "smaller than our machines take" in line for line in cabinet), lines
    # A drawer in such a cabinet: its back would be 14 - 26 - 32 = -44 mm long.
    assert any("module 'drawer'" in line and "-44.0" in line and "a size must be positive" in line for line in lines)


def test_a_maximum_width_longer_than_the_sheet_fails(catalog_copy):
    path = catalog_copy / "modules" / "top_panel.toml"
    _edit(path, "min = 300\nmax = 2700", "min = 300\nmax = 3000")
    broken = load_catalog(catalog_copy)
    lines = [str(p) for p in prove_solution_space(broken, mesh_pieces_of(broken)).problems]
    # 3000 - 2 x 2 mm banding = 2996 mm: longer than the 2800 mm sheet less its trim.
    assert any("module 'top_panel'" in line and "params.width.max" in line and "2996" in line
               and "2800 x 2070 mm sheet" in line for line in lines), lines


def test_a_module_with_no_parts_and_no_hardware_cannot_be_sold(catalog_copy):
    # As the designer's publish left modules before: a mesh and a name, nothing to build or price.
    path = catalog_copy / "modules" / "top_panel.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("[[parts]]")], encoding="utf-8")
    hollow = load_catalog(catalog_copy)
    lines = [str(p) for p in prove_solution_space(hollow, lambda mtype: None).problems]
    assert any("module 'top_panel'" in line and "has no parts and no hardware" in line for line in lines), lines


def test_a_mesh_missing_a_panel_is_reported_by_the_proof(catalog):
    real = mesh_pieces_of(catalog)

    def without_inner_front(mtype):
        pieces = real(mtype)
        return [p for p in pieces if p.name != "box_front"]

    lines = [str(p) for p in prove_solution_space(catalog, without_inner_front).problems]
    assert any("module 'drawer'" in line and "3D and cut list disagree" in line and "Drawer back" in line
               for line in lines), lines


def test_overlapping_panels_are_named(catalog):
    design = design_from_preset(catalog, "sideboard")
    parts = module_parts(catalog, Layout(catalog, design).state("c1"))
    assert overlaps(parts) == []
    side = parts.panels[0]
    x0, y0, z0, x1, y1, z1 = side.boxes[0]
    clash = replace(side, name="Stray", count=1, boxes=((x0, y0, z0, x1 + 30, y1, z1),))   # 30 mm into the bottom
    found = overlaps(replace(parts, panels=(clash, *parts.panels)))
    assert any("'Stray'" in line and "'Bottom'" in line for line in found)


def test_catalog_check_command_reports_the_proof_and_fails_on_a_broken_range(catalog_copy, capsys):
    from app.cli.main import main

    assert main(["catalog", "check", str(catalog_copy)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"; \d+ configurations of the solution space proven in \d+\.\d s", out)
    _edit(catalog_copy / "modules" / "top_panel.toml", "min = 300\nmax = 2700", "min = 300\nmax = 3000")
    assert main(["catalog", "check", str(catalog_copy)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^error: .*modules/top_panel\.toml: module 'top_panel', field 'params\.width\.max, "
                     r"params\.depth\.(min|max)': at top_panel width=3000 depth=\d+ .*2996", out, re.M), out
