"""Contact details in a chain: sealed for the workshop, so the kiosk cannot read them back.

On a single machine the kiosk encrypts contact details with its own Fernet key
(:mod:`app.domain.showroom.contact_vault`), which it can also use to decrypt.  In
a chain the contact details travel to the central database and are read by the
workshop, so the kiosk *seals* them with the workshop's public key instead
(libsodium's sealed box through PyNaCl: an ephemeral X25519 key agreement and
XSalsa20-Poly1305).  Only the holder of the workshop's private key opens them;
a stolen kiosk, its disk or its database role reveals nothing.

Keys are 32 bytes written as base64: the public key goes into each kiosk's
``chain.toml`` (``workshop_public_key``); the private key stays in one file on
the workshop's machine (mode 0600), made by ``modulor orders keygen``.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from app.domain import atomic_files

KEY_BYTES = 32


class SealedContactError(RuntimeError):
    """A key cannot be read, or a sealed contact does not open with it; the message says which."""


def public_key_from_text(text: str, where: str = "workshop_public_key") -> PublicKey:
    """The public key written as base64 (44 characters), or :class:`SealedContactError` naming ``where``."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SealedContactError(f"{where}: not base64 text") from None
    if len(raw) != KEY_BYTES:
        raise SealedContactError(f"{where}: a public key is {KEY_BYTES} bytes, this is {len(raw)}")
    return PublicKey(raw)


def write_new_key_pair(private_path: Path) -> str:
    """Make the workshop's key pair: the private key into ``private_path`` (0600, never replaced);
    returns the public key as base64 for the kiosks' settings."""
    key = PrivateKey.generate()
    atomic_files.write_text(private_path, base64.b64encode(bytes(key)).decode("ascii") + "\n",
                            secret=True, exclusive=True)
    return public_text(key.public_key)


def public_text(key: PublicKey) -> str:
    return base64.b64encode(bytes(key)).decode("ascii")


def load_private_key(path: Path) -> PrivateKey:
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError) as exc:
        raise SealedContactError(f"{path}: the workshop's private key cannot be read: {exc}") from None
    if len(raw) != KEY_BYTES:
        raise SealedContactError(f"{path}: a private key is {KEY_BYTES} bytes, this is {len(raw)}")
    return PrivateKey(raw)


def seal(contact: dict[str, str], public_key: PublicKey) -> bytes:
    """The contact details (blank fields dropped) sealed for the workshop."""
    cleaned = {k: v.strip() for k, v in contact.items() if v and v.strip()}
    return bytes(SealedBox(public_key).encrypt(json.dumps(cleaned, ensure_ascii=False).encode("utf-8")))


def unseal(token: bytes, private_key: PrivateKey, where: str = "") -> dict[str, str]:
    try:
        data = json.loads(SealedBox(private_key).decrypt(token).decode("utf-8"))
    except CryptoError:
        raise SealedContactError(f"{where or 'contact'}: this private key does not open the contact details "
                                 "(sealed for another workshop key)") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SealedContactError(f"{where or 'contact'}: the sealed contact details are damaged") from None
    if not (isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())):
        raise SealedContactError(f"{where or 'contact'}: the sealed contact details are not name/value text")
    return data
