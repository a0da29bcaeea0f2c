#!/usr/bin/env bash
# Builds bench/large/sqlite.wasm (and sqlite-debug.wasm, the same at -O0): the SQLite amalgamation plus sqlite_demo.c
# as a WASI command (see sqlite_demo.c for what it runs). It serves two
# purposes: a large real-world module (over a megabyte of code, with a name
# section) for decoder and validator throughput, and a real program for the
# engine and its WASI layer.
#
# Source: the npm registry is the one place this machine can fetch SQLite
# from, and the better-sqlite3 package ships the unmodified amalgamation
# (deps/sqlite3/sqlite3.c, SQLite 3.54.1, public domain). `npm pack`
# downloads the tarball and checks its registry integrity hash; we then pin
# the amalgamation itself by SHA-256, so a changed upload cannot slip in.
# The download is cached in bench/large/.cache (git-ignored).
#
# Toolchain: see tools/wasi-toolchain/env.sh (plus binaryen's wasm-opt).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
PKG="better-sqlite3@13.2.0"
SQLITE_C_SHA256="75a4760a7b9727a4c4c877aec92eacf39e52a8f2921ce00bd33be6d3a8e8e254"
cache="$here/.cache"
src="$cache/package/deps/sqlite3"

if [[ ! -f "$src/sqlite3.c" ]] || ! echo "$SQLITE_C_SHA256  $src/sqlite3.c" | sha256sum -c --status; then
  rm -rf "$cache" && mkdir -p "$cache"
  (cd "$cache" && npm pack --silent "$PKG" >/dev/null && tar xzf ./*.tgz package/deps/sqlite3 && rm ./*.tgz)
  echo "$SQLITE_C_SHA256  $src/sqlite3.c" | sha256sum -c --status ||
    { echo "large/build.sh: $src/sqlite3.c does not have the pinned SHA-256" >&2; exit 1; }
fi

source "$here/../../tools/wasi-toolchain/env.sh"
wasi_require "$WASI_CC" wasm-ld-14 wasm-opt

# A single-threaded, in-memory-friendly configuration: no threads, no
# dynamic extensions, no WAL or mmap (WASI has neither shared memory nor
# mmap), no shared cache. The ENABLE flags add real code (FTS5, R-tree,
# geopoly, STAT4, dbstat, math functions) to make a bigger, more varied
# module; the demo uses FTS5 and the math functions.
defines=(
  -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL
  -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_MAX_MMAP_SIZE=0 -DSQLITE_DEFAULT_MEMSTATUS=0
  -DSQLITE_DQS=0
  -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_GEOPOLY
  -DSQLITE_ENABLE_STAT4 -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_MATH_FUNCTIONS
)

obj="$(mktemp -d)"
trap 'rm -rf "$obj"' EXIT
# Compile and link in separate steps: clang only runs wasm-opt itself when
# the link command has -O, and we want to run it ourselves with --debuginfo
# so the name section (function names) survives optimisation.
"$WASI_CC" "${WASI_CFLAGS[@]}" -O2 "${defines[@]}" -I"$src" -c "$src/sqlite3.c" -o "$obj/sqlite3.o"
"$WASI_CC" "${WASI_CFLAGS[@]}" -O2 -I"$src" -c "$here/sqlite_demo.c" -o "$obj/demo.o"
"$WASI_CC" "${WASI_CFLAGS[@]}" -Wl,--strip-debug "$obj/sqlite3.o" "$obj/demo.o" -o "$obj/sqlite.wasm"
wasm-opt -O2 --debuginfo "$obj/sqlite.wasm" -o "$here/sqlite.wasm"

# The same program as a debug build would be (-O0, names kept, DWARF dropped):
# 2.9 MB of code, unoptimised, the shape that inspectors, bundlers and
# debuggers meet most. The decoder and validator benchmark reads both.
"$WASI_CC" "${WASI_CFLAGS[@]}" -O0 "${defines[@]}" -I"$src" -c "$src/sqlite3.c" -o "$obj/sqlite3-O0.o"
"$WASI_CC" "${WASI_CFLAGS[@]}" -O0 -I"$src" -c "$here/sqlite_demo.c" -o "$obj/demo-O0.o"
"$WASI_CC" "${WASI_CFLAGS[@]}" -Wl,--strip-debug "$obj/sqlite3-O0.o" "$obj/demo-O0.o" -o "$here/sqlite-debug.wasm"
printf '%-12s %8d bytes\n' sqlite "$(wc -c <"$here/sqlite.wasm")"
