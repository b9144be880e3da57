#!/usr/bin/env bash
# Property-based test of the station server's HTTP API: Schemathesis reads
# /openapi.json and sends generated requests (valid and invalid) to every operation, as
# a signed-in SHO; the run fails on any 5xx answer. `afirgen serve` runs on SQLite with
# the mock model server. Schemathesis lives in a project-local venv (.afirgen/apitest).
#
#   scripts/api-fuzz.sh [--max-time SECONDS]      (default 90)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

max_time=90
[[ "${1:-}" == "--max-time" ]] && max_time=$2

venv=.afirgen/apitest
want=4.32.5
if [[ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != *"$want"* ]]; then
  echo "api-fuzz: installing schemathesis $want into $venv (once)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$want"
fi
# The whole workspace with its tests, as `cargo test --workspace` builds it: one
# feature set (dev-dependencies unify features), so after the suite nothing is compiled
# again. `--bins` alone compiled 38 crates again (5 min on 2 cores).
cargo build --quiet --workspace --tests --bins
bin=${CARGO_TARGET_DIR:-target}/debug/afirgen

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mock_port=$((19600 + $$ % 300))
port=$((mock_port + 300))
# The station's own details, so a complete complaint can be finalised as it is.
cat >"$work/config.toml" <<EOF
[station]
name = "Lal Bagh"
district = "Central"
state = "Delhi"
officer_name = "R. Singh"
officer_rank = "Inspector"
EOF
export HOME=$work AFIRGEN_DATA_DIR=$work/data AFIRGEN_CONFIG=$work/config.toml \
  AFIRGEN_LLM_URL=http://127.0.0.1:$mock_port AFIRGEN_ASR_URL=http://127.0.0.1:$mock_port \
  AFIRGEN_RATE_PER_ADDRESS=1000 AFIRGEN_RATE_PER_USER=1000 RUST_LOG=warn
"$bin" dev mock-models --port "$mock_port" >"$work/mock.log" 2>&1 &
pids+=($!)
key=$("$bin" users add fuzz-sho --role sho 2>/dev/null | tail -n 1)
"$bin" serve --bind "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.1
done

# Something to find: a case awaiting review (id 1) and a finalised one (id 2).
for text in "My scooter was stolen from the market parking on Monday night." \
            "मेरा नाम सुनीता देवी है। कल शाम 7 बजे लाल बाग बाज़ार में मेरा मोबाइल फ़ोन चोरी हो गया।"; do
  curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"text\": \"$text\", \"files\": [], \"language\": \"auto\", \"urgent\": false}" \
    "http://127.0.0.1:$port/process" >/dev/null
done
for _ in $(seq 100); do
  [[ $(curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$port/jobs/2") == *awaiting_review* ]] && break
  sleep 0.2
done
# Item 13's action is the officer's choice, never in a statement.
curl -sf -X PATCH -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '[{"path": "action_taken.action", "value": "registered_and_investigating"}]' \
  "http://127.0.0.1:$port/cases/2/draft" >/dev/null
curl -sf -X POST -H "Authorization: Bearer $key" "http://127.0.0.1:$port/firs/2/finalize" >/dev/null

mkdir -p artifacts/api-fuzz
set +e
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
  --checks not_a_server_error \
  --header "Authorization: Bearer $key" \
  --phases examples,coverage,fuzzing \
  --max-examples 25 --seed 20261127 --max-time "$max_time" \
  --request-timeout 15 --workers 1 \
  --report junit --report-dir artifacts/api-fuzz
status=$?
set -e
if (( status != 0 )); then
  echo "api-fuzz: failures above; the server's log:" >&2
  tail -n 40 "$work/serve.log" >&2
fi
exit $status
