"""The order store: real SQLite files written, killed mid-run, read back; contact details encrypted."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.contact_vault import ContactVault, ContactVaultError
from app.domain.showroom.order_code import OrderCodeError
from app.domain.showroom.order_store import OrderNotFound, OrderStore, default_store_path

ROOT = Path(__file__).resolve().parents[2]
# The smallest design the kiosk could store (an order's design is read back as a design file is).
EMPTY = {"format": "modulor-design", "format_version": 2, "catalog": {"id": "linea", "version": "1.0.0"},
         "name": "Empty", "room_height": None, "modules": []}


def test_an_order_round_trips_with_everything_the_workshop_needs(tmp_path, catalog):
    design = design_from_preset(catalog, "sideboard")
    path = tmp_path / "shop" / "orders.sqlite3"
    with OrderStore(path) as store:
        order = store.place(design_to_dict(design), Decimal("1234.50"), "EUR", 12, language="sv")
    with OrderStore(path) as store:
        again = store.get(order.code.lower())
    assert again == order
    assert again.design == design_to_dict(design)
    assert (again.catalog_id, again.catalog_version) == (catalog.id, catalog.version)
    assert again.price_gross == Decimal("1234.50") and again.lead_time_days == 12
    assert again.created_at.tzinfo is not None
    assert again.contact is None


def test_durable_settings_are_in_force(tmp_path):
    with OrderStore(tmp_path / "o.sqlite3") as store:
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2   # FULL


def test_a_placed_order_survives_a_kill_right_after_it_was_shown(tmp_path):
    """The process dies (SIGKILL, no cleanup) the instant place() returns: the order is on disk."""
    path = tmp_path / "orders.sqlite3"
    code = (
        "import os, sys; sys.path.insert(0, sys.argv[2])\n"
        "from app.domain.showroom.order_store import OrderStore\n"
        "store = OrderStore(sys.argv[1])\n"
        "order = store.place({'format': 'modulor-design', 'format_version': 2, 'catalog': {'id': 'linea', "
        "'version': '1.0.0'}, 'modules': []}, '9.90', 'EUR', 3)\n"
        "print(order.code, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    placed = result.stdout.strip()
    with OrderStore(path) as store:
        assert store.get(placed).price_gross == Decimal("9.90")


def test_unknown_and_mistyped_codes_are_told_apart(tmp_path):
    with OrderStore(tmp_path / "o.sqlite3") as store:
        order = store.place(EMPTY, Decimal(1), "EUR", 1)
        typo = order.code[:-1] + ("0" if order.code[-1] != "0" else "1")
        with pytest.raises(OrderCodeError):
            store.get(typo)
        with pytest.raises(OrderNotFound):
            store.get("0000-0000")


def test_default_path_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MODULOR_DATA_DIR", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "orders.sqlite3"


def test_contact_details_are_never_on_disk_in_plain_text(tmp_path):
    vault = ContactVault(tmp_path / "contact.key")
    token = vault.encrypt({"name": "Greta Garbo", "reach": "greta@example.se"})
    path = tmp_path / "orders.sqlite3"
    with OrderStore(path) as store:
        order = store.place(EMPTY, Decimal(1), "EUR", 1, contact=token)
    for file in tmp_path.iterdir():
        assert b"Greta" not in file.read_bytes() and b"greta@" not in file.read_bytes(), file
    assert stat.S_IMODE(os.stat(tmp_path / "contact.key").st_mode) == 0o600
    with OrderStore(path) as store:
        assert vault.decrypt(store.get(order.code).contact) == {"name": "Greta Garbo", "reach": "greta@example.se"}
    other = ContactVault(tmp_path / "other.key")
    other.encrypt({})   # makes the other kiosk's key
    with pytest.raises(ContactVaultError, match="does not open"):
        other.decrypt(token)


def test_a_store_that_cannot_be_opened_names_its_file(tmp_path):
    bad = tmp_path / "orders.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    from app.domain.showroom.order_store import OrderStoreError

    with pytest.raises(OrderStoreError, match=r"orders\.sqlite3"):
        OrderStore(bad)
    assert sqlite3  # the error is ours, not sqlite3's
