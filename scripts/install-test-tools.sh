#!/usr/bin/env bash
# Installs, once, the real parts the tests drive: npm tools pinned in tools/package-lock.json
# (Azurite, Prism) and Debian's Chromium for the browser tests. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ -f "$root/tools/package-lock.json" ]; then
  if [ ! -d "$root/tools/node_modules" ] || [ "$root/tools/package-lock.json" -nt "$root/tools/node_modules/.package-lock.json" ]; then
    echo "Installing npm test tools (tools/package-lock.json)..."
    npm ci --prefix "$root/tools" --no-audit --no-fund --loglevel=error
  fi
fi

if [ -f "$root/tools/needs-chromium" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
