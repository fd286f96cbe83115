"""``modulor orders ...``: the chain's central order database (docs/orders.md).

Set-up (as the database's administrator): ``init`` creates or updates the schema,
roles and grants; ``add-kiosk`` and ``add-workshop`` make a login for one kiosk
(with its code prefix) or one workshop; ``keygen`` makes the workshop's key pair
for contact details.  A kiosk: ``sync`` delivers its outbox (cron, a systemd
timer, or ``--loop`` as a service); ``migrate-contacts`` reseals contact details
stored the single-machine way for the workshop.  The workshop: ``list`` shows
the queue, ``mark`` sets an order's status.  Connection strings come from
``--db``, ``MODULOR_CENTRAL_DB`` or ``chain.toml``; passwords from libpq's
``~/.pgpass`` or ``PGPASSWORD``, never from the command line in production.
Needs no display.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
from datetime import datetime
from pathlib import Path

from app.cli.output import say


def add_parser(commands: argparse._SubParsersAction) -> None:
    orders = commands.add_parser("orders", help="the chain's central order database: set up, sync, list, mark",
                                 description="The central order database on PostgreSQL (docs/orders.md). Without "
                                             "it, orders stay in each kiosk's own SQLite file.")
    actions = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create or update the schema, roles and grants (administrator)")
    init.add_argument("url", nargs="?", help="the administrator's connection string (postgresql://...); "
                                             "default: MODULOR_CENTRAL_DB or chain.toml")

    kiosk = actions.add_parser("add-kiosk", help="make a kiosk's login and register its code prefix (administrator)")
    kiosk.add_argument("prefix", help="the kiosk's two-symbol code prefix, e.g. K3 (unique in the chain)")
    kiosk.add_argument("--role", help="its database role (default: modulor_kiosk_<prefix>)")
    kiosk.add_argument("--note", default="", help="where the kiosk stands, for the register")
    kiosk.add_argument("--db", help="the administrator's connection string")

    workshop = actions.add_parser("add-workshop", help="make a workshop login (administrator)")
    workshop.add_argument("role", help="its database role, e.g. workshop_north")
    workshop.add_argument("--db", help="the administrator's connection string")

    keygen = actions.add_parser("keygen", help="make the workshop's key pair for contact details")
    keygen.add_argument("--out", type=Path, required=True, help="file for the private key (0600; never replaced)")

    sync = actions.add_parser("sync", help="deliver this kiosk's outbox to the central database (exit 1: some wait)")
    sync.add_argument("--store", type=Path, help="the kiosk's order store (default: from its settings)")
    sync.add_argument("--db", help="the kiosk's connection string (default: MODULOR_CENTRAL_DB or chain.toml)")
    sync.add_argument("--batch", type=int, default=100, help="orders per transaction (default 100)")
    sync.add_argument("--loop", action="store_true", help="keep delivering (a service), with backoff when offline")
    sync.add_argument("--interval", type=float, help="--loop: seconds between rounds (default: chain.toml's)")

    listing = actions.add_parser("list", help="the workshop's queue of orders")
    listing.add_argument("--since", help="only orders made on or after this date (YYYY-MM-DD, or a full ISO time)")
    listing.add_argument("--status", help="only orders with this status (new, received, in-production, shipped)")
    listing.add_argument("--db", help="the workshop's connection string")

    mark = actions.add_parser("mark", help="set an order's status (received, in-production, shipped)")
    mark.add_argument("code")
    mark.add_argument("status")
    mark.add_argument("--db", help="the workshop's connection string")

    migrate = actions.add_parser("migrate-contacts",
                                 help="reseal contact details kept under this kiosk's own key for the workshop")
    migrate.add_argument("--store", type=Path, help="the kiosk's order store (default: from its settings)")


def kiosk_store_path() -> Path:
    from app.domain.showroom.order_lookup import kiosk_store_path as path

    return path()


def central_url(given: str | None) -> str:
    """``--db``, else the chain settings (``MODULOR_CENTRAL_DB`` or chain.toml); '' when none."""
    if given:
        return given
    from app.domain.showroom.chain_settings import load_chain_settings

    return load_chain_settings().central_db


def run(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import CentralDbError
    from app.domain.showroom.order_code import OrderCodeError
    from app.domain.showroom.order_store import OrderNotFound, OrderStoreError
    from app.domain.showroom.sealed_contacts import SealedContactError

    actions = {"init": _init, "add-kiosk": _add_kiosk, "add-workshop": _add_workshop, "keygen": _keygen,
               "sync": _sync, "list": _list, "mark": _mark, "migrate-contacts": _migrate_contacts}
    from app.domain.showroom.chain_settings import load_chain_settings

    for problem in load_chain_settings().problems:   # else a broken chain.toml reads as "no central database"
        say(f"warning: {problem}", file=sys.stderr)
    try:
        return actions[args.orders_command](args)
    except (CentralDbError, OrderStoreError, OrderCodeError, SealedContactError) as exc:
        say(f"error: {exc}")
        return 1
    except OrderNotFound as exc:
        say(f"error: no order {exc.args[0]} in the central database")
        return 1
    except FileExistsError as exc:
        say(f"error: {exc.filename}: exists already; a key is never replaced")
        return 1


def _need_url(given: str | None, who: str) -> str:
    from app.domain.showroom.central_db import CentralDbError

    url = central_url(given)
    if not url:
        raise CentralDbError(f"no central database: give {who}'s connection string with --db, "
                             "MODULOR_CENTRAL_DB or central_db in chain.toml (docs/orders.md)")
    return url


def _init(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import migrate, safe_conninfo

    url = _need_url(args.url, "the administrator")
    applied = migrate(url)
    for name in applied:
        say(f"applied {name}")
    say(f"{safe_conninfo(url)}: the order schema is up to date"
        f"{'' if applied else ' (nothing to apply)'}")
    return 0


def _add_kiosk(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import KIOSK_GROUP, add_login
    from app.domain.showroom.order_code import check_prefix

    prefix = check_prefix(args.prefix)
    role = args.role or f"modulor_kiosk_{prefix.lower()}"
    password = add_login(_need_url(args.db, "the administrator"), role, KIOSK_GROUP, kiosk_prefix=prefix,
                         note=args.note)
    say(f"kiosk {prefix}: database role {role}, password (shown once, put it in the kiosk user's ~/.pgpass):")
    say(f"  {password}")
    say("in the kiosk's chain.toml:")
    say(f'  central_db = "host=... dbname=... user={role} sslmode=verify-full"')
    say(f'  kiosk_prefix = "{prefix}"')
    return 0


def _add_workshop(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import WORKSHOP_GROUP, add_login

    password = add_login(_need_url(args.db, "the administrator"), args.role, WORKSHOP_GROUP)
    say(f"workshop login {args.role}, password (shown once, put it in ~/.pgpass): {password}")
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from app.domain.showroom.sealed_contacts import write_new_key_pair

    public = write_new_key_pair(args.out)
    say(f"wrote {args.out} (the private key: keep it on the workshop's machine only, and back it up)")
    say(f'every kiosk\'s chain.toml: workshop_public_key = "{public}"')
    return 0


def _sync(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import CentralUnavailable
    from app.domain.showroom.chain_settings import load_chain_settings
    from app.domain.showroom.outbox import Sender

    chain = load_chain_settings()
    url = _need_url(args.db, "the kiosk")
    path = args.store or kiosk_store_path()
    if not path.is_file():
        say(f"{path}: no order store yet; nothing to deliver")
        return 0
    sender = Sender(path, url, batch=max(1, args.batch))
    if args.loop:
        import logging
        import signal

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):   # Ctrl+C in a terminal: stop as SIGTERM does
            sender.run_until(stop, args.interval or chain.sync_interval_s)
        return 0
    try:
        result = sender.run_once()
    except CentralUnavailable as exc:
        say(f"error: the central database cannot be reached: {exc}; the orders wait in {path}")
        return 1
    finally:
        sender.close()
    say(f"{result.new} order(s) delivered, {result.duplicate} already there, {result.refused} refused, "
        f"{result.pending} waiting")
    return 1 if result.pending else 0


def _parse_since(text: str) -> datetime:
    from app.domain.showroom.central_db import CentralDbError

    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CentralDbError(f"--since '{text}': expected a date such as 2026-12-01") from None
    return when if when.tzinfo else when.astimezone()   # a plain date is local midnight


def _list(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import CentralOrders, normalise_status

    since = _parse_since(args.since) if args.since else None
    status = normalise_status(args.status) if args.status else None
    with CentralOrders(_need_url(args.db, "the workshop")) as central:
        rows = central.queue(since, status)
    for row in rows:
        say(f"{row.code}  {row.created_at.astimezone().strftime('%Y-%m-%d %H:%M')}  kiosk {row.kiosk_prefix}  "
            f"{row.status.replace('_', '-'):<13}  {row.price_gross:>10.2f} {row.currency}  {row.catalog}")
    say(f"{len(rows)} order(s)")
    return 0


def _mark(args: argparse.Namespace) -> int:
    from app.domain.showroom.central_db import CentralOrders, normalise_status

    status = normalise_status(args.status)
    with CentralOrders(_need_url(args.db, "the workshop")) as central:
        before = central.set_status(args.code, status)
    say(f"order {args.code.upper()}: {before.replace('_', '-')} -> {status.replace('_', '-')}")
    return 0


def _migrate_contacts(args: argparse.Namespace) -> int:
    from app.domain.showroom.chain_settings import load_chain_settings
    from app.domain.showroom.contact_vault import ContactVault
    from app.domain.showroom.order_store import OrderStore
    from app.domain.showroom.sealed_contacts import SealedContactError, public_key_from_text, seal

    chain = load_chain_settings()
    if not chain.workshop_public_key:
        raise SealedContactError("chain.toml has no workshop_public_key to seal the contact details with")
    public = public_key_from_text(chain.workshop_public_key)
    path = args.store or kiosk_store_path()
    vault = ContactVault()
    with OrderStore(path, outbox=chain.queues_orders) as store:
        tokens = store.fernet_contacts()
        for order_id, token in tokens:
            # Decrypted only in memory, sealed, written back in one transaction (queued again for the central copy).
            store.replace_contact(order_id, seal(vault.decrypt(token), public), "sealed")
    say(f"{path}: {len(tokens)} contact(s) resealed for the workshop"
        f"{'; run modulor orders sync to update the central copies' if tokens and chain.queues_orders else ''}")
    if tokens:
        say(f"this kiosk can no longer read them; {vault.key_path} may be deleted once no other store needs it")
    return 0
