"""The kiosk's finish and handle choices: real swatches, the price difference on each, and the
summary's price per unit.  Expected prices are quoted here on copies of the design with the
pricing module directly, not read from the panel."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.domain.design.commands import SetFinish
from app.domain.production.pricing import quote
from app.domain.rules.engine import check_design
from app.ui.kiosk.i18n import money
from tests.ui.kiosk_helpers import open_kiosk


def _editor_on(window, qtbot, preset: str):
    qtbot.mouseClick(window.welcome.cards[preset], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    window.editor.panel.verdicts.finish_now()
    return window.session, window.editor.panel


def _pixels(button) -> np.ndarray:
    image = button.icon().pixmap(button.iconSize()).toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return array[:, : image.width()].astype(float)


def test_decor_swatches_show_the_real_decor(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    _session, panel = _editor_on(window, qtbot, "sideboard")
    buttons = panel.finishes["fronts"].buttons
    assert set(buttons) >= {"oak", "white"}
    for finish_id, button in buttons.items():
        assert not button.icon().isNull(), finish_id
        centre = _pixels(button)[button.iconSize().height() // 2 - 4: button.iconSize().height() // 2 + 4,
                                 button.iconSize().width() // 2 - 4: button.iconSize().width() // 2 + 4, :3]
        finish = catalog.finishes[finish_id]
        if finish.texture is None:   # a plain decor is its colour
            expected = QColor(finish.color)
            assert np.allclose(centre.mean(axis=(0, 1)), (expected.red(), expected.green(), expected.blue()), atol=2)
    # A wood decor shows its grain: its swatch is not one flat colour.
    oak = _pixels(buttons["oak"])[8:-8, 8:-8, :3]
    assert catalog.finishes["oak"].texture is not None and oak.std(axis=(0, 1)).max() > 3


def test_handles_are_pictured_from_their_meshes(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    _session, panel = _editor_on(window, qtbot, "sideboard")
    handles = panel.options["handle"].buttons
    for value, button in handles.items():
        pixels = _pixels(button)
        drawn = pixels[:, :, 3] > 0
        has_mesh = catalog.hardware[value].mesh is not None
        if has_mesh:   # a picture: opaque, with something darker than the white background on it
            assert drawn.mean() > 0.8 and pixels[drawn][:, :3].min() < 160, value
        else:          # no mesh: a blank that keeps the names in line
            assert not drawn.any(), value
    assert any(catalog.hardware[v].mesh is None for v in handles) and any(catalog.hardware[v].mesh for v in handles)


def test_each_finish_shows_what_it_does_to_the_price(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    session, panel = _editor_on(window, qtbot, "sideboard")
    design = session.design
    now = quote(catalog, design, None, check_design(catalog, design).required_hardware()).price_gross
    assert session.quote.price_gross == now
    choices = panel.finishes["fronts"]
    current = next(v for v, b in choices.buttons.items() if b.property("current"))
    checked = 0
    for finish_id, button in choices.buttons.items():
        name, second = button.text().split("\n")
        assert name == panel.texts.finish(finish_id)
        if finish_id == current:
            assert second.strip() == ""
            continue
        trial = design.copy()
        for module in list(trial):
            entry = catalog.module(module.type_id)
            if entry.category == "front" and finish_id in entry.finishes:
                SetFinish(module.id, finish=finish_id).apply(trial)
        after = quote(catalog, trial, None, check_design(catalog, trial).required_hardware()).price_gross
        delta = after - now
        expected = "Same price" if delta == 0 else ("+" if delta > 0 else "−") + money(abs(delta), "EUR", "en")
        assert second == expected, finish_id
        checked += 1
    assert checked >= 4


def test_the_summary_breaks_the_price_down_per_unit(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    session, _panel = _editor_on(window, qtbot, "sideboard")
    qtbot.mouseClick(window.editor.finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    lines = window.summary.price_lines()
    cabinets = [m for m in session.design if catalog.module(m.type_id).category == "carcass"]
    names = " ".join(what for what, _ in lines)
    assert names.count("Base cabinet") == len(cabinets) == 3
    amounts = [Decimal(re.sub(r"[^0-9.]", "", price)) for _, price in lines]
    assert sum(amounts) == session.quote.price_gross
    shown = window.summary.included.text()
    assert all(price in shown for _, price in lines)
