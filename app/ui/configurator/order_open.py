"""Open a kiosk order in the configurator window by its order code.

The workshop or a salesperson types the code the customer brought
(``7K2M-Q9TX``; case, spaces and dashes do not matter); a mistyped code is
caught by its check character before the store is even asked.  The window's
File menu wires it with one call::

    file_menu.addAction("Open order by code…", lambda: open_order_dialog(self))

It needs the window's ``files`` (:class:`~app.ui.configurator.file_controller.FileController`)
to ask about unsaved changes, and its ``document`` to put the design in.

The order is read where ``modulor order`` reads it
(:func:`~app.domain.showroom.order_lookup.order_source`): on a workshop machine
of a chain, the central database; otherwise this machine's kiosk store.  An
order made with another catalog version opens with a warning naming both
versions (its parts and prices are the installed catalog's, not the order's).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.design.files import DesignFileError, design_from_data, parse_design_text
from app.domain.showroom.central_db import CentralDbError
from app.domain.showroom.order_code import OrderCodeError
from app.domain.showroom.order_lookup import OrderSource, catalog_mismatch, kiosk_store_path, order_source
from app.domain.showroom.order_store import Order, OrderNotFound, OrderStoreError


class OrderOpenError(ValueError):
    """The order cannot be opened; the message says why in the user's words."""


def store_path() -> Path:
    """The kiosk's order store on this machine (from its settings, else the default)."""
    return kiosk_store_path()


def load_order(code: str, catalog: Catalog, path: Path | None = None,
               source: OrderSource | None = None) -> tuple[Order, Design]:
    """The order with ``code`` and its design, checked against ``catalog``."""
    source = source or order_source(path)
    if not source.central and source.path is not None and not source.path.is_file():
        raise OrderOpenError(f"There is no order store at {source.path}.")
    try:
        order = source.get(code)
    except OrderCodeError as exc:
        raise OrderOpenError(str(exc)) from None
    except OrderNotFound:
        raise OrderOpenError(f"There is no order {code.strip().upper()} in {source.describe()}.") from None
    except (OrderStoreError, CentralDbError) as exc:
        raise OrderOpenError(str(exc)) from None
    if order.catalog_id != catalog.id:
        raise OrderOpenError(f"Order {order.code} was made with catalog '{order.catalog_id}', "
                             f"not '{catalog.id}'.")
    return order, _design(order, catalog)


def _design(order: Order, catalog: Catalog) -> Design:
    """The stored design-file JSON through the normal design loader (migration, checks), in memory."""
    name = f"order {order.code}"
    try:
        return design_from_data(parse_design_text(json.dumps(order.design, ensure_ascii=False), name),
                                catalog, name).design
    except DesignFileError as exc:
        raise OrderOpenError(f"Order {order.code}: {exc}") from None


def open_order(window, code: str) -> Order | None:
    """Put order ``code`` into ``window``'s document (after asking about unsaved changes)."""
    try:
        order, design = load_order(code, window.document.catalog)
    except OrderOpenError as exc:
        QMessageBox.warning(window, "Open order", str(exc))
        return None
    mismatch = catalog_mismatch(order, window.document.catalog.id, window.document.catalog.version)
    if mismatch:
        QMessageBox.warning(window, "Open order", f"{mismatch[0].upper()}{mismatch[1:]}.")
    if not window.files.confirm_discard():
        return None
    design.name = f"{design.name} (order {order.code})"
    # Not marked modified: the order stays in the store as it is, so closing loses nothing; Save asks
    # where to keep a copy (the document has no path).
    window.document.replace_design(design, None)
    return order


def open_order_dialog(window: QWidget) -> Order | None:
    """Ask for a code and open its order: the File menu's "Open order by code…"."""
    code, ok = QInputDialog.getText(window, "Open order by code", "Order code (e.g. 7K2M-Q9TX):")
    if not ok or not code.strip():
        return None
    return open_order(window, code)
