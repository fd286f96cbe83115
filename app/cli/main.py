"""Command line: ``modulor`` and ``python main.py`` start here.

Without a subcommand the desktop app opens on the bundled catalog.  Subcommands
that need no display (catalog checks, schemas, design inspection) never import
Qt or VTK, so they run on a build server or a workshop PC without a screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__
from app.cli.output import say

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_CATALOGS = PROJECT_ROOT / "catalogs"


def default_catalog() -> Path:
    """The first bundled catalog folder (the sample system)."""
    from app.domain.catalog.loader import find_catalogs

    found = find_catalogs(BUNDLED_CATALOGS)
    return found[0] if found else BUNDLED_CATALOGS / "linea"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="modulor",
        description="Modulor: design modular furniture in live 3D; check catalogs and designs.",
        epilog="Without a command, the configurator window opens on the bundled catalog.",
    )
    parser.add_argument("--version", action="version", version=f"modulor {__version__}")
    parser.add_argument("--catalog", type=Path, help="catalog folder to open (default: the bundled sample)")
    parser.add_argument("--kiosk", action="store_true", help="start the showroom kiosk (same as 'modulor kiosk')")
    commands = parser.add_subparsers(dest="command", title="modes and commands", metavar="COMMAND")

    run = commands.add_parser("run", help="open the desktop configurator window (the default)")
    run.add_argument("design", nargs="?", type=Path, help="a design file to open")

    browse = commands.add_parser("browse", help="open the catalog browser: module types, presets, left-out entries")
    browse.add_argument("design", nargs="?", type=Path, help="a design file to show")

    catalog = commands.add_parser("catalog", help="check catalogs, write their JSON Schemas")
    catalog_cmds = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    check = catalog_cmds.add_parser("check", help="load catalogs and check every mesh they use (exit 1 on problems)")
    check.add_argument("path", nargs="?", type=Path, default=BUNDLED_CATALOGS,
                       help="a catalog folder or a folder of catalogs (default: catalogs/)")
    check.add_argument("--models", type=Path, help="models folder (default: models3d/ beside catalogs/)")
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    schema = catalog_cmds.add_parser("schema", help="write the catalog files' JSON Schemas for editors")
    schema.add_argument("--out", type=Path, default=BUNDLED_CATALOGS / "schema", help="output folder")
    schema.add_argument("--check", action="store_true", help="only report whether the written schemas are current")

    design = commands.add_parser("design", help="inspect design files")
    design_cmds = design.add_subparsers(dest="design_command", metavar="ACTION", required=True)
    info = design_cmds.add_parser("check", help="load a design file and report what it holds or why it is refused")
    info.add_argument("file", type=Path)
    _add_mesh_commands(commands)
    from app.cli.bom_command import add_parser as add_bom_parser  # `modulor bom`: workshop files (issue 5)

    add_bom_parser(commands)
    from app.cli.kiosk_command import add_parser as add_kiosk_parser  # `modulor kiosk` (issue 6)
    from app.cli.order_command import add_parser as add_order_parser  # `modulor order CODE` (issue 6)
    from app.cli.orders_command import add_parser as add_orders_parser  # `modulor orders ...` (issue 18)

    add_kiosk_parser(commands)
    add_order_parser(commands)
    add_orders_parser(commands)
    from app.cli.assembly_command import add_parser as add_assembly_parser  # `modulor assembly` (issue 16)
    from app.cli.quote_command import add_parser as add_quote_parser  # `modulor quote`: customer's quote (issue 16)

    add_quote_parser(commands)
    add_assembly_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "catalog":
        return _catalog_command(args)
    if args.command == "design":
        return _design_check(args)
    if args.command == "mesh":
        return _mesh_check(args)
    if args.command == "bom":
        from app.cli.bom_command import run as run_bom

        return run_bom(args, args.catalog or default_catalog())
    if args.command == "kiosk" or (args.kiosk and args.command is None):   # issue 6
        from app.cli.kiosk_command import run as run_kiosk_command

        return run_kiosk_command(args, args.catalog or default_catalog())
    if args.command in ("quote", "assembly"):   # issue 16: the customer's papers, no display
        from app.cli.assembly_command import run as run_assembly
        from app.cli.quote_command import run as run_quote

        return (run_quote if args.command == "quote" else run_assembly)(args, args.catalog or default_catalog())
    if args.command == "order":
        from app.cli.order_command import run as run_order

        return run_order(args, args.catalog or default_catalog())
    if args.command == "orders":   # the chain's central order database (issue 18)
        from app.cli.orders_command import run as run_orders

        return run_orders(args)
    if args.command == "designer":
        from app.ui.designer.main import run_designer  # Qt and VTK load only for the window

        return run_designer(args.catalog or default_catalog(), file=args.file, module=args.module)
    catalog = args.catalog or default_catalog()
    from app.ui.app_main import run_app  # Qt and VTK load only for the window

    return run_app(catalog, design=getattr(args, "design", None), browse=args.command == "browse")


def _catalog_command(args: argparse.Namespace) -> int:
    if args.catalog_command == "schema":
        from app.domain.catalog.json_schema import stale_schemas, write_schemas

        if args.check:
            stale = stale_schemas(args.out)
            for name in stale:
                say(f"{args.out / name}: out of date; run 'modulor catalog schema'")
            return 1 if stale else 0
        for path in write_schemas(args.out):
            say(f"wrote {path}")
        return 0
    from app.domain.catalog.check import check_path
    from app.domain.production.price_proof import prove_prices
    from app.domain.rules.solution_space_proof import prove_solution_space, worker_pieces

    reports = check_path(args.path, args.models)
    for report in reports:   # prices cover cost for every preset and corner design (production, above the catalog)
        if report.catalog is not None:
            proof = prove_prices(report.catalog, report.path)
            report.problems += proof.problems
            report.designs_proved, report.proof_seconds = proof.designs, proof.seconds
            # Every corner, geometry option and host of every module type: parts, sheet, overlaps, 3D = cut list.
            space = prove_solution_space(report.catalog, worker_pieces(report.catalog))
            report.problems += space.problems
            report.space = space.summary()
    failed = 0
    for report in reports:
        for problem in report.problems:
            stream = sys.stdout if problem.severity == "error" else sys.stderr
            say(f"{problem.severity}: {problem}", file=stream)
        if not args.quiet:
            say(report.summary())
        failed += not report.ok
    if not args.quiet:
        print(f"{len(reports)} catalog(s) checked, {failed} with problems")
    return 1 if failed else 0


def _design_check(args: argparse.Namespace) -> int:
    from app.domain.catalog.loader import CatalogError, load_catalog
    from app.domain.design.files import DesignFileError, load_design

    try:
        catalog = load_catalog(args.catalog or default_catalog())
        result = load_design(args.file, catalog)
    except (CatalogError, DesignFileError) as exc:
        say(f"error: {exc}", lines=True)   # a catalog's problems are one a line
        return 1
    for problem in result.problems:
        say(f"{problem.severity}: {problem}")
    note = f" (migrated from format {result.migrated_from})" if result.migrated_from else ""
    say(f"{args.file}: '{result.design.name}', {len(result.design)} module(s){note}")
    return 1 if any(p.severity == "error" for p in result.problems) else 0


# ------------------------------------------------------------------ mesh check and designer (issue 7)
def _add_mesh_commands(commands) -> None:
    mesh = commands.add_parser("mesh", help="check mesh files before they go into a catalog")
    mesh_cmds = mesh.add_subparsers(dest="mesh_command", metavar="ACTION", required=True)
    check = mesh_cmds.add_parser(
        "check", help="check mesh files: units, up axis, closed, normals, budget, origin "
                      "(exit 0: all fit, 1: some unfit or refused, 2: usage)",
        description="One report per file. Exit status 0 when every file is fit, 1 when some file is "
                    "unfit or refused, 2 on a usage error. Limits come from the catalog (--catalog, "
                    "default: the bundled one).")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help="GLB/glTF, OBJ, STL or PLY files")
    check.add_argument("--catalog", type=Path, default=argparse.SUPPRESS, help="catalog whose limits apply")
    check.add_argument("--module", help="compare with this module's reference size in the catalog")
    check.add_argument("--budget", type=int, help="triangle budget (default: the catalog's)")
    check.add_argument("--units", choices=["mm", "cm", "m", "in", "ft"],
                       help="the files' units (skip the guess; needed when the size leaves it ambiguous)")
    check.add_argument("--up", choices=["Y", "Z", "y", "z"],
                       help="the files' up axis (skip the guess; needed when the guess would lay a file down)")
    check.add_argument("--timeout", type=float, help="seconds one file may take to read (default 30)")
    check.add_argument("--max-mb", type=float, help="largest file accepted, MB (default 64)")
    check.add_argument("--strict", action="store_true",
                       help="also fail files that publishing would have to fix (units, up, origin ...)")
    check.add_argument("-q", "--quiet", action="store_true", help="one line per file")
    designer = commands.add_parser("designer", help="open the mesh designer: import, check, stretch, publish")
    designer.add_argument("file", nargs="?", type=Path, help="a mesh file to open")
    designer.add_argument("--module", help="the catalog module the mesh is for (to update it)")


def _mesh_check(args: argparse.Namespace) -> int:
    from app.domain.catalog.loader import CatalogError, find_catalogs, load_catalog
    from app.domain.mesh.loading import MAX_MESH_BYTES
    from app.domain.mesh.report import CheckContext, check_files
    from app.domain.mesh.sandbox import READ_TIMEOUT_S

    folder = args.catalog or default_catalog()
    try:
        catalog = load_catalog((find_catalogs(folder) or [folder])[0])
    except CatalogError as exc:
        say(f"error: the catalog cannot be used:\n{exc}", file=sys.stderr, lines=True)
        return 2
    if args.module and args.module not in catalog.modules:
        say(f"error: catalog '{catalog.id}' has no module '{args.module}'", file=sys.stderr)
        return 2
    context = CheckContext.from_catalog(catalog, args.module, triangle_budget=args.budget, units=args.units,
                                        up=args.up.upper() if args.up else None)
    max_bytes = int(args.max_mb * 1e6) if args.max_mb else MAX_MESH_BYTES
    failed = 0
    # The whole report is built in the worker, inside its time limit: a hostile file costs at most that.
    for path, result in check_files(args.files, context, max_bytes, args.timeout or READ_TIMEOUT_S):
        if isinstance(result, Exception):
            say(f"{path}: REFUSED")
            say(f"  {result}")
            failed += 1
            continue
        say(result.text.splitlines()[0] if args.quiet else result.text, lines=not args.quiet)
        failed += not result.passes(args.strict)   # ambiguous units and a mesh lying down fail too (issue 19)
    say(f"{len(args.files)} file(s) checked, {failed} {'not ready' if args.strict else 'unfit or refused'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
