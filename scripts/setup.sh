#!/usr/bin/env bash
# Installs what AFIRGen's commands need on a fresh Debian machine, idempotently: a second
# run only checks. Rust (cargo) is assumed; everything else comes from here.
#
#   scripts/setup.sh            what the demo needs
#   scripts/setup.sh --test     also what the test suite needs (MariaDB server)
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust (https://rustup.rs) and run this again." >&2
  exit 1
fi

# Debian packages: (binary to look for, package providing it).
packages=()
need() { command -v "$1" >/dev/null 2>&1 || [[ -x "$1" ]] || packages+=("$2"); }
need cc gcc
if (( want_test )); then
  need /usr/sbin/mariadbd mariadb-server
  need mariadb mariadb-client
  # Test fixtures: speech (espeak-ng, sox), scans (Pango text, ImageMagick noise),
  # Opus decoding (ffmpeg), a Devanagari font.
  need espeak-ng espeak-ng
  need sox sox
  need ffmpeg ffmpeg
  need pango-view pango1.0-tools
  need /usr/bin/convert-im6.q16 imagemagick
  need curl curl
  need pdftotext poppler-utils
  [[ -f /usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf ]] || packages+=(fonts-lohit-deva)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || packages+=(fonts-dejavu-core)
fi

if (( ${#packages[@]} )); then
  echo "setup: installing Debian packages: ${packages[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
