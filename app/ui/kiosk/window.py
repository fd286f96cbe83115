"""The kiosk window: one full-screen window, its screens, one customer's session, and the reset.

Screens: welcome -> editor -> summary -> done, the attract mode while nobody
is there, and the settings behind the administrator's PIN (a long press on the
Modulor mark in the corner).  :meth:`KioskWindow.reset` is the one way back to
a clean welcome screen, used after the idle countdown, "Start over", "Done"
and any error: it drops the session (design, undo history, quote), clears every
screen that showed something of it (scroll positions, selection and camera
included), deletes recovery files, and returns to the default language, except
after "Start over": that is the same customer, who keeps the language they chose.
"Start over" on a changed design asks first (:class:`StartOverQuestion`).
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.texts import CatalogTexts
from app.domain.design.presets import design_from_preset
from app.domain.design.recovery import RECOVERY_GLOB, recovery_dir, remove_leftovers_of_killed_writes
from app.domain.production.parts import PartsError
from app.domain.showroom.chain_settings import load_chain_settings
from app.domain.showroom.kiosk_settings import KioskSettings, save_settings
from app.domain.showroom.order_placing import start_sender
from app.domain.showroom.order_store import OrderStoreError
from app.domain.showroom.sealed_contacts import SealedContactError
from app.editing.kiosk_choices import KioskEditor
from app.ui.kiosk.admin import PinPad, SettingsPage
from app.ui.kiosk.attract import AttractPage
from app.ui.kiosk.done_page import DonePage
from app.ui.kiosk.editor_page import EditorPage
from app.ui.kiosk.i18n import Translations
from app.ui.kiosk.idle import IdleWatcher, StillThere
from app.ui.kiosk.lockdown import Lockdown
from app.ui.kiosk.pictures import design_pixmap
from app.ui.kiosk.session import KioskSession
from app.ui.kiosk.start_over import PICTURE as START_OVER_PICTURE
from app.ui.kiosk.start_over import StartOverQuestion
from app.ui.kiosk.summary_page import SummaryPage
from app.ui.kiosk.theme import style_sheet, touch_target
from app.ui.kiosk.welcome import CARD_PICTURE, WelcomePage

LONG_PRESS_MS = 2000
LEAVE_EXIT_CODE = 3   # the service manager does not restart the kiosk after this (docs/kiosk.md)
log = logging.getLogger("modulor.kiosk")


class LongPressButton(QPushButton):
    """A button that only answers a press held for ``LONG_PRESS_MS`` (a customer's tap does nothing)."""

    long_pressed = Signal()

    def __init__(self, text: str, parent=None):
        super().__init__(text, parent, objectName="kioskMark")
        self.setFlat(True)
        self.setStyleSheet("QPushButton { border: none; background: transparent; font-size: 28px;"
                           " font-weight: 800; color: #1F6FEB; }")
        self._timer = QTimer(self, singleShot=True, interval=LONG_PRESS_MS)
        self._timer.timeout.connect(self.long_pressed)
        self.pressed.connect(self._timer.start)
        self.released.connect(self._timer.stop)


class KioskWindow(QWidget):
    closed = Signal()

    def __init__(self, catalog: Catalog, settings: KioskSettings, app, settings_file: Path | None = None):
        super().__init__(objectName="kiosk")
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.catalog = catalog
        self.settings = settings
        self.settings_file = settings_file
        self.app = app
        self.leaving = False
        self.target = touch_target()
        self.setStyleSheet(style_sheet(self.target))
        self.translations = Translations(app)
        self.language = settings.default_language
        self.texts = CatalogTexts(catalog)
        self.lockdown = Lockdown(app, self)
        self.session = KioskSession(catalog, KioskEditor(catalog), self)
        # A chain's kiosk delivers its orders to the central database from a thread (docs/orders.md).
        self.chain = load_chain_settings()
        self.sender = start_sender(self.chain, settings.order_store_path(), log)   # its news in kiosk.log

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        header = QWidget(objectName="kioskHeader")
        header.setStyleSheet("#kioskHeader { background: white; border-bottom: 1px solid #DADDE1; }")
        row = QHBoxLayout(header)
        row.setContentsMargins(24, 6, 24, 6)
        self.mark = LongPressButton("Modulor")   # the brand: the same in every language
        self.mark.long_pressed.connect(self.ask_pin)
        self.design_title = QLabel(objectName="designTitle")
        self.design_title.setProperty("role", "heading")
        self.start_over = QPushButton(objectName="startOver")
        self.start_over.clicked.connect(self.ask_start_over)
        row.addWidget(self.mark)
        row.addSpacing(30)
        row.addWidget(self.design_title)
        row.addStretch(1)
        row.addWidget(self.start_over)
        column.addWidget(header)

        pictures, quotes = self._preset_cards()
        self.welcome = WelcomePage(catalog, settings.languages, pictures, quotes)
        self.editor = EditorPage(self.session, self.target)
        self.summary = SummaryPage(self.session, self.target)
        self.done = DonePage()
        self.attract = AttractPage(catalog)
        self.settings_page = SettingsPage(self.target)
        self.stack = QStackedWidget()
        for page in (self.welcome, self.editor, self.summary, self.done, self.attract, self.settings_page):
            self.stack.addWidget(page)
        column.addWidget(self.stack, 1)
        self.still_there = StillThere(self)
        self.pin_pad = PinPad(self, self.target)
        self.start_over_question = StartOverQuestion(self, self.target)
        self.start_over_question.confirmed.connect(lambda: self.reset(keep_language=True))

        self.welcome.language_chosen.connect(self.set_language)
        self.welcome.preset_chosen.connect(self.start)
        self.editor.finish_requested.connect(self.show_summary)
        self.summary.back_requested.connect(lambda: self.show_page(self.editor))
        self.summary.order_requested.connect(self.place_order)
        self.done.start_again.connect(lambda: self.reset())
        self.attract.woken.connect(lambda: self.show_page(self.welcome))
        self.still_there.expired.connect(lambda: self.reset())
        self.still_there.answered.connect(lambda: self.idle.poke())
        self.pin_pad.accepted.connect(self.open_settings)
        self.settings_page.saved.connect(self.save_settings)
        self.settings_page.cancelled.connect(lambda: self.reset())
        self.settings_page.leave_requested.connect(self.leave)
        self.idle = IdleWatcher(app, settings.idle_timeout_s, self)
        self.idle.idle.connect(self.on_idle)
        self.set_language(self.language)
        self.show_page(self.welcome)
        self.wipe_disk()

    # ------------------------------------------------------------------ building
    def _preset_cards(self) -> tuple[dict, dict]:
        """Pictures and prices of the presets: catalog data, made once for every customer."""
        pictures, quotes = {}, {}
        for preset_id in self.catalog.presets:
            design = design_from_preset(self.catalog, preset_id)
            pictures[preset_id] = design_pixmap(self.catalog, design, *CARD_PICTURE)
            try:
                report = self.session.editor.check(design)
                quotes[preset_id] = self.session.quoter.quote(design, None, report.required_hardware())
            except PartsError as exc:
                log.error("preset %s cannot be priced: %s", preset_id, exc)
        return pictures, quotes

    # ------------------------------------------------------------------ flow
    def show_page(self, page: QWidget) -> None:
        if page is not self.attract:
            self.attract.stop()
        self.stack.setCurrentWidget(page)
        in_visit = page in (self.editor, self.summary, self.done)
        self.start_over.setVisible(in_visit)
        self.design_title.setVisible(in_visit)
        if page is self.attract:
            self.attract.start()
        # The welcome screen waits longer before turning to the attract mode; a visit asks sooner.
        self.idle.set_timeout(self.settings.attract_after_s if page is self.welcome else self.settings.idle_timeout_s)

    def start(self, preset_id: str) -> None:
        self.session.start(preset_id)
        self.design_title.setText(self.texts.preset(preset_id, "name"))
        self.editor.show_session()
        self.show_page(self.editor)

    def show_summary(self) -> None:
        if self.session.report is None or not self.session.report.ready_to_order:
            return
        self.summary.show_session(self.settings.collect_contact)
        self.show_page(self.summary)

    def place_order(self, contact: dict) -> None:
        try:
            order = self.session.place_order(self.language, self.settings.order_store_path(), contact or None,
                                             chain=self.chain)
        except (OrderStoreError, SealedContactError, OSError) as exc:
            log.error("order not stored: %s", exc)
            self.summary.lead.setText(self.tr("Sorry, the order could not be stored. Please ask our staff."))
            return
        log.info("order %s placed", order.code)
        if self.sender is not None:
            self.sender.wake()   # delivered in moments when the central database is reachable
        self.summary.clear()   # the typed contact details leave memory with the page's fields
        self.done.show_code(order.code)
        self.show_page(self.done)

    def on_idle(self) -> None:
        page = self.stack.currentWidget()
        if page is self.welcome and not self.pin_pad.isVisible():
            self.show_page(self.attract)
        elif page in (self.editor, self.summary, self.done):
            self.still_there.ask(self.settings.countdown_s)
        elif page is self.settings_page or self.pin_pad.isVisible():
            self.reset()

    def ask_start_over(self) -> None:
        """The "Start over" button: straight back when nothing was changed, otherwise ask (with a picture)."""
        if not self.session.edited:
            self.reset(keep_language=True)
            return
        self.start_over_question.ask(design_pixmap(self.catalog, self.session.design, *START_OVER_PICTURE))

    def reset(self, *, keep_language: bool = False) -> None:
        """Back to a clean welcome screen: nothing of the last customer stays in memory or on disk.

        The language goes back to the kiosk's default (the next customer is someone else), unless
        ``keep_language``: "Start over" is the same customer, in the language they chose."""
        self.still_there.dismiss()
        self.start_over_question.dismiss()
        self.pin_pad.close_pad()
        self.session.wipe()
        self.editor.clear()
        self.summary.clear()
        self.done.clear()
        self.design_title.clear()
        for area in self.findChildren(QAbstractScrollArea):   # the next customer starts at the top
            area.verticalScrollBar().setValue(0)
            area.horizontalScrollBar().setValue(0)
        self.wipe_disk()
        self.set_language(self.language if keep_language else self.settings.default_language)
        self.show_page(self.welcome)
        gc.collect()   # the dropped document and its history go now, not at some later collection

    def wipe_disk(self) -> None:
        """Recovery files (a crash of an earlier run) hold a customer's design: delete them, and the
        temporary files of writes that were killed (a settings save, a contact key) with them."""
        folder = recovery_dir()
        for path in folder.glob(RECOVERY_GLOB) if folder.is_dir() else ():
            path.unlink(missing_ok=True)
        remove_leftovers_of_killed_writes([Path(self.settings_file).parent] if self.settings_file else [])

    # ------------------------------------------------------------------ language
    def set_language(self, language: str) -> None:
        if language not in self.settings.languages:
            language = self.settings.languages[0]
        self.language = language
        self.translations.use(language)
        self.texts = CatalogTexts.load(self.catalog, language)
        self.retranslate()

    def retranslate(self) -> None:
        self.start_over.setText(self.tr("Start over"))
        self.welcome.retranslate(self.texts, self.language)
        self.editor.retranslate(self.texts, self.language)
        self.summary.retranslate(self.texts, self.language)
        self.done.retranslate()
        self.attract.retranslate()
        self.pin_pad.retranslate()
        self.start_over_question.retranslate()
        if self.session.preset_id:
            self.design_title.setText(self.texts.preset(self.session.preset_id, "name"))

    # ------------------------------------------------------------------ administrator
    def ask_pin(self) -> None:
        self.pin_pad.open_pad(self.settings)

    def open_settings(self) -> None:
        self.settings_page.edit(self.settings)
        self.show_page(self.settings_page)

    def apply_settings(self, settings: KioskSettings) -> None:
        """Use new settings at once (idle times, languages, contact details, store)."""
        self.settings = settings
        self.idle.set_timeout(settings.idle_timeout_s)

    def save_settings(self, settings: KioskSettings) -> None:
        self.apply_settings(settings)
        try:
            save_settings(settings, self.settings_file)
        except OSError as exc:
            log.error("settings not saved: %s", exc)
        self.reset()

    def leave(self) -> None:
        self.leaving = True
        self.close()
        self.app.exit(LEAVE_EXIT_CODE)

    # ------------------------------------------------------------------ closing
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for overlay in (self.still_there, self.pin_pad):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())
        if self.start_over_question.isVisible():
            self.start_over_question.place()

    def closeEvent(self, event) -> None:
        if not self.leaving:   # Alt+F4, the window manager, a stray close: the kiosk stays
            event.ignore()
            return
        self.session.wipe()
        if self.sender is not None:   # what is not delivered stays in the outbox for the next start
            self.sender.stop(timeout=2.0)
        self.editor.close_view()
        self.attract.close_view()
        # The filters sit on the whole application: take them off, or another window would lose its keys.
        self.app.removeEventFilter(self.lockdown)
        self.app.removeEventFilter(self.idle)
        self.translations.remove()   # and the translators: another window would speak this customer's language
        self.idle.timer.stop()
        self.closed.emit()
        super().closeEvent(event)
