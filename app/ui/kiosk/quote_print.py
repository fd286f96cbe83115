"""The summary's "Print my quote": the customer's quote printed on the kiosk's printer, never on disk.

The quote (:mod:`app.domain.production.papers.customer_quote`) is made in the
customer's language with the rules' extra hardware, as the price bar shows it;
its picture is the one the summary already shows (taken from the label as PNG
bytes in memory, so printing costs no second render); the PDF is made in
memory and drawn page by page onto a :class:`QPrinter` for the printer named
in the kiosk settings (``printer``, see
:mod:`app.domain.showroom.kiosk_settings`), through :class:`QPdfDocument`
reading a memory buffer.  Nothing of it is written to a file: the next
customer cannot find the last one's quote on the kiosk.

Without a printer in the settings, or when the named printer is not known to
the system, the button says so and does nothing.  Its words come from the
papers' own table (:mod:`app.domain.production.papers.words`), in the
customer's language.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.production.exports import quote_pdf
from app.domain.production.papers.customer_quote import customer_quote
from app.domain.production.papers.words import Words
from app.domain.production.parts import PartsError

log = logging.getLogger("modulor.kiosk")
NOTE_MS = 8000    # how long the button says the quote is printing (or why not)


def configured_printer(widget: QWidget) -> str:
    """The printer named in the settings of the kiosk window holding ``widget`` ('' when none)."""
    settings = getattr(widget.window(), "settings", None)
    return str(getattr(settings, "printer", "") or "")


def system_printer(name: str) -> QPrinter | None:
    """A QPrinter for the system printer ``name``, or None when the system does not know it."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Quote")
    return printer


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Draw every page of the PDF ``data`` (in memory) onto ``printer``; returns the pages printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"the quote's PDF could not be read ({document.error()})")
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer cannot be opened")
    pages = document.pageCount()
    try:
        for index in range(pages):
            if index:
                printer.newPage()
            area = painter.viewport()
            page = document.pagePointSize(index)
            scale = min(area.width() / page.width(), area.height() / page.height())
            size = QSize(int(page.width() * scale), int(page.height() * scale))
            image = document.render(index, size)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
        document.close()
        buffer.close()
    return pages


class QuotePrint(QObject):
    """The print button of a summary page (it has ``session``, ``language`` and ``picture``)."""

    def __init__(self, page: QWidget):
        super().__init__(page)
        self.page = page
        self.button = QPushButton(objectName="printQuote")
        self.button.clicked.connect(self.print_quote)
        self.make_printer = system_printer   # tests put a printer of their own here
        self.last_pages = 0
        self._note = QTimer(self, singleShot=True, interval=NOTE_MS)
        self._note.timeout.connect(self.refresh)

    def words(self) -> Words:
        return Words(getattr(self.page, "language", "en"))

    def refresh(self) -> None:
        """The button's text and state for the current language and settings."""
        if self._note.isActive():
            return
        ready = bool(configured_printer(self.page))
        self.button.setEnabled(ready)
        self.button.setText(self.words().get("print_quote" if ready else "no_printer"))

    def _say(self, key: str) -> None:
        self.button.setText(self.words().get(key))
        self._note.start()

    def print_quote(self) -> bool:
        name = configured_printer(self.page)
        session = getattr(self.page, "session", None)
        if not name or session is None or session.design is None:
            self.refresh()
            return False
        printer = self.make_printer(name)
        if printer is None:
            log.error("quote not printed: the system has no printer '%s'", name)
            self._say("print_failed")
            return False
        try:
            extra = session.report.required_hardware() if session.report is not None else ()
            quote = customer_quote(session.catalog, session.design, extra, self.words().language)
            self.last_pages = print_pdf(quote_pdf.render(quote, self._picture_png()), printer)
        except (PartsError, RuntimeError) as exc:
            log.error("quote not printed: %s", exc)
            self._say("print_failed")
            return False
        log.info("quote printed on '%s' (%d pages)", name, self.last_pages)
        self._say("printing")
        return True

    def _picture_png(self) -> bytes | None:
        """The summary's picture as PNG bytes in memory (no second render, no file)."""
        label = getattr(self.page, "picture", None)
        pixmap = label.pixmap() if label is not None else None
        if pixmap is None or pixmap.isNull():
            return None
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        return bytes(buffer.data().data())


__all__ = ["QuotePrint", "configured_printer", "print_pdf", "system_printer"]
