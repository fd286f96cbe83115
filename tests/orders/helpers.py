"""Orders as a kiosk makes them, for the central-database tests (real catalog designs)."""

from __future__ import annotations

import os
import sys
from decimal import Decimal
from pathlib import Path

from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.order_store import Order, OrderStore

ROOT = Path(__file__).resolve().parents[2]


def a_design(catalog, preset: str = "sideboard") -> dict:
    return design_to_dict(design_from_preset(catalog, preset))


def place(path: Path, prefix: str, design: dict, n: int, price: str = "813.83") -> list[Order]:
    """``n`` orders placed by the kiosk with ``prefix`` into its store at ``path`` (queued)."""
    with OrderStore(path, prefix=prefix, outbox=True) as store:
        return [store.place(design, Decimal(price), "EUR", 11, language="sv") for _ in range(n)]


def python_env() -> dict[str, str]:
    """The environment for a child Python running the project's code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("MODULOR_CENTRAL_DB", None)
    return env


PYTHON = sys.executable
