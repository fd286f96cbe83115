"""Order codes a customer can read aloud, with a check character that catches typos.

A code is seven data symbols and one check symbol in Crockford's base 32
(digits and letters without I, L, O and U, which are mistaken for 1, 1, 0 and V
or spell words), written ``XXXX-XXXX``.  The check symbol is the data's value
modulo 37, Crockford's own check: 37 is a prime larger than the alphabet, so
changing one data symbol by d (0 < |d| < 32) changes the value by d * 32^k,
which 37 never divides, and the check no longer matches.  Crockford needs five
extra symbols (``*~$=U``) for check values 32-36; those are hard to read
aloud, so :func:`new_code` simply draws again when the check would be one of
them (about one draw in seven).  Every check symbol is then an ordinary
alphabet symbol, and a typo in the check symbol itself is caught because each
symbol stands for one value only.  Swapping two neighbouring symbols is caught
too (it changes the value by (a - b) * 32^k * 31).

Reading is forgiving where Crockford is, and only there: lower case, I and L
for 1, O for 0, and any ASCII spaces or hyphens are accepted.  Everything else
is refused, never folded: any character outside ASCII (a dotless i U+0131, a
long s U+017F, the ligature fi U+FB01, fullwidth letters and digits, Cyrillic
or Greek capitals that look like Latin ones, a Unicode dash or no-break space)
is refused *before* any case mapping or Unicode normalisation, with a message
naming the character and its position.  Case mapping the issue's example
(U+0131 U+017F ``7T`` U+FB01 ``MW``) would read it as the valid ``1S7T-F1MW``:
a code the customer was never given.

**A kiosk's own code space** (a chain, docs/orders.md): random codes made offline
by many kiosks would collide (35 bits: about a 13 % chance of one clash among
100,000 orders), so a chain gives each kiosk a two-symbol *prefix*
(:data:`KIOSK_PREFIX_LENGTH`; 1,024 kiosks) and the kiosk draws only the other
five data symbols (about 29 million codes per kiosk).  The kiosk's own store holds
every code it ever gave and redraws on a clash, so codes are unique across the
chain without the kiosk asking anyone.  The code keeps its length, its form
``XXXX-XXXX`` and its check symbol, so everything that reads codes is unchanged.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_LENGTH = 7
KIOSK_PREFIX_LENGTH = 2   # a chain's kiosks: 32^2 = 1,024 prefixes, about 29 million codes each
CHECK_MODULUS = 37
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_READ_AS = {"I": "1", "L": "1", "O": "0"}


class OrderCodeError(ValueError):
    """Not an order code: the message says what is wrong with it, for the person who typed it."""


def _value(data: str) -> int:
    value = 0
    for symbol in data:
        value = value * 32 + _VALUES[symbol]
    return value


def check_value(data: str) -> int:
    """The check of ``data`` (normalised symbols): its base-32 value modulo 37."""
    return _value(data) % CHECK_MODULUS


def format_code(symbols: str) -> str:
    """``ABCDEFGH`` -> ``ABCD-EFGH`` (the form shown and printed)."""
    return f"{symbols[:4]}-{symbols[4:]}"


def check_prefix(prefix: str) -> str:
    """``prefix`` as a kiosk's code prefix (upper case), or :class:`OrderCodeError` saying why not."""
    _refuse_non_ascii(prefix)
    shown = prefix.strip().upper()
    if len(shown) != KIOSK_PREFIX_LENGTH or any(char not in _VALUES for char in shown):
        raise OrderCodeError(f"'{prefix}': a kiosk prefix is {KIOSK_PREFIX_LENGTH} of the symbols {ALPHABET}")
    return shown


def code_prefix(code: str) -> str:
    """The kiosk prefix of a code in any accepted form (its first two symbols)."""
    return normalise(code)[:KIOSK_PREFIX_LENGTH]


def new_code(randbelow: Callable[[int], int] = secrets.randbelow, prefix: str = "") -> str:
    """A fresh random code, e.g. ``7K2M-Q9TX``, starting with ``prefix`` (a kiosk's, or none);
    its check symbol is always an alphabet symbol."""
    if prefix:
        prefix = check_prefix(prefix)
    while True:
        data = prefix + "".join(ALPHABET[randbelow(32)] for _ in range(DATA_LENGTH - len(prefix)))
        check = check_value(data)
        if check < len(ALPHABET):
            return format_code(data + ALPHABET[check])


def _refuse_non_ascii(text: str) -> None:
    """:class:`OrderCodeError` naming the first character outside ASCII and its position (from 1)."""
    for position, char in enumerate(text, start=1):
        if not char.isascii():
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            raise OrderCodeError(
                f"'{text}': character {position}, '{char}' ({name}), is not used in order codes; "
                "type the code with the plain letters A-Z and digits 0-9")


def normalise(text: str) -> str:
    """The code's eight symbols in canonical form, or :class:`OrderCodeError` saying why not.

    Non-ASCII input is refused before anything else (see the module's note), so no
    look-alike is ever case-mapped or folded into another code.
    """
    _refuse_non_ascii(text)
    symbols = []
    for char in text.strip(" \t\r\n").upper():
        if char in " -":
            continue
        char = _READ_AS.get(char, char)
        if char not in _VALUES:
            raise OrderCodeError(f"'{text}': '{char}' is not used in order codes")
        symbols.append(char)
    if len(symbols) != DATA_LENGTH + 1:
        raise OrderCodeError(f"'{text}': an order code has {DATA_LENGTH + 1} characters, not {len(symbols)}")
    data, check = "".join(symbols[:-1]), symbols[-1]
    if check_value(data) != _VALUES[check]:
        raise OrderCodeError(f"'{text}' is not a valid order code: a character is mistyped")
    return "".join(symbols)


def parse_code(text: str) -> str:
    """``text`` as a code in its shown form (``ABCD-EFGH``), or :class:`OrderCodeError`."""
    return format_code(normalise(text))


def is_valid(text: str) -> bool:
    try:
        normalise(text)
    except OrderCodeError:
        return False
    return True
