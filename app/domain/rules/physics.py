"""Beam and stability formulas, in millimetres, newtons and kilograms (pure functions).

Shelf sag is the deflection of a uniformly loaded, simply supported beam,
``5 w L^4 / (384 E I)`` with ``I = b t^3 / 12``, multiplied by a creep factor
for long-term loads: ``1 + k_def`` of the board (EN 1995-1-1 2.2.3 and Table 3.2;
the AWI tables use no creep).  The largest span at a deflection limit
``L / ratio`` follows in closed form.
"""

from __future__ import annotations

G = 9.80665   # m/s2: kilograms of load to newtons


def line_load(load_kg_per_m2: float, depth_mm: float) -> float:
    """N/mm along the span of a shelf ``depth_mm`` deep under ``load_kg_per_m2``."""
    return load_kg_per_m2 * G * depth_mm / 1e6


def second_moment(depth_mm: float, thickness_mm: float) -> float:
    """I of a rectangular board section, mm^4."""
    return depth_mm * thickness_mm ** 3 / 12.0


def shelf_sag(span_mm: float, depth_mm: float, thickness_mm: float, modulus_n_mm2: float,
              load_kg_per_m2: float, creep_factor: float = 1.0) -> float:
    """Mid-span deflection in mm of a shelf under a uniform load, creep included."""
    w = line_load(load_kg_per_m2, depth_mm)
    inertia = second_moment(depth_mm, thickness_mm)
    return 5 * w * span_mm ** 4 / (384 * modulus_n_mm2 * inertia) * creep_factor


def max_span(thickness_mm: float, modulus_n_mm2: float, load_kg_per_m2: float, ratio: float,
             creep_factor: float = 1.0, depth_mm: float = 300.0) -> float:
    """The longest span (mm) whose sag stays within span / ``ratio`` (the depth cancels out)."""
    w = line_load(load_kg_per_m2, depth_mm)
    inertia = second_moment(depth_mm, thickness_mm)
    span: float = (384 * modulus_n_mm2 * inertia / (5 * w * ratio * creep_factor)) ** (1 / 3)
    return span
