"""``modulor bom DESIGN --format csv|xlsx|pdf|json|glb|labels|zpl|saw-csv|... -o OUT``: workshop files, no display.

Loads the catalog and the design, builds the bill of materials and writes one
format.  Bad input never ends in a traceback: one line per problem (naming the
file, the entry, the field) and exit status 1, with nothing written.  Only the
PDF's cover picture needs the 3D renderer; it is imported here, lazily, and a
machine without any OpenGL still gets its PDF (without the picture, with a
warning).

``--order CODE`` (with ``--customer`` and ``--order-date``) prints an order's
reference on every paper; ``modulor order CODE --bom ...`` passes the kiosk
order's own (``args.reference``, an OrderReference).  ``--label-stock`` picks the
label size for ``labels`` and ``zpl``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import out_path
from app.cli.output import say
from app.domain.production.cutlist import ORDER_NESTING_SECONDS
from app.domain.production.exports import FORMATS

if TYPE_CHECKING:
    from app.domain.production.exports.reference import OrderReference


NESTING_SECONDS = ORDER_NESTING_SECONDS
MAX_NESTING_SECONDS = 3600.0   # an hour: the most a workshop waits for one order's sheets


def add_parser(commands: argparse._SubParsersAction) -> None:
    bom = commands.add_parser(
        "bom", help="write the bill of materials, cut list, price, part labels and saw lists of a design",
        description="Write a design's bill of materials, nested cut list, price and lead time for the workshop. "
                    "csv writes OUT (CutList Optimizer columns) and OUT-parts.csv (every part column).")
    bom.add_argument("design", type=Path, help="a design file (.modulor.json)")
    bom.add_argument("-f", "--format", choices=FORMATS, help="output format (default: from OUT's suffix)")
    bom.add_argument("-o", "--out", type=out_path, required=True, help="file to write")
    bom.add_argument("--no-picture", action="store_true", help="pdf: leave out the rendered 3D view")
    bom.add_argument("--label-stock", metavar="SIZE",
                     help="labels: 70x37 (default, 24 per A4), 105x48 or 105x74; zpl: 4x2 (default) or 4x3 inches")
    bom.add_argument("--order", metavar="CODE", help="print this order code on every paper (letters, digits, '-')")
    bom.add_argument("--customer", metavar="NAME", default="", help="with --order: the customer's name")
    bom.add_argument("--order-date", metavar="YYYY-MM-DD", help="with --order: the date the order was placed")
    bom.add_argument("--layers", metavar="TEMPLATE",
                     help="dxf: the layer-name template of machining.toml [layers] (default: its layer_template)")
    bom.add_argument("--nesting-seconds", metavar="S", type=_nesting_seconds, default=NESTING_SECONDS,
                     help=f"time the nesting may spend looking for fewer sheets, for the whole order "
                          f"(default {NESTING_SECONDS:g}; 0: the quick layouts only; at most "
                          f"{MAX_NESTING_SECONDS:g})")


def _nesting_seconds(text: str) -> float:
    """A finite budget: 'inf' or 1e12 would let the column generation run for as long as it finds columns."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= MAX_NESTING_SECONDS:   # also refuses nan
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 to {MAX_NESTING_SECONDS:g} seconds")
    return value


def _error(message: str) -> int:
    say(f"error: {message}")
    return 1


def _reference(args: argparse.Namespace) -> OrderReference | None:
    """The order the papers belong to: the caller's (``modulor order``), from --order, or None."""
    from datetime import date

    from app.domain.production.exports.reference import OrderReference

    given = getattr(args, "reference", None)
    if given is not None or not getattr(args, "order", None):
        if getattr(args, "customer", "") or getattr(args, "order_date", None):
            raise ValueError("--customer and --order-date need --order CODE")
        return given
    try:
        placed = date.fromisoformat(args.order_date) if args.order_date else None
    except ValueError:
        raise ValueError(f"--order-date {args.order_date!r} is not a date (YYYY-MM-DD)") from None
    return OrderReference(args.order, args.customer or "", placed)


def _label_options(fmt: str, args: argparse.Namespace) -> dict[str, str]:
    stock = getattr(args, "label_stock", None)
    return {"label_stock": stock} if stock and fmt in ("labels", "zpl") else {}


