"""Meshes a designer might bring, made with trimesh for the designer tests.

:func:`cabinet_panels` is a carcass of 18 mm boards and a 3 mm back, 600 x 560 x 720 mm,
built in Modulor's frame; :func:`foreign_cabinet` writes it as another tool would:
in metres, Y up, with the origin in the middle of the box.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import trimesh

WIDTH, DEPTH, HEIGHT, BOARD, BACK = 600.0, 560.0, 720.0, 18.0, 3.0
# Z up -> Y up: the inverse of the +90 degree turn about X that Modulor applies: (x, y, z) -> (x, z, -y).
Z_UP_TO_Y_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])


def _board(x0, x1, y0, y1, z0, z1) -> trimesh.Trimesh:
    return trimesh.creation.box(bounds=[[x0, y0, z0], [x1, y1, z1]])


def cabinet_panels() -> dict[str, trimesh.Trimesh]:
    """The boards, in mm, Z up, origin at the back-left-bottom corner (front at y = -DEPTH)."""
    w, d, h, t, b = WIDTH, DEPTH, HEIGHT, BOARD, BACK
    return {
        "side_left": _board(0, t, -d, 0, 0, h),
        "side_right": _board(w - t, w, -d, 0, 0, h),
        "bottom": _board(t, w - t, -d, -b, 0, t),
        "top": _board(t, w - t, -d, -b, h - t, h),
        "back": _board(t, w - t, -b, 0, t, h - t),
    }


def foreign_cabinet(folder: Path, suffix: str = ".glb") -> Path:
    """The cabinet as exported in metres, Y up, centred on the origin, as ``cabinet<suffix>``."""
    scene = trimesh.Scene()
    centre = np.array([WIDTH / 2, -DEPTH / 2, HEIGHT / 2])
    for name, board in cabinet_panels().items():
        vertices = ((board.vertices - centre) / 1000.0) @ Z_UP_TO_Y_UP.T
        scene.add_geometry(trimesh.Trimesh(vertices, board.faces, process=False), node_name=name, geom_name=name)
    path = folder / f"cabinet{suffix}"
    if suffix == ".glb":
        path.write_bytes(trimesh.exchange.gltf.export_glb(scene))
    else:
        scene.export(path)
    return path


def cabinet_file(folder: Path, name: str, scale: float, up: str = "Z", centre: bool = False) -> Path:
    """The cabinet written as ``name`` (its suffix says the format) with every mm divided by ``scale``
    (10: centimetres, 25.4: inches, 1000: metres) and ``up`` the file's up axis; one object per board."""
    scene = trimesh.Scene()
    offset = np.array([WIDTH / 2, -DEPTH / 2, HEIGHT / 2]) if centre else np.zeros(3)
    for board_name, board in cabinet_panels().items():
        vertices = (board.vertices - offset) / scale
        if up == "Y":
            vertices = vertices @ Z_UP_TO_Y_UP.T
        scene.add_geometry(trimesh.Trimesh(vertices, board.faces, process=False), node_name=board_name,
                           geom_name=board_name)
    path = folder / name
    if path.suffix == ".glb":
        path.write_bytes(trimesh.exchange.gltf.export_glb(scene))
    elif path.suffix in (".stl", ".ply"):
        trimesh.util.concatenate(list(scene.dump())).export(path)
    else:
        scene.export(path)
    return path
