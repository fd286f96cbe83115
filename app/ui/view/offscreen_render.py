"""A picture of a design without a window: for the PDF cover and other exports.

:func:`render_design_png` draws the design with the same :class:`SceneView` as
the live 3D view (same meshes, finishes, lights, dimension lines, iso framing)
into an offscreen pyvista plotter and returns PNG bytes.  It needs OpenGL but
no display: with no X server VTK renders through EGL (or OSMesa).  When no GL
is available at all it raises :class:`RenderError`; callers write their export
without the picture and say so.

Must run on the thread that owns VTK (the GUI thread in the window, the main
thread in the command line).  The plotter is closed before returning (VTK leaks
plotters that are left open; see docs/rendering notes).
"""

from __future__ import annotations

import io
import os
import warnings

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design

DEFAULT_SIZE = (1600, 1000)


class RenderError(RuntimeError):
    """The picture could not be rendered (no OpenGL, a broken mesh); the message says why."""


def render_design_png(catalog: Catalog, design: Design, width: int = DEFAULT_SIZE[0],
                      height: int = DEFAULT_SIZE[1], view: str = "iso", quality: str = "live",
                      fronts: str = "closed") -> bytes:
    """PNG bytes of ``design`` seen from ``view`` (iso, front, side, top), ``width`` x ``height`` pixels.

    ``quality``: ``live`` draws as the live view does (fast: thumbnails, kiosk pictures);
    ``high`` adds the key light's cast shadow, ambient occlusion, the glass's sheen and
    2 x 2 supersampling for quotes and papers (seconds a picture, see
    :mod:`app.ui.view.high_quality`).  ``fronts``: ``closed``,
    ``open`` or ``see-through`` (see :meth:`SceneView.set_fronts_mode`).
    """
    try:
        import numpy as np
        import pyvista as pv
        from PIL import Image

        from app.ui.view.high_quality import check_quality, prepare, reduce, supersampled_size
        from app.ui.view.scene import SceneView
    except ImportError as exc:  # a broken VTK/GL installation shows up here
        raise RenderError(f"3D rendering is not available: {exc}") from None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        _quiet_vtk_log()  # headless: VTK's "bad X server connection" before it falls back to EGL is noise
    plotter = None
    scene = None
    try:
        high = check_quality(quality) == "high"
        width, height = int(width), int(height)
        draw_w, draw_h, factor = supersampled_size(width, height) if high else (width, height, 1.0)
        plotter = pv.Plotter(off_screen=True, window_size=(draw_w, draw_h))
        with warnings.catch_warnings():
            # Under EGL/OSMesa VTK swaps FXAA for SSAA and warns; the picture is fine either way.
            warnings.filterwarnings("ignore", message=".*FXAA.*")
            scene = SceneView(plotter, scale=max(1.0, height / 700) * factor)
        scene.view = view
        scene.set_fronts_mode(fronts)   # before the design: its modules are built open or shut at once
        scene.show_design(catalog, design, reset_camera=True)
        if scene.failed:
            raise RenderError("; ".join(f"module '{m}': {why}" for m, why in scene.failed.items()))
        if high:
            prepare(plotter, scene.body_bounds(), scene.shadow)
            plotter.renderer.reset_camera_clipping_range()
        pixels = plotter.screenshot(None, return_img=True)
        pixels = reduce(pixels, width, height) if high else np.asarray(pixels)
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, format="PNG")
        return buffer.getvalue()
    except RenderError:
        raise
    except Exception as exc:  # VTK raises plain RuntimeErrors (or worse) when there is no usable GL
        raise RenderError(f"3D rendering failed: {type(exc).__name__}: {exc}") from None
    finally:
        if scene is not None:
            scene.close()
        if plotter is not None:
            plotter.close()


def _quiet_vtk_log() -> None:
    from vtkmodules.vtkCommonCore import vtkLogger

    vtkLogger.SetStderrVerbosity(vtkLogger.VERBOSITY_ERROR)
