"""Languages of the kiosk: Qt translation files for its own words, QLocale for numbers and money.

The kiosk's words live in ``i18n/kiosk_<lang>.ts`` (Qt Linguist sources,
committed; refresh them with ``pyside6-lupdate app/ui/kiosk/*.py -ts
app/ui/kiosk/i18n/kiosk_sv.ts app/ui/kiosk/i18n/kiosk_zh_CN.ts``).  The binary
``.qm`` files are not committed: :func:`compiled` builds them with
``pyside6-lrelease`` (shipped with PySide6 in the virtualenv) into the cache
folder the first time, and again whenever a ``.ts`` is newer, so a fresh clone
and an edited translation both just work.  Catalog texts are translated by the
catalog's own files (:mod:`app.domain.catalog.texts`).

Each language names itself ("Svenska", "简体中文") so that its speakers find it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.domain import atomic_files
from app.domain.design.recovery import translations_dir

SOURCES = Path(__file__).resolve().parent / "i18n"
NATIVE_NAMES = {"en": "English", "sv": "Svenska", "zh_CN": "简体中文"}
LOCALES = {"en": "en_GB", "sv": "sv_SE", "zh_CN": "zh_CN"}
# Symbols for the catalog's ISO currency code; an unknown code shows as itself ("CHF 12.00").
CURRENCY_SYMBOLS = {"EUR": "€", "SEK": "kr", "USD": "$", "GBP": "£", "CNY": "¥", "DKK": "kr", "NOK": "kr"}

log = logging.getLogger("modulor.kiosk")


def qm_folder() -> Path:
    return translations_dir()


def _lrelease() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compiled(language: str) -> Path | None:
    """The ``.qm`` of ``language``, built from its ``.ts`` when missing or older (English has one
    for its plural forms only: "1 working day", "2 working days")."""
    source = SOURCES / f"kiosk_{language}.ts"
    if not source.is_file():
        return None
    target = qm_folder() / f"kiosk_{language}.qm"
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = _lrelease()
    if tool is None:
        log.error("pyside6-lrelease not found: the kiosk shows English instead of %s", language)
        return None
    # lrelease writes in a scratch folder; the cache gets the result in one atomic write (two kiosks
    # starting at once, or one killed while building, never leave half a .qm to load).
    with tempfile.TemporaryDirectory(prefix="modulor-lrelease-") as scratch:
        built = Path(scratch) / target.name
        result = subprocess.run([tool, str(source), "-qm", str(built)], capture_output=True, text=True)
        if result.returncode != 0 or not built.is_file():
            log.error("building %s failed: %s", target, result.stderr.strip() or result.stdout.strip())
            return None
        atomic_files.write_bytes(target, built.read_bytes())
    return target


class Translations:
    """Installs one language's translators on the application (the kiosk's own and Qt's)."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.language = "en"
        self._installed: list[QTranslator] = []

    def remove(self) -> None:
        """Take this kiosk's translators off the application (they are global to it)."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []

    def use(self, language: str) -> bool:
        """Switch to ``language``; widgets get a LanguageChange event and retranslate."""
        self.remove()
        self.language = language
        QLocale.setDefault(locale(language))
        ok = True
        own = QTranslator(self.app)
        path = compiled(language)
        if path is None or not own.load(str(path)):
            log.error("no translation loaded for %s", language)
            ok = False
        else:
            self.app.installTranslator(own)
            self._installed.append(own)
        if language == "en":
            return ok
        qt = QTranslator(self.app)   # Qt's own words (rarely seen in the kiosk, but never in English)
        if qt.load(locale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(qt)
            self._installed.append(qt)
        return ok


def locale(language: str) -> QLocale:
    return QLocale(LOCALES.get(language, "en_GB"))


def money(amount: Decimal | float, currency: str, language: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    return locale(language).toCurrencyString(float(amount), symbol, 2)


def price_change_text(delta: Decimal, currency: str, language: str) -> str:
    """'+120,00 €', '−35,00 €' or 'Same price': what a choice does to the total."""
    if delta == 0:
        return QCoreApplication.translate("Kiosk", "Same price")
    return ("+" if delta > 0 else "−") + money(abs(delta), currency, language)


def number(value: float, language: str, decimals: int = 0) -> str:
    return locale(language).toString(float(value), "f", decimals)


def millimetres(value: float, language: str) -> str:
    return QCoreApplication.translate("Kiosk", "%1 mm").replace("%1", number(value, language))


def days(count: int) -> str:
    return QCoreApplication.translate("Kiosk", "%n working day(s)", None, count)


def size_text(size: tuple[float, float, float] | None, language: str) -> str:
    """'W 1600 × H 2100 × D 350 mm' in the language's letters and number format."""
    if size is None:
        return ""
    w, h, d = (number(v, language) for v in size)
    return QCoreApplication.translate("Kiosk", "W %1 × H %2 × D %3 mm").replace("%1", w).replace("%2", h) \
        .replace("%3", d)
