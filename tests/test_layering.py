"""The domain and the editing layer import neither Qt nor VTK.

The import contracts in pyproject.toml ([tool.importlinter], checked by
tests/test_static_checks.py) say it for every import written in the code; this
test says it for what actually happens at run time (a library that pulls in Qt
behind our back, an import built from a string): every module of the two
packages is imported in a clean process without a display, and none of the
forbidden packages may be loaded afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "vtk", "vtkmodules", "pyvista", "pyvistaqt")


def _env_without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.mark.parametrize(("package", "at_least"), [("app.domain", 10), ("app.editing", 1)])
def test_every_module_imports_without_qt_or_vtk(package, at_least):
    code = (
        f"import importlib, pkgutil, sys, {package} as p\n"
        f"names = [m.name for m in pkgutil.walk_packages(p.__path__, '{package}.')]\n"
        "[importlib.import_module(n) for n in names]\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(len(names), bad)\n"
        f"sys.exit(1 if bad or len(names) < {at_least} else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env=_env_without_display(), check=False)
    assert result.returncode == 0, result.stdout + result.stderr
