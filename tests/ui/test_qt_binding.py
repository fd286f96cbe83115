"""The Qt binding must not lose references to None (PySide6 6.12.0 on Python 3.11 did).

Every call that returned nothing dropped one reference to None; a window makes
thousands of such calls per minute, and after some hours of use Python aborts
with "deallocating None".  pyproject.toml keeps such a version out; this test
tells the next person who lifts the pin.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidgetItem

pytestmark = pytest.mark.gui
CALLS = 2000


def _none_refs_lost(call) -> int:
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()
    gc.collect()
    return before - sys.getrefcount(None)


@pytest.mark.parametrize("what", ["QLabel.setText", "QListWidgetItem.setData", "QListWidgetItem.setToolTip"])
def test_calls_that_return_nothing_keep_none_alive(qtbot, what):
    label = QLabel()
    qtbot.addWidget(label)
    item = QListWidgetItem("row")
    call = {"QLabel.setText": lambda: label.setText("text"),
            "QListWidgetItem.setData": lambda: item.setData(Qt.ItemDataRole.UserRole, "id"),
            "QListWidgetItem.setToolTip": lambda: item.setToolTip("tip")}[what]
    # A few references may come and go with caches; a leak loses one per call.
    assert _none_refs_lost(call) < CALLS // 10
