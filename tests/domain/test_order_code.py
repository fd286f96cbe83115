"""Order codes: readable, unique in a real store, and every single-character typo is caught."""

from __future__ import annotations

import random

import pytest

from app.domain.showroom.order_code import (
    ALPHABET,
    CHECK_MODULUS,
    DATA_LENGTH,
    OrderCodeError,
    check_value,
    is_valid,
    new_code,
    normalise,
    parse_code,
)
from app.domain.showroom.order_store import OrderStore

DESIGN = {"format": "modulor-design", "catalog": {"id": "linea", "version": "1.0.0"}, "modules": []}


def test_alphabet_is_crockford_without_confusable_letters():
    assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32
    assert not set("ILOU") & set(ALPHABET)
    # The check's modulus is a prime larger than the alphabet: the heart of the typo proof below.
    assert len(ALPHABET) < CHECK_MODULUS and all(CHECK_MODULUS % d for d in range(2, CHECK_MODULUS))


def test_a_code_reads_as_two_groups_and_checks():
    code = new_code()
    assert len(code) == 9 and code[4] == "-"
    assert all(c in ALPHABET for c in code.replace("-", ""))
    assert is_valid(code)
    data, check = code.replace("-", "")[:DATA_LENGTH], code[-1]
    assert ALPHABET.index(check) == check_value(data)


def test_forgiving_reading_of_what_people_type():
    code = new_code()
    assert parse_code(code.lower().replace("-", " ")) == code
    tricky = "0" * DATA_LENGTH
    full = tricky + ALPHABET[check_value(tricky)]
    assert normalise("oOoO-oOo" + full[-1]) == full   # O read as 0
    with pytest.raises(OrderCodeError, match="8 characters"):
        parse_code(code[:-1])
    with pytest.raises(OrderCodeError, match="not used"):
        parse_code(code[:-1] + "U")


def _codes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [new_code(rng.randrange) for _ in range(count)]


def test_every_single_character_typo_is_detected():
    """All positions x all other alphabet symbols, for many codes: none still checks."""
    codes = _codes(300, seed=6)
    # Plus the codes where the arithmetic is most extreme: all zeros, all Z, alternating.
    for data in ("0" * 7, "Z" * 7, "0Z0Z0Z0", "Z0Z0Z0Z"):
        check = check_value(data)
        if check < 32:
            codes.append(data[:4] + "-" + data[4:] + ALPHABET[check])
    tried = 0
    for code in codes:
        symbols = code.replace("-", "")
        for position in range(len(symbols)):
            for symbol in ALPHABET:
                if symbol == symbols[position]:
                    continue
                typo = symbols[:position] + symbol + symbols[position + 1:]
                assert not is_valid(typo), f"{typo} (from {code}) passed the check"
                tried += 1
    assert tried == len(codes) * 8 * 31


def test_the_typo_proof_holds_for_every_position_and_difference():
    """The argument behind the test above, exhaustively: d * 32^k is never 0 mod 37 for 0 < |d| < 32."""
    for k in range(DATA_LENGTH):
        for d in range(1, 32):
            assert (d * 32 ** k) % CHECK_MODULUS != 0
    # The check symbol itself: different symbols stand for different values, so a changed check mismatches.


def test_neighbouring_swaps_are_detected_too():
    for code in _codes(300, seed=7):
        symbols = code.replace("-", "")
        for i in range(len(symbols) - 2):   # data symbols swapped
            a, b = symbols[i], symbols[i + 1]
            if a != b:
                assert not is_valid(symbols[:i] + b + a + symbols[i + 2:])


