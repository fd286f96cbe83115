"""Small pictures of single catalog items: a handle or a knob, rendered from its own mesh.

The kiosk shows handles as what they are, not as names: each visible
hardware item (a catalog ``[hardware]`` entry with a ``mesh``) is drawn in its
finish colour, seen from the front and a little from above, on white.  One
offscreen plotter draws every picture and is closed before returning (VTK keeps
open plotters alive); callers keep the PNG bytes, so an item is drawn once.
"""

from __future__ import annotations

import io
import warnings

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.mesh.loading import MeshLoadError, read_mesh

ITEM_COLOUR = "#9AA0A6"   # brushed steel, for items the catalog gives no finish


class ItemPictureError(RuntimeError):
    """The item has no mesh, its mesh cannot be read, or nothing can be rendered here."""


def hardware_pictures(catalog: Catalog, item_ids: list[str], size: int) -> dict[str, bytes]:
    """PNG bytes (``size`` pixels square) of each item in ``item_ids`` that has a mesh; items without
    one, or whose mesh cannot be read, are left out (the caller shows their name alone)."""
    drawable = {}
    for item_id in item_ids:
        item = catalog.hardware.get(item_id)
        if item is None or item.mesh is None:
            continue
        try:
            mesh = read_mesh(catalog.models_dir / item.mesh)
        except (MeshLoadError, OSError, ValueError):
            continue
        colour = catalog.finishes[item.finish].color if item.finish in catalog.finishes else ITEM_COLOUR
        drawable[item_id] = (np.asarray(mesh.vertices, dtype=float), np.asarray(mesh.faces, dtype=np.int64), colour)
    if not drawable:
        return {}
    try:
        import pyvista as pv
    except ImportError:   # no VTK here: names only
        return {}
    pictures: dict[str, bytes] = {}
    plotter = pv.Plotter(off_screen=True, window_size=(size, size))
    try:
        plotter.set_background("white")
        for item_id, (vertices, faces, colour) in drawable.items():
            plotter.clear_actors()
            cells = np.column_stack([np.full(len(faces), 3), faces]).ravel()
            surface = pv.PolyData(vertices, cells).compute_normals(split_vertices=True)
            plotter.add_mesh(surface, color=colour, smooth_shading=True, specular=0.6, specular_power=30,
                             reset_camera=False)
            _frame(plotter, vertices)
            plotter.render()
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*FXAA.*")
                image = plotter.screenshot(None, return_img=True)
            pictures[item_id] = _png(image)
    finally:
        plotter.close()
    return pictures


def _frame(plotter, vertices: np.ndarray) -> None:
    """Front view from a little above and right: room axes, x right, y into the room, z up."""
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    centre = (lo + hi) / 2
    radius = float(np.linalg.norm(hi - lo)) / 2 or 1.0
    direction = np.array([0.12, -1.0, 0.4])
    direction /= np.linalg.norm(direction)
    camera = plotter.camera
    camera.focal_point = tuple(centre)
    camera.position = tuple(centre + direction * radius * 4.0)
    camera.up = (0.0, 0.0, 1.0)
    camera.view_angle = 30.0
    plotter.renderer.camera_set = True
    plotter.renderer.reset_camera_clipping_range()


def _png(image: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image[:, :, :3])).save(buffer, format="PNG")
    return buffer.getvalue()
