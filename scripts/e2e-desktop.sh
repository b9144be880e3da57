#!/usr/bin/env bash
# End-to-end test of the real desktop binary under Xvfb, driven by tauri-driver with
# Debian's WebKitWebDriver. Builds the UI and the app, installs tauri-driver (once, into
# .afirgen/tools), makes a spoken complaint with espeak-ng, runs tests/e2e/desktop.mjs
# and (mock tier) tests/e2e/desktop-station.mjs, the app as a desk of a station server.
#
#   scripts/e2e-desktop.sh          against the mock model server
#   scripts/e2e-desktop.sh --real   the app starts the real local models itself
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

real=0
[[ "${1:-}" == "--real" ]] && real=1

scripts/setup.sh --test
scripts/ui.sh
# The whole workspace with its tests, as `cargo test --workspace` builds it: one
# feature set (dev-dependencies unify features), so after the suite nothing is compiled
# again. `--bins` alone compiled 38 crates again (5 min on 2 cores).
cargo build --quiet --workspace --tests --bins

tools=$PWD/.afirgen/tools
if [[ ! -x $tools/bin/tauri-driver ]]; then
  echo "e2e: installing tauri-driver 2.1.0 (once)"
  cargo install --quiet --locked tauri-driver --version 2.1.0 --root "$tools"
fi

fixtures=artifacts/e2e-fixtures
mkdir -p "$fixtures"
if [[ ! -s $fixtures/complaint.wav ]]; then
  espeak-ng -v en-us -s 150 -w "$fixtures/complaint.wav" \
    "My name is Ravi Kumar. Yesterday at nine in the night, near Lal Bagh market, two men on a motorcycle snatched my gold chain and ran away."
fi

if (( real )); then
  scripts/models.sh
  AFIRGEN_E2E_REAL=1 AFIRGEN_MODELS_HOME=$PWD/.afirgen/models node tests/e2e/desktop.mjs
else
  node tests/e2e/desktop.mjs
  # The same binary as a desk of a station server (afirgen serve).
  node tests/e2e/desktop-station.mjs
fi
