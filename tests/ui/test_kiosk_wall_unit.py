"""A 3 m living-room wall unit built by touch at the kiosk from the TV bench preset (issue 15 item 4).

Tall units added beside the bench on both sides (they stand on legs like the
bench's, take its depth and finish), narrowed to 600 mm (the bench closes up),
one wall cabinet above the TV niche removed (the other is an open one): 600 +
900 + 900 + 600 = 3000 mm, ordered, and read back by ``modulor order CODE``.
Every add and every remove is one undo step, with one rules run and one quote
of the design; a greyed-out Remove says why; the units offered are the
catalog's ``kiosk`` ones and nothing else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtTest import QTest

from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.showroom.order_code import is_valid
from app.ui.kiosk.widgets import is_available
from tests.ui.kiosk_helpers import open_kiosk, tap

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def device(qapp):
    return QTest.createTouchDevice()


class LiveCounter:
    """Calls of ``owner.name`` about the session's live design (not the trial copies behind the
    greyed-out buttons and their prices)."""

    def __init__(self, monkeypatch, owner, name, session):
        self.calls = 0
        original = getattr(owner, name)

        def counted(design, *args, **kwargs):
            if session.document is not None and design is session.document.design:
                self.calls += 1
            return original(design, *args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def _touch(device, editor, button) -> None:
    """Scroll the options panel to ``button`` (the customer drags it into sight) and tap it."""
    editor.scroll.ensureWidgetVisible(button)
    tap(device, button)


def _spans(session):
    """unit id -> (type, x from, x to, height top), left to right."""
    layout = Layout(session.catalog, session.design)
    found = {}
    for uid in session.editor.units(session.design):
        lo, hi = layout.state(uid).world_bounds
        found[uid] = (session.design.get(uid).type_id, round(float(lo[0])), round(float(hi[0])),
                      round(float(hi[2])))
    return dict(sorted(found.items(), key=lambda item: item[1][1]))


def _modulor(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "MODULOR_SKIP_APT": "1"}, timeout=240)


def test_a_three_metre_wall_unit_with_a_tv_niche_built_by_touch_reaches_the_order_code(
        qtbot, catalog, tmp_path, device, monkeypatch):
    window = open_kiosk(qtbot, catalog, tmp_path)
    tap(device, window.welcome.cards["tv_bench"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    session, editor, panel = window.session, window.editor, window.editor.panel
    assert panel.unit == "c1"
    # The catalog decides what is offered: its kiosk units that stand where the part stands.
    offered = {t for t, m in catalog.modules.items() if m.kiosk and m.category in ("carcass", "open_shelf")
               and ("floor" in m.attach.support or "base" in m.attach.hosts)}
    assert offered == {"base_cabinet", "tall_cabinet", "open_shelf"}
    assert {t for t, _side in panel.add_buttons} == offered
    assert panel.add_buttons[("tall_cabinet", "left")].text().startswith("◀ Tall cabinet\n")
    panel.verdicts.finish_now()
    assert panel.add_buttons[("tall_cabinet", "left")].text().split("\n")[1].startswith("+")   # its price

    trials = LiveCounter(monkeypatch, session.editor.engine, "try_command", session)
    quotes = LiveCounter(monkeypatch, session.quoter, "quote", session)
    steps = []

    def tapped_once(button, what):
        """Tap: one rules run and one quote of the live design, and one undo step (one undo takes all
        of it back, one redo brings all of it again)."""
        design_before, counts = session.design.copy(), (trials.calls, quotes.calls)
        _touch(device, editor, button)
        assert (trials.calls - counts[0], quotes.calls - counts[1]) == (1, 1), what
        design_after, unit = session.design.copy(), panel.unit
        assert design_after != design_before, what
        session.undo()
        assert session.design == design_before, what
        session.document.redo()
        assert session.design == design_after, what
        panel.select_unit(unit)
        steps.append(what)

    # ---- a tall unit on the left of the bench: one step, undone and done again
    bench = _spans(session)
    tapped_once(panel.add_buttons[("tall_cabinet", "left")], "tall left")
    spans = _spans(session)
    new = panel.unit
    assert spans[new][0] == "tall_cabinet" and spans[new][1] == 0   # where the bench began
    assert spans["c1"][1] == 800 and spans["c2"][2] == 2600          # the bench moved along by 800
    tall = session.design.get(new)
    assert tall.params["depth"] == 450 and tall.finish == "anthracite"   # the bench's depth and colour
    legs = session.design.get(tall.to)
    assert legs.type_id == "legs" and legs.params["leg"] == "leg_150" and legs.params["width"] == 800
    tap(device, editor.undo)
    assert _spans(session) == bench and session.design == design_from_preset(catalog, "tv_bench")
    assert panel.unit in bench
    panel.select_unit("c1")
    tapped_once(panel.add_buttons[("tall_cabinet", "left")], "tall left again")
    left = panel.unit

    # ---- a tall unit on the right of the second drawer unit
    _touch(device, editor, panel.units.buttons["c2"])
    assert panel.unit == "c2"
    tapped_once(panel.add_buttons[("tall_cabinet", "right")], "tall right")
    right = panel.unit
    assert _spans(session)[right][1:3] == (2600, 3400)

    # ---- both narrowed to 600 mm: the bench closes up against the left one
    for unit in (left, right):
        _touch(device, editor, panel.units.buttons[unit])
        for _ in range(4):
            _touch(device, editor, panel.steppers["width"].minus)
        assert session.design.get(unit).params["width"] == 600

    # ---- the wall cabinet over the niche's left half goes; the other one is open (no fronts)
    _touch(device, editor, panel.units.buttons["wc1"])
    wall_before = _spans(session)
    tapped_once(panel.remove, "remove wc1")
    assert "wc1" not in session.design and "wc1s1" not in session.design   # with its shelf
    tap(device, editor.undo)
    assert _spans(session) == wall_before
    _touch(device, editor, panel.units.buttons["wc1"])
    tapped_once(panel.remove, "remove wc1 again")
    assert panel.unit in session.editor.units(session.design)
    assert session.editor.front_kind(session.design, "wc2") == ("open", 0)

    # ---- what was built: 3 m, tall at both ends, the low bench between them, above it one open cabinet
    spans = _spans(session)
    floor = [s for u, s in spans.items() if session.editor.level(session.design, u) == "floor"]
    assert [s[0] for s in floor] == ["tall_cabinet", "base_cabinet", "base_cabinet", "tall_cabinet"]
    assert [(s[1], s[2]) for s in floor] == [(0, 600), (600, 1500), (1500, 2400), (2400, 3000)]
    assert floor[0][3] == floor[3][3] == 150 + 2000 and floor[1][3] == 150 + 400
    assert spans["wc2"][1] >= 600 and spans["wc2"][2] <= 2400   # over the niche, between the tall units
    assert window.session.report.ready_to_order and editor.finish.isEnabled()
    assert editor.price.isVisible() and "€" in editor.price.text()   # the total in sight all along

    assert steps == ["tall left", "tall left again", "tall right", "remove wc1", "remove wc1 again"]

    # ---- order, code, and the workshop reads it back
    quote = session.quote
    tap(device, editor.finish)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    assert window.summary.included.text().count("Tall cabinet, W 600 × H 2,000 × D 450 mm") == 2
    tap(device, window.summary.order)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done)
    code = window.done.code_label.text()
    assert is_valid(code)
    shown = _modulor("order", code, "--store", str(tmp_path / "orders.sqlite3"), cwd=tmp_path)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert code in shown.stdout and f"{quote.price_gross:.2f} EUR" in shown.stdout
    assert shown.stdout.count("tall_cabinet") + shown.stdout.count("Tall cabinet") >= 1


def test_remove_is_refused_with_a_reason_for_the_last_part_and_offers_follow_the_catalog(
        qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    tap(device, window.welcome.cards["tv_bench"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    session, editor, panel = window.session, window.editor, window.editor.panel
    # Beside a wall cabinet only what hangs on the wall is offered.
    _touch(device, editor, panel.units.buttons["wc1"])
    assert {t for t, _side in panel.add_buttons} == {"wall_cabinet"}
    # Take parts away until one is left: then Remove is greyed out and says why, in Swedish too.
    while len(session.editor.units(session.design)) > 1:
        panel.verdicts.finish_now()
        assert is_available(panel.remove)
        _touch(device, editor, panel.remove)
    panel.verdicts.finish_now()
    assert not is_available(panel.remove)
    only = session.design.copy()
    _touch(device, editor, panel.remove)
    assert session.design == only
    assert "Not available: The furniture needs at least one part." in editor.feedback.text()
    window.set_language("sv")
    panel.verdicts.finish_now()
    _touch(device, editor, panel.remove)
    assert "Möbeln behöver minst en del." in editor.feedback.text()
    assert panel.remove.text() == "Ta bort den här delen"


def test_a_greyed_out_add_says_why_when_tapped(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    tap(device, window.welcome.cards["sideboard"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    session, editor, panel = window.session, window.editor, window.editor.panel
    first = session.editor.units(session.design)[0]
    assert panel.unit == first
    panel.verdicts.finish_now()
    # A tall cabinet between two of the sideboard's cabinets would stand under its top.
    button = panel.add_buttons[("tall_cabinet", "right")]
    assert not is_available(button) and is_available(panel.add_buttons[("tall_cabinet", "left")])
    before = session.design.copy()
    _touch(device, editor, button)
    assert session.design == before
    assert editor.feedback.text().startswith("Not available: Two parts would be in the same place (Top panel).")
