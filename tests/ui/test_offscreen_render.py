"""The picture for exports: rendered offscreen by the 3D view's own scene code, returned as PNG."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from app.domain.design.design import Design
from app.domain.design.presets import design_from_preset
from app.ui.view.offscreen_render import render_design_png

pytestmark = pytest.mark.gui


def test_png_of_the_requested_size_showing_the_finishes(catalog):
    png = render_design_png(catalog, design_from_preset(catalog, "sideboard"), 640, 400)
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    assert image.shape == (400, 640, 3)
    # The sage fronts (#9AA88F) fill a good part of the picture, lit a little lighter or darker.
    sage = np.array([0x9A, 0xA8, 0x8F])
    close = np.abs(image - sage).sum(axis=2) < 40
    assert close.mean() > 0.05


def test_an_empty_design_is_just_the_background(catalog):
    png = render_design_png(catalog, Design(catalog.id, catalog.version), 200, 120)
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    assert image.shape == (120, 200, 3) and image.std(axis=(0, 1)).max() < 20
