#!/usr/bin/env bash
# Builds the example programs (examples/*/NAME.c -> examples/*/NAME.wasm).
#
# The built .wasm files are committed, so running the examples never needs a compiler; run this
# only after changing a program.
#
# Toolchain (Debian bookworm): apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
# Debian's clang-14 finds wasi-libc in /usr/{include,lib}/wasm32-wasi by itself; set WASI_SYSROOT
# to use another sysroot (e.g. a wasi-sdk one). The name section is kept so that `rt inspect`
# shows function names and trap backtraces name their functions: compile and link are separate
# steps because clang runs wasm-opt (which drops the name section) when a link command has -O
# and wasm-opt is on PATH. --strip-debug drops the DWARF that Debian's libc.a carries.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
CC="${CC:-clang-14}"

for tool in "$CC" wasm-ld-14; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (see the header of this script)" >&2; exit 1; }
done

cflags=(--target=wasm32-wasi)
if [[ -n "${WASI_SYSROOT:-}" ]]; then
  cflags+=("--sysroot=$WASI_SYSROOT")
elif [[ -d /usr/share/wasi-sysroot ]]; then
  cflags+=(--sysroot=/usr/share/wasi-sysroot)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for src in "$here"/*/*.c; do
  name="$(basename "$src" .c)"
  out="$(dirname "$src")/$name.wasm"
  "$CC" "${cflags[@]}" -O2 -Wall -Wextra -c -o "$tmp/$name.o" "$src"
  "$CC" "${cflags[@]}" -fuse-ld=lld -Wl,--strip-debug -o "$out" "$tmp/$name.o"
  printf '%-24s %8d bytes\n' "${out#"$here"/}" "$(wc -c <"$out")"
done
