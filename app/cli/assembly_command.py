"""``modulor assembly DESIGN -o OUT.pdf``: assembly instructions generated from the design, no display.

The design is loaded and checked as for ``modulor quote``; the bill of
materials gives the part numbers and labels, the planner
(:mod:`app.domain.production.papers.assembly_plan`) the steps, and
:mod:`app.ui.view.assembly_pictures` one exploded picture per step, offscreen.
Without OpenGL the instructions are written without pictures and a warning
says so; ``--no-pictures`` leaves them out on purpose.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.arguments import out_path
from app.cli.output import say
from app.cli.quote_command import LANGUAGES, load_checked


def add_parser(commands: argparse._SubParsersAction) -> None:
    assembly = commands.add_parser("assembly", help="write the assembly instructions of a design (PDF)",
                                   description="Write step-by-step assembly instructions: per unit the boards and "
                                               "fittings of each step with an exploded picture, then joining the "
                                               "units, the wall anchor and the doors.")
    assembly.add_argument("design", type=Path, help="a design file (.modulor.json)")
    assembly.add_argument("-o", "--out", type=out_path, required=True, help="the PDF to write")
    assembly.add_argument("--language", choices=LANGUAGES, default="en", help="the customer's language")
    assembly.add_argument("--no-pictures", action="store_true", help="leave out the step pictures")


def run(args: argparse.Namespace, catalog_path: Path) -> int:
    from app.domain.production.bom import BomError, build_bom
    from app.domain.production.exports import ExportError, assembly_pdf
    from app.domain.production.papers.assembly_plan import AssemblyError, assembly_plan

    checked = load_checked(args.design, catalog_path)
    if checked is None:
        say(f"{args.out}: not written")
        return 1
    try:
        bom = build_bom(checked.catalog, checked.design, checked.extra)
        plan = assembly_plan(checked.catalog, checked.design, bom, checked.extra, args.language)
    except (BomError, AssemblyError) as exc:
        say(f"error: {args.design}: {exc}")
        return 1
    pictures: dict[int, bytes] = {}
    if not args.no_pictures:
        try:
            from app.ui.view.assembly_pictures import render_step_pictures
            from app.ui.view.offscreen_render import RenderError

            try:
                pictures = render_step_pictures(plan)
            except RenderError as exc:
                say(f"warning: the instructions have no pictures: {exc}", file=sys.stderr)
        except ImportError as exc:
            say(f"warning: the instructions have no pictures: the renderer cannot be loaded ({exc})",
                file=sys.stderr)
    try:
        assembly_pdf.write(args.out, plan, bom, pictures)
    except ExportError as exc:
        say(f"error: {exc}")
        return 1
    say(f"wrote {args.out}: {len(plan.steps)} steps, {len(pictures)} pictures")
    return 0
