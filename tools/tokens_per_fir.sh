#!/usr/bin/env bash
# Tokens per FIR and time to draft, two builds of `afirgen` in one run: each sample
# complaint is drafted by BEFORE then AFTER, one at a time, each build's LLM calls going
# through its own tools/llm_usage_proxy.py, so both meet the same machine and the same
# server. Prints the totals, per-complaint figures and the AFTER/BEFORE ratios.
#
#   tools/tokens_per_fir.sh BEFORE_BIN AFTER_BIN [CASES.jsonl]
#
# Needs the local model servers (`afirgen models up --detach`): the LLM at
# AFIRGEN_LLM_UPSTREAM (default http://127.0.0.1:18180), the embedding server at
# AFIRGEN_EMBED_URL (default http://127.0.0.1:18182). Nothing else should load the machine.
set -euo pipefail
before=$(realpath "$1") after=$(realpath "$2")
cases=${3:-$(dirname "$0")/../../shared/samples/complaints.jsonl}
upstream=${AFIRGEN_LLM_UPSTREAM:-http://127.0.0.1:18180}
export AFIRGEN_EMBED_URL=${AFIRGEN_EMBED_URL:-http://127.0.0.1:18182}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
python3 - "$cases" "$work" <<'EOF'
import json, sys
for i, line in enumerate(l for l in open(sys.argv[1]) if l.strip()):
    open(f"{sys.argv[2]}/c{i:02d}.txt", "w").write(json.loads(line)["text"])
EOF
python3 "$here/llm_usage_proxy.py" "$upstream" 18291 "$work/usage-before.jsonl" &
python3 "$here/llm_usage_proxy.py" "$upstream" 18292 "$work/usage-after.jsonl" &
sleep 1
for f in "$work"/c*.txt; do
  for tag in before after; do
    if [[ $tag == before ]]; then bin=$before port=18291; else bin=$after port=18292; fi
    start=$(date +%s.%N)
    AFIRGEN_DATA_DIR="$work/data-$tag" AFIRGEN_LLM_URL=http://127.0.0.1:$port \
      "$bin" generate --text "$f" >/dev/null 2>"$work/err-$tag.log"
    echo "$tag $(basename "$f") $(echo "$(date +%s.%N) - $start" | bc)" >>"$work/times.txt"
  done
done
python3 - "$work" <<'EOF'
import json, statistics, sys
work = sys.argv[1]
times = [l.split() for l in open(f"{work}/times.txt")]
figures = {}
for tag in ("before", "after"):
    usage = [json.loads(l) for l in open(f"{work}/usage-{tag}.jsonl")]
    secs = [float(t[2]) for t in times if t[0] == tag]
    n = len(secs)
    figures[tag] = {
        "calls": len(usage),
        "prompt": sum(u.get("prompt_tokens", 0) for u in usage) / n,
        "completion": sum(u.get("completion_tokens", 0) for u in usage) / n,
        "median_s": statistics.median(secs),
        "mean_s": statistics.mean(secs),
    }
    f = figures[tag]
    print(f"{tag:>6}: {n} complaints, {f['calls']} LLM calls, per complaint {f['prompt']:.0f} prompt "
          f"and {f['completion']:.0f} completion tokens; time to draft median {f['median_s']:.1f} s, "
          f"mean {f['mean_s']:.1f} s")
    print("        completion tokens per call:", sorted(u.get("completion_tokens", 0) for u in usage))
b, a = figures["before"], figures["after"]
for key in ("prompt", "completion", "median_s", "mean_s"):
    print(f"after/before {key}: {a[key] / b[key]:.2f}")
EOF
