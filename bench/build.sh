#!/usr/bin/env bash
# Builds the benchmark programs (bench/programs/*.c -> bench/wasm/*.wasm) and
# the large real-world module (SQLite -> bench/large/sqlite.wasm).
#
# The built .wasm files are committed, so running the benchmarks never needs
# a compiler; run this only after changing a program.
#
#   bench/build.sh            # everything
#   bench/build.sh programs   # only bench/wasm/*.wasm
#   bench/build.sh large      # only bench/large/sqlite.wasm (downloads SQLite)
#
# Toolchain: see tools/wasi-toolchain/env.sh (plus wabt and binaryen here).
# Every module goes through binaryen's `wasm-opt -O2` after linking, as
# clang itself does when binaryen is installed; we run it explicitly so the
# output does not depend on whether wasm-opt happens to be on PATH.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../tools/wasi-toolchain/env.sh"
wasi_require "$WASI_CC" wasm-ld-14 wasm-opt wasm-objdump

# Prints the module's imports, one "module.name" per line.
imports_of() {
  wasm-objdump -x -j Import "$1" 2>/dev/null | sed -n 's/^ - .* <- \(.*\)$/\1/p'
}

build_programs() {
  mkdir -p "$here/wasm"
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  for src in "$here"/programs/*.c; do
    name="$(basename "$src" .c)"
    out="$here/wasm/$name.wasm"
    # A library-style module: no _start, no WASI; the runner calls the
    # exported bench_run(n) directly. wasi-libc's malloc/memcpy/memset are
    # linked in, but they import nothing. --strip-debug drops the DWARF that
    # Debian's libc.a carries (10+ KB of custom sections per tiny program).
    # Compile and link in separate steps because clang runs wasm-opt by itself
    # when the link command has -O, and that drops the name section; we run
    # wasm-opt ourselves with --debuginfo so profiles can name functions.
    "$WASI_CC" "${WASI_CFLAGS[@]}" -O2 -c -o "$tmp/$name.o" "$src"
    "$WASI_CC" "${WASI_CFLAGS[@]}" -nostartfiles -Wl,--no-entry -Wl,--export=bench_run \
      -Wl,--strip-debug -o "$tmp/$name.wasm" "$tmp/$name.o"
    wasm-opt -O2 --debuginfo "$tmp/$name.wasm" -o "$out"
    if [[ -n "$(imports_of "$out")" ]]; then
      echo "build.sh: $out must not import anything, but imports:" >&2
      imports_of "$out" >&2
      exit 1
    fi
    printf '%-12s %8d bytes\n' "$name" "$(wc -c <"$out")"
  done
}

case "${1:-all}" in
  programs) build_programs ;;
  large) "$here/large/build.sh" ;;
  all) build_programs; "$here/large/build.sh" ;;
  *) echo "usage: bench/build.sh [programs|large|all]" >&2; exit 2 ;;
esac
