#!/usr/bin/env bash
# Brings a fresh machine to what scripts/test.sh needs, before any long build,
# and does nothing more once it is there (safe to run every time):
# - Rust's rustfmt and clippy components (rustup);
# - Maven, Python 3 with pip, Node.js with npm, Chromium, and the libraries and
#   fonts Skia needs to render the app's screens (Debian packages,
#   installed with apt-get when run as root, else named with the command to run);
# - the Swift parse check's Python packages (scripts/requirements.txt);
# - the rendering check's npm packages (tests/render, `npm ci` from the lock,
#   never a browser download: the check drives the system's Chromium).
# Exits non-zero with a message saying what is missing and how to get it.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: %s\n' "$*" >&2
  exit 1
}

command -v cargo >/dev/null || fail "no cargo: install Rust with rustup (https://rustup.rs)"
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "installing the Rust component $component"
    rustup component add "$component"
  fi
done

# Debian packages: command -> package.
declare -A packages=([mvn]=maven [python3]=python3 [node]=nodejs [npm]=npm [chromium]=chromium)
missing=()
for tool in mvn python3 node npm chromium; do
  command -v "$tool" >/dev/null || missing+=("${packages[$tool]}")
done
if ! python3 -m pip --version >/dev/null 2>&1; then
  missing+=(python3-pip)
fi
# The app's screen renders (scripts/screens.sh): Skia's native library for the
# JVM loads these shared libraries, and text needs at least one font.
declare -A libraries=([libGL.so.1]=libgl1 [libX11.so.6]=libx11-6 [libfontconfig.so.1]=libfontconfig1)
for library in "${!libraries[@]}"; do
  ldconfig -p 2>/dev/null | grep -q "$library" || missing+=("${libraries[$library]}")
done
[ -n "$(find /usr/share/fonts -name "*.ttf" -print -quit 2>/dev/null)" ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    fail "missing ${missing[*]}: install them (e.g. sudo apt-get install ${missing[*]}) and run again"
  fi
fi

node_major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
[ "$node_major" -ge 20 ] || fail "Node.js $(node --version) is too old for the rendering check: it needs 20 or newer"

if ! python3 -c 'import tree_sitter, tree_sitter_swift' 2>/dev/null; then
  say "installing the Swift parse check's Python packages (scripts/requirements.txt)"
  # A Debian-managed Python refuses pip outside a virtual environment (PEP 668).
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r scripts/requirements.txt ||
    python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --break-system-packages -r scripts/requirements.txt
  python3 -c 'import tree_sitter, tree_sitter_swift' ||
    fail "the Python packages of scripts/requirements.txt cannot be imported after installing them"
fi

# The rendering check's packages, reinstalled only when the lock changed.
lock_sum=$(sha256sum tests/render/package-lock.json | cut -d' ' -f1)
stamp=tests/render/node_modules/.sentier-lock-sha256
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing the rendering check's npm packages (tests/render, npm ci)"
  (cd tests/render && npm ci --no-audit --no-fund)
  echo "$lock_sum" >"$stamp"
fi
