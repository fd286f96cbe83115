"""The order store: finished kiosk designs, by order code, in an embedded SQLite file.

One table, one row per order: the design as its design-file JSON
(:func:`~app.domain.design.files.design_to_dict`), the catalog id and version it
was made with, the price, currency and lead time the customer was shown, when
it was made, the language, and the customer's contact details only as an
encrypted token (:mod:`app.domain.showroom.contact_vault`; never plain text).

Durability: the database runs in WAL mode with ``synchronous=FULL`` and each
order is one transaction, so once :meth:`OrderStore.place` returns (the moment
the kiosk shows the code) the order survives a power cut.  ``durable=False``
drops the fsync (bulk tests only).

Codes are random (:func:`~app.domain.showroom.order_code.new_code`); the code is the
primary key, so a clash (about one in 340 million per draw against 100,000
orders) is caught by SQLite and a new code is drawn.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.design.recovery import data_dir
from app.domain.showroom.order_code import new_code, parse_code

SCHEMA_VERSION = 1
DEFAULT_FILE = "orders.sqlite3"
MAX_CODE_DRAWS = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    code            TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    catalog_id      TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    design_json     TEXT NOT NULL,
    price_gross     TEXT NOT NULL,
    currency        TEXT NOT NULL,
    lead_time_days  INTEGER NOT NULL,
    language        TEXT NOT NULL DEFAULT '',
    contact         BLOB
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class OrderStoreError(RuntimeError):
    """The store cannot be opened or written; the message names the file."""


class OrderNotFound(KeyError):
    """No order with that code in the store."""


@dataclass(frozen=True)
class Order:
    code: str
    created_at: datetime
    catalog_id: str
    catalog_version: str
    design: dict[str, Any]        # design-file JSON, load with design_io
    price_gross: Decimal
    currency: str
    lead_time_days: int
    language: str = ""
    contact: bytes | None = None  # encrypted token, see contact_vault


def default_store_path() -> Path:
    return data_dir() / DEFAULT_FILE


class OrderStore:
    """Orders in ``path`` (created with its folder when missing)."""

    def __init__(self, path: Path | str | None = None, durable: bool = True,
                 code_source: Callable[[], str] = new_code):
        self.path = Path(path) if path is not None else default_store_path()
        self._new_code = code_source
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'OFF'}")
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        except (sqlite3.Error, OSError) as exc:
            raise OrderStoreError(f"{self.path}: the order store cannot be opened: {exc}") from None
        version = int(self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise OrderStoreError(f"{self.path}: written by a newer Modulor (store version {version})")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> OrderStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing
    def place(self, design: dict[str, Any], price_gross: Decimal, currency: str, lead_time_days: int,
              language: str = "", contact: bytes | None = None) -> Order:
        """Store a finished design under a new code, in one durable transaction; returns the order."""
        catalog = design.get("catalog") or {}
        created = datetime.now(UTC).replace(microsecond=0)
        text = json.dumps(design, ensure_ascii=False, sort_keys=True)
        for _ in range(MAX_CODE_DRAWS):
            code = self._new_code()
            try:
                with closing(self._db.cursor()) as cur:
                    cur.execute("BEGIN IMMEDIATE")
                    try:
                        cur.execute("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    (code, created.isoformat(), str(catalog.get("id", "")),
                                     str(catalog.get("version", "")), text, str(price_gross), currency,
                                     int(lead_time_days), language, contact))
                    except BaseException:
                        cur.execute("ROLLBACK")
                        raise
                    cur.execute("COMMIT")
            except sqlite3.IntegrityError:
                continue   # the code is taken: draw another
            except sqlite3.Error as exc:
                raise OrderStoreError(f"{self.path}: the order could not be stored: {exc}") from None
            return Order(code, created, str(catalog.get("id", "")), str(catalog.get("version", "")),
                         json.loads(text), Decimal(str(price_gross)), currency, int(lead_time_days), language,
                         contact)
        raise OrderStoreError(f"{self.path}: no free order code after {MAX_CODE_DRAWS} draws")

    # ---------------------------------------------------------------- reading
    def get(self, code: str) -> Order:
        """The order with ``code`` (typed in any accepted form); OrderCodeError when it is mistyped."""
        shown = parse_code(code)
        row = self._db.execute("SELECT * FROM orders WHERE code = ?", (shown,)).fetchone()
        if row is None:
            raise OrderNotFound(shown)
        return _order(row)

    def codes(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT code FROM orders ORDER BY created_at, code")]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM orders").fetchone()[0])


def _order(row: tuple[Any, ...]) -> Order:
    code, created, cat_id, cat_version, design, price, currency, days, language, contact = row
    return Order(code, datetime.fromisoformat(created), cat_id, cat_version, json.loads(design), Decimal(price),
                 currency, int(days), language, bytes(contact) if contact is not None else None)
