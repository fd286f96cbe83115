"""Domain tests need no display and no Qt/VTK.

With MODULOR_FORBID_QT=1 importing PySide6, VTK or pyvista raises, which proves
the domain never needs them (by hand, when in doubt: ``MODULOR_FORBID_QT=1
pytest tests/domain -p no:pytest-qt -p no:xvfb``; the suite itself relies on the
import contracts and tests/test_layering.py, which take seconds, not a minute).
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
