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


# The wine rack of issue 19: 600 x 384 x 900 mm, a divider, three bottle shelves each side, a 3 mm back,
# a 4 mm glass door with a steel handle and two steel hinges; 16 named pieces.
RACK_WIDTH, RACK_DEPTH, RACK_HEIGHT, GLASS = 600.0, 384.0, 900.0, 4.0
RACK_ZONES_X = [(45.0, 291.0), (309.0, 555.0)]   # the two compartments, clear of the handle and hinges


def wine_rack_pieces() -> dict[str, tuple[trimesh.Trimesh, str]]:
    """Name -> (box in mm, Z up, origin back-left-bottom; its material's name)."""
    w, h, t, b = RACK_WIDTH, RACK_HEIGHT, BOARD, BACK
    d = RACK_DEPTH - GLASS    # the carcass; the glass door sits in front of it
    pieces = {
        "side_left": (_board(0, t, -d, 0, 0, h), "Oak"),
        "side_right": (_board(w - t, w, -d, 0, 0, h), "Oak"),
        "bottom": (_board(t, w - t, -d, -b, 0, t), "Oak"),
        "top": (_board(t, w - t, -d, -b, h - t, h), "Oak"),
        "back": (_board(t, w - t, -b, 0, t, h - t), "HDF white"),
        "divider": (_board(291, 309, -d, -b, t, h - t), "Oak"),
    }
    for i, z in enumerate((230.0, 452.0, 674.0), start=1):
        pieces[f"bottle_shelf_left_{i}"] = (_board(t, 291, -d, -b, z, z + t), "Oak")
        pieces[f"bottle_shelf_right_{i}"] = (_board(309, w - t, -d, -b, z, z + t), "Oak")
    pieces["door_glass"] = (_board(2, w - 2, -RACK_DEPTH, -d, 2, h - 2), "Glass")
    pieces["handle"] = (_board(28, 40, -RACK_DEPTH - 20, -RACK_DEPTH, 380, 520), "Steel")
    pieces["hinge_top"] = (_board(w - 2, w, -RACK_DEPTH, -RACK_DEPTH + 20, 780, 840), "Steel")
    pieces["hinge_bottom"] = (_board(w - 2, w, -RACK_DEPTH, -RACK_DEPTH + 20, 60, 120), "Steel")
    return pieces


def wine_rack(folder: Path) -> Path:
    """The rack as a designer's Blender export: ``wine_rack.glb``, metres, Y up, one node per piece,
    each with its own material (glass a see-through one), origin in the middle of the floor."""
    scene = trimesh.Scene()
    offset = np.array([RACK_WIDTH / 2, -RACK_DEPTH / 2, 0.0])
    for name, (box, material_name) in wine_rack_pieces().items():
        vertices = ((box.vertices - offset) / 1000.0) @ Z_UP_TO_Y_UP.T
        mesh = trimesh.Trimesh(vertices, box.faces, process=False)
        alpha = 60 if material_name == "Glass" else 255
        mesh.visual = trimesh.visual.TextureVisuals(material=trimesh.visual.material.PBRMaterial(
            name=material_name, baseColorFactor=[200, 220, 225, alpha] if alpha < 255 else [180, 150, 110, 255]))
        scene.add_geometry(mesh, node_name=name, geom_name=name)
    path = folder / "wine_rack.glb"
    path.write_bytes(trimesh.exchange.gltf.export_glb(scene))
    return path