def run(args: argparse.Namespace, catalog_path: Path) -> int:
    from app.domain.catalog.loader import CatalogError, load_catalog
    from app.domain.design.files import DesignFileError, load_design
    from app.domain.production.bom import BomError, build_bom
    from app.domain.production.exports import ExportError, format_for, write_export
    from app.domain.production.parts import value_problems
    from app.domain.rules import RulesEngine

    fmt = args.format or format_for(args.out)
    if fmt is None:
        return _error(f"{args.out}: say which format with --format ({', '.join(FORMATS)}), "
                      f"or give OUT one of those suffixes")
    try:
        reference = _reference(args)
    except ValueError as exc:   # also OrderReferenceError: a code a label printer would misread
        return _error(str(exc))
    try:
        catalog = load_catalog(catalog_path)
        loaded = load_design(args.design, catalog)
    except (CatalogError, DesignFileError) as exc:
        say(f"error: {exc}", lines=True)   # a catalog's problems are one a line
        return 1
    errors = [p for p in loaded.problems if p.severity == "error"]
    for problem in loaded.problems:
        say(f"{problem.severity}: {problem}", file=sys.stdout if problem.severity == "error" else sys.stderr)
    if errors:
        say(f"{args.design}: not written: the design has {len(errors)} problem(s)")
        return 1
    wrong = value_problems(catalog, loaded.design)   # values a formula cannot use: name each field
    if wrong:
        for line in wrong:
            say(f"error: {args.design}: {line}")
        return 1
    report = RulesEngine(catalog).check(loaded.design)
    for finding in report.findings:   # what the rules say goes to the workshop too; errors stop it
        say(f"{finding.severity}: {args.design}: module '{finding.modules[0]}': {finding.message}",
              file=sys.stdout if finding.severity == "error" else sys.stderr)
    if report.errors:
        say(f"{args.out}: not written: the design cannot be made as it is ({report.summary()})")
        return 1
    try:
        bom = build_bom(catalog, loaded.design, extra_hardware=report.required_hardware(),
                        optimise_s=max(0.0, getattr(args, "nesting_seconds", NESTING_SECONDS)))
    except BomError as exc:
        for line in exc.lines:
            say(f"error: {args.design}: {line}")
        return 1
    stop = False
    for problem in bom.problems:
        say(f"{problem.severity}: {args.design}: {problem.entry}: {problem.message}",
              file=sys.stdout if problem.severity == "error" else sys.stderr)
        stop = stop or problem.severity == "error"
    if stop:
        say(f"{args.out}: not written: the design cannot be made as it is")
        return 1
    picture = _picture(catalog, loaded.design) if fmt == "pdf" and not args.no_picture else None
    try:
        # dxf: OUT is a folder of part files (`modulor order --bom dxf` has no --layers: the catalog's default)
        options = {"layers": getattr(args, "layers", None)} if fmt == "dxf" else {}
        options.update(_label_options(fmt, args))
        written = write_export(fmt, args.out, catalog, loaded.design, bom, picture, reference, **options)
    except ExportError as exc:
        return _error(str(exc))
    except Exception as exc:  # a writer library's own failure: still one line, never a traceback
        return _error(f"cannot write {args.out}: {type(exc).__name__}: {exc}")
    q = bom.quote
    sheets = sum(s.cut.sheet_count for s in bom.stocks)
    shown = ", ".join(str(p) for p in written) if len(written) <= 4 else f"{len(written)} files in {args.out}"
    say(f"wrote {shown}: {bom.design_id}, {sum(p.qty for p in bom.parts)} parts "
          f"on {sheets} sheet(s), {q.price_gross:.2f} {q.currency} incl. VAT, lead time {q.lead_time_days} days")
    return 0


def _picture(catalog, design) -> bytes | None:
    """The cover picture, or None with a warning when this machine cannot render."""
    try:
        from app.ui.view.offscreen_render import RenderError, render_design_png
    except ImportError as exc:
        say(f"warning: the PDF has no 3D picture: the renderer cannot be loaded ({exc})", file=sys.stderr)
        return None
    try:
        return render_design_png(catalog, design)
    except RenderError as exc:
        say(f"warning: the PDF has no 3D picture: {exc}", file=sys.stderr)
        return None
