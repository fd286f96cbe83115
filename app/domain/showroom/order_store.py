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
orders) is caught by SQLite and a new code is drawn.  A chain's kiosk draws in
its own code space (its prefix, ``prefix=``), so its codes never meet another
kiosk's.

Every order also has an ``order_id`` (a ULID, :mod:`~app.domain.showroom.order_ids`),
unique across the chain without coordination.  With ``outbox=True`` (a kiosk of
a chain) the order and its *outbox* row are written in the same transaction:
the sender (:mod:`~app.domain.showroom.outbox`) delivers outbox rows to the
central database and deletes each once the central database has it, so an order
is never lost between the two and the kiosk keeps taking orders offline.
Schema version 2 added ``order_id``, ``contact_scheme`` and the outbox; a
version 1 store is upgraded in place when opened (its orders get ids, no outbox rows).

Reading trusts nothing in the file: a row may have been edited with another
tool.  Every column of a row read is checked for its type and meaning (the
design as a design file, without a catalog; a price of 0 to 10^9, a lead
time of 0 to 3,650 whole days, a currency and a language code, a time,
text not longer than it can sensibly be), and too long a value is measured in
SQLite, never fetched.  A wrong one is a :class:`DamagedOrder` naming the order
code and the column.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.design.files import MAX_DESIGN_BYTES, DesignFileError, check_design_data, parse_design_text
from app.domain.design.recovery import data_dir
from app.domain.showroom.order_code import OrderCodeError, new_code, parse_code
from app.domain.showroom.order_ids import ULID_PATTERN, new_order_id

SCHEMA_VERSION = 2
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
# Version 1 -> 2: the chain-wide order id, how the contact is encrypted, the outbox.
_UPGRADE_TO_2 = """
ALTER TABLE orders ADD COLUMN order_id TEXT;
ALTER TABLE orders ADD COLUMN contact_scheme TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX orders_order_id ON orders (order_id);
CREATE TABLE outbox (
    order_id    TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_try_at REAL NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT ''
);
"""
# How the contact column is encrypted: '' (none), the kiosk's Fernet key, a sealed box for the workshop.
CONTACT_SCHEMES = ("", "fernet", "sealed")


class OrderStoreError(RuntimeError):
    """The store cannot be opened or written; the message names the file."""


class DamagedOrder(OrderStoreError):
    """A row holds a value that cannot be what its column means; the message names the code and the column."""


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
    order_id: str = ""            # ULID, unique across the chain
    contact_scheme: str = ""      # '', 'fernet' (this kiosk's key) or 'sealed' (the workshop's public key)
    status: str = ""              # the workshop's mark, in the central database only


@dataclass(frozen=True)
class Pending:
    """An outbox row: an order not yet in the central database."""
    order_id: str
    code: str
    attempts: int
    last_error: str


def default_store_path() -> Path:
    return data_dir() / DEFAULT_FILE


