"""``modulor kiosk`` (or ``python main.py --kiosk``): the showroom kiosk, and its setup steps.

* ``modulor kiosk``: full screen, touch first (app/ui/kiosk).  Refuses to start
  without an administrator PIN: settings and leaving kiosk mode need one.
* ``modulor kiosk --set-pin``: asks for the PIN twice (or reads it from standard
  input) and stores its salted hash in the settings file.
* ``modulor kiosk --check-translations``: every catalog text in every kiosk language.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.cli.output import say


def add_parser(commands: argparse._SubParsersAction) -> None:
    kiosk = commands.add_parser(
        "kiosk", help="run the showroom kiosk: full screen, touch, order codes (docs/kiosk.md)",
        description="The showroom kiosk. Its settings file is kiosk.toml in the data folder "
                    "(MODULOR_DATA_DIR overrides the folder); see docs/kiosk.md.")
    kiosk.add_argument("--set-pin", action="store_true", help="set the administrator PIN (at least 4 digits)")
    kiosk.add_argument("--check-translations", action="store_true",
                       help="report catalog texts missing in a kiosk language (exit 1 if any)")
    kiosk.add_argument("--windowed", action="store_true", help="a 1920x1080 window instead of full screen (testing)")


def run(args: argparse.Namespace, catalog_path: Path) -> int:
    from app.domain.showroom.kiosk_settings import SettingsError, load_settings, save_settings, settings_path

    try:
        settings = load_settings()
    except SettingsError as exc:
        say(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in settings.problems:
        say(f"warning: {problem}", file=sys.stderr)
    if getattr(args, "set_pin", False):
        pin = _read_pin()
        if pin is None:
            return 2
        save_settings(settings.with_pin(pin))
        print(f"PIN set in {settings_path()}")
        return 0
    if getattr(args, "check_translations", False):
        return _check_translations(catalog_path, settings.languages)
    if not settings.has_pin:
        print(f"error: no administrator PIN yet. Set one first: modulor kiosk --set-pin\n"
              f"(it is stored, hashed, in {settings_path()})", file=sys.stderr)
        return 2
    from app.ui.kiosk.app import run_kiosk  # Qt and VTK load only for the window

    return run_kiosk(catalog_path, settings, windowed=getattr(args, "windowed", False))


def _read_pin() -> str | None:
    from app.domain.showroom.kiosk_settings import MIN_PIN_DIGITS

    if sys.stdin.isatty():
        pin = getpass.getpass("New administrator PIN: ")
        if getpass.getpass("Again: ") != pin:
            print("error: the two PINs differ; nothing changed", file=sys.stderr)
            return None
    else:
        pin = sys.stdin.readline().strip()
    if not (pin.isdigit() and len(pin) >= MIN_PIN_DIGITS):
        print(f"error: a PIN is at least {MIN_PIN_DIGITS} digits; nothing changed", file=sys.stderr)
        return None
    return pin


def _check_translations(catalog_path: Path, languages) -> int:
    from app.domain.catalog.loader import CatalogError, load_catalog
    from app.domain.catalog.texts import missing_keys

    try:
        catalog = load_catalog(catalog_path)
    except CatalogError as exc:
        say(f"error: {exc}", lines=True)
        return 1
    lines = [line for language in languages for line in missing_keys(catalog, language)]
    for line in lines:
        say(line)
    say(f"{catalog.id}: {len(lines)} catalog text(s) missing in {', '.join(languages)}")
    return 1 if lines else 0
