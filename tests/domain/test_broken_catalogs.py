"""Deliberately broken copies of the sample catalog: precise errors, the rest still loads.

Each case breaks one thing in a copy, then runs the real ``modulor catalog check``
entry point (exit status 1, a line naming file, entry and field) and loads the
catalog to prove every other entry survived.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.domain.catalog.loader import CatalogError, load_catalog

ALL_MODULES = 13


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(path: Path, capsys) -> tuple[int, str]:
    code = main(["catalog", "check", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


CASES = [
    # (file, old text, new text, expected fragments of the problem line, module left out or None)
    ("modules/door.toml", 'length = "height - 2 * gap"', 'lenght = "height - 2 * gap"',
     ["modules/door.toml: module 'door', field 'parts[0].lenght': unknown field 'lenght' (did you mean 'length'?)"],
     "door"),
    ("modules/shelf.toml", 'label = "Board"', 'lable = "Board"',
     ["modules/shelf.toml: module 'shelf', field 'params.material.lable': unknown field", "did you mean 'label'?"],
     "shelf"),
    ("modules/legs.toml", 'mesh = "linea/legs.glb"', 'mesh = "linea/no_such_legs.glb"',
     ["modules/legs.toml: module 'legs', field 'mesh': 'linea/no_such_legs.glb' does not exist"], "legs"),
    ("modules/plinth.toml", 'mesh = "linea/plinth.glb"', 'mesh = "../../../../../etc/passwd"',
     ["modules/plinth.toml: module 'plinth', field 'mesh': '../../../../../etc/passwd' points outside models3d/ "
      "(refused)"], "plinth"),
    ("modules/plinth.toml", 'mesh = "linea/plinth.glb"', 'mesh = "/etc/passwd"',
     ["module 'plinth', field 'mesh': '/etc/passwd' is an absolute path"], "plinth"),
    ("modules/base_cabinet.toml", 'width = "depth - back"', 'width = "dpeth - back"',
     ["modules/base_cabinet.toml: module 'base_cabinet', field 'parts[0].width': formula 'dpeth - back' uses "
      "unknown name 'dpeth' (did you mean 'depth'?)"], "base_cabinet"),
    ("modules/drawer.toml", 'labour_minutes = 25', 'labour_minutes = "__import__(\'os\').getcwd()"',
     ["modules/drawer.toml: module 'drawer', field 'labour_minutes':", "only the functions"], "drawer"),
    ("modules/top_panel.toml", "min = 300\nmax = 2700", "min = 3000\nmax = 2700",
     ["module 'top_panel', field 'params.width': min (3000) is greater than max (2700)"], "top_panel"),
    ("modules/wall_cabinet.toml", "default = 400", "default = 1000",
     ["module 'wall_cabinet', field 'params.height': default 1000 is outside min 300 .. max 900"], "wall_cabinet"),
    ("modules/wall_cabinet.toml", "default = 400", "default = 410",
     ["module 'wall_cabinet', field 'params.height': default 410 is not on the step 20 from min 300"],
     "wall_cabinet"),
    ("modules/hanging_rail.toml", "reference_size = [564, 60, 60]", "reference_size = [564, 0, 60]",
     ["module 'hanging_rail', field 'reference_size[1]': Input should be greater than 0"], "hanging_rail"),
    ("modules/hanging_rail.toml", "reference_size = [564, 60, 60]", "reference_size = [564, -60, 60]",
     ["module 'hanging_rail', field 'reference_size[1]': Input should be greater than 0 (found -60)"],
     "hanging_rail"),
    ("modules/top_panel.toml", 'x = "width"', 'x = "width - 5000"',
     ["module 'top_panel', field 'size.x': 'width - 5000' gives -4400 mm at the defaults; a size must be positive"],
     "top_panel"),
    ("modules/door.toml", '"walnut", "sage"]', '"walnut", "saeg"]',
     ["module 'door', field 'finishes[5]': unknown finish 'saeg'"], "door"),
    ("modules/door.toml", 'material = "mdf19"', 'material = "mdf91"',
     ["module 'door', field 'parts[0].material': 'mdf91' is neither a material nor a parameter choosing one"],
     "door"),
    ("modules/shelf.toml", 'z = "material.thickness"', 'z = "material.thicknes"',
     ["module 'shelf', field 'size.z':", "'thicknes' is not a field of a material"], "shelf"),
    ("modules/shelf.toml", "z_step = 32", "z_step = 32\nsnap = true",
     ["module 'shelf', field 'attach.snap': unknown field 'snap'"], "shelf"),
    ("modules/door.toml", 'id = "door"', 'id = "door"\n[[broken', ["modules/door.toml: not valid TOML"], "door"),
    ("modules/base_cabinet.toml", "x = [[18, 582]]", "x = [[18, 5820]]",
     ["module 'base_cabinet', field 'stretch.x': zone [18, 5820] lies outside the mesh's x range [0, 600]"],
     "base_cabinet"),
    ("modules/legs.toml", "x = [[60, 540]]", "x = []",
     ["module 'legs', field 'stretch.x': the size along x changes with width but no stretch zone is given"], "legs"),
]


@pytest.mark.parametrize("file, old, new, expected, left_out", CASES,
                         ids=[f"{c[0].split('/')[-1]}:{c[2][:30]}" for c in CASES])
def test_broken_entry_is_reported_and_the_rest_loads(catalog_copy, capsys, monkeypatch,
                                                     file, old, new, expected, left_out):
    monkeypatch.chdir(catalog_copy.parent.parent)  # messages use paths relative to the working folder
    edit(catalog_copy / file, old, new)
    code, output = run_check(catalog_copy, capsys)
    assert code == 1, output
    for fragment in expected:
        assert fragment in output
    loaded = load_catalog(catalog_copy)
    assert left_out not in loaded.modules
    assert len(loaded.modules) == ALL_MODULES - 1
    assert f"module '{left_out}'" in loaded.skipped


def test_pristine_copy_checks_clean(catalog_copy, capsys):
    code, output = run_check(catalog_copy, capsys)
    assert code == 0, output
    assert "13 module types, 4 presets" in output and "15 meshes checked: OK" in output


def test_bundled_catalogs_check_clean(capsys):
    assert main(["catalog", "check"]) == 0, capsys.readouterr().out


def test_mesh_size_different_from_reference(catalog_copy, capsys, monkeypatch):
    monkeypatch.chdir(catalog_copy.parent.parent)
    edit(catalog_copy / "modules/door.toml", "reference_size = [596, 19, 716]", "reference_size = [600, 19, 716]")
    code, output = run_check(catalog_copy, capsys)
    assert code == 1
    assert ("modules/door.toml: module 'door', field 'reference_size': mesh 'linea/door.glb' measures "
            "596 x 19 x 716 mm, declared 600 x 19 x 716 mm (tolerance 0.5 mm)") in output


def test_corrupt_mesh_file(catalog_copy, capsys, monkeypatch):
    monkeypatch.chdir(catalog_copy.parent.parent)
    (catalog_copy.parent.parent / "models3d/linea/shelf.glb").write_bytes(b"glTF\x02\x00\x00\x00garbage" * 10)
    code, output = run_check(catalog_copy, capsys)
    assert code == 1
    assert "modules/shelf.toml: module 'shelf', field 'mesh': linea/shelf.glb: cannot be read as a mesh" in output


def test_empty_mesh_file(catalog_copy, capsys, monkeypatch):
    monkeypatch.chdir(catalog_copy.parent.parent)
    (catalog_copy.parent.parent / "models3d/linea/shelf.glb").write_bytes(b"")
    code, output = run_check(catalog_copy, capsys)
    assert code == 1 and "module 'shelf', field 'mesh': linea/shelf.glb: the file is empty" in output


def test_triangle_budget(catalog_copy, capsys, monkeypatch):
    monkeypatch.chdir(catalog_copy.parent.parent)
    edit(catalog_copy / "catalog.toml", "mesh_triangle_budget = 5000", "mesh_triangle_budget = 100")
    code, output = run_check(catalog_copy, capsys)
    assert code == 1
    assert "module 'legs', field 'mesh': 'linea/legs.glb' has 416 triangles; the budget is 100" in output


def test_mesh_origin_not_at_back_left_bottom(catalog_copy, capsys, monkeypatch):
    import trimesh

    monkeypatch.chdir(catalog_copy.parent.parent)
    path = catalog_copy.parent.parent / "models3d/linea/door.glb"
    scene = trimesh.load(path, force="scene")
    scene.apply_translation([0, 19, 0])  # front face at y=0: the door now sits in front of its origin
    scene.export(path)
    code, output = run_check(catalog_copy, capsys)
    assert code == 1
    assert "module 'door', field 'mesh': 'linea/door.glb': the back-left-bottom corner is at (0, 19, 0)" in output


def test_unknown_material_field_leaves_out_that_material_only(catalog_copy):
    edit(catalog_copy / "materials.toml", "thickness = 16", "thicknes = 16")
    loaded = load_catalog(catalog_copy)
    assert "mfc16" not in loaded.materials and "mfc18" in loaded.materials
    messages = [str(p) for p in loaded.problems]
    assert any("material 'mfc16', field 'materials.mfc16.thicknes': unknown field 'thicknes' "
               "(did you mean 'thickness'?)" in m for m in messages), messages
    # The drawer box uses mfc16, so the drawer is left out too, and says why.
    assert "drawer" not in loaded.modules
    assert any("module 'drawer', field 'parts[1].material': 'mfc16' is neither a material" in m for m in messages)


def test_preset_with_bad_value_is_left_out(catalog_copy):
    edit(catalog_copy / "presets.toml", "params = { width = 1800, depth = 470 }",
         "params = { width = 9999, depth = 470 }")
    loaded = load_catalog(catalog_copy)
    assert "sideboard" not in loaded.presets and len(loaded.presets) == 3
    assert any("preset 'sideboard', field 'presets.sideboard.modules[4].params.width': 9999 is outside 300 .. 2700"
               in str(p) for p in loaded.problems)


def test_broken_catalog_file_makes_the_catalog_unusable_with_a_reason(catalog_copy, capsys, monkeypatch):
    monkeypatch.chdir(catalog_copy.parent.parent)
    edit(catalog_copy / "catalog.toml", 'currency = "EUR"', 'currency = "Euro"')
    with pytest.raises(CatalogError) as info:
        load_catalog(catalog_copy)
    assert "catalogs/linea/catalog.toml: field 'currency': String should match pattern" in str(info.value)
    code, output = run_check(catalog_copy, capsys)
    assert code == 1 and "unusable" in output


def test_missing_required_file(catalog_copy, capsys):
    (catalog_copy / "hardware.toml").unlink()
    code, output = run_check(catalog_copy, capsys)
    assert code == 1 and "hardware.toml: file is missing" in output


def test_not_a_catalog_folder(tmp_path, capsys):
    code, output = run_check(tmp_path, capsys)
    assert code == 1 and "no catalog here" in output
