"""Recovery files survive a kill -9 and are found again; live sessions' files are not offered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from app.domain.design.files import load_design
from app.domain.design.presets import design_from_preset
from app.domain.design.recovery import RecoveryWriter, find_recoveries
from tests.conftest import ROOT

_AUTOSAVING_SESSION = """
import sys, time
from pathlib import Path
from app.domain.catalog.loader import load_catalog
from app.domain.design.commands import SetParameter
from app.domain.design.presets import design_from_preset
from app.domain.design.recovery import RecoveryWriter
catalog = load_catalog(Path("catalogs/linea"))
design = design_from_preset(catalog, "sideboard")
SetParameter("c1", name="width", value=800).apply(design)
RecoveryWriter(Path(sys.argv[1])).write(design, Path("/somewhere/sideboard.modulor.json"))
print("saved", flush=True)
time.sleep(60)
"""


def test_recovery_survives_kill_and_is_offered(catalog, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", _AUTOSAVING_SESSION, str(tmp_path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "saved"
        assert find_recoveries(tmp_path) == []  # the session is still running: not offered
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    found = find_recoveries(tmp_path)
    assert len(found) == 1
    recovery = found[0]
    assert recovery.pid == child.pid and recovery.design_name == "Sideboard"
    assert str(recovery.source) == "/somewhere/sideboard.modulor.json"
    design = load_design(recovery.path, catalog).design
    assert design.get("c1").params["width"] == 800


def test_discard_removes_the_file(catalog, tmp_path):
    writer = RecoveryWriter(tmp_path, pid=999_999_99)
    writer.write(design_from_preset(catalog, "wardrobe"), None)
    assert [r.design_name for r in find_recoveries(tmp_path)] == ["Wardrobe"]
    writer.discard()
    assert find_recoveries(tmp_path) == []


def test_damaged_recovery_file_is_skipped(tmp_path):
    (tmp_path / "recovery-123.modulor.json").write_text("{ not json", encoding="utf-8")
    assert find_recoveries(tmp_path) == []
