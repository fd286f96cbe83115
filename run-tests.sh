#!/usr/bin/env bash
# Sets up (first time: a few minutes) and runs Modulor's whole test suite.
# Arguments go to pytest, e.g. `./run-tests.sh tests/domain -x -q`.
# GUI tests run on a virtual X server (Xvfb, started by pytest-xvfb) with Mesa's
# software OpenGL, so no screen or GPU is needed. pytest's exit code is returned
# unchanged (5 = no tests collected counts as a failure).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
cd "$ROOT"

bash "$ROOT/scripts/setup-env.sh" test

export QT_API=pyside6
export LIBGL_ALWAYS_SOFTWARE=1
export GALLIUM_DRIVER=llvmpipe
exec "$ROOT/.venv/bin/python" -m pytest "$@"
