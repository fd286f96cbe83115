#!/usr/bin/env bash
# Sets up everything Modulor needs on a Debian 12 machine that has only Python 3.11
# (python3, python3-venv, pip, git). Used by ./run-app.sh and ./run-tests.sh.
#
#   scripts/setup-env.sh app    # system libraries for the GUI + `pip install -e .`
#   scripts/setup-env.sh test   # the same + Xvfb + PostgreSQL + `pip install -e ".[test]"` (default)
#
# Idempotent and fast when nothing changed: the pip step is skipped while the stamp file
# .venv/.modulor-setup holds the current hash of pyproject.toml (and a mode that covers
# the one asked for). Delete .venv to start over.
#
# Environment:
#   PYTHON=python3.12      interpreter to build .venv from (default: python3)
#   MODULOR_SKIP_APT=1     never look at or install Debian packages
#
# It may also be sourced (`. scripts/setup-env.sh test`): it then runs in a child bash,
# so its `set -e` and variables do not leak into your shell, and returns its exit code.

if [ -n "${BASH_SOURCE[0]:-}" ] && [ "${BASH_SOURCE[0]}" != "$0" ]; then
    bash "${BASH_SOURCE[0]}" "$@"
    return $?
fi

set -Eeuo pipefail

MODE=${1:-test}
case "$MODE" in
    app|test) ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [app|test]" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"
VENV="$ROOT/.venv"
STAMP="$VENV/.modulor-setup"
LOG="${TMPDIR:-/tmp}/modulor-setup.$$.log"
PYTHON=${PYTHON:-python3}

# Debian packages the PySide6 (Qt xcb platform plugin) and VTK wheels load at run time;
# fonts-wqy-microhei: Chinese glyphs for the kiosk's Simplified Chinese (5 MB; fonts-noto-cjk is 60+ MB).
RUNTIME_DEBS=(
    libxcb1 libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
    libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
    libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0
    libxcursor1 libxrender1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    fonts-dejavu-core libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 libgbm1
    fonts-wqy-microhei
)
# The test suite runs the real GUI under Xvfb (started by pytest-xvfb), and the order tests a real
# PostgreSQL server (started in a temporary folder by tests/orders/conftest.py; docs/orders.md).
TEST_DEBS=(xvfb xauth postgresql)

STEP="start"
step() { STEP="$1"; echo "setup: $1"; }
note() { echo "setup:   $1"; }
die()  {
    echo "" >&2
    echo "setup: ERROR in step '$STEP': $1" >&2
    exit 1
}
on_error() {
    local rc=$?
    echo "" >&2
    echo "setup: ERROR: step '$STEP' failed (exit $rc)." >&2
    if [ -s "$LOG" ]; then
        echo "setup: last lines of its output:" >&2
        tail -n 40 "$LOG" | sed 's/^/    /' >&2
    fi
    exit "$rc"
}
trap on_error ERR
trap 'rm -f "$LOG"' EXIT
# Runs a command with its output in $LOG (shown only if it fails).
quiet() { "$@" >"$LOG" 2>&1; }

# Two setups at once (run-app.sh and run-tests.sh) would trample each other's venv.
if command -v flock >/dev/null 2>&1; then
    exec 9<"$ROOT/scripts/setup-env.sh"
    flock 9
fi

# ---------------------------------------------------------------------------- python
step "checking Python (>= 3.11)"
command -v "$PYTHON" >/dev/null 2>&1 \
    || die "'$PYTHON' not found. Install Python 3.11 or newer: sudo apt-get install python3 python3-venv python3-pip"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    die "Modulor needs Python >= 3.11, but '$PYTHON' is $("$PYTHON" -c 'import platform; print(platform.python_version())' 2>/dev/null || echo unknown). Install a newer Python, or point PYTHON= at one (e.g. PYTHON=python3.11 $0 $MODE)."
