#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit, integration (SQLite and MariaDB, mock
# model server) and CLI tests. Installs and starts what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh --test
scripts/mariadb.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace
