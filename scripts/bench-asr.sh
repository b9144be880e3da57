#!/usr/bin/env bash
# Benchmark: chunked parallel transcription vs whole-file transcription on a recording of
# about three minutes (espeak-ng speech), against the local faster-whisper server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh --test
scripts/models.sh
export AFIRGEN_MODELS_HOME=${AFIRGEN_MODELS_HOME:-$PWD/.afirgen/models}
export AFIRGEN_DATA_DIR=${AFIRGEN_DATA_DIR:-$PWD/target/bench}
cargo build --release --quiet -p afirgen-cli
bin=${CARGO_TARGET_DIR:-target}/release/afirgen
"$bin" models up --detach
trap '"$bin" models down >/dev/null' EXIT
work=$(mktemp -d)
i=0
for place in "the market" "the railway station" "the bus stand" "the temple" "the school" "the hospital"; do
  for thing in "a phone" "a bicycle" "a purse" "a gold chain" "a laptop" "a wallet"; do
    i=$((i + 1))
    espeak-ng -s 150 -w "$work/part$(printf %02d $i).wav" "Witness number $i saw $thing taken near $place on day three."
  done
done
sox "$work"/part*.wav "$work/story.wav"
url=$("$bin" models status --json | python3 -c 'import json,sys; print(next(s["url"] for s in json.load(sys.stdin)["servers"] if s["role"]=="asr"))')
cargo bench -p afirgen-core --bench asr_chunks -- --audio "$work/story.wav" --asr-url "$url" "$@"
rm -rf "$work"
