#!/usr/bin/env bash
# Builds calc.wasm from calc.kt with Kotlin/Wasm's WASI target (WasmGC types, exnref exceptions)
# and records the output of Deno's native engine in calc.expected. The built file is committed, so
# tests and CI need neither Java nor the compiler.
#
# Needs: java (17 or later) and npm; the compiler comes from npm's kotlin-compiler package (the
# command-line compiler with the wasm-wasi standard library), unpacked once into $KOTLIN_CACHE.
# KOTLIN_HOME=/path/to/kotlinc uses an unpacked compiler instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=2.4.20
command -v java >/dev/null || { echo "build.sh: java not found (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }

if [[ -z "${KOTLIN_HOME:-}" ]]; then
  cache="${KOTLIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rt-kotlin}"
  KOTLIN_HOME="$cache/kotlin-compiler-$version/package"
  if [[ ! -x "$KOTLIN_HOME/bin/kotlinc" ]]; then
    mkdir -p "$cache/kotlin-compiler-$version"
    (cd "$cache" && npm pack --silent "kotlin-compiler@$version" >/dev/null)
    tar xzf "$cache/kotlin-compiler-$version.tgz" -C "$cache/kotlin-compiler-$version"
    chmod +x "$KOTLIN_HOME"/bin/*
  fi
fi

stdlib="$KOTLIN_HOME/lib/kotlin-stdlib-wasm-wasi.klib"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Kotlin/Wasm compiles in two steps: sources to a klib, then the klib (with the standard library)
# to one .wasm and a .mjs loader we do not use.
kotlinc() { KOTLIN_COMPILER=org.jetbrains.kotlin.cli.js.KotlinWasmCompiler "$KOTLIN_HOME/bin/kotlinc" "$@"; }
kotlinc -Xwasm-target=wasm-wasi -libraries "$stdlib" -ir-output-dir "$out/klib" -ir-output-name calc "$here/calc.kt"
kotlinc -Xwasm-target=wasm-wasi -libraries "$stdlib" -Xir-produce-js -Xinclude="$out/klib/calc.klib" \
  -ir-output-dir "$out/wasm" -ir-output-name calc
cp "$out/wasm/calc.wasm" "$here/calc.wasm"

# The oracle: Deno's native WebAssembly, with @rt/wasi.
tool="$here/../.."
deno="$tool/node_modules/@deno/linux-x64-glibc/deno"
(cd "$tool" && "$deno" run --allow-read --allow-env src/run-program.ts native "$here/calc.wasm") \
  | sed -n 's/^RESULT //p' > "$here/calc.expected.json"
echo "built $here/calc.wasm ($(wc -c < "$here/calc.wasm") bytes); Deno's output in calc.expected.json"
