#!/bin/sh
# Runs inside cage (started by kiosk.service): turns the screen if asked, then runs the
# supervised exhibit. Install as /opt/base1119-kiosk/kiosk-session.sh (chmod 755).
#
# The exhibit's supervisor restarts the exhibit itself; this loop only covers the rare case
# of the supervisor failing (exit not 0). Exit 0 (the staff quit on purpose) ends the session.

KIOSK_HOME="${KIOSK_HOME:-/opt/base1119-kiosk}"
KIOSK_BIN="${KIOSK_BIN:-$KIOSK_HOME/kiosk}"

# Qt draws through Wayland under cage, without window decorations.
export QT_QPA_PLATFORM=wayland
export QT_WAYLAND_DISABLE_WINDOWDECORATION=1

if [ -n "$KIOSK_ROTATION" ] && command -v wlr-randr >/dev/null 2>&1; then
    output="$KIOSK_OUTPUT"
    if [ -z "$output" ]; then
        output=$(wlr-randr | awk '/^[^ ]/ {print $1; exit}')
    fi
    wlr-randr --output "$output" --transform "$KIOSK_ROTATION" \
        || echo "kiosk-session: could not turn $output by $KIOSK_ROTATION" >&2
fi

while true; do
    # KIOSK_ARGS (set in kiosk.service) is split on spaces on purpose: several options.
    # shellcheck disable=SC2086
    "$KIOSK_BIN" supervise --fullscreen $KIOSK_ARGS "$@"
    code=$?
    if [ "$code" -eq 0 ]; then
        exit 0
    fi
    echo "kiosk-session: the supervisor ended with code $code; starting it again in 5 s" >&2
    sleep 5
done
