"""The inspector on the sideboard preset: real catalog, real document, real Qt signals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider

from app.domain.design.commands import RemoveModule, SetFinish, SetParameter
from app.domain.design.presets import design_from_preset
from app.ui.configurator.inspector import EMPTY_TEXT, Inspector
from app.ui.document import DesignDocument

pytestmark = pytest.mark.gui


@pytest.fixture
def document(catalog):
    return DesignDocument(catalog, design_from_preset(catalog, "sideboard"))


@pytest.fixture
def inspector(qtbot, document):
    widget = Inspector(document)
    qtbot.addWidget(widget)
    widget.resize(360, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def depth(document) -> int:
    return len(document.undo_stack._done)


def test_empty_state_until_something_is_selected(inspector, document):
    assert inspector.is_empty()
    assert inspector.empty_label.text() == EMPTY_TEXT
    assert inspector.empty_label.isVisible()


def test_base_cabinet_rows_offer_the_catalog_ranges(inspector, document):
    document.select("c1")
    assert not inspector.is_empty()
    assert inspector.title.text() == "Base cabinet"
    assert "c1" in inspector.subtitle.text() and "Carcass" in inspector.subtitle.text()
    expected = {"width": (300, 1200, 50, 600), "height": (400, 900, 20, 720), "depth": (350, 600, 10, 450)}
    for name, (lo, hi, step, value) in expected.items():
        spin, slider = inspector.spin_box(name), inspector.slider(name)
        assert (spin.minimum(), spin.maximum(), spin.singleStep(), spin.value()) == (lo, hi, step, value)
        assert not spin.keyboardTracking()
        assert (slider.minimum(), slider.maximum()) == (0, (hi - lo) // step)
        assert slider.value() == (value - lo) // step
        assert spin.height() >= 40 and slider.height() >= 40
    assert inspector.swatch("white").isChecked()


def test_spin_box_change_is_one_undoable_step(inspector, document):
    document.select("c1")
    inspector.spin_box("width").setValue(800)
    assert document.design.get("c1").params["width"] == 800
    assert inspector.slider("width").value() == (800 - 300) // 50
    assert depth(document) == 1
    document.undo()
    assert document.design.get("c1").params["width"] == 600


def test_typed_value_between_steps_snaps_and_says_so(qtbot, inspector, document):
    document.select("c1")
    messages = []
    inspector.message.connect(messages.append)
    spin = inspector.spin_box("width")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "637")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert document.design.get("c1").params["width"] == 650
    assert spin.value() == 650
    assert inspector.info.isVisible()
    assert "637" in inspector.info.text() and "650" in inspector.info.text()
    assert messages and "637" in messages[-1]
    assert depth(document) == 1


@pytest.mark.parametrize("start, typed, result, words", [
    (1200, "1300", 1200, "maximum"),    # the spin box already shows 1200: no valueChanged, still a note
    (600, "250", 300, "minimum"),
    (600, "712.5", 700, "712.5"),       # a decimal in a whole-millimetre box is snapped, not rounded first
])
def test_typed_value_outside_the_range_is_clamped_with_a_note(qtbot, inspector, document,
                                                               start, typed, result, words):
    document.select("c1")
    spin = inspector.spin_box("width")
    spin.setValue(start)
    before = depth(document)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, typed)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert document.design.get("c1").params["width"] == result
    assert spin.value() == result
    assert typed in inspector.info.text() and words in inspector.info.text()
    assert depth(document) == before + (result != start)


def test_letters_cannot_be_typed(qtbot, inspector, document):
    document.select("c1")
    spin = inspector.spin_box("width")
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "abc")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert document.design.get("c1").params["width"] == 600
    assert depth(document) == 0


def test_slider_drag_is_one_undo_step_and_a_track_click_another(inspector, document):
    document.select("c1")
    slider = inspector.slider("width")
    slider.setSliderDown(True)   # emits sliderPressed
    for pos in (7, 8, 9, 10):
        slider.setValue(pos)
    slider.setSliderDown(False)  # emits sliderReleased
    assert document.design.get("c1").params["width"] == 300 + 10 * 50
    assert inspector.spin_box("width").value() == 800
    assert depth(document) == 1
    slider.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)   # a tap on the track
    assert document.design.get("c1").params["width"] == 850
    assert depth(document) == 2
    document.undo()
    document.undo()
    assert document.design.get("c1").params["width"] == 600


def test_door_shows_host_bound_width_and_offers_handles_by_name(inspector, document, catalog):
    document.select("c1d")
    assert inspector.title.text() == "Door"
    width = inspector.bound["width"].text()
    assert "Width: 600 mm" in width and "follows the carcass" in width
    with pytest.raises(KeyError):
        inspector.spin_box("width")
    handles = inspector.combos["handle"]
    names = [handles.itemText(i) for i in range(handles.count())]
    assert names == [catalog.hardware[h].name for h in ("handle_bar_160", "handle_knob", "push_latch")]
    hinges = inspector.combos["hinge_side"]
    assert [hinges.itemText(i) for i in range(hinges.count())] == ["Left", "Right"]
    assert handles.minimumHeight() >= 40
    knob = next(i for i, n in enumerate(names) if n.startswith("Round knob"))
    handles.setCurrentIndex(knob)
    assert document.design.get("c1d").params["handle"] == "handle_knob"
    assert depth(document) == 1


def test_host_bound_width_follows_a_carcass_resize(inspector, document):
    document.select("c1d")
    document.push(SetParameter("c1", name="width", value=500))
    assert "Width: 500 mm" in inspector.bound["width"].text()


def test_numeric_options_read_with_their_unit(inspector, document):
    document.select("p1")
    combo = inspector.combos["height"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["80 mm", "100 mm", "150 mm"]
    assert combo.currentText() == "100 mm"


def test_finish_swatch_pushes_set_finish_and_undo_restores(inspector, document):
    document.select("c1d")
    before = document.design.get("c1d").finish
    assert before != "walnut" and inspector.swatch(before).isChecked()
    inspector.swatch("walnut").click()
    assert document.design.get("c1d").finish == "walnut"
    assert isinstance(document.undo_stack._done[-1], SetFinish)
    assert inspector.swatch("walnut").isChecked() and not inspector.swatch(before).isChecked()
    assert "Walnut decor" in inspector.finish_label.text()
    document.undo()
    assert document.design.get("c1d").finish == before
    assert inspector.swatch(before).isChecked() and not inspector.swatch("walnut").isChecked()


def test_undo_from_outside_updates_the_rows_without_new_commands(inspector, document):
    document.select("c1")
    spin, slider = inspector.spin_box("width"), inspector.slider("width")
    document.push(SetParameter("c1", name="width", value=900))   # e.g. from the 3D view
    assert spin.value() == 900 and slider.value() == 12
    assert inspector.spin_box("width") is spin   # rows kept, not rebuilt
    document.undo()
    assert spin.value() == 600 and slider.value() == 6
    assert depth(document) == 0 and document.undo_stack.can_redo
    document.redo()
    assert spin.value() == 900


def test_removing_the_selected_module_shows_the_empty_state(inspector, document):
    document.select("c1")
    document.push(RemoveModule("c1"))
    assert inspector.is_empty()
    assert inspector.empty_label.isVisible()
