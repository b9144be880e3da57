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

port=${AFIRGEN_DEMO_PORT:-8199}
"$afirgen" dev mock-models --port "$port" --latency-ms 150 >/dev/null &
mock_pid=$!
trap 'kill $mock_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  AFIRGEN_LLM_URL=http://127.0.0.1:$port "$afirgen" health >/dev/null 2>&1 && break
  sleep 0.1
done

mkdir -p out
export AFIRGEN_LLM_URL=http://127.0.0.1:$port
echo "== generating an FIR from $complaint (mock language model on port $port)"
"$afirgen" generate --text "$complaint" --auto-approve --json out/fir-sample.json
echo "== the job, the draft and the FIR number are in out/fir-sample.json"
