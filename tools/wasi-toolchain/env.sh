# Sourced by every script that builds C to WebAssembly (examples/build.sh, bench/build.sh,
# bench/large/build.sh, packages/wasi/test/programs/build.sh): one place that finds the toolchain.
#
# Toolchain (Debian bookworm): apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
# (and binaryen, wabt for the scripts that use wasm-opt or wasm-objdump; libc++-14-dev-wasm32 and
# libc++abi-14-dev-wasm32 for C++).
# Debian's clang-14 finds wasi-libc in /usr/{include,lib}/wasm32-wasi by itself; set WASI_SYSROOT
# to use another sysroot (a wasi-sdk one, say), or CC to use another clang.
#
# Defines:
#   WASI_CC        the C compiler (CC, default clang-14)
#   WASI_CXX       the C++ compiler (CXX, default clang++-14)
#   WASI_CFLAGS    an array: --target=wasm32-wasi and the sysroot, if one is needed
#   wasi_require   wasi_require TOOL...: exits with a message naming the first missing tool

WASI_CC="${CC:-clang-14}"
WASI_CXX="${CXX:-clang++-14}"
WASI_CFLAGS=(--target=wasm32-wasi)
if [[ -n "${WASI_SYSROOT:-}" ]]; then
  WASI_CFLAGS+=("--sysroot=$WASI_SYSROOT")
elif [[ -d /usr/share/wasi-sysroot ]]; then
  WASI_CFLAGS+=(--sysroot=/usr/share/wasi-sysroot)
fi

wasi_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$(basename "$0"): $tool not found (see tools/wasi-toolchain/env.sh for the toolchain)" >&2
      exit 1
    }
  done
}
