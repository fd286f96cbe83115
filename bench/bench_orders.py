"""How fast one sender delivers a kiosk's orders to PostgreSQL, and how long an order takes to arrive.

    .venv/bin/python bench/bench_orders.py [--orders 2000] [--repeat 5] [--latency 40] [--url postgresql://...]

Without ``--url`` a throw-away PostgreSQL server is started in a temporary folder (as the
tests do, :mod:`tests.orders.pg_server`; with ``fsync=off``, so the figures are the sender's
and the network's, not a disk's); with it, the schema is made in that database
(``modulor orders init``) and a kiosk login added, so use a scratch database.

* **Throughput**: ``--orders`` real orders (the sample catalog's sideboard preset, about
  8 KB of design JSON each) wait in a kiosk's outbox; one :class:`~app.domain.showroom.outbox.Sender`
  delivers them in batches of 100 (one transaction each, pipelined).  Orders per second,
  ``--repeat`` times, each time a fresh kiosk: median, lowest and highest.
* **Kiosk to row**: with the kiosk's sender thread running (woken by each order, as the kiosk
  does), the time from the start of ``place`` (the durable SQLite write, fsynced) to the row
  being visible to another session in PostgreSQL, polled every millisecond; ``--latency``
  orders one after another: median, 90th percentile, lowest and highest, and the local write alone.

A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.catalog.loader import load_catalog  # noqa: E402
from app.domain.design.files import design_to_dict  # noqa: E402
from app.domain.design.presets import design_from_preset  # noqa: E402
from app.domain.showroom import central_db  # noqa: E402
from app.domain.showroom.order_code import ALPHABET  # noqa: E402
from app.domain.showroom.order_store import OrderStore  # noqa: E402
from app.domain.showroom.outbox import Sender, SenderThread  # noqa: E402
from tests.orders.pg_server import temporary_server  # noqa: E402

_prefixes = (a + b for a, b in itertools.product(ALPHABET, repeat=2))


def _kiosk(admin: str, tag: str) -> tuple[str, str]:
    """A new kiosk login in the database: (its connection string, its prefix)."""
    prefix = next(_prefixes)
    role = f"bench_{tag}_{prefix.lower()}"
    password = central_db.add_login(admin, role, central_db.KIOSK_GROUP, kiosk_prefix=prefix)
    params = central_db._psycopg().conninfo.conninfo_to_dict(admin)
    params.update(user=role, password=password)
    return central_db._psycopg().conninfo.make_conninfo(**params), prefix


def throughput(admin: str, design: dict, orders: int, repeat: int, folder: Path, tag: str) -> list[float]:
    rates = []
    for run in range(repeat):
        url, prefix = _kiosk(admin, tag)
        store = folder / f"throughput-{run}.sqlite3"
        with OrderStore(store, prefix=prefix, outbox=True, durable=False) as kiosk:
            for _ in range(orders):
                kiosk.place(design, Decimal("1234.50"), "EUR", 12, "sv")
        sender = Sender(store, url, batch=100)
        start = time.perf_counter()
        result = sender.run_once()
        seconds = time.perf_counter() - start
        sender.close()
        assert result.new == orders and result.pending == 0, result   # a figure for lost orders would be no figure
        rates.append(orders / seconds)
    return rates


def latency(admin: str, design: dict, count: int, folder: Path, tag: str) -> tuple[list[float], list[float]]:
    url, prefix = _kiosk(admin, tag)
    store = folder / "latency.sqlite3"
    OrderStore(store, prefix=prefix, outbox=True).close()
    thread = SenderThread(Sender(store, url), interval_s=10.0)
    thread.start()
    delays, writes = [], []
    with central_db.connect(admin, autocommit=True) as watcher, OrderStore(store, prefix=prefix, outbox=True) as kiosk:
        for _ in range(count):
            start = time.perf_counter()
            order = kiosk.place(design, Decimal("1234.50"), "EUR", 12, "sv")
            writes.append(time.perf_counter() - start)
            thread.wake()   # what the kiosk window does after each order
            while not watcher.execute("SELECT 1 FROM modulor.orders WHERE order_id = %s", (order.order_id,)).fetchone():
                time.sleep(0.001)
            delays.append(time.perf_counter() - start)
            time.sleep(0.05)   # customers do not order back to back
    thread.stop()
    return delays, writes


def _spread(values: list[float], unit: str, scale: float = 1.0) -> str:
    ordered = sorted(v * scale for v in values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (f"median {statistics.median(ordered):.1f} {unit}, 90th percentile {p90:.1f}, "
            f"lowest {ordered[0]:.1f}, highest {ordered[-1]:.1f} ({len(ordered)} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--latency", type=int, default=40)
    parser.add_argument("--url", help="an administrator's connection string to a scratch database")
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "catalogs" / "linea")
    design = design_to_dict(design_from_preset(catalog, next(iter(catalog.presets))))
    tag = str(int(time.time()))[-6:]
    with tempfile.TemporaryDirectory(prefix="modulor-bench-") as folder, temporary_server() as server:
        if args.url:
            admin = args.url
        elif server is None:
            print("no PostgreSQL server binaries: install postgresql or give --url")
            return 2
        else:
            with central_db.connect(server.url(), autocommit=True) as db:
                db.execute("CREATE DATABASE bench")
            admin = server.url(database="bench")
            print(f"temporary PostgreSQL {server.bindir.parts[-2]} on 127.0.0.1:{server.port} (fsync off)")
        central_db.migrate(admin)
        rates = throughput(admin, design, args.orders, args.repeat, Path(folder), tag)
        print(f"throughput, {args.orders} orders, batches of 100, one sender: "
              f"{_spread(rates, 'orders/s')}")
        delays, writes = latency(admin, design, args.latency, Path(folder), tag)
        print(f"kiosk to row (sender thread woken by the order): {_spread(delays, 'ms', 1000)}")
        print(f"  of which the kiosk's durable local write: {_spread(writes, 'ms', 1000)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
