"""A kiosk in its own process: ``python -m tests.orders.kiosk_process STORE PREFIX URL N``.

Waits for the file ``STORE.go`` (so two kiosks start together), then places N orders of the
catalog's first preset, delivering after each one, and finally until the outbox is empty.
Prints the codes, one a line.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

from app.domain.catalog.loader import load_catalog
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.order_store import OrderStore
from app.domain.showroom.outbox import Sender

ROOT = Path(__file__).resolve().parents[2]


def main(store_path: str, prefix: str, url: str, count: str) -> None:
    catalog = load_catalog(ROOT / "catalogs" / "linea")
    design = design_to_dict(design_from_preset(catalog, next(iter(catalog.presets))))
    go = Path(store_path + ".go")
    while not go.exists():
        time.sleep(0.01)
    sender = Sender(Path(store_path), url, batch=5)
    for _ in range(int(count)):
        with OrderStore(store_path, prefix=prefix, outbox=True) as store:
            print(store.place(design, Decimal("100.00"), "EUR", 10).code, flush=True)
        sender.run_once()
    while sender.run_once().pending:
        time.sleep(0.05)
    sender.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
