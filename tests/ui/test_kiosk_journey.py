"""The whole customer journey at the kiosk, by touch and mouse, and the clean screen after it.

Welcome (language, preset) -> editor (gestures on the 3D view, edits by touch
and mouse, undo) -> summary -> order code; the order is read back by
``modulor order CODE`` in a subprocess with the same BOM as ``modulor bom``;
then the idle question, the reset, and nothing of the customer left in
memory, in the undo history or on disk.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain.design.commands import UndoStack
from app.domain.design.design import Design
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.design.recovery import recovery_dir
from app.domain.showroom.order_code import is_valid
from tests.ui.kiosk_helpers import open_kiosk, pinch, swipe, tap

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def device(qapp):
    return QTest.createTouchDevice()


def _modulor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "MODULOR_SKIP_APT": "1"}, timeout=240)


def test_customer_journey_touch_order_code_idle_reset(qtbot, catalog, tmp_path, device):
    temp_before = set(os.listdir(tempfile.gettempdir()))
    from app.ui.document import DesignDocument

    # Documents and histories other tests' windows left to the garbage collector are theirs: this kiosk's count.
    gc.collect()
    # Held, not only counted: an id is unique only while its object lives.
    others = [o for o in gc.get_objects() if isinstance(o, DesignDocument | UndoStack)]
    documents_before = {id(o) for o in others}
    # A recovery file a crash left behind (another customer's design): the kiosk must not keep it.
    recovery_dir().mkdir(parents=True, exist_ok=True)
    (recovery_dir() / "recovery-99999.modulor.json").write_text("{}")
    window = open_kiosk(qtbot, catalog, tmp_path)
    assert not (recovery_dir() / "recovery-99999.modulor.json").exists()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint

    # ---- welcome: Swedish by mouse, the bookcase by touch
    qtbot.mouseClick(window.welcome.language_buttons["sv"], Qt.MouseButton.LeftButton)
    assert window.welcome.title.text() == "Vad vill du inreda?"
    assert window.welcome.cards["bookcase"].need.text() == "Förvara böcker"
    # Swedish money format of the bookcase's price (the figure itself is proven in tests/domain).
    bookcase = design_from_preset(catalog, "bookcase")   # with the wall anchor the rules add to it
    anchors = window.session.editor.check(bookcase).required_hardware()
    gross = window.session.quoter.quote(bookcase, None, anchors).price_gross
    assert f"{gross:.2f}".replace(".", ",") in window.welcome.cards["bookcase"].price.text()
    tap(device, window.welcome.cards["bookcase"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    editor, panel = window.editor, window.editor.panel
    assert window.session.design.name == "Bookcase"

    # ---- the 3D view: one finger orbits, two fingers zoom
    camera = editor.plotter.camera
    before = (tuple(camera.position), camera.distance)
    centre = editor.plotter.rect().center()
    swipe(device, editor.plotter, centre, centre + QPoint(200, 0))
    assert tuple(camera.position) != before[0]
    assert camera.distance == pytest.approx(before[1], rel=1e-6)   # orbiting keeps the distance
    pinch(device, editor.plotter, centre, 100, 300)
    assert camera.distance < before[1] * 0.6

    # ---- three edits (touch, mouse, touch), one undone and made again
    width = window.session.design.get("c1").params["width"]
    assert not editor.undo.isEnabled()
    tap(device, panel.steppers["width"].plus)
    assert window.session.design.get("c1").params["width"] == width + 50
    assert editor.undo.isEnabled()   # right after the first edit
    assert window.session.design.get("p1").params["width"] == 2 * width + 50   # the plinth follows
    qtbot.mouseClick(panel.fronts.buttons["double_door"], Qt.MouseButton.LeftButton)
    # A touch right after a mouse click would count as its double click; a person's hand is slower.
    qtbot.wait(QApplication.doubleClickInterval() + 100)
    assert window.session.editor.front_kind(window.session.design, "c1") == ("double_door", 1)
    editor.scroll.ensureWidgetVisible(panel.finishes["body"].buttons["walnut"])   # the customer scrolls down
    tap(device, panel.finishes["body"].buttons["walnut"])
    assert {window.session.design.get(c).finish for c in ("c1", "c2")} == {"walnut"}
    price_walnut = editor.price.text()
    tap(device, editor.undo)
    assert window.session.design.get("c1").finish == "oak" and editor.price.text() != price_walnut
    tap(device, panel.finishes["body"].buttons["walnut"])
    assert editor.price.text() == price_walnut and "€" in price_walnut
    assert window.session.report.ready_to_order and editor.finish.isEnabled()

    # ---- finish: summary, order, code
    ordered = design_to_dict(window.session.design)
    quote = window.session.quote
    tap(device, editor.finish)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    assert window.summary.price.text().endswith("inklusive moms")
    # One line per unit with its price (Swedish names and numbers): the bookcase's two tall cabinets.
    included = window.summary.included.text()
    assert included.count("Högskåp, B ") == 2 and "Högskåp, B 650 × H" in included
    assert not window.summary.picture.pixmap().isNull()
    qtbot.mouseClick(window.summary.order, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done)
    code = window.done.code_label.text()
    assert is_valid(code) and not window.done.qr.pixmap().isNull()

    # ---- the workshop reads it: `modulor order CODE`, and its BOM equals `modulor bom`'s
    shown = _modulor("order", code.lower(), "--store", str(tmp_path / "orders.sqlite3"), cwd=tmp_path)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert code in shown.stdout and f"{quote.price_gross:.2f} EUR" in shown.stdout
    assert f"lead time {quote.lead_time_days} days" in shown.stdout
    (tmp_path / "ordered.modulor.json").write_text(json.dumps(ordered), encoding="utf-8")
    exported = _modulor("order", code, "--store", str(tmp_path / "orders.sqlite3"), "--bom", "json",
                        "-o", str(tmp_path / "order-bom.json"), cwd=tmp_path)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    reference = _modulor("bom", str(tmp_path / "ordered.modulor.json"), "-o", str(tmp_path / "ref-bom.json"),
                         cwd=tmp_path)
    assert reference.returncode == 0, reference.stdout
    order_bom = json.loads((tmp_path / "order-bom.json").read_text())
    assert order_bom == json.loads((tmp_path / "ref-bom.json").read_text())
    assert len(order_bom["parts"]) >= 5

    # ---- nobody answers: the question, the countdown, the reset
    window.apply_settings(replace(window.settings, idle_timeout_s=1, countdown_s=2))
    qtbot.waitUntil(window.still_there.isVisible, timeout=5000)
    assert window.still_there.question.text() == "Är du kvar?"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=6000)
    assert not window.still_there.isVisible()
    window.apply_settings(replace(window.settings, idle_timeout_s=600, attract_after_s=600))

    # ---- nothing of the customer is left: memory, history, widgets, disk
    assert window.language == "en" and window.welcome.title.text() == "What would you like to furnish?"
    assert window.session.document is None and window.session.quote is None and window.session.report is None
    # The kiosk hands the customer's document to Qt with deleteLater, and calls queued for this turn may
    # still name it: both are done with at the next event-loop turn.
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    left = [o for o in gc.get_objects() if isinstance(o, DesignDocument) and id(o) not in documents_before]
    assert left == [], [(shiboken6.isValid(o), [type(r).__name__ for r in gc.get_referrers(o)]) for o in left]
    assert [o for o in gc.get_objects()
            if isinstance(o, UndoStack) and (o.can_undo or o.can_redo) and id(o) not in documents_before] == []
    leftovers = [o for o in gc.get_objects() if isinstance(o, Design) and len(o)
                 and any(m.finish == "walnut" for m in o)]
    assert leftovers == []
    assert editor.scene.design is not None and len(editor.scene.design) == 0   # the view holds nothing
    assert editor.scene.module_ids == []
    for label in (editor.price, editor.lead, editor.feedback, window.summary.price, window.summary.included,
                  window.done.code_label, window.design_title):
        assert label.text() == "", label.objectName()
    assert window.summary.picture.pixmap().isNull() and window.done.qr.pixmap().isNull()
    assert window.summary.name_field.text() == "" and window.summary.reach_field.text() == ""
    assert not any(recovery_dir().glob("*")) if recovery_dir().is_dir() else True
    new_temp = set(os.listdir(tempfile.gettempdir())) - temp_before
    assert [n for n in new_temp if "modulor" in n.lower() or n.endswith((".png", ".json"))] == []


def test_contact_details_are_asked_only_when_the_shop_wants_them_and_stored_encrypted(qtbot, catalog, tmp_path,
                                                                                     device):
    window = open_kiosk(qtbot, catalog, tmp_path, collect_contact=True)
    tap(device, window.welcome.cards["sideboard"])
    tap(device, window.editor.finish)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    assert window.summary.contact_box.isVisible()
    for key in "ada":
        tap(device, window.summary.keyboard.findChild(type(window.summary.order), f"key_{key}"))
    assert window.summary.name_field.text() == "ada"
    tap(device, window.summary.order)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done)
    raw = (tmp_path / "orders.sqlite3").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("orders.sqlite3*"))
    assert b"ada" not in raw
    from app.domain.showroom.contact_vault import ContactVault
    from app.domain.showroom.order_store import OrderStore

    with OrderStore(tmp_path / "orders.sqlite3") as store:
        order = store.get(window.done.code)
    assert ContactVault().decrypt(order.contact) == {"name": "ada"}
    window.reset()
    assert window.summary.name_field.text() == ""
