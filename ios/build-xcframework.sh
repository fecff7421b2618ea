#!/usr/bin/env bash
# Builds the core for iOS as an XCFramework the Swift package links:
#   - static libraries for devices (aarch64-apple-ios) and simulators
#     (aarch64-apple-ios-sim and x86_64-apple-ios, joined with lipo),
#   - the C headers and module map of the FFI, and the generated Swift, from
#     scripts/generate-bindings.sh (the same generation the other checks use).
# Output: ios/Sentier/SentierCoreRS.xcframework (not committed).
# Needs macOS with Xcode and `rustup target add aarch64-apple-ios
# aarch64-apple-ios-sim x86_64-apple-ios`.
# Usage: ios/build-xcframework.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
flag=(); [ "$profile" = release ] && flag=(--release)
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
lib=libsentier_ffi.a
export IPHONEOS_DEPLOYMENT_TARGET=17.0

for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  cargo build -p sentier-ffi --lib --locked --target "$target" "${flag[@]}"
done

simulator_dir="$target_dir/ios-simulator-universal/$profile"
mkdir -p "$simulator_dir"
lipo -create \
  "$target_dir/aarch64-apple-ios-sim/$profile/$lib" \
  "$target_dir/x86_64-apple-ios/$profile/$lib" \
  -output "$simulator_dir/$lib"

scripts/generate-bindings.sh "$profile"

headers=ios/Sentier/Sources/SentierFFIHeaders/include
output=ios/Sentier/SentierCoreRS.xcframework
rm -rf "$output"
xcodebuild -create-xcframework \
  -library "$target_dir/aarch64-apple-ios/$profile/$lib" -headers "$headers" \
  -library "$simulator_dir/$lib" -headers "$headers" \
  -output "$output"
echo "wrote $output"
