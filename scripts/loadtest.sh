#!/usr/bin/env bash
# The station server under load: `afirgen serve` on a fresh MariaDB database with the
# mock model server at a realistic latency, driven by `afirgen loadtest`, while the
# server's resident memory is sampled. Prints the load test's report and the memory
# figures; writes both to artifacts/loadtest/.
#
#   scripts/loadtest.sh [-n N] [--latency-ms MS] [--max-queued Q] [--concurrency C] [--audio DIR]
#
# Defaults: -n 10, 1000 ms per model call (a small model on a station GPU answers an
# extraction in about a second), limits 15 jobs / 10 model calls (the seed's), a queue
# bound of 1000. The binary is target/release/afirgen when built, else target/debug
# (under CARGO_TARGET_DIR when set).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

n=10 latency=1000 max_queued=1000 concurrency="" audio=""
while (( $# )); do
  case "$1" in
    -n) n=$2; shift 2 ;;
    --latency-ms) latency=$2; shift 2 ;;
    --max-queued) max_queued=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --audio) audio=$(realpath "$2"); shift 2 ;;
    *) echo "loadtest.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

bin=${AFIRGEN_BIN:-}
if [[ -z $bin ]]; then
  target_dir=${CARGO_TARGET_DIR:-target}
  if [[ -x $target_dir/release/afirgen ]]; then bin=$target_dir/release/afirgen
  else cargo build --quiet --workspace --bins; bin=$target_dir/debug/afirgen; fi
fi
scripts/mariadb.sh >/dev/null

out=artifacts/loadtest
mkdir -p "$out"
work=$(mktemp -d)
db=afirgen_load_$$
mysql -h127.0.0.1 -uroot -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$work"
}
trap cleanup EXIT

mock_port=$((19000 + $$ % 500))
port=$((mock_port + 500))
cat >"$work/config.toml" <<EOF
[llm]
max_in_flight_per_endpoint = 10
[asr]
max_in_flight_per_endpoint = 10
EOF
export HOME=$work AFIRGEN_DATA_DIR=$work/data AFIRGEN_CONFIG=$work/config.toml \
  AFIRGEN_DATABASE_URL=mysql://root@127.0.0.1:3306/$db \
  AFIRGEN_LLM_URL=http://127.0.0.1:$mock_port AFIRGEN_ASR_URL=http://127.0.0.1:$mock_port \
  MAX_CONCURRENT_REQUESTS=15 MAX_CONCURRENT_MODEL_CALLS=10 AFIRGEN_MAX_QUEUED=$max_queued \
  RUST_LOG=warn

"$bin" dev mock-models --port "$mock_port" --latency-ms "$latency" >"$work/mock.log" 2>&1 &
pids+=($!)
key=$("$bin" users add load-sho --role sho 2>/dev/null | tail -n 1)
"$bin" serve --bind "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
pids+=($server)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.1
done

# Resident memory of the server, every half second.
( while kill -0 "$server" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || true
    sleep 0.5
  done ) >"$work/rss.kb" &
pids+=($!)
rss_start=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

report=$out/loadtest-n$n.json
set +e
AFIRGEN_API_KEY=$key "$bin" loadtest --url "http://127.0.0.1:$port" -n "$n" \
  ${concurrency:+--concurrency "$concurrency"} ${audio:+--audio "$audio"} --json "$report"
status=$?
set -e
rss_end=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
lost=$(mysql -N -h127.0.0.1 -uroot "$db" -e "SELECT COUNT(*) FROM jobs WHERE state NOT IN ('finalized')")
jobs=$(mysql -N -h127.0.0.1 -uroot "$db" -e "SELECT COUNT(*) FROM jobs")
numbers=$(mysql -N -h127.0.0.1 -uroot "$db" -e "SELECT COUNT(DISTINCT fir_no), MIN(fir_no), MAX(fir_no) FROM fir_records WHERE kind = 'fir'")
echo "server memory      start $((rss_start / 1024)) MiB, end $((rss_end / 1024)) MiB, peak $((rss_peak / 1024)) MiB (VmHWM)"
echo "database           $jobs jobs stored, $lost not finalized; FIR numbers (distinct, min, max): $numbers"
cat >"$out/memory-n$n.json" <<EOF
{"n": $n, "rss_start_kib": $rss_start, "rss_end_kib": $rss_end, "rss_peak_kib": $rss_peak, "jobs": $jobs, "not_finalized": $lost, "binary": "$bin", "latency_ms": $latency, "max_queued": $max_queued}
EOF
exit $status
