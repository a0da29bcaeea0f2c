#!/usr/bin/env bash
# Builds CoreMark 1.0 (EEMBC's, from its public repository eembc/coremark; not ours to commit)
# for wasm32-wasi with the shared toolchain, into bench/coremark/coremark.wasm (git-ignored).
#
#   bench/coremark/build.sh <coremark source folder>
#
# The folder is a checkout of eembc/coremark (core_*.c, coremark.h, posix/). The posix port
# reads its seeds and the iteration count from argv (`0x0 0x0 0x66 N`: run.mjs passes them);
# CoreMark's own timer (clock_gettime, through WASI's clock_time_get) measures the run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../tools/wasi-toolchain/env.sh"
src="${1:?usage: build.sh <coremark source folder>}"
wasi_require "$WASI_CC"
for f in core_list_join.c core_main.c core_matrix.c core_state.c core_util.c posix/core_portme.c; do
  [[ -f "$src/$f" ]] || { echo "build.sh: $src/$f not found: is $src a CoreMark checkout?" >&2; exit 1; }
done
"$WASI_CC" "${WASI_CFLAGS[@]}" -O2 -I"$src/posix" -I"$src" \
  -DFLAGS_STR='"-O2"' -DPERFORMANCE_RUN=1 -DHAS_FLOAT=1 \
  "$src"/core_list_join.c "$src"/core_main.c "$src"/core_matrix.c "$src"/core_state.c "$src"/core_util.c \
  "$src"/posix/core_portme.c -o "$here/coremark.wasm" -Wno-everything
echo "built $here/coremark.wasm"
