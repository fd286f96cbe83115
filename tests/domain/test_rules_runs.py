"""Rule 6, runs: a plinth as long as its units, a top ending where a unit ends, room made for a wider unit.

The sideboard preset: three 600 mm cabinets c1, c2, c3 on a 1800 mm plinth p1 under an 1800 mm top t1
on c1.  Each edit below is made the way a file or another rule's fix could make it, bypassing the
run (a bare SetParameter), and the rule must say so and offer the fix that puts the run right.
"""

from __future__ import annotations

import pytest

from app.domain.design.commands import SetParameter
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.rules.assembly import CODE_OVERLAP, CODE_SPAN
from app.domain.rules.engine import RulesEngine


@pytest.fixture
def sideboard(catalog):
    return design_from_preset(catalog, "sideboard")


def findings(catalog, design, code):
    engine = RulesEngine(catalog)
    report = engine.check(design)
    return engine, report, [f for f in report.findings if f.code == code]


def test_the_presets_have_no_run_findings(catalog):
    for preset in catalog.presets:
        _, _, found = findings(catalog, design_from_preset(catalog, preset), CODE_SPAN)
        assert found == [], preset


@pytest.mark.parametrize(("width", "severity"), [(1700, "error"), (1750, "error"), (1900, "warning")])
def test_a_plinth_not_as_long_as_its_cabinets_is_flagged_and_fixed(catalog, sideboard, width, severity):
    SetParameter("p1", name="width", value=width).apply(sideboard)
    engine, report, found = findings(catalog, sideboard, CODE_SPAN)
    assert [(f.severity, f.modules) for f in found] == [(severity, ("p1",))]
    assert (found[0].measure.value, found[0].measure.limit) == (width, 1800)
    fixes = engine.fixes(sideboard, found[0], report=report)
    assert [f.label for f in fixes] == ["Make the plinth 1800 mm long, as the run"]
    fixes[0].build(sideboard).apply(sideboard)
    assert sideboard.get("p1").params["width"] == 1800
    assert not findings(catalog, sideboard, CODE_SPAN)[2]


def test_a_top_ending_in_the_middle_of_a_cabinet_is_a_warning_with_a_fix(catalog, sideboard):
    SetParameter("t1", name="width", value=1500).apply(sideboard)
    engine, report, found = findings(catalog, sideboard, CODE_SPAN)
    assert [(f.severity, f.modules) for f in found] == [("warning", ("t1",))]
    assert "middle" in found[0].message and "300 mm" in found[0].message
    fixes = engine.fixes(sideboard, found[0], report=report)
    fixes[0].build(sideboard).apply(sideboard)
    assert sideboard.get("t1").params["width"] in (1200, 1800)   # the nearest end of a cabinet: 1200 or 1800


def test_a_cabinet_widened_without_its_run_is_offered_room(catalog, sideboard):
    SetParameter("c2", name="width", value=700).apply(sideboard)   # c2 now 600-1300, into c3 at 1200
    engine, report, found = findings(catalog, sideboard, CODE_OVERLAP)
    overlap = next(f for f in found if set(f.modules) == {"c2", "c3"})
    fixes = engine.fixes(sideboard, overlap, report=report)
    assert fixes[0].label == "Move the base cabinets along to make room"
    fixes[0].build(sideboard).apply(sideboard)
    layout = Layout(catalog, sideboard)
    assert [float(layout.state("c3").world_bounds[i][0]) for i in (0, 1)] == [1300, 1900]
    assert sideboard.get("t1").params["width"] == 1900 and sideboard.get("p1").params["width"] == 1900
    assert not RulesEngine(catalog).check(sideboard).errors
