#!/usr/bin/env bash
# End-to-end test of the station server in a browser: builds the UI and the CLI, makes a
# spoken complaint with espeak-ng, and runs tests/e2e/browser.mjs (Playwright with
# Debian's Chromium against `afirgen serve` and the mock model server), then
# tests/e2e/i18n.mjs (every screen in Hindi, no English label left), then
# tests/e2e/capture.mjs (microphone and camera, Chromium's fake devices; real speech).
#
#   scripts/e2e-browser.sh                 screenshots in artifacts/browser/
#   scripts/e2e-browser.sh --screenshots   also copies them to docs/screenshots/
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh --test
scripts/ui.sh
# The whole workspace with its tests, as `cargo test --workspace` builds it: one
# feature set (dev-dependencies unify features), so after the suite nothing is compiled
# again. `--bins` alone compiled 38 crates again (5 min on 2 cores).
cargo build --quiet --workspace --tests --bins

fixtures=artifacts/e2e-fixtures
mkdir -p "$fixtures"
if [[ ! -s $fixtures/complaint.wav ]]; then
  espeak-ng -v en-us -s 150 -w "$fixtures/complaint.wav" \
    "My name is Ravi Kumar. Yesterday at nine in the night, near Lal Bagh market, two men on a motorcycle snatched my gold chain and ran away."
fi
if [[ "${1:-}" == "--screenshots" ]]; then
  export AFIRGEN_SCREENSHOTS=$PWD/docs/screenshots
fi
node tests/e2e/browser.mjs
node tests/e2e/i18n.mjs
# Recording and photographing in the app, with the harness's real speech server
# (scripts/models.sh installs it; the test starts and stops its own on a free port).
scripts/models.sh
node tests/e2e/capture.mjs
