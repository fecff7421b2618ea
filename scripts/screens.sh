#!/usr/bin/env bash
# Renders every screen of the Android app on the host JVM (android/app/pom.xml:
# Compose Multiplatform desktop, the real core through JNA, the test kit's
# servers on loopback), in English and French, light and dark, at a phone's
# size, asserting each screen's texts and main action; writes
# target/screens/android/<screen>-<lang>-<light|dark>.png and index.png.
# Needs the desktop library, its Kotlin bindings and the test kit's servers in
# android/sentier/build (scripts/test.sh puts them there; on their own:
# scripts/generate-bindings.sh debug, then this script copies the servers).
# With --readme, the README's four pictures (docs/screens) are replaced by this run's.
set -euo pipefail
cd "$(dirname "$0")/.."

native=android/sentier/build/native
if [ ! -f "$native/libsentier_ffi.so" ] || [ ! -d android/sentier/build/generated/uniffi ]; then
  echo "screens: no desktop library or bindings in android/sentier/build: run scripts/generate-bindings.sh debug first" >&2
  exit 1
fi
for server in fake-geotrek field-server pack-server; do
  if [ ! -x "$native/$server" ]; then
    cargo build -p sentier-testkit --bins --locked
    cp "${CARGO_TARGET_DIR:-$PWD/target}/debug/$server" "$native/"
  fi
done

# Earlier pictures go, so the contact sheet shows this run's screens only.
rm -rf target/screens/android
mvn -B --no-transfer-progress -f android/app/pom.xml test
if [ "${1:-}" = --readme ]; then
  mkdir -p docs/screens
  cp target/screens/android/readme/*.png docs/screens/
  echo "screens: docs/screens updated"
fi
echo "screens: $(find target/screens/android -name '*.png' | wc -l) pictures in target/screens/android (index.png: all of them)"
