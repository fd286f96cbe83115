"""Generate the module meshes of the sample furniture system "linea".

Run:  python models3d/linea/generate_meshes.py   (needs the dev extra: pip install -e ".[dev]", for scipy)
The .glb files are written next to this script (models3d/linea/*.glb).
The script is deterministic: running it twice gives byte-identical files.

Conventions
-----------
* Units are millimetres. Z is up, the frame is right-handed:
  +X runs left -> right as seen from the front, +Y points to the BACK
  (toward the wall), +Z points up.
* The origin is the back-left-bottom corner of the module's bounding box,
  so a module of reference size W x D x H occupies
  x in [0, W], y in [-D, 0], z in [0, H]; the back face is the plane y = 0,
  the front face is the plane y = -D.
* The files are written as-is: NO conversion to the glTF Y-up convention.
  A viewer that assumes glTF's Y-up must rotate by -90 deg about X itself.
  The scene extras say so: {"units": "mm", "up": "Z", ...}.
* One glTF node per physical part, named after the part ("side_left",
  "leaf_right", "box_bottom", ...). Every part is a closed (watertight)
  solid with outward-facing triangles. Thicknesses are real: carcass panels
  18 mm, backs 3 mm HDF, fronts 19 mm.
* All parts share one neutral light-grey material; colours and decors come
  from the catalog at render time. No vertex normals are written, so glTF
  viewers shade the faces flat (glTF 2.0 spec, "meshes").
* STRETCH_ZONES (below) tells a renderer how to resize a mesh to another
  module size: per mesh and per axis, a list of [a, b] intervals in
  reference coordinates that may stretch. Everything outside the intervals
  keeps its size and is only moved (18 mm panels stay 18 mm, chamfers,
  handle posts and leg diameters keep their size). The size change of an
  axis is shared among that axis's intervals in proportion to their lengths.
  An empty list means the axis must not be resized.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import trimesh
from trimesh.visual.material import PBRMaterial

OUT_DIR = Path(__file__).resolve().parent

# Reference sizes (W, D, H) in mm, per file.
REFERENCE_SIZES = {
    "base_cabinet.glb": (600, 560, 720),
    "tall_cabinet.glb": (600, 560, 2000),
    "wall_cabinet.glb": (600, 350, 400),
    "open_shelf.glb": (800, 350, 1200),
    "shelf.glb": (564, 530, 18),
    "door.glb": (596, 19, 716),
    "double_door.glb": (796, 19, 716),
    "drawer.glb": (596, 469, 176),
    "plinth.glb": (600, 560, 100),
    "legs.glb": (600, 560, 120),
    "top_panel.glb": (600, 580, 25),
    "hanging_rail.glb": (564, 60, 60),
    "handle_bar_160.glb": (192, 35, 12),
    "handle_knob.glb": (30, 28, 30),
}

# Per mesh, per axis: intervals [a, b] (reference coordinates, mm) that may
# stretch when the module is resized. Outside them geometry keeps its size.
STRETCH_ZONES = {
    "base_cabinet.glb": {"x": [[18, 582]], "y": [[-550, -10]], "z": [[18, 702]]},
    "tall_cabinet.glb": {"x": [[18, 582]], "y": [[-550, -10]], "z": [[18, 1982]]},
    # y stops at -20 and z at 362 so the steel hanging strip keeps its section
    "wall_cabinet.glb": {"x": [[18, 582]], "y": [[-340, -20]], "z": [[18, 362]]},
    "open_shelf.glb": {"x": [[18, 782]], "y": [[-340, -10]], "z": [[18, 1182]]},
    # 1 mm chamfer on the front top edge stays 1 mm
    "shelf.glb": {"x": [[0, 564]], "y": [[-529, 0]], "z": [[0, 17]]},
    # 2 mm chamfer bands around the front face (y = -19) stay 2 mm
    "door.glb": {"x": [[2, 594]], "y": [[-17, 0]], "z": [[2, 714]]},
    # one zone per leaf, equal lengths (392.5): leaves stay equal, gap stays 3 mm
    "double_door.glb": {"x": [[2, 394.5], [401.5, 794]], "y": [[-17, 0]], "z": [[2, 714]]},
    # keeps front chamfers, 16 mm box sides, 19 mm front, 16 mm box back, 3 mm bottom
    "drawer.glb": {"x": [[45, 551]], "y": [[-430, -26]], "z": [[40, 140]]},
    # reference depth 560 = cabinet footprint, but the front board is set back
    # 40 mm, so the geometry only reaches y = -520 (bounds 600 x 520 x 100)
    "plinth.glb": {"x": [[18, 582]], "y": [[-502, -18]], "z": [[0, 100]]},
    # leg length may change, diameter and plates never
    "legs.glb": {"x": [[60, 540]], "y": [[-500, -60]], "z": [[0, 110]]},
    "top_panel.glb": {"x": [[2, 598]], "y": [[-578, -2]], "z": [[0, 23]]},
    "hanging_rail.glb": {"x": [[20, 544]], "y": [], "z": []},
    "handle_bar_160.glb": {"x": [], "y": [], "z": []},
    "handle_knob.glb": {"x": [], "y": [], "z": []},
}

SECTIONS = 24  # facets of round parts (multiple of 4: bounds stay exact)
NEUTRAL_GREY = [200, 200, 200, 255]
PLINTH_SETBACK = 40  # front board of the plinth sits this far behind y = -D

ASSET_EXTRAS = {"units": "mm", "up": "Z", "origin": "back-left-bottom", "front": "-Y"}


# --------------------------------------------------------------------------
# geometry helpers (all return (name, trimesh.Trimesh))
# --------------------------------------------------------------------------

def _hull(points) -> trimesh.Trimesh:
    """Closed convex solid (outward normals) through the given points."""
    mesh = trimesh.convex.convex_hull(np.asarray(points, dtype=np.float64))
    return trimesh.Trimesh(mesh.vertices, mesh.faces, process=False)


def box(name, x0, x1, y0, y1, z0, z1):
    """Axis-aligned rectangular block."""
    mesh = trimesh.creation.box(bounds=[[x0, y0, z0], [x1, y1, z1]])
    return name, trimesh.Trimesh(mesh.vertices, mesh.faces, process=False)


def _rect(axis, t, a0, a1, b0, b1):
    """4 corners of a rectangle perpendicular to `axis` at coordinate t."""
    pts = []
    for a in (a0, a1):
        for b in (b0, b1):
            pts.append({"x": (t, a, b), "y": (a, t, b), "z": (a, b, t)}[axis])
    return pts


def chamfered_slab(name, x0, x1, y0, y1, z0, z1, face, c):
    """Block whose four edges around one face are chamfered by c (45 deg).

    face: "-y" (front face of a door / drawer front) or "+z" (top face).
    """
    if face == "-y":
        pts = _rect("y", y0, x0 + c, x1 - c, z0 + c, z1 - c)
        pts += _rect("y", y0 + c, x0, x1, z0, z1) + _rect("y", y1, x0, x1, z0, z1)
    elif face == "+z":
        pts = _rect("z", z1, x0 + c, x1 - c, y0 + c, y1 - c)
        pts += _rect("z", z1 - c, x0, x1, y0, y1) + _rect("z", z0, x0, x1, y0, y1)
    else:
        raise ValueError(face)
    return name, _hull(pts)


def prism_x(name, x0, x1, profile_yz):
    """Convex (y, z) profile extruded along x from x0 to x1."""
    pts = [(x, y, z) for x in (x0, x1) for (y, z) in profile_yz]
    return name, _hull(pts)


def _ring(axis, t, c1, c2, r):
    """SECTIONS points on a circle of radius r around `axis` at coordinate t.

    (c1, c2) is the centre in the two other axes, in x-y-z order.
    Points sit at k * 360/SECTIONS deg, so the extreme points lie exactly at
    centre +- r: the bounding box of a round part is exact.
    """
    pts = []
    for k in range(SECTIONS):
        ang = 2.0 * math.pi * k / SECTIONS
        u = c1 + r * math.cos(ang)
        v = c2 + r * math.sin(ang)
        pts.append({"x": (t, u, v), "y": (u, t, v), "z": (u, v, t)}[axis])
    return pts


def round_part(name, axis, c1, c2, stations):
    """Convex solid of revolution around an axis parallel to `axis`.

    stations: [(t, radius), ...] along the axis; (c1, c2) is the centre in
    the two other axes (x-y-z order). With two stations it is a cylinder.
    """
    pts = []
    for t, r in stations:
        pts += _ring(axis, t, c1, c2, r)
    return name, _hull(pts)


def cylinder(name, axis, c1, c2, radius, t0, t1):
    return round_part(name, axis, c1, c2, [(t0, radius), (t1, radius)])


# --------------------------------------------------------------------------
# modules
# --------------------------------------------------------------------------

def carcass(w, d, h, t=18, back=3):
    """Sides full height, top and bottom between the sides, HDF back behind."""
    return [
        box("side_left", 0, t, -d, -back, 0, h),
        box("side_right", w - t, w, -d, -back, 0, h),
        box("bottom", t, w - t, -d, -back, 0, t),
        box("top", t, w - t, -d, -back, h - t, h),
        box("back", 1, w - 1, -back, 0, 1, h - 1),
    ]


def wall_cabinet():
    w, d, h = REFERENCE_SIZES["wall_cabinet.glb"]
    # steel hanging strip, 10 mm deep x 20 mm high, under the top at the back
    return carcass(w, d, h) + [box("hanging_strip", 18, w - 18, -13, -3, h - 38, h - 18)]


def open_shelf():
    w, d, h = REFERENCE_SIZES["open_shelf.glb"]
    t = 18
    return [
        box("bottom", 0, w, -d, -3, 0, t),
        box("top", 0, w, -d, -3, h - t, h),
        box("side_left", 0, t, -d, -3, t, h - t),
        box("side_right", w - t, w, -d, -3, t, h - t),
        box("back", 1, w - 1, -3, 0, 1, h - 1),
    ]


def shelf():
    w, d, h = REFERENCE_SIZES["shelf.glb"]
    c = 1  # chamfer on the front top edge
    profile = [(-d, 0), (0, 0), (0, h), (-d + c, h), (-d, h - c)]
    return [prism_x("shelf", 0, w, profile)]


def door():
    w, d, h = REFERENCE_SIZES["door.glb"]
    return [chamfered_slab("leaf", 0, w, -d, 0, 0, h, "-y", 2)]


def double_door():
    w, d, h = REFERENCE_SIZES["double_door.glb"]
    gap = 3
    half = (w - gap) / 2  # 396.5
    return [
        chamfered_slab("leaf_left", 0, half, -d, 0, 0, h, "-y", 2),
        chamfered_slab("leaf_right", half + gap, w, -d, 0, 0, h, "-y", 2),
    ]


def drawer():
    w, d, h = REFERENCE_SIZES["drawer.glb"]  # 596 x 469 x 176
    fy = -d + 19  # back face of the 19 mm front: -450
    return [
        chamfered_slab("front", 0, w, -d, fy, 0, h, "-y", 2),
        box("box_side_left", 29, 45, fy, 0, 30, 150),
        box("box_side_right", 551, 567, fy, 0, 30, 150),
        box("box_back", 45, 551, -16, 0, 30, 150),
        box("box_front", 45, 551, fy, fy + 16, 30, 150),   # the inner front, behind the visible one
        # 3 mm HDF nailed under the box, 1 mm in from its outer edges: the cut list's drawer bottom.
        box("box_bottom", 30, 566, fy + 1, -1, 27, 30),
    ]


def plinth():
    w, d, h = REFERENCE_SIZES["plinth.glb"]
    t = 18
    yf = -d + PLINTH_SETBACK  # -520
    return [
        box("board_front", 0, w, yf, yf + t, 0, h),
        box("board_back", 0, w, -t, 0, 0, h),
        box("board_end_left", 0, t, yf + t, -t, 0, h),
        box("board_end_right", w - t, w, yf + t, -t, 0, h),
    ]


def legs():
    w, d, h = REFERENCE_SIZES["legs.glb"]
    r, plate, pt = 20, 60, 4
    parts = []
    for ny, yc, y0 in (("front", -d + r, -d), ("back", -r, -plate)):
        for nx, xc, x0 in (("left", r, 0), ("right", w - r, w - plate)):
            parts.append(cylinder(f"leg_{ny}_{nx}", "z", xc, yc, r, 0, h - pt))
            parts.append(box(f"plate_{ny}_{nx}", x0, x0 + plate, y0, y0 + plate, h - pt, h))
    return parts


def top_panel():
    w, d, h = REFERENCE_SIZES["top_panel.glb"]
    return [chamfered_slab("top_panel", 0, w, -d, 0, 0, h, "+z", 2)]


def hanging_rail():
    w, d, h = REFERENCE_SIZES["hanging_rail.glb"]  # 564 x 60 x 60
    yc, zc, r = -30, 35, 12.5
    cup_r = 16.5

    def support(name, x_plate0, x_plate1, x_cup):
        # flange plate (60 x 60 x 4) tapering into a round cup around the rail
        pts = _rect("x", x_plate0, -d, 0, 0, h) + _rect("x", x_plate1, -d, 0, 0, h)
        pts += _ring("x", x_cup, yc, zc, cup_r)
        return name, _hull(pts)

    return [
        support("support_left", 0, 4, 20),
        support("support_right", w, w - 4, w - 20),
        cylinder("rail", "x", yc, zc, r, 20, w - 20),
    ]


def handle_bar_160():
    w, d, h = REFERENCE_SIZES["handle_bar_160.glb"]  # 192 x 35 x 12
    r = 6  # bar d 12 at y -35..-23
    yc, zc = -d + r, h / 2
    return [
        cylinder("bar", "x", yc, zc, r, 0, w),
        # posts d 8, from inside the bar back to the front surface (y = 0)
        cylinder("post_left", "y", 16, zc, 4, yc, 0),
        cylinder("post_right", "y", 176, zc, 4, yc, 0),
    ]


def handle_knob():
    w, d, h = REFERENCE_SIZES["handle_knob.glb"]  # 30 x 28 x 30
    xc, zc = w / 2, h / 2
    return [
        cylinder("stem", "y", xc, zc, 6, -10, 0),
        # head d 30, 1.5 mm chamfer on the front edge
        round_part("head", "y", xc, zc, [(-d, 13.5), (-d + 1.5, 15), (-10, 15)]),
    ]


MODULES = {
    "base_cabinet.glb": lambda: carcass(*REFERENCE_SIZES["base_cabinet.glb"]),
    "tall_cabinet.glb": lambda: carcass(*REFERENCE_SIZES["tall_cabinet.glb"]),
    "wall_cabinet.glb": wall_cabinet,
    "open_shelf.glb": open_shelf,
    "shelf.glb": shelf,
    "door.glb": door,
    "double_door.glb": double_door,
    "drawer.glb": drawer,
    "plinth.glb": plinth,
    "legs.glb": legs,
    "top_panel.glb": top_panel,
    "hanging_rail.glb": hanging_rail,
    "handle_bar_160.glb": handle_bar_160,
    "handle_knob.glb": handle_knob,
}


# --------------------------------------------------------------------------
# export / verification
# --------------------------------------------------------------------------

def expected_bounds(filename):
    w, d, h = REFERENCE_SIZES[filename]
    if filename == "plinth.glb":
        d -= PLINTH_SETBACK  # nothing physical reaches the front of the footprint
    return np.array([[0.0, -d, 0.0], [w, 0.0, h]])


def build_scene(filename) -> trimesh.Scene:
    material = PBRMaterial(
        name="neutral",
        baseColorFactor=NEUTRAL_GREY,
        metallicFactor=0.0,
        roughnessFactor=0.8,
    )
    scene = trimesh.Scene()
    for name, mesh in MODULES[filename]():
        if not (mesh.is_watertight and mesh.is_winding_consistent and mesh.volume > 0):
            raise RuntimeError(f"{filename}:{name} is not a closed outward solid")
        mesh.metadata = {}
        mesh.units = "mm"  # written as mesh extras; without it trimesh reloads as metres
        mesh.visual = trimesh.visual.TextureVisuals(material=material)
        scene.add_geometry(mesh, node_name=name, geom_name=name)
    w, d, h = REFERENCE_SIZES[filename]
    scene.metadata.update(ASSET_EXTRAS)  # -> scenes[0].extras (read back by trimesh)
    scene.metadata["reference_size"] = [w, d, h]
    scene.metadata["stretch_zones"] = STRETCH_ZONES[filename]
    return scene


def _asset_extras(tree):
    tree["asset"]["extras"] = dict(ASSET_EXTRAS)


def export(filename) -> Path:
    scene = build_scene(filename)
    data = trimesh.exchange.gltf.export_glb(
        scene, include_normals=False, tree_postprocessor=_asset_extras
    )
    path = OUT_DIR / filename
    path.write_bytes(data)
    return path


def verify(path: Path) -> list[str]:
    """Reload a file the way consumers do and print/check it. Returns errors."""
    errors = []
    scene = trimesh.load(path, force="scene")
    merged = scene.to_geometry()
    want = expected_bounds(path.name)
    if not np.allclose(merged.bounds, want, atol=0.01):
        errors.append(f"{path.name}: bounds {merged.bounds.tolist()} != {want.tolist()}")
    tris = len(merged.faces)
    limit = 2000 if path.name.startswith("handle") else 4000
    if tris >= limit:
        errors.append(f"{path.name}: {tris} triangles >= {limit}")
    if scene.units != "mm" or scene.metadata.get("up") != "Z":
        errors.append(f"{path.name}: units/up metadata lost: {scene.metadata}")
    (lo, hi) = merged.bounds
    print(
        f"{path.name:20s} bounds x[{lo[0]:g},{hi[0]:g}] y[{lo[1]:g},{hi[1]:g}] "
        f"z[{lo[2]:g},{hi[2]:g}]  tris {tris}"
    )
    for node in sorted(scene.graph.nodes_geometry, key=list(scene.geometry).index):
        transform, geom_name = scene.graph[node]
        mesh = scene.geometry[geom_name].copy()
        mesh.apply_transform(transform)
        ok = mesh.is_watertight and mesh.is_winding_consistent and mesh.volume > 0
        if not ok:
            errors.append(f"{path.name}:{node} not watertight/outward")
        (lo, hi) = mesh.bounds
        print(
            f"    {node:18s} x[{lo[0]:g},{hi[0]:g}] y[{lo[1]:g},{hi[1]:g}] "
            f"z[{lo[2]:g},{hi[2]:g}]  tris {len(mesh.faces):4d}  watertight {ok}"
        )
    return errors


def main():
    errors = []
    for filename in MODULES:
        errors += verify(export(filename))
    print(json.dumps({"units": "mm", "up": "Z", "files": len(MODULES)}))
    if errors:
        raise SystemExit("\n".join(errors))


if __name__ == "__main__":
    main()
