#!/usr/bin/env bash
# Builds the native library and generates the Kotlin bindings for the Maven build.
# Usage: build-native.sh OUTPUT_DIR (Maven passes ${project.build.directory}).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/target}
cd "$root"
cargo build --release -p canceranmalan-kotlin
# The generator in the dev profile: its release build takes minutes and buys nothing.
cargo build -p uniffi-bindgen
lib="$root/target/release/libcanceranmalan_kotlin.so"
rm -rf "$out/generated-sources/uniffi"
"$root/target/debug/uniffi-bindgen" generate --library "$lib" --language kotlin \
  --out-dir "$out/generated-sources/uniffi" --no-format
# JNA finds a library inside the jar under its platform prefix (linux-x86-64 here).
rm -rf "$out/native"
mkdir -p "$out/native/linux-x86-64"
cp "$lib" "$out/native/linux-x86-64/"
# A release adds the libraries scripts/release cross-built for the other platforms, already
# under their JNA prefixes (linux-aarch64, darwin-x86-64, darwin-aarch64, win32-x86-64).
if [ -n "${CANCERANMALAN_NATIVES:-}" ]; then
  cp -r "$CANCERANMALAN_NATIVES"/. "$out/native/"
fi
