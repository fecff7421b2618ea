#!/usr/bin/env bash
# Builds the sentier-ffi library for the host and generates the Kotlin and Swift
# bindings from it (library mode: the exported API is read from the built
# library, so the generated code always matches it). Generated code is not
# committed: Kotlin goes to android/sentier/build/generated/uniffi, Swift to
# ios/Sentier/Sources/SentierFFI and the C headers and module maps of the FFI
# to ios/Sentier/Sources/SentierFFIHeaders/include.
# Usage: scripts/generate-bindings.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-debug}"
flag=(); [ "$profile" = release ] && flag=(--release)
cargo build -p sentier-ffi --locked "${flag[@]}"
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
lib_name=libsentier_ffi.so
[ "$(uname)" = Darwin ] && lib_name=libsentier_ffi.dylib
# A private copy: the target dir may be shared by several worktrees whose
# builds overwrite target/<profile>/ at any time; the Kotlin host tests load
# this copy (android/sentier/build/native), so it always matches the bindings.
native_dir=android/sentier/build/native
mkdir -p "$native_dir"
cp "$target_dir/$profile/$lib_name" "$native_dir/$lib_name"
lib="$native_dir/$lib_name"
bindgen=(cargo run -q -p sentier-ffi --bin uniffi-bindgen --locked "${flag[@]}" --)

kotlin_out=android/sentier/build/generated/uniffi
rm -rf "$kotlin_out"
"${bindgen[@]}" generate --library "$lib" --language kotlin --no-format --out-dir "$kotlin_out"

swift_out=ios/Sentier/Sources/SentierFFI
headers_out=ios/Sentier/Sources/SentierFFIHeaders/include
rm -rf "$swift_out" "$headers_out"
"${bindgen[@]}" generate --library "$lib" --language swift --no-format --out-dir "$swift_out"
mkdir -p "$headers_out"
mv "$swift_out"/*.h "$headers_out/"
# One module map for all namespaces' headers, as the XCFramework expects.
for map in "$swift_out"/*.modulemap; do cat "$map"; echo; done > "$headers_out/module.modulemap"
rm "$swift_out"/*.modulemap
# Two rewrites that change no meaning, so tree-sitter-swift (the parse check on
# machines without Swift) can read the files:
# - UniFFI guards its `@_documentation` attributes with `#if swift(>=5.8)`; the
#   package requires Swift 5.9, so the guard is always true and is dropped;
# - the unit closure `{ () }` of foreign-trait callbacks is written `{ }`, the
#   same `() -> ()` closure.
perl -0pi -e 's/^[ \t]*#if swift\(>=5\.8\)\n([ \t]*\@_documentation\(visibility: private\)\n)[ \t]*#endif\n/$1/mg; s/let writeReturn = \{ \(\) \}/let writeReturn = { }/g' "$swift_out"/*.swift
