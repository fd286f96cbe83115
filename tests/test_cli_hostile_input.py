"""The command line on hostile design files and order rows (issue 17): one line, exit 1, no control characters.

Each of the issue's design-file examples is refused by ``modulor design check``
and by ``modulor bom`` for the same, right reason, naming the file, the module
and the field, before ``bom`` could crash on it.  A design name, a module's
finish, a parameter's name, an order's design and the customer's contact
details holding terminal escape sequences are printed with the escapes made
visible: the output holds no control character but its own line ends.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from app.cli.output import visible
from app.domain.design.files import MAX_MODULES, design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.showroom.contact_vault import ContactVault
from app.domain.showroom.order_store import OrderStore

ROOT = Path(__file__).resolve().parent.parent
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
ESCAPES = "\x1b[2J\x1b[H\x1b]0;owned\x07\x9b31m\r\x00"

pytestmark = pytest.mark.timeout(120)


def _sideboard(catalog) -> dict:
    return design_to_dict(design_from_preset(catalog, "sideboard"))


def _file(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "hostile.modulor.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _with(catalog, module: int, field: str, value: object) -> dict:
    data = _sideboard(catalog)
    if field.startswith("params."):
        data["modules"][module]["params"][field[len("params."):]] = value
    else:
        data["modules"][module][field] = value
    return data


# The issue's examples: what `design check` said OK to (or crashed on), and `bom` then crashed on or refused
# for the wrong reason.  Each: the file's content, and what both commands must now say.
EXAMPLES = {
    "position NaN": (lambda c: _with(c, 0, "position", [float("nan"), 0, 0]),
                     "modules[0] ('p1'), field 'position': nan is not a finite number"),
    "position 1e400": (lambda c: json.dumps(_with(c, 0, "position", ["X", 0, 0])).replace('"X"', "1e400"),
                       "modules[0] ('p1'), field 'position': inf is not a finite number"),
    "width NaN": (lambda c: _with(c, 1, "params.width", float("nan")),
                  "modules[1] ('c1'), field 'params.width': nan is not a finite number"),
    "width -600": (lambda c: _with(c, 1, "params.width", -600),
                   "module 'c1' (base_cabinet), field 'params.width': -600 mm is outside 300 .. 1200 mm"),
    "width wide": (lambda c: _with(c, 1, "params.width", "wide"),
                   "module 'c1' (base_cabinet), field 'params.width': 'wide' is not a number"),
    "width 1e308": (lambda c: _with(c, 1, "params.width", 1e308),
                    "modules[1] ('c1'), field 'params.width': 1e+308 is outside"),
    "to a list": (lambda c: _with(c, 1, "to", ["p1"]),
                  "modules[1] ('c1'), field 'to': expected text, found a list ['p1']"),
    "rotation 1.5": (lambda c: _with(c, 1, "rotation", 1.5), "modules[1] ('c1'), field 'rotation'"),
    "id a number": (lambda c: _with(c, 0, "id", 5), "modules[0], field 'id': expected text, found 5"),
    "room 1e300": (lambda c: dict(_sideboard(c), room_height=1e300), "field 'room_height': 1e+300 is outside"),
    "100,000 brackets": (lambda c: json.dumps(_sideboard(c))[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
                         "brackets nested more than 20 levels deep"),
    "too many modules": (lambda c: dict(_sideboard(c), modules=[
        {"id": f"m{i}", "type": "plinth", "position": [0, 0, 0]} for i in range(MAX_MODULES + 1)]),
        f"{MAX_MODULES + 1:,} modules; a design may hold at most {MAX_MODULES:,}"),
}


@pytest.mark.parametrize("example", list(EXAMPLES))
def test_design_check_and_bom_refuse_the_issues_examples_for_the_same_reason(catalog, tmp_path, capsys, example):
    content, message = EXAMPLES[example]
    path = _file(tmp_path, content(catalog))
    assert main(["design", "check", str(path)]) == 1
    checked = capsys.readouterr().out.splitlines()
    assert checked[0].startswith(f"error: {path}: ") and message in checked[0], checked
    assert main(["bom", str(path), "-o", str(tmp_path / "out.csv")]) == 1
    made = capsys.readouterr().out.splitlines()
    assert made[0] == checked[0], made   # the same first line: bom stops before it could fail another way
    assert not (tmp_path / "out.csv").exists()
    refused = not checked[-1].endswith("module(s)")   # refused outright: one line; loaded: the problem, the summary
    assert len(checked) == 1 if refused else len(checked) == 2


def test_the_entry_point_prints_one_line_and_no_traceback(catalog, tmp_path):
    path = _file(tmp_path, _with(catalog, 1, "to", ["p1"]))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "design", "check", str(path)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.count("\n") == 1 and "field 'to'" in result.stdout


def _hostile_design(catalog) -> dict:
    data = _sideboard(catalog)
    data["name"] = f"Sideboard{ESCAPES}"
    data["modules"][1]["finish"] = f"white{ESCAPES}"               # a warning quotes it
    data["modules"][1]["params"][f"colour{ESCAPES}"] = 1           # a warning names it
    data["catalog"]["version"] = f"0.9{ESCAPES}"                    # a warning quotes it
    return data


def test_escape_sequences_in_a_design_never_reach_the_terminal(catalog, tmp_path, capfd):
    path = _file(tmp_path, _hostile_design(catalog))
    assert main(["design", "check", str(path)]) == 0
    main(["bom", str(path), "-o", str(tmp_path / "out.json")])
    out, err = capfd.readouterr()
    assert "Sideboard\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\x9b31m\\r\\x00" in out   # shown, escaped
    assert not CONTROL.search(out) and not CONTROL.search(err), (out, err)


def test_escape_sequences_in_an_order_and_its_contact_details_never_reach_the_terminal(catalog, tmp_path, capfd):
    vault = ContactVault()   # the kiosk's key, in the (test) data folder
    token = vault.encrypt({"name": f"Greta{ESCAPES}", f"phone{ESCAPES}": "+46 70"})
    design = _hostile_design(catalog)
    design["catalog"]["version"] = catalog.version
    design["modules"][1]["finish"] = "white"
    del design["modules"][1]["params"][f"colour{ESCAPES}"]
    store = tmp_path / "orders.sqlite3"
    with OrderStore(store) as orders:
        code = orders.place(design, Decimal("99.00"), "EUR", 9, language="sv", contact=token).code
    assert main(["order", code, "--store", str(store), "--contact"]) == 0
    out, err = capfd.readouterr()
    assert "Greta\\x1b[2J" in out and "Sideboard\\x1b[2J" in out
    assert not CONTROL.search(out) and not CONTROL.search(err), (out, err)


def test_mistyped_codes_with_escape_sequences_are_shown_escaped(tmp_path, capsys):
    store = tmp_path / "orders.sqlite3"
    with OrderStore(store):
        pass
    assert main(["order", f"7K2M{ESCAPES}", "--store", str(store)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("error: ") and out.count("\n") == 1 and not CONTROL.search(out)


@pytest.mark.parametrize("text, shown", [
    ("\x1b[2J", "\\x1b[2J"), ("a\nb", "a\\nb"), ("\t", "\\t"), ("\x7f\x85\x9f", "\\x7f\\x85\\x9f"),
    ("\ud800", "\\ud800"), ("Küche 60×72 – ok", "Küche 60×72 – ok"),
])
def test_visible_escapes_every_control_and_keeps_ordinary_text(text, shown):
    assert visible(text) == shown
    assert visible("one\ntwo\x1b", lines=True) == "one\ntwo\\x1b"
