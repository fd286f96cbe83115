"""Write the wood-decor textures of the Linea finishes: models3d/linea/textures/*.png.

    python models3d/linea/generate_textures.py

Procedural and deterministic (a fixed seed): the same PNG bytes every run. Each
image is one repeat of a decor board, grain running along the image's height
(v); the catalog's ``texture_size`` says how many millimetres one repeat covers.
The mean colour of each image is its finish's catalog colour, so pictures and
colour-only views (thumbnails, the GLB export) agree.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

SIZE = 1024   # 0.85 px a mm at a 1200 mm repeat: a 4K picture of a sideboard magnifies it about 2x, not 5x
DECORS = {
    # finish id: (catalog colour, grain contrast, ring count across the board, seed)
    "oak": ("#C8A27A", 0.10, 9, 7),
    "walnut": ("#6B4A35", 0.16, 7, 11),
}


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], cells: tuple[int, int]) -> np.ndarray:
    """Value noise: random values on a coarse grid, interpolated smoothly (tileable)."""
    grid = rng.random(cells)
    ys = np.linspace(0, cells[0], shape[0], endpoint=False)
    xs = np.linspace(0, cells[1], shape[1], endpoint=False)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    fy, fx = ys - y0, xs - x0
    fy, fx = fy * fy * (3 - 2 * fy), fx * fx * (3 - 2 * fx)
    y1, x1 = (y0 + 1) % cells[0], (x0 + 1) % cells[1]
    a = grid[np.ix_(y0, x0)] * (1 - fx) + grid[np.ix_(y0, x1)] * fx
    b = grid[np.ix_(y1, x0)] * (1 - fx) + grid[np.ix_(y1, x1)] * fx
    return a * (1 - fy)[:, None] + b * fy[:, None]


def decor(color: str, contrast: float, rings: int, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    base = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    x = np.linspace(0, 1, SIZE, endpoint=False)[None, :].repeat(SIZE, axis=0)
    # Growth rings as bands across the width, bent by slow noise along the grain (image height).
    warp = _smooth_noise(rng, (SIZE, SIZE), (3, 2)) * 0.05 + _smooth_noise(rng, (SIZE, SIZE), (12, 4)) * 0.01
    bands = (0.5 + 0.5 * np.sin(2 * np.pi * (rings * x + rings * warp))) ** 2
    pores = _smooth_noise(rng, (SIZE, SIZE), (12, 192))   # fine streaks along the grain
    fibres = _smooth_noise(rng, (SIZE, SIZE), (40, 640))  # finer still: a close look stays sharp
    shade = 1 + contrast * (bands - 0.5) + 0.12 * (pores - 0.5) + 0.07 * (fibres - 0.5)
    image = np.clip(base[None, None, :] * shade[:, :, None], 0, 255)
    image += base - image.reshape(-1, 3).mean(axis=0)     # keep the catalog colour as the mean
    return Image.fromarray(np.clip(image, 0, 255).round().astype(np.uint8), "RGB")


def main() -> None:
    folder = Path(__file__).resolve().parent / "textures"
    folder.mkdir(exist_ok=True)
    for name, (color, contrast, rings, seed) in DECORS.items():
        path = folder / f"{name}.png"
        decor(color, contrast, rings, seed).save(path, optimize=True)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
