"""`modulor mesh check`: one report per file, exit 0 / 1 / 2, no display and no Qt or VTK."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.designer_meshes import cabinet_file, foreign_cabinet

ROOT = Path(__file__).resolve().parent.parent
MESHES = ROOT / "tests" / "data" / "meshes"
DOOR = ROOT / "models3d" / "linea" / "door.glb"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    code = ("import sys; from app.cli.main import main; rc = main(sys.argv[1:]); "
            "qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'vtk', 'vtkmodules', 'pyvista')]; "
            "print('LOADED', qt); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_a_ready_mesh_exits_0_and_loads_no_qt():
    result = _run("mesh", "check", str(DOOR), "--module", "door", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{DOOR}: ready" in result.stdout
    assert "ok       reference   matches the catalog entry's reference size 596 x 19 x 716 mm" in result.stdout
    assert "LOADED []" in result.stdout


def test_a_batch_reports_every_file_and_exits_1_when_some_are_unfit_or_refused(tmp_path):
    cabinet = foreign_cabinet(tmp_path)
    files = [str(cabinet), str(MESHES / "teapot.stl"), str(MESHES / "points_ascii.ply"), str(DOOR)]
    result = _run("mesh", "check", *files)
    assert result.returncode == 1
    out = result.stdout
    assert f"{cabinet}: fit" in out and f"{DOOR}: ready" in out
    assert f"{MESHES / 'teapot.stl'}: UNFIT" in out and "not closed: 64 open edges" in out
    assert f"{MESHES / 'points_ascii.ply'}: REFUSED" in out and "point cloud of 5 points" in out
    assert "4 file(s) checked, 2 unfit or refused" in out


def test_fit_files_exit_0_but_strict_wants_them_ready(tmp_path):
    cabinet = str(foreign_cabinet(tmp_path))
    assert _run("mesh", "check", cabinet, "-q").returncode == 0
    strict = _run("mesh", "check", cabinet, "--strict", "-q")
    assert strict.returncode == 1 and "1 file(s) checked, 1 not ready" in strict.stdout


def test_units_and_budget_can_be_forced():
    result = _run("mesh", "check", str(MESHES / "BoxTextured.glb"), "--units", "mm", "--up", "z", "--budget", "10")
    assert result.returncode == 1
    assert "millimetres: chosen by the designer" in result.stdout and "1 x 1 x 1 mm" in result.stdout
    assert "12 triangles; the catalog's budget is 10" in result.stdout


def test_usage_errors_exit_2():
    assert _run("mesh", "check").returncode == 2
    assert _run("mesh", "check", str(DOOR), "--units", "furlongs").returncode == 2
    unknown = _run("mesh", "check", str(DOOR), "--module", "no_such_module")
    assert unknown.returncode == 2 and "has no module 'no_such_module'" in unknown.stderr
    assert _run("--catalog", "/nonexistent", "mesh", "check", str(DOOR)).returncode == 2


def test_ambiguous_units_and_a_mesh_lying_down_exit_1_until_units_and_up_are_given(tmp_path):
    centimetres = str(cabinet_file(tmp_path, "cabinet.obj", 10.0, "Y"))      # 72 units: cm or inches?
    lying = str(cabinet_file(tmp_path, "rack.glb", 1000.0, "Z"))              # a Z-up glTF
    result = _run("mesh", "check", centimetres, lying)
    assert result.returncode == 1
    assert f"{centimetres}: ambiguous" in result.stdout and "centimetres or inches?" in result.stdout
    assert f"{lying}: UNFIT" in result.stdout and "lying down?" in result.stdout
    assert "2 file(s) checked, 2 unfit or refused" in result.stdout
    assert _run("mesh", "check", centimetres, "--units", "cm", "-q").returncode == 0
    told = _run("mesh", "check", lying, "--up", "z", "-q")
    assert told.returncode == 0 and f"{lying}: fit" in told.stdout
