#!/bin/sh
# Builds the test programs into committed .wasm files, so the tests need no compiler.
# Needs Debian's clang-14, lld-14, wasi-libc and libclang-rt-14-dev-wasm32.
set -eu
cd "$(dirname "$0")"
SYSROOT=/usr/share/wasi-sysroot
# Debian installs wasi-libc into clang's default wasm32-wasi paths; pass --sysroot only if present.
if [ -d "$SYSROOT" ]; then SYSROOT_FLAG="--sysroot=$SYSROOT"; else SYSROOT_FLAG=""; fi
for src in *.c; do
  out="${src%.c}.wasm"
  clang-14 --target=wasm32-wasi $SYSROOT_FLAG -O2 -Wl,--strip-all -Wall -Wno-unused-result -o "$out" "$src"
  echo "built $out"
done
