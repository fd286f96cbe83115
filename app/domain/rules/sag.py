"""Rule 3: shelves must not sag more than the catalog allows under what they carry.

For every panel of role ``shelf``: span = its length, depth = its width, board
thickness, elastic modulus and creep (``k_def``) from its material, load from the
shelf's load class (the module's option parameter naming one of
``[limits.shelf.loads]``, or the default).  The long-term sag (the first-day sag
x (1 + k_def)) is judged against span / ``max_deflection_ratio``: above
``warning_above`` times that a warning, above ``error_above`` times it an error.
The finding carries the sag and the allowed sag in mm (the 3D view shows both).
Fixes: a stiffer board among the shelf's options, or a narrower host.
"""

from __future__ import annotations

from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure, Severity
from app.domain.rules.fixes import own_and_host_targets, search_fixes
from app.domain.rules.physics import shelf_sag

CODE = "shelf.sag"
SHELF_ROLE = "shelf"


def load_class(ctx: CheckContext, module_id: str) -> str:
    """The load class the shelf is sized for: its own choice, else the catalog's default."""
    state = ctx.layout.state(module_id)
    for name, param in state.mtype.params.items():
        if ctx.catalog.item_kind(param) == "load":
            return str(state.params[name])
    return ctx.catalog.info.limits.shelf.default_load


def check(ctx: CheckContext, module_id: str) -> list[Finding]:
    parts = ctx.parts(module_id)
    if parts is None:
        return []
    shelves = [p for p in parts.panels if p.role == SHELF_ROLE]
    if not shelves:
        return []
    limits = ctx.catalog.info.limits.shelf
    load_id = load_class(ctx, module_id)
    load = limits.loads[load_id]
    found = []
    for panel in shelves:
        material = ctx.catalog.materials[panel.material]
        span, depth, thickness = float(panel.length), float(panel.width), float(panel.thickness)
        sag = shelf_sag(span, depth, thickness, material.elastic_modulus, load.kg_per_m2, 1 + material.k_def)
        allowed = span / limits.max_deflection_ratio
        severity = sag_severity(sag, allowed, limits.warning_above, limits.error_above)
        if severity is None:
            continue
        verdict = f"we allow {allowed:.1f} mm"
        if severity == "error":
            verdict += f" and make no shelf that sags more than {limits.error_above:g} times that"
        found.append(Finding(
            severity, CODE, (module_id,),
            f"This {ctx.name(module_id)} will sag {sag:.1f} mm under {load.label.lower()} over its "
            f"{span:g} mm span once the board has crept ({material.name}); {verdict}.",
            Measure(round(sag, 1), round(allowed, 1), "mm", "sag"),
            values=(("sag_mm", round(sag, 2)), ("allowed_mm", round(allowed, 2)), ("span_mm", span))))
    return found


def sag_severity(sag: float, allowed: float, warning_above: float, error_above: float) -> Severity | None:
    """How bad a sag is: past ``error_above`` x the allowed sag an error, past ``warning_above`` x a warning."""
    if sag > error_above * allowed:
        return "error"
    if sag > warning_above * allowed:
        return "warning"
    return None


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    module_id = finding.modules[0]
    # The load class is what the customer stores, not a knob to make a warning go away.
    targets = [(m, n) for m, n in own_and_host_targets(ctx, module_id)
               if ctx.catalog.item_kind(ctx.mtype(m).params[n]) != "load"]
    return search_fixes(ctx, finding, targets)
