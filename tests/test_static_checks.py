"""The static checks pass: ruff (lint), mypy (types) and import-linter (import contracts).

Each tool runs from this venv as a subprocess with the settings in pyproject.toml, so a
failure here is exactly what a developer sees running it by hand, and its output is the
failure message:

    .venv/bin/ruff check app tests bench scripts main.py
    .venv/bin/mypy            # the files and the strictness come from [tool.mypy]
    .venv/bin/lint-imports    # the contracts come from [tool.importlinter]

All three keep caches in the repository (.ruff_cache, .mypy_cache, .import_linter_cache,
ignored by git): with a warm cache the three together take a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LINTED = ("app", "tests", "bench", "scripts", "main.py")


def _check(tool: str, *args: str, timeout: float = 240) -> None:
    program = BIN / tool
    if not program.exists():
        pytest.fail(f"{program} is missing: the test extras install it (pip install -e '.[test]')")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MYPYPATH", None)
    result = subprocess.run([str(program), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=timeout, check=False)
    if result.returncode != 0:
        pytest.fail(f"$ {tool} {' '.join(args)}  (exit {result.returncode})\n{result.stdout}{result.stderr}",
                    pytrace=False)


def test_ruff_finds_nothing() -> None:
    _check("ruff", "check", "--no-fix", "--output-format", "concise", *LINTED)


def test_mypy_finds_no_type_errors() -> None:
    _check("mypy")


def test_the_import_contracts_hold() -> None:
    _check("lint-imports")
