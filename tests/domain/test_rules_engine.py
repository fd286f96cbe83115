"""The engine as a whole: presets ready to order, incremental checks, and fixes that always work."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, note, settings, target
from hypothesis import strategies as st

from app.domain.design.commands import AddModule, MoveModule, SetFinish, SetParameter
from app.domain.design.design import Design, PlacedModule
from app.domain.design.placement import find_spot
from app.domain.design.presets import design_from_preset
from app.domain.design.solution_space import numeric_limits
from app.domain.rules import RulesEngine, check_design
from tests.domain.rules_helpers import cabinet, design, insert


def test_every_preset_is_ready_to_order(catalog):
    for preset_id in catalog.presets:
        report = check_design(catalog, design_from_preset(catalog, preset_id))
        assert report.ready_to_order, (preset_id, [f.message for f in report.errors])
        assert report.summary() == "Ready to order"


def test_findings_come_errors_first_with_a_count_of_problems(catalog):
    d = design(catalog, cabinet("t", "tall_cabinet", width=800, height=2000, depth=350),
               insert("s", "shelf", "t", 786, load="books"), cabinet("c", x=800, width=900),
               insert("d", "door", "c"), cabinet("e", x=1700, width=637))
    report = check_design(catalog, d)
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities, key=["error", "warning"].index)
    # The 18 mm shelf of books over 762 mm sags 17.3 mm, more than twice the 3.2 mm allowed: an error too.
    assert report.summary() == "3 problems to solve"
    assert {f.code for f in report.errors} == {"door.leaf_width", "param.step.width", "shelf.sag"}
    assert {f.modules for f in report.findings if "s" in f.modules} == {("s",)}


def test_after_an_edit_only_the_touched_modules_are_checked_again(catalog, monkeypatch):
    from app.domain.rules import engine as engine_module
    engine = RulesEngine(catalog)
    d = design_from_preset(catalog, "sideboard")
    engine.check(d)
    checked = []
    original = engine_module.MODULE_RULES

    class Spy:
        def __init__(self, rule):
            self.rule = rule

        def check(self, ctx, module_id):
            checked.append(module_id)
            return self.rule.check(ctx, module_id)

    monkeypatch.setattr(engine_module, "MODULE_RULES", tuple(Spy(r) for r in original))
    SetParameter("c3", name="depth", value=500).apply(d)
    engine.check(d)
    # The carcass and what is in it (their sizes follow it); nothing else.
    assert set(checked) == {"c3", "c3s1", "c3d"}


# ---------------------------------------------------------------- property: fixes always work

TYPES_TO_ADD = ["shelf", "door", "double_door", "drawer", "base_cabinet", "tall_cabinet", "wall_cabinet"]


@st.composite
def edited_presets(draw, catalog):
    d = design_from_preset(catalog, draw(st.sampled_from(sorted(catalog.presets))))
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["param", "off_grid", "finish", "add", "insert_anywhere", "move"]))
        module = draw(st.sampled_from(d.snapshot()))
        mtype = catalog.module(module.type_id)
        if kind == "param":
            names = [n for n, p in mtype.params.items() if not p.from_host]
            if not names:
                continue
            name = draw(st.sampled_from(names))
            param = mtype.params[name]
            if param.options is not None:
                value = draw(st.sampled_from(param.options))
            else:
                lo, hi, step = numeric_limits(param)
                value = lo + draw(st.integers(0, round((hi - lo) / step))) * step
            SetParameter(module.id, name=name, value=value).apply(d)
        elif kind == "off_grid":   # what an old file or another catalog version may hold
            names = [n for n, p in mtype.params.items() if p.options is None and not p.from_host]
            if names:
                name = draw(st.sampled_from(names))
                param = mtype.params[name]
                value = draw(st.sampled_from([param.min - 50, param.max + 50, param.min + 7]))
                SetParameter(module.id, name=name, value=value).apply(d)
        elif kind == "finish":
            SetFinish(module.id, finish=draw(st.sampled_from(mtype.finishes))).apply(d)
        elif kind == "insert_anywhere":   # an insert at any grid height, overlapping or not
            hosts = [m for m in d if catalog.module(m.type_id).opening is not None]
            if hosts:
                host = draw(st.sampled_from(hosts))
                type_id = draw(st.sampled_from(["shelf", "drawer", "door", "double_door"]))
                z = 18 + 32 * draw(st.integers(0, 20))
                new = PlacedModule(d.new_id("i"), type_id, {}, catalog.module(type_id).default_finish,
                                   (0, 0, z), 0, "in", host.id)
                AddModule(new).apply(d)
        elif kind == "move":
            roots = [m for m in d if m.to is None]
            root = draw(st.sampled_from(roots))
            x = draw(st.sampled_from([0.0, 300.0, 600.0, 1200.0]))
            MoveModule(root.id, position=(x, root.position[1], root.position[2])).apply(d)
        else:
            type_id = draw(st.sampled_from(TYPES_TO_ADD))
            host = module.id if catalog.module(type_id).attach.place is not None else None
            spot = find_spot(catalog, d, type_id, host_id=host)
            if spot is not None:
                new = PlacedModule(d.new_id("h"), type_id, {}, catalog.module(type_id).default_finish,
                                   spot.position, 0, spot.attach, spot.to)
                AddModule(new).apply(d)
    return d


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_fix_removes_its_finding_and_adds_no_error(catalog, data):
    d = data.draw(edited_presets(catalog))
    note("\n".join(f"  {m}" for m in d))
    engine = RulesEngine(catalog)
    report = engine.check(d)
    errors_before = {f.key for f in report.errors}
    applied = 0
    for finding in report.findings[:4]:
        for fix in engine.fixes(d, finding):
            applied += 1
            event(f"fix for {finding.code.split('.')[0]}")
            trial = Design(d.catalog_id, d.catalog_version, d.name, d.snapshot(), d.room_height)
            command = fix.build(trial)
            command.apply(trial)
            after = RulesEngine(catalog).check(trial)   # a fresh engine: nothing cached from the search
            assert finding.key not in {f.key for f in after.findings}, fix.label
            new = [f"{f.key}: {f.message}" for f in after.errors if f.key not in errors_before]
            assert not new, f"{fix.label} for {finding.key}: {new}"
            command.revert(trial)
            assert trial.snapshot() == d.snapshot()      # one undoable edit
    target(applied)   # steer the search towards designs with many fixes to try
