"""Delivery to the real central database when things go wrong (issue 18's faults, one test each).

The server stopped while a kiosk takes 50 orders; the sender SIGKILLed in the middle of a batch;
the same batch delivered twice; two kiosks (two processes) writing at once.  Each ends with the
central database holding every order exactly once, and the kiosks' outboxes empty.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from app.domain.showroom import central_db
from app.domain.showroom.central_db import CentralUnavailable
from app.domain.showroom.order_store import OrderStore
from app.domain.showroom.outbox import Sender, SenderThread
from tests.orders.helpers import PYTHON, ROOT, a_design, place, python_env


def _wait_for(condition, what: str, timeout: float = 60.0, step: float = 0.05) -> None:
    """Poll until ``condition()`` holds; a bound on a wait, not a timing assertion."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, f"still waiting for {what} after {timeout} s"
        time.sleep(step)


def test_server_stopped_while_a_kiosk_takes_50_orders_then_started(central, pg_server, catalog, tmp_path):
    url = central.kiosk("K1")
    store = tmp_path / "kiosk" / "orders.sqlite3"
    place(store, "K1", a_design(catalog), 1)   # the store exists, as on a kiosk that ran before
    sender = Sender(store, url, first_backoff_s=0.05, max_backoff_s=0.2)
    thread = SenderThread(sender, interval_s=0.1)
    pg_server.stop()
    try:
        thread.start()
        design = a_design(catalog)
        orders = []
        for _ in range(50):   # the kiosk goes on taking orders: each placed at once, with its code
            orders += place(store, "K1", design, 1)
            thread.wake()
        with OrderStore(store) as local:
            assert local.pending_count() == 51 and len(local) == 51
        with pytest.raises(CentralUnavailable):   # `modulor orders sync` meanwhile: refused, nothing lost
            Sender(store, url).run_once()
    finally:
        pg_server.start()
    thread.wake()
    with OrderStore(store) as local:
        _wait_for(lambda: local.pending_count() == 0, "the outbox to empty once the server is back")
    thread.stop()
    assert not thread.is_alive()
    assert central.count() == 51
    assert set(central.codes()) >= {o.code for o in orders} and len(set(central.codes())) == 51
    again = Sender(store, url).run_once()   # nothing is left to send, and a full resend changes nothing
    assert (again.new, again.pending) == (0, 0)
    assert central.count() == 51


def test_sender_killed_mid_batch_loses_nothing_and_duplicates_nothing(central, catalog, tmp_path):
    url = central.kiosk("K2")
    store = tmp_path / "orders.sqlite3"
    orders = place(store, "K2", a_design(catalog), 50)
    with OrderStore(store) as local:
        sequence = [row.code for row in local.pending(100)]   # the order the sender takes them in
    gate = sequence[29]   # batches of 20: the second batch stops at its tenth order
    with central_db.connect(central.admin, autocommit=True) as admin:
        admin.execute("CREATE FUNCTION modulor.test_gate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                      "PERFORM pg_advisory_lock_shared(4242); PERFORM pg_advisory_unlock_shared(4242); "
                      "RETURN NEW; END $$")
        admin.execute(f"CREATE TRIGGER gate BEFORE INSERT ON modulor.orders FOR EACH ROW "
                      f"WHEN (NEW.code = '{gate}') EXECUTE FUNCTION modulor.test_gate()")
        admin.execute("SELECT pg_advisory_lock(4242)")
        sender = subprocess.Popen([PYTHON, "-m", "app.cli.main", "orders", "sync", "--store", str(store), "--db", url,
                                   "--batch", "20"], cwd=ROOT, env=python_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            _wait_for(lambda: admin.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                            "AND NOT granted").fetchone()[0] == 1, "the sender to reach the gate")
            os.kill(sender.pid, signal.SIGKILL)   # mid-batch: 9 orders of the second batch sent, not committed
            sender.wait(30)
        finally:
            if sender.poll() is None:
                sender.kill()
            admin.execute("SELECT pg_advisory_unlock(4242)")
        assert sender.returncode == -signal.SIGKILL
        _wait_for(lambda: admin.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                        "'modulor-sender'").fetchone()[0] == 0, "the killed sender's session to end")
        admin.execute("DROP TRIGGER gate ON modulor.orders")
    assert central.count() == 20   # the first batch, committed; the second rolled back whole
    with OrderStore(store) as local:
        assert local.pending_count() == 30   # nothing lost: all not yet in the central database still queued
    result = Sender(store, url).run_once()
    assert (result.new, result.duplicate, result.pending) == (30, 0, 0)
    assert central.count() == 50 and sorted(central.codes()) == sorted(o.code for o in orders)


