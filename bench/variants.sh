#!/bin/bash
# Builds variants of the Wasm module for A/B runs with bench/ab.mjs:
#   bench/variants.sh [OUT]      (default OUT=target/variants; each variant is OUT/<name>/)
# base: the LTO build at opt-level 3, bound by wasm-bindgen; strip: base with names and producers
# stripped (what `cargo xtask wasm` ships); O1/O3/O4/Oz: wasm-opt levels; simd: +simd128;
# ol2/ols: opt-level 2 and "s" (then stripped). RUSTFLAGS replaces .cargo/config.toml's wasm32
# rustflags, so the simd variant repeats its inline threshold. Run `cargo xtask wasm` once
# first (it installs wasm-bindgen and binaryen's wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/variants}
BG=${WASM_BINDGEN:-wasm-bindgen}
OPT=www/node_modules/.bin/wasm-opt
FEAT="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types"
T=wasm32-unknown-unknown
mkdir -p "$OUT"
bind() { rm -rf "$OUT/$2"; "$BG" "$1" --target web --out-dir "$OUT/$2"; rm -f "$OUT/$2/.gitignore"; }
opt() { # from name flags...
  local from=$1 name=$2; shift 2
  rm -rf "$OUT/$name"; mkdir -p "$OUT/$name"; cp "$OUT/$from/newsmark.js" "$OUT/$name/"
  $OPT "$@" $FEAT "$OUT/$from/newsmark_bg.wasm" -o "$OUT/$name/newsmark_bg.wasm"
}
cargo build --release --target $T --lib
bind target/$T/release/newsmark.wasm base
opt base strip --strip-debug --strip-producers
for l in O1 O3 O4 Oz; do opt base $l -$l; done
CARGO_TARGET_DIR=target/variants-simd RUSTFLAGS="-C target-feature=+simd128 -C llvm-args=-inline-threshold=75" cargo build --release --target $T --lib
bind target/variants-simd/$T/release/newsmark.wasm simd-base
opt simd-base simd --strip-debug --strip-producers --enable-simd
for l in 2 s; do
  CARGO_TARGET_DIR=target/variants-ol$l CARGO_PROFILE_RELEASE_OPT_LEVEL=$l cargo build --release --target $T --lib
  bind target/variants-ol$l/$T/release/newsmark.wasm ol$l-base
  opt ol$l-base ol$l --strip-debug --strip-producers
done
ls -l "$OUT"/*/newsmark_bg.wasm