def test_100000_codes_are_unique_in_a_real_store(tmp_path):
    """Codes drawn by the store itself, written to a real SQLite file and read back."""
    path = tmp_path / "orders.sqlite3"
    rng = random.Random(100_000)
    drawn: list[str] = []

    def source() -> str:
        drawn.append(new_code(rng.randrange))
        return drawn[-1]

    # durable=False: 100,000 fsyncs would take minutes; durability has its own test.
    with OrderStore(path, durable=False, code_source=source) as store:
        for _ in range(100_000):
            store.place(DESIGN, price_gross="1.00", currency="EUR", lead_time_days=1)
    with OrderStore(path) as store:
        codes = store.codes()
    assert len(codes) == 100_000 == len(set(codes))
    assert all(is_valid(code) for code in codes[:: 997])
    assert len(drawn) >= 100_000   # a clash (if any) was drawn again, not stored twice


# ---------------------------------------------------------------- look-alikes (issue 15, item 7)
def _valid(data: str) -> str:
    """``data`` (7 symbols) with its check, when the check is an alphabet symbol."""
    check = check_value(data)
    assert check < len(ALPHABET)
    return data + ALPHABET[check]


def test_the_issues_unicode_look_alike_is_refused_naming_the_character():
    # Case-mapped, the issue's look-alike code becomes 1S7TF1MW, a valid code: it must not be read so.
    assert is_valid("1S7TF1MW")
    with pytest.raises(OrderCodeError, match=r"character 1, '\u0131' \(LATIN SMALL LETTER DOTLESS I\)"):
        parse_code("\u0131\u017f7T\ufb01MW")
    assert not is_valid("\u0131\u017f7T\ufb01MW")
    with pytest.raises(OrderCodeError, match=r"character 2, '\u017f' \(LATIN SMALL LETTER LONG S\)"):
        parse_code("1\u017f7TF1MW")
    with pytest.raises(OrderCodeError, match=r"character 5, '\ufb01' \(LATIN SMALL LIGATURE FI\)"):
        parse_code("1S7T\ufb01MW")


@pytest.mark.parametrize("look_alike, position", [
    ("\uff11S7T-F1MW", 1),            # fullwidth digit one
    ("1S7T-F\uff11MW", 7),            # fullwidth digit one, later
    ("1\uff337T-F1MW", 2),            # fullwidth S
    ("1S7T-F1M\uff37", 9),            # fullwidth W
    ("1S7T\u2010F1MW", 5),            # Unicode hyphen
    ("1S7T\u00a0F1MW", 5),            # no-break space
])
def test_fullwidth_and_unicode_punctuation_are_refused(look_alike, position):
    with pytest.raises(OrderCodeError, match=f"character {position}, "):
        parse_code(look_alike)


def test_cyrillic_and_greek_look_alikes_are_refused():
    code = _valid("0000000")
    for look_alike, name in (("\u041e", "CYRILLIC CAPITAL LETTER O"), ("\u043e", "CYRILLIC SMALL LETTER O"),
                             ("\u039f", "GREEK CAPITAL LETTER OMICRON")):
        with pytest.raises(OrderCodeError, match=f"character 1, '{look_alike}' \\({name}\\)"):
            parse_code(look_alike + code[1:])
    ascii_form = _valid("A0C0E0H")
    for latin, cyrillic in (("A", "\u0410"), ("C", "\u0421"), ("E", "\u0415"), ("H", "\u041d")):
        spoofed = ascii_form.replace(latin, cyrillic, 1)
        assert spoofed != ascii_form and not is_valid(spoofed)
        with pytest.raises(OrderCodeError, match="CYRILLIC CAPITAL LETTER"):
            normalise(spoofed)


def test_crockfords_documented_aliases_are_mapped():
    full = _valid("0110000")
    assert normalise(full) == full
    assert normalise("oIlO-000" + full[-1].lower()) == full     # O -> 0, I and L -> 1, lower case
    assert normalise("  o i L o 0 0 0 " + full[-1] + " ") == full  # ASCII spaces ignored
    assert normalise("O-I-L-O-0-0-0-" + full[-1]) == full       # hyphens ignored
    assert parse_code(full.lower()) == full[:4] + "-" + full[4:]
    with pytest.raises(OrderCodeError, match="'U' is not used"):  # U is no alias: refused, not mapped
        normalise(full[:-1] + "U")
