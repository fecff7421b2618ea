#!/usr/bin/env bash
# Every check of the project, in the order a failure is cheapest to see:
# set-up (scripts/setup.sh installs or names what is missing, before any
# build), formatting, lints, Rust tests, Kotlin host tests over the generated
# bindings, the app's screens rendered on the host, the Swift parse check, the
# map rendering check (headless Chromium). Exits non-zero at the first failing
# step.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n=== %s\n' "$*"; }

step "set-up: tools and packages the checks need"
scripts/setup.sh

step "rustfmt"
cargo fmt --all -- --check

step "clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The app library and a CLI without the demo, as they build on their own:
# without the mbtiles-validation feature and the test kit.
cargo clippy -p sentier-ffi -p sentier-cli --no-default-features --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked

step "bindings: desktop cdylib and generated Kotlin/Swift"
scripts/generate-bindings.sh debug
# The local servers the Kotlin tests start, next to the library they load.
cargo build -p sentier-testkit --bins --locked
for server in fake-geotrek field-server pack-server; do
  cp "${CARGO_TARGET_DIR:-$PWD/target}/debug/$server" android/sentier/build/native/
done

step "Kotlin host tests (Maven, JNA on the desktop cdylib)"
mvn -B --no-transfer-progress -f android/sentier/pom.xml test

step "Android app screens rendered on the host (Compose desktop, the real core, PNGs)"
scripts/screens.sh

step "Swift parse check"
python3 scripts/swift_parse_check.py ios

step "map rendering check (sentier map, MapLibre GL JS in headless Chromium)"
cargo build -p sentier-cli --locked
# A private copy of the binary, for the same reason as the bindings' library.
mkdir -p tests/render/build
cp "${CARGO_TARGET_DIR:-$PWD/target}/debug/sentier" tests/render/build/sentier
(cd tests/render && SENTIER_BIN="$PWD/build/sentier" node --test)

echo
echo "all checks passed"
