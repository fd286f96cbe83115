"""Rule 2: every panel can be cut: it fits its material's usable sheet and the machines take it.

The usable sheet is the stock sheet minus the trim on each edge.  A part whose
grain (of the board or of its decor) must follow the sheet's keeps its direction; others may turn.
Parts below the smallest length or width the saw and edge bander take cannot be
made either.  Fixes resize the module (or its host) to the nearest size that cuts.
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.production.parts import Panel
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure
from app.domain.rules.fixes import own_and_host_targets, search_fixes

CODE_SHEET = "part.sheet"
CODE_SMALL = "part.too_small"


def fits_sheet(along: float, across: float, usable_length: float, usable_width: float, may_turn: bool) -> bool:
    """Whether a part ``along`` x ``across`` (its side along the sheet's length first) fits the sheet."""
    if along <= usable_length and across <= usable_width:
        return True
    return may_turn and along <= usable_width and across <= usable_length


def _grain_locked(panel: Panel) -> bool:
    """The panel's grain is its part's where the material or the finish has one, else none (parts.grain_bound)."""
    return panel.grain != "none"


def check(ctx: CheckContext, module_id: str) -> list[Finding]:
    parts = ctx.parts(module_id)
    if parts is None:
        return []
    limits = ctx.catalog.info.limits
    found = []
    for panel in parts.panels:
        material = ctx.catalog.materials[panel.material]
        sheet_l, sheet_w = material.sheet
        usable_l, usable_w = sheet_l - 2 * material.trim, sheet_w - 2 * material.trim
        locked = _grain_locked(panel)
        # A grain-locked part's length runs along the sheet's length, unless its grain runs across it.
        along, across = float(panel.cut_length), float(panel.cut_width)
        if locked and panel.grain == "width":
            along, across = across, along
        ok = fits_sheet(along, across, usable_l, usable_w, not locked)
        size = f"{_mm(panel.cut_length)} x {_mm(panel.cut_width)} mm"
        if not ok:
            longest = max(float(panel.cut_length), float(panel.cut_width))
            found.append(Finding(
                "error", f"{CODE_SHEET}.{panel.name}", (module_id,),
                f"The {panel.name.lower()} of the {ctx.name(module_id)} ({size}) is larger than a "
                f"{sheet_l:g} x {sheet_w:g} mm sheet of {material.name} allows after trimming "
                f"({usable_l:g} x {usable_w:g} mm{', grain along the length' if locked else ''}).",
                Measure(longest, usable_l, "mm", "part length")))
            continue
        long_side = max(panel.cut_length, panel.cut_width)
        short_side = min(panel.cut_length, panel.cut_width)
        too_short = long_side < Decimal(str(limits.min_part_length))
        if too_short or short_side < Decimal(str(limits.min_part_width)):
            small, limit = ((float(long_side), limits.min_part_length) if too_short
                            else (float(short_side), limits.min_part_width))
            found.append(Finding(
                "error", f"{CODE_SMALL}.{panel.name}", (module_id,),
                f"The {panel.name.lower()} of the {ctx.name(module_id)} ({size}) is smaller than our machines "
                f"take (at least {limits.min_part_length:g} x {limits.min_part_width:g} mm).",
                Measure(small, limit, "mm", "part size")))
    return found


def _mm(value: Decimal) -> str:
    return f"{float(value):g}"


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    return search_fixes(ctx, finding, own_and_host_targets(ctx, finding.modules[0]))
