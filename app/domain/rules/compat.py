"""Rule 8: the workshop's own combination rules from catalog.toml ``[[compatibility]]``.

Each rule names module types, an optional ``when`` and a ``require`` formula over
the module's names, its host's sizes and ``finish``; where ``when`` holds and
``require`` does not, the rule's message is the finding.  Fixes: another finish
(when the rule is about finishes), another option, or the nearest size.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from app.domain.catalog.formulas import Formula, FormulaError
from app.domain.design.commands import SetFinish
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix
from app.domain.rules.fixes import clears, first_accepted, own_and_host_targets, search_fixes

PREFIX = "compat."


def _holds(formula: Formula, env: Mapping[str, object]) -> bool:
    return bool(formula.evaluate(env))


def check(ctx: CheckContext, module_id: str) -> list[Finding]:
    rules = ctx.catalog.info.compatibility
    if not rules:
        return []
    state = ctx.state(module_id)
    if state is None:
        return []
    env = dict(state.env)
    env["finish"] = state.module.finish
    found = []
    for rule in rules:
        if state.mtype.id not in rule.modules:
            continue
        try:
            if rule.when is not None and not _holds(rule.when, env):
                continue
            ok = _holds(rule.require, env)
        except FormulaError as exc:   # a rule the loader let through but these values break
            found.append(Finding("error", PREFIX + rule.id, (module_id,), f"{rule.message} ({exc})"))
            continue
        if not ok:
            found.append(Finding(rule.severity, PREFIX + rule.id, (module_id,), rule.message))
    return found


def _finish_fix(ctx: CheckContext, finding: Finding) -> Fix | None:
    """Another finish of the module that clears the rule (nearest in the catalog's order)."""
    module_id = finding.modules[0]
    module = ctx.design.get(module_id)
    holds = clears(ctx, finding)

    def choose(finish_id: str) -> Fix:
        label = f"Choose {ctx.catalog.finishes[finish_id].name} for the {ctx.name(module_id)}"
        return Fix(label, lambda design: SetFinish(module_id, finish=finish_id, label=label)
                   if module_id in design else None)

    return first_accepted(ctx, (choose(f) for f in ctx.mtype(module_id).finishes
                                if f != module.finish and holds(ctx.trial(replace(module, finish=f)))))


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    rule = next(r for r in ctx.catalog.info.compatibility if PREFIX + r.id == finding.code)
    found: list[Fix] = []
    names = rule.require.names | (rule.when.names if rule.when is not None else frozenset())
    if "finish" in names:
        fix = _finish_fix(ctx, finding)
        if fix is not None:
            found.append(fix)
    found += search_fixes(ctx, finding, own_and_host_targets(ctx, finding.modules[0]))
    return tuple(found[:2])
