"""The administrator's way in: a PIN pad (wrong PINs refused, repeated tries slowed down)
and the settings screen behind it (idle times, languages, contact details, leaving kiosk mode).

The PIN is checked against its salted hash in the settings file
(:mod:`app.domain.showroom.kiosk_settings`); it is never shown or stored as typed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.showroom.kiosk_settings import KioskSettings
from app.ui.kiosk.i18n import NATIVE_NAMES
from app.ui.kiosk.widgets import Choices, Stepper

MAX_TRIES = 5
LOCKOUT_S = 60


class PinPad(QWidget):
    """Digits, Clear, OK and Cancel over a dimmed screen; ``accepted`` after the right PIN."""

    accepted = Signal()

    def __init__(self, parent: QWidget, target: int):
        super().__init__(parent, objectName="pinPad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#pinPad { background: rgba(20, 24, 30, 170); } #pinCard { background: white;"
                           " border-radius: 24px; }")
        self.settings: KioskSettings | None = None
        self.entered = ""
        self.failures = 0
        self.locked = QTimer(self, singleShot=True, interval=LOCKOUT_S * 1000)
        self.card = QFrame(self, objectName="pinCard")
        column = QVBoxLayout(self.card)
        column.setContentsMargins(40, 30, 40, 30)
        self.title = QLabel(objectName="pinTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setProperty("role", "heading")
        self.dots = QLabel(objectName="pinDots", alignment=Qt.AlignmentFlag.AlignCenter)
        self.dots.setStyleSheet("font-size: 40px; min-height: 60px;")
        self.message = QLabel(objectName="pinMessage", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setStyleSheet("color: #B42318;")
        column.addWidget(self.title)
        column.addWidget(self.dots)
        column.addWidget(self.message)
        grid = QGridLayout()
        size = round(target * 1.6)
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate("123456789C0K"):
            button = QPushButton(objectName=f"pin_{key}")
            button.setMinimumSize(size, size)   # Clear and OK may need more room in some languages
            button.setText(key if key.isdigit() else "")
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        self.clear_button, self.ok_button = self.keys["C"], self.keys["K"]
        column.addLayout(grid)
        self.cancel = QPushButton(objectName="pinCancel")
        self.cancel.clicked.connect(self.close_pad)
        column.addWidget(self.cancel)
        self.hide()

    def open_pad(self, settings: KioskSettings) -> None:
        self.settings = settings
        self.entered = ""
        self.message.clear()
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.card.adjustSize()
        self.card.move((self.width() - self.card.width()) // 2, (self.height() - self.card.height()) // 2)
        self._show()
        self.show()
        self.raise_()

    def close_pad(self) -> None:
        self.entered = ""
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff only: enter the PIN"))
        self.clear_button.setText(self.tr("Clear"))
        self.ok_button.setText(self.tr("OK"))
        self.cancel.setText(self.tr("Cancel"))

    def _press(self, key: str) -> None:
        if key == "C":
            self.entered = ""
        elif key == "K":
            self._check()
            return
        elif len(self.entered) < 12:
            self.entered += key
        self._show()

    def _check(self) -> None:
        pin, self.entered = self.entered, ""
        if self.locked.isActive():
            self.message.setText(self.tr("Too many wrong PINs. Wait a minute and try again."))
        elif self.settings is not None and self.settings.check_pin(pin):
            self.failures = 0
            self.hide()
            self.accepted.emit()
            return
        else:
            self.failures += 1
            self.message.setText(self.tr("Wrong PIN."))
            if self.failures >= MAX_TRIES:
                self.failures = 0
                self.locked.start()
        self._show()

    def _show(self) -> None:
        self.dots.setText("●" * len(self.entered))


class SettingsPage(QWidget):
    """What a shop may change at the kiosk; saved to the settings file."""

    saved = Signal(object)        # KioskSettings
    leave_requested = Signal()
    cancelled = Signal()

    def __init__(self, target: int, parent=None):
        super().__init__(parent, objectName="settingsPage")
        self.settings = KioskSettings()
        column = QVBoxLayout(self)
        column.setContentsMargins(80, 40, 80, 40)
        column.setSpacing(16)
        self.title = QLabel(objectName="settingsTitle")
        self.title.setProperty("role", "title")
        column.addWidget(self.title)
        self.idle = Stepper("idle", target)
        self.countdown = Stepper("countdown", target)
        self.attract = Stepper("attract", target)
        self.idle.stepped.connect(lambda d: self._step("idle_timeout_s", d * 15, 15, 3600))
        self.countdown.stepped.connect(lambda d: self._step("countdown_s", d * 5, 5, 300))
        self.attract.stepped.connect(lambda d: self._step("attract_after_s", d * 15, 15, 3600))
        for stepper in (self.idle, self.countdown, self.attract):
            column.addWidget(stepper)
        self.languages_label = QLabel()
        self.languages_label.setProperty("role", "heading")
        column.addWidget(self.languages_label)
        self.languages = Choices("languages", target, columns=3)
        self.languages.group.setExclusive(False)
        self.languages.chosen.connect(self._toggle_language)
        column.addWidget(self.languages)
        self.contact_label = QLabel()
        self.contact_label.setProperty("role", "heading")
        column.addWidget(self.contact_label)
        self.contact = Choices("contact", target, columns=2)
        self.contact.chosen.connect(lambda v: self._set(collect_contact=v))
        column.addWidget(self.contact)
        self.store = QLabel(objectName="storePath", wordWrap=True)
        self.store.setProperty("role", "muted")
        column.addWidget(self.store)
        column.addStretch(1)
        row = QGridLayout()
        self.leave = QPushButton(objectName="leaveKiosk")
        self.cancel = QPushButton(objectName="settingsCancel")
        self.save = QPushButton(objectName="settingsSave")
        self.save.setProperty("primary", True)
        self.leave.clicked.connect(self.leave_requested)
        self.cancel.clicked.connect(self.cancelled)
        self.save.clicked.connect(lambda: self.saved.emit(self.settings))
        row.addWidget(self.leave, 0, 0)
        row.addWidget(self.cancel, 0, 2)
        row.addWidget(self.save, 0, 3)
        row.setColumnStretch(1, 1)
        column.addLayout(row)

    def edit(self, settings: KioskSettings) -> None:
        self.settings = settings
        self.retranslate()

    def _set(self, **changes) -> None:
        self.settings = replace(self.settings, **changes)
        self.retranslate()

    def _step(self, name: str, delta: int, lo: int, hi: int) -> None:
        self._set(**{name: max(lo, min(hi, getattr(self.settings, name) + delta))})

    def _toggle_language(self, language: str) -> None:
        chosen = [code for code in NATIVE_NAMES if (code in self.settings.languages) != (code == language)]
        if chosen:   # at least one language stays
            default = self.settings.default_language if self.settings.default_language in chosen else chosen[0]
            self._set(languages=tuple(chosen), default_language=default)
        else:
            self.retranslate()

    def retranslate(self) -> None:
        s = self.settings
        self.title.setText(self.tr("Kiosk settings"))
        seconds = self.tr("%1 s")
        self.idle.label.setText(self.tr("Ask \"Are you still there?\" after"))
        self.idle.show_value(seconds.replace("%1", str(s.idle_timeout_s)), s.idle_timeout_s > 15, True)
        self.countdown.label.setText(self.tr("Then start afresh after"))
        self.countdown.show_value(seconds.replace("%1", str(s.countdown_s)), s.countdown_s > 5, True)
        self.attract.label.setText(self.tr("Turn a preset on the idle screen after"))
        self.attract.show_value(seconds.replace("%1", str(s.attract_after_s)), s.attract_after_s > 15, True)
        self.languages_label.setText(self.tr("Languages offered"))
        self.languages.set_options([(code, NATIVE_NAMES[code]) for code in NATIVE_NAMES], None)
        for language, button in self.languages.buttons.items():
            button.setChecked(language in s.languages)
        self.contact_label.setText(self.tr("Ask for contact details (optional for the customer, stored encrypted)"))
        self.contact.set_options([(False, self.tr("No")), (True, self.tr("Yes"))], s.collect_contact)
        self.store.setText(self.tr("Orders are stored in %1 (change it in the settings file).")
                           .replace("%1", str(s.order_store_path())))
        self.leave.setText(self.tr("Leave kiosk mode"))
        self.cancel.setText(self.tr("Cancel"))
        self.save.setText(self.tr("Save"))
