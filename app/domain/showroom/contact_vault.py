"""Contact details a customer chose to leave, encrypted before they touch the disk.

Only when the shop turns contact collection on (a kiosk setting) does the
kiosk ask for a name and a phone number or e-mail; they are stored in the
order store as a Fernet token (AES-128-CBC with an HMAC, from the
``cryptography`` package), never as plain text.  The key lives in its own
file beside the settings, created readable and writable by the kiosk's user
only (mode 0600), so a copy of the order database alone reveals nothing.

The shop reads them on the kiosk machine, as the kiosk user, with
``modulor order CODE --contact`` (see docs/kiosk.md).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from app.domain import atomic_files
from app.domain.design.recovery import data_dir

KEY_FILE = "contact.key"


class ContactVaultError(RuntimeError):
    """The key cannot be read or made, or a token does not open with it; the message names the file."""


def default_key_path() -> Path:
    return data_dir() / KEY_FILE


class ContactVault:
    """Encrypts and decrypts contact details with the key in ``key_path`` (made on first use)."""

    def __init__(self, key_path: Path | str | None = None):
        self.key_path = Path(key_path) if key_path is not None else default_key_path()
        self._fernet: Fernet | None = None

    def _key(self, create: bool) -> Fernet:
        if self._fernet is None:
            if not self.key_path.exists():
                if not create:
                    raise ContactVaultError(f"{self.key_path}: no key; nothing was ever encrypted with it")
                self._write_new_key()
            try:
                self._fernet = Fernet(self.key_path.read_bytes().strip())
            except (OSError, ValueError) as exc:
                raise ContactVaultError(f"{self.key_path}: the contact key cannot be read: {exc}") from None
        return self._fernet

    def _write_new_key(self) -> None:
        # A secret (0600 from its first moment), written whole before it appears, and exclusive: a key
        # is never replaced, so another process that made one first wins and its key is the one read.
        with contextlib.suppress(FileExistsError):
            atomic_files.write_bytes(self.key_path, Fernet.generate_key(), secret=True, exclusive=True)

    def encrypt(self, contact: dict[str, str]) -> bytes:
        cleaned = {k: v.strip() for k, v in contact.items() if v and v.strip()}
        return self._key(create=True).encrypt(json.dumps(cleaned, ensure_ascii=False).encode("utf-8"))

    def decrypt(self, token: bytes) -> dict[str, str]:
        try:
            contact: dict[str, str] = json.loads(self._key(create=False).decrypt(token).decode("utf-8"))
        except InvalidToken:
            raise ContactVaultError(f"{self.key_path}: this key does not open the contact details "
                                    "(another kiosk's key, or the key was replaced)") from None
        return contact
