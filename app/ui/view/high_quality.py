"""The high-quality path for exported pictures and papers: cast shadow, SSAO, glass sheen, supersampling.

The live view cannot afford them under software OpenGL (it uses the blurred contact
shadow and FXAA instead); a picture for a quote or a PDF may take seconds.  So an
offscreen plotter is set up here with:

* a key light from the front left, above (parallel rays, :data:`KEY_DIRECTION`), a
  soft fill light and a dim headlight so no face goes black;
* the key light's cast shadow on the floor and the back wall, projected from the
  modules' boxes and blurred (:mod:`app.ui.view.cast_shadow`), on top of the contact
  shadow.  VTK's shadow-map pass was tried and does not work here: under llvmpipe every
  lit face showed shadow acne, the room outside the light's frustum went dark, and its
  shaders fail to compile for line actors (docs/rendering.md);
* screen-space ambient occlusion (VTK's SSAO pass), which darkens the inside corners
  of the carcasses and where the furniture meets the floor and the wall;
* reflections: a piece whose finish has a ``reflection`` (glass) shows the sheen of a
  mirrored window, two soft diagonal bands of light as strong as the finish says
  (:func:`sheen`).  A flat pane mirrors a single direction of an environment map (VTK's
  image-based lighting tinted whole doors one flat colour, measured), so the sheen is
  drawn instead; the other pieces keep the live view's shading;
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

from app.ui.view.contact_shadow import ContactShadow

QUALITIES = ("live", "high")
SAMPLES = 2                    # drawn 2 x 2 larger, then reduced: 4 samples a pixel
MAX_PIXELS = 20_000_000        # 4K drawn 1.5x is 18.7 Mpx (2x would be 33 Mpx: minutes under software GL)
KEY_LIGHT = dict(intensity=0.7)
FILL_LIGHT = dict(intensity=0.3)
HEADLIGHT = dict(intensity=0.3)
# The way the key light's rays travel: from the front left, above (the shadow falls right, back, down).
KEY_DIRECTION = np.array([0.6, 1.2, -1.6]) / np.linalg.norm([0.6, 1.2, -1.6])
SHEEN_SIZE = 256               # pixels a side of a pane's sheen image (soft bands: small is enough)
SHEEN_SLANT = 0.40             # how far the bands lean: across-shift from the bottom of the pane to its top
SHEEN_BANDS = ((0.18, 0.10, 1.0), (0.40, 0.03, 0.8))   # (centre, width, strength): a broad band, a thin one
SHEEN_GAIN = 2.0               # reflection 0.5 and above: the bands at their full strength
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


def prepare(plotter: pv.BasePlotter, bounds, shadow: ContactShadow | None = None) -> None:
    """Lights, the key light's cast shadow (on ``shadow``, the scene's room shadow), the glass's
    sheen and SSAO on ``plotter`` (already showing the scene, bounds ``(lo, hi)``)."""
    lo, hi = (np.asarray(b, dtype=float) for b in bounds) if bounds is not None else (np.zeros(3), np.ones(3))
    centre = (lo + hi) / 2
    size = float(np.linalg.norm(hi - lo)) or 1000.0
    plotter.remove_all_lights()
    # The key light is the sun through a window: parallel rays, so the cast shadow has one direction.
    key = pv.Light(position=tuple(centre - KEY_DIRECTION * size * 2), focal_point=tuple(centre),
                   light_type="scene light", **KEY_LIGHT)
    key.positional = False
    fill = pv.Light(position=(1.0, -0.3, 0.6), focal_point=(0.0, 0.0, 0.0), light_type="camera light", **FILL_LIGHT)
    plotter.add_light(key)
    plotter.add_light(fill)
    plotter.add_light(pv.Light(light_type="headlight", **HEADLIGHT))
    if shadow is not None:
        shadow.set_cast(KEY_DIRECTION)   # only the key light casts one (two shadows read as a mistake)
    _add_sheen(plotter)
    plotter.enable_ssao(**SSAO)


def sheen(color: tuple[float, float, float], opacity: float, reflection: float,
          size: int = SHEEN_SIZE) -> np.ndarray:
    """The look of a reflecting pane as an RGBA image (rows from the pane's top): its own colour and
    opacity, with a window's reflection as two soft diagonal bands of light, ``reflection`` strong.

    A flat pane mirrors one direction of the room only (the whole door would take one colour), so
    the bright window a photographer sees in a glass door is drawn as what it looks like.
    """
    across = np.linspace(0.0, 1.0, size)[None, :]
    down = np.linspace(0.0, 1.0, size)[:, None]
    diagonal = across - SHEEN_SLANT * (1.0 - down)   # bands rising to the right, as a window mirrored
    light = np.zeros((size, size))
    for centre, width, strength in SHEEN_BANDS:
        light = np.maximum(light, strength * np.exp(-((diagonal - centre) / width) ** 2))
    light *= min(1.0, reflection * SHEEN_GAIN)
    rgb = np.asarray(color, dtype=float)[None, None, :] * (1.0 - light[..., None]) + light[..., None]
    alpha = opacity + (1.0 - opacity) * light
    return (np.clip(np.dstack([rgb, alpha]), 0.0, 1.0) * 255).astype(np.uint8)


def _pane_coordinates(mesh: pv.PolyData) -> np.ndarray:
    """Texture coordinates over a pane's two longest sides (across from the left, up from the bottom)."""
    points = np.asarray(mesh.points, dtype=float)
    lo, hi = points.min(axis=0), points.max(axis=0)
    extent = hi - lo
    thin = int(np.argmin(extent))
    first, second = (axis for axis in range(3) if axis != thin)
    if thin != 2:            # an upright pane: across is the horizontal side, up is Z
        first, second = (first if first != 2 else second), 2
    span = np.where(extent > 0, extent, 1.0)
    return np.column_stack([(points[:, first] - lo[first]) / span[first],
                            (points[:, second] - lo[second]) / span[second]])


def _add_sheen(plotter: pv.BasePlotter) -> None:
    """The sheen of a reflected window on each piece whose finish reflects (glass)."""
    for actor in list(plotter.renderer.GetActors()):
        reflection = float(getattr(actor, "_slot_reflection", 0.0))
        if reflection <= 0.0:
            continue
        mesh = pv.wrap(actor.GetMapper().GetInput()).copy()   # the live view's mesh stays as it is
        if mesh.n_points == 0:
            continue
        mesh.active_texture_coordinates = _pane_coordinates(mesh)
        actor.GetMapper().SetInputData(mesh)
        prop = actor.GetProperty()
        texture = pv.Texture(sheen(prop.GetColor(), prop.GetOpacity(), reflection))
        texture.interpolate = True
        actor.texture = texture
        prop.SetOpacity(1.0)          # the texture's alpha is the pane's opacity now
        prop.SetColor(1.0, 1.0, 1.0)  # and its colour


def reduce(pixels: np.ndarray, width: int, height: int) -> np.ndarray:
    """The supersampled picture reduced to ``width`` x ``height`` (Lanczos: sharp, no ringing to speak of)."""
    image = Image.fromarray(np.asarray(pixels)[..., :3])
    if image.size != (width, height):
        image = image.resize((width, height), Image.LANCZOS)
    return np.asarray(image)
