"""Pictures for the customer (issue 14, item 8): the high-quality path other exports call.

``render_design_png(quality="high")`` (the customer quote and the papers call it) and
``SceneView.save_image(quality="high")`` (Export picture) add ambient occlusion and
supersampling; pictures are checked for their size and for what the effects must do to
the pixels, against the live path's picture of the same design from the same camera.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from app.domain.design.presets import design_from_preset
from app.ui.view.high_quality import MAX_PIXELS, reduce, supersampled_size
from app.ui.view.offscreen_render import render_design_png

pytestmark = pytest.mark.gui


def picture(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_the_high_quality_picture_has_the_size_asked_for_and_darkens_the_inside_corners(catalog):
    design = design_from_preset(catalog, "bookcase")   # open shelves: inside corners everywhere
    live = picture(render_design_png(catalog, design, 480, 320))
    high = picture(render_design_png(catalog, design, 480, 320, quality="high"))
    assert live.shape == high.shape == (320, 480, 3)
    # Same camera, same scene: the pictures agree overall, and the occlusion only darkens.
    assert np.abs(live - high).mean() < 40
    assert high.mean() < live.mean()
    # Occlusion shading and supersampled edges: many more in-between tones than the live picture.
    def tones(image):
        return len(np.unique(image.reshape(-1, 3), axis=0))
    assert tones(high) > 1.3 * tones(live)


def test_reducing_a_supersampled_picture_smooths_a_hard_edge():
    big = np.zeros((40, 40, 3), dtype=np.uint8)
    big[:, 21:] = 255                          # an edge between two pixels of the small picture
    small = reduce(big, 20, 20)
    assert small.shape == (20, 20, 3)
    assert 0 < small[10, 10, 0] < 255          # the pixel the edge crosses is in between

def test_an_unknown_quality_is_refused(catalog):
    from app.ui.view.offscreen_render import RenderError

    with pytest.raises((ValueError, RenderError), match="quality"):
        render_design_png(catalog, design_from_preset(catalog, "bookcase"), 100, 80, quality="ultra")


def test_supersampling_stays_within_the_pixel_budget():
    assert supersampled_size(1600, 1000) == (3200, 2000, 2.0)
    width, height, factor = supersampled_size(3840, 2160)   # 4K: 1.5 x 1.5, not 2 x 2
    assert factor == 1.5 and width * height <= MAX_PIXELS


def test_export_picture_in_high_quality_from_the_window(make_window, catalog, tmp_path):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.view_toolbar.front_actions["open"].trigger()
    path = tmp_path / "sideboard.png"
    window.scene.save_image(path, 400, 250, quality="high")
    image = np.asarray(Image.open(path).convert("RGB"))
    assert image.shape == (250, 400, 3) and image.std() > 10   # a picture, not a blank
