"""The editing session announces each undo step once, whatever the step holds."""

from __future__ import annotations

import pytest

from app.domain.design.commands import Macro, MoveModule, RemoveModule, SetFinish, SetParameter
from app.domain.design.presets import design_from_preset, empty_design
from app.editing.session import DesignChange, EditSession


@pytest.fixture
def session(catalog):
    return EditSession(catalog, design_from_preset(catalog, "sideboard"))


def listen(session: EditSession) -> tuple[list[DesignChange], list[str]]:
    changes: list[DesignChange] = []
    history: list[str] = []
    session.on_change.append(changes.append)
    session.on_history.append(lambda: history.append("h"))
    return changes, history


@pytest.mark.parametrize("count", [1, 4, 11])
def test_a_macro_of_n_commands_is_announced_once_with_all_its_events(session, count):
    changes, history = listen(session)
    ids = [m.id for m in session.design if m.type_id in ("door", "drawer", "shelf")][:count]
    while len(ids) < count:   # more commands than inserts: finishes of the cabinets too
        ids.append(["c1", "c2", "c3"][len(ids) % 3])
    macro = Macro([SetFinish(mid, finish="anthracite") for mid in ids], label="paint")
    session.push(macro)
    assert len(changes) == 1 and len(history) == 1
    assert len(changes[0].events) == count
    assert changes[0].module_ids("finish") == set(ids)
    session.undo()
    session.redo()
    assert len(changes) == 3 and len(history) == 3
    assert all(len(c.events) == count for c in changes)


def test_removal_of_a_host_is_one_change_and_clears_the_selection(session):
    changes, _ = listen(session)
    picked: list[str | None] = []
    session.on_selection.append(picked.append)
    session.select("c1d")
    session.push(RemoveModule("c1"))
    # c1 carries a shelf, a door and the top: four modules go in one step.
    assert len(changes) == 1
    assert changes[0].module_ids("removed") == {"c1", "c1s1", "c1d", "t1"}
    assert session.selected is None and picked == ["c1d", None]


def test_revision_and_layout_follow_every_event(session):
    before = session.revision
    width = session.layout.state("c1").params["width"]
    session.push(Macro([SetParameter("c1", name="width", value=500), MoveModule("c2", position=(500, 0, 100))]))
    assert session.revision == before + 2
    assert session.layout.state("c1").params["width"] == 500 != width


def test_replacing_the_design_is_one_reset_and_a_clean_history(session, catalog):
    changes, _history = listen(session)
    session.push(SetFinish("c1", finish="oak"))
    assert session.dirty
    session.replace_design(empty_design(catalog), None)
    assert changes[-1].reset and not changes[-1].catalog_reload
    assert not session.dirty and not session.undo_stack.can_undo
    session.set_catalog(catalog)
    assert changes[-1].catalog_reload


def test_a_change_outside_any_step_is_still_announced(session):
    changes, _ = listen(session)
    module = session.design.get("c1")
    session.design.replace(module, "finish")
    assert len(changes) == 1 and changes[0].module_ids() == {"c1"}


def test_close_stops_listening(session):
    changes, _ = listen(session)
    design = session.design
    session.close()
    design.replace(design.get("c1"), "finish")
    assert changes == [] and not session.undo_stack.can_undo
