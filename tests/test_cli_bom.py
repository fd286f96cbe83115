"""`modulor bom`: every format from the command line with no display; bad input gives one line per problem."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.domain.design.files import design_to_dict
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.pricing import quote
from app.domain.rules import RulesEngine

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=240)


@pytest.fixture
def wardrobe_file(catalog, tmp_path) -> Path:
    path = tmp_path / "wardrobe.modulor.json"
    path.write_text(json.dumps(design_to_dict(design_from_preset(catalog, "wardrobe"))), encoding="utf-8")
    return path


def test_every_format_without_a_display(catalog, wardrobe_file, tmp_path):
    wardrobe = design_from_preset(catalog, "wardrobe")
    expected = quote(catalog, wardrobe, extra_hardware=RulesEngine(catalog).check(wardrobe).required_hardware())
    summary = f"{expected.price_gross:.2f} EUR incl. VAT, lead time {expected.lead_time_days} days"
    for fmt in ("csv", "xlsx", "json", "glb"):
        out = tmp_path / f"order.{fmt}"
        result = _run("bom", str(wardrobe_file), "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert out.is_file() and summary in result.stdout
    assert (tmp_path / "order-parts.csv").is_file()
    with (tmp_path / "order.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pieces = sum(p.qty for p in build_bom(catalog, design_from_preset(catalog, "wardrobe")).parts)
    assert sum(int(r["Qty"]) for r in rows) == pieces


def test_pdf_with_its_picture_rendered_offscreen_without_x(wardrobe_file, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "order.pdf"
    result = _run("bom", str(wardrobe_file), "-o", str(out))   # the format from the suffix
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no 3D picture" not in result.stderr and "Traceback" not in result.stderr
    reader = PdfReader(out)
    assert len(reader.pages[0].images) == 1
    assert "D-" in reader.pages[0].extract_text()


def test_only_the_pdf_loads_the_renderer(wardrobe_file, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    code = ("import sys; from app.cli.main import main; "
            f"rc = main(['bom', {str(wardrobe_file)!r}, '-o', {str(tmp_path / 'o.xlsx')!r}]); "
            "sys.exit(rc or (3 if any(m.startswith(('PySide6', 'vtk', 'pyvista')) for m in sys.modules) else 0))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pdf_is_written_without_the_picture_when_rendering_fails(wardrobe_file, tmp_path, capsys, monkeypatch):
    from pypdf import PdfReader

    import app.ui.view.offscreen_render as offscreen

    def no_gl(*_args, **_kwargs):
        raise offscreen.RenderError("3D rendering failed: no OpenGL")

    monkeypatch.setattr(offscreen, "render_design_png", no_gl)
    out = tmp_path / "order.pdf"
    assert main(["bom", str(wardrobe_file), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning: the PDF has no 3D picture: 3D rendering failed: no OpenGL" in captured.err
    assert len(PdfReader(out).pages[0].images) == 0


def test_a_design_with_unknown_modules_is_refused_line_by_line(catalog, tmp_path, capsys):
    data = design_to_dict(design_from_preset(catalog, "sideboard"))
    data["modules"][1]["type"] = "hover_cabinet"
    bad = tmp_path / "bad.modulor.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["bom", str(bad), "-o", str(out)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert any("module 'c1', field 'type': module type 'hover_cabinet' no longer exists" in line for line in lines)
    # What sits on or in c1 (top t1, shelf c1s1, door c1d) was left out too: one line each, then the verdict.
    assert sum(line.startswith("error: ") for line in lines) == 4
    assert lines[-1].endswith("not written: the design has 4 problem(s)")
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}/missing/o.json"], "error: cannot write {tmp}/missing/o.json: the folder {tmp}/missing does not "
                                     "exist"),
    (["-o", "{tmp}/o.txt"], "error: {tmp}/o.txt: say which format with --format"),
])
def test_output_problems_name_the_file(wardrobe_file, tmp_path, capsys, args, message):
    argv = ["bom", str(wardrobe_file)] + [a.format(tmp=tmp_path) for a in args]
    assert main(argv) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message.format(tmp=tmp_path))


def test_a_missing_design_file_is_one_line(tmp_path):
    result = _run("bom", str(tmp_path / "nowhere.modulor.json"), "-o", str(tmp_path / "o.csv"))
    assert result.returncode == 1
    assert result.stdout.startswith("error: ") and "nowhere.modulor.json" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_help_lists_bom():
    result = _run("--help")
    assert result.returncode == 0 and "bom" in result.stdout
    assert "CutList Optimizer" in _run("bom", "--help").stdout


def test_values_the_catalog_does_not_offer_are_one_line_each(catalog, tmp_path, capsys):
    data = design_to_dict(design_from_preset(catalog, "sideboard"))
    for module in data["modules"]:
        if module["id"] == "c1s1":
            module["params"] = {"material": "mdf99"}
        if module["id"] == "c1d":
            module["params"]["handle"] = "golden_knob"
    bad = tmp_path / "bad.modulor.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["bom", str(bad), "-o", str(tmp_path / "o.csv")]) == 1
    assert capsys.readouterr().out.splitlines() == [   # found when the design is loaded (issue 17)
        f"error: {bad}: module 'c1s1' (shelf), field 'params.material': 'mdf99' is not one of the options "
        "['mfc18', 'mfc25']",
        f"error: {bad}: module 'c1d' (door), field 'params.handle': 'golden_knob' is not one of the options "
        "['handle_bar_160', 'handle_knob', 'push_latch']",
        f"{bad}: not written: the design has 2 problem(s)",
    ]
    assert not (tmp_path / "o.csv").exists()


def test_the_anchors_the_rules_require_are_in_the_workshop_papers(wardrobe_file, tmp_path):
    out = tmp_path / "order.json"
    result = _run("bom", str(wardrobe_file), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "needs a wall anchor" in result.stderr   # the rules' notes go to the workshop too
    hardware = {row["item"]: row for row in json.loads(out.read_text())["hardware"]}
    assert float(hardware["wall_anchor"]["qty"]) == 2   # one kit per tall carcass of the wardrobe


def test_a_design_the_rules_refuse_is_not_written(catalog, tmp_path, capsys):
    design = design_from_preset(catalog, "sideboard")
    data = design_to_dict(design)
    for module in data["modules"]:
        if module["id"] == "c3":
            module["params"]["width"] = 900   # its single door is now wider than a leaf may be
    path = tmp_path / "wide.modulor.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "wide.pdf"
    assert main(["bom", str(path), "-o", str(out), "--no-picture"]) == 1
    printed = capsys.readouterr().out
    assert "module 'c3d'" in printed and "wider than our hinges hold" in printed
    assert "not written" in printed and not out.exists()


@pytest.mark.parametrize("seconds", ["inf", "nan", "-5", "1e12", "ten"])
def test_a_nesting_time_that_is_not_a_finite_budget_is_refused(wardrobe_file, tmp_path, capsys, seconds):
    out = tmp_path / "order.json"
    with pytest.raises(SystemExit) as stop:
        main(["bom", str(wardrobe_file), "-o", str(out), "--nesting-seconds", seconds])
    assert stop.value.code == 2 and not out.exists()
    assert "--nesting-seconds" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["bom", "-f", "json"], ["bom", "-f", "dxf"], ["quote"], ["assembly"]])
def test_an_empty_out_is_refused_before_anything_is_written(wardrobe_file, tmp_path, capsys, monkeypatch, command):
    # Path("") is ".": quote and assembly crashed with a traceback, dxf wrote its files into the current folder
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main([command[0], str(wardrobe_file), *command[1:], "-o", ""])
    assert stop.value.code == 2 and "-o/--out" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wardrobe.modulor.json"]
