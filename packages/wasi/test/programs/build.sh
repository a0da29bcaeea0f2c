#!/usr/bin/env bash
# Builds the test programs into committed .wasm files, so the tests need no compiler.
# Toolchain: see tools/wasi-toolchain/env.sh at the repository root.
set -euo pipefail
cd "$(dirname "$0")"
source ../../../../tools/wasi-toolchain/env.sh
wasi_require "$WASI_CC" "$WASI_CXX" wasm-ld-14
for src in *.c; do
  out="${src%.c}.wasm"
  "$WASI_CC" "${WASI_CFLAGS[@]}" -O2 -Wl,--strip-all -Wall -Wno-unused-result -o "$out" "$src"
  echo "built $out"
done
# C++ (libc++ over wasi-libc; without exceptions, which need a newer toolchain in WebAssembly).
for src in *.cpp; do
  out="${src%.cpp}.wasm"
  "$WASI_CXX" "${WASI_CFLAGS[@]}" -std=c++17 -O2 -fno-exceptions -Wl,--strip-all -Wall -o "$out" "$src"
  echo "built $out"
done
