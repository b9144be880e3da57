#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz, libFuzzer) of the two boundaries where untrusted
# bytes come in: submitted files (sniffer, checks, audio and image decoders) and model
# answers (chat envelope, schema parsing, validation, draft). Each target starts from
# fuzz/seeds/<target> and its own git-ignored corpus in fuzz/corpus/<target>.
#
#   scripts/fuzz.sh [--seconds N] [--seed S] [TARGET...]   # default: 30 s each, seed 1
#
# The default seed is fixed so that the suite's short run replays the same inputs every
# time (a slower machine runs a prefix of them) and cannot turn red by chance; for
# longer runs by hand, `--seed 0` lets libFuzzer pick one.
#
# A crash stops the run with libFuzzer's report; the input is saved under
# fuzz/artifacts/<target>/ — turn it into a regression test, then fix. Installs
# cargo-fuzz (into .afirgen/tools) once; needs the nightly toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.afirgen/tools/bin:$HOME/.cargo/bin:$PATH"
seconds=30
seed=1
targets=()
while (( $# )); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
(( ${#targets[@]} )) || targets=(input_file llm_answer)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain (cargo fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (once, into .afirgen/tools)"
  cargo install --quiet --locked --root .afirgen/tools cargo-fuzz@0.13.2
fi

for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  echo "== fuzz $target for $seconds s"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: over 2 GiB is a leak
  # or an allocation driven by the input.
  log=fuzz/corpus/$target.log
  set +e
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    >"$log" 2>&1
  status=$?
  set -e
  if (( status != 0 )); then
    tail -n 60 "$log" >&2
    echo "fuzz: $target failed (exit $status); a failing input is kept in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || tail -n 3 "$log"
done
