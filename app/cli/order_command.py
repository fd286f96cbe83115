"""``modulor order CODE``: the workshop reads a kiosk order; ``--bom FORMAT -o OUT`` exports it.

Needs no display.  The summary is what the customer agreed to (price and lead
time as shown at order time) and what the design is; ``--bom`` hands the stored
design to ``modulor bom``'s own export path (:func:`app.cli.bom_command.run`), so an
order's workshop files are exactly what ``modulor bom`` writes for the same
design, with the order's reference (code, the ``--customer`` name when given, the
date it was placed) on every paper: PDF cover and headers, XLSX page headers,
the saw lists' order columns, every label.  ``--contact`` decrypts the contact details, if the customer left any,
with the kiosk's key (run it as the kiosk's user on the kiosk machine) or, for a
chain's sealed contacts, with the workshop's private key.

Where the order is read: :func:`app.domain.showroom.order_lookup.order_source`
(``--store``, ``--db``, else a workshop's chain.toml means the central database,
else the kiosk's own store).  An order made with another catalog version than
the installed one is shown with a warning, but its bill of materials is refused,
naming the version it needs and the one installed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from app.cli.arguments import out_path
from app.cli.output import say
from app.domain.production.exports import FORMATS


def add_parser(commands: argparse._SubParsersAction) -> None:
    order = commands.add_parser(
        "order", help="show a kiosk order by its code; export its bill of materials (--bom)",
        description="Show the order a customer made at the showroom kiosk, by its code (e.g. 7K2M-Q9TX; "
                    "case, spaces and dashes do not matter). Exit 1 when the code is mistyped or unknown.")
    order.add_argument("code", help="the order code the customer was given")
    order.add_argument("--store", type=Path, help="the order store (default: the kiosk's, from its settings)")
    order.add_argument("--db", help="read from this central order database (default: chain.toml on a workshop "
                                    "machine; docs/orders.md)")
    order.add_argument("--bom", choices=FORMATS, metavar="FORMAT",
                       help=f"write the order's bill of materials as 'modulor bom' does ({', '.join(FORMATS)})")
    order.add_argument("-o", "--out", type=out_path, help="file to write with --bom")
    order.add_argument("--no-picture", action="store_true", help="pdf: leave out the rendered 3D view")
    order.add_argument("--customer", metavar="NAME", default="",
                       help="--bom: the customer's name on the papers (the kiosk keeps it encrypted: see --contact)")
    order.add_argument("--label-stock", metavar="SIZE", help="--bom labels or zpl: the label size (see 'modulor bom')")
    order.add_argument("--design", type=Path, metavar="FILE", help="also save the order's design file here")
    order.add_argument("--contact", action="store_true",
                       help="show the contact details the customer left (decrypted with the kiosk's key, or "
                            "the workshop's private key for a chain's sealed ones)")
    order.add_argument("--key", type=Path, help="--contact: the workshop's private key file (default: chain.toml)")


def run(args: argparse.Namespace, catalog_path: Path) -> int:
    from app.domain.showroom.central_db import CentralDbError
    from app.domain.showroom.order_code import OrderCodeError
    from app.domain.showroom.order_lookup import catalog_mismatch, order_source
    from app.domain.showroom.order_store import OrderNotFound, OrderStoreError

    if args.bom and not args.out:
        print("error: --bom needs -o OUT, the file to write")
        return 2
    source = order_source(args.store, args.db)
    try:
        order = source.get(args.code)
    except OrderCodeError as exc:
        say(f"error: {exc}")
        return 1
    except OrderNotFound:
        say(f"error: {source.describe()}: no order {args.code.upper()}")
        return 1
    except (OrderStoreError, CentralDbError) as exc:   # also DamagedOrder: a row edited into nonsense, column named
        say(f"error: {exc}")
        return 1
    catalog = _installed_catalog(catalog_path)
    for line in _summary(order, catalog):
        say(line)
    if args.contact:
        code = _print_contact(order, args.key)
        if code:
            return code
    if args.design:
        from app.domain import atomic_files

        atomic_files.write_text(args.design, json.dumps(order.design, indent=2, ensure_ascii=False) + "\n")
        say(f"wrote {args.design}")
    if not args.bom:
        return 0
    # Workshop output only from the catalog the order was made with (papers and --bom alike).
    mismatch = catalog_mismatch(order, catalog.id, catalog.version) if catalog is not None else \
        f"the catalog at {catalog_path} cannot be loaded, so order {order.code}'s bill of materials cannot be made"
    if mismatch:
        say(f"error: {mismatch}")
        return 1
    from app.cli.bom_command import run as run_bom
    from app.domain import atomic_files

    with tempfile.TemporaryDirectory(prefix="modulor-order-") as folder:
        design_file = Path(folder) / f"{order.code}.modulor.json"
        atomic_files.write_text(design_file, json.dumps(order.design, ensure_ascii=False))   # the one write rule
        bom_args = argparse.Namespace(design=design_file, format=args.bom, out=args.out, no_picture=args.no_picture,
                                      reference=_reference(order, args.customer), label_stock=args.label_stock,
                                      layers=None)
        return run_bom(bom_args, catalog_path)


def _reference(order, customer: str):
    """What every paper of the order prints: its code, the customer's name if given, the day it was placed."""
    from app.domain.production.exports.reference import OrderReference

    return OrderReference(order.code, customer, order.created_at.astimezone().date())


