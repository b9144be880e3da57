#!/usr/bin/env bash
# Installs the UI's npm packages (from package-lock.json, again only when it changed) and
# builds ui/ into ui/dist, which the desktop app embeds and `afirgen serve` serves.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.afirgen-lock.sha256
if [[ ! -f $stamp ]] || ! sha256sum --check --status "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json > "$stamp"
fi
npm run --silent build:ui -- --logLevel warn
