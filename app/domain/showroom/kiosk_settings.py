"""The kiosk's settings file and its administrator PIN.

``kiosk.toml`` in the data folder (:func:`~app.domain.design.recovery.data_dir`,
``MODULOR_DATA_DIR`` overrides it) holds what a shop may change: the idle time
before "Are you still there?", the countdown, the languages offered, whether
contact details are asked for, where the order store is, and the PIN that
guards the settings and leaving kiosk mode, and the printer customer quotes
are printed on (``printer``, its system name; empty: the summary's print button
says no printer is set up).

The PIN is never stored: only ``scrypt`` of it with a random salt
(``scrypt$n$r$p$salt$hash``, salt and hash in hex), compared in constant time.
A wrong value in the file is named with its field and the file, and the
default is used, so a typo never keeps the kiosk from starting.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import tomlkit

from app.domain import atomic_files
from app.domain.design.recovery import data_dir

SETTINGS_FILE = "kiosk.toml"
LANGUAGES = ("en", "sv", "zh_CN")
# scrypt cost: 16 MiB and about 50 ms per check on the 2-core kiosk PC; slow enough to make
# guessing a stolen hash expensive, fast enough that the PIN pad answers at once.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
MIN_PIN_DIGITS = 4


MAX_SETTINGS_BYTES = 64 * 1024


class SettingsError(ValueError):
    """The settings file cannot be read at all; the message names the file."""


@dataclass(frozen=True)
class KioskSettings:
    idle_timeout_s: int = 90          # no touch this long: "Are you still there?"
    countdown_s: int = 20             # then this long to answer before the reset
    attract_after_s: int = 45         # welcome screen untouched this long: the attract mode turns a preset
    languages: tuple[str, ...] = LANGUAGES
    default_language: str = "en"
    collect_contact: bool = False     # ask for a name and phone/e-mail (stored encrypted)
    order_store: str = ""             # empty: orders.sqlite3 in the data folder
    pin_hash: str = ""
    printer: str = ""                 # the printer customer quotes go to (its system name); empty: none
    problems: tuple[str, ...] = field(default=(), compare=False)   # what was wrong in the file

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def order_store_path(self) -> Path:
        return Path(self.order_store).expanduser() if self.order_store else data_dir() / "orders.sqlite3"

    def with_pin(self, pin: str) -> KioskSettings:
        return replace(self, pin_hash=hash_pin(pin))

    def check_pin(self, pin: str) -> bool:
        return bool(self.pin_hash) and verify_pin(pin, self.pin_hash)


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


# ---------------------------------------------------------------------- the PIN

def hash_pin(pin: str) -> str:
    if not (pin.isdigit() and len(pin) >= MIN_PIN_DIGITS):
        raise ValueError(f"a PIN is at least {MIN_PIN_DIGITS} digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, bytes.fromhex(digest))


# ----------------------------------------------------------------- the file

_INTS = {"idle_timeout_s": (5, 3600), "countdown_s": (3, 300), "attract_after_s": (5, 3600)}


def load_settings(path: Path | None = None) -> KioskSettings:
    """The settings in ``path`` (defaults where it is missing); bad fields fall back and are listed."""
    path = path or settings_path()
    if not path.exists():
        return KioskSettings()
    try:
        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:   # a settings file is a few hundred bytes: this one is not one
            raise SettingsError(f"{path}: {size} bytes is over the {MAX_SETTINGS_BYTES} a settings file may have")
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read: {exc}") from None
    except RecursionError:   # brackets nested thousands deep: tomllib recurses per level
        raise SettingsError(f"{path}: cannot be read: nested too deeply") from None
    defaults = KioskSettings()
    values: dict[str, Any] = {}
    problems = []

    def bad(name: str, why: str) -> None:
        problems.append(f"{path}: field '{name}': {why}; using {getattr(defaults, name)!r}")

    for name, value in raw.items():
        if name in _INTS:
            lo, hi = _INTS[name]
            if isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi:
                values[name] = value
            else:
                bad(name, f"expected whole seconds from {lo} to {hi}, found {value!r}")
        elif name == "languages":
            if isinstance(value, list) and value and all(v in LANGUAGES for v in value):
                values[name] = tuple(value)
            else:
                bad(name, f"expected a list of {', '.join(LANGUAGES)}, found {value!r}")
        elif name == "default_language":
            if value in LANGUAGES:
                values[name] = value
            else:
                bad(name, f"expected one of {', '.join(LANGUAGES)}, found {value!r}")
        elif name == "collect_contact":
            if isinstance(value, bool):
                values[name] = value
            else:
                bad(name, f"expected true or false, found {value!r}")
        elif name in ("order_store", "pin_hash"):
            if isinstance(value, str) and len(value) <= 4096 and "\x00" not in value:
                values[name] = value
            else:
                bad(name, f"expected text, found {value!r}")
        elif name == "printer":   # a system printer name: printable text, no path, no control characters
            if isinstance(value, str) and len(value) <= 256 and value.isprintable():
                values[name] = value.strip()
            else:
                bad(name, f"expected a printer name (printable text, at most 256 characters), found {value!r}")
        else:
            problems.append(f"{path}: unknown field '{name}' ignored")
    settings = replace(defaults, **values)
    if settings.default_language not in settings.languages:
        settings = replace(settings, default_language=settings.languages[0])
    return replace(settings, problems=tuple(problems))


def save_settings(settings: KioskSettings, path: Path | None = None) -> Path:
    """Write the settings atomically, a secret (0600: the PIN hash is in it), never wider for a moment."""
    path = path or settings_path()
    data = asdict(settings)
    data.pop("problems")
    data["languages"] = list(settings.languages)
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Modulor kiosk settings; see docs/kiosk.md. Set the PIN with 'modulor kiosk --set-pin'."))
    for key, value in data.items():
        doc[key] = value
    return atomic_files.write_text(path, tomlkit.dumps(doc), secret=True)
