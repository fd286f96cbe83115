"""Exploded pictures of the assembly steps, rendered offscreen from the located parts.

:func:`render_step_pictures` draws, for each step of an
:class:`~app.domain.production.papers.assembly_plan.AssemblyPlan`, the boards
already in place in light grey and the boards of the step in the accent colour,
pulled back out along their insertion direction (exploded), with an arrow from
where each comes from to where it goes.  The boxes are the same located parts
the workshop cuts, so a picture cannot show a board the order does not ship.

One offscreen plotter is reused for every step (a new plotter per picture costs
50-120 ms and leaks, see the rendering notes) and closed at the end.  Like
:mod:`app.ui.view.offscreen_render` it needs OpenGL but no display (EGL or
OSMesa without an X server) and runs on the thread that owns VTK; without GL it
raises :class:`~app.ui.view.offscreen_render.RenderError` and the PDF is written
without pictures.  A scene met twice (three equal drawers built alike) is drawn once.

:func:`best_design_png` is the quote's picture of the whole design.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Callable, Sequence

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.production.papers.assembly_plan import AssemblyPlan, Step
from app.domain.production.parts import Box
from app.ui.view.offscreen_render import RenderError

PLACED = "#d3d5d9"
MOVING = "#e07a26"
ARROW = "#b4461a"
EDGES = "#4a4d55"
SIZE = (760, 520)

Progress = Callable[[int, int], bool]   # (done, total) -> keep going


def _boxes_mesh(boxes: Sequence[Box]):  # -> pv.PolyData
    import numpy as np
    import pyvista as pv

    corners = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]],
                       dtype=float)
    quads = np.array([[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]])
    points, faces = [], []
    for n, (x0, y0, z0, x1, y1, z1) in enumerate(boxes):
        points.append(np.array([x0, y0, z0]) + corners * np.array([x1 - x0, y1 - y0, z1 - z0]))
        faces.append(np.hstack([np.full((6, 1), 4), quads + 8 * n]))
    return pv.PolyData(np.vstack(points), np.vstack(faces).ravel())


def _offset(box: Box, direction: str, distance: float) -> Box:
    axis = "xyz".index(direction[1])
    sign = 1.0 if direction[0] == "+" else -1.0
    shift = [0.0, 0.0, 0.0]
    shift[axis] = -sign * distance      # it comes from the side opposite to where it moves
    return (box[0] + shift[0], box[1] + shift[1], box[2] + shift[2],
            box[3] + shift[0], box[4] + shift[1], box[5] + shift[2])


def _draw(plotter, step: Step) -> None:
    import numpy as np
    import pyvista as pv

    plotter.clear_actors()
    placed = [p.box for p in step.placed]
    moving = [(p.box, m.direction) for m in step.moves for p in m.pieces]
    every = placed + [b for b, _ in moving] + list(step.shapes)
    if not every:
        return
    lo = np.min([b[:3] for b in every], axis=0)
    hi = np.max([b[3:] for b in every], axis=0)
    extent = float(max(hi - lo))
    if placed:
        plotter.add_mesh(_boxes_mesh(placed), color=PLACED, show_edges=True, edge_color=EDGES, line_width=1,
                         lighting=True)
    shown = []
    for move in step.moves:
        boxes = [p.box for p in move.pieces]
        axis = "xyz".index(move.direction[1])
        size = max(b[axis + 3] for b in boxes) - min(b[axis] for b in boxes)
        # A board or a built group moves as one: all its boxes by the same distance, with a gap to see.
        distance = size + max(0.25 * extent, 120.0)
        shown += [_offset(b, move.direction, distance) for b in boxes]
        gap = distance - size
        sign = 1.0 if move.direction[0] == "+" else -1.0
        lo_m = np.min([b[:3] for b in boxes], axis=0)
        hi_m = np.max([b[3:] for b in boxes], axis=0)
        middle = (lo_m + hi_m) / 2
        start = middle.copy()
        if axis != 2:   # along the floor: the arrows run just above the board, where no board hides them
            start[2] = hi_m[2] + 0.05 * extent
        # From the pulled-out piece's leading face across the gap to where it goes.
        start[axis] = (lo_m[axis] - gap) if sign > 0 else (hi_m[axis] + gap)
        vector = np.zeros(3)
        vector[axis] = sign
        plotter.add_mesh(pv.Arrow(start=start, direction=vector, scale=gap * 0.92, tip_length=0.3,
                                  tip_radius=0.16, shaft_radius=0.06), color=ARROW)
        # And one pushing on its trailing face: the gap arrow hides behind a door seen from the front.
        push = max(0.18 * extent, 90.0)
        behind = start.copy()
        behind[axis] = (lo_m[axis] - distance - push) if sign > 0 else (hi_m[axis] + distance + push)
        plotter.add_mesh(pv.Arrow(start=behind, direction=vector, scale=push * 0.95, tip_length=0.35,
                                  tip_radius=0.16, shaft_radius=0.06), color=ARROW)
    shown += list(step.shapes)
    if shown:
        plotter.add_mesh(_boxes_mesh(shown), color=MOVING, show_edges=True, edge_color=EDGES, line_width=1.5)
    centre = (lo + hi) / 2
    distance = extent * 2.2
    plotter.camera_position = [(centre[0] - 1.15 * distance, centre[1] - 1.35 * distance, centre[2] + 0.85 * distance),
                               tuple(centre), (0, 0, 1)]
    plotter.reset_camera()
    plotter.camera.zoom(1.12)


def render_step_pictures(plan: AssemblyPlan, width: int = SIZE[0], height: int = SIZE[1],
                         progress: Progress | None = None) -> dict[int, bytes]:
    """PNG bytes per step number, for every step with boards to show.  ``progress(done, total)`` is
    called before each picture; returning False stops early (the pictures so far are returned)."""
    try:
        import numpy as np
        import pyvista as pv
        from PIL import Image
    except ImportError as exc:
        raise RenderError(f"3D rendering is not available: {exc}") from None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        from vtkmodules.vtkCommonCore import vtkLogger

        vtkLogger.SetStderrVerbosity(vtkLogger.VERBOSITY_ERROR)
    steps = [s for s in plan.steps if s.moves or s.placed]
    pictures: dict[int, bytes] = {}
    plotter = None
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*FXAA.*")
            plotter = pv.Plotter(off_screen=True, window_size=(int(width), int(height)))
        plotter.set_background("white")
        drawn: dict[tuple, bytes] = {}   # the same scene (three equal drawers) is drawn once
        for done, step in enumerate(steps):
            if progress is not None and not progress(done, len(steps)):
                break
            key = (tuple(sorted(p.box for p in step.placed)), tuple(step.shapes),
                   tuple((m.direction, tuple(p.box for p in m.pieces)) for m in step.moves))
            if key not in drawn:
                _draw(plotter, step)
                pixels = plotter.screenshot(None, return_img=True)
                buffer = io.BytesIO()
                Image.fromarray(np.asarray(pixels)).save(buffer, format="PNG")
                drawn[key] = buffer.getvalue()
            pictures[step.number] = drawn[key]
        return pictures
    except RenderError:
        raise
    except Exception as exc:  # VTK raises plain RuntimeErrors (or worse) when there is no usable GL
        raise RenderError(f"3D rendering failed: {type(exc).__name__}: {exc}") from None
    finally:
        if plotter is not None:
            plotter.close()


def best_design_png(catalog: Catalog, design: Design, width: int = 1200, height: int = 675,
                    quality: str = "high") -> bytes:
    """The design's best picture for the customer's quote: the renderer's high-quality path (ambient
    occlusion, supersampling), or its standard picture (``quality="live"``).  1200 x 675 is 170 dpi
    across the quote's 182 mm: sharp on paper; the high-quality path costs about four times the live
    one per picture.
    Raises :class:`RenderError` like the renderer."""
    from app.ui.view.offscreen_render import render_design_png

    return render_design_png(catalog, design, width, height, quality="high" if quality == "high" else "live")
