#!/usr/bin/env bash
# Builds the example programs (examples/*/NAME.c -> examples/*/NAME.wasm).
#
# The built .wasm files are committed, so running the examples never needs a compiler; run this
# only after changing a program.
#
# Toolchain: see tools/wasi-toolchain/env.sh. The name section is kept so that `rt inspect`
# shows function names and trap backtraces name their functions: compile and link are separate
# steps because clang runs wasm-opt (which drops the name section) when a link command has -O
# and wasm-opt is on PATH. --strip-debug drops the DWARF that Debian's libc.a carries.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../tools/wasi-toolchain/env.sh"
wasi_require "$WASI_CC" wasm-ld-14

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for src in "$here"/*/*.c; do
  name="$(basename "$src" .c)"
  out="$(dirname "$src")/$name.wasm"
  "$WASI_CC" "${WASI_CFLAGS[@]}" -O2 -Wall -Wextra -c -o "$tmp/$name.o" "$src"
  "$WASI_CC" "${WASI_CFLAGS[@]}" -fuse-ld=lld -Wl,--strip-debug -o "$out" "$tmp/$name.o"
  printf '%-24s %8d bytes\n' "${out#"$here"/}" "$(wc -c <"$out")"
done
