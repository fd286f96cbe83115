"""One rules run, one quote and one panel refresh per undo step, in the configurator and the kiosk.

A kiosk choice is a macro of many commands (a height step on the sideboard is about ten); before
the editing layer batched them, every command ran the rules, the quote and the choice panel again.
The counts are taken by wrapping the real objects' methods, so the real work still happens.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.design.commands import Macro, SetFinish
from app.ui.kiosk.widgets import is_available
from tests.ui.kiosk_helpers import open_kiosk


class Counter:
    """Counts calls of ``owner.name`` (an instance attribute wrapping the bound method)."""

    def __init__(self, monkeypatch, owner, name):
        self.calls = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


@pytest.mark.parametrize("count", [1, 6])
def test_configurator_macro_of_n_commands_runs_rules_quote_and_panels_once(make_window, monkeypatch, count):
    window = make_window()
    doc, feedback = window.document, window.feedback
    rules = Counter(monkeypatch, feedback.engine, "check")
    quotes = Counter(monkeypatch, feedback.quoter, "quote")
    updates, changes = [], []
    feedback.updated.connect(lambda: updates.append(1))
    doc.design_changed.connect(changes.append)
    doc.select("c1")
    syncs = Counter(monkeypatch, window.inspector, "_sync")
    ids = [m.id for m in doc.design][:count]
    doc.push(Macro([SetFinish(mid, finish="anthracite") for mid in ids], label="paint"))
    assert (rules.calls, quotes.calls, len(updates), len(changes)) == (1, 1, 1, 1)
    assert len(changes[0].events) == count
    assert syncs.calls == 1   # the inspector follows the step once, not once per command
    doc.undo()
    assert (rules.calls, quotes.calls, len(updates), len(changes)) == (2, 2, 2, 2)


def test_kiosk_height_step_is_one_rules_run_one_quote_one_panel_refresh(qtbot, catalog, tmp_path, monkeypatch):
    window = open_kiosk(qtbot, catalog, tmp_path)
    qtbot.mouseClick(window.welcome.cards["sideboard"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    session, panel = window.session, window.editor.panel
    panel.verdicts.finish_now()
    # The height step the panel offers (down or up, whichever the rules accept), as a tap makes it.
    command = next(c for c in (panel._size_command("height", d) for d in (-1, +1))
                   if c is not None and session.editor.attempt(session.design, c).ok)
    assert command is not None and len(command.commands) >= 5   # a macro: the row, its shelves, its doors

    rules = Counter(monkeypatch, session.editor.engine, "check")
    trials = Counter(monkeypatch, session.editor.engine, "try_command")
    quotes = Counter(monkeypatch, session.quoter, "quote")
    refreshes = Counter(monkeypatch, panel, "refresh")
    changed = []
    session.changed.connect(lambda: changed.append(1))
    height_before = session.design.get(panel.unit).params.get("height")
    assert session.apply(command).ok
    assert session.design.get(panel.unit).params.get("height") != height_before
    # The edit's one rules run is its trial on a copy (its report is kept); nothing re-checks it.
    assert (trials.calls, quotes.calls, len(changed), refreshes.calls) == (1, 1, 1, 1)
    assert rules.calls == 1
    # The greyed-out choices are worked out later, on a scratch engine: not the edit's rules run.
    assert panel.verdicts.pending > 0
    panel.verdicts.finish_now()
    assert rules.calls == 1 and panel.verdicts.pending == 0 and panel.verdicts.trials > 0

    session.undo()
    assert (rules.calls, quotes.calls, len(changed), refreshes.calls) == (2, 2, 2, 2)
    assert session.design.get(panel.unit).params.get("height") == height_before


def test_kiosk_greys_out_a_step_the_rules_refuse(qtbot, catalog, tmp_path):
    """Widen a unit to the end of its range: + must end up disabled, - enabled (verdicts done)."""
    window = open_kiosk(qtbot, catalog, tmp_path)
    qtbot.mouseClick(window.welcome.cards["bookcase"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    session, panel = window.session, window.editor.panel
    stepper = panel.steppers["width"]
    for _ in range(40):
        panel.verdicts.finish_now()
        if not is_available(stepper.plus):
            break
        qtbot.mouseClick(stepper.plus, Qt.MouseButton.LeftButton)
    panel.verdicts.finish_now()
    assert not is_available(stepper.plus) and is_available(stepper.minus)
    current, _lo, hi, step = session.editor.size_choice(session.design, panel.unit, "width")
    # Either the catalog's maximum, or a width the rules refuse one step further (checked independently).
    further = session.editor.resize(session.design, panel.unit, "width", current + step)
    assert current + step > hi or not session.editor.attempt(session.design, further).ok
    qtbot.waitUntil(lambda: panel.verdicts.pending == 0)
