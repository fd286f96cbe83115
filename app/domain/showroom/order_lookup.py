"""Where the workshop reads an order: the kiosk's own store, or the chain's central database.

One rule for ``modulor order CODE`` and the configurator's File > Open order by
code: an explicit store file wins; then an explicit connection string; then the
machine's ``chain.toml``: a central database *without* a kiosk prefix is a
workshop machine, which reads the central database; a kiosk (with a prefix)
and a single machine read their own SQLite store.

Also the one check every workshop output of an order goes through: an order is
made from the catalog version it was designed with, and a bill of materials or
workshop papers made from another version would not be what the customer
ordered (:func:`catalog_mismatch`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.showroom.chain_settings import load_chain_settings
from app.domain.showroom.kiosk_settings import SettingsError, load_settings
from app.domain.showroom.order_store import Order, OrderStore, OrderStoreError, default_store_path


@dataclass(frozen=True)
class OrderSource:
    """A store file (``path``) or a central database (``conninfo``)."""
    path: Path | None = None
    conninfo: str = ""

    @property
    def central(self) -> bool:
        return bool(self.conninfo)

    def describe(self) -> str:
        if self.central:
            from app.domain.showroom.central_db import safe_conninfo

            return f"the central order database ({safe_conninfo(self.conninfo)})"
        return str(self.path)

    def get(self, code: str) -> Order:
        """The order (OrderCodeError when mistyped, OrderNotFound, OrderStoreError or CentralDbError)."""
        if self.central:
            from app.domain.showroom.central_db import CentralOrders

            with CentralOrders(self.conninfo) as orders:
                return orders.get(code)
        assert self.path is not None
        if not self.path.is_file():
            raise OrderStoreError(f"{self.path}: no order store there (no kiosk order was ever placed with it)")
        with OrderStore(self.path) as store:
            return store.get(code)


def kiosk_store_path() -> Path:
    """This machine's kiosk store (its settings, else the default)."""
    try:
        return load_settings().order_store_path()
    except SettingsError:
        return default_store_path()


def order_source(store: Path | None = None, conninfo: str | None = None) -> OrderSource:
    if store is not None:
        return OrderSource(path=store)
    if conninfo:
        return OrderSource(conninfo=conninfo)
    chain = load_chain_settings()
    if chain.central and not chain.kiosk_prefix:
        return OrderSource(conninfo=chain.central_db)
    return OrderSource(path=kiosk_store_path())


def catalog_mismatch(order: Order, catalog_id: str, catalog_version: str) -> str:
    """Why the installed catalog cannot make this order's workshop output ('' when it can)."""
    if (order.catalog_id, order.catalog_version) == (catalog_id, catalog_version):
        return ""
    return (f"order {order.code} was made with catalog {order.catalog_id} {order.catalog_version}, but "
            f"{catalog_id} {catalog_version} is installed: its parts, prices and papers would not be what the "
            f"customer ordered; install catalog {order.catalog_id} {order.catalog_version} (or point --catalog "
            "at it) to make them")

