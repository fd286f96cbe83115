"""Where a chain's orders go: ``chain.toml`` in the data folder, and the environment.

Nothing here means the single-machine default: orders stay in the kiosk's SQLite
file.  With a central database configured, a kiosk queues every order for it
and a workshop machine reads orders from it (docs/orders.md).

| field | meaning |
|---|---|
| ``central_db`` | libpq connection string or ``postgresql://`` URL, without the password |
| ``kiosk_prefix`` | this kiosk's two-symbol code prefix (``modulor orders add-kiosk`` assigns it) |
| ``workshop_public_key`` | base64 public key the kiosk seals contact details with |
| ``workshop_private_key`` | (workshop machine) the file holding the private key, to read contacts |
| ``sync_interval_s`` | seconds between the kiosk's deliveries while all is well (1-3600, default 10) |

``MODULOR_CENTRAL_DB`` overrides ``central_db``: the connection string then
never touches a file.  Passwords belong in libpq's own places (``~/.pgpass`` or
``passfile=``, ``PGPASSWORD`` for a service's environment), never in the
repository; TLS settings (``sslmode=verify-full sslrootcert=...``) pass through.
A wrong value is named with the file and the field, and left out.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.design.recovery import data_dir
from app.domain.showroom.order_code import OrderCodeError, check_prefix
from app.domain.showroom.sealed_contacts import SealedContactError, public_key_from_text

CHAIN_FILE = "chain.toml"
ENV_CENTRAL_DB = "MODULOR_CENTRAL_DB"
MAX_FILE_BYTES = 64 * 1024
DEFAULT_SYNC_INTERVAL_S = 10


@dataclass(frozen=True)
class ChainSettings:
    central_db: str = ""
    kiosk_prefix: str = ""
    workshop_public_key: str = ""
    workshop_private_key: str = ""
    sync_interval_s: int = DEFAULT_SYNC_INTERVAL_S
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def central(self) -> bool:
        """A central database is configured (else: the single-machine default)."""
        return bool(self.central_db)

    @property
    def queues_orders(self) -> bool:
        """This machine is a chain's kiosk: it queues its orders for the central database."""
        return self.central and bool(self.kiosk_prefix)


def chain_path() -> Path:
    return data_dir() / CHAIN_FILE


def load_chain_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> ChainSettings:
    """The chain settings (file, then ``MODULOR_CENTRAL_DB``); bad fields are left out and listed."""
    path = path or chain_path()
    env = os.environ if environ is None else environ
    values: dict[str, str | int] = {}
    problems: list[str] = []
    if path.exists():
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"over {MAX_FILE_BYTES} bytes")
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError) as exc:
            raw = {}
            problems.append(f"{path}: cannot be read ({exc}); no central database")
        for name, value in raw.items():
            problem = _take(name, value, values)
            if problem:
                problems.append(f"{path}: field '{name}': {problem}")
    if env.get(ENV_CENTRAL_DB, "").strip():   # blank is unset: libpq would read it as "the local default server"
        values["central_db"] = env[ENV_CENTRAL_DB].strip()
    return ChainSettings(**values, problems=tuple(problems))   # type: ignore[arg-type]


def _take(name: str, value: object, values: dict[str, str | int]) -> str:
    """Put a checked field into ``values``; the problem with it otherwise."""
    if name == "sync_interval_s":
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3600:
            values[name] = value
            return ""
        return f"expected whole seconds from 1 to 3600, found {value!r}"
    if name not in ("central_db", "kiosk_prefix", "workshop_public_key", "workshop_private_key"):
        return "unknown field, ignored"
    if not (isinstance(value, str) and len(value) <= 4096 and "\x00" not in value):
        return f"expected text, found {value!r}"
    try:
        if name == "kiosk_prefix" and value:
            value = check_prefix(value)
        if name == "workshop_public_key" and value:
            public_key_from_text(value)
    except (OrderCodeError, SealedContactError) as exc:
        return str(exc)
    values[name] = value.strip() if name == "central_db" else value   # blank: no central database
    return ""
