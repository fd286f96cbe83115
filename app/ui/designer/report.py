"""The check report panel: verdict, units and up axis to confirm, the origin fix, every finding.

Shows a :class:`~app.domain.mesh.report.MeshReport`; the designer's answers go out
as signals (``units_chosen``, ``up_chosen``, ``fix_origin``), the window updates
the session and hands back a new report.  Each finding is one row: a coloured
tag (ok, info, fix, warning, error), the check and the sentence that explains it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.mesh.report import MeshReport
from app.domain.mesh.units import UNIT_NAMES

LEVEL_COLORS = {"ok": "#2E7D32", "info": "#546E7A", "fix": "#1565C0", "warning": "#B26A00", "error": "#C62828"}
VERDICTS = {  # text, background
    "ready": ("Ready: fit, nothing to fix", "#2E7D32"),
    "fit": ("Fit for the showroom once published", "#1565C0"),
    "check": ("Fit once published: look at the warnings", "#B26A00"),
    "unfit": ("Unfit: fix the errors in your 3D tool", "#C62828"),
    "none": ("No mesh open", "#78909C"),
}
CHECK_NAMES = {"units": "Units", "up": "Up axis", "size": "Size", "flat": "Flat", "plausible": "Size?",
               "reference": "Catalog size", "origin": "Origin", "closed": "Closed", "normals": "Normals",
               "degenerate": "Degenerate", "duplicates": "Duplicates", "pieces": "Pieces", "budget": "Triangles",
               "textures": "Textures", "file": "File", "front": "Front", "turned": "Turned"}


class ReportPanel(QWidget):
    units_chosen = Signal(str)
    up_chosen = Signal(str)
    fix_origin = Signal()
    rotate = Signal(str)     # an axis: turn the mesh +90 degrees about it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.file_label = QLabel("Open a mesh file (File ▸ Open, Ctrl+O)")
        self.file_label.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(30)

        self.units = QComboBox()
        for code, name in UNIT_NAMES.items():
            self.units.addItem(f"{name} ({code})", code)
        self.units.setToolTip("The units the file was made in; everything is converted to millimetres")
        self.units_reason = self._note()
        self.up = QComboBox()
        self.up.addItem("Z up (CAD, Modulor)", "Z")
        self.up.addItem("Y up (glTF, most 3D tools)", "Y")
        self.up.setToolTip("Which axis of the file points up; Modulor turns Y-up files to Z up")
        self.up_reason = self._note()
        self.origin_button = QPushButton("Fix origin")
        self.origin_button.setToolTip("Move the mesh so its back-left-bottom corner is at the origin")
        self.origin_state = self._note()
        # A mesh whose front faces the wrong way (the Front check says so) is turned here in 90° steps.
        self.rotate_buttons = {}
        turn_row = QHBoxLayout()
        for axis in "xyz":
            button = self.rotate_buttons[axis] = QPushButton(f"{axis.upper()} +90°")
            button.setToolTip(f"Turn the mesh 90° about its {axis.upper()} axis (right hand)")
            button.clicked.connect(lambda _c=False, a=axis: self.rotate.emit(a))
            turn_row.addWidget(button)

        form = QFormLayout()
        form.addRow("Units", self.units)
        form.addRow("", self.units_reason)
        form.addRow("Up axis", self.up)
        form.addRow("", self.up_reason)
        form.addRow("Origin", self.origin_button)
        form.addRow("", self.origin_state)
        form.addRow("Rotate", turn_row)

        self.findings = QTextBrowser()
        self.findings.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.verdict)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Checks</b>"))
        layout.addWidget(self.findings, 1)

        self.units.activated.connect(lambda i: self.units_chosen.emit(self.units.itemData(i)))
        self.up.activated.connect(lambda i: self.up_chosen.emit(self.up.itemData(i)))
        self.origin_button.clicked.connect(self.fix_origin.emit)
        self.show_report(None)

    @staticmethod
    def _note() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: #5F6B76; font-size: 11px;")
        return label

    def _set_verdict(self, key: str) -> None:
        text, color = VERDICTS[key]
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"background: {color}; color: white; font-weight: bold; border-radius: 4px;")
        self.verdict.setProperty("verdict", key)

    def show_report(self, report: MeshReport | None, name: str = "") -> None:
        enabled = report is not None
        for widget in (self.units, self.up, self.origin_button, *self.rotate_buttons.values()):
            widget.setEnabled(enabled)
        if report is None:
            self._set_verdict("none")
            self.findings.setHtml("")
            for label in (self.units_reason, self.up_reason, self.origin_state):
                label.clear()
            return
        self.file_label.setText(f"<b>{html.escape(name or str(report.path))}</b><br>"
                                f"{report.inspected.mesh.triangle_count} triangles, "
                                f"{len(report.inspected.mesh.part_names)} part(s), "
                                f"{report.inspected.mesh.format.upper()}")
        warned = any(f.level == "warning" for f in report.findings)
        self._set_verdict("ready" if report.ready else "unfit" if not report.fit else "check" if warned else "fit")
        self.units.setCurrentIndex(self.units.findData(report.units.value))
        self.up.setCurrentIndex(self.up.findData(report.up.value))
        sure = "" if report.units.certain else "Please confirm: "
        self.units_reason.setText(f"{sure}{report.units.reason}")
        self.up_reason.setText(report.up.reason)
        origin = report.finding("origin")
        self.origin_button.setEnabled(origin is not None and origin.level != "ok")
        self.origin_state.setText(origin.message if origin else "")
        rows = []
        for finding in report.findings:
            color = LEVEL_COLORS[finding.level]
            rows.append(f"<tr><td style='padding:3px 6px 3px 0'><span style='background:{color}; color:white; "
                        f"padding:1px 4px'>&nbsp;{finding.level}&nbsp;</span></td>"
                        f"<td style='padding:3px 6px 3px 0'><b>{CHECK_NAMES.get(finding.check, finding.check)}</b>"
                        f"</td><td style='padding:3px 0'>{html.escape(finding.message)}</td></tr>")
        self.findings.setHtml(f"<table cellspacing='0'>{''.join(rows)}</table>")

    def show_refusal(self, name: str, message: str) -> None:
        self.show_report(None)
        self.file_label.setText(f"<b>{html.escape(name)}</b>")
        self.verdict.setText("Refused")
        self.verdict.setStyleSheet("background: #C62828; color: white; font-weight: bold; border-radius: 4px;")
        self.verdict.setProperty("verdict", "refused")
        self.findings.setHtml(f"<p style='color:#C62828'>{html.escape(message)}</p>")
