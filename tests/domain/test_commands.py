"""Edit commands apply and revert exactly, announce what they touched, and undo/redo."""

from __future__ import annotations

import pytest

from app.domain.design.commands import (
    AddModule,
    Macro,
    MoveModule,
    RemoveModule,
    RotateModule,
    SetFinish,
    SetParameter,
    UndoStack,
)
from app.domain.design.design import DesignError, PlacedModule
from app.domain.design.presets import design_from_preset


@pytest.fixture
def sideboard(catalog):
    return design_from_preset(catalog, "sideboard")


def record(design):
    events = []
    design.subscribe(events.append)
    return events


def test_each_edit_reverts_to_the_identical_design(sideboard):
    original = sideboard.copy()
    commands = [
        AddModule(PlacedModule("s9", "shelf", {}, "white", (19, -3, 402), attach="in", to="c3")),
        MoveModule("p1", position=(100.0, 0.0, 0.0)),
        RotateModule("p1", rotation=1),
        SetParameter("c1", name="width", value=800),
        SetFinish("c1d", finish="walnut"),
        RemoveModule("c2"),
    ]
    for command in commands:
        command.apply(sideboard)
    assert sideboard != original
    for command in reversed(commands):
        command.revert(sideboard)
    assert sideboard == original
    assert sideboard.ids() == original.ids()  # order restored too


def test_events_name_what_changed(sideboard):
    events = record(sideboard)
    SetParameter("c1", name="width", value=800).apply(sideboard)
    SetFinish("c1d", finish="oak").apply(sideboard)
    MoveModule("p1", position=(10.0, 0.0, 0.0)).apply(sideboard)
    assert [(e.kind, e.module_id, e.detail) for e in events] == [
        ("params", "c1", "width"), ("finish", "c1d", None), ("moved", "p1", None)]


def test_removing_a_carcass_removes_its_inserts_and_undo_restores_them(sideboard):
    events = record(sideboard)
    command = RemoveModule("c2")
    command.apply(sideboard)
    assert "c2" not in sideboard and not any(mid.startswith("c2d") for mid in sideboard.ids())
    assert {e.module_id for e in events if e.kind == "removed"} == {"c2", "c2d1", "c2d2", "c2d3"}
    command.revert(sideboard)
    assert [m.id for m in sideboard.children("c2")] == ["c2d1", "c2d2", "c2d3"]


def test_undo_stack_undo_redo_and_clean_state(sideboard):
    stack = UndoStack(sideboard)
    original = sideboard.copy()
    stack.set_clean()
    stack.push(SetParameter("c1", name="width", value=800))
    stack.push(SetFinish("c1d", finish="oak"))
    assert not stack.is_clean and stack.undo_label == "Change finish"
    after = sideboard.copy()
    assert stack.undo() and stack.undo() and not stack.undo()
    assert sideboard == original and stack.is_clean
    assert stack.redo() and stack.redo() and not stack.redo()
    assert sideboard == after


def test_slider_drag_is_one_undo_step(sideboard):
    stack = UndoStack(sideboard)
    for width in (650, 700, 750, 800):
        stack.push(SetParameter("c1", name="width", value=width), merge=True)
    stack.end_merge()
    stack.push(SetParameter("c1", name="width", value=850), merge=True)
    assert sideboard.get("c1").params["width"] == 850
    stack.undo()
    assert sideboard.get("c1").params["width"] == 800
    stack.undo()
    assert sideboard.get("c1").params["width"] == 600
    assert not stack.can_undo
    stack.redo()
    assert sideboard.get("c1").params["width"] == 800


def test_new_edit_clears_redo(sideboard):
    stack = UndoStack(sideboard)
    stack.push(SetFinish("c1d", finish="oak"))
    stack.undo()
    stack.push(SetFinish("c1d", finish="walnut"))
    assert not stack.can_redo


def test_failing_macro_leaves_the_design_unchanged(sideboard):
    before = sideboard.copy()
    macro = Macro([SetFinish("c1d", finish="oak"), MoveModule("nope", position=(0, 0, 0))])
    with pytest.raises(DesignError, match="no module 'nope'"):
        macro.apply(sideboard)
    assert sideboard == before


def test_structure_is_guarded(sideboard):
    with pytest.raises(DesignError, match="already in the design"):
        sideboard.add(PlacedModule("c1", "base_cabinet"))
    with pytest.raises(DesignError, match="not in the design"):
        sideboard.add(PlacedModule("x", "shelf", attach="in", to="ghost"))
    with pytest.raises(DesignError, match="still carries"):
        sideboard.remove("c2")
    with pytest.raises(ValueError, match="do not agree"):
        PlacedModule("y", "shelf", attach="in")
