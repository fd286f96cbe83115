"""Shared fixtures: the bundled catalog and disposable copies of it to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles for the fuzz tests (tests/domain/test_fuzz_*.py), chosen with HYPOTHESIS_PROFILE:
# "default" is the quick run of every test run (hypothesis's 100 examples a test, no deadline: a slow
# machine must not fail a test, the pytest-timeout guards bound it), "fuzz" the long deliberate run,
# e.g. `HYPOTHESIS_PROFILE=fuzz ./run-tests.sh tests/domain -k fuzz`.  A test's own @settings win.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("default", deadline=None, print_blob=True, suppress_health_check=_QUIET)
settings.register_profile("fuzz", deadline=None, print_blob=True, max_examples=5_000, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "catalogs"
MODELS = ROOT / "models3d"
SAMPLE = CATALOGS / "linea"
EXTERNAL_MESHES = ROOT.parent / "shared" / "data" / "external-meshes"


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch):
    """Recovery files, recent files and thumbnails go to temporary folders, never the user's own."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("MODULOR_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("MODULOR_CACHE_DIR", str(base / "cache"))


@pytest.fixture
def umask():
    """``umask(value)`` sets the process's umask for this test (0o022 to begin with); restored after."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


@pytest.fixture(scope="session")
def catalog():
    from app.domain.catalog.loader import load_catalog

    loaded = load_catalog(SAMPLE)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    return loaded


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample catalog with models3d/ beside catalogs/, as in the project."""
    shutil.copytree(SAMPLE, tmp_path / "catalogs" / "linea")
    shutil.copytree(MODELS, tmp_path / "models3d")
    return tmp_path / "catalogs" / "linea"
