#!/usr/bin/env bash
# Installs what AFIRGen's commands need on a fresh Debian machine, idempotently: a second
# run only checks. Rust (cargo) is assumed; everything else comes from here.
#
#   scripts/setup.sh            what the demo needs
#   scripts/setup.sh --test     also what the test suite needs (MariaDB server, the
#                               desktop app's build and end-to-end test dependencies)
#   scripts/setup.sh --desktop  what building the desktop app needs (WebKitGTK, Node.js)
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"

want_test=0
want_desktop=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1; want_desktop=1 ;;
    --desktop) want_desktop=1 ;;
    *) echo "setup: unknown option $arg (use --test or --desktop)" >&2; exit 2 ;;
  esac
done

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
  # The QR code printed on an FIR is read back from the page image.
  need zbarimg zbar-tools
  [[ -f /usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf ]] || packages+=(fonts-lohit-deva)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || packages+=(fonts-dejavu-core)
  # Desktop end-to-end test: a virtual display and WebKitGTK's WebDriver.
  need Xvfb xvfb
  need /usr/bin/WebKitWebDriver webkit2gtk-driver
  # The desktop e2e's own session bus, watched for the app's OS notifications.
  need dbus-daemon dbus-daemon
  need dbus-monitor dbus-bin
  # Browser end-to-end test of the station server (Playwright drives Debian's Chromium).
  need /usr/bin/chromium chromium
fi
if (( want_desktop )); then
  # Tauri 2 on Linux: WebKitGTK 4.1, GTK 3, librsvg (icons), libxdo (menu shortcuts).
  need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" || packages+=("$1"); }
  need_pkg libwebkit2gtk-4.1-dev
  need_pkg libgtk-3-dev
  need_pkg librsvg2-dev
  need_pkg libxdo-dev
  need pkg-config pkg-config
  need node nodejs
  need npm npm
fi

if (( ${#packages[@]} )); then
  echo "setup: installing Debian packages: ${packages[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
