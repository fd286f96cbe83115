"""The rules engine: design + catalog -> findings, fast enough to run after every edit.

:class:`RulesEngine` keeps, per catalog, the parts expansions and each module's
findings by content (type, finish, every formula value including its host's
sizes), so after an edit only the modules it touched are checked again; the
design-wide rules (overlaps, support, height, stability) are numpy passes over
all boxes.  :meth:`RulesEngine.check` returns findings without fixes;
:meth:`RulesEngine.fixes` works out a finding's fixes on demand (a search over
trial designs), and accepts a fix only when, applied to the whole design, it
removes its finding and adds no error.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Hashable, MutableMapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from app.domain.catalog.catalog import Catalog
from app.domain.design.commands import Command, fresh
from app.domain.design.design import Design, DesignError
from app.domain.design.layout import ContentKey, Layout, LayoutError
from app.domain.production.parts import PartsCache, PartsError
from app.domain.production.tally import ExtraHardware
from app.domain.rules import assembly, compat, door_opening, doors, drawers, drilling, params, sag, sheets, stability
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, FindingKey, Fix, sort_findings

MODULE_RULES = (params, sheets, sag, doors, drawers, compat)
DESIGN_RULES = (assembly, stability, door_opening, drilling)
CODE_UNRESOLVED = "module.unresolved"
CACHE_LIMIT = 10_000   # findings of modules by content; a few MB, cleared when full


@dataclass(frozen=True)
class RulesReport:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ready_to_order(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """'Ready to order' or '2 problems to solve' (warnings do not stop an order)."""
        count = len(self.errors)
        if not count:
            return "Ready to order"
        return f"{count} problem{'s' if count != 1 else ''} to solve"

    def required_hardware(self) -> list[ExtraHardware]:
        """Hardware the findings add to the bill of materials (wall anchors)."""
        return [item for f in self.findings for item in f.requires]



class RulesEngine:
    """Checks designs against one catalog; keep one per catalog (it caches by content)."""

    def __init__(self, catalog: Catalog, parts_cache: PartsCache | None = None,
                 by_content: MutableMapping[tuple[str, ContentKey], tuple[Finding, ...]] | None = None,
                 memo: MutableMapping[Hashable, Any] | None = None):
        self.catalog = catalog
        self.parts_cache = parts_cache if parts_cache is not None else PartsCache(catalog)
        self._by_content: MutableMapping[tuple[str, ContentKey], tuple[Finding, ...]] = (
            by_content if by_content is not None else {})
        self._memo: MutableMapping[Hashable, Any] = memo if memo is not None else {}

    def context(self, design: Design, layout: Layout | None = None) -> CheckContext:
        ctx = CheckContext(self.catalog, design, layout, self.parts_cache,
                           module_rules=tuple(r.check for r in MODULE_RULES),
                           design_rules=tuple(r.check_design for r in DESIGN_RULES))
        if len(self._memo) > CACHE_LIMIT:
            self._memo.clear()
        ctx.memo = self._memo
        return ctx

    def scratch(self) -> RulesEngine:
        """An engine that reads this one's caches but keeps what trial designs add to itself."""
        # The design rules' memo too (a unit's drilling, by content): a trial that leaves a unit as it
        # is reads its result instead of drilling it again.
        return RulesEngine(self.catalog, self.parts_cache.scratch(), ChainMap({}, self._by_content),
                           ChainMap({}, self._memo))

    # ------------------------------------------------------------------ checking
    def check(self, design: Design, layout: Layout | None = None) -> RulesReport:
        ctx = self.context(design, layout)
        found: list[Finding] = []
        for module_id in design.ids():
            found += self._module_findings(ctx, module_id)
        for rule in DESIGN_RULES:
            found += rule.check_design(ctx)
        return RulesReport(tuple(sort_findings(found)))

    def _module_findings(self, ctx: CheckContext, module_id: str) -> tuple[Finding, ...]:
        try:
            state = ctx.layout.state(module_id)
        except (LayoutError, KeyError, ValueError) as exc:
            given = params.check_given(ctx, module_id)   # an option not offered: the customer's to fix
            return tuple(given) or (Finding("error", CODE_UNRESOLVED, (module_id,),
                                            f"This module cannot be made: {exc}"),)
        key = (module_id, state.content_key)
        cached = self._by_content.get(key)
        if cached is None:
            try:
                self.parts_cache.parts(state)
            except PartsError as exc:
                cached = (Finding("error", CODE_UNRESOLVED, (module_id,), f"This module cannot be made: {exc}"),)
            else:
                cached = tuple(f for rule in MODULE_RULES for f in rule.check(ctx, module_id))
            if len(self._by_content) >= CACHE_LIMIT:
                self._by_content.clear()
            self._by_content[key] = cached
        return cached

    # --------------------------------------------------------------------- fixing
    def fixes(self, design: Design, finding: Finding, layout: Layout | None = None,
              report: RulesReport | None = None) -> tuple[Fix, ...]:
        """The fixes of ``finding`` that, applied to ``design``, remove it and add no error.

        ``report`` is the design's current report, if the caller has it (saves a check).
        """
        rule = _rule_for(finding.code)
        if rule is None or any(m not in design for m in finding.modules):
            return ()
        trials = self.scratch()   # the search's many trial designs must not fill the engine's caches
        ctx = trials.context(design, layout)
        before = {f.key for f in (report or trials.check(design, ctx.layout)).errors}
        verdicts: dict[int, tuple[Fix, bool]] = {}   # the fix is kept with its verdict: its id stays its own

        def judge(fix: Fix) -> bool:
            if id(fix) not in verdicts:
                verdicts[id(fix)] = (fix, trials.accepts(design, finding, fix, before))
            return verdicts[id(fix)][1]

        ctx.accepts = judge
        # Every fix a rule offers is judged on the whole design, whether or not the rule asked already.
        return tuple(fix for fix in rule.fixes(ctx, finding) if judge(fix))

    @staticmethod
    def may_have_fixes(finding: Finding) -> bool:
        """False for findings no fix is ever offered for (a wall anchor is added, not fixed)."""
        return finding.code != CODE_UNRESOLVED and _rule_for(finding.code) is not None

    def accepts(self, design: Design, finding: Finding, fix: Fix, errors_before: set[FindingKey] | None = None) -> bool:
        """Apply ``fix`` to a copy of ``design``: True when the finding is gone and no error is new.

        (Call it on :meth:`scratch` when trying many fixes, to keep the trials out of the caches.)
        """
        trial = self.try_command(design, lambda copy: fix.build(copy), errors_before)
        return trial.ok and trial.report is not None and not any(f.key == finding.key for f in trial.report.findings)

    def try_command(self, design: Design, command: Command | Callable[[Design], Command | None] | None,
                    errors_before: set[FindingKey] | None = None) -> Trial:
        """Apply ``command`` to a scratch copy of ``design`` and judge it: the one way edits are tried.

        ``command`` may be a callable that builds the command on the copy (a fix reads the design it
        edits).  The trial is accepted when the command applies and brings no rules error that the
        design did not already have (``errors_before``, the keys of its errors, when known).
        The real design is never touched.
        """
        trial = design.copy()
        # A fresh copy of a given command: commands remember what they replaced, and the caller's
        # object must start from the real design's records when it is pushed after the trial.
        built = command(trial) if callable(command) else fresh(command) if command is not None else None
        if built is None:
            return Trial(None, (), "nothing to do")
        try:
            built.apply(trial)
            report = self.check(trial)
        except (DesignError, LayoutError, ValueError, KeyError) as exc:
            return Trial(None, (), str(exc))
        if errors_before is None:
            errors_before = {f.key for f in self.check(design).errors}
        return Trial(report, tuple(f for f in report.errors if f.key not in errors_before))


@dataclass(frozen=True)
class Trial:
    """What trying a command on a copy gave: the copy's report and the errors the command brings."""

    report: RulesReport | None
    new_errors: tuple[Finding, ...] = ()
    failure: str = ""       # why the command could not even be applied

    @property
    def ok(self) -> bool:
        return self.report is not None and not self.new_errors


def _rule_for(code: str) -> ModuleType | None:
    """The rule module (params, sheets ...) whose findings have this code."""
    prefixes = {
        params: ("param.",), sheets: ("part.",), sag: ("shelf.",), doors: ("door.",), drawers: ("drawer.",),
        compat: ("compat.",), assembly: ("assembly.",), door_opening: ("room.",),
    }
    for rule, starts in prefixes.items():
        if code.startswith(starts):
            return rule
    return None


def check_design(catalog: Catalog, design: Design) -> RulesReport:
    """One-off check (tools, tests); a window keeps a :class:`RulesEngine` instead."""
    return RulesEngine(catalog).check(design)
