"""The problems list: every finding of the rules, errors first, with its fixes as buttons.

A row says what is wrong (the rule's message and the measured value against the
limit); clicking it selects the module and frames it in the 3D view; each fix is
a button that applies it as one undoable edit.  Rows show at once; their fixes
are worked out a row per event-loop turn afterwards (a fix is a search over trial
designs), so the list never holds up the edit that changed it.  Below the
findings: notes about the catalog (entries left out) and about the last opened
file, which are not the design's problems but must not be hidden either.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.rules import Finding, Fix, RulesEngine
from app.ui.configurator.feedback import DesignFeedback
from app.ui.document import DesignDocument

MAX_ROWS = 60      # a longer list helps nobody; the count says how many more there are
FIX_DELAY_MS = 250  # fixes are worked out once the edits pause (a slider drag does not wait for them)
ROWS_WITHOUT_VIEW = 6
COLORS = {"error": "#C62828", "warning": "#B7791F"}
# One sheet for the panel; rows pick their colour by a property (a sheet per row is slow to apply).
STYLE = """
QFrame#findingRow { background: white; border: 1px solid #DADCE0; border-left: 5px solid #B7791F;
                    border-radius: 4px; }
QFrame#findingRow[severity="error"] { border-left: 5px solid #C62828; }
QFrame#findingRow:hover { background: #F5F8FC; }
"""


class FindingRow(QFrame):
    """One finding: its message and measure, and a row of fix buttons filled in later."""

    clicked = Signal(object)   # the Finding

    def __init__(self, finding: Finding, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findingRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.finding = finding
        self.fix_buttons: list[QPushButton] = []
        self.fixes_known = False
        self.message = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.NoTextInteraction)
        self.message.setObjectName("findingMessage")
        self.fix_row = QHBoxLayout()
        self.fix_row.setSpacing(6)
        if RulesEngine.may_have_fixes(finding):
            # Holds the buttons' place while the fixes are worked out: the list does not jump.
            waiting = QLabel("Looking for the nearest fix…", minimumHeight=36, objectName="fixPending")
            waiting.setStyleSheet("color: #80868B;")
            self.fix_row.addWidget(waiting)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 8, 6)
        column.setSpacing(4)
        column.addWidget(self.message)
        column.addLayout(self.fix_row)
        self.show_finding(finding)

    def show_finding(self, finding: Finding) -> None:
        if finding.severity != self.property("severity"):
            self.setProperty("severity", finding.severity)
            self.style().unpolish(self)
            self.style().polish(self)
        self.finding = finding
        word = "Cannot be made" if finding.severity == "error" else "Good to know"
        self.message.setText(f"<b style='color:{COLORS[finding.severity]}'>{word}:</b> {finding.message}")

    def set_fixes(self, fixes: tuple[Fix, ...], apply: Callable[[Finding, Fix], None]) -> None:
        while self.fix_row.count():
            item = self.fix_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.fix_buttons = []
        for fix in fixes:
            button = QPushButton(fix.label, minimumHeight=36, objectName="fixButton")
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, fix=fix: apply(self.finding, fix))
            self.fix_row.addWidget(button)
            self.fix_buttons.append(button)
        self.fix_row.addStretch(1)
        self.fixes_known = True

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding)
        super().mousePressEvent(event)


class ProblemsPanel(QWidget):
    def __init__(self, document: DesignDocument, feedback: DesignFeedback,
                 focus_module: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setStyleSheet(STYLE)
        self.document = document
        self.feedback = feedback
        self.focus_module = focus_module
        self.rows: list[FindingRow] = []
        self.summary = QLabel(objectName="problemsSummary")
        self.more = QLabel(objectName="moreFindings")
        self.notes = QLabel(objectName="problemNotes", wordWrap=True)
        self.notes.setStyleSheet("color: #5F6368;")
        self._catalog_notes: list[str] = []
        self._file_notes: list[str] = []
        self._list = QVBoxLayout()
        self._list.setSpacing(6)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 6)
        column.addWidget(self.summary)
        column.addLayout(self._list)
        column.addWidget(self.more)
        column.addWidget(self.notes)
        column.addStretch(1)
        scroll = self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._fixer.start(FIX_DELAY_MS))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._fixer = QTimer(self, singleShot=True, interval=FIX_DELAY_MS)
        self._fixer.timeout.connect(self._fill_next_fixes)
        self._later = QTimer(self, singleShot=True, interval=0)   # after the 3D frame, like the status bar
        self._later.timeout.connect(self.refresh)
        feedback.updated.connect(self._later.start)
        self.refresh()

    # ------------------------------------------------------------------ notes
    def set_catalog_notes(self, lines: list[str]) -> None:
        self._catalog_notes = list(lines)
        self._show_notes()

    def set_file_notes(self, lines: list[str]) -> None:
        self._file_notes = list(lines)
        self._show_notes()

    def _show_notes(self) -> None:
        lines = [f"Catalog: {line}" for line in self._catalog_notes] + [f"File: {line}" for line in self._file_notes]
        self.notes.setText("<br>".join(lines))
        self.notes.setVisible(bool(lines))

    # --------------------------------------------------------------- findings
    def refresh(self) -> None:
        report = self.feedback.report
        findings = list(report.findings[:MAX_ROWS])
        errors, warnings = len(report.errors), len(report.warnings)
        notes = f", {warnings} note{'s' if warnings != 1 else ''}" if warnings else ""
        if len(self.document.design):
            self.summary.setText(f"<b>{report.summary()}</b>{notes}")
        else:   # nothing to order yet: say what to do, not "Ready to order"
            self.summary.setText("<b>Nothing placed yet.</b> Add modules from the library, or start from a preset.")
        hidden = len(report.findings) - len(findings)
        self.more.setText(f"… and {hidden} more" if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        # Keep the rows of problems that are still there (with their fixes); add and drop the others.
        old = {row.finding.key: row for row in self.rows}
        self.rows = []
        for index, finding in enumerate(findings):
            row = old.pop(finding.key, None)
            if row is None:
                row = FindingRow(finding)
                row.clicked.connect(self._on_clicked)
            elif finding != row.finding:   # new figures: its fixes are worked out again
                row.show_finding(finding)
                row.fixes_known = False
            if self._list.indexOf(row) != index:   # moving a widget in a layout lays it out again
                self._list.insertWidget(index, row)
            self.rows.append(row)
        for row in old.values():
            row.hide()
            row.deleteLater()
        if errors or warnings:
            self._fixer.start(FIX_DELAY_MS)

    def _fill_next_fixes(self) -> None:
        """Work out the fixes of the next row in sight still without them; one row per event-loop turn.

        Only rows the customer can see: a long list does not keep the machine busy for rows
        nobody looks at (scrolling brings the next ones in).
        """
        row = next((r for r in self.rows if not r.fixes_known and self._in_sight(r)), None)
        if row is None:
            return
        row.set_fixes(self.feedback.fixes(row.finding), self._apply)
        self._fixer.start(0)   # the next row in the next turn

    def _in_sight(self, row: FindingRow) -> bool:
        if not self.isVisible():   # a window not shown yet (tests, start-up): the first rows
            return self.rows.index(row) < ROWS_WITHOUT_VIEW
        top = row.mapTo(self.scroll.viewport(), row.rect().topLeft()).y()
        return top < self.scroll.viewport().height() and top + row.height() > 0

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fixer.start(FIX_DELAY_MS)   # a taller list shows rows that need their fixes

    def _apply(self, finding: Finding, fix: Fix) -> None:
        if not self.feedback.apply(finding, fix):
            self.document.message.emit("That fix no longer applies to the design as it is now.")

    def _on_clicked(self, finding: Finding) -> None:
        module_id = finding.modules[0]
        if module_id in self.document.design:
            self.document.select(module_id)
            self.focus_module(module_id)