def test_the_same_batch_delivered_twice_is_one_order_each(central, catalog, tmp_path):
    url = central.kiosk("K3")
    store = tmp_path / "orders.sqlite3"
    orders = place(store, "K3", a_design(catalog), 10)
    with central_db.connect(url) as db:
        first = central_db.deliver(db, orders)
        second = central_db.deliver(db, orders)   # as after a sender killed between commit and outbox delete
    assert len(first.new) == 10 and not first.duplicate and not first.refused
    assert not second.new and len(second.duplicate) == 10 and not second.refused
    assert central.count() == 10
    # The outbox still holds them (never marked): the sender sends them a third time, and clears them.
    result = Sender(store, url).run_once()
    assert (result.new, result.duplicate, result.pending) == (0, 10, 0)
    assert central.count() == 10
    assert central.count("SELECT count(DISTINCT order_id) FROM modulor.orders") == 10


def test_two_kiosks_writing_at_once(central, tmp_path):
    kiosks = {"K4": central.kiosk("K4"), "K5": central.kiosk("K5")}
    children = {}
    for prefix, url in kiosks.items():
        store = tmp_path / prefix / "orders.sqlite3"
        store.parent.mkdir()
        children[prefix] = (store, subprocess.Popen(
            [PYTHON, "-m", "tests.orders.kiosk_process", str(store), prefix, url, "25"], cwd=ROOT,
            env=python_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    # Each child loads the catalog, then waits for its go file: both start placing orders together.
    for store, _ in children.values():
        store.with_name(store.name + ".go").touch()
    codes = {}
    for prefix, (store, child) in children.items():
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
        codes[prefix] = out.split()
        assert len(codes[prefix]) == 25 and all(code.startswith(prefix) for code in codes[prefix])
        with OrderStore(store) as local:
            assert local.pending_count() == 0
    assert central.count() == 50
    assert sorted(central.codes()) == sorted(codes["K4"] + codes["K5"])
    for prefix in kiosks:
        assert central.count("SELECT count(*) FROM modulor.orders WHERE kiosk_prefix = %s", (prefix,)) == 25


def test_a_different_order_with_a_code_already_taken_is_refused_never_merged(central, catalog, tmp_path):
    """A kiosk reinstalled with its old prefix could draw a code again: the central database keeps the first."""
    from dataclasses import replace

    from app.domain.showroom.order_ids import new_order_id

    url = central.kiosk("K6")
    first = place(tmp_path / "a.sqlite3", "K6", a_design(catalog), 1)[0]
    assert Sender(tmp_path / "a.sqlite3", url).run_once().new == 1
    impostor = replace(first, order_id=new_order_id(), price_gross=first.price_gross + 1)
    with central_db.connect(url) as db:
        result = central_db.deliver(db, [impostor])
    assert not result.delivered and "duplicate key" in result.refused[impostor.order_id]
    assert central.count() == 1
    assert central.count("SELECT count(*) FROM modulor.orders WHERE order_id = %s", (first.order_id,)) == 1


def test_a_server_restart_between_rounds_costs_no_backoff(central, pg_server, catalog, tmp_path):
    url = central.kiosk("K7")
    store = tmp_path / "orders.sqlite3"
    place(store, "K7", a_design(catalog), 1)
    sender = Sender(store, url)
    assert sender.run_once().new == 1   # the sender keeps its connection open
    pg_server.stop()
    pg_server.start()                   # that connection is dead now
    place(store, "K7", a_design(catalog), 1)
    result = sender.run_once()          # replaced at once: delivered in this round, no CentralUnavailable
    assert (result.new, result.pending) == (1, 0) and central.count() == 2
    sender.close()
