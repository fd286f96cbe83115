#!/usr/bin/env bash
# Sets up (first time: a few minutes) and starts the Modulor desktop app on the bundled
# catalog. All arguments go to main.py, e.g. `./run-app.sh --help`.
# Commands that need no screen (catalog, design, bom, order, mesh, --help, -h,
# --version, ...) also work without a graphical session.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)

# Only the windows need a screen: no command, `run`, `browse`, `designer`, `kiosk` or --kiosk. Every
# other command (catalog, design, bom, order, mesh, ...) and -h/--help/--version run without one
# (`kiosk --set-pin` and `kiosk --check-translations` neither).
needs_display=1
command_word=""
skip_next=0
for arg in "$@"; do
    if [ "$skip_next" = 1 ]; then skip_next=0; continue; fi
    case "$arg" in
        -h|--help|--version|--set-pin|--check-translations) needs_display=0 ;;
        --catalog) skip_next=1 ;;          # global option that takes a value
        --kiosk) [ -n "$command_word" ] || command_word=kiosk ;;
        -*) ;;
        *) [ -n "$command_word" ] || command_word=$arg ;;
    esac
done
case "$command_word" in
    ""|run|browse|designer|kiosk) ;;
    *) needs_display=0 ;;
esac

if [ "$needs_display" = 1 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    cat >&2 <<'MSG'
run-app: Modulor is a desktop app and needs a graphical session, but neither DISPLAY nor
WAYLAND_DISPLAY is set (are you on SSH or a text console?).

Run it from a terminal inside your desktop session, or use `ssh -X`. To try it headless
on a virtual screen (needs: sudo apt-get install xvfb xauth):
    xvfb-run -s "-screen 0 1280x900x24" ./run-app.sh

Commands that need no screen work anyway, e.g.: ./run-app.sh --help
MSG
    exit 1
fi

bash "$ROOT/scripts/setup-env.sh" app
# VTK draws with GLX into an X11 window: on a Wayland desktop use XWayland, not Qt's
# wayland plugin (set QT_QPA_PLATFORM yourself to override).
if [ -n "${DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    export QT_QPA_PLATFORM=xcb
fi
exec "$ROOT/.venv/bin/python" "$ROOT/main.py" "$@"
