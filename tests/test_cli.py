"""The command line: help lists the modes, console script exists, headless commands need no display."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_help_lists_modes_and_commands():
    result = _run("--help")
    assert result.returncode == 0
    for word in ("run", "catalog", "design", "--catalog"):
        assert word in result.stdout
    catalog_help = _run("catalog", "--help").stdout
    assert "check" in catalog_help and "schema" in catalog_help


def test_console_script_is_installed_with_the_same_entry_point():
    script = Path(sys.executable).parent / "modulor"
    assert script.exists() or shutil.which("modulor"), "pip install -e . creates the 'modulor' script"
    result = subprocess.run([str(script if script.exists() else shutil.which("modulor")), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("modulor ")


def test_catalog_check_runs_headless_and_never_loads_qt():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    code = ("import sys; from app.cli.main import main; rc = main(['catalog', 'check', '-q']); "
            "sys.exit(rc or (3 if any(m.startswith(('PySide6', 'vtk', 'pyvista')) for m in sys.modules) else 0))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_reports_stale_schemas(tmp_path):
    assert _run("catalog", "schema", "--check").returncode == 0
    result = _run("catalog", "schema", "--check", "--out", str(tmp_path))
    assert result.returncode == 1 and "module.schema.json: out of date" in result.stdout
    assert _run("catalog", "schema", "--out", str(tmp_path)).returncode == 0
    assert _run("catalog", "schema", "--check", "--out", str(tmp_path)).returncode == 0


def test_design_check_reports_contents_and_refusals(catalog, tmp_path):
    good = tmp_path / "good.modulor.json"
    good.write_text(json.dumps(design_to_dict(design_from_preset(catalog, "wardrobe"))))
    result = _run("design", "check", str(good))
    assert result.returncode == 0 and "'Wardrobe', 12 module(s)" in result.stdout
    bad = tmp_path / "bad.modulor.json"
    bad.write_text(good.read_text()[:100])
    result = _run("design", "check", str(bad))
    assert result.returncode == 1 and "bad.modulor.json: damaged or truncated" in result.stdout
