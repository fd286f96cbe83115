"""A chain's kiosk window end to end: an order placed by hand reaches the real central database.

The kiosk reads ``chain.toml`` from its data folder, draws the code in its own code space,
queues the order with it, seals the customer's contact details for the workshop, and its
sender thread delivers the order while the "thank you" screen is up.  The workshop then
reads the order and opens the contact with its private key.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.domain.design.recovery import data_dir
from app.domain.showroom.central_db import CentralOrders
from app.domain.showroom.order_store import OrderStore
from app.domain.showroom.sealed_contacts import load_private_key, unseal, write_new_key_pair
from tests.ui.kiosk_helpers import open_kiosk

pytestmark = pytest.mark.gui


def test_an_order_placed_at_a_chain_kiosk_arrives_at_the_workshop(qtbot, catalog, central, tmp_path):
    public = write_new_key_pair(tmp_path / "workshop.key")
    kiosk_url = central.kiosk("J7")
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "chain.toml").write_text(f"central_db = {json.dumps(kiosk_url)}\nkiosk_prefix = \"j7\"\n"
                                           f"workshop_public_key = \"{public}\"\nsync_interval_s = 1\n")
    window = open_kiosk(qtbot, catalog, tmp_path, collect_contact=True)
    assert window.sender is not None and window.sender.is_alive()
    preset = next(iter(window.welcome.cards))
    qtbot.mouseClick(window.welcome.cards[preset], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    qtbot.mouseClick(window.editor.finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    qtbot.keyClicks(window.summary.name_field, "Karin Larsson")
    qtbot.keyClicks(window.summary.reach_field, "karin@example.se")
    qtbot.mouseClick(window.summary.order, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done)
    code = window.done.code
    assert code.startswith("J7")
    qtbot.waitUntil(lambda: central.count() == 1, timeout=30000)   # the sender thread delivered it
    qtbot.waitUntil(lambda: "outbox: 1 delivered, 0 refused, 0 waiting" in (data_dir() / "kiosk.log").read_text())
    with OrderStore(tmp_path / "orders.sqlite3") as local:
        assert local.pending_count() == 0
        assert b"Karin" not in local.get(code).contact
    with CentralOrders(central.workshop()) as workshop:
        order = workshop.get(code)
    assert order.contact_scheme == "sealed" and order.design["catalog"]["id"] == catalog.id
    assert unseal(order.contact, load_private_key(tmp_path / "workshop.key")) == {
        "name": "Karin Larsson", "reach": "karin@example.se"}
    window.leaving = True
    window.close()
    assert not window.sender.is_alive()   # stopped with the kiosk


def test_open_order_by_code_reads_the_central_database_on_a_workshop_machine(catalog, central, tmp_path):
    from app.domain.showroom.outbox import Sender
    from app.ui.configurator.order_open import OrderOpenError, load_order
    from tests.orders.helpers import a_design, place

    kiosk_url = central.kiosk("J8")
    orders = place(tmp_path / "kiosk.sqlite3", "J8", a_design(catalog), 1)
    Sender(tmp_path / "kiosk.sqlite3", kiosk_url).run_once()
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "chain.toml").write_text(f"central_db = {json.dumps(central.workshop())}\n")
    order, design = load_order(orders[0].code.lower(), catalog)
    assert order.code == orders[0].code and order.status == "new"
    assert len(design) == len(orders[0].design["modules"])
    with pytest.raises(OrderOpenError, match="central order database"):
        load_order("0000-0000", catalog)
