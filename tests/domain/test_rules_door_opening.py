"""The door-opening rule (issue 14, item 6): every unit carried in assembled passes the room's door."""

from __future__ import annotations

import pytest

from app.domain.design.design import Design
from app.domain.design.files import (
    DesignFileError,
    check_design_data,
    design_to_dict,
    load_design,
    parse_design_text,
    save_design,
)
from app.domain.design.room import SetRoom
from app.domain.rules import RulesEngine
from app.domain.rules.door_opening import CODE, fits_through
from tests.domain.rules_helpers import cabinet, insert

CLEARANCE = 20   # the sample catalog's limits.door_clearance


def wardrobe(catalog, door, width=1000, depth=600) -> Design:
    """A tall cabinet (2300 mm high) with a shelf in it, in a room with the given door."""
    return Design(catalog.id, catalog.version, "Test",
                  [cabinet("t", "tall_cabinet", width=width, height=2300, depth=depth),
                   insert("s", "shelf", "t", 800)], 2500, door)


@pytest.mark.parametrize("door, ok", [
    ((600 + 2 * CLEARANCE, 2000), True),        # exactly the depth and its clearance: passes
    ((600 + 2 * CLEARANCE - 1, 2000), False),   # a millimetre less: it does not
    ((2000, 600 + 2 * CLEARANCE), True),        # a door on its side is the same door
    ((700, 1000 + 2 * CLEARANCE - 1), False),   # deep enough, but the width does not pass the height
])
def test_a_unit_passes_the_door_when_its_two_smaller_sides_do_with_the_clearance(catalog, door, ok):
    assert catalog.info.limits.door_clearance == CLEARANCE
    found = [f for f in RulesEngine(catalog).check(wardrobe(catalog, door)).findings if f.code == CODE]
    assert (not found) == ok
    if not ok:
        (finding,) = found
        assert finding.severity == "warning" and finding.modules == ("t",)
        assert "does not pass your door" in finding.message and "assembled in the room" in finding.message


def test_inserts_travel_apart_and_no_door_means_no_check(catalog):
    engine = RulesEngine(catalog)
    narrow = wardrobe(catalog, (500, 1900))
    assert {f.modules for f in engine.check(narrow).findings if f.code == CODE} == {("t",)}   # not the shelf
    assert not [f for f in engine.check(wardrobe(catalog, None)).findings if f.code == CODE]


def test_fits_through_by_hand():
    assert fits_through((600, 2300, 1000), (640, 2000), 20)
    assert not fits_through((600, 2300, 1000), (639, 2000), 20)
    assert fits_through((19, 3000, 470), (600, 1900), 20)   # a long top goes through lengthwise


def test_the_fix_makes_the_unit_shallower_or_narrower_so_it_passes(catalog):
    engine = RulesEngine(catalog)
    design = wardrobe(catalog, (600, 2000))   # 600 deep + 2 x 20 needs 640
    finding = next(f for f in engine.check(design).findings if f.code == CODE)
    fixes = engine.fixes(design, finding)
    assert fixes
    trial = design.copy()
    fixes[0].build(trial).apply(trial)
    assert not [f for f in engine.check(trial).findings if f.code == CODE]
    assert trial.get("t").params.get("depth", 600) <= 560


def test_set_room_is_undoable_and_the_door_is_saved_and_read_back(catalog, tmp_path):
    design = Design(catalog.id, catalog.version, "Room", [cabinet("c")])
    events = []
    design.subscribe(events.append)
    command = SetRoom(2450.0, (800.0, 2010.0))
    command.apply(design)
    assert (design.room_height, design.door_opening) == (2450.0, (800.0, 2010.0))
    assert [e.kind for e in events] == ["room"]
    path = save_design(design, tmp_path / "room.json")
    loaded = load_design(path, catalog).design
    assert (loaded.room_height, loaded.door_opening) == (2450.0, (800.0, 2010.0))
    command.revert(design)
    assert (design.room_height, design.door_opening) == (None, None)
    assert "door_opening" not in design_to_dict(design)   # a file without a door reads as before


@pytest.mark.parametrize("text, field", [('"door_opening": [800]', "door_opening"),
                                         ('"door_opening": [800, "tall"]', "door_opening[1]"),
                                         ('"door_opening": [80, 2000]', "door_opening[0]")])
def test_a_bad_door_opening_in_a_file_is_named(catalog, text, field):
    source = ('{"format": "modulor-design", "format_version": 2, "catalog": {"id": "linea", "version": "1"}, '
              f'"name": "x", {text}, "modules": []}}')
    with pytest.raises(DesignFileError, match=field.replace("[", r"\[").replace("]", r"\]")):
        check_design_data(parse_design_text(source, "d.json"), "d.json")


def test_room_rules_read_the_door_given_to_the_engine_copy(catalog):
    """Trial designs (fixes, kiosk choices) are copies: the door travels with them."""
    design = wardrobe(catalog, (500, 1900))
    assert design.copy().door_opening == (500, 1900)

