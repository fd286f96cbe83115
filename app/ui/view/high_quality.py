"""The high-quality path for exported pictures and papers: shadow maps, SSAO, supersampling.

The live view cannot afford them under software OpenGL (it uses the blurred contact
shadow and FXAA instead); a picture for a quote or a PDF may take seconds.  So an
offscreen plotter is set up here with:

* a key light from the front left, above, that casts shadow maps (VTK's shadow map
  pass), a soft fill light and a dim headlight so no face goes black;
* screen-space ambient occlusion (VTK's SSAO pass), which darkens the inside corners
  of the carcasses and where the furniture meets the floor and the wall;
* supersampling: the picture is drawn :data:`SAMPLES` times larger in each direction
  (lines and labels scaled with it) and reduced with a Lanczos filter, so edges and
  the decor's grain come out smooth without multisampling.

:func:`prepare` sets up the plotter; :func:`supersampled_size` says how large to draw;
:func:`reduce` turns the large picture into the one asked for.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from PIL import Image

QUALITIES = ("live", "high")
SAMPLES = 2                    # drawn 2 x 2 larger, then reduced: 4 samples a pixel
MAX_PIXELS = 20_000_000        # 4K drawn 1.5x is 18.7 Mpx (2x would be 33 Mpx: minutes under software GL)
KEY_LIGHT = dict(intensity=0.7)
FILL_LIGHT = dict(intensity=0.3)
HEADLIGHT = dict(intensity=0.3)
SHADOW_MAPS = False
SHADOW_MAP = 4096              # texels a side of the key light's shadow map: crisp enough at 4K
SSAO = dict(radius=150.0, bias=12.0, kernel_size=64, blur=True)   # mm: a board's depth of corner darkening


def check_quality(quality: str) -> str:
    if quality not in QUALITIES:
        raise ValueError(f"picture quality must be one of {QUALITIES}, not {quality!r}")
    return quality


def supersampled_size(width: int, height: int) -> tuple[int, int, float]:
    """(width, height, factor) to draw at for a ``width`` x ``height`` high-quality picture."""
    factor = float(SAMPLES)
    while factor > 1.0 and width * height * factor * factor > MAX_PIXELS:
        factor -= 0.5
    return round(width * factor), round(height * factor), factor


def prepare(plotter: pv.BasePlotter, bounds) -> None:
    """Lights with shadow maps and SSAO on ``plotter`` (already showing the scene, bounds ``(lo, hi)``)."""
    lo, hi = (np.asarray(b, dtype=float) for b in bounds) if bounds is not None else (np.zeros(3), np.ones(3))
    centre = (lo + hi) / 2
    size = float(np.linalg.norm(hi - lo)) or 1000.0
    plotter.remove_all_lights()
    key = pv.Light(position=tuple(centre + np.array([-0.6, -1.2, 1.6]) * size), focal_point=tuple(centre),
                   light_type="scene light", **KEY_LIGHT)
    key.positional = True
    key.cone_angle = 55.0
    # The fill is a camera light: only the key light casts a shadow (two shadows read as a mistake).
    fill = pv.Light(position=(1.0, -0.3, 0.6), focal_point=(0.0, 0.0, 0.0), light_type="camera light", **FILL_LIGHT)
    plotter.add_light(key)
    plotter.add_light(fill)
    plotter.add_light(pv.Light(light_type="headlight", **HEADLIGHT))
    # VTK's shadow-map shaders need lit actors: an unlit line (a panel edge, a dimension) has no
    # view-space position for them and fails to compile.  Lit with only ambient light it looks the same.
    for actor in plotter.renderer.GetActors():
        prop = actor.GetProperty()
        if not prop.GetLighting():
            prop.SetLighting(True)
            prop.SetAmbient(1.0)
            prop.SetDiffuse(0.0)
            prop.SetSpecular(0.0)
    if SHADOW_MAPS:
        plotter.enable_shadows()
    shadow_pass = plotter.renderer._render_passes._shadow_map_pass   # pyvista keeps it; its baker's map size
    if shadow_pass is not None:
        shadow_pass.GetShadowMapBakerPass().SetResolution(SHADOW_MAP)
    plotter.enable_ssao(**SSAO)


def reduce(pixels: np.ndarray, width: int, height: int) -> np.ndarray:
    """The supersampled picture reduced to ``width`` x ``height`` (Lanczos: sharp, no ringing to speak of)."""
    image = Image.fromarray(np.asarray(pixels)[..., :3])
    if image.size != (width, height):
        image = image.resize((width, height), Image.LANCZOS)
    return np.asarray(image)
