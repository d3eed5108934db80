#!/usr/bin/env bash
# Builds the wasm package for browsers (pkg-web/, ES module) and Node (pkg-node/): cargo with the
# size-tuned `wasm-release` profile, wasm-bindgen (the CLI must equal the crate's exact pin),
# wasm-opt from npm binaryen (Debian's binaryen 108 emits broken modules), then the JS layer and
# types: the API shared with the Node binding (bindings-js/, emitted as an ES module with
# js/native.js, this package's adapter, appended) and the entries in js/. Needs `npm ci` in this
# folder first (for wasm-opt).
set -euo pipefail
cd "$(dirname "$0")"
target_dir="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
cargo build --locked -p maia-provision-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/maia_provision_wasm.wasm"

rm -rf pkg-web pkg-node
# --experimental-reset-state-function: js/native.js replaces a trapped instance with a fresh one.
wasm-bindgen --target web --experimental-reset-state-function --no-typescript --out-dir pkg-web "$wasm"
wasm-bindgen --target nodejs --experimental-reset-state-function --no-typescript --out-dir pkg-node "$wasm"

opt() { node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers "$1" -o "$1"; }
opt pkg-web/maia_provision_wasm_bg.wasm
if cmp -s pkg-web/maia_provision_wasm_bg.wasm pkg-node/maia_provision_wasm_bg.wasm; then :; else opt pkg-node/maia_provision_wasm_bg.wasm; fi

# The shared API and this package's adapter, as one ES module per target.
api_module() { { ../bindings-js/emit.sh esm; cat js/native.js; } | ../bindings-js/emit.sh strip-comments; }
api_module > pkg-web/api-core.js
api_module > pkg-node/api-core.mjs
for pkg in pkg-web pkg-node; do cp ../bindings-js/api.d.ts ../bindings-js/types.d.ts "$pkg/"; done

cp js/index.js pkg-web/
cp js/index.d.ts pkg-web/index.d.ts
cat > pkg-web/package.json <<'JSON'
{
  "name": "maia-provision-wasm",
  "version": "0.1.0",
  "license": "Apache-2.0",
  "type": "module",
  "exports": { ".": { "types": "./index.d.ts", "default": "./index.js" } },
  "types": "./index.d.ts",
  "sideEffects": ["./index.js"]
}
JSON

cp js/index.mjs pkg-node/index.mjs
cp js/index.d.ts pkg-node/index.d.mts
# wasm-bindgen's nodejs glue is CommonJS (TOOLCHAIN W6); the entry and the API are .mjs.
cat > pkg-node/package.json <<'JSON'
{
  "name": "maia-provision-wasm",
  "version": "0.1.0",
  "license": "Apache-2.0",
  "type": "commonjs",
  "exports": { ".": { "types": "./index.d.mts", "default": "./index.mjs" } },
  "engines": { "node": ">=18" }
}
JSON
