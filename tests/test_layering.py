"""The domain imports neither Qt nor VTK and its tests pass without them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "vtk", "vtkmodules", "pyvista", "pyvistaqt")


def _env_without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_every_domain_module_imports_without_qt_or_vtk():
    code = (
        "import importlib, pkgutil, sys, app.domain as d\n"
        "names = [m.name for m in pkgutil.walk_packages(d.__path__, 'app.domain.')]\n"
        "[importlib.import_module(n) for n in names]\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(len(names), bad)\n"
        "sys.exit(1 if bad or len(names) < 10 else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env=_env_without_display())
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_tests_pass_with_qt_and_vtk_imports_blocked():
    env = _env_without_display()
    env["MODULOR_FORBID_QT"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/domain", "-q", "-p", "no:pytest-qt", "-p", "no:xvfb",
         "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestConfigWarning", "-x"],
        capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
