"""``modulor order CODE``: the workshop reads a kiosk order; ``--bom FORMAT -o OUT`` exports it.

Needs no display.  The summary is what the customer agreed to (price and lead
time as shown at order time) and what the design is; ``--bom`` hands the stored
design to ``modulor bom``'s own export path (:func:`app.cli.bom_command.run`), so an
order's workshop files are exactly what ``modulor bom`` writes for the same
design.  ``--contact`` decrypts the contact details, if the customer left any,
with the kiosk's key (run it as the kiosk's user on the kiosk machine).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from app.cli.output import say
from app.domain.production.exports import FORMATS


def add_parser(commands: argparse._SubParsersAction) -> None:
    order = commands.add_parser(
        "order", help="show a kiosk order by its code; export its bill of materials (--bom)",
        description="Show the order a customer made at the showroom kiosk, by its code (e.g. 7K2M-Q9TX; "
                    "case, spaces and dashes do not matter). Exit 1 when the code is mistyped or unknown.")
    order.add_argument("code", help="the order code the customer was given")
    order.add_argument("--store", type=Path, help="the order store (default: the kiosk's, from its settings)")
    order.add_argument("--bom", choices=FORMATS, metavar="FORMAT",
                       help=f"write the order's bill of materials as 'modulor bom' does ({', '.join(FORMATS)})")
    order.add_argument("-o", "--out", type=Path, help="file to write with --bom")
    order.add_argument("--no-picture", action="store_true", help="pdf: leave out the rendered 3D view")
    order.add_argument("--design", type=Path, metavar="FILE", help="also save the order's design file here")
    order.add_argument("--contact", action="store_true",
                       help="show the contact details the customer left (decrypted with the kiosk's key)")


def _store_path(args: argparse.Namespace) -> Path:
    if args.store:
        return args.store
    from app.domain.showroom.kiosk_settings import SettingsError, load_settings

    try:
        return load_settings().order_store_path()
    except SettingsError:
        from app.domain.showroom.order_store import default_store_path

        return default_store_path()


def run(args: argparse.Namespace, catalog_path: Path) -> int:
    from app.domain.showroom.order_code import OrderCodeError
    from app.domain.showroom.order_store import OrderNotFound, OrderStore, OrderStoreError

    if args.bom and not args.out:
        print("error: --bom needs -o OUT, the file to write")
        return 2
    path = _store_path(args)
    if not path.is_file():
        say(f"error: {path}: no order store there (no kiosk order was ever placed with it)")
        return 1
    try:
        with OrderStore(path) as store:
            order = store.get(args.code)
    except OrderCodeError as exc:
        say(f"error: {exc}")
        return 1
    except OrderNotFound:
        say(f"error: {path}: no order {args.code.upper()}")
        return 1
    except OrderStoreError as exc:   # also DamagedOrder: a row edited into nonsense, column named
        say(f"error: {exc}")
        return 1
    for line in _summary(order, catalog_path):
        say(line)
    if args.contact:
        code = _print_contact(order)
        if code:
            return code
    if args.design:
        from app.domain import atomic_files

        atomic_files.write_text(args.design, json.dumps(order.design, indent=2, ensure_ascii=False) + "\n")
        say(f"wrote {args.design}")
    if not args.bom:
        return 0
    from app.cli.bom_command import run as run_bom

    with tempfile.TemporaryDirectory(prefix="modulor-order-") as folder:
        design_file = Path(folder) / f"{order.code}.modulor.json"
        design_file.write_text(json.dumps(order.design, ensure_ascii=False), encoding="utf-8")
        bom_args = argparse.Namespace(design=design_file, format=args.bom, out=args.out, no_picture=args.no_picture)
        return run_bom(bom_args, catalog_path)


def _summary(order, catalog_path: Path) -> list[str]:
    lines = [f"order {order.code}, placed {order.created_at.astimezone().strftime('%Y-%m-%d %H:%M %Z')}"
             f"{f' (kiosk language {order.language})' if order.language else ''}",
             f"  design: {order.design.get('name', '')!r}, {len(order.design.get('modules', []))} module(s), "
             f"catalog {order.catalog_id} {order.catalog_version}",
             f"  price as shown: {order.price_gross:.2f} {order.currency} incl. VAT, "
             f"lead time {order.lead_time_days} days"]
    lines.append(f"  contact: {'left by the customer (encrypted; show with --contact)' if order.contact else 'none'}")
    try:
        from app.domain.catalog.loader import CatalogError, load_catalog

        catalog = load_catalog(catalog_path)
    except CatalogError:
        return lines
    if (catalog.id, catalog.version) != (order.catalog_id, order.catalog_version):
        lines.append(f"  warning: ordered with catalog {order.catalog_id} {order.catalog_version}, "
                     f"this is {catalog.id} {catalog.version}")
    counts: dict[str, int] = {}
    for module in order.design.get("modules", []):
        name = catalog.modules[module["type"]].name if module.get("type") in catalog.modules else module.get("type")
        counts[name] = counts.get(name, 0) + 1
    lines.append("  modules: " + ", ".join(f"{n} x {name}" for name, n in counts.items()))
    return lines


def _print_contact(order) -> int:
    if not order.contact:
        say("  no contact details were left")
        return 0
    from app.domain.showroom.contact_vault import ContactVault, ContactVaultError

    try:
        contact = ContactVault().decrypt(order.contact)
    except ContactVaultError as exc:
        say(f"error: {exc}")
        return 1
    for key, value in contact.items():   # typed by the customer at the kiosk
        say(f"  {key}: {value}")
    return 0
