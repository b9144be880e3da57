#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests (SQLite and
# MariaDB, mock model server), CLI tests, UI unit tests (vitest), the real-model tier
# (llama.cpp server, faster-whisper, Tesseract from the model harness), the station
# server's API fuzzed from its OpenAPI document (Schemathesis), coverage-guided fuzzing
# of file inputs and model answers (cargo fuzz, short runs), the app in a browser
# (Playwright), and the desktop app end to end under Xvfb
# (tauri-driver). Installs and starts what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh --test
scripts/mariadb.sh
scripts/models.sh
export AFIRGEN_MODELS_HOME=$PWD/.afirgen/models
# The desktop crate embeds ui/dist, so the UI is built before anything compiles it.
scripts/ui.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test (unit, integration, CLI)"
cargo test --workspace
echo "== fuzzing: the file and model-answer boundaries, 30 s per target (cargo fuzz)"
scripts/fuzz.sh --seconds 30
echo "== UI unit tests (vitest)"
npm run --silent test:ui
echo "== real-model tier"
stop_models() { AFIRGEN_DATA_DIR=$PWD/target/real-tier target/debug/afirgen models down >/dev/null 2>&1 || true; }
trap stop_models EXIT
cargo test --workspace --test real_models -- --ignored --test-threads 1
echo "== station server API, property-based (Schemathesis against /openapi.json)"
scripts/api-fuzz.sh --max-time 60
echo "== station server in a browser (Playwright + Chromium, mock models)"
scripts/e2e-browser.sh
echo "== desktop app end to end (mock models)"
scripts/e2e-desktop.sh
