"""Fuzzing order rows (issue 17): rows edited outside the program are read or refused, never raised.

A real order is placed with :class:`OrderStore`, then one or two of its columns
are overwritten with hypothesis values (``UPDATE`` in SQLite, as a person with
``sqlite3`` or a broken backup tool would), and the order is read back through
the store and through ``modulor order CODE``.  The store may answer only with
an order whose every field means what it says, :class:`OrderStoreError` (for a
damaged row: :class:`DamagedOrder`, naming the order code and the column) or
:class:`OrderNotFound`; the command exits 0 or 1 with no traceback and prints
no control character.  NULLs need a table without the NOT NULL constraints (an
older or hand-made store): half the examples run on one.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from app.cli.main import main
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.order_store import DamagedOrder, OrderNotFound, OrderStore, OrderStoreError
from tests.domain.fuzz_values import FUZZ_TIMEOUT_S, json_values, mostly, nasty_texts, numbers, plausible

pytestmark = pytest.mark.timeout(FUZZ_TIMEOUT_S)

COLUMNS = ["code", "created_at", "catalog_id", "catalog_version", "design_json", "price_gross", "currency",
           "lead_time_days", "language", "contact"]
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def stores(catalog, tmp_path_factory) -> dict[bool, tuple[Path, str, dict]]:
    """Two pristine stores holding one sideboard order each: as the kiosk makes it, and with the
    table rebuilt without constraints (so a column may hold NULL).  Each example works on a copy."""
    folder = tmp_path_factory.mktemp("orders")
    design = design_to_dict(design_from_preset(catalog, "sideboard"))
    made = {}
    for loose in (False, True):
        path = folder / f"{'loose' if loose else 'kiosk'}.sqlite3"
        with OrderStore(path) as store:
            code = store.place(design, Decimal("1234.50"), "EUR", 12, language="sv", contact=b"gAAAA-token").code
        if loose:
            db = sqlite3.connect(path)
            db.executescript("CREATE TABLE loose AS SELECT * FROM orders; DROP TABLE orders; "
                             "ALTER TABLE loose RENAME TO orders;")
            db.close()
        db = sqlite3.connect(path)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")   # everything in the main file, so a copy is whole
        db.close()
        made[loose] = (path, code, design)
    return made


def _design_texts(design: dict) -> st.SearchStrategy:
    """The design column: the real design with one field changed, broken JSON, or anything."""
    text = json.dumps(design)
    modules = design["modules"]
    changed = st.tuples(st.integers(0, len(modules) - 1), st.sampled_from(["id", "type", "position", "rotation",
                                                                           "to", "params", "attach"]),
                        mostly(plausible, json_values, 2)).map(
        lambda c: json.dumps(dict(design, modules=[dict(m, **{c[1]: c[2]}) if i == c[0] else m
                                                   for i, m in enumerate(modules)])))
    return st.one_of(changed, st.sampled_from([text[:len(text) // 2], "{}", "[]", "null", "", text + "x"]),
                     json_values.map(json.dumps))


def _values(design: dict) -> st.SearchStrategy:
    return st.one_of(
        st.none(), numbers, nasty_texts, st.binary(max_size=40),
        st.sampled_from(["2024-05-01T10:00:00+00:00", "2024-05-01", "0001-01-01T00:00:00+14:00",
                         "9999-12-31T23:59:59-12:00", "1e999999", "NaN", "-Infinity", "12.345", "-0.01",
                         "EUR", "eur", "zh_CN", "", "7K2M-Q9TX", "HELLO", " 12 ", "١٢",
                         "99.95", "0", "1000000000", 0, 3650, 3651, "en", "2030-01-01T00:00:00"]),
        _design_texts(design))


def _overwrite(path: Path, changes: dict[str, object]) -> bool:
    """UPDATE the order's columns; False when SQLite itself refuses (NOT NULL on the kiosk's table)."""
    db = sqlite3.connect(path)
    try:
        for column, value in changes.items():
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                value = str(value)   # what sqlite3 would refuse to bind, a tool writes as text
            if isinstance(value, str) and value.encode("utf-8", "surrogatepass").decode("utf-8", "replace") \
                    != value:   # a lone surrogate: written as text that is not UTF-8, as a C tool could
                db.execute(f"UPDATE orders SET {column} = CAST(? AS TEXT)",
                           (value.encode("utf-8", "surrogatepass"),))
                continue
            db.execute(f"UPDATE orders SET {column} = ?", (value,))
        db.commit()
    except sqlite3.IntegrityError:
        return False
    finally:
        db.close()
    return True


def _check_order(order, code: str) -> None:
    """What the store returns means what it says."""
    assert order.code == code
    assert isinstance(order.created_at, datetime) and order.created_at.tzinfo is not None
    assert isinstance(order.price_gross, Decimal) and order.price_gross.is_finite() and order.price_gross >= 0
    assert isinstance(order.lead_time_days, int) and 0 <= order.lead_time_days <= 3650
    assert re.fullmatch(r"[A-Z]{3}", order.currency)
    assert isinstance(order.design, dict) and isinstance(order.design.get("modules"), list)
    assert order.contact is None or isinstance(order.contact, bytes)
    for module in order.design["modules"]:
        assert all(math.isfinite(v) for v in module["position"])


@given(data=st.data(), loose=st.booleans(), columns=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=2,
                                                             unique=True))
@example(data=None, loose=False, columns=["design_json"])   # the four tracebacks and their kin, seeded
@example(data=None, loose=False, columns=["price_gross"])
@example(data=None, loose=False, columns=["lead_time_days"])
@example(data=None, loose=True, columns=["created_at"])
@example(data=None, loose=True, columns=["language"])
@example(data=None, loose=True, columns=["contact"])
@example(data=None, loose=False, columns=["code"])
@example(data=None, loose=True, columns=["currency"])
def test_an_edited_order_row_is_read_or_refused_naming_code_and_column(stores, tmp_path, capsys, data, loose,
                                                                       columns):
    pristine, code, design = stores[loose]
    if data is None:   # a seeded example: the value that made each column's traceback
        changes = {c: SEEDED[c] for c in columns}
    else:
        changes = {c: data.draw(_values(design), label=c) for c in columns}
    path = tmp_path / "orders.sqlite3"
    for leftover in (tmp_path / "orders.sqlite3-wal", tmp_path / "orders.sqlite3-shm"):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(pristine, path)
    if not _overwrite(path, changes):
        event("SQLite refused the UPDATE")
        return
    try:
        with OrderStore(path) as store:
            order = store.get(code)
    except DamagedOrder as exc:
        assert f"order {code}, column '" in str(exc) and "\n" not in str(exc), exc
        order = None
    except (OrderStoreError, OrderNotFound):
        order = None
    event("read" if order is not None else "refused")
    if order is not None:
        _check_order(order, code)
    status = main(["order", code, "--store", str(path)])
    out = capsys.readouterr().out
    assert status == (0 if order is not None else 1), out
    assert not CONTROL.search(out), out
    if order is None:
        assert out.startswith("error: ") and out.count("\n") == 1, out


SEEDED = {
    "design_json": '{"format": "modulor-design", "format_version": 2, "catalog": {"id": "linea"}, "modules": [',
    "price_gross": "abc",
    "lead_time_days": "twelve",
    "created_at": None,
    "language": b"\x1b[2J",
    "contact": "gAAAA-as-text",
    "code": "HELLO",
    "currency": "\ud800UR",   # stored as text that is not UTF-8
}


@pytest.mark.parametrize("column, value, message", [
    ("design_json", "{not json", "column 'design_json': damaged or truncated"),
    ("design_json", '{"format": "modulor-design", "format_version": 2, "catalog": {"id": "linea"}, '
                    '"modules": [{"id": "p1", "type": "plinth", "position": [NaN, 0, 0]}]}',
     "column 'design_json': modules[0] ('p1'), field 'position': nan is not a finite number"),
    ("design_json", "[" * 100_000, "column 'design_json': brackets nested more than"),
    ("design_json", "x" * (21 * 1024 * 1024), "column 'design_json': 22,020,096 characters long"),
    ("design_json", b"\xff\xfe", "column 'design_json': not UTF-8 text"),
    ("price_gross", "abc", "column 'price_gross': expected an amount, found 'abc'"),
    ("price_gross", "NaN", "column 'price_gross': 'NaN' is not a price"),
    ("price_gross", "1e999999", "column 'price_gross': '1e999999' is not a price"),
    ("price_gross", "-5", "column 'price_gross': '-5' is not a price"),
    ("lead_time_days", "twelve", "column 'lead_time_days': expected a whole number, found text"),
    ("lead_time_days", 2.5, "column 'lead_time_days': expected a whole number, found a number with decimals"),
    ("lead_time_days", -1, "column 'lead_time_days': -1 is not a lead time"),
    ("created_at", "yesterday", "column 'created_at': expected a date and time (ISO 8601)"),
    ("created_at", "0001-01-01T00:00:00+14:00", "column 'created_at': 0001-01-01T00:00:00+14:00 is not a time"),
    ("created_at", b"2024-05-01", "column 'created_at': expected text, found bytes"),
    ("currency", "\x1b[31mEUR", "column 'currency': 8 characters long; at most 3"),
    ("currency", "eur", "column 'currency': expected a currency code such as EUR, found 'eur'"),
    ("language", 5, "column 'language': expected a language code"),
    ("language", b"sv", "column 'language': expected text, found bytes"),
    ("catalog_id", "other", "column 'catalog_id': 'other', but the design was made with catalog 'linea'"),
    ("catalog_version", b"\x00", "column 'catalog_version': expected text, found bytes"),
    ("contact", "gAAAA-as-text", "column 'contact': expected bytes or NULL (nothing), found text"),
    ("contact", b"x" * 100_000, "column 'contact': 100,000 bytes long; at most 65,536"),
])
def test_each_damaged_column_is_one_line_naming_the_order_and_the_column(stores, tmp_path, capsys, column, value,
                                                                         message):
    pristine, code, _ = stores[False]
    path = tmp_path / "orders.sqlite3"
    shutil.copyfile(pristine, path)
    assert _overwrite(path, {column: value})
    with OrderStore(path) as store, pytest.raises(DamagedOrder) as info:
        store.get(code)
    assert message in str(info.value) and f"order {code}, " in str(info.value), info.value
    assert main(["order", code, "--store", str(path)]) == 1
    out = capsys.readouterr().out
    assert out == f"error: {info.value}\n" and not CONTROL.search(out)


@pytest.mark.parametrize("column", ["created_at", "catalog_id", "design_json", "price_gross", "currency",
                                    "lead_time_days", "language"])
def test_null_in_a_column_that_must_hold_a_value_is_named(stores, tmp_path, column):
    pristine, code, _ = stores[True]
    path = tmp_path / "orders.sqlite3"
    shutil.copyfile(pristine, path)
    assert _overwrite(path, {column: None})
    with OrderStore(path) as store, pytest.raises(DamagedOrder, match=f"column '{column}': expected .*, found NULL"):
        store.get(code)


def test_a_damaged_schema_version_or_table_is_the_stores_error(stores, tmp_path):
    pristine, code, _ = stores[False]
    path = tmp_path / "orders.sqlite3"
    shutil.copyfile(pristine, path)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'two' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(OrderStoreError, match="schema_version: expected a whole number, found 'two'"):
        OrderStore(path)
    shutil.copyfile(pristine, path)
    db = sqlite3.connect(path)
    db.executescript("ALTER TABLE orders DROP COLUMN language;")
    db.close()
    with OrderStore(path) as store, pytest.raises(OrderStoreError, match=f"order {code} cannot be read"):
        store.get(code)
