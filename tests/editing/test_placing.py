"""Place, drop, duplicate, delete, turn and step: the edits the configurator's widgets call."""

from __future__ import annotations

import pytest

from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset, empty_design
from app.editing import placing


@pytest.fixture
def sideboard(catalog):
    return design_from_preset(catalog, "sideboard")


def test_host_for_walks_up_from_a_door_to_its_carcass(catalog, sideboard):
    assert placing.host_for(catalog, sideboard, "shelf", "c1d") == "c1"      # door -> carcass
    assert placing.host_for(catalog, sideboard, "shelf", "c1") == "c1"
    assert placing.host_for(catalog, sideboard, "top_panel", "c3d") == "c3"  # a top sits on the carcass
    assert placing.host_for(catalog, sideboard, "shelf", "p1") is None       # a plinth takes no shelf
    assert placing.host_for(catalog, sideboard, "shelf", None) is None
    assert placing.host_for(catalog, sideboard, "shelf", "gone") is None


def test_place_goes_into_the_selections_carcass(catalog, sideboard):
    proposal = placing.place(catalog, sideboard, "shelf", selected="c3d")
    assert proposal.ok
    proposal.command.apply(sideboard)
    shelf = sideboard.get(proposal.select)
    assert shelf.to == "c3" and shelf.attach == "in"
    # Two shelves now split c3's opening: the new one is above or below the old, never on it.
    assert shelf.position[2] != sideboard.get("c3s1").position[2]


def test_place_in_an_empty_design_stands_on_the_floor(catalog):
    design = empty_design(catalog)
    proposal = placing.place(catalog, design, "plinth")
    proposal.command.apply(design)
    assert design.get(proposal.select).attach == "floor"
    assert design.get(proposal.select).position == (0.0, 0.0, 0.0)


def test_place_says_why_when_there_is_no_room(catalog, sideboard):
    # A door into c1 that already has a door: no free place, and the message names the carcass.
    proposal = placing.place(catalog, sideboard, "door", host_id="c1")
    assert not proposal.ok and "c1" in proposal.message and "door" in proposal.message


def test_drop_on_a_drawer_puts_the_shelf_into_that_drawers_carcass_or_says_no(catalog, sideboard):
    proposal = placing.drop(catalog, sideboard, "shelf", "c2d1")
    # c2 is full of drawers: either the shelf goes into c2 or there is no place; never into c1 or c3.
    if proposal.ok:
        proposal.command.apply(sideboard)
        assert sideboard.get(proposal.select).to == "c2"
    else:
        assert "c2" in proposal.message


def test_duplicate_copies_what_the_module_carries_with_new_ids(catalog, sideboard):
    before = set(sideboard.ids())
    proposal = placing.duplicate(catalog, sideboard, "c1")
    proposal.command.apply(sideboard)
    added = [m for m in sideboard if m.id not in before]
    copy = sideboard.get(proposal.select)
    # c1 carries a shelf, a door and the run's top: the copy (at the run's end) carries copies of the
    # shelf and the door; the top stays one top over the longer run (tests/editing/test_runs.py).
    assert copy.type_id == "base_cabinet" and len(added) == 3
    assert sorted(m.type_id for m in added if m.to == copy.id) == ["door", "shelf"]
    assert {m.id for m in added} == {copy.id, f"{copy.id}_c1s1", f"{copy.id}_c1d"}
    Layout(catalog, sideboard).state(copy.id)   # it resolves


def test_turn_refuses_inserts_and_turns_free_modules(catalog, sideboard):
    assert not placing.turn(sideboard, "c1d").ok
    proposal = placing.turn(sideboard, "p1")
    proposal.command.apply(sideboard)
    assert sideboard.get("p1").rotation == 1


def test_step_moves_a_shelf_one_pin_up_and_stops_at_the_end(catalog, sideboard):
    z = sideboard.get("c1s1").position[2]
    proposal = placing.step(catalog, sideboard, "c1s1", axis=2, direction=+1)
    proposal.command.apply(sideboard)
    assert sideboard.get("c1s1").position[2] == z + catalog.module("shelf").attach.z_step
    for _ in range(100):
        proposal = placing.step(catalog, sideboard, "c1s1", axis=2, direction=+1)
        if not proposal.ok:
            break
        proposal.command.apply(sideboard)
    assert "cannot move further" in proposal.message


def test_delete_names_the_module(catalog, sideboard):
    proposal = placing.delete(catalog, sideboard, "c2")
    assert proposal.command.label == "Delete base cabinet"
    proposal.command.apply(sideboard)
    assert "c2" not in sideboard and "c2d1" not in sideboard
