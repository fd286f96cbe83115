"""`modulor bom DESIGN --format dxf -o OUTDIR`: per-part DXF files from the command line, with no display."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import ezdxf
import pytest

from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=240)


@pytest.fixture
def sideboard_file(catalog, tmp_path) -> Path:
    path = tmp_path / "sideboard.modulor.json"
    path.write_text(json.dumps(design_to_dict(design_from_preset(catalog, "sideboard"))), encoding="utf-8")
    return path


@pytest.mark.parametrize("layers, cup_layer", [(None, "DRILL_D35_Z12.5"), ("thermwood", "drill z12p5")])
def test_dxf_folder_without_a_display(sideboard_file, tmp_path, layers, cup_layer):
    out = tmp_path / "dxf"
    result = _run("bom", str(sideboard_file), "--format", "dxf", "-o", str(out),
                  *(("--layers", layers) if layers else ()))
    assert result.returncode == 0, result.stdout + result.stderr
    with (out / "parts.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert f"wrote {len(rows) + 1} files in {out}" in result.stdout
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.dxf"))
    assert files == sorted(r["File"] for r in rows)
    doors = [r for r in rows if r["Name"] == "Door"]
    assert len(doors) == 2 and all(r["File"].startswith("mdf19_sage/") for r in doors)
    for row in doors:   # three cups in each 716 mm sage door
        cups = [e for e in ezdxf.readfile(out / row["File"]).modelspace().query("CIRCLE") if e.dxf.layer == cup_layer]
        assert len(cups) == 3 and {2 * c.dxf.radius for c in cups} == {35}
    assert "Drilling" not in result.stdout + result.stderr        # the preset drills cleanly


def test_an_unknown_template_is_one_line_and_nothing_written(sideboard_file, tmp_path):
    out = tmp_path / "dxf"
    result = _run("bom", str(sideboard_file), "--format", "dxf", "-o", str(out), "--layers", "homag")
    assert result.returncode == 1
    assert result.stdout.strip().splitlines() == [
        "error: unknown layer template 'homag' (the catalog has generic, thermwood)"]
    assert "Traceback" not in result.stderr and not out.exists()


def test_an_orders_dxf_files_carry_its_code(catalog, tmp_path, capsys):
    from decimal import Decimal

    from app.cli.main import main
    from app.domain.showroom.order_store import OrderStore

    with OrderStore(tmp_path / "o.sqlite3") as store:
        order = store.place(design_to_dict(design_from_preset(catalog, "tv_bench")), Decimal("813.83"), "EUR", 11)
    out = tmp_path / "dxf"
    assert main(["order", order.code, "--store", str(tmp_path / "o.sqlite3"), "--bom", "dxf", "-o", str(out),
                 "--customer", "Jane Doe"]) == 0
    with (out / "parts.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["Order"].startswith(f"Order {order.code}  ·  Jane Doe  ·  ") for r in rows)
    first = dict(ezdxf.readfile(out / rows[0]["File"]).header.custom_vars)
    assert first["Order"] == rows[0]["Order"]


def test_an_orders_bom_writes_its_design_through_atomic_files(catalog, tmp_path, monkeypatch):
    # the design handed to `bom` is a file the program writes: atomic_files' one permission rule, never write_text
    from decimal import Decimal
    from pathlib import Path

    from app.cli.main import main
    from app.domain.showroom.order_store import OrderStore

    with OrderStore(tmp_path / "o.sqlite3") as store:
        order = store.place(design_to_dict(design_from_preset(catalog, "tv_bench")), Decimal("813.83"), "EUR", 11)

    def refuse(*args, **kwargs):
        raise AssertionError("written around atomic_files")

    monkeypatch.setattr(Path, "write_text", refuse)
    out = tmp_path / "order.json"
    assert main(["order", order.code, "--store", str(tmp_path / "o.sqlite3"), "--bom", "json", "-o", str(out)]) == 0
    assert out.is_file()
