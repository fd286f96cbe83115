"""The editor: the furniture in 3D (fingers turn, pinch and pan it) beside the customer's choices,
and a bar that always shows price, lead time and what the rules say, with Undo and Finish.

The view turns like a turntable, by finger and by mouse alike (the configurator's
camera, :mod:`app.ui.view.camera`); a finger-sized "Reset view" button over its
corner frames the furniture again exactly as a fresh start does.

The 3D view is one ``QtInteractor`` for the kiosk's whole life (made with
``auto_update=False, multi_samples=0``, closed with the window); each customer's
design is shown in it and taken out again on reset.  A tap on a part selects
that unit in the panel and outlines it.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from pyvistaqt import QtInteractor

from app.domain.catalog.texts import CatalogTexts
from app.domain.design.presets import empty_design
from app.ui.kiosk.choices import ChoicePanel
from app.ui.kiosk.drag_scroll import DragScroll
from app.ui.kiosk.feedback import feedback_lines, finding_text, summary_text
from app.ui.kiosk.i18n import days, money
from app.ui.kiosk.session import KioskSession
from app.ui.kiosk.touch_view import TouchOrbit
from app.ui.view.scene import SceneView
from app.ui.view.scene_overlays import LABEL_FONT_SIZE

PANEL_WIDTH = 680
LABEL_PX = 24   # 3D labels at 1080p: readable from an arm's length away
KIOSK_SETTLE_MS = 1500   # the kiosk's pause before the view's supersampled frame (settled_frame.py)


class EditorPage(QWidget):
    finish_requested = Signal()

    def __init__(self, session: KioskSession, target: int, parent=None):
        super().__init__(parent, objectName="editor")
        self.session = session
        self.texts: CatalogTexts | None = None
        self.language = "en"
        self._refused = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        middle = QHBoxLayout()
        self.plotter = QtInteractor(self, auto_update=False, multi_samples=0)
        self.plotter.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # Dimension labels read at arm's length: at least LABEL_PX tall (the configurator's are 14 px).
        self.scene = SceneView(self.plotter, scale=LABEL_PX / LABEL_FONT_SIZE)
        # Mouse and fingers drive the same turntable: it never rolls and never goes under the floor.
        self.scene.use_turntable_mouse()
        if self.scene.settled is not None:
            # A customer taps again within a second or so: the supersampled frame (about four frames
            # under software OpenGL) waits for a real pause, so it seldom holds up the next tap.
            self.scene.settled.set_delay(KIOSK_SETTLE_MS)
        self.touch = TouchOrbit(self.plotter, self.scene.camera_control, self)
        self.touch.tapped.connect(self._tapped)
        # The first design is framed before the page was ever shown, at the view's default size: once
        # VTK has the real size, an untouched framing is done again (the first customer sees it right).
        self.plotter.installEventFilter(self)
        view = QWidget(objectName="view")
        stack = QGridLayout(view)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.plotter, 0, 0)
        # Over the view's bottom left corner, where no dimension label goes (they sit round the furniture).
        self.reset_view = QPushButton(objectName="resetView")
        self.reset_view.setMinimumSize(round(target * 3.2), round(target * 1.3))
        self.reset_view.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.reset_view.clicked.connect(self.scene.reset_camera)
        corner = QWidget(objectName="resetCorner")
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(16, 16, 16, 16)
        corner_row.addWidget(self.reset_view)
        stack.addWidget(corner, 0, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        corner.raise_()
        middle.addWidget(view, 1)
        self.panel = ChoicePanel(session, target)
        self.panel.unit_selected.connect(self.scene.set_selected)
        self.panel.explained.connect(self._on_explained)
        self.panel.reframe.connect(self.scene.frame_all)   # a part added or taken away: all of it in sight
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame,
                             horizontalScrollBarPolicy=Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.panel)
        scroll.setFixedWidth(PANEL_WIDTH)
        # Dragging anywhere on the panel scrolls it (DragScroll keeps taps as taps); the finger-wide
        # bar shows where the customer is.
        scroll.verticalScrollBar().setStyleSheet(
            f"QScrollBar:vertical {{ width: {target}px; background: #ECEEF1; }}"
            f" QScrollBar::handle:vertical {{ min-height: {target * 2}px; background: #A9AFB8;"
            f" border-radius: {target // 3}px; margin: 6px; }}")
        self.scroll = scroll
        self.drag_scroll = DragScroll(scroll)
        middle.addWidget(scroll)
        column.addLayout(middle, 1)
        bar = QFrame(objectName="statusBar")
        bar.setStyleSheet("#statusBar { background: white; border-top: 1px solid #DADDE1; }")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 12, 24, 12)
        money_column = QVBoxLayout()
        self.price = QLabel(objectName="price")
        self.price.setProperty("role", "price")
        self.lead = QLabel(objectName="leadTime")
        self.lead.setProperty("role", "muted")
        money_column.addWidget(self.price)
        money_column.addWidget(self.lead)
        row.addLayout(money_column)
        row.addSpacing(24)
        self.feedback = QLabel(objectName="feedback", wordWrap=True)
        self.feedback.setProperty("role", "feedback")
        row.addWidget(self.feedback, 1)
        row.addSpacing(24)
        self.undo = QPushButton(objectName="undo")
        self.undo.clicked.connect(session.undo)
        self.finish = QPushButton(objectName="finish")
        self.finish.setProperty("primary", True)
        self.finish.clicked.connect(self.finish_requested)
        row.addWidget(self.undo)
        row.addWidget(self.finish)
        column.addWidget(bar)
        session.changed.connect(self.refresh)
        session.refused.connect(self._on_refused)
        # The design announces an edit before the history records it: Undo follows the history itself.
        session.history_changed.connect(lambda: self.undo.setEnabled(session.can_undo))

    # ------------------------------------------------------------------ customer
    def show_session(self) -> None:
        """Show the session's new design in the view (the camera frames it)."""
        self._refused = ""
        self.scene.show_design(self.session.catalog, self.session.design)
        self.scene.set_view("iso")
        self.panel.unit = None
        self.refresh()
        self.scroll.verticalScrollBar().setValue(0)   # "Which part?" and "Size" in sight, whatever came before

    def clear(self) -> None:
        """Take the customer's design out of the view and the panel (the reset)."""
        self._refused = ""
        self.scene.set_selected(None)
        self.scene.show_design(self.session.catalog, empty_design(self.session.catalog, ""))
        self.panel.unit = None
        self.scroll.verticalScrollBar().setValue(0)
        for label in (self.price, self.lead, self.feedback):
            label.clear()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.plotter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.scene.refit_if_untouched)
        return False

    def _tapped(self, x: float, y: float) -> None:
        picked = self.scene.pick(x, y)
        design = self.session.design
        if picked is None or design is None:
            return
        unit = self.session.editor.unit_of(design, picked)
        if unit is not None:
            self.panel.select_unit(unit)

    def _on_refused(self, outcome) -> None:
        first = outcome.errors[0]
        self._refused = finding_text(first, self.session.design, self.texts, self.language) \
            if hasattr(first, "code") else self.tr("That change is not possible.")
        self.refresh()

    def _on_explained(self, reason: str) -> None:
        """A greyed-out choice was tapped: its reason heads the feedback bar until the next step."""
        self._show_feedback(reason)

    # ------------------------------------------------------------------ showing
    def retranslate(self, texts: CatalogTexts, language: str) -> None:
        self.texts, self.language = texts, language
        self.undo.setText(self.tr("↶ Undo"))
        self.reset_view.setText(self.tr("⟲ Reset view"))
        self.finish.setText(self.tr("Finish"))
        self.panel.retranslate(texts, language)
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        if session.design is None or self.texts is None:
            return
        quote, report = session.quote, session.report
        if quote is not None:
            self.price.setText(money(quote.price_gross, quote.currency, self.language))
            self.lead.setText(self.tr("Ready in %1").replace("%1", days(quote.lead_time_days)))
        self._show_feedback(self._refused)
        self._refused = ""
        self.undo.setEnabled(session.can_undo)
        self.finish.setEnabled(report is not None and report.ready_to_order)
        self.panel.refresh()
        if self.panel.unit is not None:
            self.scene.set_selected(self.panel.unit)

    def _show_feedback(self, first: str = "") -> None:
        """The bar's lines: ``first`` (why a choice was refused), the status, then the notes."""
        session = self.session
        status, tone = summary_text(session.report)
        # One line per distinct note, naming the units it is about ("Parts 1 and 2: ..."), never twice.
        notes = feedback_lines(session.report, session.design, self.texts, self.language, session.editor)
        lines = ([first] if first else []) + [status] + notes[:2]
        self.feedback.setText("\n".join(lines))
        self.feedback.setProperty("tone", "error" if first else tone)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def close_view(self) -> None:
        self.scene.close()
        self.plotter.close()
