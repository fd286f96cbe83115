"""The sender: delivers a kiosk's outbox to the central database, again and again until it is there.

The kiosk writes an order and its outbox row in one SQLite transaction
(:class:`~app.domain.showroom.order_store.OrderStore` with ``outbox=True``), so
what the customer was told is on disk whatever the network does.  The sender
(a thread in the kiosk, :class:`SenderThread`, or ``modulor orders sync`` from
cron or a systemd timer) takes due outbox rows in batches, submits each batch in
one PostgreSQL transaction (:func:`~app.domain.showroom.central_db.deliver`)
and, only after that commit, deletes the rows from the outbox.

*At least once, exactly one row*: a sender killed between the central commit and
the local delete sends the batch again next time, and the central database,
keyed by the order id, answers "duplicate" and changes nothing.  A sender killed
before the commit leaves nothing in the central database (the transaction is
rolled back) and everything still in the outbox.

While the server is unreachable the sender waits longer each time (2 s, 4 s, ...
up to a minute, with some randomness so a shop's kiosks do not all knock at
once after an outage) and the kiosk goes on taking orders.  A row the central
database refuses (say, a code prefix not registered to this kiosk) waits on its
own backoff, is logged with the reason, and never holds up the others.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.showroom import central_db
from app.domain.showroom.central_db import CentralUnavailable
from app.domain.showroom.order_store import Order, OrderNotFound, OrderStore, OrderStoreError

log = logging.getLogger("modulor.orders")

BATCH = 100
FIRST_BACKOFF_S = 2.0
MAX_BACKOFF_S = 60.0   # a kiosk knocking once a minute costs the server nothing; an order waits at most that


def backoff_s(failures: int, first: float = FIRST_BACKOFF_S, ceiling: float = MAX_BACKOFF_S,
              jitter: Callable[[], float] = random.random) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling, capped, between 75 % and 100 %."""
    if failures <= 0:
        return 0.0
    return float(min(ceiling, first * 2.0 ** (failures - 1)) * (0.75 + 0.25 * jitter()))


@dataclass
class SyncResult:
    new: int = 0          # rows the central database did not have
    duplicate: int = 0    # rows it had already (a resend): removed from the outbox all the same
    refused: int = 0      # rows it refused, kept for later
    pending: int = 0      # still in the outbox afterwards (refused ones and those not yet due)


class Sender:
    """Delivers the outbox of the store at ``store_path`` to the central database at ``conninfo``."""

    def __init__(self, store_path: Path, conninfo: str, batch: int = BATCH, durable: bool = True,
                 first_backoff_s: float = FIRST_BACKOFF_S, max_backoff_s: float = MAX_BACKOFF_S,
                 logger: logging.Logger | None = None):
        self.log = logger or log   # the kiosk passes its own, so the sender's news land in kiosk.log
        self.store_path = store_path
        self.conninfo = conninfo
        self.batch = batch
        self.durable = durable
        self.first_backoff_s = first_backoff_s
        self.max_backoff_s = max_backoff_s
        self._db: Any = None   # the open psycopg connection, kept between rounds
        self.failures = 0      # rounds in a row the server could not be reached

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connection(self) -> Any:
        if self._db is None or self._db.closed or self._db.broken:
            self.close()
            self._db = central_db.connect(self.conninfo, application_name="modulor-sender")
        return self._db

    def run_once(self, max_rounds: int | None = None) -> SyncResult:
        """Deliver every due outbox row (batch after batch); :class:`CentralUnavailable` when the server
        cannot be reached (what was delivered before that stays delivered)."""
        result = SyncResult()
        with OrderStore(self.store_path, durable=self.durable) as store:
            rounds = 0
            while max_rounds is None or rounds < max_rounds:
                rounds += 1
                due = store.pending(self.batch, now=time.time())
                if not due:
                    break
                orders: list[Order] = []
                for row in due:
                    try:
                        orders.append(store.get_by_id(row.order_id))
                    except (OrderStoreError, OrderNotFound) as exc:   # a row damaged on this disk
                        self._refuse(store, row.order_id, row.attempts, f"cannot be read here: {exc}")
                        result.refused += 1
                delivery = self._deliver(orders)
                store.mark_delivered(delivery.delivered)   # only after the central commit
                attempts = {row.order_id: row.attempts for row in due}
                for order_id, reason in delivery.refused.items():
                    self._refuse(store, order_id, attempts[order_id], reason)
                result.new += len(delivery.new)
                result.duplicate += len(delivery.duplicate)
                result.refused += len(delivery.refused)
            result.pending = store.pending_count()
        self.failures = 0
        return result

    def _deliver(self, orders: list[Order]) -> central_db.Delivery:
        """One batch; a connection kept from an earlier round that turns out dead (the server restarted)
        is replaced once at once, rather than after a backoff."""
        reused = self._db is not None
        for attempt in (1, 2):
            try:
                return central_db.deliver(self._connection(), orders)
            except CentralUnavailable:
                self.close()
                if attempt == 2 or not reused:
                    raise
        raise AssertionError("unreachable")

    def _refuse(self, store: OrderStore, order_id: str, attempts: int, reason: str) -> None:
        self.log.error("order %s not delivered (attempt %d): %s", order_id, attempts + 1, reason)
        store.mark_failed(order_id, reason,
                          time.time() + backoff_s(attempts + 1, self.first_backoff_s, self.max_backoff_s))

    def step(self, interval_s: float) -> float:
        """One delivery round with its logging; the seconds to wait before the next: ``interval_s``
        when all went well, the growing backoff when the server could not be reached."""
        try:
            result = self.run_once()
        except (CentralUnavailable, OrderStoreError, central_db.CentralDbError) as exc:
            self.failures += 1
            wait = backoff_s(self.failures, self.first_backoff_s, self.max_backoff_s)
            if isinstance(exc, CentralUnavailable):
                self.log.warning("central order database unreachable (%s); next try in %.0f s", exc, wait)
            else:
                self.log.error("outbox: %s; next try in %.0f s", exc, wait)
            return wait
        if result.new or result.refused:
            self.log.info("outbox: %d delivered, %d refused, %d waiting", result.new, result.refused, result.pending)
        return interval_s

    def run_until(self, stop: threading.Event, interval_s: float) -> None:
        """Deliver, then wait (see :meth:`step`), until ``stop`` is set: ``modulor orders sync --loop``."""
        while not stop.is_set():
            stop.wait(self.step(interval_s))
        self.close()


class SenderThread(threading.Thread):
    """The kiosk's sender: a daemon thread delivering the outbox; :meth:`wake` after each order."""

    def __init__(self, sender: Sender, interval_s: float):
        super().__init__(name="modulor-order-sender", daemon=True)
        self.sender = sender
        self.interval_s = interval_s
        self._stop_event = threading.Event()
        self._wake = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self._wake.clear()
            wait = self.sender.step(self.interval_s)
            # An order placed wakes the thread (delivered within moments when the server is up); a wake
            # during a backoff is honoured too: the customer's order is worth one more try.
            self._wake.wait(wait)
        self.sender.close()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop_event.set()
        self._wake.set()
        self.join(timeout)