fi
note "$("$PYTHON" -c 'import platform, sys; print(f"Python {platform.python_version()} ({sys.executable})")')"

# ------------------------------------------------------------------- system packages
missing_debs=()
check_debs() {
    local wanted=("$@") installed
    # One dpkg-query for all: prints "name status" for the known ones, errors for the rest.
    installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null \
                | awk '$NF == "installed" && $(NF-1) == "ok" {print $1}' || true)
    missing_debs=()
    local p
    for p in "${wanted[@]}"; do
        grep -qxF "$p" <<<"$installed" || missing_debs+=("$p")
    done
}

wanted_debs=("${RUNTIME_DEBS[@]}")
[ "$MODE" = test ] && wanted_debs+=("${TEST_DEBS[@]}")

if [ "${MODULOR_SKIP_APT:-0}" = 1 ]; then
    step "system packages: skipped (MODULOR_SKIP_APT=1)"
elif ! command -v dpkg-query >/dev/null 2>&1; then
    step "system packages: skipped (no dpkg-query: not a Debian/Ubuntu system)"
    note "make sure your system has the equivalent of: ${wanted_debs[*]}"
else
    step "checking system packages (${#wanted_debs[@]} Debian packages)"
    check_debs "${wanted_debs[@]}"
    if [ ${#missing_debs[@]} -eq 0 ]; then
        note "all present"
    elif [ "$(id -u)" -eq 0 ]; then
        step "installing ${#missing_debs[@]} missing system packages with apt-get"
        note "${missing_debs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        quiet apt-get update -q
        quiet apt-get install -y -q --no-install-recommends "${missing_debs[@]}"
        check_debs "${wanted_debs[@]}"
        [ ${#missing_debs[@]} -eq 0 ] || die "still missing after apt-get install: ${missing_debs[*]}"
        note "installed"
    else
        echo "setup: WARNING: missing system packages (not root, so not installing them):" >&2
        echo "    sudo apt-get install --no-install-recommends ${missing_debs[*]}" >&2
        echo "setup:   continuing; the app may still start if your desktop provides these libraries." >&2
    fi
fi

# ----------------------------------------------------------------------- virtualenv
step "virtual environment .venv"
if [ -e "$VENV" ] && ! "$VENV/bin/python" -c 'import sys, pip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    note "existing .venv is broken or too old: recreating it"
    rm -rf "$VENV"
fi
if [ ! -e "$VENV" ]; then
    if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        die "Python's venv module is missing. On Debian/Ubuntu: sudo apt-get install python3-venv"
    fi
    quiet "$PYTHON" -m venv "$VENV" \
        || die "'$PYTHON -m venv .venv' failed (on Debian/Ubuntu: sudo apt-get install python3-venv): $(tail -n 3 "$LOG")"
    note "created with $("$VENV/bin/python" -c 'import platform; print(platform.python_version())')"
else
    note "exists"
fi

# --------------------------------------------------------------------- pip install
hash_file() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        "$VENV/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"
    fi
}
[ -f "$ROOT/pyproject.toml" ] || die "pyproject.toml not found in $ROOT"
want_hash=$(hash_file "$ROOT/pyproject.toml")
have_hash=""; have_mode=""
[ -f "$STAMP" ] && read -r have_hash have_mode <"$STAMP" || true

if [ "$have_hash" = "$want_hash" ] && { [ "$have_mode" = test ] || [ "$have_mode" = "$MODE" ]; }; then
    step "Python packages: up to date (pyproject.toml unchanged)"
else
    rm -f "$STAMP"
    step "upgrading pip"
    quiet "$VENV/bin/python" -m pip install --quiet --upgrade pip
    if [ "$MODE" = test ]; then spec=".[test]"; else spec="."; fi
    step "installing Python packages: pip install -e \"$spec\" (first time takes a few minutes)"
    quiet "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
    echo "$want_hash $MODE" >"$STAMP"
    note "done"
fi

step "ready ($MODE)"
