"""A kiosk places an order: on its own, or as one kiosk of a chain.

The one place that decides how an order is written, so the kiosk's window stays
a widget: on a single machine the order goes into the kiosk's SQLite store with
the contact details under the kiosk's own Fernet key (as always); in a chain
(``chain.toml`` has a central database and this kiosk's prefix) the code is
drawn in the kiosk's code space, the order is queued in the outbox in the same
transaction, and the contact details are sealed for the workshop, so the kiosk
cannot read them back.  :func:`start_sender` starts the thread that delivers
the outbox while the kiosk runs.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.showroom.chain_settings import ChainSettings
from app.domain.showroom.contact_vault import ContactVault
from app.domain.showroom.order_store import Order, OrderStore
from app.domain.showroom.outbox import SenderThread

_log = logging.getLogger("modulor.orders")


def place_order(design: dict[str, Any], price_gross: Decimal, currency: str, lead_time_days: int, language: str,
                store_path: Path, chain: ChainSettings, contact: dict[str, str] | None = None,
                key_path: Path | None = None) -> Order:
    """Write the order durably (and queue it in a chain); returns it with its code."""
    typed = bool(contact) and any(v.strip() for v in (contact or {}).values())
    token, scheme = None, ""
    if typed and contact is not None:
        if chain.queues_orders and chain.workshop_public_key:
            from app.domain.showroom.sealed_contacts import public_key_from_text, seal

            token, scheme = seal(contact, public_key_from_text(chain.workshop_public_key)), "sealed"
        else:   # a single machine, or a chain kiosk without the workshop's key yet (migrate-contacts later)
            token, scheme = ContactVault(key_path).encrypt(contact), "fernet"
    prefix = chain.kiosk_prefix if chain.queues_orders else ""
    with OrderStore(store_path, prefix=prefix, outbox=chain.queues_orders) as store:
        return store.place(design, price_gross, currency, lead_time_days, language, token, scheme or None)


def start_sender(chain: ChainSettings, store_path: Path, logger: logging.Logger | None = None) -> SenderThread | None:
    """The kiosk's sender thread when this kiosk belongs to a chain (None on a single machine); its news
    and the chain settings' problems go to ``logger`` (the kiosk's)."""
    log = logger or _log
    for problem in chain.problems:
        log.error("%s", problem)
    if chain.central and not chain.kiosk_prefix:
        # A workshop machine has no prefix and sends nothing; a kiosk without one keeps its orders here.
        log.warning("chain.toml has central_db but no kiosk_prefix: this kiosk's orders stay on this machine "
                    "until it has one (modulor orders add-kiosk)")
        return None
    if not chain.queues_orders:
        return None
    from app.domain.showroom.outbox import Sender

    thread = SenderThread(Sender(store_path, chain.central_db, logger=log), chain.sync_interval_s)
    thread.start()
    return thread
