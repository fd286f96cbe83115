"""Catalog problems as a workshop reads them (issue 19 item 7): one style of field path, one problem
for one mistake (no cascade), a warning for an id that is not its file's name, parameter units checked."""

from __future__ import annotations

from app.domain.catalog.loader import load_catalog


def edit(catalog_copy, name: str, old: str, new: str) -> None:
    path = catalog_copy / "modules" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_mistyped_option_id_is_one_problem_of_its_module(catalog_copy):
    edit(catalog_copy, "shelf.toml", 'options = ["mfc18", "mfc25"]', 'options = ["mfc18", "mfc99"]')
    catalog = load_catalog(catalog_copy)
    mine = [(p.field, p.message) for p in catalog.problems if p.entry == "module 'shelf'"]
    assert mine == [("params.material.options", "unknown item(s) ['mfc99']")]   # not size.z, not parts[0]
    # Each preset that uses the left-out shelf says so once, naming every place, not once per shelf.
    bookcase = [p for p in catalog.problems if p.entry == "preset 'bookcase'"]
    assert len(bookcase) == 1 and "'shelf' (also modules [3], [4], [5], [7], [8], [9], [10])" in bookcase[0].message
    assert bookcase[0].field == "presets.bookcase.modules[2].type"


def test_a_mistyped_hardware_option_is_reported_and_reads_nowhere_else(catalog_copy):
    edit(catalog_copy, "door.toml", '"handle_knob", "push_latch"]', '"handle_knobb", "push_latch"]')
    door = [p for p in load_catalog(catalog_copy).problems if p.entry == "module 'door'"]
    assert [(p.field, p.message) for p in door] == [("params.handle.options", "unknown item(s) ['handle_knobb']")]


def test_field_paths_put_list_positions_in_brackets(catalog_copy):
    edit(catalog_copy, "door.toml", "[[parts]]\nname", "[[parts]]\nlenght = 1\nname")
    door = [p for p in load_catalog(catalog_copy).problems if p.entry == "module 'door'"]
    assert [p.field for p in door] == ["parts[0].lenght"]


def test_an_id_that_is_not_the_file_name_is_a_warning_and_the_module_stays(catalog_copy):
    edit(catalog_copy, "drawer.toml", 'id = "drawer"', 'id = "drawers"')
    catalog = load_catalog(catalog_copy)
    [warning] = [p for p in catalog.problems if p.entry == "module 'drawers'"]
    assert warning.severity == "warning" and warning.field == "id"
    assert warning.message == "id 'drawers' differs from the file name 'drawer.toml' (expected 'drawers.toml')"
    assert "drawers" in catalog.modules


def test_a_parameter_unit_other_than_the_catalogs_is_refused(catalog_copy):
    edit(catalog_copy, "base_cabinet.toml", 'label = "Width"\n', 'label = "Width"\nunit = "cm"\n')
    problems = [p for p in load_catalog(catalog_copy).problems if p.entry == "module 'base_cabinet'"]
    assert [p.field for p in problems] == ["params.width.unit"]
    assert problems[0].message.startswith("unknown unit 'cm': sizes are in mm")
