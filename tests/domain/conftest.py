"""Domain tests need no display and no Qt/VTK.

With MODULOR_FORBID_QT=1 (set by tests/test_layering.py when it runs this folder
in a subprocess) importing PySide6, VTK or pyvista raises, which proves the
domain never needs them.
"""

from __future__ import annotations

import importlib.abc
import os
import sys

FORBIDDEN = ("PySide6", "shiboken6", "vtk", "vtkmodules", "pyvista", "pyvistaqt", "qtpy")


class _Forbid(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in FORBIDDEN:
            raise ImportError(f"the domain must not import {fullname}")
        return None


if os.environ.get("MODULOR_FORBID_QT") == "1":
    sys.meta_path.insert(0, _Forbid())