def _installed_catalog(catalog_path: Path):
    from app.domain.catalog.loader import CatalogError, load_catalog

    try:
        return load_catalog(catalog_path)
    except CatalogError:
        return None


def _summary(order, catalog) -> list[str]:
    lines = [f"order {order.code}, placed {order.created_at.astimezone().strftime('%Y-%m-%d %H:%M %Z')}"
             f"{f' (kiosk language {order.language})' if order.language else ''}",
             f"  design: {order.design.get('name', '')!r}, {len(order.design.get('modules', []))} module(s), "
             f"catalog {order.catalog_id} {order.catalog_version}",
             f"  price as shown: {order.price_gross:.2f} {order.currency} incl. VAT, "
             f"lead time {order.lead_time_days} days"]
    if order.status:
        lines.append(f"  status: {order.status.replace('_', '-')}")
    lines.append(f"  contact: {'left by the customer (encrypted; show with --contact)' if order.contact else 'none'}")
    if catalog is None:
        return lines
    if (catalog.id, catalog.version) != (order.catalog_id, order.catalog_version):
        lines.append(f"  warning: ordered with catalog {order.catalog_id} {order.catalog_version}, "
                     f"this is {catalog.id} {catalog.version} (no bill of materials from it)")
    counts: dict[str, int] = {}
    for module in order.design.get("modules", []):
        name = catalog.modules[module["type"]].name if module.get("type") in catalog.modules else module.get("type")
        counts[name] = counts.get(name, 0) + 1
    lines.append("  modules: " + ", ".join(f"{n} x {name}" for name, n in counts.items()))
    return lines


def _print_contact(order, key: Path | None) -> int:
    if not order.contact:
        say("  no contact details were left")
        return 0
    from app.domain.showroom.contact_vault import ContactVault, ContactVaultError
    from app.domain.showroom.sealed_contacts import SealedContactError, load_private_key, unseal

    try:
        if order.contact_scheme == "sealed":
            if key is None:
                from app.domain.showroom.chain_settings import load_chain_settings

                private = load_chain_settings().workshop_private_key
                if not private:
                    say("error: the contact details are sealed for the workshop: give its private key with --key "
                        "or workshop_private_key in chain.toml")
                    return 1
                key = Path(private).expanduser()
            contact = unseal(order.contact, load_private_key(key), f"order {order.code}")
        else:
            contact = ContactVault().decrypt(order.contact)
    except (ContactVaultError, SealedContactError) as exc:
        say(f"error: {exc}")
        return 1
    for key, value in contact.items():   # typed by the customer at the kiosk
        say(f"  {key}: {value}")
    return 0
