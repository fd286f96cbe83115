"""``modulor quote DESIGN -o OUT.pdf``: the customer's quote, with no display.

Loads the catalog and the design as ``modulor bom`` does (bad input: one line
per problem naming the file, entry and field, exit 1, nothing written), checks
the rules (their wall anchors are part of the price), and writes the quote in
``--language`` (en, sv, zh_CN).  ``--order CODE`` prints the order code and its
QR code on it.  The picture is rendered offscreen (EGL/OSMesa); without any
OpenGL the quote is written without it and a warning says so.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from app.cli.arguments import out_path
from app.cli.output import say

LANGUAGES = ("en", "sv", "zh_CN")


@dataclass
class Checked:
    catalog: object
    design: object
    extra: tuple


def add_parser(commands: argparse._SubParsersAction) -> None:
    quote = commands.add_parser("quote", help="write the customer's quote of a design (PDF)",
                                description="Write the quote a customer takes home: picture, sizes, a line per "
                                            "unit with its price, finishes, total with VAT, lead time, validity.")
    quote.add_argument("design", type=Path, help="a design file (.modulor.json)")
    quote.add_argument("-o", "--out", type=out_path, required=True, help="the PDF to write")
    quote.add_argument("--language", choices=LANGUAGES, default="en", help="the customer's language")
    quote.add_argument("--order", metavar="CODE", help="the design's order code (printed with its QR code)")
    quote.add_argument("--no-picture", action="store_true", help="leave out the rendered picture")
    quote.add_argument("--picture", choices=("high", "live"), default="high",
                       help="the picture's quality: high (shadows, ambient occlusion; slower) or live "
                            "(as the 3D view draws it)")


def load_checked(design_path: Path, catalog_path: Path) -> Checked | None:
    """Catalog, design and the rules' extra hardware; None (problems printed) when it cannot be made."""
    from app.domain.catalog.loader import CatalogError, load_catalog
    from app.domain.design.files import DesignFileError, load_design
    from app.domain.production.parts import value_problems
    from app.domain.rules import RulesEngine

    try:
        catalog = load_catalog(catalog_path)
        loaded = load_design(design_path, catalog)
    except (CatalogError, DesignFileError) as exc:
        say(f"error: {exc}", lines=True)
        return None
    errors = [p for p in loaded.problems if p.severity == "error"]
    for problem in loaded.problems:
        say(f"{problem.severity}: {problem}", file=sys.stdout if problem.severity == "error" else sys.stderr)
    if errors:
        say(f"{design_path}: the design has {len(errors)} problem(s)")
        return None
    wrong = value_problems(catalog, loaded.design)
    if wrong:
        for line in wrong:
            say(f"error: {design_path}: {line}")
        return None
    report = RulesEngine(catalog).check(loaded.design)
    if report.errors:
        for finding in report.errors:
            say(f"error: {design_path}: module '{finding.modules[0]}': {finding.message}")
        say(f"{design_path}: the design cannot be made as it is ({report.summary()})")
        return None
    return Checked(catalog, loaded.design, tuple(report.required_hardware()))


def picture(catalog, design, quality: str = "high") -> bytes | None:
    """The best picture the renderer makes, or None with a warning when this machine cannot render."""
    try:
        from app.ui.view.assembly_pictures import best_design_png
        from app.ui.view.offscreen_render import RenderError
    except ImportError as exc:
        say(f"warning: no picture: the renderer cannot be loaded ({exc})", file=sys.stderr)
        return None
    try:
        return best_design_png(catalog, design, quality=quality)
    except RenderError as exc:
        say(f"warning: no picture: {exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace, catalog_path: Path) -> int:
    from app.domain.production.exports import ExportError, quote_pdf
    from app.domain.production.papers.customer_quote import customer_quote
    from app.domain.production.parts import PartsError
    from app.domain.showroom.order_code import OrderCodeError, parse_code

    code = None
    if args.order:
        try:
            code = parse_code(args.order)
        except OrderCodeError as exc:
            say(f"error: --order: {exc}")
            return 1
    checked = load_checked(args.design, catalog_path)
    if checked is None:
        say(f"{args.out}: not written")
        return 1
    try:
        quote = customer_quote(checked.catalog, checked.design, checked.extra, args.language, order_code=code)
    except PartsError as exc:
        say(f"error: {args.design}: {exc}")
        return 1
    shot = None if args.no_picture else picture(checked.catalog, checked.design, args.picture)
    try:
        quote_pdf.write(args.out, quote, shot)
    except ExportError as exc:
        say(f"error: {exc}")
        return 1
    say(f"wrote {args.out}: {len(quote.lines)} unit(s), {quote.gross:.2f} {quote.currency} incl. VAT, "
        f"valid until {quote.valid_until.isoformat()}")
    return 0
