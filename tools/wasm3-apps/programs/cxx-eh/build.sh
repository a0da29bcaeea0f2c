#!/usr/bin/env bash
# Builds eh.wasm: eh.cpp and the exception runtime eh-runtime.cpp with clang's WebAssembly
# exception handling (-fwasm-exceptions: clang-14 emits the legacy try/catch/rethrow encoding),
# against wasi-libc and Debian's wasm32 libc++abi (for RTTI; it has no exception support of its
# own). The C++ tag is exported so that the host can read an uncaught exception's payload.
# The built file is committed, so tests and CI need no compiler.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../../wasi-toolchain/env.sh"
wasi_require "$WASI_CXX" wasm-ld-14
"$WASI_CXX" "${WASI_CFLAGS[@]}" -O2 -fwasm-exceptions -fuse-ld=lld \
  -Wl,--export=__cpp_exception -o "$here/eh.wasm" "$here/eh.cpp" "$here/eh-runtime.cpp" -lc++abi
echo "built $here/eh.wasm ($(wc -c < "$here/eh.wasm") bytes)"

# The oracle: Node's native WebAssembly (legacy exceptions are enough), with @rt/wasi.
tool="$here/../.."
(cd "$tool" && node --import tsx src/run-program.ts native "$here/eh.wasm") | sed -n 's/^RESULT //p' > "$here/eh.expected.json"
echo "Node's output in eh.expected.json"
