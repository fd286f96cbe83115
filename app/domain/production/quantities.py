"""Exact numbers for the bill of materials: sizes, money, masses, areas.

Catalog figures arrive as Python floats (TOML numbers) and formulas evaluate in
floats.  Everything the workshop or the customer reads is turned into
:class:`decimal.Decimal` here, at one place, with one rounding rule, so a figure
can be reproduced by hand from the catalog:

* a float becomes the decimal it was written as (``14.9`` -> ``Decimal('14.9')``,
  via its shortest repr, never its binary expansion);
* sizes are rounded to 0.1 mm (cut sizes such as 18 - 2 x 2 banding need the
  tenth; a formula such as ``width / 3`` would otherwise give endless digits);
* money is rounded to the cent, half up (0.005 -> 0.01), the commercial rule;
* metres of hardware to the millimetre; masses stay exact (exports round them
  for display).

Rounding is always ``ROUND_HALF_UP`` on the exact decimal value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TENTH_MM = Decimal("0.1")
MILLIMETRE = Decimal("0.001")  # in m
MM2_PER_M2 = Decimal(1_000_000)
MM3_PER_M3 = Decimal(1_000_000_000)


def dec(value: float | int | str | Decimal) -> Decimal:
    """The decimal a number was written as: ``dec(0.1) == Decimal('0.1')``."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a quantity")
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_to(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def money(value: float | Decimal) -> Decimal:
    """Round to the cent, half up."""
    return round_to(dec(value), CENT)


def size_mm(value: float | Decimal) -> Decimal:
    """A size in millimetres rounded to 0.1 mm, half up."""
    return round_to(dec(value), TENTH_MM)


def plain(value: Decimal) -> str:
    """A decimal without exponent or needless trailing zeros: 716.0 -> '716', 0.50 -> '0.5'."""
    return format(value.normalize(), "f")
