#!/usr/bin/env bash
# The main job: generate an FIR from a sample complaint with the embedded defaults
# (SQLite in the platform data folder).
#
# Until the local model servers arrive, the language model is AFIRGen's deterministic
# MOCK server (`afirgen dev mock-models`): the pipeline, storage, gates and numbering are
# real, but the extracted facts and suggested sections are canned, not legal advice.
#
#   scripts/demo.sh [COMPLAINT.txt]     (default: samples/complaint-en.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh
complaint=${1:-samples/complaint-en.txt}

echo "== building afirgen (release; the first build takes a few minutes)"
cargo build --release --quiet -p afirgen-cli
afirgen=target/release/afirgen

# Port 0: the mock takes a free port and prints its URL.
log=$(mktemp)
"$afirgen" dev mock-models --port 0 --latency-ms 150 >"$log" &
mock_pid=$!
trap 'kill $mock_pid 2>/dev/null || true; rm -f "$log"' EXIT
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^mock model server listening on //p' "$log")
  [[ -n "$url" ]] && break
  kill -0 $mock_pid 2>/dev/null || { echo "demo: the mock model server did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "demo: the mock model server did not report its address" >&2; exit 1; }

mkdir -p out
export AFIRGEN_LLM_URL=$url
echo "== generating an FIR from $complaint (mock language model at $url)"
"$afirgen" generate --text "$complaint" --auto-approve --json out/fir-sample.json
echo "== the job, the draft and the FIR number are in out/fir-sample.json"
