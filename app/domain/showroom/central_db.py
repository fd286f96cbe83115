"""The chain's central order database on PostgreSQL: schema, roles, delivery and the workshop's reads.

Only this module imports psycopg, and only when one of its functions is called,
so the single-machine path (SQLite, :mod:`~app.domain.showroom.order_store`) runs
without it.  Everything lives in the schema ``modulor``:

* ``orders``: one row per order, keyed by its ULID, the code unique too;
* ``kiosks``: each kiosk's code prefix and the database role allowed to use it;
* ``schema_migrations``: which of the SQL files in ``migrations/`` were applied.

Roles (least privilege, see docs/orders.md): ``modulor_kiosk`` may only call
``modulor.submit_order`` (SECURITY DEFINER; no table privilege at all, so a kiosk
can neither read orders nor contact details), and only for codes with its own
prefix; ``modulor_workshop`` reads orders and kiosks and may change an order's
status and nothing else.  Each kiosk and workshop logs in as its own role, a
member of one of the two.

Connection strings come from the settings or the environment (never the
repository); whatever libpq understands passes through untouched: ``sslmode``,
``sslrootcert``, ``sslcert``, ``passfile``, a service name, ``PG*`` variables.
Only a connect timeout is added when none is given, so an unreachable server
costs a kiosk seconds, not minutes.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from app.domain.showroom.order_code import check_prefix, parse_code
from app.domain.showroom.order_store import Order, OrderNotFound, design_from_text

if TYPE_CHECKING:   # psycopg is imported lazily: the SQLite-only path never needs it
    import psycopg

SCHEMA = "modulor"
KIOSK_GROUP = "modulor_kiosk"
WORKSHOP_GROUP = "modulor_workshop"
CONNECT_TIMEOUT_S = 5
MIGRATION_LOCK = 0x4D6F64756C6F72   # pg_advisory_xact_lock key: two `orders init` at once apply each file once
STATUSES = ("new", "received", "in_production", "shipped")
_MIGRATION_FILE = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class CentralDbError(RuntimeError):
    """The central database refused or failed; the message says what, without any password."""


class CentralUnavailable(CentralDbError):
    """The central database cannot be reached (network down, server stopped): try again later."""


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:   # pragma: no cover - installed with Modulor; a trimmed install may lack it
        raise CentralDbError("the central order database needs psycopg: pip install 'psycopg[binary]'") from None
    return psycopg


def safe_conninfo(conninfo: str) -> str:
    """The connection string with any password replaced by ``***`` (for messages and logs)."""
    psycopg = _psycopg()
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "(a connection string that cannot be parsed)"
    if "password" in params:
        params["password"] = "***"
    return str(psycopg.conninfo.make_conninfo(**params))


def connect(conninfo: str, *, autocommit: bool = False, application_name: str = "modulor") -> psycopg.Connection[Any]:
    """A connection to the central database; :class:`CentralUnavailable` when it cannot be reached."""
    pg = _psycopg()
    try:
        params = pg.conninfo.conninfo_to_dict(conninfo)
    except pg.ProgrammingError as exc:
        raise CentralDbError(f"the central database's connection string cannot be read: {exc}") from None
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    params.setdefault("application_name", application_name)
    try:
        connection = pg.connect(**params, autocommit=autocommit)
    except pg.OperationalError as exc:
        raise CentralUnavailable(f"{safe_conninfo(conninfo)}: {_first_line(exc)}") from None
    return cast("psycopg.Connection[Any]", connection)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ------------------------------------------------------------------------------------ the schema
def migration_files() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped, in order."""
    folder = resources.files("app.domain.showroom.migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_FILE.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise CentralDbError(f"the migrations are not numbered 1, 2, 3 ...: {versions}")
    return found


def migrate(conninfo: str) -> list[str]:
    """Create or bring up to date the schema, its roles and grants; returns the files applied now.

    Run with a role that may create schemas and roles (the database owner with CREATEROLE, or a
    superuser).  Each file is one transaction; a failed file leaves the database at the version before.
    """
    psycopg = _psycopg()
    applied_now = []
    with connect(conninfo) as db:
        try:
            for version, name, sql in migration_files():
                with db.transaction():
                    db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                    db.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
                    db.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_migrations (version integer PRIMARY KEY, "
                               "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
                    done = db.execute(f"SELECT 1 FROM {SCHEMA}.schema_migrations WHERE version = %s",
                                      (version,)).fetchone()
                    if done:
                        continue
                    db.execute(sql)
                    db.execute(f"INSERT INTO {SCHEMA}.schema_migrations (version, name) VALUES (%s, %s)",
                               (version, name))
                    applied_now.append(name)
        except psycopg.OperationalError as exc:
            raise CentralUnavailable(f"{safe_conninfo(conninfo)}: {_first_line(exc)}") from None
        except psycopg.Error as exc:
            raise CentralDbError(f"the schema cannot be set up: {_first_line(exc)}") from None
    return applied_now


def schema_version(db: psycopg.Connection[Any]) -> int:
    row = db.execute(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_migrations").fetchone()
    return int(row[0]) if row else 0


def _check_role_name(name: str) -> str:
    if not _ROLE_NAME.fullmatch(name):
        raise CentralDbError(f"'{name}': a role name is lower-case letters, digits and _ (at most 63)")
    return name


def add_login(conninfo: str, role: str, group: str, password: str | None = None,
              kiosk_prefix: str = "", note: str = "") -> str:
    """Create login ``role`` in ``group`` (with a random password unless given), registering the kiosk's
    prefix for a kiosk; returns the password (shown once, stored nowhere by Modulor)."""
    psycopg = _psycopg()
    from psycopg import sql

    _check_role_name(role)
    if group not in (KIOSK_GROUP, WORKSHOP_GROUP):
        raise CentralDbError(f"unknown group {group!r}")
    prefix = check_prefix(kiosk_prefix) if group == KIOSK_GROUP else ""
    password = password or secrets.token_urlsafe(24)
    with connect(conninfo) as db:
        try:
            with db.transaction():
                db.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(role), sql.Literal(password), sql.Identifier(group)))
                if prefix:
                    db.execute(f"INSERT INTO {SCHEMA}.kiosks (prefix, role_name, note) VALUES (%s, %s, %s)",
                               (prefix, role, note))
        except psycopg.errors.DuplicateObject:
            raise CentralDbError(f"the role {role} exists already") from None
        except psycopg.errors.UniqueViolation:
            raise CentralDbError(f"the kiosk prefix {prefix} is registered already; every kiosk needs its own "
                                 "(a reinstalled kiosk too: its old codes are in the central database)") from None
        except psycopg.Error as exc:
            raise CentralDbError(f"{role}: {_first_line(exc)}") from None
    return password


# ------------------------------------------------------------------------------------ delivery
SUBMIT = (f"SELECT {SCHEMA}.submit_order(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")


def submit_params(order: Order) -> tuple[Any, ...]:
    return (order.order_id, order.code, order.created_at, order.catalog_id, order.catalog_version,
            json.dumps(order.design, ensure_ascii=False, sort_keys=True), order.price_gross, order.currency,
            order.lead_time_days, order.language, order.contact, order.contact_scheme)


@dataclass
class Delivery:
    """What one batch did: ids the central database has now (new or already), and rows it refused."""
    new: list[str]
    duplicate: list[str]
    refused: dict[str, str]   # order id -> the database's reason

    @property
    def delivered(self) -> list[str]:
        return self.new + self.duplicate


def deliver(db: psycopg.Connection[Any], orders: Sequence[Order]) -> Delivery:
    """Submit ``orders`` in one transaction (pipelined); when the database refuses one, each is tried
    alone so the others still arrive.  Idempotent: delivering the same batch again changes nothing.
    :class:`CentralUnavailable` when the connection fails (nothing counts as delivered then)."""
    psycopg = _psycopg()
    result = Delivery([], [], {})
    if not orders:
        return result
    try:
        try:
            with db.transaction(), db.cursor() as cur:
                cur.executemany(SUBMIT, [submit_params(order) for order in orders], returning=True)
                outcomes = []
                for _ in orders:
                    row = cur.fetchone()
                    outcomes.append(row[0] if row else "")
                    cur.nextset()
            for order, outcome in zip(orders, outcomes):
                (result.new if outcome == "new" else result.duplicate).append(order.order_id)
            return result
        except psycopg.OperationalError:
            raise
        except psycopg.Error:
            pass   # one order refused rolled back the batch: find it, deliver the rest one by one
        for order in orders:
            try:
                with db.transaction():
                    row = db.execute(SUBMIT, submit_params(order)).fetchone()
                (result.new if row and row[0] == "new" else result.duplicate).append(order.order_id)
            except psycopg.OperationalError:
                raise
            except psycopg.Error as exc:
                result.refused[order.order_id] = _first_line(exc)
        return result
    except psycopg.OperationalError as exc:
        raise CentralUnavailable(_first_line(exc)) from None


# ------------------------------------------------------------------------------------ the workshop
@dataclass(frozen=True)
class QueueRow:
    """One line of ``modulor orders list``."""
    code: str
    created_at: datetime
    received_at: datetime
    kiosk_prefix: str
    status: str
    price_gross: Decimal
    currency: str
    catalog: str


def normalise_status(text: str) -> str:
    status = text.strip().lower().replace("-", "_").replace(" ", "_")
    if status not in STATUSES:
        raise CentralDbError(f"'{text}': a status is one of {', '.join(s.replace('_', '-') for s in STATUSES)}")
    return status


class CentralOrders:
    """The workshop's view of the central database (a role in ``modulor_workshop``)."""

    def __init__(self, conninfo: str):
        self.conninfo = conninfo
        self._db = connect(conninfo, autocommit=True, application_name="modulor-workshop")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> CentralOrders:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _query(self, what: str, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        psycopg = _psycopg()
        try:
            return list(self._db.execute(query, params).fetchall())
        except psycopg.OperationalError as exc:
            raise CentralUnavailable(f"{what}: {_first_line(exc)}") from None
        except psycopg.Error as exc:
            raise CentralDbError(f"{what}: {_first_line(exc)}") from None

    def get(self, code: str) -> Order:
        """The order with ``code`` (any accepted form); OrderCodeError when mistyped, OrderNotFound."""
        shown = parse_code(code)
        rows = self._query(f"order {shown} cannot be read",
                           f"SELECT order_id, code, created_at, catalog_id, catalog_version, design_json, price_gross, "
                           f"currency, lead_time_days, language, contact, contact_scheme, status "
                           f"FROM {SCHEMA}.orders WHERE code = %s", (shown,))
        if not rows:
            raise OrderNotFound(shown)
        (order_id, code_, created, catalog_id, catalog_version, design_json, price, currency, days, language,
         contact, scheme, status) = rows[0]
        where = f"central database: order {shown}"
        # The schema's checks hold every column to its meaning; the design is checked as a design file is.
        design = design_from_text(design_json, where, catalog_id)
        return Order(code_, created.astimezone(UTC), catalog_id, catalog_version, design, Decimal(price), currency,
                     int(days), language, bytes(contact) if contact is not None else None, order_id, scheme, status)

    def queue(self, since: datetime | None = None, status: str | None = None, limit: int = 1000) -> list[QueueRow]:
        """Orders made since ``since`` (all when None) with ``status`` (any when None), oldest first."""
        conditions: list[str] = []
        params: list[Any] = []
        if since is not None:
            conditions.append("created_at >= %s")
            params.append(since)
        if status is not None:
            conditions.append("status = %s")
            params.append(normalise_status(status))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._query("the orders cannot be listed",
                           f"SELECT code, created_at, received_at, kiosk_prefix, status, price_gross, currency, "
                           f"catalog_id || ' ' || catalog_version FROM {SCHEMA}.orders {where} "
                           f"ORDER BY created_at, code LIMIT %s", [*params, limit])
        return [QueueRow(*row) for row in rows]

    def set_status(self, code: str, status: str) -> str:
        """Mark the order; returns the status it had before."""
        shown = parse_code(code)
        new = normalise_status(status)
        rows = self._query(f"order {shown} cannot be marked",
                           f"UPDATE {SCHEMA}.orders o SET status = %s, status_changed_at = now(), "
                           f"status_changed_by = current_user FROM {SCHEMA}.orders old "
                           f"WHERE o.code = %s AND old.order_id = o.order_id RETURNING old.status", (new, shown))
        if not rows:
            raise OrderNotFound(shown)
        return str(rows[0][0])

    def codes(self) -> Iterator[str]:
        for (code,) in self._query("the orders cannot be listed", f"SELECT code FROM {SCHEMA}.orders ORDER BY code"):
            yield code

