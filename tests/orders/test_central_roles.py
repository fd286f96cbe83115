"""Least privilege in the central database, tested by logging in as each role (a real server).

A kiosk's role may only submit orders in its own code space: reading, changing or deleting
orders, reading the kiosk register, or submitting with another kiosk's prefix is refused.  The
workshop reads and marks orders and may do nothing else.
"""

from __future__ import annotations

import psycopg
import pytest

from app.domain.showroom import central_db
from app.domain.showroom.central_db import CentralOrders
from app.domain.showroom.order_store import OrderStore
from app.domain.showroom.outbox import Sender
from tests.orders.helpers import a_design, place


def test_init_applies_each_migration_once(central):
    assert central_db.migrate(central.admin) == []   # the fixture applied them; again: nothing to do
    with central_db.connect(central.admin) as db:
        assert central_db.schema_version(db) == len(central_db.migration_files()) == 1
        roles = {r for (r,) in db.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'modulor_%'")}
        assert {"modulor_kiosk", "modulor_workshop"} <= roles


REFUSED_TO_A_KIOSK = (
    "SELECT * FROM modulor.orders",
    "SELECT contact FROM modulor.orders",
    "SELECT count(*) FROM modulor.orders",
    "SELECT * FROM modulor.kiosks",
    "UPDATE modulor.orders SET status = 'shipped'",
    "DELETE FROM modulor.orders",
    "INSERT INTO modulor.kiosks (prefix, role_name) VALUES ('ZZ', 'me')",
    "CREATE TABLE modulor.mine (x int)",
)


def test_a_kiosk_role_cannot_read_or_change_orders(central, catalog, tmp_path):
    url = central.kiosk("A1")
    place(tmp_path / "o.sqlite3", "A1", a_design(catalog), 1)
    assert Sender(tmp_path / "o.sqlite3", url).run_once().new == 1   # what it may do works
    with central_db.connect(url, autocommit=True) as db:
        for statement in REFUSED_TO_A_KIOSK:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement)
    assert central.count() == 1   # and the order is still there, unchanged
    assert central.count("SELECT count(*) FROM modulor.orders WHERE status = 'new'") == 1


def test_a_kiosk_cannot_submit_in_another_kiosks_code_space(central, catalog, tmp_path):
    central.kiosk("B1")
    thief = central.kiosk("B2")
    place(tmp_path / "o.sqlite3", "B1", a_design(catalog), 2)   # B1's codes, sent with B2's login
    result = Sender(tmp_path / "o.sqlite3", thief).run_once()
    assert (result.new, result.refused, result.pending) == (0, 2, 2)
    with OrderStore(tmp_path / "o.sqlite3") as store:
        rows = store.pending(10)
    # Kept, with the database's reason, and not due again at once (its own backoff).
    assert all("is not registered to database role" in row.last_error and row.attempts == 1 for row in rows)
    again = Sender(tmp_path / "o.sqlite3", thief).run_once()
    assert (again.refused, again.pending) == (0, 2)
    assert central.count() == 0


def test_the_workshop_reads_lists_and_marks_orders_and_nothing_else(central, catalog, tmp_path):
    url = central.kiosk("C1")
    orders = place(tmp_path / "o.sqlite3", "C1", a_design(catalog), 3)
    Sender(tmp_path / "o.sqlite3", url).run_once()
    workshop = central.workshop()
    with CentralOrders(workshop) as shop:
        got = shop.get(orders[0].code.lower())
        assert (got.code, got.order_id, got.status) == (orders[0].code, orders[0].order_id, "new")
        assert got.design == orders[0].design and got.price_gross == orders[0].price_gross
        assert [r.code for r in shop.queue()] == [r.code for r in shop.queue(status="new")] and len(shop.queue()) == 3
        assert shop.set_status(orders[1].code, "in-production") == "new"
        assert shop.set_status(orders[1].code, "shipped") == "in_production"
        assert [r.code for r in shop.queue(status="shipped")] == [orders[1].code]
        with pytest.raises(central_db.CentralDbError, match="a status is one of"):
            shop.set_status(orders[1].code, "lost")
    with central_db.connect(workshop, autocommit=True) as db:
        for statement in ("DELETE FROM modulor.orders", "UPDATE modulor.orders SET price_gross = 0",
                          "INSERT INTO modulor.kiosks (prefix, role_name) VALUES ('ZZ', 'me')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):   # nor submit as if it were a kiosk
            db.execute(central_db.SUBMIT, central_db.submit_params(orders[0]))


def test_tls_settings_pass_through_and_messages_never_show_the_password(central):
    url = central.kiosk("D1")
    password = url.split(":")[2].split("@")[0]
    # The test server has no TLS: libpq, told to require it, refuses, which shows the setting reached it.
    with pytest.raises(central_db.CentralUnavailable, match="SSL") as refused:
        central_db.connect(url + "?sslmode=require")
    assert password not in str(refused.value) and "password=***" in str(refused.value)
    with central_db.connect(url + "?sslmode=disable&application_name=kiosk-d1") as db:   # and it is kept as given
        assert db.execute("SELECT current_setting('application_name')").fetchone()[0] == "kiosk-d1"
