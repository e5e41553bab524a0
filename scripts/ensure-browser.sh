#!/usr/bin/env bash
# Make sure the browser tests have what they need: a system Chromium and the npm
# test tools (axe-core, Lighthouse, ajv) from package-lock.json. Idempotent and fast
# when both are already present. Honours $CHROMIUM (path to a Chromium binary).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() { echo "ensure-browser: $*" >&2; exit 1; }

# --- Chromium -----------------------------------------------------------------
# The tests use $CHROMIUM when it is set, so a wrong one is an error, not a reason to install.
if [[ -n "${CHROMIUM:-}" && ! -x "$CHROMIUM" ]]; then
    die "CHROMIUM=$CHROMIUM is not an executable file (unset it to use /usr/bin/chromium)"
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
chromium_note="present"
sudo=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then sudo=(sudo); fi
if [[ ! -x "$chromium" ]]; then
    command -v apt-get >/dev/null || die "no Chromium at \${CHROMIUM:-/usr/bin/chromium} and no apt-get to install it; set CHROMIUM=/path/to/chromium"
    [[ $(id -u) -eq 0 || ${#sudo[@]} -gt 0 ]] || die "installing Chromium needs root (or sudo)"
    echo "ensure-browser: installing Debian chromium with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
    "${sudo[@]}" apt-get install -y -qq chromium >/dev/null || die "apt-get install chromium failed"
    chromium=/usr/bin/chromium
    [[ -x "$chromium" ]] || die "apt-get installed chromium but $chromium is missing"
    chromium_note="installed"
fi
# Debian's launcher script prints shell noise on stderr; only stdout matters.
version=$("$chromium" --version 2>/dev/null | head -n1 | sed "s/ *$//") || die "$chromium does not run (--version failed)"

# --- npm test tools -------------------------------------------------------------
stamp=node_modules/.package-lock.json
npm_note="up to date"
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" || ! -f node_modules/axe-core/axe.min.js ]]; then
    if ! command -v npm >/dev/null; then
        command -v apt-get >/dev/null || die "npm is missing and there is no apt-get: install Node.js 20+ (it ships npm)"
        echo "ensure-browser: installing Debian nodejs and npm with apt-get..." >&2
        export DEBIAN_FRONTEND=noninteractive
        "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
        "${sudo[@]}" apt-get install -y -qq nodejs npm >/dev/null || die "apt-get install nodejs npm failed"
    fi
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
    npm_note="installed by npm ci"
fi

echo "ensure-browser: ${version:-chromium} at $chromium ($chromium_note); node_modules $npm_note"
