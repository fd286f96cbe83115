"""A chain kiosk's local side, without a server: order ids, code spaces, the outbox, the store upgrade,
chain settings and sealed contacts."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.showroom import order_store
from app.domain.showroom.chain_settings import load_chain_settings
from app.domain.showroom.order_code import ALPHABET, OrderCodeError, check_prefix, code_prefix, new_code, parse_code
from app.domain.showroom.order_ids import is_order_id, new_order_id, order_id_time_ms
from app.domain.showroom.order_store import OrderStore, OrderStoreError
from app.domain.showroom.outbox import backoff_s
from app.domain.showroom.sealed_contacts import (
    SealedContactError,
    load_private_key,
    public_key_from_text,
    seal,
    unseal,
    write_new_key_pair,
)

EMPTY = {"format": "modulor-design", "format_version": 2, "catalog": {"id": "linea", "version": "1.0.0"},
         "name": "Empty", "room_height": None, "modules": []}


def test_an_order_id_is_a_ulid_of_its_time_and_randomness():
    # 1 ms after the epoch with all-zero randomness, and the largest time: worked out by hand from the spec.
    assert new_order_id(1, 0) == "0" * 9 + "1" + "0" * 16
    assert new_order_id(2 ** 48 - 1, 2 ** 80 - 1) == "7" + "Z" * 25
    when = int(datetime(2026, 12, 4, tzinfo=UTC).timestamp() * 1000)
    made = new_order_id(when)
    assert is_order_id(made) and order_id_time_ms(made) == when and len(made) == 26
    assert len({new_order_id(when) for _ in range(1000)}) == 1000   # same millisecond, 80 random bits
    with pytest.raises(ValueError):
        new_order_id(2 ** 48)


def test_a_kiosk_draws_codes_in_its_own_space_and_keeps_the_check():
    assert check_prefix(" k3 ") == "K3"
    for bad in ("K", "K3M", "KU", "ÄB"):
        with pytest.raises(OrderCodeError):
            check_prefix(bad)
    codes = {new_code(prefix="K3") for _ in range(300)}
    assert all(code.startswith("K3") and parse_code(code) == code and code_prefix(code) == "K3" for code in codes)
    # A fixed draw, by hand: K300000 is (18 * 32 + 3) * 32^5 = 20,501,757,952 = 37 * 554,101,566 + 10 -> 'A'.
    assert ALPHABET[10] == "A" and new_code(lambda _n: 0, prefix="K3") == "K300-000A"


def test_an_order_and_its_outbox_row_are_one_transaction(tmp_path, monkeypatch):
    path = tmp_path / "orders.sqlite3"
    with OrderStore(path, prefix="K3", outbox=True) as store:
        order = store.place(EMPTY, Decimal("12.50"), "EUR", 3)
        assert order.code.startswith("K3") and is_order_id(order.order_id)
        assert [(p.order_id, p.code, p.attempts) for p in store.pending()] == [(order.order_id, order.code, 0)]
        # The outbox row cannot be written (its id is taken): the order is not written either.
        monkeypatch.setattr(order_store, "new_order_id", lambda *_: order.order_id)
        with pytest.raises(OrderStoreError):
            store.place(EMPTY, Decimal(1), "EUR", 1)
        monkeypatch.undo()
        assert len(store) == 1 and store.pending_count() == 1
        store.mark_failed(order.order_id, "server down", next_try_at=4e9)
        assert store.pending(now=1e9) == [] and store.pending()[0].attempts == 1
        store.mark_delivered([order.order_id])
        assert store.pending_count() == 0 and len(store) == 1   # delivered: the order itself stays
    with OrderStore(path) as store:   # a single machine's store has no outbox rows for new orders
        store.place(EMPTY, Decimal(1), "EUR", 1)
        assert store.pending_count() == 0 and len(store) == 2


def test_a_version_1_store_is_upgraded_with_ids_for_its_orders(tmp_path):
    path = tmp_path / "orders.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(order_store._SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    db.execute("INSERT INTO orders VALUES ('5555-555P', '2025-03-01T10:00:00+00:00', 'linea', '1.0.0', ?, '99.00', "
               "'EUR', 7, 'sv', X'00')", (json.dumps(EMPTY),))
    db.commit()
    db.close()
    with OrderStore(path) as store:
        order = store.get("5555-555P")
        assert order.contact_scheme == "fernet" and is_order_id(order.order_id)
        assert order_id_time_ms(order.order_id) == int(datetime(2025, 3, 1, 10, tzinfo=UTC).timestamp() * 1000)
        assert store.pending_count() == 0
        assert store._db.execute("SELECT value FROM meta").fetchone()[0] == "2"
    with OrderStore(path) as store:   # opened again: nothing changes
        assert store.get("5555-555P").order_id == order.order_id


def test_chain_settings_name_bad_fields_and_take_the_connection_from_the_environment(tmp_path):
    path = tmp_path / "chain.toml"
    path.write_text('central_db = "host=db.example dbname=orders user=k3"\nkiosk_prefix = "KU"\n'
                    'workshop_public_key = "abc"\nsync_interval_s = 0\ncolour = "red"\n')
    chain = load_chain_settings(path, environ={})
    assert chain.central and not chain.queues_orders and chain.kiosk_prefix == ""
    assert [p.split(": field ")[1].split("'")[1] for p in chain.problems] == [
        "kiosk_prefix", "workshop_public_key", "sync_interval_s", "colour"]
    assert all(str(path) in p for p in chain.problems)
    env = load_chain_settings(tmp_path / "none.toml", environ={"MODULOR_CENTRAL_DB": "service=modulor"})
    assert env.central_db == "service=modulor" and not env.problems
    assert not load_chain_settings(tmp_path / "none.toml", environ={}).central   # the single-machine default


def test_a_sealed_contact_opens_only_with_the_workshops_private_key(tmp_path):
    public = write_new_key_pair(tmp_path / "workshop.key")
    token = seal({"name": "Greta Garbo", "phone": " ", "email": "greta@example.se"}, public_key_from_text(public))
    assert b"Greta" not in token
    assert unseal(token, load_private_key(tmp_path / "workshop.key")) == {"name": "Greta Garbo",
                                                                           "email": "greta@example.se"}
    write_new_key_pair(tmp_path / "other.key")
    with pytest.raises(SealedContactError, match="does not open"):
        unseal(token, load_private_key(tmp_path / "other.key"))
    with pytest.raises(SealedContactError, match="32 bytes"):
        public_key_from_text("AAAA")


def test_backoff_doubles_up_to_its_ceiling():
    assert [backoff_s(n, 2, 300, jitter=lambda: 1.0) for n in (0, 1, 2, 3, 8, 9, 20)] == [0, 2, 4, 8, 256, 300, 300]
    assert backoff_s(3, 2, 300, jitter=lambda: 0.0) == 6.0   # 75 % of 8


def test_the_single_machine_path_never_imports_psycopg(tmp_path):
    """Kiosk placing and the workshop's `modulor order` on one machine, with psycopg made unimportable."""
    root = Path(__file__).resolve().parents[2]
    script = (
        "import sys; sys.modules['psycopg'] = None\n"   # any `import psycopg` now raises ImportError
        "from decimal import Decimal\n"
        "from app.cli.main import main\n"
        "from app.domain.showroom.chain_settings import load_chain_settings\n"
        "from app.domain.showroom.order_placing import place_order, start_sender\n"
        f"design = {EMPTY!r}\n"
        f"store = {str(tmp_path / 'orders.sqlite3')!r}\n"
        "chain = load_chain_settings()\n"
        "assert not chain.central and start_sender(chain, store) is None\n"
        "order = place_order(design, Decimal('5'), 'EUR', 2, 'en', store, chain, {'name': 'Ada'})\n"
        "assert order.contact_scheme == 'fernet'\n"
        "assert main(['order', order.code, '--store', store, '--contact']) == 0\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root), "MODULOR_DATA_DIR": str(tmp_path / "data")}
    env.pop("MODULOR_CENTRAL_DB", None)
    done = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "name: Ada" in done.stdout


def test_a_blank_connection_string_means_no_central_database(tmp_path):
    # libpq reads "" or "  " as the local default server: a blank value must stay the single-machine default
    assert not load_chain_settings(tmp_path / "none.toml", environ={"MODULOR_CENTRAL_DB": "  "}).central
    path = tmp_path / "chain.toml"
    path.write_text('central_db = "   "\n')
    assert not load_chain_settings(path, environ={}).central
    assert load_chain_settings(path, environ={"MODULOR_CENTRAL_DB": " service=m "}).central_db == "service=m"
