"""``modulor orders ...`` and ``modulor order CODE`` against a real central database, as people type them.

A kiosk machine and a workshop machine are two data folders (``MODULOR_DATA_DIR``), each with its
``chain.toml``; the commands run in this process (``main([...])``), reading the settings as they would.
"""

from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.domain.catalog.loader import load_catalog
from app.domain.showroom import central_db
from app.domain.showroom.chain_settings import load_chain_settings
from app.domain.showroom.contact_vault import ContactVault, ContactVaultError
from app.domain.showroom.order_placing import place_order
from app.domain.showroom.order_store import OrderStore
from tests.conftest import SAMPLE
from tests.orders.helpers import a_design, place


def _machine(monkeypatch, folder, **fields) -> None:
    """Make ``folder`` this process's data folder, with a chain.toml holding ``fields``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "chain.toml").write_text("".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items()))
    monkeypatch.setenv("MODULOR_DATA_DIR", str(folder))


def test_init_then_add_kiosk_whose_password_logs_in(pg_server, capsys):
    database = pg_server.new_database()
    admin = pg_server.url(database=database)
    assert main(["orders", "init", admin]) == 0
    out = capsys.readouterr().out
    assert "applied 0001_orders.sql" in out and "test-only-superuser" not in out   # the password never shown
    assert main(["orders", "init", admin]) == 0
    assert "nothing to apply" in capsys.readouterr().out
    assert main(["orders", "add-kiosk", "q7", "--role", f"{database}_kq7", "--db", admin]) == 0
    lines = capsys.readouterr().out.splitlines()
    password = lines[1].strip()
    assert '  kiosk_prefix = "Q7"' in lines
    with central_db.connect(pg_server.url(f"{database}_kq7", password, database)) as db:
        assert db.execute("SELECT current_user").fetchone()[0] == f"{database}_kq7"
    assert main(["orders", "add-kiosk", "Q7", "--role", f"{database}_again", "--db", admin]) == 1
    assert "Q7 is registered already" in capsys.readouterr().out


def test_the_workshop_reads_lists_marks_and_refuses_a_bom_of_another_catalog_version(central, catalog, tmp_path,
                                                                                     monkeypatch, capsys):
    kiosk_url, workshop_url = central.kiosk("W1"), central.workshop()
    _machine(monkeypatch, tmp_path / "kiosk", central_db=kiosk_url, kiosk_prefix="W1")
    store = tmp_path / "kiosk" / "orders.sqlite3"
    orders = place(store, "W1", a_design(catalog), 2)
    assert main(["orders", "sync"]) == 0
    assert "2 order(s) delivered, 0 already there, 0 refused, 0 waiting" in capsys.readouterr().out
    assert main(["order", orders[0].code]) == 0   # on the kiosk: its own store (it cannot read the central one)
    capsys.readouterr()

    _machine(monkeypatch, tmp_path / "workshop", central_db=workshop_url)
    assert main(["order", orders[0].code.lower()]) == 0
    out = capsys.readouterr().out
    assert orders[0].code in out and "813.83 EUR" in out and "status: new" in out and "warning" not in out
    assert main(["orders", "mark", orders[0].code, "received"]) == 0
    assert f"order {orders[0].code}: new -> received" in capsys.readouterr().out
    assert main(["orders", "list", "--status", "received"]) == 0
    out = capsys.readouterr().out
    assert orders[0].code in out and orders[1].code not in out and "1 order(s)" in out
    assert main(["orders", "list", "--since", "2000-01-01"]) == 0
    assert "2 order(s)" in capsys.readouterr().out
    assert main(["orders", "list", "--since", "2999-01-01"]) == 0
    assert "0 order(s)" in capsys.readouterr().out
    assert main(["orders", "list", "--status", "lost"]) == 1
    assert "a status is one of new, received, in-production, shipped" in capsys.readouterr().out
    target = tmp_path / "bom.csv"
    assert main(["order", orders[1].code, "--bom", "csv", "-o", str(target)]) == 0 and target.stat().st_size > 0

    with central_db.connect(central.admin) as db:   # an order made before the catalog changed
        db.execute("UPDATE modulor.orders SET catalog_version = '0.9.0' WHERE code = %s", (orders[1].code,))
    installed = load_catalog(SAMPLE)
    assert main(["order", orders[1].code]) == 0
    out = capsys.readouterr().out
    assert f"warning: ordered with catalog {installed.id} 0.9.0, this is {installed.id} {installed.version}" in out
    target.unlink()
    assert main(["order", orders[1].code, "--bom", "pdf", "-o", str(target)]) == 1
    out = capsys.readouterr().out
    assert (f"error: order {orders[1].code} was made with catalog {installed.id} 0.9.0, but {installed.id} "
            f"{installed.version} is installed") in out
    assert not target.exists()


def test_sealed_contacts_and_the_migration_of_old_ones(central, catalog, tmp_path, monkeypatch, capsys):
    kiosk_url, workshop_url = central.kiosk("S1"), central.workshop()
    key_file = tmp_path / "workshop" / "workshop.key"
    key_file.parent.mkdir()
    assert main(["orders", "keygen", "--out", str(key_file)]) == 0
    public = capsys.readouterr().out.split('workshop_public_key = "')[1].split('"')[0]
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert main(["orders", "keygen", "--out", str(key_file)]) == 1   # never replaced

    # A kiosk of the chain before it had the workshop's key: the contact under its own Fernet key.
    kiosk = tmp_path / "kiosk"
    _machine(monkeypatch, kiosk, central_db=kiosk_url, kiosk_prefix="S1")
    store = kiosk / "orders.sqlite3"
    old = place_order(a_design(catalog), 10, "EUR", 5, "en", store, load_chain_settings(),
                      {"name": "Ada Lovelace", "phone": "+44 1234"})
    assert old.contact_scheme == "fernet"
    # Then with it: sealed, and the kiosk cannot read it back.
    _machine(monkeypatch, kiosk, central_db=kiosk_url, kiosk_prefix="S1", workshop_public_key=public)
    new = place_order(a_design(catalog), 10, "EUR", 5, "en", store, load_chain_settings(),
                      {"name": "Grace Hopper"})
    assert new.contact_scheme == "sealed" and b"Grace" not in new.contact
    assert main(["order", new.code, "--contact"]) == 1
    assert "sealed for the workshop" in capsys.readouterr().out
    assert main(["orders", "sync"]) == 0
    capsys.readouterr()

    _machine(monkeypatch, tmp_path / "workshop", central_db=workshop_url, workshop_private_key=str(key_file))
    assert main(["order", new.code, "--contact"]) == 0
    assert "name: Grace Hopper" in capsys.readouterr().out
    assert main(["order", old.code, "--contact"]) == 1   # the kiosk's own key is not here
    capsys.readouterr()

    _machine(monkeypatch, kiosk, central_db=kiosk_url, kiosk_prefix="S1", workshop_public_key=public)
    assert main(["orders", "migrate-contacts"]) == 0
    assert "1 contact(s) resealed" in capsys.readouterr().out
    with OrderStore(store) as local:
        resealed = local.get(old.code)
        assert resealed.contact_scheme == "sealed" and local.pending_count() == 1
    with pytest.raises(ContactVaultError):   # the kiosk's own key no longer opens it
        ContactVault().decrypt(resealed.contact)
    assert main(["orders", "sync"]) == 0
    assert "0 order(s) delivered, 1 already there" in capsys.readouterr().out

    _machine(monkeypatch, tmp_path / "workshop", central_db=workshop_url, workshop_private_key=str(key_file))
    assert main(["order", old.code, "--contact"]) == 0
    out = capsys.readouterr().out
    assert "name: Ada Lovelace" in out and "phone: +44 1234" in out
    assert central.count("SELECT count(*) FROM modulor.orders WHERE contact_scheme = 'sealed'") == 2


@pytest.mark.parametrize("text, says", [
    ("central_db = 5\n", "field 'central_db': expected text"),
    ("[[[broken", "cannot be read"),
    ('central_db = "host=127.0.0.1 port=1"\nsync_interval_s = 0\n', "field 'sync_interval_s'"),
])
def test_a_broken_chain_toml_is_named_not_silently_ignored(tmp_path, monkeypatch, capsys, text, says):
    # no PostgreSQL needed: the command must say what is wrong with the file before anything else
    (tmp_path / "chain.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("MODULOR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MODULOR_CENTRAL_DB", raising=False)
    main(["orders", "sync"])
    err = capsys.readouterr().err
    assert f"warning: {tmp_path / 'chain.toml'}" in err and says in err, err
