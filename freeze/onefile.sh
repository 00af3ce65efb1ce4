#!/bin/sh
# Base 11/19 exhibit kiosk @VERSION@: the one-file program for Linux.
#
# This file is a short shell script followed by the kiosk program (its one-folder build,
# packed with tar and gzip). The first start of this version unpacks the program into a
# folder that is kept; every later start runs it from there at once. That folder is
#   $KIOSK_PROGRAM_DIR when it is set, else
#   $XDG_CACHE_HOME/base1119-kiosk/program (~/.cache/base1119-kiosk/program), else,
#   when that cannot be written to, a folder of this user's own in $TMPDIR (/tmp).
# Each version unpacks into a folder of its own; the version used before it is kept, older
# ones are removed. Deleting the folder is safe: the next start unpacks the program again.
# See "The one file" in docs/INSTALL.md. Made by freeze/onefile.py.
set -u

name=@NAME@                     # the program, in the packed folder
program=@NAME@-@VERSION@-@ID@   # the folder this version unpacks into
payload_offset=@OFFSET@ # where the packed program starts in this file, in bytes
payload_mb=@MB@                # its size once unpacked, in MB

self=$0
case $self in
    */*) ;;
    *) self=$(command -v -- "$self") || { printf 'kiosk: cannot find my own file (%s)\n' "$0" >&2; exit 70; } ;;
esac
case $self in
    /*) ;;
    *) self=$PWD/$self ;;  # the program may change its folder: KIOSK_ONE_FILE stays right
esac

fail() {
    printf 'kiosk: %s\n' "$*" >&2
    exit 74
}

# unpack BASE [shared]: unpacks this version into BASE/$program; says why not in $why.
# A BASE in a shared folder (the temporary one) must belong to this user.
unpack() {
    base=$1
    if ! mkdir -p -m 700 -- "$base" 2>/dev/null || [ ! -w "$base" ] || { [ $# -gt 1 ] && [ ! -O "$base" ]; }; then
        why="$base cannot be written to"
        return 1
    fi
    # Folders left half unpacked by a power cut or a killed start, ten minutes old or more.
    find "$base" -mindepth 1 -maxdepth 1 -name '.unpacking-*' -mmin +10 -exec rm -rf -- {} + 2>/dev/null
    if ! tmp=$(mktemp -d "$base/.unpacking-XXXXXX" 2>/dev/null); then
        why="$base cannot be written to"
        return 1
    fi
    if ! why=$(tail -c +$((payload_offset + 1)) -- "$self" | tar -xzf - -C "$tmp" 2>&1) \
        || [ ! -f "$tmp/.kiosk-program" ]; then
        rm -rf -- "$tmp"
        case $why in
            *"No space left"*) why="there is not enough free space in $base (the program needs about $payload_mb MB)" ;;
            "") why="this file is damaged or cut short: copy it again" ;;
            *) why="unpacking into $base failed ($(printf '%s' "$why" | head -n 2 | tr '\n' ' ' | sed 's/^ *//; s/ *$//')): this file may be damaged, copy it again" ;;
        esac
        return 1
    fi
    if [ ! -x "$tmp/$name" ]; then
        rm -rf -- "$tmp"
        why="$base is on a disk that does not let programs run (noexec): set KIOSK_PROGRAM_DIR to a folder elsewhere"
        return 1
    fi
    # On the disk before it counts as unpacked, so that a power cut cannot leave it half written.
    sync -f "$tmp" 2>/dev/null || sync
    # Into place in one step (a rename), unless another start got there first.
    if ! mv -T -- "$tmp" "$base/$program" 2>/dev/null; then
        if [ ! -x "$base/$program/$name" ] && [ -d "$base/$program" ]; then
            # A damaged copy (its program gone): moved aside, then removed.
            mv -T -- "$base/$program" "$tmp.damaged" 2>/dev/null && rm -rf -- "$tmp.damaged"
            mv -T -- "$tmp" "$base/$program" 2>/dev/null
        fi
        rm -rf -- "$tmp"
        if [ ! -x "$base/$program/$name" ]; then
            why="$base/$program cannot be written to"
            return 1
        fi
    fi
    # Keep the version used before this one; remove older ones (only the kiosk's own folders).
    previous=
    for old in "$base"/"$name"-*; do
        if [ "$old" != "$base/$program" ] && [ -f "$old/.kiosk-program" ]; then
            if [ -z "$previous" ] || [ "$old" -nt "$previous" ]; then previous=$old; fi
        fi
    done
    for old in "$base"/"$name"-*; do
        if [ "$old" != "$base/$program" ] && [ "$old" != "$previous" ] && [ -f "$old/.kiosk-program" ]; then
            rm -rf -- "$old"
        fi
    done
    return 0
}

if [ -n "${KIOSK_PROGRAM_DIR:-}" ]; then
    base=$KIOSK_PROGRAM_DIR
    if [ ! -x "$base/$program/$name" ]; then
        unpack "$base" || fail "cannot unpack the program: $why"
    fi
else
    base=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/base1119-kiosk/program
    if [ ! -x "$base/$program/$name" ]; then
        spare=${TMPDIR:-/tmp}/base1119-kiosk-$(id -u)
        if [ -O "$spare" ] && [ -x "$spare/$program/$name" ]; then
            base=$spare
        elif ! unpack "$base"; then
            first=$why
            base=$spare
            unpack "$base" shared || fail "cannot unpack the program: $first; $why"
        fi
    fi
fi

KIOSK_ONE_FILE=$self   # kiosk.yaml is looked for beside this file, not beside the unpacked program
export KIOSK_ONE_FILE
exec "$base/$program/$name" "$@"
