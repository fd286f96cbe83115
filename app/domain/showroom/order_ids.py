"""Order ids unique across the whole chain without asking anyone: ULIDs.

A ULID (https://github.com/ulid/spec) is 128 bits: the time in milliseconds
(48 bits) then 80 random bits from the operating system's CSPRNG, written as
26 characters of Crockford's base 32.  Two kiosks that never talk to each other
make different ids with certainty for all practical purposes (a clash needs two
orders in the same millisecond *and* the same 80 random bits: about 1 in 10^24
per pair), and ids sort by the time they were made, which keeps the central
table's index append-mostly.  Made here in twenty lines: no dependency needed.

The id is the order's identity for delivery (the outbox and the central
database key on it, so a resend is recognised); the short order code the
customer reads aloud is something else (:mod:`app.domain.showroom.order_code`).
"""

from __future__ import annotations

import re
import secrets
import time

from app.domain.showroom.order_code import ALPHABET

ULID_LENGTH = 26
ULID_PATTERN = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")


def new_order_id(now_ms: int | None = None, random_bits: int | None = None) -> str:
    """A fresh ULID: 10 characters of time (ms since 1970), 16 of randomness."""
    millis = int(time.time() * 1000) if now_ms is None else now_ms
    if not 0 <= millis < 2 ** 48:
        raise ValueError(f"{millis} ms is outside a ULID's time range")
    rand = secrets.randbits(80) if random_bits is None else random_bits
    value = (millis << 80) | rand
    return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(ULID_LENGTH)))


def order_id_time_ms(order_id: str) -> int:
    """The milliseconds a ULID was made at (its first 10 characters)."""
    value = 0
    for char in order_id[:10]:
        value = value * 32 + ALPHABET.index(char)
    return value


def is_order_id(text: str) -> bool:
    return bool(ULID_PATTERN.fullmatch(text))