class OrderStore:
    """Orders in ``path`` (created with its folder when missing).

    ``prefix``: the kiosk's code prefix in a chain (codes start with it); ``outbox``: queue every
    order placed for the central database, in the same transaction."""

    def __init__(self, path: Path | str | None = None, durable: bool = True,
                 code_source: Callable[[], str] | None = None, prefix: str = "", outbox: bool = False):
        self.path = Path(path) if path is not None else default_store_path()
        self._new_code = code_source or (lambda: new_code(prefix=prefix))
        self.outbox = outbox
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'OFF'}")
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', '1')")
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except (sqlite3.Error, OSError) as exc:
            raise OrderStoreError(f"{self.path}: the order store cannot be opened: {exc}") from None
        text = row[0] if row is not None else None
        if not (isinstance(text, str) and text.isdecimal() and len(text) < 10):
            self._db.close()
            raise OrderStoreError(f"{self.path}: table 'meta', schema_version: expected a whole number, "
                                  f"found {_shown(text)}")
        version = int(text)
        if version > SCHEMA_VERSION:
            self._db.close()
            raise OrderStoreError(f"{self.path}: written by a newer Modulor (store version {version})")
        if version < 2:
            self._upgrade_to_2()

    def _upgrade_to_2(self) -> None:
        """Add order ids (made from each old order's time), the contact scheme and the outbox, in one
        transaction; two kiosk processes opening an old store at once upgrade it once."""
        try:
            with closing(self._db.cursor()) as cur:
                cur.execute("BEGIN IMMEDIATE")
                try:
                    version = cur.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
                    if version == "1":
                        for statement in _UPGRADE_TO_2.split(";"):   # executescript would COMMIT first
                            if statement.strip():
                                cur.execute(statement)
                        for code, created in cur.execute("SELECT code, created_at FROM orders").fetchall():
                            cur.execute("UPDATE orders SET order_id = ? WHERE code = ?",
                                        (new_order_id(_millis(created)), code))
                        cur.execute("UPDATE orders SET contact_scheme = 'fernet' WHERE contact IS NOT NULL")
                        cur.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                cur.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.close()
            raise OrderStoreError(f"{self.path}: the order store cannot be upgraded to version 2: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> OrderStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing
    def place(self, design: dict[str, Any], price_gross: Decimal, currency: str, lead_time_days: int,
              language: str = "", contact: bytes | None = None, contact_scheme: str | None = None) -> Order:
        """Store a finished design under a new code, in one durable transaction (with its outbox row
        when the store has an outbox); returns the order.  ``contact_scheme`` defaults to 'fernet'
        for a contact (the single machine's kiosk key)."""
        catalog = design.get("catalog") or {}
        created = datetime.now(UTC).replace(microsecond=0)
        text = json.dumps(design, ensure_ascii=False, sort_keys=True)
        scheme = "" if contact is None else (contact_scheme or "fernet")
        if scheme not in CONTACT_SCHEMES:
            raise ValueError(f"unknown contact scheme {scheme!r}")
        order_id = new_order_id()
        for _ in range(MAX_CODE_DRAWS):
            code = self._new_code()
            try:
                with closing(self._db.cursor()) as cur:
                    cur.execute("BEGIN IMMEDIATE")
                    try:
                        cur.execute("INSERT INTO orders (code, created_at, catalog_id, catalog_version, design_json, "
                                    "price_gross, currency, lead_time_days, language, contact, order_id, "
                                    "contact_scheme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    (code, created.isoformat(), str(catalog.get("id", "")),
                                     str(catalog.get("version", "")), text, str(price_gross), currency,
                                     int(lead_time_days), language, contact, order_id, scheme))
                        if self.outbox:
                            cur.execute("INSERT INTO outbox (order_id, code, queued_at) VALUES (?, ?, ?)",
                                        (order_id, code, created.isoformat()))
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
                         contact, order_id, scheme)
        raise OrderStoreError(f"{self.path}: no free order code after {MAX_CODE_DRAWS} draws")

    # ---------------------------------------------------------------- reading
    def get(self, code: str) -> Order:
        """The order with ``code`` (typed in any accepted form); OrderCodeError when it is mistyped."""
        shown = parse_code(code)
        try:
            row = self._db.execute(_SELECT_ROW, (shown,)).fetchone()
        except sqlite3.Error as exc:
            raise OrderStoreError(f"{self.path}: order {shown} cannot be read: {exc}") from None
        if row is None:
            raise OrderNotFound(shown)
        return _RowReader(f"{self.path}: order {shown}", row).order(shown)

    def codes(self) -> list[str]:
        """The codes of every order, oldest first (a code column edited into anything but text is skipped)."""
        try:
            rows = self._db.execute("SELECT code FROM orders ORDER BY created_at, code").fetchall()
        except sqlite3.Error as exc:
            raise OrderStoreError(f"{self.path}: the orders cannot be listed: {exc}") from None
        return [row[0] for row in rows if isinstance(row[0], str)]

    def __len__(self) -> int:
        try:
            return int(self._db.execute("SELECT COUNT(*) FROM orders").fetchone()[0])
        except sqlite3.Error as exc:
            raise OrderStoreError(f"{self.path}: the orders cannot be counted: {exc}") from None

    # ---------------------------------------------------------------- the outbox
    def _run(self, what: str, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise OrderStoreError(f"{self.path}: {what}: {exc}") from None

    def pending(self, limit: int = 100, now: float | None = None) -> list[Pending]:
        """Outbox rows due for (another) delivery attempt at ``now`` (seconds since 1970), oldest first."""
        rows = self._run("the outbox cannot be read",
                         "SELECT order_id, code, attempts, last_error FROM outbox WHERE next_try_at <= ? "
                         "ORDER BY queued_at, order_id LIMIT ?", (float("inf") if now is None else now, limit))
        return [Pending(*row) for row in rows]

    def pending_count(self) -> int:
        return int(self._run("the outbox cannot be counted", "SELECT COUNT(*) FROM outbox")[0][0])

    def mark_delivered(self, order_ids: list[str]) -> None:
        """The central database has these orders (committed there): drop their outbox rows, durably."""
        try:
            with closing(self._db.cursor()) as cur:
                cur.execute("BEGIN IMMEDIATE")
                cur.executemany("DELETE FROM outbox WHERE order_id = ?", [(i,) for i in order_ids])
                cur.execute("COMMIT")
        except sqlite3.Error as exc:
            raise OrderStoreError(f"{self.path}: the outbox cannot be updated: {exc}") from None

    def mark_failed(self, order_id: str, error: str, next_try_at: float) -> None:
        """A delivery of this row failed: count it, keep the reason, try again at ``next_try_at``."""
        self._run("the outbox cannot be updated",
                  "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_try_at = ? WHERE order_id = ?",
                  (error[:500], next_try_at, order_id))

    def queue_again(self, order_id: str) -> None:
        """Put an order (back) in the outbox, e.g. after its contact was resealed; idempotent."""
        self._run("the outbox cannot be updated",
                  "INSERT INTO outbox (order_id, code, queued_at) SELECT order_id, code, created_at FROM orders "
                  "WHERE order_id = ? ON CONFLICT (order_id) DO UPDATE SET next_try_at = 0", (order_id,))

    def get_by_id(self, order_id: str) -> Order:
        rows = self._run("the order cannot be read", "SELECT code FROM orders WHERE order_id = ?", (order_id,))
        if not rows or not isinstance(rows[0][0], str):
            raise OrderNotFound(order_id)
        return self.get(rows[0][0])

    def fernet_contacts(self) -> list[tuple[str, bytes]]:
        """(order_id, token) of every order whose contact is still under the kiosk's Fernet key."""
        rows = self._run("the contacts cannot be read", "SELECT order_id, contact FROM orders "
                         "WHERE contact_scheme = 'fernet' AND contact IS NOT NULL ORDER BY created_at")
        return [(str(order_id), bytes(token)) for order_id, token in rows]

    def replace_contact(self, order_id: str, contact: bytes, scheme: str) -> None:
        """Put a re-encrypted contact in place (and queue the order again when there is an outbox), at once."""
        if scheme not in CONTACT_SCHEMES:
            raise ValueError(f"unknown contact scheme {scheme!r}")
        try:
            with closing(self._db.cursor()) as cur:
                cur.execute("BEGIN IMMEDIATE")
                cur.execute("UPDATE orders SET contact = ?, contact_scheme = ? WHERE order_id = ?",
                            (contact, scheme, order_id))
                if self.outbox:
                    cur.execute("INSERT INTO outbox (order_id, code, queued_at) SELECT order_id, code, created_at "
                                "FROM orders WHERE order_id = ? ON CONFLICT (order_id) DO UPDATE SET next_try_at = 0",
                                (order_id,))
                cur.execute("COMMIT")
        except sqlite3.Error as exc:
            raise OrderStoreError(f"{self.path}: the contact cannot be replaced: {exc}") from None


def _millis(created: object) -> int | None:
    """An old order's time in ms for its id (its ULID sorts where the order was made), else now."""
    try:
        when = datetime.fromisoformat(str(created))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    millis = int(when.timestamp() * 1000)
    return millis if 0 <= millis < 2 ** 48 else None


# ----------------------------------------------------------- reading a row, trusting nothing in it
# The longest value each column may sensibly hold (characters for text, bytes for blobs).  A longer
# value is measured in SQLite and never fetched: a row edited to hold a gigabyte costs nothing.
MAX_CONTACT_BYTES = 64 * 1024
MAX_PRICE = Decimal(10) ** 9
MAX_LEAD_TIME_DAYS = 3650
_COLUMNS: tuple[tuple[str, int], ...] = (
    ("code", 9), ("created_at", 40), ("catalog_id", 200), ("catalog_version", 200),
    ("design_json", MAX_DESIGN_BYTES), ("price_gross", 40), ("currency", 3), ("lead_time_days", 20),
    ("language", 16), ("contact", MAX_CONTACT_BYTES), ("order_id", 26), ("contact_scheme", 8))
# Per column: its type, its length, and its value when short enough (text as UTF-8 bytes, decoded here,
# so text that is not UTF-8 is this module's error naming the column, not sqlite3's).
_SELECT_ROW = "SELECT " + ", ".join(
    f"typeof({c}), length({c}), CASE WHEN length({c}) <= {n} THEN "
    f"(CASE typeof({c}) WHEN 'text' THEN CAST({c} AS BLOB) ELSE {c} END) END"
    for c, n in _COLUMNS) + " FROM orders WHERE code = ?"
_SQL_KINDS = {"integer": "a whole number", "real": "a number with decimals", "text": "text", "blob": "bytes",
              "null": "NULL (nothing)"}
_CURRENCY = re.compile(r"[A-Z]{3}")
_LANGUAGE = re.compile(r"([a-z]{2,3}([_-][A-Za-z0-9]{2,8})?)?")


def _shown(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}..."


class _RowReader:
    """One row's cells, each checked for what its column means; :class:`DamagedOrder` names the column."""

    def __init__(self, where: str, row: tuple[Any, ...]):
        self.where = where
        self.cells = {name: row[3 * i: 3 * i + 3] for i, (name, _) in enumerate(_COLUMNS)}

    def fail(self, column: str, what: str) -> DamagedOrder:
        return DamagedOrder(f"{self.where}, column '{column}': {what}")

    def value(self, column: str, *types: str) -> Any:
        """The cell's value (text decoded), when its SQLite type is one of ``types`` and it is not too long."""
        kind, length, value = self.cells[column]
        if kind not in types:
            expected = " or ".join(_SQL_KINDS[t] for t in types)
            raise self.fail(column, f"expected {expected}, found {_SQL_KINDS.get(kind, kind)}")
        limit = dict(_COLUMNS)[column]
        if length is not None and length > limit:
            raise self.fail(column, f"{length:,} {'bytes' if kind == 'blob' else 'characters'} long; at most "
                                    f"{limit:,} belong there")
        if kind == "text":
            try:
                return bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                raise self.fail(column, "text that is not UTF-8") from None
        return value

    def text(self, column: str, pattern: re.Pattern[str] | None = None, what: str = "") -> str:
        text: str = self.value(column, "text")
        if pattern is not None and not pattern.fullmatch(text):
            raise self.fail(column, f"expected {what}, found {_shown(text)}")
        return text

    def order(self, shown: str) -> Order:
        code = self.text("code")
        try:
            canonical = parse_code(code)
        except OrderCodeError:
            canonical = ""
        if canonical != code or code != shown:
            raise self.fail("code", f"{_shown(code)} is not an order code in its shown form (XXXX-XXXX)")
        created = self.text("created_at")
        try:
            created_at = datetime.fromisoformat(created)
        except ValueError:
            raise self.fail("created_at", f"expected a date and time (ISO 8601), found {_shown(created)}") from None
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=UTC)   # written by hand: taken as UTC, as the store writes it
        if not 2000 <= created_at.year <= 9998:
            raise self.fail("created_at", f"{created} is not a time an order can have been placed")
        catalog_id, catalog_version = self.text("catalog_id"), self.text("catalog_version")
        design = self._design(catalog_id)
        price_text = str(self.value("price_gross", "text", "integer", "real"))
        try:
            price = Decimal(price_text)
        except InvalidOperation:
            raise self.fail("price_gross", f"expected an amount, found {_shown(price_text)}") from None
        if not (price.is_finite() and 0 <= price <= MAX_PRICE):
            raise self.fail("price_gross", f"{_shown(price_text)} is not a price (0 to {MAX_PRICE:,})")
        currency = self.text("currency", _CURRENCY, "a currency code such as EUR")
        days = self.value("lead_time_days", "integer")
        if not 0 <= days <= MAX_LEAD_TIME_DAYS:
            raise self.fail("lead_time_days", f"{days} is not a lead time (0 to {MAX_LEAD_TIME_DAYS} days)")
        language = self.text("language", _LANGUAGE, "a language code such as en or zh_CN, or nothing")
        contact = self.value("contact", "blob", "null")
        order_id = self.value("order_id", "text", "null") or ""
        if order_id and not ULID_PATTERN.fullmatch(order_id):
            raise self.fail("order_id", f"expected an order id (a ULID), found {_shown(order_id)}")
        scheme = self.text("contact_scheme")
        if scheme not in CONTACT_SCHEMES:
            raise self.fail("contact_scheme", f"expected one of 'fernet', 'sealed' or nothing, found {_shown(scheme)}")
        # No contact: no scheme.  A contact without one can only be the kiosk key's (as before version 2).
        scheme = "" if contact is None else (scheme or "fernet")
        return Order(code, created_at, catalog_id, catalog_version, design, price, currency, days, language,
                     bytes(contact) if contact is not None else None, order_id, scheme)

    def _design(self, catalog_id: str) -> dict[str, Any]:
        """The design column as a design file's dict, checked as a design file is (without a catalog)."""
        raw = self.value("design_json", "text", "blob")
        try:
            text = raw if isinstance(raw, str) else bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail("design_json", "not UTF-8 text") from None
        return design_from_text(text, self.where, catalog_id)


def design_from_text(text: str, where: str, catalog_id: str) -> dict[str, Any]:
    """An order's design-file JSON as a dict, checked as a design file is (without a catalog) and for
    the order's catalog; :class:`DamagedOrder` naming ``where`` and the column.  The central database
    reads its rows through this too."""
    name = f"{where}, column 'design_json'"
    try:
        data = parse_design_text(text, name)
        data.pop("_migrated_from", None)
        checked = check_design_data(data, name)
    except DesignFileError as exc:
        raise DamagedOrder(str(exc)) from None
    if checked.catalog_id != catalog_id:
        raise DamagedOrder(f"{where}, column 'catalog_id': {_shown(catalog_id)}, but the design was made with "
                           f"catalog {_shown(checked.catalog_id)}")
    return data
